"""An offer as a picture to share (a square PNG for WhatsApp status and groups) and as an A4 poster PDF for
the shop's wall: the product photo when there is one, the item's name, the price in large type, the MRP
struck through with a badge for the saving, and the code to say at the counter, in English or Hindi.

Drawn with Qt's painter, which shapes Devanagari correctly (conjuncts and matras, with the shipped Noto
fonts); plain Pillow without libraqm does not.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen
from sqlite_utils import Database

from app.domain.money import format_inr
from app.errors import NotFound
from app.i18n import _
from app.services.catalog import get_product
from app.store import campaigns as campaign_store
from app.store.shop import get_profile
from app.ui.fonts import DEVANAGARI, LATIN, register_fonts

__all__ = ["WORDS", "Offer", "campaign_offer", "offer_image", "offer_poster", "poster_image"]

BRAND = QColor("#0b5d3b")
BADGE = QColor("#e67e22")


@dataclass(frozen=True)
class Offer:
    shop: str
    item: str  # in the chosen language
    price_paise: int
    mrp_paise: int | None
    code: str
    language: str  # 'en' or 'hi'


def campaign_offer(db: Database, campaign_id: int, *, language: str, variant: str = "A") -> Offer:
    """The offer a campaign quotes, with the code of its ``variant``, in ``language`` ('en' or 'hi')."""
    campaign = campaign_store.get_campaign(db, campaign_id)
    if campaign is None:
        raise NotFound(_("There is no campaign number {id}.").format(id=campaign_id))
    found = [v for v in campaign_store.variants(db, campaign_id) if v.label == variant.upper()]
    if not found:
        raise NotFound(_("Campaign {id} has no variant {label}.").format(id=campaign_id, label=variant))
    product = get_product(db, campaign.sku)
    profile = get_profile(db)
    item = (product.name_hi or product.name_en) if language == "hi" else product.name_en
    return Offer(shop=profile.name if profile else "", item=item, price_paise=campaign.quoted_price_paise,
                 mrp_paise=product.mrp_paise, code=found[0].code, language=language)


# Content in the customer's language, like the message text (app.domain.campaigns): not the screen's language.
WORDS = {"save": ("Save {amount}", "{amount} की बचत"), "code": ("Say code {code} at the counter",
                                                               "काउंटर पर कोड {code} बताएँ"),
         "now": ("Now only", "अब सिर्फ़"), "mrp": ("MRP {amount}", "एमआरपी {amount}")}


def _font(pixels: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies([LATIN, DEVANAGARI])
    font.setPixelSize(max(1, int(pixels)))
    font.setBold(bold)
    return font


def _words(offer: Offer) -> dict[str, str]:
    i = 1 if offer.language == "hi" else 0
    out = {key: pair[i] for key, pair in WORDS.items()}
    mrp = offer.mrp_paise or 0
    out["save"] = out["save"].format(amount=format_inr(mrp - offer.price_paise, decimals=False)) \
        if mrp > offer.price_paise else ""
    out["code"] = out["code"].format(code=offer.code)
    out["mrp"] = out["mrp"].format(amount=format_inr(mrp, decimals=False))
    return out


def _draw(p: QPainter, area: QRectF, offer: Offer, photo: QImage | None) -> None:
    w, h = area.width(), area.height()
    u = min(w, h) / 100  # one unit: a hundredth of the short side
    words = _words(offer)
    saving, code, label = words["save"], words["code"], words["now"]
    p.fillRect(area, QColor("white"))
    band = QRectF(area.left(), area.top(), w, 12 * u)
    p.fillRect(band, BRAND)
    p.setPen(QColor("white"))
    p.setFont(_font(6 * u, True))
    p.drawText(band, Qt.AlignmentFlag.AlignCenter, offer.shop)
    picture = QRectF(area.left() + 8 * u, band.bottom() + 4 * u, w - 16 * u, h * 0.28)
    if photo is not None and not photo.isNull():
        scaled = photo.scaled(int(picture.width()), int(picture.height()), Qt.AspectRatioMode.KeepAspectRatio,
                              Qt.TransformationMode.SmoothTransformation)
        p.drawImage(QPointF(picture.center().x() - scaled.width() / 2, picture.center().y() - scaled.height() / 2),
                    scaled)
    else:
        p.fillRect(picture, QColor("#eef6f1"))
        p.setPen(BRAND)
        p.setFont(_font(24 * u, True))
        p.drawText(picture, Qt.AlignmentFlag.AlignCenter, offer.item[:1])
    p.setPen(QColor("#222222"))
    p.setFont(_font(7 * u, True))
    name = QRectF(area.left() + 6 * u, picture.bottom() + 2 * u, w - 12 * u, 12 * u)
    p.drawText(name, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, offer.item)
    p.setFont(_font(5 * u))
    p.drawText(QRectF(area.left(), name.bottom(), w, 7 * u), Qt.AlignmentFlag.AlignCenter, label)
    price = QRectF(area.left(), name.bottom() + 5 * u, w, 16 * u)
    p.setPen(BRAND)
    p.setFont(_font(14 * u, True))
    shown = format_inr(offer.price_paise, decimals=offer.price_paise % 100 != 0)
    p.drawText(price, Qt.AlignmentFlag.AlignCenter, shown)
    if saving:
        p.setPen(QColor("#777777"))
        p.setFont(_font(5 * u))
        mrp = words["mrp"]
        mrp_box = QRectF(area.left(), price.bottom(), w, 7 * u)
        p.drawText(mrp_box, Qt.AlignmentFlag.AlignCenter, mrp)
        half = p.fontMetrics().horizontalAdvance(mrp) / 2
        p.setPen(QPen(QColor("#777777"), max(1.0, 0.4 * u)))
        p.drawLine(QPointF(mrp_box.center().x() - half, mrp_box.center().y()),
                   QPointF(mrp_box.center().x() + half, mrp_box.center().y()))
        badge = QRectF(area.right() - 30 * u, band.bottom() + 2 * u, 26 * u, 26 * u)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(BADGE)
        p.drawEllipse(badge)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QColor("white"))
        p.setFont(_font(4.6 * u, True))
        p.drawText(badge.adjusted(2 * u, 2 * u, -2 * u, -2 * u),
                   Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, saving)
    strip = QRectF(area.left(), area.bottom() - 12 * u, w, 12 * u)
    p.fillRect(strip, QColor("#fdf2e3"))
    p.setPen(QColor("#222222"))
    p.setFont(_font(5 * u, True))
    p.drawText(strip, Qt.AlignmentFlag.AlignCenter, code)


def offer_image(offer: Offer, *, photo: QImage | None = None, size: int = 1080) -> QImage:
    """A square picture of the offer (``size`` pixels a side)."""
    register_fonts()
    image = QImage(size, size, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        _draw(painter, QRectF(0, 0, size, size), offer, photo)
    finally:
        painter.end()
    return image


def _a4_pdf(offer: Offer, path: Path, draw: Callable[[QPainter, QRectF], None]) -> Path:
    """An A4 PDF page (10 mm margins, text stays text, fonts embedded) drawn by ``draw`` in its printable area."""
    register_fonts()
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(10, 10, 10, 10), QPageLayout.Unit.Millimeter)
    writer.setResolution(72)
    writer.setTitle(f"{offer.shop} {offer.code}")
    writer.setCreator("TAVYONIX")
    painter = QPainter(writer)
    try:
        rect = writer.pageLayout().paintRect(QPageLayout.Unit.Point)
        draw(painter, QRectF(0, 0, rect.width(), rect.height()))
    finally:
        painter.end()
    return path


def offer_poster(offer: Offer, path: Path, *, photo: QImage | None = None) -> Path:
    """The offer as an A4 poster PDF for the shop's wall (text stays text, fonts embedded)."""
    return _a4_pdf(offer, path, lambda p, area: _draw(p, area, offer, photo))


