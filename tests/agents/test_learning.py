"""Learning from outcomes on a real shop: the engine decides (price changes, a restock order), the shop sells
for a week and more, and ``learn()`` compares what each decision expected with what came, updates the
beliefs (price elasticity, the supplier's lead time, forecast bias) with events, and the next cycle uses them."""

from __future__ import annotations

import dataclasses
import json
import math
from datetime import date, timedelta

import pytest

from app.agents.demand import elasticities
from app.agents.inventory import InventoryAgent
from app.agents.learning import at_least, lead_update, stepped
from app.agents.limits import Limits
from app.agents.planner import Directives
from app.agents.price_model import PRIOR_ELASTICITY
from app.agents.snapshot import build_snapshot
from app.services import inventory, market, purchasing, sales
from app.services.market import CompetitorSighting
from app.services.sales import PaymentIn, SaleLine
from app.store import beliefs as beliefs
from app.store import decisions as decision_store

from .conftest import ITEMS, SELLER, TODAY, at

# units sold each evening after the decisions (the shelf is topped up each morning, so nothing runs out)
WEEK = {"ATTA5": 3, "MILK": 18, "OIL1": 2, "SOAP": 1, "TEA": 1, "CHIPS": 4}


def sell_days(shop, first: date, days: int, daily: dict[str, int], *, receive_po: tuple[int, date] | None = None):
    for k in range(days):
        day = first + timedelta(days=k)
        shop.clock.set(at(day, 9))
        if receive_po is not None and receive_po[1] == day:
            purchasing.receive_purchase_order(shop.ctx, receive_po[0], origin=SELLER)
        for sku, qty in daily.items():
            inventory.receive_stock(shop.ctx, sku, qty * 1000, origin=SELLER)
        shop.clock.set(at(day, 19))
        lines = [SaleLine(sku=sku, qty_milli=qty * 1000) for sku, qty in daily.items()]
        total = sales.quote_sale(shop.ctx, lines=lines).total_paise
        sales.record_sale(shop.ctx, lines=lines, payments=[PaymentIn(method="cash", amount_paise=total)],
                          origin=SELLER)


def sold(shop, sku: str, first: date, last: date) -> float:
    row = shop.store.db().execute(
        "SELECT coalesce(sum(l.qty_milli), 0) FROM orders o JOIN order_line l ON l.order_id = o.id"
        " WHERE l.sku = ? AND o.business_date BETWEEN ? AND ?", (sku, first.isoformat(), last.isoformat())).fetchone()
    return row[0] / 1000


def decision_of(shop, decision_type: str, sku: str) -> decision_store.Decision:
    found = [d for d in decision_store.decisions(shop.store.db(), limit=1000) if d.decision_type == decision_type
             and sku in {line["sku"] for line in d.actions[0]["params"].get("lines", [d.actions[0]["params"]])}]
    assert len(found) == 1, [(d.id, d.decision_type, d.actions) for d in found]
    return found[0]


def belief_events(shop, key: str) -> list[tuple[int, dict]]:
    rows = shop.store.db().execute("SELECT decision_id, data_json FROM event WHERE type = 'BeliefUpdated'"
                                   " AND json_extract(data_json, '$.key') = ? ORDER BY id", (key,)).fetchall()
    return [(r[0], json.loads(r[1])) for r in rows]


def snapshot(shop):
    return build_snapshot(shop.store, now=shop.ctx.now(), today=shop.ctx.today(), limits=Limits.load(shop.store),
                          directives=Directives())


