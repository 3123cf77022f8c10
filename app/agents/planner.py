"""From the seller's goal to an execution plan, and from the plan to what the agents do.

A goal (the seed's ``BusinessGoal``: description, metrics, time frame, priority) becomes a plan with
strategies, agent tasks, milestones and a resource allocation (``process_business_goal``). The plan's
``directives`` are the parameters the agents really use: the inventory agent's service level and days
of cover, the pricing agent's weight on revenue against profit, the weekly purchase budget. Progress is
measured against the milestones (``measure_progress``); a goal that falls behind gets its plan adjusted,
and one that looks out of reach gets a recommendation to the seller (``review_goal``).

Metrics a goal may name (per item of ``metrics``):
``{"metric": "profit" | "revenue", "change_pct": 10}`` or ``{"metric": ..., "target_paise": N}`` (over the
whole time frame); ``{"metric": "fill_rate", "target": 0.97}``; ``{"metric": "waste", "change_pct": -30}``;
``{"metric": "inventory_value", "max_paise": N}``; ``{"metric": "margin", "min_bp": 1500}``.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

from app.domain.clock import IST, to_iso
from app.domain.festivals import festival_calendar
from app.domain.money import format_inr
from app.errors import InputError, NotFound
from app.i18n import _
from app.services import alerts, goals
from app.services.context import Origin, ServiceContext
from app.store import goals as goal_store
from app.store import sales_history as history
from app.store import stock as stock_store

METRICS = ("profit", "revenue", "fill_rate", "waste", "inventory_value", "margin")
BASELINE_DAYS = 28
BUDGET_HEADROOM = 1.6  # the weekly purchase budget over the recent weekly cost of goods sold (restocking, growth)
FESTIVAL_BUDGET = 2.0  # and over that in the three weeks before a festival the plan stocks up for
PLANNER = Origin(actor="agent:engine")


@dataclass(frozen=True, kw_only=True)
class Directives:
    """What the active goals ask of the agents (defaults when the seller has set no goal)."""

    service_level: float = 0.0  # 0: the shop's setting (agents.inventory.service_level_bp); a goal may raise it
    revenue_weight: float = 0.0  # 0: maximise profit; 1: a rupee of revenue counts like a rupee of profit
    cover_days: int = 0  # 0: the shop's setting
    weekly_purchase_budget_paise: int = 0  # 0: no budget from the plan
    max_inventory_value_paise: int = 0  # 0: no ceiling
    goal_id: int | None = None
    goal_priority: int = 5

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, kw_only=True)
class GoalRow:
    id: int
    description: str
    metrics: list[dict[str, Any]]
    starts_on: date
    ends_on: date
    priority: int
    status: str
    plan: dict[str, Any] | None

    @property
    def days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1


def load_goal(db, goal_id: int) -> GoalRow:
    row = goal_store.goal_row(db, goal_id)
    if row is None:
        raise NotFound(_("There is no goal number {id}.").format(id=goal_id))
    return GoalRow(id=row[0], description=row[1], metrics=json.loads(row[2]), starts_on=date.fromisoformat(row[3]),
                   ends_on=date.fromisoformat(row[4]), priority=row[5], status=row[6],
                   plan=json.loads(row[7]) if row[7] else None)


def active_goals(db, today: date) -> list[GoalRow]:
    return [load_goal(db, goal_id) for goal_id in goal_store.active_goal_ids(db, today.isoformat())]


def baseline(db, today: date, days: int = BASELINE_DAYS) -> dict[str, float]:
    """The shop's recent pace per day: revenue, gross profit, waste, availability, purchases at cost."""
    since, until = today - timedelta(days=days), today - timedelta(days=1)
    revenue, cogs, _bills = history.sales_totals(db, since.isoformat(), until.isoformat())
    start_at = to_iso(_midnight(since))
    waste = stock_store.wastage_cost(db, start_at, to_iso(_midnight(today)))
    stock = stock_store.stock_days(db, since.isoformat(), until.isoformat())
    availability = sum(r[3] for r in stock) / len(stock) if stock else 0.0
    value = sum(r[4] for r in stock) / len(stock) if stock else 0.0
    return {"days": days, "revenue_per_day": revenue / days, "profit_per_day": (revenue - cogs - waste) / days,
            "cogs_per_day": cogs / days, "waste_per_day": waste / days, "availability": availability,
            "inventory_value": value}


def _midnight(day: date):
    from datetime import datetime

    return datetime.combine(day, datetime.min.time(), tzinfo=IST)


