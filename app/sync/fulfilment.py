"""Fulfilment commands for marketplace orders: accept, ship (with tracking), cancel, receive a return.

Each is one transaction: the local status change (through ``app.services.sales``, with its event)
plus a command row in the outbox with an idempotency key fixed now (``<channel>:<op>:<remote id>``:
the same action on the same order can never be queued twice). Sent by the worker, with read-back
before any resend where the marketplace keeps no keys.

A marketplace that cannot hear a cancellation from us (Amazon: cancelling goes through Seller Central)
is never cancelled locally first: the stock would come back while the order stays live there, and sell
twice. The seller cancels it there; the next pull brings the cancellation in. Returns are started by the
buyer at the marketplace; ``receive_return`` records the parcel's arrival (stock back then, not before).
"""

from __future__ import annotations

from sqlite_utils import Database

from app.errors import InputError, InvalidState, NotFound
from app.i18n import _
from app.services import order_flow, sales
from app.services.changes import Changes
from app.services.context import SELLER, Origin, ServiceContext
from app.store import orders as order_store
from app.store import outbox, sync_state
from app.sync.marketplaces import adapter_class


def hears(db: Database, channel: str, op: str) -> bool:
    """Whether the channel is connected and its marketplace takes ``op`` from us."""
    ch = sync_state.get_channel(db, channel)
    return ch is not None and bool(adapter_class(ch.adapter).covers.get(op))


def _queue(db: Database, ctx: ServiceContext, order, op: str, payload: dict, at: str) -> int:
    ch = sync_state.get_channel(db, order.channel)
    if ch is None or not adapter_class(ch.adapter).covers.get(op):
        return 0  # not connected, or the marketplace does this itself (Amazon accepts orders on its own)
    key = f"{order.channel}:{op}:{order.remote_id}"
    if db.execute("SELECT 1 FROM outbox WHERE idem_key = ?", (key,)).fetchone():
        return 0
    outbox.enqueue(db, channel=order.channel, kind="command", op=op, entity_id=order.remote_id,
                   payload={"remote_id": order.remote_id, **payload}, at=at, order_key=f"order:{order.remote_id}",
                   idem_key=key)
    return 1


def _order(db: Database, order_id: int):
    order = order_store.get(db, order_id)
    if order is None:
        raise NotFound(_("There is no order number {id}.").format(id=order_id))
    if not order.remote_id:
        raise InputError(_("Order {id} is a counter bill, not a marketplace order.").format(id=order_id))
    return order


def accept_order(ctx: ServiceContext, order_id: int, *, origin: Origin = SELLER) -> Changes:
    now = ctx.now_iso()
    with ctx.store.write() as db:
        order = _order(db, order_id)
        changes = sales.set_order_status(ctx, order_id, "accepted", origin=origin)
        # only a move made now is news to the marketplace (it may have told us of this state itself)
        queued = _queue(db, ctx, order, "order.accept", {}, now) if order.status != "accepted" else 0
    return changes | Changes(outbox=queued)


def ship_order(ctx: ServiceContext, order_id: int, *, carrier: str = "Other", tracking: str = "",
               origin: Origin = SELLER) -> Changes:
    now = ctx.now_iso()
    with ctx.store.write() as db:
        order = _order(db, order_id)
        changes = Changes()
        if order.status == "pending":  # the marketplace hears of the acceptance before the shipment
            changes = accept_order(ctx, order_id, origin=origin)
        changes = changes | sales.set_order_status(ctx, order_id, "shipped", origin=origin)
        lines = [{"remote_line_id": (line.remote_line_id or "").removeprefix(f"{order.remote_id}:"),
                  "qty": line.qty_milli // 1000} for line in order.lines]
        queued = _queue(db, ctx, order, "order.ship", {"carrier": carrier, "tracking": tracking, "ship_date": now,
                                                       "lines": lines}, now) if order.status != "shipped" else 0
    return changes | Changes(outbox=queued)


def cancel_order(ctx: ServiceContext, order_id: int, *, reason: str = "INVENTORY", origin: Origin = SELLER) -> Changes:
    now = ctx.now_iso()
    with ctx.store.write() as db:
        order = _order(db, order_id)
        ch = sync_state.get_channel(db, order.channel)
        if order.status != "cancelled" and ch is not None and not hears(db, order.channel, "order.cancel"):
            raise InvalidState(_("{channel} does not take cancellations from TAVYONIX: cancel order {remote} there "
                                 "(Seller Central); the next sync brings the cancellation in and puts the stock "
                                 "back.").format(channel=order.channel, remote=order.remote_id))
        changes = sales.cancel_order(ctx, order_id, origin=origin)
        queued = _queue(db, ctx, order, "order.cancel", {"reason": reason}, now) if order.status != "cancelled" else 0
    return changes | Changes(outbox=queued)


def receive_return(ctx: ServiceContext, order_id: int, *, origin: Origin = SELLER) -> Changes:
    """The returned parcel arrived: stock back and every channel hears the new quantity."""
    with ctx.store.write() as db:
        _order(db, order_id)
    return order_flow.receive_return(ctx, order_id, origin=origin)
