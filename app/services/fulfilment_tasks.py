"""Where each order stands with the operations agent (table ``fulfilment_task``), each step saved with its
``FulfilmentUpdated`` event (the Activity log's sentence) in one transaction.

The agent (``app.agents.fulfilment_cycle``) writes these; the seller's approval of a courier booking
clears it to book (:func:`clear_to_book`, called when the engine carries out the approved action); the
Orders page reads them.
"""

from __future__ import annotations

from app.errors import InvalidState
from app.events import FulfilmentUpdated
from app.i18n import _
from app.services.changes import Changes
from app.services.context import Origin, ServiceContext
from app.store import fulfilment_tasks as store
from app.store.fulfilment_tasks import Task

__all__ = ["AGENT", "Task", "clear_to_book", "move", "pickup_late", "start", "task"]

AGENT = Origin(actor="agent:operations")
# which step may follow which (forward only; a failed booking may be cleared again by the seller's approval)
NEXT = {"planned": set(), "awaiting": {"queued", "declined"}, "queued": {"booked", "failed"},
        "booked": set(), "failed": {"queued", "booked"}, "declined": {"booked"}, "escalated": {"queued", "booked"}}


def task(ctx: ServiceContext, order_id: int) -> Task | None:
    return store.get(ctx.store.db(), order_id)


def _event(task: Task, status: str, note: str) -> FulfilmentUpdated:
    return FulfilmentUpdated(order_id=task.order_id, status=status, method=task.method, carrier=task.carrier,
                             cost_paise=task.cost_paise, hand_over_by=task.hand_over_by, note=note)


def start(ctx: ServiceContext, *, order_id: int, status: str, method: str, hand_over_by: str, cost_paise: int = 0,
          carrier: str = "", courier_id: int | None = None, decision_id: int | None = None, note: str = "",
          origin: Origin = AGENT) -> Changes:
    """The agent's first step with an order (once: an order already planned changes nothing)."""
    now = ctx.now_iso()
    with ctx.store.write() as db:
        if store.get(db, order_id) is not None:
            return Changes(id=order_id)
        row = Task(order_id, decision_id, method, courier_id, carrier, cost_paise, hand_over_by, status, note, 0,
                   now, now)
        store.insert(db, row)
        event = ctx.record(db, _event(row, status, note), origin, at=now)
    return Changes(orders=frozenset({order_id}), events=(event,), id=order_id)


def move(ctx: ServiceContext, order_id: int, status: str, *, note: str = "", origin: Origin = AGENT) -> Changes:
    """Move the order's task on (forward only); a step it is already at changes nothing."""
    now = ctx.now_iso()
    with ctx.store.write() as db:
        current = store.get(db, order_id)
        if current is None:
            raise InvalidState(_("The operations agent has not planned order {id}.").format(id=order_id))
        if current.status == status:
            return Changes(id=order_id)
        if status not in NEXT[current.status]:
            raise InvalidState(_("Order {id} is {old} with the operations agent; it cannot become {new}.").format(
                id=order_id, old=current.status, new=status))
        store.set_status(db, order_id, status, now, note=note)
        event = ctx.record(db, _event(current, status, note), origin, at=now)
    return Changes(orders=frozenset({order_id}), events=(event,), id=order_id)


def pickup_late(ctx: ServiceContext, order_id: int, *, note: str, origin: Origin = AGENT) -> Changes:
    """Say once that the courier has not picked the parcel up near the hand-over deadline."""
    now = ctx.now_iso()
    with ctx.store.write() as db:
        current = store.get(db, order_id)
        if current is None or current.pickup_alerted:
            return Changes(id=order_id)
        store.set_status(db, order_id, current.status, now, pickup_alerted=1)
        event = ctx.record(db, _event(current, "pickup_late", note), origin, at=now)
    return Changes(orders=frozenset({order_id}), events=(event,), id=order_id)


def clear_to_book(ctx: ServiceContext, order_id: int, *, origin: Origin) -> Changes:
    """The seller approved the booking: the agent books it in its next run."""
    return move(ctx, order_id, "queued", note=_("approved"), origin=origin)