@pytest.fixture
def a_week_later(kirana):
    """The engine's first cycle on the agents' day (every price up ~5%, a restock order to Gupta Traders that
    is believed to take 2 days), nine days of sales, the order received 5 days after it was sent, then
    ``learn()`` on the tenth morning. Returns (engine, what learn() counted). The competitor sells about 5%
    above the shop: the evidence the pricing agent needs to move a price at all."""
    seen = [CompetitorSighting(sku=sku, price_paise=min(round(spec[4] * 1.05 / 100) * 100, spec[2]),
                               source="marketplace", seen_on=TODAY) for sku, spec in ITEMS.items()]
    market.record_competitor_prices(kirana.ctx, seen, origin=SELLER)
    engine = kirana.engine()
    report = engine.run_cycle()
    assert report.executed and not report.failed_agents
    order = decision_of(kirana, "restock", "MILK")
    po_id = order.actions[0]["params"]["po_id"]
    assert order.context["lead_days"] == 2 and order.expected["horizon_days"] == 9
    sell_days(kirana, TODAY, 9, WEEK, receive_po=(po_id, TODAY + timedelta(days=5)))
    kirana.clock.set(at(TODAY + timedelta(days=9)))
    return engine, engine.learn()


def test_nothing_is_learnt_before_the_outcome_can_be_seen(kirana):
    engine = kirana.engine()
    engine.run_cycle()
    sell_days(kirana, TODAY, 3, WEEK)
    kirana.clock.set(at(TODAY + timedelta(days=3)))
    assert engine.learn() == {"evaluated": 0, "beliefs": 0}
    assert not beliefs.all_beliefs(kirana.store.db())
    assert all(d.realised is None for d in decision_store.decisions(kirana.store.db()))


def test_a_price_change_is_compared_with_the_weeks_sales_and_the_elasticity_learnt(kirana, a_week_later):
    _engine, counts = a_week_later
    executed = decision_store.decisions(kirana.store.db(), status="executed", limit=1000)
    assert counts["evaluated"] == len(executed) >= 2  # every price change and the order: all past their horizon
    assert all(d.evaluated_at is not None and d.realised for d in executed)
    decision = decision_of(kirana, "reprice", "ATTA5")
    params = decision.actions[0]["params"]
    p0, p1 = params["old_price_paise"], params["price_paise"]
    assert (p0, p1) == (28500, 29900)
    # the two weeks before (all in stock) against the week after; atta is alone in its category (no control)
    rate_before = sold(kirana, "ATTA5", TODAY - timedelta(days=14), TODAY - timedelta(days=1)) / 14
    rate_after = WEEK["ATTA5"]
    observed = rate_after / rate_before
    realised = decision.realised
    assert realised["units"] == 7 * WEEK["ATTA5"] and realised["days_in_stock"] == 7
    assert realised["observed_ratio"] == pytest.approx(observed, abs=1e-4)
    assert realised["control_ratio"] == 1.0
    assert realised["expected_ratio"] == pytest.approx(
        decision.expected["units"] / decision.expected["units_at_old_price"], abs=1e-4)
    assert decision.evaluated_at is not None
    # sales fell by more than the prior (-1.5) expected: customers answer this price more sharply
    implied = math.log(observed) / math.log(p1 / p0)
    assert implied < PRIOR_ELASTICITY
    expected_value = PRIOR_ELASTICITY + 0.5 * 1.0 * (implied - PRIOR_ELASTICITY)  # full weight: 60+ units, 4.8% move
    atta = beliefs.get(kirana.store.db(), "elasticity", "ATTA5")
    assert atta.value == pytest.approx(expected_value, abs=1e-3)
    assert atta.value < PRIOR_ELASTICITY
    category = beliefs.get(kirana.store.db(), "elasticity", "cat:staples")
    assert atta.value < category.value < PRIOR_ELASTICITY  # the category moves too, more slowly
    [(decision_id, data)] = belief_events(kirana, "elasticity:ATTA5")
    assert decision_id == decision.id and data["old_value"] is None and data["new_value"] == atta.value
    assert data["evidence"]["observed_ratio"] == pytest.approx(observed, abs=1e-4)
    evaluated = kirana.store.db().execute("SELECT data_json, reason FROM event WHERE type = 'DecisionEvaluated'"
                                          " AND decision_id = ?", (decision.id,)).fetchone()
    assert evaluated is not None and "A week after the price change: 21.0 sold" in evaluated[1]
    assert json.loads(evaluated[0])["expected"]["units"] == decision.expected["units"]


