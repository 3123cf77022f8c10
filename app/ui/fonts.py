"""The shipped fonts: Noto Sans for Latin and ₹, Noto Sans Devanagari for Hindi.

The shop PCs (and the Linux build machines) may have no usable system fonts, and then Qt draws every
glyph as a box. Registering our own files and making them the application font fixes both.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from app.paths import resources_dir

log = logging.getLogger(__name__)

LATIN = "Noto Sans"
DEVANAGARI = "Noto Sans Devanagari"
FONT_FILES = ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSansDevanagari-Regular.ttf",
              "NotoSansDevanagari-Bold.ttf")
BASE_POINT_SIZE = 11  # a little above Qt's default: read from a standing distance at the counter
LARGE_SCALE = 1.3  # "Large letters": 11 pt becomes 14 pt, the counter's total 29 pt becomes 38 pt

_registered: set[str] | None = None
_scale = 1.0


def register_fonts() -> set[str]:
    """Add the shipped font files to Qt's database (once per process); returns the families added.

    Needs a ``QGuiApplication``. A missing or unreadable file is logged, not fatal: the app still
    opens with whatever the system has.
    """
    global _registered
    if _registered is not None:
        return _registered
    families: set[str] = set()
    folder = resources_dir() / "fonts"
    for name in FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(folder / name))
        if font_id < 0:
            log.warning("could not load font %s", folder / name)
            continue
        families.update(QFontDatabase.applicationFontFamilies(font_id))
    _registered = families
    return families


def ui_font(point_size: int = BASE_POINT_SIZE, *, bold: bool = False) -> QFont:
    """Noto Sans with Noto Sans Devanagari as the fallback for Hindi text, at ``point_size`` times the
    window's scale (larger with the "Large letters" setting)."""
    font = QFont()
    font.setFamilies([LATIN, DEVANAGARI])
    font.setPointSize(round(point_size * _scale))
    font.setBold(bold)
    return font


def apply_app_font(app: QApplication, *, large: bool = False) -> None:
    """The application's font; widgets built afterwards (and every ``ui_font``) take its size."""
    global _scale
    register_fonts()
    _scale = LARGE_SCALE if large else 1.0
    app.setFont(ui_font())
