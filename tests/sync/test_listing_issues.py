"""Listing errors come back in words the seller can act on: a SKU the shop website does not carry."""

from __future__ import annotations

from app.services import catalog
from app.store import outbox


def _failed(ctx) -> list[str]:
    return [r.last_error or "" for r in outbox.rows(ctx.store.db(), status="failed")]


def test_a_sku_the_store_lacks_fails_with_a_readable_message(ctx, sim, connect, make_product, make_worker):
    for market in ("woocommerce", "shopify"):
        code = connect(market)
        make_product(f"NEW{market[:2].upper()}", opening_stock_milli=5000)
        catalog.list_on_channel(ctx, channel=code, sku=f"NEW{market[:2].upper()}")
    make_worker().drain(advance_clock=True)
    failed = _failed(ctx)
    # WooCommerce: every row of the item fails with what to do; Shopify's productSet made the product
    assert len(failed) == 3 and all("Add it in WooCommerce" in f and "NEWWO" in f for f in failed), failed
    assert sim.sim.listings["shopify"]["NEWSH"].quantity == 5
