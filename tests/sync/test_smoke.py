"""End to end against the simulator: listings, prices and quantities reach all four marketplaces."""

from app.services import catalog, sales
from app.services.sales import PaymentIn, SaleLine
from app.store import outbox

MARKETS = ("amazon", "shopify", "woocommerce", "ondc")


def test_everything_reaches_every_marketplace(ctx, sim, connect, list_item, make_worker):
    for market in MARKETS:
        code = connect(market)
        list_item("SALT1", code, market, stock_milli=20_000)
    catalog.change_price(ctx, "SALT1", price_paise=2700)
    total = sales.quote_sale(ctx, lines=[SaleLine(sku="SALT1", qty_milli=3000)]).total_paise
    sales.record_sale(ctx, lines=[SaleLine(sku="SALT1", qty_milli=3000)],
                      payments=[PaymentIn(method="cash", amount_paise=total)])
    worker = make_worker()
    report = worker.drain(advance_clock=True)
    counts = outbox.counts(ctx.store.db())
    assert counts.get("pending", 0) == 0 and counts.get("failed", 0) == 0, (counts, report.errors)
    for market in MARKETS:
        listing = sim.sim.listings[market]["SALT1"]
        assert listing.quantity == 17, market
        assert listing.price_paise == 2700, market
