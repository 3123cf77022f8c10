"""The command-line parser: ``python -m app COMMAND``; ``python -m app --help`` lists them all.

Each command family lives in a module of ``app.commands`` with ``register(subparsers)``. Errors a user
can cause are printed as their message and hint (exit 2, or 3 when the action only needs ``--yes``);
anything else is a bug and is logged with its traceback (exit 1).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from app.errors import AppError, NeedsConfirmation
from app.i18n import _
from app.paths import DataDir
from app.store.odd_records import is_overflow, out_of_bounds_error

__all__ = ["COMMAND_MODULES", "EXIT_BUG", "EXIT_CONFIRM", "EXIT_INPUT", "EXIT_OK", "build_parser", "dispatch"]

log = logging.getLogger(__name__)

COMMAND_MODULES = (
    "app.commands.shop",
    "app.commands.catalog",
    "app.commands.selling",
    "app.commands.buying",
    "app.commands.safety",
    "app.commands.demo",
    "app.commands.counter",
    "app.commands.bill_history",  # past bills found by number, customer, item, date
    "app.commands.supplier_accounts",  # what the shop owes suppliers, payments made
    "app.commands.khata_statements",  # a khata customer's statement: WhatsApp text or PDF
    "app.commands.excel_export",  # items, customers, bills to XLSX
    "app.commands.sales_reports",  # report sales: by day, category, item; margin; GST by rate
    "app.commands.owner_pin",  # the owner's PIN and the staff role
    "app.commands.forecast",
    "app.commands.onboard",
    "app.commands.sync",
    "app.commands.orders",
    "app.commands.deliveries",
    "app.commands.courier",
    "app.commands.selfcheck",
    "app.commands.assistant",
    "app.commands.agents",
    "app.commands.marketing",
    "app.commands.trade",
)

EXIT_OK, EXIT_BUG, EXIT_INPUT, EXIT_CONFIRM = 0, 1, 2, 3


class _ShowVersion(argparse.Action):
    """``--version``: the installed version is read (``importlib.metadata``) only when it is asked for."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS, default: str = argparse.SUPPRESS,
                 help: str = "show the program's version and exit") -> None:
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: object,
                 option_string: str | None = None) -> None:
        import app

        parser.exit(message=f"TAVYONIX {app.__version__}\n")


def build_parser(*, with_commands: bool = True) -> argparse.ArgumentParser:
    """The whole parser; ``with_commands=False`` gives only the options that come before a command, without
    importing every command's module (0.6 s of CPU, numpy and openpyxl among them): enough for ``python -m
    app`` with no command, which opens the window (``app.main.run``)."""
    parser = argparse.ArgumentParser(
        prog="python -m app", add_help=with_commands,
        description="TAVYONIX, the shop's operating system. With no command it opens the desktop app.")
    parser.add_argument("--version", action=_ShowVersion)
    parser.add_argument("--data-dir", default=None, help="folder for shops, backups and logs (or TAVYONIX_HOME)")
    parser.add_argument("--shop", default=None, help="which shop (default: the last one, or the demo shop)")
    parser.add_argument("--lang", choices=("en", "hi"), default=None, help="language of messages")
    # also accepted after the command; kept apart here because a sub-parser's default would overwrite them
    parser.add_argument("--json", dest="json_first", action="store_true", help="print JSON instead of text")
    parser.add_argument("--yes", dest="yes_first", action="store_true", help="confirm what needs confirming")
    if with_commands:
        sub = parser.add_subparsers(dest="command", metavar="COMMAND")
        for name in COMMAND_MODULES:
            importlib.import_module(name).register(sub)
    return parser


def dispatch(args: argparse.Namespace, data: DataDir) -> int:
    """Run the parsed command; turn our typed errors into messages for the shopkeeper."""
    handler = getattr(args, "handler", None)
    args.json = getattr(args, "json", False) or args.json_first
    args.yes = getattr(args, "yes", False) or args.yes_first
    if handler is None:
        build_parser().parse_args([args.command, "--help"])
        return EXIT_INPUT
    try:
        return int(handler(args, data) or 0)
    except NeedsConfirmation as exc:
        print(f"{exc.message}\n{exc.hint or _('Add --yes to confirm.')}", file=sys.stderr)
        return EXIT_CONFIRM
    except AppError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print(_("Stopped."), file=sys.stderr)
        return EXIT_INPUT
    except (OverflowError, UnicodeError):  # a number beyond SQLite's integers, a lone surrogate in a name
        log.info("command %s refused an unstorable value", args.command, exc_info=True)  # the file only
        print(_("A number is too large, or a text holds characters that cannot be stored; nothing was changed."),
              file=sys.stderr)
        return EXIT_INPUT
    except Exception as exc:
        if is_overflow(exc):  # records stored before the bounds existed: named, not a crash
            log.warning("command %s could not add up the shop: %s", args.command, exc)
            from app.commands.common import shop_name

            print(str(out_of_bounds_error(data.shop_db(shop_name(args, data)))), file=sys.stderr)
            return EXIT_INPUT
        log.exception("command %s failed", args.command)
        print(_("Something went wrong inside TAVYONIX; the details are in the log file. Nothing was changed "
                "by the part that failed."), file=sys.stderr)
        return EXIT_BUG
