"""Workbooks for Excel and the accountant, as the window's "Export to Excel" buttons make them:

    python -m app export items items.xlsx
    python -m app export customers customers.xlsx
    python -m app export bills bills.xlsx [--from 2026-11-01] [--to 2026-11-30]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app.commands.common import common_options, emit, parse_day, session
from app.i18n import _
from app.paths import DataDir
from app.services import excel_export


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", parents=[common_options()], help="items, customers or bills to an XLSX workbook")
    p.add_argument("what", choices=("items", "customers", "bills"))
    p.add_argument("file", help="the .xlsx file to write")
    p.add_argument("--from", dest="date_from", help="for bills: first day")
    p.add_argument("--to", dest="date_to", help="for bills: last day")
    p.set_defaults(handler=cmd_export)


def cmd_export(args: argparse.Namespace, data: DataDir) -> int:
    path = Path(args.file)
    with session(args, data) as s:
        if args.what == "items":
            count = excel_export.export_items(s.ctx, path)
        elif args.what == "customers":
            count = excel_export.export_customers(s.ctx, path)
        else:
            count = excel_export.export_bills(s.ctx, path, start=parse_day(args.date_from) if args.date_from else None,
                                              end=parse_day(args.date_to) if args.date_to else None)
    emit(args, {"file": str(path), "rows": count}, _("{count} rows written to {path}").format(count=count, path=path))
    return 0
