"""The marketplace order's state machine: accept, ship (carrier + tracking), cancel with a reason, receive
a return; and the order board the Orders page and the ``orders`` command show.

States only move forward: pending -> accepted -> packed -> shipped -> delivered -> returned, and
cancelled from any state before shipping. Each of the seller's steps is one transaction: the local status
change (through ``app.services.sales``, with its event) plus a command row in the outbox with an
idempotency key fixed now (``<channel>:<op>:<remote id>``), so the same step on the same order is queued
once, and only when the state moved now (a step the marketplace told us of is not sent back to it).

Which commands a channel's marketplace takes is the sync room's knowledge (its adapters); it registers
that answer with :func:`set_channel_commands` when a session opens. A marketplace that cannot hear a
cancellation from us (Amazon: Seller Central) is never cancelled locally first: the stock would come back
while the order stays live there, and sell twice. A return puts stock back only when the parcel is
received (the seller says so): a return in transit, or one that never arrives (RTO lost), takes nothing back.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from sqlite_utils import Database

from app.domain.clock import from_iso, to_iso
from app.errors import InputError, InvalidState, NotFound
from app.events import OrderStatusChanged
from app.i18n import _, language
from app.services import listings, sales
from app.services.changes import Changes
from app.services.context import SELLER, Origin, ServiceContext
from app.store import catalog as catalog_store
from app.store import channels, outbox, sync_state
from app.store import order_parts as order_parts_store
from app.store import orders as order_store
from app.store import stock as stock_store

# (db, channel, op) -> True if the channel is connected and its marketplace takes ``op`` from us
ChannelCommands = Callable[[Database, str, str], bool]
_takes: ChannelCommands | None = None


def set_channel_commands(takes: ChannelCommands) -> None:
    """Registered by the sync room when a session opens (as its payload checks are)."""
    global _takes
    _takes = takes


def takes(db: Database, channel: str, op: str) -> bool:
    return _takes is not None and _takes(db, channel, op)


def connected(db: Database, channel: str) -> bool:
    return sync_state.is_connected(db, channel)


def _queue(db: Database, order, op: str, payload: dict, at: str) -> int:
    if not takes(db, order.channel, op):
        return 0  # not connected, or the marketplace does this itself (Amazon accepts orders on its own)
    key = f"{order.channel}:{op}:{order.remote_id}"
    if outbox.has_key(db, key):
        return 0
    outbox.enqueue(db, channel=order.channel, kind="command", op=op, entity_id=order.remote_id,
                   payload={"remote_id": order.remote_id, **payload}, at=at, order_key=f"order:{order.remote_id}",
                   idem_key=key)
    return 1


def _order(db: Database, order_id: int):
    order = order_store.get(db, order_id)
    if order is None:
        raise NotFound(_("There is no order number {id}.").format(id=order_id))
    if order.channel == "delivery" and not order.remote_id:
        raise InputError(_("Order {id} is a home delivery, not a marketplace order: its steps are on the Home "
                           "delivery tab (or the delivery command).").format(id=order_id))
    if not order.remote_id:
        raise InputError(_("Order {id} is a counter bill, not a marketplace order.").format(id=order_id))
    return order


def accept_order(ctx: ServiceContext, order_id: int, *, origin: Origin = SELLER) -> Changes:
    now = ctx.now_iso()
    with ctx.store.write() as db:
        order = _order(db, order_id)
        changes = sales.set_order_status(ctx, order_id, "accepted", origin=origin)
        queued = _queue(db, order, "order.accept", {}, now) if order.status != "accepted" else 0
    return changes | Changes(outbox=queued)


def ship_order(ctx: ServiceContext, order_id: int, *, carrier: str = "Other", tracking: str = "",
               origin: Origin = SELLER) -> Changes:
    now = ctx.now_iso()
    with ctx.store.write() as db:
        order = _order(db, order_id)
        if order.status != "shipped" and _has_parts(db, order_id):  # the units still waiting go as the last part
            from app.services import order_parts

            return order_parts.ship_part(ctx, order_id, order_parts.remaining(ctx, order_id), carrier=carrier,
                                         tracking=tracking, origin=origin)
        changes = Changes()
        if order.status == "pending":  # the marketplace hears of the acceptance before the shipment
            changes = accept_order(ctx, order_id, origin=origin)
        changes = changes | sales.set_order_status(ctx, order_id, "shipped", origin=origin)
        lines = [{"remote_line_id": (line.remote_line_id or "").removeprefix(f"{order.remote_id}:"),
                  "qty": line.qty_milli // 1000} for line in order.lines]
        queued = _queue(db, order, "order.ship", {"carrier": carrier, "tracking": tracking, "ship_date": now,
                                                  "lines": lines}, now) if order.status != "shipped" else 0
    return changes | Changes(outbox=queued)


def cancel_order(ctx: ServiceContext, order_id: int, *, reason: str = "INVENTORY", origin: Origin = SELLER) -> Changes:
    now = ctx.now_iso()
    with ctx.store.write() as db:
        order = _order(db, order_id)
        if order.status != "cancelled" and _has_parts(db, order_id):
            raise InvalidState(_("Part of order {id} has shipped: cancel the rest instead (with the customer's "
                                 "consent).").format(id=order_id))
        if order.status != "cancelled" and connected(db, order.channel) and not takes(db, order.channel,
                                                                                      "order.cancel"):
            raise InvalidState(_("{channel} does not take cancellations from TAVYONIX: cancel order {remote} there "
                                 "(Seller Central); the next sync brings the cancellation in and puts the stock "
                                 "back.").format(channel=order.channel, remote=order.remote_id))
        changes = sales.cancel_order(ctx, order_id, origin=origin)
        queued = _queue(db, order, "order.cancel", {"reason": reason}, now) if order.status != "cancelled" else 0
    return changes | Changes(outbox=queued)

def tell_new_tracking(ctx: ServiceContext, order_id: int, *, carrier: str, tracking: str, replaces: str = "",
                      origin: Origin = SELLER) -> Changes:
    """A shipped order's parcel now goes with another booking (the first was cancelled before pickup): the
    channel hears the new carrier and tracking number once, where its API takes a change of tracking; where it
    does not (Amazon, ONDC), the seller is asked to change it in the channel's portal (an alert). ``replaces``:
    the tracking number it takes the place of (a part's parcel: the channel changes that shipment's, not the
    last one's)."""
    now = ctx.now_iso()
    with ctx.store.write() as db:
        order = order_store.get(db, order_id, with_lines=False)
        if order is None or not order.remote_id or not connected(db, order.channel):
            return Changes(id=order_id)  # the shop's own order, or a channel not connected: nobody to tell
        if takes(db, order.channel, "order.tracking"):
            key = f"{order.channel}:order.tracking:{order.remote_id}:{tracking}"
            if outbox.has_key(db, key):
                return Changes(id=order_id)
            outbox.enqueue(db, channel=order.channel, kind="command", op="order.tracking", entity_id=order.remote_id,
                           payload={"remote_id": order.remote_id, "carrier": carrier, "tracking": tracking,
                                    **({"replaces": replaces} if replaces else {})}, at=now,
                           order_key=f"order:{order.remote_id}", idem_key=key)
            return Changes(outbox=1, id=order_id)
        from app.services import alerts

        return alerts.raise_alert(
            ctx, kind="courier_tracking_changed", subject=f"order:{order_id}", severity="warning",
            data={"order_id": order_id, "awb": tracking}, origin=origin,
            message=_("Order #{id}: {channel} does not take a new tracking number from TAVYONIX; change it to {awb} "
                      "({carrier}) in its seller portal.").format(id=order_id, channel=order.channel, awb=tracking,
                                                                  carrier=carrier))


def _has_parts(db: Database, order_id: int) -> bool:
    return order_parts_store.has_parts(db, order_id)


def _received_parts(db: Database, order_id: int) -> dict[int, int]:
    from app.store import order_parts

    return order_parts.received_units(db, order_id)


def _cancelled_units(db: Database, order_id: int) -> dict[int, int]:
    from app.store import order_parts

    return order_parts.units_by_line(db, order_id, "cancelled")


FLOW = ("pending", "accepted", "packed", "shipped", "delivered", "returned")
SHIPPED = ("shipped", "delivered", "returned")
# hours a marketplace usually gives to hand an order to the courier, when the order itself names no date
SHIP_WITHIN_HOURS = {"amazon": 48, "shopify": 72, "woocommerce": 72, "ondc": 24}


def can_move(current: str, new: str) -> bool:
    """True if ``current`` may become ``new``: forward along FLOW, or cancelled before shipping."""
    if current == new:
        return True
    if current == "cancelled":
        return False
    if new == "cancelled":
        return current not in SHIPPED
    if current not in FLOW or new not in FLOW:
        return False
    return FLOW.index(new) > FLOW.index(current)


def check_listable(ctx: ServiceContext, sku: str) -> None:
    """Refuse, in the seller's words, an item whose marketplace orders could not be billed (no HSN code or
    GST rate): listed anyway, every order for it would come back as an issue instead of an order."""
    from app.services.shop import profile as shop_profile
    from app.services.taxes import product_rate, rate_table

    product = catalog_store.get(ctx.store.db(), sku)
    if product is None:
        raise NotFound(_("There is no item with the code {sku}.").format(sku=sku))
    if shop_profile(ctx.store).collects_gst:
        product_rate(rate_table(ctx.store), product, ctx.business_date(ctx.now()))


def listing_channels(ctx: ServiceContext) -> list[tuple[str, str]]:
    """(code, name) of the connected marketplaces items can be listed on."""
    return sync_state.marketplace_channels(ctx.store.db())


def list_items(ctx: ServiceContext, channel: str, skus: list[str]) -> int:
    """List one or many items on a channel, all or none: each is checked first (HSN and GST rate), so a
    refusal names the item before anything is queued. Returns the changes waiting for the next sync."""
    from app.services import catalog

    for sku in skus:
        check_listable(ctx, sku)
    with ctx.store.write():
        return sum(catalog.list_on_channel(ctx, channel=channel, sku=sku).outbox for sku in skus)


def state_label(status: str) -> str:
    return {"pending": _("new"), "accepted": _("accepted"), "packed": _("packed"), "shipped": _("shipped"),
            "delivered": _("delivered"), "returned": _("returned"), "cancelled": _("cancelled"),
            "": _("not seen yet")}.get(status, status)


def receive_return(ctx: ServiceContext, order_id: int, *, origin: Origin = SELLER) -> Changes:
    """The returned parcel is in the shop: the order becomes ``returned`` and its stock comes back, once."""
    now = ctx.now_iso()
    with ctx.store.write() as db:
        order = _order(db, order_id)
        if order.status == "returned":
            return Changes(id=order_id)
        if order.status not in ("shipped", "delivered"):
            raise InvalidState(_("Order {id} is {state}; only a shipped order can come back as a return.").format(
                id=order_id, state=state_label(order.status)))
        order_store.mark_returned(db, order_id)
        event = ctx.record(db, OrderStatusChanged(order_id=order_id, channel=order.channel, old_status=order.status,
                                                  new_status="returned"), origin, at=now)
        skus = tuple(dict.fromkeys(line.sku for line in order.lines))
        never_sent = _cancelled_units(db, order_id)  # units cancelled as "the rest" never left the shop
        back = _received_parts(db, order_id)  # parts that came back on their own: their stock is back already
        for line in order.lines:
            qty = line.qty_milli - never_sent.get(line.line_no, 0) - back.get(line.line_no, 0)
            if qty <= 0:
                continue
            ref = "return:" + (line.remote_line_id or f"{order_id}:{line.line_no}")
            stock_store.add_move(db, sku=line.sku, qty_milli=qty, reason="return", source=order.channel,
                                 source_ref=ref, at=now, actor=origin.actor, event_id=event.event_id)
        listed = channels.active_listed(db, skus)
        queued = sum(listings.enqueue_quantity(db, sku, at=now, event_id=event.event_id) for sku in listed)
    return Changes(orders=frozenset({order_id}), stock=frozenset(skus), outbox=queued, events=(event,), id=order_id)


@dataclass(frozen=True)
class BoardRow:
    """One marketplace order as the Orders page shows it: ours beside the channel's."""

    order_id: int
    channel: str
    channel_name: str
    remote_id: str
    status: str
    channel_status: str  # as last pulled from the marketplace ('' before the first pull)
    total_paise: int
    items: str
    created_at: str
    ship_by: str
    waiting: int  # commands for this order not yet confirmed by the marketplace


def board(ctx: ServiceContext, *, limit: int = 200) -> list[BoardRow]:
    """Marketplace orders, newest first, with the channel's state, the ship-by time and what waits to be sent."""
    db = ctx.store.db()
    rows = sync_state.order_board(db, limit)
    orders = {row[0]: order_store.get(db, row[0]) for row in rows}
    named = _item_names(db, {line.sku for order in orders.values() if order for line in order.lines})
    out = []
    for oid, channel, name, remote_id, status, remote_status, total, created, adapter, raw, waiting in rows:
        order = orders[oid]
        items = ", ".join(f"{named.get(line.sku, line.sku)} × {line.qty_milli // 1000}"
                          for line in (order.lines if order else ()))
        out.append(BoardRow(oid, channel, name, remote_id, status, remote_status, total, items, created,
                            _ship_by(created, adapter, raw), waiting))
    return out


def _item_names(db: Database, skus: set[str]) -> dict[str, str]:
    """The names the seller knows the items by (Hindi where the window reads Hindi and the item has one): a
    marketplace's order lines carry only the sku, which no one at the counter reads."""
    hindi = language() == "hi"
    return {sku: (p.name_hi if hindi and p.name_hi else p.name_en)
            for sku, p in catalog_store.get_many(db, sorted(skus)).items()}


def ship_by_for(db: Database, order) -> str:
    """When a marketplace order must be handed to the courier (the marketplace's date, or its usual hours)."""
    row = sync_state.ship_by_source(db, order.id)
    return _ship_by(order.created_at, row[0] if row else "", row[1] if row else None)


def remote_raw(db: Database, order) -> dict:
    """The order as the marketplace last sent it ({} for the shop's own orders or before a pull)."""
    raw = sync_state.remote_raw_json(db, order.channel, order.remote_id)
    try:
        data = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _ship_by(created: str, adapter: str, raw: str | None) -> str:
    try:
        named = json.loads(raw or "null")
    except ValueError:
        named = None
    if isinstance(named, dict):
        for key in ("LatestShipDate", "ship_by", "shipBy"):
            if named.get(key):
                return str(named[key])
    hours = SHIP_WITHIN_HOURS.get(adapter, 48)
    return to_iso(from_iso(created) + timedelta(hours=hours))
