"""Quantities are ``int`` thousandths of the product's unit (``qty_milli``).

One piece is 1000; a quarter kilo of loose sugar sold by the kilo is 250. Integers keep stock
ledgers exact for loose goods sold by weight, with no floating point anywhere.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from app.errors import InvalidQuantity
from app.i18n import _, lazy

__all__ = ["LOOSE_UNITS", "MILLI", "UNITS", "check_positive", "check_unit", "check_whole", "format_count", "format_qty",
           "qty_words", "to_milli", "unit_word"]

MILLI = 1000

# unit -> (base unit, factor to the base unit); a product is stocked in its own unit
UNITS: dict[str, tuple[str, Decimal]] = {
    "pcs": ("pcs", Decimal(1)),
    "pack": ("pack", Decimal(1)),
    "box": ("box", Decimal(1)),
    "dozen": ("pcs", Decimal(12)),
    "kg": ("kg", Decimal(1)),
    "g": ("kg", Decimal("0.001")),
    "l": ("l", Decimal(1)),
    "ml": ("l", Decimal("0.001")),
}
LOOSE_UNITS = frozenset({"kg", "g", "l", "ml"})
# the unit as the seller reads it (issue 14: "20 नग", not "20 pcs", in Hindi); the code keeps the English unit
_UNIT_WORDS = {"pcs": lazy("pcs"), "pack": lazy("pack"), "box": lazy("box"), "dozen": lazy("dozen"),
               "kg": lazy("kg"), "g": lazy("g"), "l": lazy("l"), "ml": lazy("ml")}
_QTY = re.compile(r"^\s*(?P<num>\d+(?:\.\d+)?|\.\d+)\s*(?P<unit>[a-zA-Z]*)\s*$")


def check_unit(unit: str) -> str:
    if unit not in UNITS:
        raise InvalidQuantity(
            _("'{unit}' is not a unit we know.").format(unit=unit),
            hint=_("Use one of: {units}.").format(units=", ".join(UNITS)),
        )
    return unit


def to_milli(value: str | int | Decimal, unit: str, *, entered_unit: str | None = None) -> int:
    """Convert a quantity typed in ``entered_unit`` (default: the product's) to milli-units of ``unit``.

    ``to_milli("250", "kg", entered_unit="g") == 250``; ``to_milli(3, "pcs") == 3000``.
    """
    check_unit(unit)
    text = str(value)
    match = _QTY.match(text)
    if not match:
        raise InvalidQuantity(_("'{qty}' is not a quantity.").format(qty=text))
    entered = match["unit"].lower() or entered_unit or unit
    check_unit(entered)
    if UNITS[entered][0] != UNITS[unit][0]:
        raise InvalidQuantity(_("Cannot sell {entered} of an item counted in {unit}.").format(
            entered=entered, unit=unit))
    try:
        amount = Decimal(match["num"]) * UNITS[entered][1] / UNITS[unit][1] * MILLI
    except InvalidOperation:
        raise InvalidQuantity(_("'{qty}' is not a quantity.").format(qty=text)) from None
    if amount != amount.to_integral_value():
        raise InvalidQuantity(_("'{qty}' is finer than this item can be measured.").format(qty=text))
    return int(amount)


def check_positive(qty_milli: int) -> int:
    if not isinstance(qty_milli, int) or isinstance(qty_milli, bool) or qty_milli <= 0:
        raise InvalidQuantity(_("The quantity must be more than zero."))
    return qty_milli


def check_whole(qty_milli: int, unit: str) -> int:
    """Countable units (pieces, packs) cannot be split; and no line is beyond plausible (domain.bounds)."""
    from app.domain.bounds import check_qty

    check_qty(qty_milli, unit)
    if unit not in LOOSE_UNITS and qty_milli % MILLI:
        raise InvalidQuantity(_("Items counted in {unit} cannot be split into parts.").format(unit=unit))
    return qty_milli


def _amount(qty_milli: int) -> str:
    """3000 -> '3'; 250 -> '0.25'."""
    value = Decimal(qty_milli) / MILLI
    return format(value.normalize(), "f") if value != value.to_integral_value() else str(int(value))


def format_qty(qty_milli: int, unit: str) -> str:
    """3000 pcs -> '3 pcs'; 250 kg -> '0.25 kg'."""
    return f"{_amount(qty_milli)} {unit}"


def unit_word(unit: str) -> str:
    """The unit in the language the seller reads now ("pcs" in English, "नग" in Hindi); an unknown unit as it is."""
    word = _UNIT_WORDS.get(unit)
    return word() if word else unit


def qty_words(qty_milli: int, unit: str) -> str:
    """:func:`format_qty` for the seller to read, its unit in the language of the moment (English: the same text);
    never for a field that is parsed back (``to_milli`` knows only the English units)."""
    return f"{_amount(qty_milli)} {unit_word(unit)}"


def format_count(qty_milli: int, unit: str) -> str:
    """Whole pieces as a bare number (3000 pcs -> '3'), so a sentence around it reads the same in Hindi;
    weights, volumes and part pieces keep their unit (250 kg -> '0.25 kg')."""
    if unit not in LOOSE_UNITS and qty_milli % MILLI == 0:
        return str(qty_milli // MILLI)
    return format_qty(qty_milli, unit)
