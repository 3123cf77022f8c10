"""A khata customer's statement from the command line, as the Customers tab makes it:

    python -m app statement CUSTOMER [--from 2026-09-01] [--to 2026-11-30] [--pdf statement.pdf] [--json]

CUSTOMER is the customer's number or phone. The text printed is the WhatsApp message.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app.commands.common import common_options, emit, parse_day, session
from app.commands.selling import _customer_id
from app.i18n import _, language
from app.paths import DataDir
from app.services import khata_statement


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("statement", parents=[common_options()],
                       help="a khata customer's statement: WhatsApp text, or --pdf FILE")
    p.add_argument("customer", help="customer number or phone")
    p.add_argument("--from", dest="date_from", help="first day (default: 90 days back)")
    p.add_argument("--to", dest="date_to", help="last day (default today)")
    p.add_argument("--pdf", help="also write the statement as a PDF here")
    p.set_defaults(handler=cmd_statement)


def cmd_statement(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        found = khata_statement.statement(
            s.ctx, _customer_id(s, args.customer), start=parse_day(args.date_from) if args.date_from else None,
            end=parse_day(args.date_to) if args.date_to else None, lang=language())
    text = khata_statement.whatsapp_text(found)
    if args.pdf:
        from app.commands.counter import _qt

        _qt()
        from app.ui.customers.statement_pdf import write_statement_pdf

        write_statement_pdf(found, Path(args.pdf))
        text += "\n\n" + _("Saved as {path}").format(path=args.pdf)
    emit(args, {"statement": found, "text": khata_statement.whatsapp_text(found), "pdf": args.pdf}, text)
    return 0