def _check_metrics(metrics: list[dict[str, Any]]) -> None:
    if not metrics:
        raise InputError(_("A goal needs at least one metric to measure it by."))
    for item in metrics:
        if item.get("metric") not in METRICS:
            raise InputError(_("'{metric}' is not a goal metric; use one of: {metrics}.").format(
                metric=item.get("metric"), metrics=", ".join(METRICS)))


def per_day_target(item: dict[str, Any], base: dict[str, float], days: int) -> float | None:
    """The metric's target pace per day (for money metrics), or its level (fill rate, margin)."""
    metric = item["metric"]
    if metric in ("profit", "revenue", "waste"):
        if "target_paise" in item:
            return float(item["target_paise"]) / days
        pace = base[f"{metric}_per_day"]
        return pace * (1 + float(item.get("change_pct", 0)) / 100)
    if metric == "fill_rate":
        return float(item.get("target", 0.97))
    if metric == "inventory_value":
        return float(item.get("max_paise", 0))
    if metric == "margin":
        return float(item.get("min_bp", 0))
    return None


def make_plan(goal: GoalRow, base: dict[str, float], *, revision: int = 1,
              adjustments: list[str] | None = None, previous: dict[str, Any] | None = None) -> dict[str, Any]:
    """The execution plan for a goal (pure: from the goal and the shop's recent pace)."""
    _check_metrics(goal.metrics)
    strategies: list[dict[str, str]] = []
    tasks: list[dict[str, Any]] = []
    prev = (previous or {}).get("directives", {})
    service_level = float(prev.get("service_level", 0.95))
    revenue_weight = float(prev.get("revenue_weight", 0.0))
    cover_days = int(prev.get("cover_days", 0))
    max_value = 0
    growth = 0.0

    def strategy(name: str, why: str, metric: str) -> None:
        if all(s["name"] != name for s in strategies):
            strategies.append({"name": name, "why": why, "metric": metric})

    for item in goal.metrics:
        metric = item["metric"]
        if metric == "profit":
            growth = max(growth, float(item.get("change_pct", 0)) / 100)
            strategy("optimise_margins", _("Set each price where margin times expected sales is highest, between "
                                           "the margin floor and the MRP, watching competitors."), metric)
            strategy("avoid_stockouts", _("Every empty shelf is margin lost: reorder before the shelf runs out."),
                     metric)
            strategy("reduce_waste", _("Sell near-expiry stock in time with a clearance price."), metric)
        elif metric == "revenue":
            growth = max(growth, float(item.get("change_pct", 0)) / 100)
            revenue_weight = max(revenue_weight, 0.5)
            strategy("grow_volume", _("Weigh sales volume as well as margin when setting prices."), metric)
            strategy("avoid_stockouts", _("Every empty shelf is margin lost: reorder before the shelf runs out."),
                     metric)
        elif metric == "fill_rate":
            service_level = max(service_level, min(0.995, float(item.get("target", 0.97))))
            strategy("raise_service_level", _("Keep enough safety stock to serve {pct}% of demand.").format(
                pct=f"{float(item.get('target', 0.97)) * 100:g}"), metric)
            strategy("prestock_festivals", _("Stock up before festivals, by the lift each festival brings."), metric)
        elif metric == "waste":
            strategy("reduce_waste", _("Sell near-expiry stock in time with a clearance price."), metric)
            strategy("cap_perishable_cover", _("Never order more of a perishable item than sells before it expires."),
                     metric)
        elif metric == "inventory_value":
            max_value = int(item.get("max_paise", 0))
            cover_days = cover_days or 5
            strategy("lean_inventory", _("Order smaller and more often; keep stock value under {amount}.").format(
                amount=format_inr(max_value)), metric)
        elif metric == "margin":
            revenue_weight = 0.0
            strategy("protect_margin", _("Never trade margin for volume."), metric)

    festivals = festival_calendar(goal.starts_on, goal.ends_on)
    tasks.append({"agent": "inventory", "task": "replenish",
                  "params": {"service_level": round(service_level, 4), "cover_days": cover_days}})
    if festivals:
        tasks.append({"agent": "inventory", "task": "prestock_festivals",
                      "params": {"festivals": {d.isoformat(): k for d, k in sorted(festivals.items())}}})
    tasks.append({"agent": "pricing", "task": "optimise_prices", "params": {"revenue_weight": revenue_weight}})
    tasks.append({"agent": "pricing", "task": "clear_expiring_and_overstock", "params": {}})

    weekly_cogs = base["cogs_per_day"] * 7
    budget = int(weekly_cogs * (1 + growth) * BUDGET_HEADROOM) if weekly_cogs > 0 else 0
    milestones = _milestones(goal, base)
    directives = Directives(service_level=round(service_level, 4), revenue_weight=revenue_weight,
                            cover_days=cover_days, weekly_purchase_budget_paise=budget,
                            max_inventory_value_paise=max_value, goal_id=goal.id, goal_priority=goal.priority)
    return {
        "revision": revision,
        "goal": {"id": goal.id, "description": goal.description, "metrics": goal.metrics,
                 "starts_on": goal.starts_on.isoformat(), "ends_on": goal.ends_on.isoformat(),
                 "priority": goal.priority},
        "baseline": {k: round(v, 2) for k, v in base.items()},
        "strategies": strategies,
        "agent_tasks": tasks,
        "milestones": milestones,
        "resources": {"weekly_purchase_budget_paise": budget, "max_inventory_value_paise": max_value},
        "directives": directives.to_json(),
        "adjustments": adjustments or [],
    }


