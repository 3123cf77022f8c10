"""What a kirana can plausibly type: quantities, money, text and dates, each with its outer limit.

A barcode scanned into the quantity field, a key held down, a pasted paragraph or a year typed as
0001 must be refused with a message at the door, not stored (and then break every report that adds
it up: SQLite's integer sums overflow at 9.2 * 10^18). The limits are far above any real shop's day,
and far below where arithmetic goes wrong:

- one line or stock move: 1,00,000 pieces (packs, boxes), 10,000 kg, 10,000 litres;
- a price, MRP or cost of one unit: Rs 10 lakh; one line: Rs 50 lakh; one bill or payment: Rs 1 crore;
- any amount at all (goals, targets): Rs 1,000 crore;
- names and notes: a few hundred characters of printable text (no control or direction-override
  characters, which would reorder what a bill shows);
- dates: between 2000 and 2100.

The worst sum is then Rs 50 lakh (5 * 10^8 paise) per line: ten billion lines before SQLite's exact
integer sums could overflow, so reports (z-report, info, ask) cannot be broken by what is typed.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable
from datetime import date

from app.errors import InputError, InvalidAmount, InvalidQuantity, UnusualQuantity
from app.i18n import _

__all__ = ["FIRST_DAY", "GOAL_METRIC_RANGES", "GST_RATES_BP", "LAST_DAY", "MAX_ANY_PAISE", "MAX_BILL_PAISE",
           "MAX_GOAL_DAYS", "MAX_LINE_PAISE", "MAX_PERCENT", "MAX_QTY_MILLI", "MAX_UNIT_PAISE", "NAME_MAX", "NOTE_MAX",
           "check_bill", "check_day", "check_goal_metrics", "check_gst_rate", "check_line", "check_money",
           "check_number", "check_qty", "check_text", "check_unit_price", "confirm_usual_qty", "kind_of"]

MILLI = 1000
# the most of one unit kind on one line or one stock move, in milli-units of the base unit
MAX_QTY_MILLI = {"pcs": 100_000 * MILLI, "kg": 10_000 * MILLI, "l": 10_000 * MILLI}
_KIND = {"pcs": "pcs", "pack": "pcs", "box": "pcs", "dozen": "pcs", "kg": "kg", "g": "kg", "l": "l", "ml": "l"}
MAX_UNIT_PAISE = 10_00_000 * 100  # Rs 10 lakh for one unit
MAX_LINE_PAISE = 50_00_000 * 100  # Rs 50 lakh for one line
MAX_BILL_PAISE = 1_00_00_000 * 100  # Rs 1 crore for one bill or one payment
MAX_ANY_PAISE = 1_000_00_00_000 * 100  # Rs 1,000 crore: a goal, a target, a limit
MAX_PERCENT = 1000  # a margin or growth goal in percent
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2100, 12, 31)
NAME_MAX, NOTE_MAX = 200, 1000
# "far above the item's usual sale": this many times the largest line sold before, and at least this many units
USUAL_FACTOR, USUAL_FLOOR_UNITS = 10, 50

# bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): they reorder the text around them
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def kind_of(unit: str) -> str:
    return _KIND.get(unit, "pcs")


def check_qty(qty_milli: int, unit: str) -> int:
    """One line's quantity (positive or negative for an adjustment) within its unit kind's limit."""
    if not isinstance(qty_milli, int) or isinstance(qty_milli, bool):
        raise InvalidQuantity(_("The quantity must be a number."))
    limit = MAX_QTY_MILLI[kind_of(unit)]
    if abs(qty_milli) > limit:
        raise InvalidQuantity(
            _("{qty} {unit} is more than a shop handles on one line (at most {limit} {unit}).").format(
                qty=_units(abs(qty_milli)), unit=unit, limit=_units(limit)),
            hint=_("Check the quantity: a barcode may have been scanned into it."))
    return qty_milli


def confirm_usual_qty(qty_milli: int, usual_milli: int | None, *, what: str, confirmed: bool) -> None:
    """A quantity far above what this item usually sells in one line needs the seller's yes."""
    if confirmed or not usual_milli:
        return
    if qty_milli > max(usual_milli * USUAL_FACTOR, USUAL_FLOOR_UNITS * MILLI):
        raise UnusualQuantity(
            _("{what}: {qty} is far more than it usually sells in one bill (up to {usual}).").format(
                what=what, qty=_units(qty_milli), usual=_units(usual_milli)),
            hint=_("Check the quantity; confirm if it is right."))


def _units(milli: int) -> str:
    whole, part = divmod(milli, MILLI)
    return f"{whole:,}" if not part else f"{whole:,}.{part:03d}".rstrip("0")


