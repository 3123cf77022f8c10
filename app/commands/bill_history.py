"""Past bills from the command line, as the Bills tab finds them:

    python -m app history [TEXT] [--from 2026-06-01] [--to 2026-06-30] [--limit 50] [--json]

TEXT is part of a bill number, a customer's name or phone, or an item's name, code or barcode.
"""

from __future__ import annotations

import argparse

from app.commands.common import common_options, emit, parse_day, rupees, session, table
from app.i18n import _
from app.paths import DataDir
from app.store.bill_history import find_bills


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("history", parents=[common_options()],
                       help="past bills and credit notes by number, customer, phone or item, between dates")
    p.add_argument("text", nargs="?", default="", help="part of a bill number, customer, phone or item")
    p.add_argument("--from", dest="date_from", help="from this day (2026-06-01)")
    p.add_argument("--to", dest="date_to", help="up to this day")
    p.add_argument("--limit", type=int, default=50)
    p.set_defaults(handler=cmd_history)


def cmd_history(args: argparse.Namespace, data: DataDir) -> int:
    start = parse_day(args.date_from).isoformat() if args.date_from else None
    end = parse_day(args.date_to).isoformat() if args.date_to else None
    with session(args, data) as s:
        found = find_bills(s.store.db(), text=args.text, date_from=start, date_to=end, limit=args.limit)
    rows = [[b.number or f"#{b.id}", b.business_date, b.customer, str(b.lines), rupees(b.total_paise), b.methods,
             _("credit note") if b.kind == "return" else b.status] for b in found]
    emit(args, {"bills": found}, table(rows, [_("Number"), _("Date"), _("Customer"), _("Items"), _("Amount"),
                                              _("Paid by"), _("Kind")]) if rows else _("No bills found."))
    return 0
