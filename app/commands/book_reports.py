"""``report gst|hours|daybook|stock|khata``: the Reports page's books at the command line, printed, as JSON, as a
PDF (``--pdf FILE``) or a workbook (``--xlsx FILE``). Registered by ``report`` in
:mod:`app.commands.sales_reports`, which also writes the sales report's PDF through :func:`write_pdf`.

    python -m app report daybook --period today --pdf daybook.pdf
    python -m app report khata --json
    python -m app report gst --period last_month    (output tax, input tax credit, tax to pay: as GSTR-3B)
"""

from __future__ import annotations

import argparse
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from app.commands.common import emit
from app.i18n import _
from app.services import book_reports as books
from app.services import gst_report
from app.services import shop as shop_service
from app.services.report_tables import Printable, cell_text, write_workbook
from app.session import Session

__all__ = ["BOOKS", "run_book", "write_pdf"]

BOOKS = ("gst", "hours", "daybook", "stock", "khata")


def write_pdf(printable: Printable, path: Path) -> Path:
    from app.commands.counter import _qt

    _qt()
    from app.ui.reports.pdf import write_report_pdf

    return write_report_pdf(printable, path)


def shop_name(s: Session) -> str:
    try:
        return shop_service.profile(s.store).name
    except Exception:  # a shop without a profile still prints its report
        return s.shop


def read_book(s: Session, what: str, start: date, end: date) -> tuple[Printable, dict[str, Any]]:
    """The report ``what`` as tables and as plain data (for --json)."""
    if what == "gst":
        found = gst_report.gst_report(s.store, start, end)
        summary = found.summary
        return gst_report.gst_printable(found), {
            "scheme": found.scheme, "rates": [asdict(r) for r in found.rates],
            "output_tax_paise": found.output.as_dict(),
            "gstr3b": None if summary is None else {k: v for k, v in summary.as_dict().items() if k != "fp"}}
    zone = books.zone_of(s.ctx)
    if what == "hours":
        hours = books.sales_by_hour(s.store, start, end, zone)
        return books.hours_printable(hours, start, end), {"hours": [asdict(h) for h in hours]}
    if what == "daybook":
        book = books.day_book(s.store, start, end, zone)
        return books.day_book_printable(book), {
            "entries": [asdict(e) for e in book.entries], "money_in_paise": book.money_in_paise,
            "money_out_paise": book.money_out_paise, "on_khata_paise": book.on_khata_paise}
    if what == "stock":
        stock = books.stock_value(s.store, start, end, s.ctx.today())
        return books.stock_printable(stock), {
            "items": stock.items, "cost_value_paise": stock.cost_value_paise,
            "price_value_paise": stock.price_value_paise, "without_cost": stock.without_cost,
            "categories": [asdict(c) for c in stock.categories], "slow_count": stock.slow_count,
            "slow_value_paise": stock.slow_value_paise, "slow": [asdict(r) for r in stock.slow]}
    ageing = books.khata_ageing(s.store, s.ctx.today(), zone)
    return books.khata_printable(ageing), {"owed_paise": ageing.owed_paise, "buckets_paise": list(ageing.buckets),
                                           "customers": [asdict(r) for r in ageing.rows]}


def as_text(printable: Printable) -> str:
    lines = [f"{printable.title} · {printable.period}", *printable.lines]
    for table in printable.tables:
        lines.append("")
        lines.append(table.title + ":")
        lines.append("  " + " | ".join(table.headings))
        rows = table.rows + ([table.total] if table.total is not None else [])
        lines += ["  " + " | ".join(cell_text(c) for c in row) for row in rows]
    return "\n".join(lines)


def run_book(args: argparse.Namespace, s: Session, start: date, end: date) -> int:
    printable, data = read_book(s, args.what, start, end)
    printable.shop = shop_name(s)
    text = as_text(printable)
    if args.pdf:
        write_pdf(printable, Path(args.pdf))
        text += "\n" + _("Saved as {path}").format(path=args.pdf)
    if args.xlsx:
        write_workbook(printable, Path(args.xlsx))
        text += "\n" + _("Written to {path}").format(path=args.xlsx)
    emit(args, {"report": args.what, "start": start.isoformat(), "end": end.isoformat(), **data,
                "pdf": args.pdf, "xlsx": args.xlsx}, text)
    return 0
