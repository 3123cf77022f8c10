from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QRawFont
from PySide6.QtWidgets import QApplication

from app.ui.fonts import DEVANAGARI, LATIN, register_fonts


def test_shipped_fonts_are_registered(ui_app):
    families = set(QFontDatabase.families())
    assert {LATIN, DEVANAGARI} <= families
    assert {LATIN, DEVANAGARI} <= register_fonts()


def test_app_font_is_noto_sans_with_devanagari_fallback(ui_app):
    font = QApplication.font()
    assert font.families()[:2] == [LATIN, DEVANAGARI]
    assert QFontInfo(font).family() == LATIN


def test_rupee_and_hindi_have_glyphs(ui_app):
    latin = QRawFont.fromFont(QFont(LATIN))
    devanagari = QRawFont.fromFont(QFont(DEVANAGARI))
    assert latin.familyName() == LATIN and devanagari.familyName() == DEVANAGARI
    assert all(latin.supportsCharacter(ord(ch)) for ch in "₹1,23,456.50 Tata Salt")
    assert all(devanagari.supportsCharacter(ord(ch)) for ch in "टाटा नमक चीनी")
    assert not latin.supportsCharacter(ord("न"))  # why Devanagari must follow in the chain
