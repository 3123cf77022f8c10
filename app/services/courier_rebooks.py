"""The operations agent's re-bookings (table ``courier_rebook``): when a booked courier has not picked the
parcel up by the channel's hand-over deadline, the agent proposes to cancel that booking and book another
carrier — alone only within the seller's limits, otherwise as an approval. Each step is saved with its
``FulfilmentUpdated`` event (statuses ``rebook_awaiting``, ``rebook_queued``, ``rebooked``, ``rebook_failed``,
``rebook_declined``) in one transaction. At most one re-booking per parcel — the order's own, and each part
booked on its own (``part_no``) —: a second missed pickup of the same parcel is the seller's to handle (an alert).
"""

from __future__ import annotations

from app.errors import InvalidState
from app.events import FulfilmentUpdated
from app.i18n import _
from app.services.changes import Changes
from app.services.context import Origin, ServiceContext
from app.store import shipments as store
from app.store.shipments import Rebook

__all__ = ["AGENT", "NEXT", "Rebook", "clear", "move", "rebook", "start", "store"]

AGENT = Origin(actor="agent:operations")
NEXT = {"awaiting": {"queued", "declined"}, "queued": {"done", "failed"}, "done": set(), "failed": set(),
        "declined": set()}


def rebook(ctx: ServiceContext, order_id: int, part_no: int | None = None) -> Rebook | None:
    """The re-booking of the order's own parcel, or of part ``part_no`` booked on its own; None before any."""
    return store.rebook(ctx.store.db(), order_id, part_no)


def _event(row: Rebook, status: str, note: str) -> FulfilmentUpdated:
    return FulfilmentUpdated(order_id=row.order_id, status=f"rebook_{status}" if status != "done" else "rebooked",
                             method="aggregator", carrier=row.carrier, cost_paise=row.cost_paise, note=note)


def start(ctx: ServiceContext, *, order_id: int, status: str, courier_id: int, carrier: str, cost_paise: int,
          decision_id: int | None, note: str = "", part_no: int | None = None, origin: Origin = AGENT) -> Changes:
    """The agent proposes another carrier for the order's parcel, or for a part booked on its own (``part_no``)
    — once per parcel: a parcel already proposed changes nothing."""
    now = ctx.now_iso()
    with ctx.store.write() as db:
        if store.rebook(db, order_id, part_no) is not None:
            return Changes(id=order_id)
        row = Rebook(order_id, decision_id, courier_id, carrier, cost_paise, status, note, now, now, part_no)
        store.start_rebook(db, row)
        event = ctx.record(db, _event(row, status, note), origin, at=now)
    return Changes(orders=frozenset({order_id}), events=(event,), id=order_id)


def move(ctx: ServiceContext, order_id: int, status: str, *, note: str = "", part_no: int | None = None,
         origin: Origin = AGENT) -> Changes:
    """Forward only; a step it is already at changes nothing. ``part_no``: the re-booking of that part's parcel."""
    now = ctx.now_iso()
    with ctx.store.write() as db:
        current = store.rebook(db, order_id, part_no)
        if current is None:
            raise InvalidState(_("The operations agent has proposed no new courier for order {id}.").format(
                id=order_id))
        if current.status == status:
            return Changes(id=order_id)
        if status not in NEXT[current.status]:
            raise InvalidState(_("The new courier for order {id} is {old}; it cannot become {new}.").format(
                id=order_id, old=current.status, new=status))
        store.set_rebook(db, order_id, status, now, note=note, part_no=part_no)
        event = ctx.record(db, _event(current, status, note), origin, at=now)
    return Changes(orders=frozenset({order_id}), events=(event,), id=order_id)


def clear(ctx: ServiceContext, order_id: int, *, part_no: int | None = None, origin: Origin) -> Changes:
    """The seller approved the new courier: the agent cancels the first booking and books it at its next run."""
    return move(ctx, order_id, "queued", note=_("approved"), part_no=part_no, origin=origin)
