"""Event records: a marketplace order sent in parts."""

from __future__ import annotations

from dataclasses import dataclass

from app.events.base import Event, subject

__all__ = ["OrderPartRecorded"]


@subject("order", "order_id")
@dataclass(frozen=True, kw_only=True)
class OrderPartRecorded(Event):
    """Part ``part_no`` of an order: ``kind`` ``shipped`` (these units went, with ``carrier`` and ``tracking``)
    or ``cancelled`` (the units not shipped, cancelled with the customer's consent; their stock came back).
    ``items`` lists the units ("ATTA5 × 1, SALT1 × 2")."""

    order_id: int
    part_no: int
    kind: str
    items: str
    carrier: str = ""
    tracking: str = ""
