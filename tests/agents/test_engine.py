"""The decision engine on a real shop: restocking, approvals, hard limits, conflicts, budgets, failures."""

from __future__ import annotations

import json

from app.agents.proposal import PURCHASE_ORDER, SET_PRICE, START_PROMOTION, Action, Proposal
from app.services import market, settings
from app.services.context import Origin
from app.store import agent_runs as run_store
from app.store import alerts as alert_store
from app.store import decisions as decision_store

from .conftest import TODAY


class FixedAgent:
    """A test agent (not a mock of ours: an agent like any other) that proposes what it is given."""

    def __init__(self, name: str, proposals=(), *, fail_times: int = 0) -> None:
        self.NAME = name
        self.TRIGGER = {"trigger": "interval", "hours": 1}
        self.proposals = list(proposals)
        self.fail_times = fail_times
        self.calls = 0

    def propose(self, snap, board):
        self.calls += 1
        if self.calls <= self.fail_times:
            raise RuntimeError(f"{self.NAME} broke (call {self.calls})")
        return [Proposal(**p) if isinstance(p, dict) else p for p in self.proposals]


def price_proposal(agent: str, sku: str, price: int, old: int, value: int = 1000, goal_id=None) -> Proposal:
    return Proposal(agent=agent, decision_type="reprice", reasoning=[f"{agent} wants {sku} at {price}"],
                    action=Action(kind=SET_PRICE, params={"sku": sku, "price_paise": price, "old_price_paise": old}),
                    expected={"horizon_days": 7}, value_paise=value, goal_id=goal_id)


def events_of(shop, decision_id: int) -> list[tuple]:
    return shop.store.db().execute("SELECT type, reason, actor FROM event WHERE decision_id = ? ORDER BY id",
                                   (decision_id,)).fetchall()


def test_low_stock_is_reordered_and_sent_by_whatsapp(kirana):
    report = kirana.engine().run_cycle()
    assert report.executed >= 1 and not report.failed_agents
    orders = [d for d in kirana.decisions("executed") if d[2] in ("restock", "prestock_festival")]
    assert orders, kirana.decisions()
    action = json.loads(orders[0][4])[0]
    po_id = action["params"]["po_id"]
    skus = {line["sku"] for line in action["params"]["lines"]}
    assert {"OIL1", "TEA", "SOAP"} & skus  # the items left with a few days of stock
    for line in action["params"]["lines"]:  # whole cases, at least the minimum
        assert line["qty_milli"] % 6000 == 0 or line["qty_milli"] % 12_000 == 0 or line["qty_milli"] % 5000 == 0
    db = kirana.store.db()
    assert db.execute("SELECT status FROM purchase_order WHERE id = ?", (po_id,)).fetchone()[0] == "sent"
    outbox = db.execute("SELECT channel, payload_json FROM outbox WHERE op = 'purchase_order.send'").fetchall()
    assert outbox and outbox[0][0] == "whatsapp" and "Order PO/" in json.loads(outbox[0][1])["text"]
    types = [e[0] for e in events_of(kirana, orders[0][0])]
    assert types[:1] == ["DecisionRecorded"] and "PurchaseOrderCreated" in types and "PurchaseOrderSent" in types
    assert all(reason for _type, reason, _actor in events_of(kirana, orders[0][0]))
    # the day's stock picture is kept for goal progress
    assert db.execute("SELECT business_date FROM stock_day").fetchone()[0] == TODAY.isoformat()


def test_an_order_over_the_autonomy_limit_waits_for_the_seller(kirana):
    settings.set_setting(kirana.ctx, "agents.inventory.max_po_paise", 100)
    engine = kirana.engine()
    report = engine.run_cycle(["inventory"])
    assert report.escalated >= 1 and not kirana.store.db().execute("SELECT count(*) FROM purchase_order").fetchone()[0]
    pending = decision_store.approvals(kirana.store.db())
    assert pending and "above the" in pending[0].summary
    status = engine.approve(pending[0].id, note="ok, send it")
    assert status == "executed"
    assert kirana.store.db().execute("SELECT count(*) FROM purchase_order WHERE status = 'sent'").fetchone()[0] == 1
    decision = decision_store.decision(kirana.store.db(), pending[0].decision_id)
    assert decision.status == "executed"
    # the next cycle does not order the same items again while that order is on its way
    again = engine.run_cycle(["inventory"])
    assert again.escalated == 0 or not set(json.loads(decision.actions_json)[0]["params"]["lines"][0]["sku"])