def test_a_late_delivery_raises_the_suppliers_lead_time_and_sales_correct_the_forecast(kirana, a_week_later):
    order = decision_of(kirana, "restock", "MILK")
    realised = order.realised
    assert realised["status"] == "received"
    assert realised["lead_time_days"] == 5 and realised["expected_lead_days"] == 2
    lead = beliefs.get(kirana.store.db(), "lead_time", str(kirana.supplier_id))
    # 2 days believed, 5 taken: the mean moves 30% of the way, the spread widens
    assert lead.value == pytest.approx(2 + 0.3 * 3)
    assert lead.spread == pytest.approx(math.sqrt(0.7 * (0.25 + 0.3 * 9)), abs=1e-3)
    [(decision_id, data)] = belief_events(kirana, f"lead_time:{kirana.supplier_id}")
    assert decision_id == order.id and data["evidence"]["days"] == 5
    # milk: planned on ~11.9 a day, 18 a day really sold -> the forecast is scaled up
    planned = order.expected["lines"]["MILK"]["daily_demand"] * 9
    assert realised["lines"]["MILK"]["units"] == 9 * WEEK["MILK"] and realised["stockout_days"] == 0
    milk = beliefs.get(kirana.store.db(), "forecast_bias", "MILK")
    assert milk.value == pytest.approx(stepped(1.0, 9 * WEEK["MILK"] / planned), abs=1e-3)
    assert milk.value > 1
    # oil sold as planned (2 a day): no belief from noise
    assert abs(realised["lines"]["OIL1"]["units"] - realised["lines"]["OIL1"]["expected_units_in_stock_days"]) < 1
    assert beliefs.get(kirana.store.db(), "forecast_bias", "OIL1") is None
    assert belief_events(kirana, "forecast_bias:MILK")[0][0] == order.id


def test_the_next_cycle_uses_what_was_learnt(kirana, a_week_later):
    engine, _counts = a_week_later
    db = kirana.store.db()
    snap = snapshot(kirana)
    own, _k = elasticities(snap)
    for sku in ("ATTA5", "OIL1", "MILK"):
        assert own[snap.index[sku]] == pytest.approx(beliefs.get(db, "elasticity", sku).value)
    # the demand model scales its forecast by the learnt bias
    board_demand = engine.demand_model.demand(snap)
    plain = engine.demand_model.demand(dataclasses.replace(
        snap, beliefs={k: v for k, v in snap.beliefs.items() if k != "forecast_bias"}))
    i = snap.index["MILK"]
    ratio = board_demand.mean[i] / plain.mean[i]
    assert ratio == pytest.approx(beliefs.get(db, "forecast_bias", "MILK").value)
    # the supplier is now believed to take 3 days (2.9 rounded up)
    link = snap.links[snap.index["SOAP"]][0]
    assert InventoryAgent._lead(snap, link)[0] == 3
    before = {d.id for d in decision_store.decisions(db, limit=1000)}
    # the competitor cut its prices 5% under the shop's: on the thin margins (13-20%) the cut would pay only if
    # customers walked to it as sharply as the (never learnt) competitor prior guesses, so no price follows it down;
    # on the widest (chips, 25%) it pays under the narrower low reading too (pricing.ROBUST_READINGS, issue 14,
    # twenty-third and twenty-fourth sessions)
    seen = [CompetitorSighting(sku=sku, price_paise=min(round(kirana.price(sku) * 0.95 / 100) * 100, spec[2]),
                               source="marketplace", seen_on=kirana.ctx.today()) for sku, spec in ITEMS.items()]
    market.record_competitor_prices(kirana.ctx, seen, origin=SELLER)
    engine.run_cycle()
    fresh = [d for d in decision_store.decisions(db, limit=1000) if d.id not in before]
    reprices = [d for d in fresh if d.decision_type == "reprice"]
    moves = [d.actions[0]["params"] for d in reprices]
    assert {m["sku"] for m in moves if m["price_paise"] < m["old_price_paise"]} <= {"CHIPS"}
    for decision in reprices:
        sku = decision.actions[0]["params"]["sku"]
        assert decision.context["elasticity"] == round(beliefs.get(db, "elasticity", sku).value, 3)
        assert decision.context["elasticity_source"] == "learnt from this item's sales"
    orders = [d for d in fresh if d.decision_type == "restock" and d.context["supplier_id"] == kirana.supplier_id]
    assert orders and orders[0].context["lead_days"] == 3


