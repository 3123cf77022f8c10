"""The trade agent through the decision engine: export price alerts with the floor that keeps a 10 % margin
(published on the board for the pricing agent), and an urgent alert for an export past its 3-month deadline."""

from __future__ import annotations

from datetime import UTC, date, datetime

from app.agents.engine import DecisionEngine
from app.agents.trade import TradeAgent
from app.domain.trade.routes import Quote, export_floor
from app.services import catalog, export_routes, exports
from app.services.sales import PaymentIn, SaleLine, record_sale
from app.store import alerts as alert_store
from trade.books import export_sale


def test_export_floor_keeps_the_target_margin():
    # (cost 250 + logistics 170) / (1 - 15 % fee - 10 % margin) = 560
    assert export_floor(cost_paise=25_000, logistics_paise=17_000, fee_bp=1500) == 56_000
    assert export_floor(cost_paise=100, logistics_paise=0, fee_bp=9500) is None


def test_the_agent_proposes_through_the_engine(session, ctx, clock):
    clock.set(datetime(2026, 9, 1, 4, tzinfo=UTC))
    catalog.create_product(ctx, sku="TEA8", name_en="Assam tea", price_paise=40_000, mrp_paise=45_000,
                           cost_paise=25_000, hsn_code="09023020", unit="pack", pack_size="250 g",
                           opening_stock_milli=100_000)
    record_sale(ctx, lines=[SaleLine(sku="TEA8", qty_milli=2000)],
                payments=[PaymentIn(method="cash", amount_paise=80_000)], confirmed=True)
    export_routes.add_quote(ctx, Quote(route="marketplace", country="AE", per_kg_paise=60_000,
                                       per_parcel_paise=20_000, fee_bp=1500))
    export_routes.add_quote(ctx, Quote(route="postal", country="AE", per_kg_paise=20_000))
    exports.record_lut(ctx, arn="AD270326012345X", fy="2026-27", filed_on=date(2026, 4, 1))
    export_sale(ctx, date(2026, 5, 20), [SaleLine(sku="TEA8", qty_milli=1000)])  # deadline 20 Aug: overdue
    agent = TradeAgent(session.store)
    engine = DecisionEngine(ctx, [agent], sleep=lambda _s: None)
    report = engine.run_cycle()
    assert report.failed_agents == [] and report.proposals == 2
    db = session.store.db()
    price_alerts = alert_store.open_alerts(db, kind="export_price")
    # the marketplace loses money at Rs 400 (see test_routes); the postal route keeps 32.5 %: no alert
    assert [a.subject for a in price_alerts] == ["TEA8:marketplace:AE"]
    assert "560.00" in price_alerts[0].message
    overdue = alert_store.open_alerts(db, kind="export_overdue")
    assert [a.severity for a in overdue] == ["critical"] and "20-08-2026" in overdue[0].message
    # a second cycle proposes nothing new; proof of export resolves the overdue alert at the next cycle
    assert engine.run_cycle().proposals == 0
    (item,) = exports.open_exports(session.store)
    exports.record_proof(ctx, item.order_id, number="CSB1", on=date(2026, 8, 30))
    engine.run_cycle()
    assert alert_store.open_alerts(db, kind="export_overdue") == []
