"""Run one policy on one scenario for N days and measure it (``python -m app simulate``).

Before day 0 the shop trades ``warmup_days`` under the ``kirana`` routine, so every policy starts from the
same books with the same sales history; then the chosen policy runs for ``days`` days and is measured:

* **revenue**: sales before tax; **profit**: revenue - cost of the goods sold (at the books' average cost)
  - waste (expired goods at cost) - holding cost (``holding_cost_per_year`` of the average inventory value);
* **fill rate**: units customers asked for that the shelf served (a customer who takes a substitute is
  not served); **fill rate with priced-away demand**: units served over units asked for plus the units
  customers would have bought at the reference price (MRP - 5%) but did not at the shop's price;
* **supplier minimum order values** are enforced: an order under the minimum is sent back (counted);
* **short, unordered**: the longest run of days an item customers ask for closed empty with nothing on
  order (with the usual supplier of that item);
* **stock-out days**: item-days that closed with the item out of stock;
* **average inventory value** at cost, at the close of each day; **waste** at cost.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from app.sim.customers import Clientele
from app.sim.policies import POLICIES
from app.sim.scenario import Scenario, load_scenario
from app.sim.world import MORNING, World
from app.store import decisions as decision_store

__all__ = ["SimResult", "run_simulation"]


@dataclass
class SimResult:
    scenario: str
    policy: str
    seed: int
    days: int
    metrics: dict[str, Any]
    activity: dict[str, Any]
    seconds: float

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def run_simulation(scenario: Scenario | Path | str, *, policy: str, seed: int = 1, days: int | None = None,
                   warmup_days: int | None = None, workdir: Path | None = None, keep: bool = False,
                   marketing: bool | str | None = None, households: bool | None = None) -> SimResult:
    """``marketing`` None: on for ``agents``, off otherwise. ``households`` False leaves the named customers out
    of every policy, so a comparison of stock and price policies runs the same world for each (the default:
    named customers whenever marketing is asked for, and always for ``agents``)."""
    if not isinstance(scenario, Scenario):
        scenario = load_scenario(scenario)
    if policy not in POLICIES:
        raise ValueError(policy)
    if days is not None:
        scenario.days = days
    if warmup_days is not None:
        scenario.warmup_days = warmup_days
    started = time.perf_counter()
    world = World(scenario, seed, workdir=workdir)
    try:
        world.build()
        if households is not False and (marketing is not None or policy == "agents"):  # the agent's marketing
            world.customers = Clientele(world, marketing=policy == "agents" if marketing is None else marketing)
            world.customers.build()
        warmup = POLICIES["kirana"]()
        chosen = POLICIES[policy]()
        first = scenario.start - timedelta(days=scenario.warmup_days)
        for t in range(scenario.warmup_days + scenario.days):
            day = first + timedelta(days=t)
            running = day >= scenario.start
            if day == scenario.start:
                world.clock.set(world.at(day, MORNING))
                chosen.start(world)
                world.counting = True
            world.morning(day, agents_receive=running and getattr(chosen, "receives", False))
            (chosen if running else warmup).morning(world, day)
            world.schedule_sent_orders(day)
            world.evening(day)
        world.check_books()
        result = SimResult(scenario=scenario.name, policy=policy, seed=seed, days=scenario.days,
                           metrics=_metrics(world), activity=_activity(world),
                           seconds=round(time.perf_counter() - started, 1))
        if world.customers is not None:
            result.activity["marketing"] = world.customers.report(result.metrics["profit_paise"])
    finally:
        if not keep:
            world.close()
    return result


def _metrics(world: World) -> dict[str, Any]:
    m, s = world.metrics, world.scenario
    average_value = m.inventory_value_sum / max(m.days, 1)
    holding = int(average_value * s.holding_cost_per_year * m.days / 365)
    profit = m.revenue_paise - m.cogs_paise - m.waste_paise - holding
    return {
        "profit_paise": profit,
        "revenue_paise": m.revenue_paise,
        "gross_margin_paise": m.revenue_paise - m.cogs_paise,
        "fill_rate": round(m.filled / m.requested, 4) if m.requested else 1.0,
        "fill_rate_priced": round(m.filled / (m.requested + m.priced_away), 4) if m.requested + m.priced_away
        else 1.0,
        "stockout_days": m.stockout_days,
        "avg_inventory_value_paise": int(average_value),
        "waste_paise": m.waste_paise,
        "waste_units": round(m.waste_units, 1),
        "holding_cost_paise": holding,
        "units_requested": int(m.requested),
        "units_served": int(m.filled),
        "units_substituted": int(m.substituted),
        "units_priced_away": int(m.priced_away),
        "orders_refused_under_minimum": m.refused_orders,
        "short_unordered_max_days": m.short_unordered_max,
        "short_unordered_supplier": m.short_unordered_supplier,
        "supplier_unordered_max_days": m.supplier_unordered_max,
        "supplier_unordered_over_days": m.supplier_unordered_over,
        "supplier_unordered_supplier": m.supplier_unordered_supplier,
        "supplier_unordered_last_day": m.supplier_unordered_last_day,
        "by_category": _by_category(world),
    }


_ITEM_METRICS = {"waste_paise": "item_waste_paise", "units_unserved": "item_unserved", "units_sold": "item_sold",
                 "margin_at_shelf_price_paise": "item_margin_paise",
                 "lost_margin_at_shelf_price_paise": "item_lost_margin_paise",
                 "avg_inventory_value_paise": "item_stock_value_sum"}


def _by_category(world: World) -> dict[str, dict[str, int]]:
    """The item-by-item metrics summed by category (perishable categories marked), so two policies' results
    say where one gains or loses against the other: waste, sales lost, margin or stock held."""
    m = world.metrics
    out: dict[str, dict[str, int]] = {}
    for i, item in enumerate(world.items):
        row = out.setdefault(item.category, {"items": 0, "perishable_items": 0})
        row["items"] += 1
        row["perishable_items"] += int(bool(item.shelf_life))
        for key, name in _ITEM_METRICS.items():
            values = getattr(m, name)
            value = float(values[i]) if values is not None else 0.0
            if name == "item_stock_value_sum":
                value /= max(m.days, 1)
            row[key] = row.get(key, 0) + round(value)
    return out


def _activity(world: World) -> dict[str, Any]:
    db = world.store.db()
    since = world.scenario.start.isoformat()
    statuses = dict(db.execute("SELECT status, count(*) FROM agent_decision GROUP BY status").fetchall())
    types = dict(db.execute("SELECT decision_type, count(*) FROM agent_decision WHERE status = 'executed'"
                            " GROUP BY decision_type").fetchall())
    price_changes = db.execute("SELECT count(*) FROM price_history WHERE at >= ? AND actor != 'seller'",
                               (since,)).fetchone()[0]
    beliefs = dict(db.execute("SELECT kind, count(*) FROM agent_belief GROUP BY kind").fetchall())
    cycles = world.metrics.cycles
    return {
        "purchase_orders": world.metrics.purchase_orders,
        "price_changes": price_changes,
        "decisions": statuses,
        "executed_by_type": types,
        "approvals": len(decision_store.approvals(db, status=None, limit=1_000_000)),
        "beliefs": beliefs,
        "cycle_seconds_mean": round(sum(c["seconds"] for c in cycles) / len(cycles), 3) if cycles else None,
        "cycle_seconds_max": max((c["seconds"] for c in cycles), default=None),
    }
