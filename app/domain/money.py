"""Money is an ``int`` number of paise everywhere inside; rupees with Indian grouping only at the edge.

``format_inr(12345650)`` gives ``₹1,23,456.50``; ``parse_inr`` reads what a shopkeeper types
(``₹1,23,456.50``, ``1234.5``, ``Rs. 20``, ``20/-``) back to paise.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from fractions import Fraction

from app.errors import InvalidAmount
from app.i18n import _

__all__ = ["RUPEE", "div_round", "format_inr", "from_wire", "group_indian", "parse_inr", "round_half_up", "to_wire"]

RUPEE = "₹"


def div_round(numerator: int, denominator: int) -> int:
    """``numerator / denominator`` rounded half away from zero, in integers only (fast and exact)."""
    if denominator < 0:
        numerator, denominator = -numerator, -denominator
    if numerator >= 0:
        return (2 * numerator + denominator) // (2 * denominator)
    return -((-2 * numerator + denominator) // (2 * denominator))


def round_half_up(value: Fraction | int) -> int:
    """Round to the nearest integer, halves away from zero (the GST convention)."""
    value = Fraction(value)
    return div_round(value.numerator, value.denominator)


def group_indian(digits: str) -> str:
    """Insert Indian digit grouping: '12345678' -> '1,23,45,678'."""
    if len(digits) <= 3:
        return digits
    head, tail = digits[:-3], digits[-3:]
    groups: list[str] = []
    while len(head) > 2:
        groups.insert(0, head[-2:])
        head = head[:-2]
    if head:
        groups.insert(0, head)
    return ",".join([*groups, tail])


def to_wire(paise: int) -> str:
    """Paise as the decimal rupee text marketplaces exchange: 12345 -> '123.45', -5 -> '-0.05'."""
    sign = "-" if paise < 0 else ""
    rupees, rest = divmod(abs(paise), 100)
    return f"{sign}{rupees}.{rest:02d}"


def from_wire(amount: object) -> int:
    """A marketplace's rupee amount (text or number, '123.45') as paise, exactly (half-even past paise)."""
    return int((Decimal(str(amount)) * 100).to_integral_value())


def format_inr(paise: int, *, symbol: bool = True, decimals: bool = True) -> str:
    """Format paise as rupees with Indian grouping: 12345650 -> '₹1,23,456.50'."""
    if not isinstance(paise, int):
        raise TypeError(f"money must be int paise, got {type(paise).__name__}")
    sign = "-" if paise < 0 else ""
    rupees, rest = divmod(abs(paise), 100)
    text = group_indian(str(rupees))
    if decimals or rest:
        text = f"{text}.{rest:02d}"
    return f"{sign}{RUPEE if symbol else ''}{text}"


_AMOUNT = re.compile(r"^(?P<int>\d+)(?:\.(?P<frac>\d{1,2}))?$")
_PREFIXES = ("₹", "rs.", "rs", "inr", "रु.", "रु", "रुपये", "रुपए")


def parse_inr(text: str | int | float) -> int:
    """Read an amount in rupees as typed by a person and return paise.

    Accepts an optional ₹/Rs/INR prefix, Indian or western commas, up to two decimals and a
    trailing '/-'. Refuses anything else with a message the shopkeeper understands.
    """
    if isinstance(text, bool):
        raise InvalidAmount(_("'{amount}' is not an amount of money.").format(amount=text))
    if isinstance(text, float) and not math.isfinite(text):
        raise InvalidAmount(_("'{amount}' is not an amount of money.").format(amount=text))
    if isinstance(text, int):
        text = str(text)
    if isinstance(text, float):
        text = f"{text:.2f}"
    raw = str(text)
    cleaned = raw.strip().lower().replace(" ", "").replace("\u00a0", "")
    negative = cleaned.startswith("-")
    if negative:
        cleaned = cleaned[1:]
    for prefix in _PREFIXES:
        if cleaned.startswith(prefix):
            cleaned = cleaned[len(prefix):]
            if cleaned.startswith("-") and not negative:  # "₹-5" as well as "-₹5"
                negative, cleaned = True, cleaned[1:]
            break
    if cleaned.endswith("/-"):
        cleaned = cleaned[:-2]
    if "," in cleaned:
        whole = cleaned.split(".")[0]
        if not re.fullmatch(r"\d{1,3}(,\d{2,3})*", whole):
            raise InvalidAmount(_("'{amount}' is not an amount of money.").format(amount=raw))
        cleaned = cleaned.replace(",", "")
    match = _AMOUNT.match(cleaned)
    if not match:
        raise InvalidAmount(_("'{amount}' is not an amount of money.").format(amount=raw),
                            hint=_("Type it like 245 or 245.50."))
    if len(match["int"]) > 15:  # beyond any amount a shop means (domain.bounds)
        raise InvalidAmount(_("'{amount}' is too large an amount.").format(amount=raw[:40]))
    paise = int(match["int"]) * 100 + int((match["frac"] or "0").ljust(2, "0"))
    return -paise if negative else paise
