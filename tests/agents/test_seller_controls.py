"""The seller's controls over the agents (app.services.autonomy, the engine's switches and dry run): the limits'
preview on the shop's own best seller, one agent switched off, the plans shown before anything is done, and
undo of a price the pricing agent set."""

from __future__ import annotations

import pytest

from app import config
from app.errors import InputError
from app.services import autonomy, catalog, market, settings
from app.services.market import CompetitorSighting
from app.store import decisions as decision_store

from .conftest import SELLER, TODAY


def test_the_preview_shows_the_price_band_of_the_shops_best_seller_and_the_order_limit(kirana):
    # atta sells the most (3 a day at Rs 285); 5% either way, within its MRP (Rs 300) and the margin floor
    # (cost Rs 255 + 5% = Rs 267.75), rounded to whole rupees inside the band
    lines = autonomy.preview(kirana.store, enabled=True, max_price_change_bp=500, max_po_paise=500_000,
                             weekly_budget_paise=5_000_000, today=TODAY)
    assert lines[0].startswith("Pricing: a price may move by at most 5% without asking: Atta 5 kg (now ₹285)")
    assert "between ₹271 and ₹299" in lines[0]
    assert "orders up to ₹5,000 go to the supplier without asking" in lines[1]
    assert "₹50,000 a week" in lines[2]
    # a wider move stops at the MRP above and at the margin floor below
    wide = autonomy.preview(kirana.store, enabled=True, max_price_change_bp=2000, max_po_paise=0,
                            weekly_budget_paise=0, today=TODAY)
    assert "between ₹268 and ₹300" in wide[0]
    assert wide[1] == "Purchases: every purchase order waits for your approval."
    # the other money the agents spend alone is shown before the seller chooses: couriers and campaigns
    assert wide[2:] == [
        "Couriers: a parcel that costs up to ₹100 is booked without asking; a dearer one waits for you.",
        "Marketing: message campaigns to customers who agreed, and sponsored-ads budgets on Amazon when it is "
        "connected, run without asking while they fit in ₹500 a week; the rest wait for you.",
        "Marketing risk: none. The agent pays for no message on its own until the codes said at the counter bring "
        "back more margin than its messages cost; until then its ideas go out free, as messages you send yourself "
        "from the shop's WhatsApp (Marketing page to change)."]
    settings.set_setting(kirana.ctx, config.MARKETING_UNPROVEN_RISK_PAISE.key, 2_500)
    assert "may cost up to ₹25 more than the margin" in autonomy.preview(
        kirana.store, enabled=True, max_price_change_bp=2000, max_po_paise=0, weekly_budget_paise=0, today=TODAY)[-1]
    settings.set_setting(kirana.ctx, config.OPERATIONS_AUTO_SHIP_LIMIT_PAISE.key, 0)
    settings.set_setting(kirana.ctx, config.MARKETING_WEEKLY_BUDGET_PAISE.key, 0)
    assert len(autonomy.preview(kirana.store, enabled=True, max_price_change_bp=2000, max_po_paise=0,
                                weekly_budget_paise=0, today=TODAY)) == 2
    assert autonomy.preview(kirana.store, enabled=False, max_price_change_bp=500, max_po_paise=1,
                            weekly_budget_paise=0) == ["The agents are off: they do nothing, not even suggest."]


def test_choosing_limits_saves_them_all_and_marks_them_chosen(kirana):
    settings.set_setting(kirana.ctx, config.AGENT_LIMITS_CHOSEN.key, False)
    changes = autonomy.choose_limits(kirana.ctx, max_price_change_bp=300, max_po_paise=800_000,
                                     weekly_budget_paise=0)
    now = autonomy.controls(kirana.store)
    assert (now.chosen, now.max_price_change_bp, now.max_po_paise, now.weekly_budget_paise) == (True, 300, 800_000, 0)
    assert len(changes.events) == 4
    with pytest.raises(InputError):
        autonomy.choose_limits(kirana.ctx, max_price_change_bp=-1, max_po_paise=0, weekly_budget_paise=0)


def test_an_agent_switched_off_is_skipped_and_the_other_carries_on(kirana):
    autonomy.switch_agent(kirana.ctx, "pricing", False)
    assert autonomy.controls(kirana.store).switched_on == {"inventory": True, "pricing": False}
    market.record_competitor_prices(kirana.ctx, [CompetitorSighting(sku="ATTA5", price_paise=29900,
                                                                    source="marketplace", seen_on=TODAY)],
                                    origin=SELLER)
    report = kirana.engine().run_cycle()
    assert report.skipped_agents == ["pricing"]
    agents = {row[1] for row in kirana.decisions()}
    assert "inventory" in agents and "pricing" not in agents
    with pytest.raises(InputError):
        autonomy.switch_agent(kirana.ctx, "marketing-bot", True)


def test_the_plans_are_what_a_cycle_would_do_and_nothing_is_done(kirana):
    settings.set_setting(kirana.ctx, config.AGENT_LIMITS_CHOSEN.key, False)
    engine = kirana.engine()
    plans = engine.plan_next()
    assert not kirana.decisions() and not decision_store.approvals(kirana.store.db())
    orders = [p for p in plans if p.kind == "purchase_order"]
    assert orders and all(p.agent == "inventory" and p.params["total_paise"] > 0 for p in orders)
    # the limits are not chosen: every order would wait, and says so
    assert all(p.waits_for and "agents limits" in p.waits_for for p in orders)
    report = engine.run_cycle()
    assert report.escalated >= len(orders)


def test_undo_puts_back_the_old_price_and_refuses_once_the_price_moved_on(kirana):
    market.record_competitor_prices(kirana.ctx, [CompetitorSighting(sku=sku, price_paise=price, source="marketplace",
                                                                    seen_on=TODAY)
                                                 for sku, price in (("ATTA5", 29900), ("OIL1", 17900))],
                                    origin=SELLER)
    kirana.engine().run_cycle()
    moved = [row for row in kirana.decisions("executed") if row[2] == "reprice"]
    assert moved, "the pricing agent raised at least one price toward the dearer competitor"
    decision = decision_store.decision(kirana.store.db(), moved[0][0])
    params = decision.actions[0]["params"]
    assert kirana.price(params["sku"]) == params["price_paise"] != params["old_price_paise"]
    autonomy.undo_price_change(kirana.ctx, decision.id)
    assert kirana.price(params["sku"]) == params["old_price_paise"]
    # undone once: the price is no longer the agent's, so a second undo is refused
    with pytest.raises(InputError, match="has changed since"):
        autonomy.undo_price_change(kirana.ctx, decision.id)
    catalog.change_price(kirana.ctx, params["sku"], price_paise=params["price_paise"], origin=SELLER)
    autonomy.undo_price_change(kirana.ctx, decision.id)  # back at the agent's price: undo works again
    orders = [row for row in kirana.decisions("executed") if row[2] == "restock"]
    assert orders
    with pytest.raises(InputError, match="Only a price change"):
        autonomy.undo_price_change(kirana.ctx, orders[0][0])