def poster_image(offer: Offer, *, photo: QImage | None = None, width: int = 595) -> QImage:
    """The poster's page as a picture (A4's proportions, ``width`` pixels wide): what the PDF will show."""
    register_fonts()
    height = round(width * 297 / 210)
    image = QImage(width, height, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        _draw(painter, QRectF(0, 0, width, height), offer, photo)
    finally:
        painter.end()
    return image


TALKERS_ACROSS, TALKERS_DOWN = 2, 4  # eight shelf-talkers to an A4 sheet, each 95 × 66 mm, cut out along the lines


def _draw_talker(p: QPainter, area: QRectF, offer: Offer) -> None:
    """One shelf-talker (landscape card for the shelf edge): item, price, MRP struck through with the saving,
    and the code to say at the counter."""
    w, h = area.width(), area.height()
    u = h / 100
    words = _words(offer)
    p.setPen(QPen(QColor("#bbbbbb"), max(0.5, 0.4 * u), Qt.PenStyle.DashLine))  # where to cut
    p.drawRect(area)
    band = QRectF(area.left(), area.top(), w, 16 * u)
    p.fillRect(band.adjusted(1, 1, -1, 0), BRAND)
    p.setPen(QColor("white"))
    p.setFont(_font(9 * u, True))
    p.drawText(band, Qt.AlignmentFlag.AlignCenter, offer.shop)
    p.setPen(QColor("#222222"))
    p.setFont(_font(9 * u, True))
    # two lines of Devanagari with the marks above and below them: a rect that holds them whole (drawText clips)
    name = QRectF(area.left() + 4 * u, band.bottom() + 1 * u, w * 0.66, 31 * u)
    p.drawText(name, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap,
               offer.item)
    p.setPen(BRAND)
    p.setFont(_font(22 * u, True))
    price = QRectF(area.left() + 4 * u, name.bottom(), w * 0.66, 28 * u)
    p.drawText(price, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
               format_inr(offer.price_paise, decimals=offer.price_paise % 100 != 0))
    if words["save"]:
        p.setPen(QColor("#777777"))
        p.setFont(_font(8 * u))
        mrp = QRectF(area.left() + 4 * u, price.bottom() - 2 * u, w * 0.66, 10 * u)
        p.drawText(mrp, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, words["mrp"])
        length = p.fontMetrics().horizontalAdvance(words["mrp"])
        p.drawLine(QPointF(mrp.left(), mrp.center().y()), QPointF(mrp.left() + length, mrp.center().y()))
        badge = QRectF(area.right() - 34 * u - 4 * u, band.bottom() + 6 * u, 34 * u, 34 * u)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(BADGE)
        p.drawEllipse(badge)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QColor("white"))
        p.setFont(_font(7 * u, True))
        p.drawText(badge.adjusted(2 * u, 2 * u, -2 * u, -2 * u),
                   Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, words["save"])
    strip = QRectF(area.left() + 1, area.bottom() - 16 * u, w - 2, 16 * u - 1)
    p.fillRect(strip, QColor("#fdf2e3"))
    p.setPen(QColor("#222222"))
    p.setFont(_font(8 * u, True))
    p.drawText(strip, Qt.AlignmentFlag.AlignCenter, words["code"])


def _talker_sheet(p: QPainter, page: QRectF, offer: Offer) -> None:
    w, h = page.width() / TALKERS_ACROSS, page.height() / TALKERS_DOWN
    for row in range(TALKERS_DOWN):
        for column in range(TALKERS_ACROSS):
            _draw_talker(p, QRectF(page.left() + column * w, page.top() + row * h, w, h), offer)


def offer_shelf_talkers(offer: Offer, path: Path) -> Path:
    """Eight shelf-talkers of the offer on an A4 PDF (fonts embedded), to cut out and put on the shelf edge."""
    return _a4_pdf(offer, path, lambda p, area: _talker_sheet(p, area, offer))


def shelf_talker_image(offer: Offer, *, width: int = 595) -> QImage:
    """The shelf-talker sheet as a picture (A4's proportions): what the PDF will show."""
    register_fonts()
    image = QImage(width, round(width * 277 / 190), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        _talker_sheet(painter, QRectF(0, 0, image.width(), image.height()), offer)
    finally:
        painter.end()
    return image
