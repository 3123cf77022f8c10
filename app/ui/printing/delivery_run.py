"""The day's delivery run on paper, for the shop's delivery person: an A4 sheet (one row per stop, lane by
lane, with what to collect and a box to tick), or the same list on the receipt printer."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QFont, QImage, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from app.domain.delivery import RunStop
from app.domain.money import format_inr
from app.i18n import _
from app.services.deliveries import pay_label
from app.ui.fonts import DEVANAGARI, LATIN, register_fonts
from app.ui.printing.receipt import render_lines

__all__ = ["run_html", "run_receipt", "write_run_pdf"]


def run_html(stops: Sequence[RunStop], *, shop: str, day: str, rider: str = "") -> str:
    """The run sheet as HTML (Qt's rich text): a heading, one row per stop, the total to collect."""
    head = [_("#"), _("Customer"), _("Address"), _("Items"), _("Collect"), _("Done")]
    rows = []
    for n, stop in enumerate(stops, start=1):
        where = escape(stop.address) + (f"<br><b>{escape(stop.area)}</b>" if stop.area else "") + (
            f" {escape(stop.pin)}" if stop.pin else "")
        who = f"{escape(stop.customer)}<br>{escape(stop.phone)}" + (f"<br><i>{escape(stop.note)}</i>" if stop.note
                                                                      else "")
        rows.append(f"<tr><td>{n}<br><small>#{stop.order_id}</small></td><td>{who}</td><td>{where}</td>"
                    f"<td>{escape(stop.items)}</td><td align='right'>{format_inr(stop.due_paise)}<br>"
                    f"{escape(pay_label(stop.pay_by))}</td><td>&#9744;</td></tr>")
    cash = sum(s.due_paise for s in stops if s.pay_by == "cash")
    upi = sum(s.due_paise for s in stops if s.pay_by == "upi")
    title = _("Delivery run, {day}").format(day=day) + (f" — {rider}" if rider else "")
    total = _("{n} stops; cash to collect {cash}, UPI {upi}.").format(n=len(stops), cash=format_inr(cash),
                                                                     upi=format_inr(upi))
    return (f"<h2>{escape(shop)}</h2><h3>{escape(title)}</h3>"
            "<table border='1' cellspacing='0' cellpadding='4' width='100%'>"
            "<tr>" + "".join(f"<th>{escape(h)}</th>" for h in head) + "</tr>" + "".join(rows) + "</table>"
            f"<p>{escape(total)}</p>")


def write_run_pdf(stops: Sequence[RunStop], path: Path, *, shop: str, day: str, rider: str = "") -> Path:
    """The run sheet as an A4 PDF at ``path`` (text stays text; Hindi from the shipped Noto fonts)."""
    register_fonts()
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter)
    writer.setResolution(72)
    writer.setTitle(_("Delivery run, {day}").format(day=day))
    writer.setCreator("TAVYONIX")
    doc = QTextDocument()
    font = QFont()
    font.setFamilies([LATIN, DEVANAGARI])
    font.setPointSizeF(10)
    doc.setDefaultFont(font)
    doc.setHtml(run_html(stops, shop=shop, day=day, rider=rider))
    doc.setPageSize(QSizeF(writer.pageLayout().paintRect(QPageLayout.Unit.Point).size()))
    doc.print_(writer)
    return path


def run_receipt(stops: Sequence[RunStop], *, day: str, paper_mm: int = 80) -> QImage:
    """The same run on the receipt printer: each stop as a few label-value rows."""
    rows: list[tuple[str, str]] = []
    for n, stop in enumerate(stops, start=1):
        rows.append((f"{n}. {stop.customer}  #{stop.order_id}", ""))
        rows.append((stop.phone, f"{format_inr(stop.due_paise)} {pay_label(stop.pay_by)}"))
        rows.append((", ".join(x for x in (stop.address, stop.area, stop.pin) if x), " "))
        rows.append((stop.items, " "))
        rows.append(("-", " "))  # a rule between stops
    rows.append((_("To collect"), format_inr(sum(s.due_paise for s in stops))))
    return render_lines(_("Delivery run, {day}").format(day=day), rows, paper_mm)
