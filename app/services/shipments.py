"""Parcels handed to a courier aggregator: the booking (saved with the order's shipment, so the marketplace
hears the courier and AWB once), and what the courier reports afterwards.

A parcel the courier reports delivered moves the order to ``delivered``. A return to origin (RTO: the buyer
refused it, or it could not be delivered) changes nothing in the stock while it travels back: the stock
comes back only when the seller says the parcel is in the shop (``order_flow.receive_return``), so a
parcel lost on the way back is never counted as stock.
"""

from __future__ import annotations

from sqlite_utils import Database

from app.errors import InvalidState
from app.events import ShipmentUpdated
from app.i18n import _
from app.services import customer_messages, order_flow, sales
from app.services.changes import Changes
from app.services.context import SELLER, Origin, ServiceContext
from app.store import orders as order_store
from app.store import shipments as store

__all__ = ["COURIER_STATES", "PARCEL_ORDER", "cancelled", "record_booking", "record_cancel", "record_status",
           "shipment", "status_label"]

# what an aggregator's tracking says -> our shipment status (the rest is still on its way)
COURIER_STATES = {"DELIVERED": "delivered", "RTO INITIATED": "rto", "RTO IN TRANSIT": "rto",
                  "RTO DELIVERED": "rto_delivered", "PICKED UP": "in_transit", "IN TRANSIT": "in_transit",
                  "OUT FOR DELIVERY": "in_transit"}
PARCEL_ORDER = ("booked", "in_transit", "delivered", "rto", "rto_delivered")  # a parcel's states, in order
_ORDER = PARCEL_ORDER


def status_label(status: str) -> str:
    return {"booked": _("booked"), "in_transit": _("on its way"), "delivered": _("delivered"),
            "rto": _("coming back (RTO)"), "rto_delivered": _("back at the shop's door (RTO)"),
            "cancelled": _("booking cancelled")}.get(status, status)


def shipment(ctx: ServiceContext, order_id: int) -> store.Shipment | None:
    return store.get(ctx.store.db(), order_id)


def cancelled(ctx: ServiceContext, order_id: int) -> list[store.Cancelled]:
    """The order's bookings cancelled at the courier, oldest first."""
    return store.cancelled(ctx.store.db(), order_id)


def rebooking(db: Database, order_id: int) -> bool:
    """True when the order shipped with a booking since cancelled and has no live one: it may be booked again."""
    order = order_store.get(db, order_id, with_lines=False)
    return (order is not None and order.status == "shipped" and store.get(db, order_id) is None
            and bool(store.cancelled(db, order_id)))


def record_cancel(ctx: ServiceContext, order_id: int, *, reason: str = "", origin: Origin = SELLER) -> Changes:
    """The courier confirmed the cancellation: the booking leaves the live table (kept as cancelled). Call it
    only after the courier said so — until then the booking is live, and nothing may be booked beside it."""
    now = ctx.now_iso()
    with ctx.store.write() as db:
        gone = store.move_to_cancelled(db, order_id, reason=reason, at=now)
        if gone is None:
            return Changes(id=order_id)
        event = ctx.record(db, ShipmentUpdated(order_id=order_id, awb=gone.awb, courier=gone.courier,
                                               status="cancelled"), origin, at=now)
    return Changes(orders=frozenset({order_id}), events=(event,), id=order_id)


def record_booking(ctx: ServiceContext, order_id: int, *, shipment_id: str, awb: str, courier: str,
                   label_path: str = "", origin: Origin = SELLER) -> Changes:
    """The courier took the booking: saved with the order's shipment (carrier and AWB queued to the
    marketplace once). Booking an order already booked changes nothing. A booking in place of a cancelled
    one (the order already shipped) tells the channel the new carrier and AWB instead."""
    now = ctx.now_iso()
    with ctx.store.write() as db:
        if store.get(db, order_id) is not None:
            return Changes(id=order_id)
        order = order_store.get(db, order_id, with_lines=False)
        again = rebooking(db, order_id)
        if order is None or (order.status not in ("pending", "accepted", "packed") and not again):
            raise InvalidState(_("Order {id} cannot be booked with a courier now.").format(id=order_id))
        store.insert(db, order_id=order_id, shipment_id=shipment_id, awb=awb, courier=courier, label_path=label_path,
                     at=now)
        event = ctx.record(db, ShipmentUpdated(order_id=order_id, awb=awb, courier=courier, status="booked"),
                           origin, at=now)
        if again:
            changes = order_flow.tell_new_tracking(ctx, order_id, carrier=courier, tracking=awb, origin=origin)
        elif order.channel == "delivery":  # the shop's own order sent by courier (cash collected by the courier)
            from app.services import deliveries

            changes = deliveries.advance(ctx, order_id, "shipped", rider=courier, origin=origin)
        else:
            changes = order_flow.ship_order(ctx, order_id, carrier=courier, tracking=awb, origin=origin)
    return changes | Changes(orders=frozenset({order_id}), events=(event,), id=order_id)


def record_status(ctx: ServiceContext, order_id: int, courier_status: str, *, origin: Origin = SELLER) -> Changes:
    """What the courier's tracking says now; forward only (an older report changes nothing)."""
    status = COURIER_STATES.get(courier_status.upper())
    now = ctx.now_iso()
    with ctx.store.write() as db:
        current = store.get(db, order_id)
        told = 0
        if current is not None and current.status in ("booked", "in_transit") and \
                courier_status.upper() == "OUT FOR DELIVERY":
            # the shop's own customer hears the day their parcel is at their door (once; a marketplace tells its own)
            told = customer_messages.queue_step(ctx, db, order_id, "out_for_delivery", at=now)
        if current is None or status is None or _ORDER.index(status) <= _ORDER.index(current.status):
            return Changes(id=order_id, outbox=told)
        if current.status == "delivered" and status.startswith("rto"):
            return Changes(id=order_id)
        store.set_status(db, order_id, status, now)
        event = ctx.record(db, ShipmentUpdated(order_id=order_id, awb=current.awb, courier=current.courier,
                                               status=status), origin, at=now)
        changes = Changes(orders=frozenset({order_id}), events=(event,), outbox=told, id=order_id)
        order = order_store.get(db, order_id, with_lines=False)
        if status == "delivered" and order is not None and order.status == "shipped":
            changes = changes | sales.set_order_status(ctx, order_id, "delivered", origin=origin)
    return changes
