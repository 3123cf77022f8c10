"""The perishable newsvendor's inputs, order by order, against what then sold and expired ("Issue 14, seventeenth
session" in docs/agents.md): for every short-life line `fresh_cases.order_quantities` judged, the mean and variance
of the shelf life's demand it assumed, ``ahead`` (position less the lead time's mean demand), the demand over the
first day the delivery is on the shelf, the price and cost, the case and the cases chosen; and per item and day the
shelf in the evening, the units asked for, sold, expired and the shelf price.

    .venv/bin/python bench/agents/trace_newsvendor.py SCENARIO DAYS OUT.json [SEED] [MAX_LIFE]
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main() -> None:
    logging.basicConfig(level=logging.ERROR)
    import app.sim.harness as harness
    from app.agents import fresh_cases
    from app.sim.market import Market
    from app.sim.scenario import load_scenario
    from app.sim.world import World

    scenario, days, out = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    max_life = int(sys.argv[5]) if len(sys.argv) > 5 else 14
    orders: list[dict[str, Any]] = []
    quantities = fresh_cases.order_quantities

    def quantities_kept(snap, position, lv, rows, case, moq, unit_cost, qty, **kw):  # type: ignore[no-untyped-def]
        got = quantities(snap, position, lv, rows, case, moq, unit_cost, qty, **kw)
        for k, i in enumerate(rows):
            i = int(i)
            if not 0 < snap.shelf_life[i] <= max_life or qty[k] <= 0:
                continue
            orders.append({"day": snap.today.isoformat(), "sku": snap.skus[i], "position": int(position[i]) / 1000,
                           "on_hand": int(snap.on_hand[i]) / 1000, "rop": round(float(lv["rop"][i]), 2),
                           "demand_lead": round(float(lv["demand_lead"][i]), 2),
                           "mean": round(float(lv["whole_life_mean"][i]), 2),
                           "var": round(float(lv["whole_life_var"][i]), 2), "daily": round(float(lv["daily"][i]), 2),
                           "price": float(snap.price[i]), "cost": float(unit_cost[k]), "case": int(case[k]) / 1000,
                           "asked": int(qty[k]) / 1000, "kept": int(got[0][k]) / 1000,
                           "life": int(snap.shelf_life[i])})
        return got

    last: dict[str, Any] = {}
    draw = Market.demand_and_priced_away

    def draw_kept(self, day, prices):  # type: ignore[no-untyped-def]
        asked, away = draw(self, day, prices)
        last["asked"], last["price"], last["rate"] = asked, np.asarray(prices), self.rates(day, prices)
        return asked, away

    expire = World._expire
    gone_today: dict[str, Any] = {}

    def expire_kept(self, day):  # type: ignore[no-untyped-def]
        before = np.array([lots.total() for lots in self.lots], dtype=np.int64)
        expire(self, day)
        gone_today["gone"] = before - np.array([lots.total() for lots in self.lots], dtype=np.int64)

    days_rows: list[dict[str, Any]] = []
    evening = World.evening

    def evening_kept(self, day):  # type: ignore[no-untyped-def]
        shelf = np.array([lots.total() for lots in self.lots], dtype=np.int64) // 1000
        evening(self, day)
        days_rows.append({"day": day.isoformat(), "shelf": shelf[short].tolist(),
                          "asked": last["asked"][short].tolist(),
                          "rate": [round(float(x), 3) for x in last["rate"][short]],
                          "price": [float(x) for x in last["price"][short]],
                          "expired": (gone_today.get("gone", np.zeros(len(self.lots), dtype=np.int64))[short]
                                      // 1000).tolist()})

    sc = load_scenario(ROOT / "resources" / "scenarios" / f"{scenario}.json")
    short = np.array([0 < int(it.shelf_life) <= max_life for it in sc.items])
    fresh_cases.order_quantities = quantities_kept  # type: ignore[assignment]
    Market.demand_and_priced_away = draw_kept  # type: ignore[method-assign]
    World._expire = expire_kept  # type: ignore[method-assign]
    World.evening = evening_kept  # type: ignore[method-assign]
    result = harness.run_simulation(sc, policy="agents", seed=seed, days=days, households=False)
    items = [{"sku": it.sku, "life": int(it.shelf_life), "category": it.category, "price": it.mrp_paise,
              "rate": it.base_rate, "cost": it.cost_paise} for it in sc.items if 0 < int(it.shelf_life) <= max_life]
    out.write_text(json.dumps({"scenario": scenario, "seed": seed, "metrics": result.metrics, "items": items,
                               "orders": orders, "days": days_rows}), encoding="utf-8")
    print(scenario, result.metrics["profit_paise"], result.metrics["fill_rate_priced"], round(result.seconds))


if __name__ == "__main__":
    main()