def test_a_rejected_approval_is_never_carried_out(kirana):
    settings.set_setting(kirana.ctx, "agents.pricing.max_change_bp", 0)
    settings.set_setting(kirana.ctx, "agents.inventory.max_po_paise", 100)
    engine = kirana.engine()
    engine.run_cycle()
    before = {sku: kirana.price(sku) for sku in ("ATTA5", "OIL1", "SOAP")}
    for approval in decision_store.approvals(kirana.store.db()):
        engine.reject(approval.id, note="not now")
    assert {sku: kirana.price(sku) for sku in before} == before
    assert not kirana.store.db().execute("SELECT count(*) FROM purchase_order").fetchone()[0]
    assert not decision_store.approvals(kirana.store.db())


def test_hard_limits_refuse_prices_above_mrp_or_below_the_floor(kirana):
    rogue = FixedAgent("rogue", [price_proposal("rogue", "ATTA5", 30100, 28500),  # MRP is 300.00
                                 price_proposal("rogue", "OIL1", 15400, 17100)])  # floor is 153 * 1.05
    report = kirana.engine([rogue]).run_cycle()
    assert report.executed == 0
    assert kirana.price("ATTA5") == 28500 and kirana.price("OIL1") == 17100
    rejected = kirana.decisions("rejected")
    assert len(rejected) == 2
    reasons = [e[1] for d in rejected for e in events_of(kirana, d[0]) if e[0] == "DecisionStatusChanged"]
    assert any("MRP" in r for r in reasons) and any("floor" in r for r in reasons)


def test_two_proposals_on_one_price_never_both_run(kirana):
    low = FixedAgent("first", [price_proposal("first", "SOAP", 4200, 4300, value=500)])
    high = FixedAgent("second", [price_proposal("second", "SOAP", 4400, 4300, value=900)])
    kirana.engine([low, high]).run_cycle()
    assert kirana.price("SOAP") == 4400
    rejected = decision_store.decisions(kirana.store.db(), status="rejected")
    assert [d.agent for d in rejected] == ["first"]
    assert rejected[0].alternatives[-1]["agent"] == "second" and "ranks higher" in rejected[0].reasoning[-1]


def test_a_promised_price_is_not_broken_and_stockouts_are_not_promoted(kirana):
    market.plan_promotion(kirana.ctx, sku="SOAP", price_paise=4000, starts_on=TODAY, ends_on=TODAY,
                                 kind="campaign")
    kirana.set_stock("OIL1", 0)
    promo = Proposal(agent="marketing", decision_type="campaign", reasoning=["Oil festival offer"],
                     action=Action(kind=START_PROMOTION, params={"sku": "OIL1", "price_paise": 16500,
                                                                 "old_price_paise": 17100, "kind": "campaign",
                                                                 "starts_on": TODAY.isoformat(),
                                                                 "ends_on": TODAY.isoformat()}),
                     expected={}, value_paise=10_000)
    marketing = FixedAgent("marketing", [promo, price_proposal("marketing", "SOAP", 4100, 4000)])
    from app.agents.inventory import InventoryAgent

    kirana.engine([InventoryAgent(), marketing]).run_cycle()
    assert kirana.price("SOAP") == 4000 and kirana.price("OIL1") == 17100
    reasons = {d.decision_type: d.reasoning[-1] for d in decision_store.decisions(kirana.store.db(), agent="marketing")}
    assert "promised" in reasons["reprice"] and "run out" in reasons["campaign"]


