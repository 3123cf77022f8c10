"""Event records: what the operations agent did with an order (planned it, asked the seller, booked its
courier, failed, escalated), and the problems found while fulfilling it."""

from __future__ import annotations

from dataclasses import dataclass

from app.events.base import Event, subject

__all__ = ["FulfilmentUpdated"]


@subject("order", "order_id")
@dataclass(frozen=True, kw_only=True)
class FulfilmentUpdated(Event):
    """The operations agent moved an order on: ``status`` is ``planned`` (people hand it over: own delivery
    or India Post), ``awaiting`` (asked the seller), ``queued`` (cleared to book), ``booked``, ``failed``,
    ``declined`` (the seller said no), ``escalated`` (nothing reaches the customer in time) or
    ``pickup_late`` (the courier has not picked the parcel up near the hand-over deadline). ``note`` says
    why, in the seller's language at the time."""

    order_id: int
    status: str
    method: str = ""
    carrier: str = ""
    cost_paise: int = 0
    hand_over_by: str = ""
    note: str = ""
