"""Export documents (commercial invoice, packing list, CSB-V / postal bill data) as one A4 PDF, a page each.

The tables come from ``app.services.export_documents`` (already checked for every required field); this
only paints them, with the shipped fonts so Hindi labels and ₹ print.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

from app.ui.fonts import register_fonts
from app.ui.printing.pdf import DPI, _Page

__all__ = ["write_export_pdf"]


def write_export_pdf(tables: list[dict], path: Path, *, title: str) -> Path:
    register_fonts()
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(14, 14, 14, 14), QPageLayout.Unit.Millimeter)
    writer.setResolution(DPI)
    writer.setTitle(title)
    writer.setCreator("TAVYONIX")
    painter = QPainter(writer)
    try:
        page = _Page(writer, painter, 1.0)
        for n, table in enumerate(tables):
            if n:
                writer.newPage()
                page.y = 0.0
            _draw(page, table)
    finally:
        painter.end()
    return path


def _draw(pg: _Page, table: dict) -> None:
    small, normal, bold = pg.font(8), pg.font(9), pg.font(9, True)
    pg.y += pg.text(table["title"], pg.font(15, True), Qt.AlignmentFlag.AlignHCenter) + 8
    label_w = pg.width * 0.28
    for label, value in table["header"]:
        top = pg.y
        used = pg.text(str(label), bold, width=label_w)
        pg.y = top
        used = max(used, pg.text(str(value), normal, x=label_w + 6))
        pg.y = top + used + 2
    pg.y += 6
    pg.line()
    columns = table["columns"]
    widths = _widths(pg.width, len(columns))
    _row(pg, columns, widths, bold)
    pg.line(0.3)
    for row in table["rows"]:
        _row(pg, row, widths, small)
    pg.line(0.3)
    for label, value in table["totals"]:
        top = pg.y
        pg.text(str(label), bold, width=label_w)
        pg.y = top
        pg.y += pg.text(str(value), bold, x=label_w + 6) + 2
    if table.get("endorsement"):
        pg.y += 10
        pg.line()
        pg.y += pg.text(table["endorsement"], bold, Qt.AlignmentFlag.AlignHCenter)


def _widths(total: float, count: int) -> list[float]:
    """The first column (the description) wider than the rest."""
    first = total * (0.34 if count > 5 else 0.4)
    rest = (total - first) / max(count - 1, 1)
    return [first] + [rest] * (count - 1)


def _row(pg: _Page, cells: list, widths: list[float], font) -> None:
    pg.p.setFont(font)
    flags = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap)
    heights = [pg.p.boundingRect(QRectF(0, 0, w - 4, 10_000), flags, str(c)).height() for c, w in zip(
        cells, widths, strict=True)]
    pg.ensure(max(heights))
    x = 0.0
    for cell, width in zip(cells, widths, strict=True):
        pg.p.drawText(QRectF(x, pg.y, width - 4, max(heights)), flags, str(cell))
        x += width
    pg.y += max(heights) + 3
