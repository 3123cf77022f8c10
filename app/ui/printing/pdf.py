"""The bill as a PDF on A4 or A5 (QPdfWriter): for a customer who wants it by WhatsApp or e-mail, for a
registered buyer's records, and for the accountant. Text stays text (fonts embedded), so it can be
searched and copied; Hindi and ₹ come from the shipped Noto fonts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen

from app.domain.gst import format_rate
from app.domain.money import format_inr
from app.i18n import _
from app.ui.fonts import DEVANAGARI, LATIN, register_fonts
from app.ui.printing.document import Document, half_rate

PAGES = {"A4": QPageSize.PageSizeId.A4, "A5": QPageSize.PageSizeId.A5}
DPI = 72  # one unit = one point


def _font(points: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies([LATIN, DEVANAGARI])
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


class _Page:
    def __init__(self, writer: QPdfWriter, painter: QPainter, scale: float) -> None:
        self.writer, self.p = writer, painter
        rect = writer.pageLayout().paintRect(QPageLayout.Unit.Point)
        self.width, self.height = rect.width(), rect.height()
        self.y = 0.0
        self.scale = scale

    def font(self, points: float, bold: bool = False) -> QFont:
        return _font(points * self.scale, bold)

    def ensure(self, needed: float) -> None:
        if self.y + needed > self.height:
            self.writer.newPage()
            self.y = 0.0

    def text(self, text: str, font: QFont, align=Qt.AlignmentFlag.AlignLeft, x: float = 0.0,
             width: float | None = None) -> float:
        self.p.setFont(font)
        area = QRectF(x, self.y, (width or self.width) - (0 if width else x), 10_000)
        flags = int(align) | int(Qt.TextFlag.TextWordWrap)
        used = self.p.boundingRect(area, flags, text)
        self.ensure(used.height())
        area.moveTop(self.y)
        self.p.drawText(area, flags, text)
        return used.height()

    def line(self, thick: float = 0.5) -> None:
        self.p.setPen(QPen(QColor("#444444"), thick))
        self.p.drawLine(0, int(self.y), int(self.width), int(self.y))
        self.p.setPen(QPen(QColor("black")))
        self.y += 4


def write_pdf(doc: Document, path: Path, *, page: str = "A4") -> Path:
    """Write ``doc`` as a one- or multi-page PDF at ``path``; returns the path."""
    register_fonts()
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(PAGES.get(page, PAGES["A4"])))
    writer.setPageMargins(QMarginsF(14, 14, 14, 14), QPageLayout.Unit.Millimeter)
    writer.setResolution(DPI)
    writer.setTitle(f"{doc.title} {doc.number}")
    writer.setCreator("TAVYONIX")
    painter = QPainter(writer)
    try:
        _draw(_Page(writer, painter, 1.0 if page == "A4" else 0.8), doc)
    finally:
        painter.end()
    return path


def _draw(pg: _Page, doc: Document) -> None:
    small, normal, bold = pg.font(8), pg.font(9.5), pg.font(9.5, True)
    pg.y += pg.text(doc.title, pg.font(16, True), Qt.AlignmentFlag.AlignHCenter)
    if doc.notice:
        pg.y += pg.text(doc.notice, small, Qt.AlignmentFlag.AlignHCenter)
    pg.y += 6
    top = pg.y
    left_w = pg.width * 0.58
    pg.y += pg.text(doc.shop_name, pg.font(13, True), width=left_w)
    for line in doc.shop_lines:
        pg.y += pg.text(line, small, width=left_w)
    left_end = pg.y
    pg.y = top
    x = left_w + 10
    for label, value in ((_("Number"), doc.number), (_("Date"), doc.when),
                         (_("Place of supply"), doc.place_of_supply)):
        if value:
            pg.y += pg.text(f"{label}: {value}", normal, x=x)
    pg.y += pg.text(_("Tax payable on reverse charge: No"), small, x=x)
    pg.y = max(pg.y, left_end) + 6
    if doc.buyer:
        pg.line()
        pg.y += pg.text(_("Bill to"), bold)
        for line in doc.buyer:
            pg.y += pg.text(line, normal)
    pg.y += 4
    pg.line(1.0)
    _table(pg, doc)
    pg.line(1.0)
    _totals(pg, doc)
    pg.y += 24
    pg.ensure(40)
    pg.y += pg.text(_("For {shop}").format(shop=doc.shop_name), normal, Qt.AlignmentFlag.AlignRight)
    pg.y += 22
    pg.y += pg.text(_("Authorised signatory"), small, Qt.AlignmentFlag.AlignRight)
    if doc.footer:
        pg.y += 10
        pg.text(doc.footer, small, Qt.AlignmentFlag.AlignHCenter)


def _columns(pg: _Page, doc: Document) -> list[tuple[str, float, Qt.AlignmentFlag]]:
    right = Qt.AlignmentFlag.AlignRight
    cols = [("#", 0.04, Qt.AlignmentFlag.AlignLeft), (_("Item"), 0.30, Qt.AlignmentFlag.AlignLeft),
            ("HSN", 0.10, Qt.AlignmentFlag.AlignLeft), (_("Qty"), 0.09, right), (_("Rate"), 0.10, right),
            (_("Discount"), 0.09, right)]
    if doc.collects_tax:
        cols += [(_("Taxable"), 0.11, right), (_("GST"), 0.06, right)]
    cols.append((_("Amount"), 0.11, right))
    total = sum(w for _t, w, _a in cols)
    return [(title, w / total * pg.width, align) for title, w, align in cols]


def _table(pg: _Page, doc: Document) -> None:
    cols = _columns(pg, doc)
    small, bold_small = pg.font(8), pg.font(8, True)
    _row(pg, [c[0] for c in cols], cols, bold_small)
    pg.line()
    for line in doc.lines:
        cells = [str(line.no), line.name, line.hsn, line.qty, line.rate,
                 format_inr(line.discount_paise) if line.discount_paise else ""]
        if doc.collects_tax:
            cells += [format_inr(line.taxable_paise), format_rate(line.gst_rate_bp)]
        cells.append(format_inr(line.total_paise))
        _row(pg, cells, cols, small)


def _row(pg: _Page, cells: list[str], cols, font: QFont) -> None:
    heights = []
    x = 0.0
    metrics = QFontMetricsF(font)
    pg.ensure(metrics.height() * 2)
    for text, (_title, width, align) in zip(cells, cols, strict=True):
        pg.p.setFont(font)
        area = QRectF(x + 2, pg.y, width - 4, 10_000)
        flags = int(align) | int(Qt.TextFlag.TextWordWrap)
        heights.append(pg.p.boundingRect(area, flags, text).height())
        pg.p.drawText(area, flags, text)
        x += width
    pg.y += max(heights) + 3


def _totals(pg: _Page, doc: Document) -> None:
    normal, bold = pg.font(9.5), pg.font(11, True)
    rows: list[tuple[str, str]] = []
    if doc.discount_paise:
        rows += [(_("Total before discount"), format_inr(doc.gross_paise)),
                 (_("Discount"), f"-{format_inr(doc.discount_paise)}")]
    if doc.collects_tax:
        rows.append((_("Taxable value"), format_inr(doc.taxable_paise)))
        for tax in doc.tax_rows:
            if not tax.rate_bp:
                continue
            if doc.interstate:
                rows.append((f"IGST @ {format_rate(tax.rate_bp)}", format_inr(tax.igst_paise)))
            else:
                rows.append((f"CGST @ {half_rate(tax.rate_bp)}", format_inr(tax.cgst_paise)))
                rows.append((f"{doc.state_tax} @ {half_rate(tax.rate_bp)}", format_inr(tax.sgst_paise)))
        if doc.cess_paise:
            rows.append((_("Cess"), format_inr(doc.cess_paise)))
    if doc.round_off_paise:
        rows.append((_("Round-off"), format_inr(doc.round_off_paise)))
    x = pg.width * 0.55
    for label, value in rows:
        pg.text(label, normal, x=x)
        pg.y += pg.text(value, normal, Qt.AlignmentFlag.AlignRight, x=x)
    pg.y += 2
    pg.text(_("Total"), bold, x=x)
    pg.y += pg.text(format_inr(doc.total_paise), bold, Qt.AlignmentFlag.AlignRight, x=x)
    if doc.payments:
        pg.y += 6
        for label, value in doc.payments:
            pg.text(label, normal, x=x)
            pg.y += pg.text(value, normal, Qt.AlignmentFlag.AlignRight, x=x)
    if doc.change_paise:
        pg.text(_("Change"), normal, x=x)
        pg.y += pg.text(format_inr(doc.change_paise), normal, Qt.AlignmentFlag.AlignRight, x=x)
