"""``report sales``: a period's sales by day, category and item, profit and margin, GST by rate; as the
Reports page shows it, printed, as JSON, or as an XLSX workbook.

    python -m app report sales [--period 7d|30d|month|last_month|fy|today] [--from D --to D] [--xlsx FILE]
                               [--pdf FILE]
    python -m app report gst|hours|daybook|stock|khata [--period ...] [--pdf FILE] [--xlsx FILE] [--json]
"""

from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path

from app.commands.book_reports import BOOKS, run_book, shop_name, write_pdf
from app.commands.common import common_options, emit, parse_day, session
from app.domain.gst import format_rate
from app.domain.money import format_inr
from app.i18n import _
from app.paths import DataDir
from app.services import sales_report as report_service


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", parents=[common_options()],
                       help="reports: sales (day, category, item, GST), gst (output and input tax, to pay), hours, "
                            "daybook, stock value, khata ageing")
    p.add_argument("what", choices=("sales", *BOOKS))
    p.add_argument("--period", choices=report_service.PERIODS, default="7d")
    p.add_argument("--from", dest="date_from", help="first day (with --to, instead of --period)")
    p.add_argument("--to", dest="date_to", help="last day")
    p.add_argument("--top", type=int, default=10, help="how many top items")
    p.add_argument("--xlsx", help="also write the report to this .xlsx file")
    p.add_argument("--pdf", help="also write the report to this .pdf file (A4)")
    p.set_defaults(handler=cmd_report)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


def cmd_report(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        start, end = report_service.period_dates(args.period, s.ctx.today())
        if args.date_from or args.date_to:
            start = parse_day(args.date_from) if args.date_from else start
            end = parse_day(args.date_to) if args.date_to else end
        if args.what != "sales":
            return run_book(args, s, start, end)
        report = report_service.sales_report(s.store, start, end, top=args.top)
        shop = shop_name(s)
    if args.xlsx:
        report_service.export_report(report, Path(args.xlsx))
    if args.pdf:
        printable = report_service.sales_printable(report)
        printable.shop = shop
        write_pdf(printable, Path(args.pdf))
    lines = [_("Sales {start} to {end}: {sales} in {bills} bills, before tax {taxable}, profit {profit} "
               "(margin {margin}), GST {tax}").format(
        start=report.start_on, end=report.end_on, sales=format_inr(report.sales_paise), bills=report.bills,
        taxable=format_inr(report.taxable_paise), profit=format_inr(report.profit_paise),
        margin=_pct(report.margin_pct), tax=format_inr(report.tax_paise))]
    lines += [f"  {d.day}  {d.bills:>4}  {format_inr(d.sales_paise):>14}" for d in report.days if d.bills]
    lines.append(_("By category:"))
    lines += [f"  {c.name:<28} {format_inr(c.sales_paise):>14}  {_pct(c.margin_pct):>7}" for c in report.categories]
    lines.append(_("Top items:"))
    lines += [f"  {i.name:<28} {format_inr(i.sales_paise):>14}  {_pct(i.margin_pct):>7}" for i in report.items]
    lines.append(_("GST by rate:"))
    lines += [f"  {format_rate(r.rate_bp):>6}  {format_inr(r.taxable_paise):>14}  {format_inr(r.tax_paise):>12}"
              for r in report.rates]
    if args.xlsx:
        lines.append(_("Written to {path}").format(path=args.xlsx))
    if args.pdf:
        lines.append(_("Saved as {path}").format(path=args.pdf))
    emit(args, {"start": report.start_on, "end": report.end_on, "bills": report.bills,
                "sales_paise": report.sales_paise, "taxable_paise": report.taxable_paise,
                "profit_paise": report.profit_paise,
                "tax_paise": report.tax_paise, "lines_without_cost": report.lines_without_cost,
                "credit_notes": report.credit_notes, "credit_notes_paise": report.credit_notes_paise,
                "days": [asdict(d) for d in report.days], "categories": [asdict(c) for c in report.categories],
                "items": [asdict(i) for i in report.items], "rates": [asdict(r) for r in report.rates],
                "xlsx": args.xlsx, "pdf": args.pdf}, "\n".join(lines))
    return 0