def test_an_order_still_out_past_its_lead_time_raises_the_belief_before_it_comes(kirana):
    engine = kirana.engine()
    engine.run_cycle(["inventory"])
    kirana.clock.set(at(TODAY + timedelta(days=5)))  # believed 2 days; 5 days on, still nothing
    assert engine.learn()["beliefs"] == 1
    lead = beliefs.get(kirana.store.db(), "lead_time", str(kirana.supplier_id))
    # censored: "at least 5 days" under the belief N(2, 0.5) expects E[L | L >= 5] = 5.08; the mean moves 30% there
    assert lead.value == pytest.approx(2 + 0.3 * (at_least(2, 0.5, 5) - 2), abs=1e-3)
    assert 5 < at_least(2, 0.5, 5) < 5.1
    [(decision_id, data)] = belief_events(kirana, f"lead_time:{kirana.supplier_id}")
    assert decision_id is None and data["evidence"]["still_open"] is True and data["evidence"]["waiting_days"] == 5
    engine.learn()  # the same day again: not counted twice
    assert beliefs.get(kirana.store.db(), "lead_time", str(kirana.supplier_id)).n == 1


def send_order(shop, day: date) -> int:
    """A small order of soap to Gupta Traders (believed 2 days), sent on ``day``; returns its id."""
    shop.clock.set(at(day, 10))
    changes = purchasing.create_purchase_order(shop.ctx, supplier_id=shop.supplier_id,
                                               lines=[purchasing.PoLine(sku="SOAP", qty_milli=12_000)],
                                               confirmed=True, origin=SELLER)
    [po_id] = changes.purchase_orders
    purchasing.send_purchase_order(shop.ctx, po_id, origin=SELLER)
    return po_id


def test_an_order_late_for_many_days_raises_the_belief_once_not_every_day(kirana):
    """A supplier stopped for two weeks: the order still out is one censored observation, not one a day (the
    chemist's beverages were bought for a 20-day lead time that came from counting one late order daily)."""
    engine = kirana.engine()
    send_order(kirana, TODAY)
    for k in range(1, 15):
        kirana.clock.set(at(TODAY + timedelta(days=k), 8))
        engine.learn()
    lead = beliefs.get(kirana.store.db(), "lead_time", str(kirana.supplier_id))
    assert lead.n == 1
    assert lead.value == pytest.approx(2 + 0.3 * (at_least(2, 0.5, 4) - 2), abs=1e-3)  # raised on day 4, once
    assert lead.value < 3


