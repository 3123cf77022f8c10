"""Translation of every string the user sees: ``from app.i18n import _``.

Catalogs are gettext ``.mo`` files under ``resources/locale/<lang>/LC_MESSAGES/tavyonix.mo``,
compiled from the ``.po`` next to them by ``tools/i18n.py``. English is the source language.
The language is process-wide (one shopkeeper, one counter); Qt's own translator is installed by
``app.ui`` on top of this.
"""

from __future__ import annotations

import gettext
import threading
from collections.abc import Callable
from pathlib import Path

__all__ = ["DOMAIN", "LANGUAGES", "_", "language", "lazy", "locale_dir", "ngettext", "set_language"]

DOMAIN = "tavyonix"
LANGUAGES: dict[str, str] = {"en": "English", "hi": "हिन्दी"}

_lock = threading.Lock()
_current: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def locale_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "resources" / "locale"


def set_language(lang: str) -> None:
    """Switch every later ``_()`` call to ``lang`` ("en" or "hi"); unknown codes fall back to English."""
    global _current, _language
    lang = lang if lang in LANGUAGES else "en"
    if lang == "en":
        translations: gettext.NullTranslations = gettext.NullTranslations()
    else:
        translations = gettext.translation(DOMAIN, localedir=locale_dir(), languages=[lang], fallback=True)
    with _lock:
        _current, _language = translations, lang


def language() -> str:
    return _language


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    return _current.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _current.ngettext(singular, plural, n)


def lazy(message: str) -> Callable[[], str]:
    """A description translated when it is shown, not when the module is imported."""
    return lambda: _(message)
