"""From the seller's goal to an execution plan the agents follow, and the weekly review that measures it,
adjusts the plan when it falls behind and tells the seller when the target looks out of reach."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from app.agents import planner
from app.domain.money import format_inr
from app.errors import InputError, NotFound
from app.services import goals
from app.store import alerts as alert_store
from app.store import decisions as decision_store
from app.store import goals as goal_store

from .conftest import START, TODAY, at


def add_goal(shop, metrics, *, starts_on=TODAY, days=28, priority=2, description="Grow the shop"):
    return int(goals.create_goal(shop.ctx, description=description, metrics=metrics, starts_on=starts_on,
                                 ends_on=starts_on + timedelta(days=days - 1), priority=priority).id)


def profit_per_day(shop, first, last) -> float:
    """Revenue before tax less the cost of the goods sold over the dates, a day (no waste in this shop)."""
    revenue, cost = shop.store.db().execute(
        "SELECT sum(l.taxable_paise), sum(l.cost_paise * l.qty_milli / 1000) FROM orders o"
        " JOIN order_line l ON l.order_id = o.id WHERE o.business_date BETWEEN ? AND ?",
        (first.isoformat(), last.isoformat())).fetchone()
    return (revenue - cost) / ((last - first).days + 1)


def test_a_goal_becomes_a_stored_plan_the_agents_follow(kirana):
    goal_id = add_goal(kirana, [{"metric": "profit", "change_pct": 10}, {"metric": "fill_rate", "target": 0.98}],
                       priority=1)
    engine = kirana.engine()
    plan = engine.process_business_goal(goal_id)
    stored = planner.load_goal(kirana.store.db(), goal_id)
    assert stored.plan == json.loads(json.dumps(plan))  # kept in the goal, exactly as returned
    assert plan["revision"] == 1 and plan["goal"]["id"] == goal_id and plan["adjustments"] == []
    names = [s["name"] for s in plan["strategies"]]
    assert names == ["optimise_margins", "avoid_stockouts", "reduce_waste", "raise_service_level",
                     "prestock_festivals"]
    assert all(s["why"] for s in plan["strategies"])
    tasks = {(t["agent"], t["task"]): t["params"] for t in plan["agent_tasks"]}
    assert tasks[("inventory", "replenish")] == {"service_level": 0.98, "cover_days": 0}
    assert tasks[("pricing", "optimise_prices")] == {"revenue_weight": 0.0}
    assert ("pricing", "clear_expiring_and_overstock") in tasks
    # four weekly milestones for each metric; profit grows 10% on the last four weeks' pace
    base = profit_per_day(kirana, START, TODAY - timedelta(days=1))
    assert plan["baseline"]["profit_per_day"] == pytest.approx(base, abs=0.01)
    profit = [m for m in plan["milestones"] if m["metric"] == "profit"]
    assert [m["on"] for m in profit] == ["2026-07-05", "2026-07-12", "2026-07-19", "2026-07-26"]
    assert profit[-1]["cumulative_paise"] == pytest.approx(base * 1.1 * 28, abs=2)
    assert [m["level"] for m in plan["milestones"] if m["metric"] == "fill_rate"] == [0.98] * 4
    # the purchase budget: the last four weeks' cost of goods a week, grown 10%, with 60% headroom
    budget = plan["resources"]["weekly_purchase_budget_paise"]
    assert budget == int(plan["baseline"]["cogs_per_day"] * 7 * 1.1 * 1.6) > 0
    assert plan["directives"] == {"service_level": 0.98, "revenue_weight": 0.0, "cover_days": 0,
                                  "weekly_purchase_budget_paise": budget, "max_inventory_value_paise": 0,
                                  "goal_id": goal_id, "goal_priority": 1}
    event = kirana.store.db().execute("SELECT reason, data_json FROM event WHERE type = 'PlanCreated' AND goal_id = ?",
                                      (goal_id,)).fetchone()
    assert event[0] == f"Plan for goal {goal_id}: {', '.join(names)}."
    # the agents work for it from the next cycle: its directives, and its number on their decisions
    assert planner.directives_for(kirana.store.db(), TODAY).service_level == 0.98
    engine.run_cycle()
    decided = decision_store.decisions(kirana.store.db())
    assert decided and {d.goal_id for d in decided} == {goal_id}
    restock = next(d for d in decided if d.decision_type == "restock")
    assert restock.context["service_level"] == 0.98


def test_the_review_measures_each_metric_against_its_target(kirana):
    # a goal that began with the shop's history: 28 days of it measured, out of 42
    goal_id = add_goal(kirana, [{"metric": "profit", "target_paise": 10_000_000},
                                {"metric": "revenue", "target_paise": 1_000_000}], starts_on=START, days=42)
    engine = kirana.engine()
    engine.process_business_goal(goal_id)
    [(measured_goal, result)] = engine.review_goals().items()
    assert measured_goal == goal_id
    metrics = result["metrics"]
    assert metrics["elapsed_days"] == 28 and metrics["days"] == 42
    actual = profit_per_day(kirana, START, TODAY - timedelta(days=1))
    profit = metrics["profit"]
    assert profit["per_day"] == round(actual) and profit["target_per_day"] == round(10_000_000 / 42)
    assert profit["ratio"] == pytest.approx(actual / (10_000_000 / 42), abs=1e-3) and profit["ratio"] < 0.7
    assert profit["on_track"] is False
    assert metrics["revenue"]["on_track"] is True  # a low revenue target, long passed
    assert result["on_track"] is False
    # stored as the goal's progress, with an event
    [(measured_on, stored, on_track)] = goal_store.goal_progress(kirana.store.db(), goal_id)
    assert measured_on == TODAY.isoformat() and stored == json.loads(json.dumps(metrics)) and not on_track
    assert kirana.store.db().execute("SELECT count(*) FROM event WHERE type = 'GoalProgressMeasured' AND goal_id = ?",
                                     (goal_id,)).fetchone()[0] == 1
    # more than half the time gone at a tenth of the pace: the seller is told what is within reach
    reachable = format_inr(int(profit["per_day"] * 42))
    assert result["recommendation"] == (
        f"Goal {goal_id} looks out of reach: profit runs at {round(profit['ratio'] * 100)}% of the pace it needs. "
        f"Consider a target of about {reachable} for the whole period, or a later end date.")
    [alert] = alert_store.open_alerts(kirana.store.db(), kind="goal_review")
    assert alert.subject == str(goal_id) and alert.severity == "warning" and alert.message == result["recommendation"]


def test_a_goal_behind_twice_running_gets_its_plan_adjusted(kirana):
    goal_id = add_goal(kirana, [{"metric": "fill_rate", "target": 0.98}], priority=1,
                       description="Never send a customer away")
    engine = kirana.engine()
    engine.process_business_goal(goal_id)
    for sku in ("OIL1", "TEA", "SOAP"):  # three shelves empty, and the orders never come
        kirana.set_stock(sku, 0)
    reviews = []
    for k in range(15):
        day = TODAY + timedelta(days=k)
        kirana.clock.set(at(day))
        if k in (7, 14):  # the Monday reviews
            reviews.append(engine.review_goals()[goal_id])
        engine.run_cycle(["inventory"])
    first, second = reviews
    # measured against the days' stock pictures the cycles recorded
    rows = kirana.store.db().execute("SELECT availability FROM stock_day WHERE business_date BETWEEN ? AND ?",
                                     (TODAY.isoformat(), (TODAY + timedelta(days=6)).isoformat())).fetchall()
    assert len(rows) == 7
    assert first["metrics"]["fill_rate"]["availability"] == pytest.approx(sum(r[0] for r in rows) / 7, abs=1e-4)
    assert first["metrics"]["fill_rate"]["availability"] < 0.97
    assert not first["on_track"] and first["adjusted"] == []  # behind once: wait and see
    assert not second["on_track"]
    assert second["adjusted"] == ["Behind on fill rate: service level raised to 99%."]
    plan = planner.load_goal(kirana.store.db(), goal_id).plan
    assert plan["revision"] == 2 and plan["adjustments"] == second["adjusted"]
    assert plan["directives"]["service_level"] == 0.99
    assert planner.directives_for(kirana.store.db(), kirana.ctx.today()).service_level == 0.99
    reason = kirana.store.db().execute("SELECT reason FROM event WHERE type = 'PlanCreated' AND goal_id = ?"
                                       " ORDER BY id DESC", (goal_id,)).fetchone()[0]
    assert reason == "Behind on fill rate: service level raised to 99%."


def test_a_goal_behind_on_revenue_weighs_volume_more():
    goal = planner.GoalRow(id=7, description="More sales", metrics=[{"metric": "revenue", "change_pct": 20}],
                           starts_on=TODAY, ends_on=TODAY + timedelta(days=27), priority=2, status="active",
                           plan=None)
    plan = planner.make_plan(goal, {"revenue_per_day": 100_000.0, "profit_per_day": 10_000.0,
                                    "cogs_per_day": 90_000.0, "waste_per_day": 0.0, "availability": 1.0,
                                    "inventory_value": 0.0})
    assert plan["directives"]["revenue_weight"] == 0.5
    behind = {"revenue": {"on_track": False}}
    assert planner._adjustments(behind, plan["directives"]) == [
        ("Behind on revenue: prices now weigh volume more (0.7).", "revenue_weight", 0.7)]
    assert planner._adjustments({"revenue": {"on_track": True}}, plan["directives"]) == []


def test_a_goal_with_nothing_earned_past_half_time_gets_a_recommendation(kirana):
    goal_id = add_goal(kirana, [{"metric": "profit", "change_pct": 10}], days=14)
    engine = kirana.engine()
    engine.process_business_goal(goal_id)
    kirana.clock.set(at(TODAY + timedelta(days=7)))  # a week on, and not one sale
    result = engine.review_goals()[goal_id]
    assert result["metrics"]["profit"]["ratio"] == 0.0 and not result["on_track"]
    assert result["recommendation"] is not None and "looks out of reach" in result["recommendation"]


@pytest.mark.parametrize(("metrics", "message"), [
    ([], "A goal needs at least one metric to measure it by."),
    ([{"metric": "happiness", "change_pct": 10}],
     "'happiness' is not a goal metric; use one of: profit, revenue, fill_rate, waste, inventory_value, margin."),
])
def test_a_goal_without_a_usable_metric_is_refused_with_a_plain_message(kirana, metrics, message):
    goal_id = add_goal(kirana, metrics)
    with pytest.raises(InputError) as info:
        kirana.engine().process_business_goal(goal_id)
    assert info.value.message == message
    assert planner.load_goal(kirana.store.db(), goal_id).plan is None  # no half plan stored
    assert not kirana.store.db().execute("SELECT count(*) FROM event WHERE type = 'PlanCreated'").fetchone()[0]


def test_planning_a_goal_that_does_not_exist_says_so(kirana):
    with pytest.raises(NotFound) as info:
        kirana.engine().process_business_goal(404)
    assert info.value.message == "There is no goal number 404."
