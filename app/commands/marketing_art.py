"""``marketing image`` and ``marketing poster``: a campaign's offer as a picture and as a poster (Qt paints
them; without a screen it paints off-screen)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from app.errors import InputError, NotFound
from app.i18n import _
from app.services.catalog import get_product
from app.session import Session
from app.store import campaigns as campaign_store
from app.store.shop import get_profile

__all__ = ["write_art"]


def _qt() -> None:
    if sys.platform.startswith("linux") and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:  # a full QApplication: an in-process caller may show widgets later
        _qt.app = QApplication([])  # type: ignore[attr-defined]


def write_art(s: Session, campaign_id: int, out: Path, *, kind: str, language: str, photo: Path | None = None,
              variant: str = "A") -> Path:
    """Write the offer of ``campaign_id`` (the code of ``variant``) as ``kind`` ('image' or 'poster')."""
    _qt()
    from PySide6.QtGui import QImage

    from app.ui.offer_art import Offer, offer_image, offer_poster

    db = s.store.db()
    campaign = campaign_store.get_campaign(db, campaign_id)
    if campaign is None:
        raise NotFound(_("There is no campaign number {id}.").format(id=campaign_id))
    found = [v for v in campaign_store.variants(db, campaign_id) if v.label == variant.upper()]
    if not found:
        raise NotFound(_("Campaign {id} has no variant {label}.").format(id=campaign_id, label=variant))
    picture = None
    if photo is not None:
        picture = QImage(str(photo))
        if picture.isNull():
            raise InputError(_("{path} is not a picture TAVYONIX can read (PNG or JPEG).").format(path=photo))
    product = get_product(db, campaign.sku)
    profile = get_profile(db)
    item = (product.name_hi or product.name_en) if language == "hi" else product.name_en
    offer = Offer(shop=profile.name if profile else "", item=item, price_paise=campaign.quoted_price_paise,
                  mrp_paise=product.mrp_paise, code=found[0].code, language=language)
    if kind == "poster":
        return offer_poster(offer, out, photo=picture)
    offer_image(offer, photo=picture).save(str(out))
    return out
