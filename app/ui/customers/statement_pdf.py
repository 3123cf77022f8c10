"""A khata statement as an A4 PDF (text stays text; Hindi and ₹ from the shipped fonts), to send or print."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

from app.domain.money import format_inr
from app.i18n import _
from app.services.khata_statement import Statement
from app.ui.fonts import register_fonts
from app.ui.printing.pdf import DPI, _Page

RIGHT = Qt.AlignmentFlag.AlignRight


def write_statement_pdf(found: Statement, path: Path) -> Path:
    register_fonts()
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(16, 16, 16, 16), QPageLayout.Unit.Millimeter)
    writer.setResolution(DPI)
    writer.setTitle(_("Khata statement for {name}").format(name=found.customer_name))
    writer.setCreator("TAVYONIX")
    painter = QPainter(writer)
    try:
        page = _Page(writer, painter, 1.0)
        page.y += page.text(found.shop_name, page.font(16, bold=True))
        page.y += page.text(_("Khata statement for {name}").format(name=found.customer_name)
                            + (f"  ·  {found.phone}" if found.phone else ""), page.font(12, bold=True))
        page.y += page.text(_("{start} to {end}").format(start=found.start.strftime("%d-%m-%Y"),
                                                         end=found.end.strftime("%d-%m-%Y")), page.font(10))
        page.y += 8
        columns = ((0.0, 0.16), (0.16, 0.50), (0.66, 0.17), (0.83, 0.17))
        heads = (_("Date"), _("What"), _("Amount"), _("Owed after"))
        body, bold = page.font(10), page.font(10, bold=True)

        def row(cells: tuple[str, ...], font) -> None:
            heights = []
            for (x, w), cell, i in zip(columns, cells, range(4), strict=True):
                heights.append(page.text(cell, font, RIGHT if i >= 2 else Qt.AlignmentFlag.AlignLeft,
                                         x=x * page.width, width=w * page.width))
            page.y += max(heights) + 3

        row(heads, bold)
        page.line()
        row(("", _("Owed at the start"), "", format_inr(found.opening_paise)), body)
        for line in found.lines:
            amount = ("+" if line.amount_paise > 0 else "−") + format_inr(abs(line.amount_paise))
            row((line.day, line.what, amount, format_inr(line.balance_paise)), body)
        page.line(1.0)
        closing = (_("Now due: {amount}").format(amount=format_inr(found.closing_paise)) if found.closing_paise > 0
                   else _("Paid in advance: {amount}").format(amount=format_inr(-found.closing_paise))
                   if found.closing_paise < 0 else _("Nothing is due. Thank you!"))
        page.y += page.text(closing, page.font(12, bold=True))
        if found.closing_paise > 0 and found.shop_upi:
            page.y += page.text(_("Pay by UPI to {upi}").format(upi=found.shop_upi), body)
    finally:
        painter.end()
    return path
