"""Event records: parcels handed to a courier, and what the courier reports of them."""

from __future__ import annotations

from dataclasses import dataclass

from app.events.base import Event, subject

__all__ = ["ShipmentUpdated"]


@subject("order", "order_id")
@dataclass(frozen=True, kw_only=True)
class ShipmentUpdated(Event):
    """A courier shipment for an order was booked (``status`` ``booked``) or the courier reported a new state
    (``in_transit``, ``delivered``, ``rto`` on its way back, ``rto_delivered`` back at the shop)."""

    order_id: int
    awb: str
    courier: str
    status: str
