"""The marketplace order's state machine, its returns, and the order board the Orders page and the
``sync orders`` command show.

States only move forward: pending -> accepted -> packed -> shipped -> delivered -> returned, and
cancelled from any state before shipping. A return puts stock back only when the parcel is received
(the seller says so): a return in transit, or one that never arrives (RTO lost), takes nothing back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta

from app.domain.clock import from_iso, to_iso
from app.errors import InvalidState, NotFound
from app.events import OrderStatusChanged
from app.i18n import _
from app.services import listings
from app.services.changes import Changes
from app.services.context import SELLER, Origin, ServiceContext
from app.store import orders as order_store
from app.store import stock as stock_store

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
    from app.store import catalog as catalog_store

    product = catalog_store.get(ctx.store.db(), sku)
    if product is None:
        raise NotFound(_("There is no item with the code {sku}.").format(sku=sku))
    if shop_profile(ctx.store).collects_gst:
        product_rate(rate_table(ctx.store), product, ctx.business_date(ctx.now()))


def state_label(status: str) -> str:
    return {"pending": _("new"), "accepted": _("accepted"), "packed": _("packed"), "shipped": _("shipped"),
            "delivered": _("delivered"), "returned": _("returned"), "cancelled": _("cancelled"),
            "": _("not seen yet")}.get(status, status)


def receive_return(ctx: ServiceContext, order_id: int, *, origin: Origin = SELLER) -> Changes:
    """The returned parcel is in the shop: the order becomes ``returned`` and its stock comes back, once."""
    now = ctx.now_iso()
    with ctx.store.write() as db:
        order = order_store.get(db, order_id)
        if order is None:
            raise NotFound(_("There is no order number {id}.").format(id=order_id))
        if order.status == "returned":
            return Changes(id=order_id)
        if order.status not in ("shipped", "delivered"):
            raise InvalidState(_("Order {id} is {state}; only a shipped order can come back as a return.").format(
                id=order_id, state=state_label(order.status)))
        db.execute("UPDATE orders SET status = 'returned' WHERE id = ?", (order_id,))
        event = ctx.record(db, OrderStatusChanged(order_id=order_id, channel=order.channel, old_status=order.status,
                                                  new_status="returned"), origin, at=now)
        skus = tuple(dict.fromkeys(line.sku for line in order.lines))
        for line in order.lines:
            ref = "return:" + (line.remote_line_id or f"{order_id}:{line.line_no}")
            stock_store.add_move(db, sku=line.sku, qty_milli=line.qty_milli, reason="return", source=order.channel,
                                 source_ref=ref, at=now, actor=origin.actor, event_id=event.event_id)
        listed = [r[0] for r in db.execute(
            f"SELECT DISTINCT sku FROM channel_listing WHERE status = 'active' AND sku IN "
            f"({','.join('?' * len(skus))})", skus)]
        queued = sum(listings.enqueue_quantity(db, sku, at=now, event_id=event.event_id) for sku in listed)
    return Changes(orders=frozenset({order_id}), stock=frozenset(skus), outbox=queued, events=(event,), id=order_id)


@dataclass(frozen=True)
class BoardRow:
    """One marketplace order as the Orders page shows it: ours beside the channel's."""

    order_id: int
    channel: str
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
    rows = db.execute(
        "SELECT o.id, o.channel, o.remote_id, o.status, COALESCE(r.status, ''), o.total_paise, o.created_at,"
        " COALESCE(s.adapter, ''), r.raw_json,"
        " (SELECT COUNT(*) FROM outbox x WHERE x.order_key = 'order:' || o.remote_id AND x.channel = o.channel"
        "  AND x.status NOT IN ('applied', 'failed'))"
        " FROM orders o LEFT JOIN remote_order r ON r.channel = o.channel AND r.remote_id = o.remote_id"
        " LEFT JOIN sync_channel s ON s.channel = o.channel"
        " WHERE o.remote_id IS NOT NULL ORDER BY o.id DESC LIMIT ?", (limit,)).fetchall()
    out = []
    for oid, channel, remote_id, status, remote_status, total, created, adapter, raw, waiting in rows:
        order = order_store.get(db, oid)
        items = ", ".join(f"{line.sku} × {line.qty_milli // 1000}" for line in (order.lines if order else ()))
        out.append(BoardRow(oid, channel, remote_id, status, remote_status, total, items, created,
                            _ship_by(created, adapter, raw), waiting))
    return out


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