def check_money(paise: int, *, limit: int = MAX_ANY_PAISE, what: str = "", negative_ok: bool = False) -> int:
    """An amount in paise: a whole number within ``limit`` (and not negative unless allowed)."""
    if not isinstance(paise, int) or isinstance(paise, bool):
        raise InvalidAmount(_("The amount must be a number."))
    if paise < 0 and not negative_ok:
        raise InvalidAmount(_("{what}The amount cannot be negative.").format(what=f"{what}: " if what else ""))
    if abs(paise) > limit:
        raise InvalidAmount(
            _("{what}The amount is too large (at most Rs {limit:,}).").format(
                what=f"{what}: " if what else "", limit=limit // 100),
            hint=_("Check the amount: a barcode may have been scanned into it."))
    return paise


def check_unit_price(paise: int, *, what: str = "") -> int:
    return check_money(paise, limit=MAX_UNIT_PAISE, what=what)


def check_line(paise: int, *, what: str = "") -> int:
    return check_money(paise, limit=MAX_LINE_PAISE, what=what, negative_ok=True)


def check_bill(paise: int) -> int:
    return check_money(paise, limit=MAX_BILL_PAISE, what=_("Bill"), negative_ok=True)


def check_number(value: float | int, *, low: float, high: float, what: str) -> float | int:
    """A finite number within [low, high]: refuses NaN, infinity and absurd sizes."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InputError(_("{what} must be a number.").format(what=what))
    if isinstance(value, float) and not math.isfinite(value):
        raise InputError(_("{what} must be an ordinary number.").format(what=what))
    if not low <= value <= high:
        raise InputError(_("{what} must be between {low:g} and {high:g}.").format(what=what, low=low, high=high))
    return value


# the plausible range of each goal number: a growth or cut in percent, a count, paise, basis points
GOAL_METRIC_RANGES: dict[str, tuple[float, float]] = {
    "change_pct": (-100, MAX_PERCENT), "target": (0, 10**9), "target_paise": (0, MAX_ANY_PAISE),
    "max_paise": (0, MAX_ANY_PAISE), "min_bp": (0, 10_000)}
MAX_GOAL_DAYS = 3 * 366


def check_goal_metrics(metrics: Iterable[dict]) -> None:
    """Every number of a goal finite and plausible (NaN stored in a goal broke every client's JSON)."""
    for metric in metrics:
        for key, (low, high) in GOAL_METRIC_RANGES.items():
            if key in metric:
                check_number(metric[key], low=low, high=high, what=key)


# Every GST rate (and special rate) in force since 2017, in basis points: 0, 0.1, 0.25, 1, 1.5, 3, 5, 6,
# 7.5, 12, 18, 28 and 40 % (india-commerce.md 1.4). A rate outside these is a typing mistake.
GST_RATES_BP = frozenset({0, 10, 25, 100, 150, 300, 500, 600, 750, 1200, 1800, 2800, 4000})


def check_gst_rate(rate_bp: int, known: frozenset[int] | set[int] = GST_RATES_BP) -> int:
    if isinstance(rate_bp, bool) or not isinstance(rate_bp, int) or rate_bp not in known:
        raise InputError(_("{rate}% is not a GST rate.").format(rate=_percent(rate_bp)),
                         hint=_("GST rates are {rates}%.").format(
                             rates=", ".join(_percent(r) for r in sorted(known))))
    return rate_bp


def _percent(bp: object) -> str:
    if not isinstance(bp, int):
        return str(bp)
    whole, part = divmod(bp, 100)
    return str(whole) if not part else f"{whole}.{part:02d}".rstrip("0")


def check_text(value: str, *, what: str, limit: int = NAME_MAX, empty_ok: bool = False) -> str:
    """Printable text: no control, direction-override or unpaired surrogate characters, not too long."""
    if not isinstance(value, str):
        raise InputError(_("{what} must be text.").format(what=what))
    text = value.strip()
    if not text and not empty_ok:
        raise InputError(_("{what} cannot be empty.").format(what=what))
    if len(text) > limit:
        raise InputError(_("{what} is too long ({length} characters; at most {limit}).").format(
            what=what, length=len(text), limit=limit))
    for ch in text:
        category = unicodedata.category(ch)
        if ch in _BIDI_CONTROLS or category == "Cs" or (category == "Cc" and ch not in "\t"):
            raise InputError(_("{what} contains a hidden or control character (U+{code:04X}).").format(
                what=what, code=ord(ch)), hint=_("Type it again without pasting."))
    return text


def check_day(day: date, *, what: str, first: date = FIRST_DAY, last: date = LAST_DAY) -> date:
    if not first <= day <= last:
        raise InputError(_("{what}: {day} is not a plausible date (between {first} and {last}).").format(
            what=what, day=day.isoformat(), first=first.isoformat(), last=last.isoformat()))
    return day
