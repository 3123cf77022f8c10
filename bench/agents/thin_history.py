"""Short-life items read from a thin history when the agents take over a shop: on the run's first day, each item
that keeps at most 14 days, its known days in the history (days not closed out of stock), how many of them sold out,
what those days sold a day, the inventory agent's daily forecast, and the demand its own customers really brought
over the run's first ``DAYS`` days (28 by default). The trace behind
"Issue 14, twenty-second session: the first weeks on a new shop" in docs/agents.md.

    .venv/bin/python bench/agents/thin_history.py SCENARIO [DAYS] [SEED]

One row per item with fewer than ``THIN`` known days (28; the environment's ``THIN_DAYS`` sets it), then the totals by
known-day bucket for all short-life items.
"""

from __future__ import annotations

import logging
import os
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

THIN = int(os.environ.get("THIN_DAYS", "28"))  # rows printed: items known on fewer days
BUCKETS = ((0, 7), (7, 14), (14, 28), (28, 56), (56, 10_000))


def main() -> None:
    logging.basicConfig(level=logging.ERROR)
    import app.sim.harness as harness
    import app.sim.world as world
    from app.agents.inventory import InventoryAgent

    scenario = sys.argv[1]
    days = int(sys.argv[2]) if len(sys.argv) > 2 else 28
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    first: dict[str, dict[str, Any]] = {}
    own: dict[str, list[int]] = defaultdict(list)
    started = [False]
    orders, evening = InventoryAgent._orders, world.World.evening

    def orders_kept(self, snap, board, view, chosen):  # type: ignore[no-untyped-def]
        out = orders(self, snap, board, view, chosen)
        if not first:
            started[0] = True
            for i, sku in enumerate(snap.skus):
                life = int(snap.shelf_life[i])
                if not 0 < life <= 14:
                    continue
                known = ~np.isnan(snap.sales[i])
                sold_out = snap.sold_out[i] & known if snap.sold_out is not None else np.zeros_like(known)
                first[sku] = {"life": life, "known": int(known.sum()), "sold_out": int(sold_out.sum()),
                              "sold": float(np.nansum(snap.sales[i])) / max(int(known.sum()), 1),
                              "forecast": float(view.daily[i])}
        return out

    def evening_kept(self, day):  # type: ignore[no-untyped-def]
        if started[0]:
            price, _cost = self.product_columns()
            demand, _away = self.market.demand_and_priced_away(day, price)
            for sku in first:
                own[sku].append(int(demand[self.index[sku]]))
        return evening(self, day)

    InventoryAgent._orders = orders_kept  # type: ignore[method-assign]
    world.World.evening = evening_kept  # type: ignore[method-assign]
    path = ROOT / "resources" / "scenarios" / f"{scenario}.json"
    harness.run_simulation(path, policy="agents", seed=seed, days=days, households=False)
    print(f"{scenario}, seed {seed}, first {days} days: short-life items with under {THIN} known days")
    print("| sku | life | known days | sold out | sold a known day | forecast day 1 | asked a day |")
    print("|---|---|---|---|---|---|---|")
    for sku, row in sorted(first.items(), key=lambda kv: kv[1]["known"]):
        if row["known"] >= THIN:
            continue
        asked = float(np.mean(own[sku])) if own[sku] else float("nan")
        print(f"| {sku} | {row['life']} | {row['known']} | {row['sold_out']} | {row['sold']:.2f} |"
              f" {row['forecast']:.2f} | {asked:.2f} |")
    print("\n| known days | items | forecast day 1 (sum) | sold a known day (sum) | asked a day (sum) |")
    print("|---|---|---|---|---|")
    for a, b in BUCKETS:
        rows = [(sku, r) for sku, r in first.items() if a <= r["known"] < b]
        if not rows:
            continue
        print(f"| {a}-{b - 1} | {len(rows)} | {sum(r['forecast'] for _s, r in rows):.1f} |"
              f" {sum(r['sold'] for _s, r in rows):.1f} | {sum(np.mean(own[s]) for s, _r in rows if own[s]):.1f} |")


if __name__ == "__main__":
    main()
