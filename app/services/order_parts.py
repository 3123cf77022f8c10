"""A marketplace order sent in parts: the units in stock now ship (each part with its carrier and tracking
number, the channel told per its API: Amazon a shipment confirmation with the items' quantities, Shopify a
fulfillment of those line items), the rest later — or, when the customer agrees, the rest is cancelled and
refunded by the marketplace, and its stock comes back once.

The order's state stays monotonic: while some units wait it is ``packed`` (what Amazon calls
PartiallyShipped and Shopify PARTIALLY_FULFILLED); once every unit has shipped or been cancelled it is
``shipped``. Each part is one transaction: the part, its event, the stock (for a cancellation) and its command
in the outbox with a key fixed now (``<channel>:order.ship_part:<remote>:<part>``), so a part is sent once.
WooCommerce and ONDC take no shipment in parts from TAVYONIX (their APIs as used here ship whole orders);
Amazon takes no cancellation of some units from a seller's software (Seller Central does it): both are
refused in plain words before anything is written.
"""

from __future__ import annotations

from app.errors import InputError, InvalidState
from app.events import FulfilmentUpdated, OrderPartRecorded, ShipmentUpdated
from app.i18n import _
from app.services import listings, order_flow, sales
from app.services.changes import Changes
from app.services.context import SELLER, Origin, ServiceContext
from app.store import channels, outbox
from app.store import order_parts as store
from app.store import orders as order_store
from app.store import stock as stock_store
from app.store.order_parts import Part, PartBooking

__all__ = ["Part", "PartBooking", "bookings", "cancel_rest", "cancelled_bookings", "check_part", "parts",
           "read_channel_cancellation", "receive_part_return", "record_part_cancel", "record_part_rebooking",
           "record_part_status", "remaining", "ship_part", "travelling"]

OPEN = ("pending", "accepted", "packed")


def parts(ctx: ServiceContext, order_id: int) -> list[Part]:
    return store.parts(ctx.store.db(), order_id)


def bookings(ctx: ServiceContext, order_id: int) -> dict[int, PartBooking]:
    """The order's parts booked with the courier on their own, by part number."""
    return store.bookings(ctx.store.db(), order_id)


def travelling(ctx: ServiceContext) -> list[int]:
    """Orders with a part booked with the courier still on its way (the agent reads their tracking)."""
    return store.travelling(ctx.store.db())


def remaining(ctx: ServiceContext, order_id: int) -> dict[str, int]:
    """Units not shipped nor cancelled yet, by item (qty_milli); {} when every unit is accounted for."""
    db = ctx.store.db()
    order = order_flow._order(db, order_id)
    return _by_sku(order, _left(db, order))


def _left(db, order) -> dict[int, int]:
    done = store.units_by_line(db, order.id)
    return {line.line_no: line.qty_milli - done.get(line.line_no, 0) for line in order.lines
            if line.qty_milli - done.get(line.line_no, 0) > 0}


def _by_sku(order, per_line: dict[int, int]) -> dict[str, int]:
    out: dict[str, int] = {}
    for line in order.lines:
        if per_line.get(line.line_no):
            out[line.sku] = out.get(line.sku, 0) + per_line[line.line_no]
    return out


def _items(order, per_line: dict[int, int]) -> str:
    return ", ".join(f"{sku} × {qty // 1000}" for sku, qty in _by_sku(order, per_line).items())


