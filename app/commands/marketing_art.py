"""``marketing image`` and ``marketing poster``: a campaign's offer as a picture and as a poster (Qt paints
them; without a screen it paints off-screen)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from app.errors import InputError
from app.i18n import _
from app.session import Session

__all__ = ["write_art"]


def _qt() -> None:
    if sys.platform.startswith("linux") and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:  # a full QApplication: an in-process caller may show widgets later
        _qt.app = QApplication([])  # type: ignore[attr-defined]


def write_art(s: Session, campaign_id: int, out: Path, *, kind: str, language: str, photo: Path | None = None,
              variant: str = "A") -> Path:
    """Write the offer of ``campaign_id`` (the code of ``variant``) as ``kind`` ('image', 'poster' or
    'talkers', eight shelf-talkers on an A4 sheet)."""
    _qt()
    from PySide6.QtGui import QImage

    from app.ui.offer_art import campaign_offer, offer_image, offer_poster

    picture = None
    if photo is not None:
        picture = QImage(str(photo))
        if picture.isNull():
            raise InputError(_("{path} is not a picture TAVYONIX can read (PNG or JPEG).").format(path=photo))
    offer = campaign_offer(s.store.db(), campaign_id, language=language, variant=variant)
    if kind == "poster":
        return offer_poster(offer, out, photo=picture)
    if kind == "talkers":
        from app.ui.offer_art import offer_shelf_talkers

        return offer_shelf_talkers(offer, out)
    offer_image(offer, photo=picture).save(str(out))
    return out