def test_purchase_orders_stay_within_the_weekly_budget(kirana):
    settings.set_setting(kirana.ctx, "agents.inventory.weekly_budget_paise", 200_000)
    orders = [Proposal(agent="buyer", decision_type="restock", reasoning=[f"order {n}"], urgent=n == 2,
                       action=Action(kind=PURCHASE_ORDER, params={
                           "supplier_id": kirana.supplier_id, "total_paise": 150_000, "via": "whatsapp",
                           "lines": [{"sku": sku, "qty_milli": 6000, "cost_paise": 25_000}]}),
                       expected={}, value_paise=1000 * n) for n, sku in ((1, "SOAP"), (2, "TEA"))]
    report = kirana.engine([FixedAgent("buyer", orders)]).run_cycle()
    assert report.executed == 1 and report.rejected == 1
    lines = kirana.store.db().execute("SELECT sku FROM purchase_order_line").fetchall()
    assert lines == [("TEA",)]  # the urgent one was funded first
    assert "Not funded" in decision_store.decisions(kirana.store.db(), status="rejected")[0].reasoning[-1]


def test_a_failing_agent_is_retried_then_isolated_and_escalated(kirana):
    waits = []
    broken = FixedAgent("broken", fail_times=100)
    fine = FixedAgent("fine", [price_proposal("fine", "SOAP", 4400, 4300)])
    engine = kirana.engine([broken, fine], sleep=waits.append, backoff_s=0.5, breaker_threshold=2)
    first = engine.run_cycle()
    assert first.failed_agents == ["broken"] and first.executed == 1  # the other agent carried on
    assert waits == [0.5, 1.0] and broken.calls == 3  # three tries, exponential backoff
    engine.run_cycle()
    alerts = alert_store.open_alerts(kirana.store.db(), kind="agent_failure")
    assert alerts and alerts[0].severity == "critical" and "broken" in alerts[0].message
    breaker = run_store.breaker(kirana.store.db(), "broken")
    assert breaker.state == "open" and breaker.retry_at
    calls = broken.calls
    third = engine.run_cycle()
    assert "broken" in third.skipped_agents and broken.calls == calls  # paused: not even asked
    kirana.clock.advance(engine.breakers["broken"].cooldown * 1.01)
    broken.fail_times = 0
    engine.run_cycle()  # half open: one trial run, it succeeds, the breaker closes
    assert run_store.breaker(kirana.store.db(), "broken").state == "closed"
    runs = [r.status for r in run_store.runs(kirana.store.db(), agent="broken", limit=10)]
    assert runs[0] == "ok" and "skipped" in runs and "failed" in runs


def test_a_retry_that_succeeds_is_recorded_with_its_attempts(kirana):
    flaky = FixedAgent("flaky", [price_proposal("flaky", "SOAP", 4400, 4300)], fail_times=1)
    report = kirana.engine([flaky]).run_cycle()
    assert report.executed == 1 and not report.failed_agents
    assert run_store.runs(kirana.store.db(), agent="flaky")[0].attempts == 2


def test_switched_off_agents_do_nothing(kirana):
    settings.set_setting(kirana.ctx, "agents.enabled", False)
    report = kirana.engine().run_cycle()
    assert report.proposals == 0 and not kirana.decisions()
    assert {r.status for r in run_store.runs(kirana.store.db())} == {"skipped"}


def test_every_executed_action_names_its_decision_and_reason(kirana):
    kirana.engine().run_cycle()
    db = kirana.store.db()
    agent_events = db.execute("SELECT type, reason, decision_id FROM event WHERE actor LIKE 'agent:%'"
                              " AND type IN ('PriceChanged', 'PurchaseOrderCreated', 'PurchaseOrderSent',"
                              " 'PromotionSaved', 'AlertRaised')").fetchall()
    assert agent_events
    for _type, reason, decision_id in agent_events:
        assert reason and decision_id is not None
    origin = Origin(actor="agent:pricing")
    assert origin.actor.startswith("agent:")
