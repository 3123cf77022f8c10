"""One simulated run with every item's figures kept: waste, units sold and unserved, margin earned and lost at
the shelf price, average stock, for the whole run and for its first 150 days (the diagnostic behind "where the
agents lose", item by item, in docs/agents.md).

    .venv/bin/python bench/agents/by_item.py SCENARIO POLICY DAYS OUT.json
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

MID_DAY = 150
_ARRAYS = ("item_waste_paise", "item_unserved", "item_sold", "item_margin_paise", "item_lost_margin_paise")


def main() -> None:
    logging.basicConfig(level=logging.ERROR)
    import app.sim.harness as harness
    import app.sim.world as world_module

    scenario, policy, days, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
    kept: dict = {}
    metrics = harness._metrics
    evening = world_module.World.evening

    def metrics_and_items(world):  # the harness's metrics, and every item's on the way
        m = world.metrics
        kept["items"] = [{"sku": item.sku, "cat": item.category, "life": item.shelf_life,
                          "waste": float(m.item_waste_paise[i]) if m.item_waste_paise is not None else 0.0,
                          "unserved": float(m.item_unserved[i]), "sold": float(m.item_sold[i]),
                          "margin": float(m.item_margin_paise[i]), "lost": float(m.item_lost_margin_paise[i]),
                          "stock": float(m.item_stock_value_sum[i]) / max(m.days, 1)}
                         for i, item in enumerate(world.items)]
        return metrics(world)

    def evening_and_middle(self, day):  # the same figures as they stood after MID_DAY measured days
        evening(self, day)
        if self.metrics.days == MID_DAY and "mid" not in kept:
            kept["mid"] = {k: getattr(self.metrics, k).tolist() for k in _ARRAYS
                           if getattr(self.metrics, k) is not None}

    harness._metrics = metrics_and_items
    world_module.World.evening = evening_and_middle  # type: ignore[method-assign]
    result = harness.run_simulation(ROOT / "resources" / "scenarios" / f"{scenario}.json", policy=policy, seed=1,
                                    days=days, households=False)
    out.write_text(json.dumps({"metrics": result.metrics, "items": kept["items"], "mid": kept.get("mid")}),
                   encoding="utf-8")
    print(policy, result.metrics["profit_paise"], result.seconds)


if __name__ == "__main__":
    main()
