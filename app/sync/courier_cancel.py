"""Cancelling a courier booking, and booking another carrier in its place (a courier that missed the pickup).

The booking leaves our books only after the courier has confirmed the cancellation, and a new one is booked
only after that: a parcel never has two live bookings. The courier's answer can be lost (a dropped
connection, a timeout, a server error): then its tracking is looked up before anything is sent again —
already cancelled (the reply was lost): done; still waiting for pickup: asked once more; already picked up:
refused, in the seller's words, with the booking kept.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.errors import InvalidState
from app.i18n import _
from app.services import order_parts, shipments
from app.services.context import SELLER, Origin, ServiceContext
from app.store.shipments import Shipment
from app.sync.courier import Booking, CourierClient, CourierError, book, book_part_again

__all__ = ["CANCELLABLE", "cancel", "cancel_part", "rebook", "rebook_part"]

CANCELLABLE = ("NEW", "AWB ASSIGNED", "PICKUP SCHEDULED")  # the courier's states before it has the parcel


def _confirm_cancelled(client: CourierClient, awb: str, record: Callable[[str], object]) -> None:
    """Ask the courier to cancel ``awb`` until it says the booking is cancelled (at most twice); a status
    read on the way is saved through ``record`` (a parcel picked up shows as on its way)."""
    last: CourierError | None = None
    for _try in range(2):
        try:
            client.cancel(awb)
            return
        except CourierError as exc:  # refused, or the answer never came: look before asking again
            last = exc
        try:
            status = client.track(awb).upper()
        except CourierError as exc:
            raise CourierError(_("The courier did not confirm the cancellation of AWB {awb} and could not be asked "
                                 "where it stands ({why}); the booking is kept. Try again.").format(
                awb=awb, why=exc.message)) from exc
        if status in ("CANCELED", "CANCELLED"):
            return  # it was cancelled; only the reply was lost
        if status not in CANCELLABLE:
            record(status)
            raise CourierError(_("The courier already has the parcel (AWB {awb}: {status}); the booking cannot be "
                                 "cancelled.").format(awb=awb, status=status.lower()))
    raise CourierError(_("The courier did not cancel AWB {awb} ({why}); the booking is kept.").format(
        awb=awb, why=last.message if last else ""))


def cancel(ctx: ServiceContext, order_id: int, client: CourierClient, *, reason: str = "",
           origin: Origin = SELLER) -> Shipment:
    """Cancel the order's live booking at the courier (before pickup), then in our books; returns it."""
    live = shipments.shipment(ctx, order_id)
    if live is None:
        raise InvalidState(_("Order {id} has no courier booking to cancel.").format(id=order_id))
    if live.status != "booked":
        raise InvalidState(_("The parcel of order {id} is {status}; a booking can be cancelled only before "
                             "pickup.").format(id=order_id, status=shipments.status_label(live.status)))
    _confirm_cancelled(client, live.awb, lambda status: shipments.record_status(ctx, order_id, status))
    shipments.record_cancel(ctx, order_id, reason=reason, origin=origin)
    return live


def rebook(ctx: ServiceContext, order_id: int, client: CourierClient, *, labels_dir: Path,
           courier_id: int | None = None, pin: str = "", reason: str = "",
           origin: Origin = SELLER) -> Booking:
    """Cancel the live booking (if any) and book the parcel again, with the carrier chosen (else the
    aggregator's). The cancellation must be confirmed first; if it is not, nothing new is booked."""
    if shipments.shipment(ctx, order_id) is not None:
        cancel(ctx, order_id, client, reason=reason or _("booked again with another carrier"), origin=origin)
    if shipments.shipment(ctx, order_id) is not None:  # never a second live booking beside the first
        raise InvalidState(_("Order {id} still has a live courier booking.").format(id=order_id))
    return book(ctx, order_id, client, labels_dir=labels_dir, pin=pin, courier_id=courier_id)


def cancel_part(ctx: ServiceContext, order_id: int, part_no: int, client: CourierClient, *, reason: str = "",
                origin: Origin = SELLER) -> order_parts.PartBooking:
    """Cancel the live booking of a part booked on its own at the courier (before pickup), then in our books;
    returns it. The part stays shipped at the channel: it still has to go (:func:`rebook_part`)."""
    live = order_parts.bookings(ctx, order_id).get(part_no)
    if live is None:
        raise InvalidState(_("Part {part} of order {id} has no courier booking to cancel.").format(
            part=part_no, id=order_id))
    if live.status != "booked":
        raise InvalidState(_("The parcel of part {part} of order {id} is {status}; a booking can be cancelled only "
                             "before pickup.").format(part=part_no, id=order_id,
                                                      status=shipments.status_label(live.status)))
    _confirm_cancelled(client, live.awb,
                       lambda status: order_parts.record_part_status(ctx, order_id, part_no, status, origin=origin))
    order_parts.record_part_cancel(ctx, order_id, part_no, reason=reason, origin=origin)
    return live


def rebook_part(ctx: ServiceContext, order_id: int, part_no: int, client: CourierClient, *, labels_dir: Path,
                courier_id: int | None = None, pin: str = "", reason: str = "",
                origin: Origin = SELLER) -> Booking:
    """Cancel the part's live booking (if any) and book its parcel again with the carrier chosen. The
    cancellation must be confirmed first; if it is not, nothing new is booked (never two live bookings)."""
    if part_no in order_parts.bookings(ctx, order_id):
        cancel_part(ctx, order_id, part_no, client, reason=reason or _("booked again with another carrier"),
                    origin=origin)
    if part_no in order_parts.bookings(ctx, order_id):
        raise InvalidState(_("Part {part} of order {id} still has a live courier booking.").format(
            part=part_no, id=order_id))
    return book_part_again(ctx, order_id, part_no, client, labels_dir=labels_dir, pin=pin, courier_id=courier_id)