def test_orders_delivered_together_after_a_stoppage_count_as_one_observation(kirana):
    """Three orders sent on days 0, 2 and 4 come together on day 10 (waits 10, 8, 6): one observation, learnt from
    the belief as it was before the late-order guess (that order is not counted twice), and read from the newest
    order's 6 days, not the average 8: the older ones waited out the stoppage (the chemist's beverages were
    ordered on a lead time still inflated by the backlog the distributor released when it reopened)."""
    engine = kirana.engine()
    orders = [send_order(kirana, TODAY + timedelta(days=k)) for k in (0, 2, 4)]
    for k in range(5, 10):
        kirana.clock.set(at(TODAY + timedelta(days=k), 8))
        engine.learn()
    assert beliefs.get(kirana.store.db(), "lead_time", str(kirana.supplier_id)).n == 1  # the guess while out
    kirana.clock.set(at(TODAY + timedelta(days=10), 12))
    for po_id in orders:
        purchasing.receive_purchase_order(kirana.ctx, po_id, origin=SELLER)
    for k in range(11, 16):
        kirana.clock.set(at(TODAY + timedelta(days=k), 8))
        engine.learn()
    lead = beliefs.get(kirana.store.db(), "lead_time", str(kirana.supplier_id))
    assert lead.n == 2
    assert (lead.value, lead.spread) == pytest.approx(lead_update(2, 0.5, 6), abs=1e-3)  # 2 + 0.3 * 4 = 3.2
    *_guess, (_decision, data) = belief_events(kirana, f"lead_time:{kirana.supplier_id}")
    assert data["evidence"]["days"] == 6 and len(data["evidence"]["po"]) == 3
    # a normal delivery afterwards is one more observation, from there
    back = send_order(kirana, TODAY + timedelta(days=16))
    kirana.clock.set(at(TODAY + timedelta(days=18), 12))
    purchasing.receive_purchase_order(kirana.ctx, back, origin=SELLER)
    kirana.clock.set(at(TODAY + timedelta(days=19), 8))
    engine.learn()
    after = beliefs.get(kirana.store.db(), "lead_time", str(kirana.supplier_id))
    assert after.n == 3 and after.value == pytest.approx(lead_update(lead.value, lead.spread, 2)[0], abs=1e-3)


def test_a_stoppage_backlog_landing_in_pieces_is_learnt_once_from_its_last_piece(kirana):
    """Orders sent on days 0, 2 and 4 are held by a stoppage; the oldest comes alone on day 10, the other two on
    day 12 (a distributor's trucks come per day sent). The first piece is not the end of the stoppage: learnt as
    one, its 10 days became the lead time and the two orders still out raised a second guess on top (the chemist's
    pharma distributor: 22 days learnt, a spread of 10 days, the fever season's perishables bought for two weeks).
    The guess stands until the last piece, which is read as one backlog is: from its newest order."""
    engine = kirana.engine()
    orders = [send_order(kirana, TODAY + timedelta(days=k)) for k in (0, 2, 4)]
    for k in range(5, 10):
        kirana.clock.set(at(TODAY + timedelta(days=k), 8))
        engine.learn()
    guess = beliefs.get(kirana.store.db(), "lead_time", str(kirana.supplier_id))
    assert guess.n == 1  # the guess while out
    kirana.clock.set(at(TODAY + timedelta(days=10), 12))
    purchasing.receive_purchase_order(kirana.ctx, orders[0], origin=SELLER)
    kirana.clock.set(at(TODAY + timedelta(days=11), 8))
    engine.learn()
    piece = beliefs.get(kirana.store.db(), "lead_time", str(kirana.supplier_id))
    assert (piece.n, piece.value, piece.spread) == (guess.n, guess.value, guess.spread)  # more of it still out
    kirana.clock.set(at(TODAY + timedelta(days=12), 12))
    for po_id in orders[1:]:
        purchasing.receive_purchase_order(kirana.ctx, po_id, origin=SELLER)
    kirana.clock.set(at(TODAY + timedelta(days=12), 18))  # the learner after the truck: the last piece is not out
    engine.learn()  # any more, but the first piece still was not the end of the stoppage
    assert beliefs.get(kirana.store.db(), "lead_time", str(kirana.supplier_id)).value == guess.value
    for k in range(13, 16):
        kirana.clock.set(at(TODAY + timedelta(days=k), 8))
        engine.learn()
    lead = beliefs.get(kirana.store.db(), "lead_time", str(kirana.supplier_id))
    assert lead.n == 2
    assert (lead.value, lead.spread) == pytest.approx(lead_update(2, 0.5, 8), abs=1e-3)  # the newest, day 4's
    *_guess, (_decision, data) = belief_events(kirana, f"lead_time:{kirana.supplier_id}")
    assert data["evidence"]["days"] == 8 and len(data["evidence"]["po"]) == 2