def _wire_lines(order, per_line: dict[int, int]) -> list[dict]:
    return [{"remote_line_id": (line.remote_line_id or "").removeprefix(f"{order.remote_id}:"),
             "qty": per_line[line.line_no] // 1000} for line in order.lines if per_line.get(line.line_no)]


def _takes_or_refuse(db, order, op: str, refusal: str) -> None:
    if not order_flow.takes(db, order.channel, op):
        raise InvalidState(refusal.format(channel=order.channel, id=order.id))


def _queue(db, order, op: str, key: str, payload: dict, at: str) -> int:
    if outbox.has_key(db, key):
        return 0
    outbox.enqueue(db, channel=order.channel, kind="command", op=op, entity_id=order.remote_id,
                   payload={"remote_id": order.remote_id, **payload}, at=at, order_key=f"order:{order.remote_id}",
                   idem_key=key)
    return 1


def _choose(db, order, units: dict[str, int]) -> dict[int, int]:
    """The order lines (line -> qty_milli) that ``units`` ship now; refused in words when they cannot."""
    if order.status not in OPEN:
        raise InvalidState(_("Order {id} is {state}; only an order not yet shipped can ship in parts.").format(
            id=order.id, state=order_flow.state_label(order.status)))
    _takes_or_refuse(db, order, "order.ship_part", _("{channel} takes no shipment in parts from TAVYONIX: ship "
                                                     "order {id} whole, or cancel what is short."))
    left = _left(db, order)
    chosen: dict[int, int] = {}
    for sku, qty in units.items():
        if qty <= 0 or qty % 1000:
            raise InputError(_("Ship whole units of {sku}, one or more.").format(sku=sku))
        for line in order.lines:  # the item's lines in order, up to what each still waits for
            if line.sku == sku and left.get(line.line_no, 0) > 0 and qty > 0:
                take = min(qty, left[line.line_no] - chosen.get(line.line_no, 0))
                if take > 0:
                    chosen[line.line_no] = chosen.get(line.line_no, 0) + take
                    qty -= take
        if qty > 0:
            raise InputError(_("Order {id} does not wait for that many of {sku}.").format(id=order.id, sku=sku))
    if not chosen:
        raise InputError(_("Say which units of order {id} ship now.").format(id=order.id))
    return chosen


def check_part(ctx: ServiceContext, order_id: int, units: dict[str, int]) -> tuple[int, dict[int, int]]:
    """(the number the part will have, its lines) — refused in words, writing nothing, when ``units`` cannot ship
    now: checked before a courier is asked to book the part."""
    db = ctx.store.db()
    order = order_flow._order(db, order_id)
    return store.next_part_no(db, order_id), _choose(db, order, units)


def ship_part(ctx: ServiceContext, order_id: int, units: dict[str, int], *, carrier: str = "Other",
              tracking: str = "", booking: PartBooking | None = None, origin: Origin = SELLER) -> Changes:
    """Ship ``units`` (item code -> qty_milli, whole units) of the order now; the rest waits. ``booking``: the part
    was booked with the courier aggregator on its own (its AWB is the tracking number), kept with the part."""
    if booking is not None:
        carrier, tracking = booking.courier, booking.awb
    now = ctx.now_iso()
    with ctx.store.write() as db:
        order = order_flow._order(db, order_id)
        chosen = _choose(db, order, units)
        changes = Changes()
        if order.status == "pending":  # the marketplace hears of the acceptance before the first part
            changes = order_flow.accept_order(ctx, order_id, origin=origin)
        part_no = store.insert(db, order_id=order_id, kind="shipped", lines=chosen, at=now, carrier=carrier,
                               tracking=tracking)
        if booking is not None:
            store.insert_booking(db, order_id=order_id, part_no=part_no, booking=booking, at=now)
        event = ctx.record(db, OrderPartRecorded(order_id=order_id, part_no=part_no, kind="shipped",
                                                 items=_items(order, chosen), carrier=carrier, tracking=tracking),
                           origin, at=now)
        queued = _queue(db, order, "order.ship_part", f"{order.channel}:order.ship_part:{order.remote_id}:{part_no}",
                        {"carrier": carrier, "tracking": tracking, "ship_date": now, "package_ref": str(part_no),
                         "lines": _wire_lines(order, chosen)}, now)
        changes = changes | _after_part(ctx, db, order, origin)
    return changes | Changes(orders=frozenset({order_id}), outbox=queued, events=(event,), id=order_id)


def _after_part(ctx: ServiceContext, db, order, origin: Origin) -> Changes:
    """Shipped once nothing waits; partly shipped (``packed``) before."""
    current = order_store.status_of(db, order.id)
    target = "shipped" if not _left(db, order) else "packed"
    if current == target or order_flow.FLOW.index(current) > order_flow.FLOW.index(target):
        return Changes()
    return sales.set_order_status(ctx, order.id, target, origin=origin)


def cancel_rest(ctx: ServiceContext, order_id: int, *, reason: str = "", origin: Origin = SELLER) -> Changes:
    """The customer agreed to receive only what shipped: the units not shipped are cancelled (the marketplace
    refunds them), their stock comes back once, and the order is shipped."""
    now = ctx.now_iso()
    with ctx.store.write() as db:
        order = order_flow._order(db, order_id)
        if order.status not in OPEN and store.units_by_line(db, order_id, "cancelled"):
            return Changes(id=order_id)  # the rest was cancelled already
        if order.status not in OPEN:
            raise InvalidState(_("Order {id} is {state}; nothing of it waits to be shipped.").format(
                id=order_id, state=order_flow.state_label(order.status)))
        if not store.units_by_line(db, order_id, "shipped"):
            raise InvalidState(_("Nothing of order {id} has shipped: cancel the whole order instead.").format(
                id=order_id))
        _takes_or_refuse(db, order, "order.cancel_rest", _("{channel} takes no cancellation of some units from "
                                                           "TAVYONIX: cancel them in its seller portal; order {id} "
                                                           "keeps waiting for them here until then."))
        rest = _left(db, order)
        if not rest:
            return Changes(id=order_id)
        event, skus, queued = _cancel_units(ctx, db, order, rest, reason=reason, at=now, origin=origin)
        queued += _queue(db, order, "order.cancel_rest", f"{order.channel}:order.cancel_rest:{order.remote_id}",
                         {"reason": reason or "CUSTOMER", "lines": _wire_lines(order, rest)}, now)
        changes = _after_part(ctx, db, order, origin)
    return changes | Changes(orders=frozenset({order_id}), stock=frozenset(skus), outbox=queued, events=(event,),
                             id=order_id)


def _cancel_units(ctx: ServiceContext, db, order, rest: dict[int, int], *, reason: str, at: str, origin: Origin):
    """The units ``rest`` (line -> qty_milli) not shipped are cancelled: a part of kind ``cancelled`` (the sales
    figures stop counting them), their stock back once, every channel's quantity queued. (event, items, queued)."""
    earlier = store.units_by_line(db, order.id, "cancelled")  # a line's second cancellation needs its own ref
    part_no = store.insert(db, order_id=order.id, kind="cancelled", lines=rest, at=at, reason=reason)
    event = ctx.record(db, OrderPartRecorded(order_id=order.id, part_no=part_no, kind="cancelled",
                                             items=_items(order, rest)), origin, at=at)
    skus = tuple(dict.fromkeys(line.sku for line in order.lines if rest.get(line.line_no)))
    for line in order.lines:
        if rest.get(line.line_no):
            ref = (line.remote_line_id or f"{order.id}:{line.line_no}") + (
                f":rest-P{part_no}" if earlier.get(line.line_no) else ":rest")
            stock_store.add_move(db, sku=line.sku, qty_milli=rest[line.line_no], reason="mkt_cancel",
                                 source=order.channel, source_ref=ref, at=at, actor=origin.actor,
                                 event_id=event.event_id)
    listed = channels.active_listed(db, skus)
    queued = sum(listings.enqueue_quantity(db, sku, at=at, event_id=event.event_id) for sku in listed)
    return event, skus, queued


def read_channel_cancellation(ctx: ServiceContext, order_id: int, ordered_there: dict[str, int], *,
                              origin: Origin = SELLER) -> Changes:
    """The marketplace's order, pulled again, counts fewer units on a line than we do — the rest was cancelled
    there after a part shipped (Amazon: in Seller Central, which takes no partial cancellation from TAVYONIX).
    ``ordered_there``: qty_milli the channel still counts, by our line's remote line id (a line it no longer lists:
    0). The units no longer ordered and not shipped yet are recorded as cancelled, as *Cancel the rest* does but
    with nothing sent back (the channel did it): stock back once, never counted as sold, the order shipped when
    nothing waits. Only for an order a part of which has shipped; anything else changes nothing."""
    now = ctx.now_iso()
    with ctx.store.write() as db:
        order = order_flow._order(db, order_id)
        if order.status not in OPEN or not store.units_by_line(db, order_id, "shipped"):
            return Changes(id=order_id)
        left, cancelled = _left(db, order), store.units_by_line(db, order_id, "cancelled")
        gone = {}
        for line in order.lines:
            dropped = line.qty_milli - cancelled.get(line.line_no, 0) - ordered_there.get(line.remote_line_id or "", 0)
            if dropped > 0 and left.get(line.line_no):
                gone[line.line_no] = min(dropped, left[line.line_no])
        if not gone:
            return Changes(id=order_id)
        event, skus, queued = _cancel_units(ctx, db, order, gone, reason=_("cancelled at {channel}").format(
            channel=order.channel), at=now, origin=origin)
        changes = _after_part(ctx, db, order, origin)
    return changes | Changes(orders=frozenset({order_id}), stock=frozenset(skus), outbox=queued, events=(event,),
                             id=order_id)


def record_part_status(ctx: ServiceContext, order_id: int, part_no: int, courier_status: str, *,
                       origin: Origin = SELLER) -> Changes:
    """What the courier's tracking says of a part booked on its own; forward only. When every part that shipped
    went by the courier and each is delivered (and nothing waits), the order is delivered. A part coming back
    (RTO) brings no stock back: that is the seller's, when the parcel is in the shop."""
    from app.services.shipments import COURIER_STATES, PARCEL_ORDER

    status = COURIER_STATES.get(courier_status.upper())
    now = ctx.now_iso()
    with ctx.store.write() as db:
        booked = store.bookings(db, order_id).get(part_no)
        if booked is None or status is None or PARCEL_ORDER.index(status) <= PARCEL_ORDER.index(booked.status) or (
                booked.status == "delivered" and status.startswith("rto")):
            return Changes(id=order_id)
        store.set_booking_status(db, order_id, part_no, status, now)
        event = ctx.record(db, ShipmentUpdated(order_id=order_id, awb=booked.awb, courier=booked.courier,
                                               status=status), origin, at=now)
        changes = Changes(orders=frozenset({order_id}), events=(event,), id=order_id)
        shipped = {p.part_no for p in store.parts(db, order_id) if p.kind == "shipped"}
        done = store.bookings(db, order_id)
        order = order_flow._order(db, order_id)
        if order.status == "shipped" and not _left(db, order) and shipped and all(
                n in done and done[n].status == "delivered" for n in shipped):
            changes = changes | sales.set_order_status(ctx, order_id, "delivered", origin=origin)
    return changes


def cancelled_units(ctx: ServiceContext, order_id: int) -> dict[int, int]:
    """qty_milli per order line cancelled as "the rest" (never to be returned)."""
    return store.units_by_line(ctx.store.db(), order_id, "cancelled")


def cancelled_bookings(ctx: ServiceContext, order_id: int, part_no: int) -> list[tuple[str, str]]:
    """(AWB, reason) of the part's bookings cancelled at the courier, oldest first."""
    return store.cancelled_bookings(ctx.store.db(), order_id, part_no)


def record_part_cancel(ctx: ServiceContext, order_id: int, part_no: int, *, reason: str = "",
                       origin: Origin = SELLER) -> Changes:
    """The courier confirmed the cancellation of the part's booking: it leaves the live table (kept as cancelled).
    Call it only after the courier said so — until then the booking is live, and nothing may be booked beside it.
    The part stays shipped at the channel: it still has to go (book it again)."""
    now = ctx.now_iso()
    with ctx.store.write() as db:
        gone = store.move_booking_to_cancelled(db, order_id, part_no, reason=reason, at=now)
        if gone is None:
            return Changes(id=order_id)
        event = ctx.record(db, ShipmentUpdated(order_id=order_id, awb=gone.awb, courier=gone.courier,
                                               status="cancelled"), origin, at=now)
    return Changes(orders=frozenset({order_id}), events=(event,), id=order_id)


def record_part_rebooking(ctx: ServiceContext, order_id: int, part_no: int, booking: PartBooking, *,
                          origin: Origin = SELLER) -> Changes:
    """The courier took a new booking for a part whose booking was cancelled: kept with the part (its carrier and
    tracking number become the new ones), and the channel hears the new tracking number once (or the seller is
    asked to change it in the portal). A part with a live booking is refused: never two live bookings."""
    now = ctx.now_iso()
    with ctx.store.write() as db:
        if part_no in store.bookings(db, order_id):
            raise InvalidState(_("Part {part} of order {id} still has a live courier booking.").format(
                part=part_no, id=order_id))
        part = next((p for p in store.parts(db, order_id) if p.part_no == part_no and p.kind == "shipped"), None)
        if part is None or not store.cancelled_bookings(db, order_id, part_no):
            raise InvalidState(_("Part {part} of order {id} has no cancelled courier booking to replace.").format(
                part=part_no, id=order_id))
        store.insert_booking(db, order_id=order_id, part_no=part_no, booking=booking, at=now)
        store.set_part_tracking(db, order_id, part_no, carrier=booking.courier, tracking=booking.awb)
        event = ctx.record(db, ShipmentUpdated(order_id=order_id, awb=booking.awb, courier=booking.courier,
                                               status="booked"), origin, at=now)
        changes = order_flow.tell_new_tracking(ctx, order_id, carrier=booking.courier, tracking=booking.awb,
                                               replaces=part.tracking, origin=origin)
    return changes | Changes(orders=frozenset({order_id}), events=(event,), id=order_id)


def receive_part_return(ctx: ServiceContext, order_id: int, part_no: int, *, damage: str = "",
                        origin: Origin = SELLER) -> Changes:
    """A part booked on its own came back (the courier's RTO) and is in the shop: that part's units come back to
    stock, once (a second call changes nothing); the order's later return brings back only the other units.
    ``damage``: it came back damaged (kept with the part; the caller writes its units off in the same transaction:
    ``order_issues.receive_damaged_part``). When this was the last part still out — every part that shipped went by
    the courier and has come back, nothing waits — the order becomes ``returned`` (``order_flow.receive_return``,
    which brings back nothing more)."""
    now = ctx.now_iso()
    with ctx.store.write() as db:
        order = order_flow._order(db, order_id)
        booked = store.bookings(db, order_id).get(part_no)
        if booked is None:
            raise InvalidState(_("Part {part} of order {id} was not booked with the courier on its own.").format(
                part=part_no, id=order_id))
        if order.status == "returned":
            raise InvalidState(_("The return of order {id} was already received.").format(id=order_id))
        if booked.status not in ("rto", "rto_delivered"):
            raise InvalidState(_("The parcel of part {part} of order {id} is {status}; only a parcel coming back "
                                 "(RTO) can be received.").format(part=part_no, id=order_id,
                                                                 status=_status_label(booked.status)))
        if not store.mark_received(db, order_id, part_no, now, damage=damage):
            return Changes(id=order_id)  # received already: its stock came back then
        part = next(p for p in store.parts(db, order_id) if p.part_no == part_no)
        event = ctx.record(db, FulfilmentUpdated(order_id=order_id, status="part_returned",
                                                 note=_items(order, part.lines)), origin, at=now)
        skus = tuple(dict.fromkeys(line.sku for line in order.lines if part.lines.get(line.line_no)))
        for line in order.lines:
            if part.lines.get(line.line_no):
                ref = "return:" + (line.remote_line_id or f"{order_id}:{line.line_no}") + f":P{part_no}"
                stock_store.add_move(db, sku=line.sku, qty_milli=part.lines[line.line_no], reason="return",
                                     source=order.channel, source_ref=ref, at=now, actor=origin.actor,
                                     event_id=event.event_id)
        changes = Changes(orders=frozenset({order_id}), stock=frozenset(skus), events=(event,), id=order_id)
        if _all_parts_back(db, order):  # the order's return: its state; every unit is back already
            return changes | order_flow.receive_return(ctx, order_id, origin=origin)
        listed = channels.active_listed(db, skus)
        queued = sum(listings.enqueue_quantity(db, sku, at=now, event_id=event.event_id) for sku in listed)
    return changes | Changes(outbox=queued)


def _all_parts_back(db, order) -> bool:
    """Every part that shipped went by the courier on its own and was received back, and nothing waits to ship
    (the units not shipped were cancelled): the whole order has come back."""
    if order.status not in ("shipped", "delivered") or _left(db, order):
        return False
    shipped = [p.part_no for p in store.parts(db, order.id) if p.kind == "shipped"]
    booked = store.bookings(db, order.id)
    return bool(shipped) and all(n in booked and booked[n].received_at for n in shipped)


def _status_label(status: str) -> str:
    from app.services.shipments import status_label

    return status_label(status)