def _milestones(goal: GoalRow, base: dict[str, float]) -> list[dict[str, Any]]:
    count = 4 if goal.days >= 28 else max(1, goal.days // 7)
    out = []
    for k in range(1, count + 1):
        on = goal.starts_on + timedelta(days=round(goal.days * k / count) - 1)
        for item in goal.metrics:
            target = per_day_target(item, base, goal.days)
            if target is None:
                continue
            elapsed = (on - goal.starts_on).days + 1
            if item["metric"] in ("profit", "revenue", "waste"):
                out.append({"on": on.isoformat(), "metric": item["metric"],
                            "cumulative_paise": round(target * elapsed)})
            else:
                out.append({"on": on.isoformat(), "metric": item["metric"], "level": target})
    return out


def process_business_goal(ctx: ServiceContext, goal_id: int) -> dict[str, Any]:
    """Turn a stored goal into its execution plan, store it in the goal and return it."""
    db = ctx.store.db()
    goal = load_goal(db, goal_id)
    plan = make_plan(goal, baseline(db, min(ctx.today(), goal.starts_on)))
    reason = _("Plan for goal {id}: {strategies}.").format(
        id=goal_id, strategies=", ".join(s["name"] for s in plan["strategies"]))
    goals.save_plan(ctx, goal_id, plan, origin=Origin(actor=PLANNER.actor, reason=reason))
    return plan


def directives_for(db, today: date) -> Directives:
    """Merge the plans of the active goals, most important first: the highest service level, the lowest
    cover, and the budget and revenue weight of the most important goal that sets them."""
    goals = [g for g in active_goals(db, today) if g.plan]
    if not goals:
        return Directives()
    plans = [Directives(**g.plan["directives"]) for g in goals]
    top = plans[0]
    from app.agents.festival_priors import windows

    festive = bool(windows(today, today + timedelta(days=21)))
    covers = [p.cover_days for p in plans if p.cover_days]
    budgets = [p.weekly_purchase_budget_paise for p in plans if p.weekly_purchase_budget_paise]
    ceilings = [p.max_inventory_value_paise for p in plans if p.max_inventory_value_paise]
    return Directives(service_level=max(p.service_level for p in plans), revenue_weight=top.revenue_weight,
                      cover_days=min(covers) if covers else 0,
                      weekly_purchase_budget_paise=int(budgets[0] * (FESTIVAL_BUDGET if festive else 1))
                      if budgets else 0,
                      max_inventory_value_paise=min(ceilings) if ceilings else 0, goal_id=top.goal_id,
                      goal_priority=top.goal_priority)


def measure_progress(db, goal: GoalRow, today: date) -> tuple[dict[str, Any], bool]:
    """Each metric's pace since the goal started against its target; on track when every metric is."""
    last = min(today - timedelta(days=1), goal.ends_on)
    elapsed = (last - goal.starts_on).days + 1
    base = (goal.plan or {}).get("baseline") or baseline(db, goal.starts_on)
    if elapsed <= 0:
        return {"elapsed_days": 0}, True
    now = baseline(db, last + timedelta(days=1), elapsed)
    out: dict[str, Any] = {"elapsed_days": elapsed, "days": goal.days}
    on_track = True
    for item in goal.metrics:
        metric = item["metric"]
        target = per_day_target(item, base, goal.days)
        if target is None:
            continue
        if metric in ("profit", "revenue", "waste"):
            actual = now[f"{metric}_per_day"]
            good = actual <= target * 1.05 if metric == "waste" else actual >= target * 0.95
            out[metric] = {"per_day": round(actual), "target_per_day": round(target),
                           "so_far_paise": round(actual * elapsed),
                           "ratio": round(actual / target, 3) if target else None}
        elif metric == "fill_rate":
            actual = now["availability"]
            good = actual >= target - 0.01
            out[metric] = {"availability": round(actual, 4), "target": target}
        elif metric == "inventory_value":
            actual = now["inventory_value"]
            good = not target or actual <= target
            out[metric] = {"average_paise": round(actual), "max_paise": target}
        else:  # margin
            revenue = now["revenue_per_day"]
            actual = (now["profit_per_day"] / revenue * 10_000) if revenue else 0.0
            good = actual >= target
            out[metric] = {"margin_bp": round(actual), "min_bp": target}
        out[metric]["on_track"] = bool(good)
        on_track = on_track and good
    return out, on_track


def review_goal(ctx: ServiceContext, goal_id: int) -> dict[str, Any]:
    """Measure, store the progress, adjust the plan when behind twice running, and recommend a change of
    goal to the seller when the target looks out of reach."""
    db = ctx.store.db()
    goal = load_goal(db, goal_id)
    today = ctx.today()
    metrics, on_track = measure_progress(db, goal, today)
    goals.record_progress(ctx, goal_id, measured_on=today, metrics=metrics, on_track=on_track,
                                 origin=Origin(actor=PLANNER.actor, reason=_("Weekly goal review.")))
    history_rows = goal_store.goal_progress(db, goal_id, limit=2)
    behind_twice = len(history_rows) == 2 and not any(r[2] for r in history_rows)
    result: dict[str, Any] = {"metrics": metrics, "on_track": on_track, "adjusted": [], "recommendation": None}
    if behind_twice and goal.plan:
        adjustments = _adjustments(metrics, goal.plan["directives"])
        if adjustments:
            plan = make_plan(goal, goal.plan["baseline"], revision=int(goal.plan.get("revision", 1)) + 1,
                             adjustments=[a[0] for a in adjustments], previous=goal.plan)
            for _text, key, value in adjustments:
                plan["directives"][key] = value
            goals.save_plan(ctx, goal_id, plan, origin=Origin(
                actor=PLANNER.actor, reason="; ".join(a[0] for a in adjustments)))
            result["adjusted"] = [a[0] for a in adjustments]
    elapsed = metrics.get("elapsed_days", 0)
    if elapsed >= goal.days / 2:
        far = [m for m in ("profit", "revenue") if isinstance(metrics.get(m), dict)
               and metrics[m].get("ratio") is not None and metrics[m]["ratio"] < 0.7]  # 0.0: no sales at all
        if far:
            metric = far[0]
            reachable = metrics[metric]["per_day"] * goal.days
            text = _("Goal {id} looks out of reach: {metric} runs at {pct}% of the pace it needs. Consider a target "
                     "of about {amount} for the whole period, or a later end date.").format(
                id=goal_id, metric=metric, pct=round(metrics[metric]["ratio"] * 100),
                amount=format_inr(int(reachable)))
            alerts.raise_alert(ctx, kind="goal_review", subject=str(goal_id), severity="warning", message=text,
                                   data={"metric": metric, "ratio": metrics[metric]["ratio"]},
                                   origin=Origin(actor=PLANNER.actor, reason=text, goal_id=goal_id))
            result["recommendation"] = text
    return result


def _adjustments(metrics: dict[str, Any], directives: dict[str, Any]) -> list[tuple[str, str, Any]]:
    out: list[tuple[str, str, Any]] = []
    fill = metrics.get("fill_rate")
    if isinstance(fill, dict) and not fill["on_track"] and directives.get("service_level", 0.95) < 0.995:
        level = round(min(0.995, directives.get("service_level", 0.95) + 0.01), 4)
        out.append((_("Behind on fill rate: service level raised to {pct}%.").format(pct=f"{level * 100:g}"),
                    "service_level", level))
    revenue = metrics.get("revenue")
    if isinstance(revenue, dict) and not revenue["on_track"] and directives.get("revenue_weight", 0) < 1:
        weight = round(min(1.0, directives.get("revenue_weight", 0) + 0.2), 2)
        out.append((_("Behind on revenue: prices now weigh volume more ({weight}).").format(weight=weight),
                    "revenue_weight", weight))
    return out
