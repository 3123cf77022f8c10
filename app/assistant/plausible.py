"""Plausible bounds for the numbers a message carries, before anything is done with them.

A number outside these bounds is a typing slip, noise or an attack ("reorder 99999999999999999999 tata salt",
"set price of maggi to 99999999"), never a command: the slot is left empty and the assistant asks again.
The bounds are wide on purpose (a kirana shop, not a warehouse): they stop the absurd, not the unusual.
:func:`plausible` is the one place that decides; when the domain's own bounds module lands it can answer
instead.
"""

from __future__ import annotations

from decimal import Decimal

PAISE_PER_RUPEE = 100
# (lowest, highest), both included; quantities are counts of the item (or of its cases), money in rupees
BOUNDS: dict[str, tuple[Decimal, Decimal]] = {
    "quantity": (Decimal("0.001"), Decimal(10_000)),
    "price": (Decimal("0.5"), Decimal(100_000)),  # one item's shelf price
    "price_change": (Decimal("0.5"), Decimal(50_000)),  # rupees up or down on one item
    "price_percent": (Decimal("0.1"), Decimal(90)),
    "offer_percent": (Decimal("0.5"), Decimal(90)),
    "offer_amount": (Decimal("0.5"), Decimal(10_000)),
    "goal_percent": (Decimal("0.5"), Decimal(300)),  # a change of sales, profit or waste, either way
    "goal_amount": (Decimal(100), Decimal(100_000_000)),  # up to 10 crore
    "fill_rate": (Decimal(50), Decimal("99.5")),
    "payment": (Decimal(1), Decimal(100_000)),  # a khata payment, up to a lakh
    "request": (Decimal(1), Decimal(10_000_000)),
    "order_number": (Decimal(1), Decimal(10_000_000)),  # the shop's own order numbers ("order 12")
}


def plausible(kind: str, value: Decimal | int | float) -> bool:
    """Whether ``value`` (rupees for money, a count for quantities, a percent) is believable as ``kind``."""
    low, high = BOUNDS[kind]
    try:
        number = abs(Decimal(str(value)))
    except ArithmeticError:
        return False
    return number.is_finite() and low <= number <= high
