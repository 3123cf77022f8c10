"""Bring marketplace orders in: pages by watermark with an overlap window, applied idempotently.

- The cursor (watermark, page token) is saved in the same transaction as the orders of its page, so
  a crash resumes where it stopped and never imports a page twice (and re-importing is harmless).
- The next pull starts ``overlap`` before the watermark, to absorb clock skew between the
  marketplace's servers and late-stamped updates; duplicates are dropped by ``remote_updated_at``.
- An update older than (or equal to) the one already applied is ignored: out-of-order and duplicate
  deliveries change nothing.
- Page numbers shift when an order changes during the pull (it moves to the end). An order seen twice
  in one pass means that happened, so the same window is read again (at most ``MAX_PASSES``).
- An expired page token restarts the window from its start.
- Order status is a monotonic state machine: forward moves are applied; a remote cancel before
  shipping cancels locally (stock returns, ledger ``mkt_cancel``); after shipping it becomes an issue for
  the seller (RTO/return), never an automatic "un-ship".
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from app.domain.clock import from_iso, to_iso
from app.errors import AppError
from app.services import listings, sales
from app.services.context import Origin, ServiceContext
from app.store import channels, sync_state
from app.store import orders as order_store
from app.store import stock as stock_store
from app.sync.marketplaces.base import Adapter, RemoteOrder

log = logging.getLogger(__name__)

MAX_PASSES = 3
MAX_PAGES = 1000
FIRST_PULL_DAYS = 30


@dataclass
class PullReport:
    pages: int = 0
    seen: int = 0
    imported: int = 0
    updated: int = 0
    ignored: int = 0
    cancelled: int = 0
    issues: int = 0
    passes: int = 0
    skus: set[str] = field(default_factory=set)


def _local_sku(db, channel: str, remote_sku: str) -> str | None:
    return channels.local_sku(db, channel, remote_sku)


def apply_order(ctx: ServiceContext, channel: str, order: RemoteOrder, report: PullReport) -> None:
    """Apply one remote order (new, newer, or stale) inside the caller's write block."""
    db = ctx.store.db()
    now = ctx.now_iso()
    origin = Origin(actor=f"sync:{channel}", reason="marketplace order update")
    previous = sync_state.remote_order(db, channel, order.remote_id)
    if previous is not None and previous[0] >= order.updated_at:
        report.ignored += 1
        return
    order_id = previous[2] if previous else None
    status = order.status
    if order_id is None:
        if status == "cancelled":  # cancelled before we saw it: nothing to import, but the marketplace restocked
            report.skus.update(sku for line in order.lines if (sku := _local_sku(db, channel, line.remote_sku)))
            sync_state.save_remote_order(db, channel=channel, remote_id=order.remote_id, updated_at=order.updated_at,
                                         status=status, order_id=None, raw=order.raw, at=now)
            return
        lines, missing = [], []
        for line in order.lines:
            sku = _local_sku(db, channel, line.remote_sku)
            if sku is None:
                missing.append(line.remote_sku)
                continue
            lines.append(sales.RemoteLine(sku=sku, qty_milli=line.qty * 1000, unit_price_paise=line.unit_price_paise,
                                          remote_line_id=f"{order.remote_id}:{line.remote_line_id}"))
        if missing or not lines:
            report.issues += sync_state.raise_issue(db, channel=channel, kind="unknown_sku", ref=order.remote_id,
                                                    detail={"skus": missing}, at=now)
            sync_state.save_remote_order(db, channel=channel, remote_id=order.remote_id, updated_at=order.updated_at,
                                         status="unmapped", order_id=None, raw=order.raw, at=now)
            return
        first = status if status in sales.ORDER_FLOW else "pending"
        try:
            with ctx.store.write():
                changes = sales.import_marketplace_order(
                    ctx, channel=channel, remote_id=order.remote_id, lines=lines, status=first,
                    customer_name=order.customer_name, place_of_supply=order.place_of_supply, origin=origin)
        except AppError as exc:
            report.issues += sync_state.raise_issue(db, channel=channel, kind="unknown_sku", ref=order.remote_id,
                                                    detail={"problem": exc.message}, at=now)
            sync_state.save_remote_order(db, channel=channel, remote_id=order.remote_id, updated_at=order.updated_at,
                                         status="rejected", order_id=None, raw=order.raw, at=now)
            return
        order_id = changes.id
        report.imported += 1
        report.skus.update(line.sku for line in lines)
        for line in lines:
            if stock_store.on_hand(db, line.sku) < 0:
                report.issues += sync_state.raise_issue(
                    db, channel=channel, kind="oversold", ref=line.sku,
                    detail={"sku": line.sku, "on_hand_milli": stock_store.on_hand(db, line.sku),
                            "order": order.remote_id}, at=now)
    else:
        local = order_store.get(db, order_id, with_lines=True)
        report.updated += 1
        if local is not None:  # any change of a remote order may have moved the marketplace's own count
            report.skus.update(line.sku for line in local.lines)
        if local is not None and order.lines and status != "cancelled" and local.status in ("accepted", "packed"):
            # fewer units ordered there than here after a part shipped: the rest was cancelled at the channel
            from app.services import order_parts

            with ctx.store.write():
                order_parts.read_channel_cancellation(ctx, order_id, {
                    f"{order.remote_id}:{line.remote_line_id}": line.qty * 1000 for line in order.lines}, origin=origin)
            local = order_store.get(db, order_id, with_lines=True)
        if local is not None and status == "cancelled" and local.status != "cancelled":
            if local.status in ("shipped", "delivered", "returned"):
                report.issues += sync_state.raise_issue(db, channel=channel, kind="cancel_after_ship",
                                                        ref=order.remote_id, detail={"order_id": order_id}, at=now)
            else:
                with ctx.store.write():
                    sales.cancel_order(ctx, order_id, origin=origin)
                report.cancelled += 1
                report.skus.update(line.sku for line in local.lines)
        elif local is not None and status in sales.ORDER_FLOW and local.status in sales.ORDER_FLOW and \
                sales.ORDER_FLOW.index(status) > sales.ORDER_FLOW.index(local.status):
            with ctx.store.write():
                sales.set_order_status(ctx, order_id, status, origin=origin)
    sync_state.save_remote_order(db, channel=channel, remote_id=order.remote_id, updated_at=order.updated_at,
                                 status=status, order_id=order_id, raw=order.raw, at=now)


