"""The shop's own home-delivery orders (phone, WhatsApp): their states and the order of a delivery run.

Pure rules, no storage. A delivery order moves forward only, along the same steps as a marketplace order:
``pending`` (taken) -> ``accepted`` (confirmed to the customer) -> ``packed`` -> ``shipped`` (out for
delivery, with the shop's delivery person) -> ``delivered`` (paid, cash or UPI, at the door). It may be
cancelled at any step before ``delivered``: unlike a courier parcel, the shop's own delivery person brings
the goods back the same day, so a refusal at the door is a cancellation, with the stock back on the shelf.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["DELIVERY_FLOW", "OPEN", "PAY_METHODS", "SOURCES", "RunStop", "can_move", "check_pin", "run_order"]

DELIVERY_FLOW = ("pending", "accepted", "packed", "shipped", "delivered")
OPEN = ("pending", "accepted", "packed", "shipped")
SOURCES = ("phone", "whatsapp", "counter", "chat")
PAY_METHODS = ("cash", "upi")
_PIN = re.compile(r"[1-9][0-9]{5}")


def can_move(current: str, new: str) -> bool:
    """True if a delivery order in ``current`` may become ``new``: forward, or cancelled before delivery."""
    if current == new:
        return True
    if current in ("cancelled", "delivered"):
        return False
    if new == "cancelled":
        return current in OPEN
    if current not in DELIVERY_FLOW or new not in DELIVERY_FLOW:
        return False
    return DELIVERY_FLOW.index(new) > DELIVERY_FLOW.index(current)


def check_pin(pin: str) -> str | None:
    """The six-digit Indian PIN code cleaned of spaces, '' when none was given, None when it is not one."""
    cleaned = re.sub(r"\s+", "", pin or "")
    if not cleaned:
        return ""
    return cleaned if _PIN.fullmatch(cleaned) else None


@dataclass(frozen=True)
class RunStop:
    """One stop of the day's delivery run, as the delivery person's sheet shows it."""

    order_id: int
    customer: str
    phone: str
    address: str
    area: str
    pin: str
    items: str
    due_paise: int  # what to collect at the door
    pay_by: str  # cash | upi
    status: str
    note: str


def run_order(stops: Iterable[RunStop]) -> list[RunStop]:
    """Stops grouped by area (then PIN, then the order they were taken in), so the delivery person
    walks a lane once; stops without an area come last."""
    return sorted(stops, key=lambda s: (not s.area.strip(), s.area.strip().casefold(), s.pin, s.order_id))
