"""The thermal receipt as a picture: drawn by Qt (HarfBuzz shapes Hindi; Noto has ₹), then made 1-bit.

Receipt printers have no ₹ and no Devanagari in their character sets, so the whole receipt is sent
as a raster image. 58 mm paper prints 384 dots a line, 80 mm prints 576. QPainter on a QImage is
safe off the GUI thread, but the fonts must have been registered (``app.ui.fonts.register_fonts``).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPen

from app.domain.gst import format_rate
from app.domain.money import format_inr
from app.i18n import _
from app.ui.fonts import DEVANAGARI, LATIN, register_fonts
from app.ui.printing.document import Document, half_rate

DOTS = {58: 384, 80: 576}
MARGIN = 6
MAX_HEIGHT = 12_000


def dots_for(paper_mm: int) -> int:
    return DOTS.get(paper_mm, 576)


def receipt_font(pixels: int, *, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies([LATIN, DEVANAGARI])
    font.setPixelSize(pixels)
    font.setBold(bold)
    font.setHintingPreference(QFont.HintingPreference.PreferFullHinting)
    return font


class _Pen:
    """Lays blocks of text down the paper, top to bottom."""

    def __init__(self, painter: QPainter, width: int, base_px: int) -> None:
        self.p, self.width, self.y = painter, width, MARGIN
        self.small = receipt_font(base_px - 3)
        self.normal = receipt_font(base_px)
        self.bold = receipt_font(base_px, bold=True)
        self.big = receipt_font(base_px + 8, bold=True)

    def text(self, text: str, font: QFont | None = None, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
             indent: int = 0) -> None:
        if not text:
            return
        font = font or self.normal
        self.p.setFont(font)
        area = QRect(MARGIN + indent, self.y, self.width - 2 * MARGIN - indent, MAX_HEIGHT)
        flags = int(align) | int(Qt.TextFlag.TextWordWrap)
        used = self.p.boundingRect(area, flags, text)
        self.p.drawText(area, flags, text)
        self.y += used.height()

    def center(self, text: str, font: QFont | None = None) -> None:
        self.text(text, font, Qt.AlignmentFlag.AlignHCenter)

    def row(self, left: str, right: str, font: QFont | None = None, indent: int = 0) -> None:
        font = font or self.normal
        self.p.setFont(font)
        metrics = QFontMetrics(font)
        right_w = metrics.horizontalAdvance(right) + 4
        area = QRect(MARGIN + indent, self.y, self.width - 2 * MARGIN - indent - right_w, MAX_HEIGHT)
        flags = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap)
        used = self.p.boundingRect(area, flags, left)
        self.p.drawText(area, flags, left)
        self.p.drawText(QRect(MARGIN, self.y, self.width - 2 * MARGIN, metrics.height()),
                        int(Qt.AlignmentFlag.AlignRight), right)
        self.y += max(used.height(), metrics.height())

    def rule(self, thick: bool = False) -> None:
        self.y += 4
        style = Qt.PenStyle.SolidLine if thick else Qt.PenStyle.DashLine
        self.p.setPen(QPen(QColor("black"), 2 if thick else 1, style))
        self.p.drawLine(MARGIN, self.y, self.width - MARGIN, self.y)
        self.p.setPen(QPen(QColor("black")))
        self.y += 6

    def gap(self, pixels: int = 6) -> None:
        self.y += pixels


def _lay_out(pen: _Pen, doc: Document) -> None:
    pen.center(doc.shop_name, pen.big)
    for line in doc.shop_lines:
        pen.center(line, pen.small)
    pen.gap()
    pen.center(doc.title.upper() if doc.title.isascii() else doc.title, pen.bold)
    if doc.notice:
        pen.center(doc.notice, pen.small)
    pen.rule()
    pen.row(_("No. {number}").format(number=doc.number), doc.when, pen.small)
    for line in doc.buyer:
        pen.text(line, pen.small)
    if doc.place_of_supply:
        pen.text(_("Place of supply: {place}").format(place=doc.place_of_supply), pen.small)
    pen.rule()
    pen.row(_("Item"), _("Amount"), pen.bold)
    for line in doc.lines:
        pen.text(f"{line.no}. {line.name}", pen.normal)
        detail = f"{line.qty} × {line.rate}" if line.qty else ""
        tax = f"HSN {line.hsn}" + (f" · {format_rate(line.gst_rate_bp)}" if doc.collects_tax else "")
        pen.row(f"{detail}  {tax}".strip(), format_inr(line.total_paise), pen.small, indent=16)
        if line.discount_paise:
            pen.row(_("discount"), f"-{format_inr(line.discount_paise)}", pen.small, indent=16)
    pen.rule()
    if doc.discount_paise:
        pen.row(_("Total before discount"), format_inr(doc.gross_paise), pen.small)
        pen.row(_("Discount"), f"-{format_inr(doc.discount_paise)}", pen.small)
    if doc.collects_tax:
        pen.row(_("Taxable value"), format_inr(doc.taxable_paise), pen.small)
        if doc.interstate:
            pen.row("IGST", format_inr(doc.igst_paise), pen.small)
        else:
            pen.row("CGST", format_inr(doc.cgst_paise), pen.small)
            pen.row(doc.state_tax, format_inr(doc.sgst_paise), pen.small)
        if doc.cess_paise:
            pen.row(_("Cess"), format_inr(doc.cess_paise), pen.small)
    if doc.round_off_paise:
        pen.row(_("Round-off"), format_inr(doc.round_off_paise), pen.small)
    pen.rule(thick=True)
    pen.row(_("TOTAL"), format_inr(doc.total_paise), pen.big)
    pen.rule(thick=True)
    if doc.collects_tax and doc.tax_rows:
        for row in doc.tax_rows:
            if not row.rate_bp:
                continue
            if doc.interstate:
                parts = _("IGST {rate}: {tax} on {taxable}").format(
                    rate=format_rate(row.rate_bp), tax=format_inr(row.igst_paise),
                    taxable=format_inr(row.taxable_paise))
            else:
                parts = _("CGST {half} {cgst} + {state} {half} {sgst} on {taxable}").format(
                    half=half_rate(row.rate_bp), cgst=format_inr(row.cgst_paise), state=doc.state_tax,
                    sgst=format_inr(row.sgst_paise), taxable=format_inr(row.taxable_paise))
            pen.text(parts, pen.small)
        pen.text(_("Tax payable on reverse charge: No"), pen.small)
        pen.gap()
    for label, amount in doc.payments:
        pen.row(label, amount, pen.normal)
    if doc.change_paise:
        pen.row(_("Change"), format_inr(doc.change_paise), pen.bold)
    for label, value in doc.extra:
        pen.row(label, value, pen.normal)
    if doc.footer:
        pen.gap()
        pen.center(doc.footer, pen.normal)
    pen.gap(18)


def render_receipt(doc: Document, paper_mm: int = 80) -> QImage:
    """The receipt as a black-and-white picture exactly as wide as the printer's line."""
    register_fonts()
    width = dots_for(paper_mm)
    canvas = QImage(width, MAX_HEIGHT, QImage.Format.Format_Grayscale8)
    canvas.fill(QColor("white"))
    painter = QPainter(canvas)
    painter.setPen(QPen(QColor("black")))
    pen = _Pen(painter, width, 21 if width <= 384 else 24)
    try:
        _lay_out(pen, doc)
    finally:
        painter.end()
    height = min(pen.y + MARGIN, MAX_HEIGHT)
    cropped = canvas.copy(0, 0, width, height)
    return cropped.convertToFormat(QImage.Format.Format_Mono, Qt.ImageConversionFlag.ThresholdDither)


def render_lines(title: str, rows: Sequence[tuple[str, str]], paper_mm: int = 80, *, heading: str = "") -> QImage:
    """A simple report (the Z report) on the receipt printer: a title and label-value rows."""
    register_fonts()
    width = dots_for(paper_mm)
    canvas = QImage(width, MAX_HEIGHT, QImage.Format.Format_Grayscale8)
    canvas.fill(QColor("white"))
    painter = QPainter(canvas)
    pen = _Pen(painter, width, 21 if width <= 384 else 24)
    try:
        if heading:
            pen.center(heading, pen.big)
        pen.center(title, pen.bold)
        pen.rule()
        for label, value in rows:
            if not value and label:
                pen.gap(4)
                pen.text(label, pen.bold)
            elif label == "-":
                pen.rule()
            else:
                pen.row(label, value, pen.normal)
        pen.gap(18)
    finally:
        painter.end()
    cropped = canvas.copy(0, 0, width, min(pen.y + MARGIN, MAX_HEIGHT))
    return cropped.convertToFormat(QImage.Format.Format_Mono, Qt.ImageConversionFlag.ThresholdDither)
