"""Problems found while fulfilling an order, each resolved by a rule or put to the seller with a plain
explanation, never silently:

- **Stock short at picking**: the shelf holds fewer than the order needs. The books are corrected at once
  (the missing units are taken off as wastage, so every marketplace is sent the real quantity: no other
  order can sell them again), the operations agent stops (it never books a courier for an order it cannot
  fill), and the seller gets a task with the proposal: cancel with the reason "out of stock" when nothing is
  there, otherwise call the customer — ship what is there and cancel the rest (``order_parts``), or, for the
  shop's own home deliveries, a substitute with their consent (``substitutions``; marketplaces allow none) —
  and cancel with that reason if they decline.
- **A damaged return** (a buyer's return or an RTO parcel that came back broken): the order becomes
  ``returned`` and its stock comes back once, then the damaged units are written off as wastage with the
  seller's reason, in the same transaction — the ledger shows both, and the reports count the loss. A part
  booked with the courier on its own that came back damaged is written off on its own the same way (only its
  units; the rest of the order is untouched).

Each is a ``FulfilmentUpdated`` event (a sentence on Activity), and the task an alert on the order.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.money import format_inr
from app.domain.qty import format_count
from app.errors import InputError, InvalidState, NotFound
from app.events import FulfilmentUpdated
from app.i18n import _
from app.services import alerts, inventory, order_flow, order_parts
from app.services.changes import Changes
from app.services.context import SELLER, Origin, ServiceContext
from app.store import fulfilment_tasks as task_store
from app.store import orders as order_store

__all__ = ["ShortAtPicking", "receive_damaged_part", "receive_damaged_return", "report_short"]

OPEN = ("pending", "accepted", "packed")


@dataclass(frozen=True)
class ShortAtPicking:
    order_id: int
    sku: str
    needed_milli: int
    found_milli: int
    proposal: str  # what the seller is asked to do, in their words


def report_short(ctx: ServiceContext, order_id: int, sku: str, found_milli: int, *,
                 origin: Origin = SELLER) -> ShortAtPicking:
    """The picker found only ``found_milli`` of ``sku`` for this order: correct the books, stop the agent,
    and give the seller the proposal as a task."""
    now = ctx.now_iso()
    with ctx.store.write() as db:
        order = order_store.get(db, order_id)
        if order is None or order.channel == "counter":
            raise NotFound(_("There is no order number {id} to deliver.").format(id=order_id))
        if order.status not in OPEN:
            raise InvalidState(_("Order {id} has already left the shop or was cancelled.").format(id=order_id))
        needed = sum(line.qty_milli for line in order.lines if line.sku == sku)
        if not needed:
            raise InputError(_("Order {id} has no {sku}.").format(id=order_id, sku=sku))
        if not 0 <= found_milli < needed:
            raise InputError(_("Say how many you found: from 0 to less than the {qty} the order needs.").format(
                qty=format_count(needed, next(line.unit for line in order.lines if line.sku == sku))))
        unit = next(line.unit for line in order.lines if line.sku == sku)
        name = next(line.name for line in order.lines if line.sku == sku)
        missing = needed - found_milli
        inventory.record_wastage(ctx, sku, missing, note=_("short at picking for order #{id}").format(id=order_id),
                                 origin=origin)
        takes_cancel = order.channel == "delivery" or not order_flow.connected(db, order.channel) or \
            order_flow.takes(db, order.channel, "order.cancel")
        where = _("Cancel it on the Orders page with the reason “Out of stock”.") if takes_cancel else _(
            "Cancel it in {channel}'s seller portal with the reason “out of stock”; the next sync brings the "
            "cancellation in.").format(channel=order.channel)
        lowered = where[0].lower() + where[1:]
        found, needed_text = format_count(found_milli, unit), format_count(needed, unit)
        if found_milli == 0 and order.channel == "delivery":
            proposal = _("None left: offer the customer a substitute (Substitute…: the order changes only when they "
                         "say yes), or {where}").format(where=lowered)
        elif found_milli == 0:
            proposal = _("None left: {where}").format(where=where)
        elif order.channel == "delivery":
            proposal = _("Only {found} of {needed} found: call the customer — send the {found}, or a substitute for "
                         "the rest (Substitute…: the order changes only when they say yes); if they decline, "
                         "{where}").format(found=found, needed=needed_text, where=lowered)
        else:
            proposal = _("Only {found} of {needed} found: call the customer — ship the {found} now (Ship part…) and "
                         "cancel the rest if they agree ({channel} allows no substitute); if they decline, "
                         "{where}").format(found=found, needed=needed_text, where=lowered, channel=order.channel)
        if order.channel == "delivery":
            proposal += _nearest(ctx, order, sku, missing)
        note = _("{item}: found {found} of {needed}").format(item=name, found=found, needed=needed_text)
        task = task_store.get(db, order_id)
        if task is None:
            task_store.insert(db, task_store.Task(order_id, None, "", None, "", 0, "", "escalated", note, 0, now, now))
        elif task.status in ("planned", "awaiting", "queued", "failed", "declined"):
            task_store.set_status(db, order_id, "escalated", now, note=note)  # the agent books nothing for it
        ctx.record(db, FulfilmentUpdated(order_id=order_id, status="stock_short", note=note), origin, at=now)
        alerts.raise_alert(ctx, kind="stock_short", subject=f"order:{order_id}", severity="warning",
                           message=_("Order #{id}: {note}. {proposal}").format(id=order_id, note=note,
                                                                              proposal=proposal),
                           data={"order_id": order_id, "sku": sku}, origin=origin)
    return ShortAtPicking(order_id, sku, needed, found_milli, proposal)


def _nearest(ctx: ServiceContext, order, sku: str, missing_milli: int) -> str:
    """The substitute the rule would offer for the missing units (same kind, price near, in stock), as a sentence to
    add to the proposal; '' when none fits."""
    from app.services import substitutions  # it words quantities with this module's _qty

    line = next(line for line in order.lines if line.sku == sku)
    found = substitutions.candidates(ctx, order.id, line.line_no, min(missing_milli, line.qty_milli))
    if not found:
        return ""
    best = found[0]
    return " " + _("Nearest substitute: {name} at {price} ({difference}).").format(
        name=best.name, price=format_inr(best.unit_price_paise),
        difference=substitutions.difference_label(best.difference_paise))


def receive_damaged_return(ctx: ServiceContext, order_id: int, *, reason: str, origin: Origin = SELLER) -> Changes:
    """The returned parcel is in the shop, damaged: stock back once (the return), then written off with the
    reason; one transaction."""
    reason = reason.strip()
    if not reason:
        raise InputError(_("Say what is damaged; it is kept with the write-off."))
    now = ctx.now_iso()
    with ctx.store.write() as db:
        order = order_store.get(db, order_id)
        if order is not None and order.status == "returned":
            raise InvalidState(_("The return of order {id} was already received.").format(id=order_id))
        changes = order_flow.receive_return(ctx, order_id, origin=origin)
        order = order_store.get(db, order_id)
        assert order is not None  # receive_return found it
        note = _("damaged return of order #{id}: {reason}").format(id=order_id, reason=reason)
        for line in order.lines:
            changes = changes | inventory.record_wastage(ctx, line.sku, line.qty_milli, note=note, origin=origin)
        event = ctx.record(db, FulfilmentUpdated(order_id=order_id, status="return_damaged", note=reason), origin,
                           at=now)
    return changes | Changes(events=(event,))


def receive_damaged_part(ctx: ServiceContext, order_id: int, part_no: int, *, reason: str,
                         origin: Origin = SELLER) -> Changes:
    """A part booked on its own came back (RTO) damaged and is in the shop: its units come back once (the
    return, as ``order_parts.receive_part_return``) and are written off with the reason, in one transaction —
    the shelf gains nothing; the order's other parts are untouched. Received already: refused (written off once)."""
    reason = reason.strip()
    if not reason:
        raise InputError(_("Say what is damaged; it is kept with the write-off."))
    now = ctx.now_iso()
    with ctx.store.write() as db:
        booked = order_parts.bookings(ctx, order_id).get(part_no)
        if booked is not None and booked.received_at:
            raise InvalidState(_("Part {part} of order {id} was already received.").format(part=part_no, id=order_id))
        changes = order_parts.receive_part_return(ctx, order_id, part_no, damage=reason, origin=origin)
        order = order_store.get(db, order_id)
        assert order is not None  # receive_part_return found it
        part = next(p for p in order_parts.parts(ctx, order_id) if p.part_no == part_no)
        note = _("damaged part {part} of order #{id}: {reason}").format(part=part_no, id=order_id, reason=reason)
        for line in order.lines:
            if part.lines.get(line.line_no):
                changes = changes | inventory.record_wastage(ctx, line.sku, part.lines[line.line_no], note=note,
                                                             origin=origin)
        event = ctx.record(db, FulfilmentUpdated(order_id=order_id, status="part_return_damaged",
                                                 note=_("part {part}: {reason}").format(part=part_no, reason=reason)),
                           origin, at=now)
    return changes | Changes(events=(event,))
