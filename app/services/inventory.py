"""Stock in and out outside of sales: receiving goods, counting the shelf, wastage, corrections."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

from app.domain import bounds
from app.domain.qty import check_positive, check_whole
from app.errors import InputError, InvalidQuantity
from app.events import StockAdjusted, StockReceived
from app.i18n import _
from app.services import listings
from app.services.catalog import get_product
from app.services.changes import Changes
from app.services.context import SELLER, Origin, ServiceContext
from app.services.periods import check_open
from app.store import catalog as catalog_store
from app.store import stock as stock_store


def receive_stock(ctx: ServiceContext, sku: str, qty_milli: int, *, unit_cost_paise: int | None = None,
                  expires_on: date | None = None, source_ref: str | None = None,
                  origin: Origin = SELLER) -> Changes:
    """Goods arrived without a purchase order (a walk-in supplier, a market run).

    ``source_ref`` makes the receipt idempotent: the same delivery note can never be counted twice.
    """
    check_positive(qty_milli)
    if unit_cost_paise is not None:
        bounds.check_unit_price(unit_cost_paise, what=_("Cost"))
    if expires_on is not None:
        bounds.check_day(expires_on, what=_("Expiry date"))
    now = ctx.now_iso()
    with ctx.store.write() as db:
        check_open(db, ctx.today())
        product = get_product(db, sku)
        check_whole(qty_milli, product.unit)
        ref = source_ref or f"recv:{uuid.uuid4().hex}"
        if stock_store.local_receipt_seen(db, ref):
            raise InputError(_("This delivery ({ref}) has already been received.").format(ref=ref))
        before = stock_store.on_hand(db, sku)
        event = ctx.record(db, StockReceived(sku=sku, qty_milli=qty_milli, on_hand_milli=before + qty_milli,
                                             unit_cost_paise=unit_cost_paise, source_ref=ref), origin, at=now)
        stock_store.add_move(db, sku=sku, qty_milli=qty_milli, reason="purchase", source="local", source_ref=ref,
                             at=now, actor=origin.actor, unit_cost_paise=unit_cost_paise,
                             expires_on=expires_on.isoformat() if expires_on else None, event_id=event.event_id)
        if unit_cost_paise is not None:
            update_average_cost(db, sku, before, qty_milli, unit_cost_paise, product.cost_paise, now)
        queued = listings.enqueue_quantity(db, sku, at=now, event_id=event.event_id)
    return Changes(stock=frozenset({sku}), products=frozenset({sku}) if unit_cost_paise is not None else frozenset(),
                   outbox=queued, events=(event,))


def update_average_cost(db, sku: str, before_milli: int, qty_milli: int, unit_cost_paise: int, old_cost: int,
                        at: str) -> None:
    """Weighted-average cost over the stock on hand (last cost when the shelf was empty)."""
    if before_milli > 0 and old_cost > 0:
        new_cost = round((before_milli * old_cost + qty_milli * unit_cost_paise) / (before_milli + qty_milli))
    else:
        new_cost = unit_cost_paise
    catalog_store.set_cost(db, sku, new_cost, at)


def _move(ctx: ServiceContext, sku: str, delta_milli: int, *, reason: str, kind: str, note: str,
          origin: Origin) -> Changes:
    now = ctx.now_iso()
    with ctx.store.write() as db:
        check_open(db, ctx.today())
        product = get_product(db, sku)
        check_whole(abs(delta_milli), product.unit)
        before = stock_store.on_hand(db, sku)
        if delta_milli == 0:
            return Changes()
        event = ctx.record(db, StockAdjusted(sku=sku, qty_milli=delta_milli, on_hand_milli=before + delta_milli,
                                             kind=kind), replace(origin, reason=note or origin.reason),
                           at=now)
        stock_store.add_move(db, sku=sku, qty_milli=delta_milli, reason=reason, source="local",
                             source_ref=f"{reason}:{event.event_id}", at=now, actor=origin.actor,
                             event_id=event.event_id)
        queued = listings.enqueue_quantity(db, sku, at=now, event_id=event.event_id)
    return Changes(stock=frozenset({sku}), outbox=queued, events=(event,))


def adjust_stock(ctx: ServiceContext, sku: str, delta_milli: int, *, note: str = "",
                 origin: Origin = SELLER) -> Changes:
    """Correct the books by ``delta_milli`` (+ found, - missing), with a note saying why."""
    if not isinstance(delta_milli, int) or delta_milli == 0:
        raise InvalidQuantity(_("Say how much to add or take away; zero changes nothing."))
    return _move(ctx, sku, delta_milli, reason="adjust", kind="adjust", note=note, origin=origin)


def count_stock(ctx: ServiceContext, sku: str, counted_milli: int, *, origin: Origin = SELLER) -> Changes:
    """The shelf was counted: set the books to what is really there."""
    if not isinstance(counted_milli, int) or counted_milli < 0:
        raise InvalidQuantity(_("A counted quantity cannot be negative."))
    with ctx.store.write():
        delta = counted_milli - stock_store.on_hand(ctx.store.db(), sku)
        get_product(ctx.store.db(), sku)
        return _move(ctx, sku, delta, reason="count", kind="count", note=_("stock count"), origin=origin)


def record_wastage(ctx: ServiceContext, sku: str, qty_milli: int, *, note: str = "",
                   origin: Origin = SELLER) -> Changes:
    """Goods thrown away: expired, damaged, eaten by rats."""
    check_positive(qty_milli)
    return _move(ctx, sku, -qty_milli, reason="wastage", kind="wastage", note=note, origin=origin)
