"""Where each of the seller's active goals stands: every metric so far, and where it ends by the goal's last
day at the pace so far, against its target (the Today page's goal card, through ``DecisionEngine.goal_outlook``).

It measures with the planner's own yardstick (:func:`app.agents.planner.measure_progress`, the one the weekly
review records), so the card and ``goal progress`` cannot disagree. Nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from app.agents import planner
from app.store import stock as stock_store

__all__ = ["GoalOutlook", "MetricOutlook", "outlook"]

#: metrics counted as a total over the goal's period (money); the others are a level held (fill, margin, stock)
TOTALS = ("profit", "revenue", "waste")


@dataclass(frozen=True)
class MetricOutlook:
    metric: str  # profit | revenue | waste | fill_rate | inventory_value | margin
    total: bool  # True: money over the period (so_far, expected, target in paise); False: a level held
    so_far: float  # paise so far; or the level now (fill as a share, margin in basis points, stock in paise)
    expected: float  # paise by the last day at the pace so far; for a level, the level now
    target: float  # paise over the whole period; or the level asked for (a ceiling for stock and waste)
    on_track: bool
    measured: bool = True  # False: a level with nothing to measure it by yet (no daily stock picture)


@dataclass(frozen=True)
class GoalOutlook:
    goal_id: int
    description: str
    starts_on: date
    ends_on: date
    elapsed_days: int
    days: int
    metrics: tuple[MetricOutlook, ...]
    on_track: bool


def _metric(item: dict[str, Any], measured: dict[str, Any], elapsed: int, days: int, *,
            pictures: bool) -> MetricOutlook:
    name = item["metric"]
    ok = bool(measured.get("on_track"))
    if name in TOTALS:
        per_day = float(measured["per_day"])
        # a target set in rupees is shown as set, not as its rounded daily pace times the days
        target = float(item["target_paise"]) if "target_paise" in item else float(measured["target_per_day"]) * days
        return MetricOutlook(metric=name, total=True, so_far=per_day * elapsed, expected=per_day * days,
                             target=target, on_track=ok)
    if name == "fill_rate":
        level, target = float(measured["availability"]), float(measured["target"])
    elif name == "inventory_value":
        level, target = float(measured["average_paise"]), float(measured["max_paise"] or 0)
    else:  # margin
        level, target = float(measured["margin_bp"]), float(measured["min_bp"])
    return MetricOutlook(metric=name, total=False, so_far=level, expected=level, target=target, on_track=ok,
                         measured=pictures or name == "margin")


def outlook(db: Any, today: date) -> list[GoalOutlook]:
    """The active goals, most important first, each metric measured up to yesterday."""
    out = []
    for goal in sorted(planner.active_goals(db, today), key=lambda g: (g.priority, g.id)):
        measured, on_track = planner.measure_progress(db, goal, today)
        elapsed = int(measured.get("elapsed_days", 0))
        # the shelf and the stock's value are measured from the daily stock picture the inventory agent records
        pictures = bool(stock_store.stock_days(db, goal.starts_on.isoformat(), (today - timedelta(days=1)).isoformat()))
        metrics = tuple(_metric(item, measured[item["metric"]], elapsed, goal.days, pictures=pictures)
                        for item in goal.metrics if isinstance(measured.get(item["metric"]), dict))
        out.append(GoalOutlook(goal_id=goal.id, description=goal.description, starts_on=goal.starts_on,
                               ends_on=goal.ends_on, elapsed_days=elapsed, days=goal.days, metrics=metrics,
                               on_track=on_track and elapsed > 0))
    return out
