"""The composition root: paths, logging, language, the shop, services, scheduler, then the UI or a command.

The only module that wires every room together; the handles it starts are built by :mod:`app.wiring`.
``python -m app`` opens the desktop app on the last shop (the demo shop on first run); ``python -m app
COMMAND`` runs a headless command (see ``app.commands``).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from app import config, i18n
from app.config import MachineConfig
from app.log import setup_logging
from app.paths import DataDir
from app.session import Launch, Session, open_session, restore_shop
from app.store.backup import BackupInfo
from app.wiring import make_assistant, schedule_monitor, start_agents, start_api, start_marketplace_sync

if TYPE_CHECKING:
    from app.agents.engine import DecisionEngine
    from app.assistant import Assistant

__all__ = ["DEMO_SHOP", "make_launch", "run"]

log = logging.getLogger(__name__)

DEMO_SHOP = "demo"


def _what_if(session: Session, days: int) -> Any:
    from app.sim.shop_scenario import what_if

    return what_if(session.store, session.ctx.today(), days=days)


def make_launch(data: DataDir, shop: str) -> Launch:
    from app.store.second_copy import chosen_place, every_backup

    machine = MachineConfig(data.machine_config)

    def open_shop() -> Session:
        return open_session(data, shop)

    def attach_helpers(session: Session) -> None:
        """The engine and the assistant: the window starts without them (their imports were a second of
        start-up) and gets them from a worker thread once it is shown."""
        if session.engine is not None:
            return
        from app.agents.engine import DecisionEngine

        # one engine per shop: the scheduler's cycles, the assistant's "why" and approvals share its lock
        engine = DecisionEngine(session.ctx)
        assistant = make_assistant(session.ctx, session.machine, engine=engine)
        session.engine, session.assistant = engine, assistant
        session.what_if = lambda days: _what_if(session, days)  # the Agents page's replay of the last days
        session.closers.append(assistant.close)

    def restore(backup: BackupInfo, reason: str = "damaged") -> None:
        restore_shop(data, shop, backup.path, reason=reason)

    def build_demo(progress: Callable[[float, str], None]) -> None:
        from app.sim.history import build_demo_shop

        build_demo_shop(data, shop, progress=progress)

    def start_background(session: Session) -> None:
        from app.housekeeping import backup_if_due, start_scheduler  # APScheduler: not before the window

        attach_helpers(session)
        backup_if_due(session)
        scheduler = start_scheduler(session)
        start_marketplace_sync(session)
        # open_shop above put a DecisionEngine and an Assistant on the session; the casts only narrow the
        # session's Protocols back to what this module built
        if session.engine is not None:
            start_agents(session, cast("DecisionEngine", session.engine), scheduler)
        if session.assistant is not None:
            assistant = cast("Assistant", session.assistant)
            schedule_monitor(scheduler, assistant)
            server = start_api(session.ctx, assistant, session.machine)
            if server is not None:
                session.closers.append(server.stop)

    needs_demo = shop == DEMO_SHOP and not data.shop_db(shop).exists()
    from app.commands.shop_setup import create_shop_file, may_create

    create = (lambda answers: create_shop_file(data, shop, answers)) if shop != DEMO_SHOP and may_create(
        data, shop) else None
    return Launch(data=data, shop=shop, machine=machine, open_shop=open_shop, restore=restore,
                  backups=lambda: every_backup(data.backups(shop), chosen_place(machine), shop, search=True),
                  build_demo=build_demo if needs_demo else None, start_background=start_background,
                  create_shop=create, other_shop=lambda name: make_launch(data, name),
                  attach_helpers=attach_helpers)


def run(argv: list[str] | None = None) -> int:
    from app import commands

    # Output piped or redirected on Windows would use the ANSI code page and fail on ₹ or Hindi after the
    # work was done; write UTF-8 whenever it is not a console.
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and not stream.isatty() and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")

    argv = sys.argv[1:] if argv is None else list(argv)
    # no command (the desktop app): the options alone, without importing every command's module
    args, rest = commands.build_parser(with_commands=False).parse_known_args(argv)
    if rest:  # a command, --help, or something to be refused with the whole usage
        args = commands.build_parser().parse_args(argv)
    data = DataDir(args.data_dir).ensure()
    machine = MachineConfig(data.machine_config)
    i18n.set_language(args.lang or machine.get(config.LANGUAGE))
    setup_logging(data.logs, machine.get(config.LOG_LEVEL), to_stderr=True)
    if getattr(args, "command", None):
        return commands.dispatch(args, data)
    shop = args.shop or machine.get(config.LAST_SHOP)
    from app.ui.app import run_gui

    return run_gui(make_launch(data, shop))


if __name__ == "__main__":
    sys.exit(run())
