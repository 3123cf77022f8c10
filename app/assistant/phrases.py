"""The assistant's replies in the seller's language: English, Hindi or Hinglish, chosen per message.

Each reply sentence is written once as ``tr("English {x}", "Hinglish {x}")``: the English text is the
message id, so ``tools/i18n.py`` collects it into the Hindi catalog like every other string of the app
(``resources/locale/hi``), and the romanised Hindi sits next to it in the code. ``say(lang, ...)`` picks the
one the seller's message was written in, whatever language the screens are in.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from app.assistant.text import HI, HINGLISH
from app.domain.money import format_inr
from app.domain.qty import format_qty
from app.i18n import DOMAIN, locale_dir


@lru_cache(maxsize=1)
def _hindi() -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, localedir=locale_dir(), languages=["hi"], fallback=True)


@dataclass(frozen=True, slots=True)
class Phrase:
    en: str
    hinglish: str

    def text(self, lang: str) -> str:
        if lang == HI:
            return _hindi().gettext(self.en)
        if lang == HINGLISH:
            return self.hinglish
        return self.en

    def say(self, lang: str, **values: Any) -> str:
        return self.text(lang).format(**values)


def tr(english: str, hinglish: str) -> Phrase:
    """A reply sentence in English (translated into Hindi by the catalog) and in Hinglish."""
    return Phrase(english, hinglish)


def rupees(paise: int, *, exact: bool = True) -> str:
    """₹1,23,456 (paise shown only when there are some; not at all for round figures of ₹100 and more)."""
    paise = int(paise)
    if not exact and abs(paise) >= 10_000:
        paise = (paise + 50) // 100 * 100
    return format_inr(paise, decimals=False)


HINDI_MONTHS = ("जनवरी", "फ़रवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर", "अक्टूबर", "नवंबर",
                "दिसंबर")
HINDI_UNITS = {"pcs": "पीस", "pack": "पैकेट", "box": "डिब्बे", "dozen": "दर्जन", "kg": "किलो", "g": "ग्राम",
               "l": "लीटर", "ml": "मिली"}


def day(value: date | str, lang: str = "en") -> str:
    """'15 Oct' ('15 अक्टूबर' in Hindi): replies are about days near now, so no year."""
    value = date.fromisoformat(value) if isinstance(value, str) else value
    return f"{value.day} {HINDI_MONTHS[value.month - 1]}" if lang == HI else f"{value.day} {value:%b}"


def quantity(milli: int, unit: str, lang: str = "en") -> str:
    """'3 pcs', '0.25 kg'; with the unit's Hindi name in Hindi ('3 पीस')."""
    text = format_qty(int(milli), unit)
    return text.rsplit(" ", 1)[0] + " " + HINDI_UNITS.get(unit, unit) if lang == HI else text


CHANNEL_NAMES = {"whatsapp": "WhatsApp", "sms": "SMS", "amazon": "Amazon", "flipkart": "Flipkart", "jiomart": "JioMart",
                 "meesho": "Meesho", "facebook": "Facebook", "instagram": "Instagram", "swiggy": "Swiggy",
                 "zepto": "Zepto"}


def channel_name(code: str) -> str:
    return CHANNEL_NAMES.get(code, code)


def percent(value: float) -> str:
    return f"{value:.0f}%" if abs(value - round(value)) < 0.05 else f"{value:.1f}%"
