"""A few items' forecasts against the demand they really faced, fortnight by fortnight, in one simulated `agents` run
(no households): the inventory agent's daily forecast (the mean of the day's cycles), the item's own customers'
demand, the substitutes its group mates' unserved customers would take from it that evening (``floor(unmet x
substitution)`` per mate, as ``app.sim.world`` draws them; taken only from stock left over), and the days it was on
the shelf. The trace behind "is the stocked dairy over-forecast" ("Issue 14, twenty-first session: items never
stocked" in docs/agents.md): an item whose group mates are never stocked sells their customers too, so its
sales run above its own pace and a forecast of them is not an over-forecast.

    .venv/bin/python bench/agents/trace_substitutes.py SCENARIO DAYS SKU[,SKU...] [SEED]
"""

from __future__ import annotations

import logging
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

FORTNIGHT = 14


def main() -> None:
    logging.basicConfig(level=logging.ERROR)
    import app.sim.harness as harness
    import app.sim.world as world
    from app.agents.inventory import InventoryAgent

    scenario, days, skus = sys.argv[1], int(sys.argv[2]), sys.argv[3].split(",")
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    rows: dict[tuple[str, str], dict[str, Any]] = defaultdict(dict)
    orders, evening = InventoryAgent._orders, world.World.evening

    def orders_kept(self, snap, board, view, chosen):  # type: ignore[no-untyped-def]
        for sku in skus:
            rows[(snap.today.isoformat(), sku)].setdefault("daily", []).append(float(view.daily[snap.skus.index(sku)]))
        return orders(self, snap, board, view, chosen)

    def evening_kept(self, day):  # type: ignore[no-untyped-def]
        price, _cost = self.product_columns()
        demand, _away = self.market.demand_and_priced_away(day, price)  # the same draw as the evening's own
        shelf = np.array([lots.total() for lots in self.lots], dtype=np.int64) // 1000
        group = self.market.group
        for sku in skus:
            i = self.index[sku]
            mates = [j for j in np.nonzero(group == group[i])[0] if j != i] if group[i] >= 0 else []
            offered = sum(int(np.floor(max(demand[j] - shelf[j], 0) * self.market.substitution[j])) for j in mates)
            rows[(day.isoformat(), sku)].update(own=int(demand[i]), offered=offered, shelf=int(shelf[i]))
        return evening(self, day)

    InventoryAgent._orders = orders_kept  # type: ignore[method-assign]
    world.World.evening = evening_kept  # type: ignore[method-assign]
    path = ROOT / "resources" / "scenarios" / f"{scenario}.json"
    result = harness.run_simulation(path, policy="agents", seed=seed, days=days, households=False)
    del result
    by_item: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for (day, sku), row in sorted(rows.items()):
        if "own" in row and (by_item[sku] or "daily" in row):  # from the run's first day: the warm-up has no agents
            by_item[sku].append((day, row))
    for sku in skus:
        print(f"{sku}: fortnight, forecast a day, own demand a day, + substitutes offered a day, days on the shelf")
        days_kept = by_item[sku]
        for k in range(0, len(days_kept), FORTNIGHT):
            chunk = [row for _day, row in days_kept[k:k + FORTNIGHT]]
            forecasts = [f for row in chunk for f in row.get("daily", [])]
            print(f"  {days_kept[k][0]}  {np.mean(forecasts) if forecasts else float('nan'):6.2f}"
                  f"  {np.mean([r['own'] for r in chunk]):6.2f}  +{np.mean([r['offered'] for r in chunk]):5.2f}"
                  f"  {sum(r['shelf'] > 0 for r in chunk)}/{len(chunk)}")


if __name__ == "__main__":
    main()
