"""How much margin a scenario leaves on prices under the simulator's own demand (an oracle bound, not a policy).

For every item and every day of the run, the expected margin a day (shelf price less cost, tax inside, as
``margin_at_shelf_price`` in the runs) at the MRP against the best single price a day on a grid from the MRP down to
15% under it (never under the cost plus the scenario's margin floor), with the simulator's true elasticity,
competitor sensitivity and competitor prices (``app.sim.market.Market.rates``), every unit asked for served. So it
bounds what any pricing could add with full knowledge and a full shelf; split by category, and the share of it on
items whose competitor price the shop can see (the only ones the pricing agent may cut towards a competitor).

    .venv/bin/python bench/agents/price_headroom.py SCENARIO [SEED]
"""

from __future__ import annotations

import sys
from collections import defaultdict
from datetime import timedelta
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

STEPS = np.round(np.arange(0.0, 0.1501, 0.01), 4)


def main() -> None:
    from app.sim.market import Market
    from app.sim.scenario import load_scenario

    name = sys.argv[1]
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    scenario = load_scenario(ROOT / "resources" / "scenarios" / f"{name}.json")
    market = Market(scenario, seed)
    items = scenario.items
    cost = np.array([it.cost_paise for it in items], dtype=np.float64)
    observed = np.array([it.observed for it in items])
    floor_bp = float(scenario.settings.get("pricing.margin_floor_bp", 0))
    floor = cost * (1 + floor_bp / 10_000)
    grid = market.mrp[None, :] * (1 - STEPS[:, None])  # (steps, items)
    at_mrp = np.zeros(len(items))
    best = np.zeros(len(items))
    units_mrp = np.zeros(len(items))
    units_best = np.zeros(len(items))
    for t in range(scenario.days):
        day = scenario.start + timedelta(days=t)
        margins = []
        units = []
        for row in grid:
            q = market.rates(day, row)
            margins.append(np.where(row >= floor, (row - cost) * q, -np.inf))
            units.append(q)
        m = np.array(margins)
        u = np.array(units)
        pick = np.argmax(m, axis=0)
        cols = np.arange(len(items))
        at_mrp += m[0]
        units_mrp += u[0]
        best += m[pick, cols]
        units_best += u[pick, cols]
    by_cat: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0, 0.0])
    for i, it in enumerate(items):
        row = by_cat[it.category]
        row[0] += at_mrp[i] / 100
        row[1] += (best[i] - at_mrp[i]) / 100
        row[2] += (best[i] - at_mrp[i]) / 100 if observed[i] else 0.0
        row[3] += units_mrp[i]
        row[4] += units_best[i]
    print(f"{name} seed {seed}: expected margin at the MRP, all demand served, and what the best daily price adds")
    print("| category | margin at MRP | best price adds | of it on items with a seen competitor | units at MRP "
          "| units at best |")
    print("|---|---|---|---|---|---|")
    total = [0.0] * 5
    for cat, row in by_cat.items():
        total = [a + b for a, b in zip(total, row, strict=True)]
        print(f"| {cat} | ₹{row[0]:,.0f} | ₹{row[1]:,.0f} | ₹{row[2]:,.0f} | {row[3]:,.0f} | {row[4]:,.0f} |")
    print(f"| all | ₹{total[0]:,.0f} | ₹{total[1]:,.0f} | ₹{total[2]:,.0f} | {total[3]:,.0f} | {total[4]:,.0f} |")


if __name__ == "__main__":
    main()
