"""Barcode labels: EAN-13 bars with the item's name and MRP, on A4 label sheets or a 50 x 25 mm roll.

The bars are drawn as rectangles (vector in the PDF, so any printer's resolution keeps them exact), from
``app.domain.ean13``; where each label goes is ``app.domain.label_sheets``. The same drawing goes to a
PDF (``write_labels_pdf``), a picture (``render_label_image``, which the tests scan back) or any page
device Qt prints on.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)

from app.domain.ean13 import ean13_digits, ean13_modules
from app.domain.label_sheets import LAYOUTS, LabelLayout, label_pages
from app.domain.money import format_inr
from app.errors import AppError, InputError
from app.i18n import _
from app.store import catalog
from app.ui.fonts import DEVANAGARI, LATIN, register_fonts

RESOLUTION = 600  # dots per inch of the PDF's coordinates; the bars are vectors whatever it is
QUIET_LEFT, QUIET_RIGHT = 11, 7  # modules of white the scanner needs either side (GS1)
MAX_LABELS = 10_000


@dataclass(frozen=True)
class LabelItem:
    sku: str
    name: str
    barcode: str  # 13 digits, check digit right
    mrp_paise: int | None
    price_paise: int


def label_items(db: Any, skus: Iterable[str], *, hindi: bool = False) -> tuple[list[LabelItem], list[tuple[str, str]]]:
    """The items to label, and (code, why) for each that cannot have one (no barcode, not EAN-13)."""
    found: list[LabelItem] = []
    skipped: list[tuple[str, str]] = []
    for sku in skus:
        product = catalog.get(db, sku)
        if product is None:
            skipped.append((sku, _("There is no item with the code '{sku}'.").format(sku=sku)))
            continue
        if not product.barcode:
            skipped.append((sku, _("{name} has no barcode.").format(name=product.name_en)))
            continue
        try:
            digits = ean13_digits(product.barcode)
        except AppError as exc:
            skipped.append((sku, exc.message))
            continue
        name = product.name_hi if hindi and product.name_hi else product.name_en
        found.append(LabelItem(product.sku, name, digits, product.mrp_paise, product.price_paise))
    return found, skipped


def _font(size_px: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies([LATIN, DEVANAGARI])
    font.setPixelSize(max(1, round(size_px)))
    font.setBold(bold)
    return font


def _fit_text(painter: QPainter, text: str, rect: QRectF, size_px: float, bold: bool,
              align: Qt.AlignmentFlag, lines: int = 1) -> None:
    """Shrink the font until ``text`` fits ``rect`` in ``lines`` lines, then elide what still does not."""
    flags = int(align) | int(Qt.AlignmentFlag.AlignVCenter) | (int(Qt.TextFlag.TextWordWrap) if lines > 1 else 0)
    size = size_px
    while size > rect.height() / (lines * 2.2):
        font = _font(size, bold)
        painter.setFont(font)
        if painter.boundingRect(rect, flags, text).height() <= rect.height() + 0.5 and (
                lines > 1 or QFontMetricsF(font).horizontalAdvance(text) <= rect.width()):
            break
        size *= 0.9
    font = _font(size, bold)
    painter.setFont(font)
    if lines == 1:
        text = QFontMetricsF(font).elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
    painter.drawText(rect, flags, text)


def draw_label(painter: QPainter, item: LabelItem, box: QRectF, mm: float, *, snap: bool = False) -> None:
    """One label inside ``box`` (device units; ``mm`` device units to a millimetre). ``snap``: every bar a
    whole number of dots wide, for a printer that prints dots (a PDF keeps exact widths instead)."""
    pad = 1.2 * mm
    inner = box.adjusted(pad, pad, -pad, -pad)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("white"))
    painter.drawRect(box)
    painter.setPen(QColor("black"))
    name_h = inner.height() * 0.27
    price_h = inner.height() * 0.2
    _fit_text(painter, item.name, QRectF(inner.left(), inner.top(), inner.width(), name_h), name_h * 0.48, True,
              Qt.AlignmentFlag.AlignHCenter, lines=2)
    bars_area = QRectF(inner.left(), inner.top() + name_h, inner.width(), inner.height() - name_h - price_h)
    _draw_bars(painter, item.barcode, bars_area, snap)
    if item.mrp_paise is not None and item.price_paise < item.mrp_paise:
        price = _("MRP {mrp}  Our price {price}").format(mrp=format_inr(item.mrp_paise),
                                                         price=format_inr(item.price_paise))
    elif item.mrp_paise is not None:
        price = _("MRP {mrp} (incl. of all taxes)").format(mrp=format_inr(item.mrp_paise))
    else:
        price = _("Price {price}").format(price=format_inr(item.price_paise))
    painter.setPen(QColor("black"))
    _fit_text(painter, price, QRectF(inner.left(), inner.bottom() - price_h, inner.width(), price_h), price_h * 0.8,
              True, Qt.AlignmentFlag.AlignHCenter)


def _draw_bars(painter: QPainter, digits: str, area: QRectF, snap: bool = False) -> None:
    """The 95 modules with their quiet zones, guard bars longer, the digits under them as GS1 lays them."""
    modules = ean13_modules(digits)
    width = area.width() / (QUIET_LEFT + len(modules) + QUIET_RIGHT)
    if snap and width >= 1:
        width = float(int(width))
    text_h = min(area.height() * 0.28, width * 9)
    bar_bottom = area.bottom() - text_h
    guard_bottom = bar_bottom + text_h * 0.5
    x0 = area.left() + (area.width() - len(modules) * width) * QUIET_LEFT / (QUIET_LEFT + QUIET_RIGHT)
    if snap:
        x0 = float(round(x0))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("black"))
    guards = set(range(0, 3)) | set(range(45, 50)) | set(range(92, 95))
    start = None
    for i, bit in enumerate(modules + "0"):  # a run of dark modules is one rectangle
        if bit == "1" and start is None:
            start = i
        elif bit == "0" and start is not None:
            bottom = guard_bottom if start in guards else bar_bottom
            painter.drawRect(QRectF(x0 + start * width, area.top(), (i - start) * width, bottom - area.top()))
            start = None
    painter.setPen(QColor("black"))
    font = _font(text_h * 0.95)
    painter.setFont(font)
    centre = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom
    painter.drawText(QRectF(x0 - QUIET_LEFT * width, bar_bottom, QUIET_LEFT * width * 0.9, text_h), centre,
                     digits[0])
    painter.drawText(QRectF(x0 + 3 * width, bar_bottom, 42 * width, text_h), centre, digits[1:7])
    painter.drawText(QRectF(x0 + 50 * width, bar_bottom, 42 * width, text_h), centre, digits[7:])


def _expand(items: Sequence[LabelItem], copies: int | dict[str, int]) -> list[LabelItem]:
    out: list[LabelItem] = []
    for item in items:
        n = copies.get(item.sku, 1) if isinstance(copies, dict) else copies
        out.extend([item] * max(0, n))
    if not out:
        raise InputError(_("There are no labels to print."), hint=_("Choose items that have a barcode."))
    if len(out) > MAX_LABELS:
        raise InputError(_("{n} labels is more than one print can take.").format(n=len(out)),
                         hint=_("Print at most {max} labels at a time.").format(max=MAX_LABELS))
    return out


def paint_labels(device: QPagedPaintDevice, items: Sequence[LabelItem], layout: LabelLayout, *,
                 copies: int | dict[str, int] = 1, skip: int = 0) -> int:
    """Paint every label on ``device`` (set to the layout's page); returns the number of pages."""
    labels = _expand(items, copies)
    pages = label_pages(len(labels), layout, skip=skip)
    mm = device.logicalDpiX() / 25.4  # the device's dots per inch (QPdfWriter: its resolution)
    painter = QPainter(device)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # bar edges exactly where computed
        n = 0
        for page_no, slots in enumerate(pages):
            if page_no:
                device.newPage()
            for slot in slots:
                x, y, w, h = layout.position(slot)
                draw_label(painter, labels[n], QRectF(x * mm, y * mm, w * mm, h * mm), mm)
                n += 1
    finally:
        painter.end()
    return len(pages)


def write_labels_pdf(items: Sequence[LabelItem], path: Path, layout_key: str = "a4-65", *,
                     copies: int | dict[str, int] = 1, skip: int = 0) -> int:
    """The labels as a PDF (one page per sheet, or per label on a roll); returns the number of pages."""
    register_fonts()
    layout = LAYOUTS[layout_key]
    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION)
    writer.setCreator("TAVYONIX")
    writer.setTitle(_("Barcode labels"))
    writer.setPageLayout(QPageLayout(QPageSize(QSizeF(layout.page_w, layout.page_h), QPageSize.Unit.Millimeter),
                                     QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    return paint_labels(writer, items, layout, copies=copies, skip=skip)


def print_labels(items: Sequence[LabelItem], printer_name: str, layout_key: str = "roll-50x25", *,
                 copies: int | dict[str, int] = 1, skip: int = 0, pdf_file: Path | None = None) -> int:
    """The labels on a printer the system knows (a 50 x 25 mm label printer through its driver, or an office
    printer with A4 label sheets), the page set to the layout's size with no margins; returns the pages.
    ``pdf_file``: Qt's own PDF output of the same job instead (what the tests check)."""
    from PySide6.QtPrintSupport import QPrinter

    register_fonts()
    layout = LAYOUTS[layout_key]
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if pdf_file is not None:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(pdf_file))
    else:
        printer.setPrinterName(printer_name)
    printer.setDocName(_("Barcode labels"))
    printer.setFullPage(True)
    printer.setPageLayout(QPageLayout(QPageSize(QSizeF(layout.page_w, layout.page_h), QPageSize.Unit.Millimeter),
                                      QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    return paint_labels(printer, items, layout, copies=copies, skip=skip)


def render_label_image(item: LabelItem, dots_per_mm: float = 8.0, layout_key: str = "roll-50x25") -> QImage:
    """One label as a picture at a label printer's resolution (8 dots a millimetre is 203 dpi)."""
    register_fonts()
    layout = LAYOUTS[layout_key]
    image = QImage(round(layout.label_w * dots_per_mm), round(layout.label_h * dots_per_mm),
                   QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        draw_label(painter, item, QRectF(0, 0, image.width(), image.height()), dots_per_mm, snap=True)
    finally:
        painter.end()
    return image
