"""Coordination through the decision engine (issue 19): an export order taken "through the agents" holds nothing
until the trade agent proposes its hold and the engine decides: held at once within the limits, or waiting for the
seller's approval when it would leave the counter short, when the units are not free, or when the seller has not
chosen the agents' limits yet. The export listings' floors reach the pricing agent as the trade agent's requests on
the engine's board, not read by the pricing agent itself."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from app import config
from app.agents.engine import DecisionEngine
from app.agents.inventory import InventoryAgent
from app.agents.trade import TradeAgent
from app.domain.reasons import text_of
from app.errors import InvalidQuantity
from app.services import export_orders, exports, sales, stock_holds
from app.services import settings as settings_service
from app.services.sales import PaymentIn, SaleLine
from app.store import decisions as decision_store
from trade.books import ARN, terms

TODAY = datetime(2026, 9, 1, 4, tzinfo=UTC)


@pytest.fixture
def tea(ctx, clock, make_product):
    """Tea that sells 2 packs a day for four weeks, with 20 packs left on the shelf; an LUT; limits chosen."""
    clock.set(TODAY - timedelta(days=29))
    make_product("TEA", name_en="Assam tea 250 g", hsn_code="09023020", price_paise=25_000, mrp_paise=25_000,
                 cost_paise=18_000, opening_stock_milli=76_000)
    for day in range(28, 0, -1):
        clock.set(TODAY - timedelta(days=day))
        sales.record_sale(ctx, lines=[SaleLine(sku="TEA", qty_milli=2000)], confirmed=True,
                          payments=[PaymentIn(method="cash", amount_paise=50_000)])
    clock.set(TODAY)
    exports.record_lut(ctx, arn=ARN, fy="2026-27", filed_on=date(2026, 4, 2))
    settings_service.set_setting(ctx, config.AGENT_LIMITS_CHOSEN.key, True)
    return "TEA"


def _engine(ctx) -> DecisionEngine:
    return DecisionEngine(ctx, [InventoryAgent(), TradeAgent(ctx.store)], sleep=lambda _s: None)


def _held(ctx, sku: str) -> int:
    return stock_holds.held_many(ctx.store.db(), [sku])[sku]


def _holds(ctx) -> list[tuple[str, dict]]:
    return [(d.status, d.actions[0]["params"]) for d in decision_store.decisions(ctx.store.db(), limit=50)
            if d.decision_type == "export_hold"]


def test_a_hold_within_the_limits_is_decided_by_the_engine(session, ctx, tea):
    placed = export_orders.place_export_order(ctx, lines=[SaleLine(sku=tea, qty_milli=3000)], terms=terms(),
                                              through_agents=True)
    assert _held(ctx, tea) == 0  # nothing held until the engine decides
    sales.record_sale(ctx, lines=[SaleLine(sku=tea, qty_milli=1000)], confirmed=True,
                      payments=[PaymentIn(method="cash", amount_paise=25_000)])  # the counter still sells
    report = _engine(ctx).run_cycle()
    assert report.failed_agents == []
    assert _held(ctx, tea) == 3000
    ((status, params),) = _holds(ctx)
    assert status == "executed" and params["export_order_id"] == placed.id
    event = session.store.db().execute("SELECT decision_id FROM event WHERE type = 'ExportOrderHeld'").fetchone()
    assert event is not None and event[0] is not None  # the hold is tied to the engine's decision
    with pytest.raises(InvalidQuantity, match="kept for export"):
        sales.record_sale(ctx, lines=[SaleLine(sku=tea, qty_milli=17_000)], confirmed=True,
                          payments=[PaymentIn(method="cash", amount_paise=425_000)])
    assert _engine(ctx).run_cycle().proposals == 0  # held once: nothing more to propose
    export_orders.invoice_export_order(ctx, placed.id)  # the held units are sold by the invoice, once
    assert _held(ctx, tea) == 0


def test_a_hold_that_leaves_the_counter_short_waits_for_the_seller(session, ctx, tea):
    # 20 on the shelf, about 2 a day sell: holding 19 leaves 1, below what sells before a delivery arrives
    placed = export_orders.place_export_order(ctx, lines=[SaleLine(sku=tea, qty_milli=19_000)], terms=terms(),
                                              through_agents=True)
    engine = _engine(ctx)
    engine.run_cycle()
    assert _held(ctx, tea) == 0
    ((status, params),) = _holds(ctx)
    assert status == "awaiting_approval" and params["export_order_id"] == placed.id
    (approval,) = decision_store.approvals(session.store.db())
    assert "Holding 19 pcs of Assam tea 250 g leaves 1 pcs for the counter" in text_of(approval.summary)
    engine.run_cycle()
    assert len(_holds(ctx)) == 1  # proposed once while it waits, not every run
    assert engine.approve(approval.id) == "executed"  # the seller's approval holds them
    assert _held(ctx, tea) == 19_000


def test_units_that_are_not_free_are_never_held(session, ctx, tea):
    export_orders.place_export_order(ctx, lines=[SaleLine(sku=tea, qty_milli=12_000)], terms=terms())  # held now
    export_orders.place_export_order(ctx, lines=[SaleLine(sku=tea, qty_milli=10_000)], terms=terms(),
                                     through_agents=True)  # only 8 are free
    engine = _engine(ctx)
    engine.run_cycle()
    ((status, _params),) = _holds(ctx)
    assert status == "awaiting_approval" and _held(ctx, tea) == 12_000
    (approval,) = decision_store.approvals(session.store.db())
    assert "Only 8 pcs of Assam tea 250 g are free: the order needs 10 pcs." in text_of(approval.summary)
    assert engine.approve(approval.id) == "failed"  # approved, but the shelf cannot hold them: nothing held
    assert _held(ctx, tea) == 12_000


def test_until_the_limits_are_chosen_every_hold_waits(session, ctx, tea):
    settings_service.set_setting(ctx, config.AGENT_LIMITS_CHOSEN.key, False)
    export_orders.place_export_order(ctx, lines=[SaleLine(sku=tea, qty_milli=1000)], terms=terms(),
                                     through_agents=True)
    _engine(ctx).run_cycle()
    ((status, _params),) = _holds(ctx)
    assert status == "awaiting_approval" and _held(ctx, tea) == 0


def test_the_waiting_hold_reads_in_the_approvals_inbox(session, ctx, tea):
    from app.ui.agent_words import decision_text
    from app.ui.decision_details import details

    export_orders.place_export_order(ctx, lines=[SaleLine(sku=tea, qty_milli=19_000)], terms=terms(),
                                     through_agents=True)
    _engine(ctx).run_cycle()
    decision = next(d for d in decision_store.decisions(ctx.store.db(), limit=50) if d.decision_type == "export_hold")
    shown = details(ctx.store.db(), decision.actions[0], decision_type=decision.decision_type)
    assert shown.headline == "Hold for export order 1" and shown.lines == ["Assam tea 250 g: 19 pcs"]
    assert decision_text("export_hold") == "holding stock for an export order"
