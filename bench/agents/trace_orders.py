"""Every purchase order the inventory agent proposes in one simulated run, line by line, with the figures it
ordered on (daily forecast, position, reorder point, order-up-to level, lead time believed), and each category's
waste day by day: the trace behind "why the chemist throws beverages away" in docs/agents.md.

    .venv/bin/python bench/agents/trace_orders.py SCENARIO DAYS OUT.json [SEED]
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main() -> None:
    logging.basicConfig(level=logging.ERROR)
    import app.sim.harness as harness
    import app.sim.world as world_module
    from app.agents.inventory import InventoryAgent

    scenario, days, out = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    orders: list[dict] = []
    waste: list[dict] = []
    order_for = InventoryAgent._order_for
    evening = world_module.World.evening

    def order_for_kept(self, snap, board, view, lv, chosen, supplier_id, members, others):  # type: ignore[no-untyped-def]
        proposal = order_for(self, snap, board, view, lv, chosen, supplier_id, members, others)
        # one proposal, none, or (an order split across suppliers, ninth session) a list of them
        found = [] if proposal is None else proposal if isinstance(proposal, list) else [proposal]
        for one in found:
            to = int(one.action.params["supplier_id"])
            lead_belief = snap.belief("lead_time", str(to), -1.0)
            for sku, line in one.expected["lines"].items():
                i = snap.skus.index(sku)
                orders.append({"day": snap.today.isoformat(), "supplier": to, "sku": sku, **line,
                               "lead_days": int(view.lead_days[i]), "lead_belief": round(float(lead_belief), 2),
                               "shelf_life": int(snap.shelf_life[i]), "method": board.demand.method[i],
                               "needs_seller": one.needs_seller is not None})
        return proposal

    def evening_kept(self, day):  # type: ignore[no-untyped-def]
        evening(self, day)
        m = self.metrics
        if self.counting and m.item_waste_paise is not None:
            by_cat: dict[str, float] = {}
            for i, item in enumerate(self.items):
                by_cat[item.category] = by_cat.get(item.category, 0.0) + float(m.item_waste_paise[i])
            waste.append({"day": day.isoformat(), **by_cat})

    InventoryAgent._order_for = order_for_kept  # type: ignore[method-assign]
    world_module.World.evening = evening_kept  # type: ignore[method-assign]
    result = harness.run_simulation(ROOT / "resources" / "scenarios" / f"{scenario}.json", policy="agents", seed=seed,
                                    days=days, households=False)
    out.write_text(json.dumps({"metrics": result.metrics, "orders": orders, "waste": waste}), encoding="utf-8")
    print(result.metrics["profit_paise"], result.metrics["waste_paise"], result.seconds)


if __name__ == "__main__":
    main()