def requeue_quantities(ctx: ServiceContext, skus: set[str]) -> None:
    """After orders came in, every channel (the selling one too) gets the quantity recomputed from the
    ledger: with an allocation cap the marketplace's own decrement is not what the ledger allows."""
    if not skus:
        return
    now = ctx.now_iso()
    with ctx.store.write() as db:
        for sku in sorted(skus):
            listings.enqueue_quantity(db, sku, at=now)


def pull_orders(ctx: ServiceContext, channel: str, adapter: Adapter, *, overlap_s: float = 600.0,
                now_iso: str | None = None) -> PullReport:
    """Pull every order changed since the watermark (minus the overlap) and apply them."""
    store = ctx.store
    report = PullReport()
    cursor = sync_state.cursor(store.db(), channel)
    now_text = now_iso or ctx.now_iso()
    if cursor is not None and cursor.page_token and cursor.window_start:
        since, token = cursor.window_start, cursor.page_token  # resume an interrupted pull
    else:
        base = cursor.watermark if cursor and cursor.watermark else \
            to_iso(from_iso(now_text) - timedelta(days=FIRST_PULL_DAYS))
        since, token = to_iso(from_iso(base) - timedelta(seconds=overlap_s)), None
    watermark = cursor.watermark if cursor else None

    def is_current(remote_id: str, updated_at: str) -> bool:
        found = sync_state.remote_order(store.db(), channel, remote_id)
        return found is not None and found[0] >= updated_at

    if hasattr(adapter, "is_current"):
        adapter.is_current = is_current  # lets an adapter skip fetching the lines of orders we already have
    for _pass in range(MAX_PASSES):
        report.passes += 1
        seen: set[str] = set()
        shifted = False
        for _page in range(MAX_PAGES):
            page = adapter.pull_orders(since, token)
            if page.token_expired:
                token, seen = None, set()
                continue
            report.pages += 1
            with store.write() as db:
                for order in page.orders:
                    report.seen += 1
                    if order.remote_id in seen:
                        shifted = True
                    seen.add(order.remote_id)
                    apply_order(ctx, channel, order, report)
                    if watermark is None or order.updated_at > watermark:
                        watermark = order.updated_at
                sync_state.save_cursor(db, channel=channel, watermark=watermark if page.next_token is None else
                                       (cursor.watermark if cursor else None), page_token=page.next_token,
                                       window_start=since, at=ctx.now_iso())
            token = page.next_token
            if token is None:
                break
        if not shifted:
            break
    with store.write() as db:
        sync_state.save_cursor(db, channel=channel, watermark=watermark, page_token=None, window_start=None,
                               at=ctx.now_iso())
    requeue_quantities(ctx, report.skus)
    return report
