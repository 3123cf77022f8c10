"""A few items' inventory decisions day by day in one simulated `agents` run (seed 1, no households): what the
inventory agent saw (stock, on order, position, reorder point, order-up-to level, daily forecast, lead time used,
expected demand over the shelf life it judges a case by) and what it did (the quantity asked for against what the
newsvendor of app.agents.fresh_cases kept, and whether the supplier's order went out with the item in it): the
trace behind "why BISC030 ran out" in docs/agents.md. `trace_orders.py` keeps only the lines that were ordered.

    .venv/bin/python bench/agents/trace_item.py SCENARIO DAYS SKU[,SKU...] OUT.json [POLICY] [SEED]

POLICY is ``agents`` by default; ``inventory`` (the same stock policy, prices held at the MRP) traces the same items
without the pricing agent.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main() -> None:
    logging.basicConfig(level=logging.ERROR)
    import app.sim.harness as harness
    from app.agents import fresh_cases
    from app.agents.inventory import InventoryAgent

    scenario, days, skus, out = sys.argv[1], int(sys.argv[2]), set(sys.argv[3].split(",")), Path(sys.argv[4])
    policy = sys.argv[5] if len(sys.argv) > 5 else "agents"
    seed = int(sys.argv[6]) if len(sys.argv) > 6 else 1
    rows: list[dict[str, Any]] = []
    today: dict[str, dict[str, Any]] = {}  # this cycle's figures per traced item, filled by the wrappers below
    quantities, order_for, orders = fresh_cases.order_quantities, InventoryAgent._order_for, InventoryAgent._orders

    def quantities_kept(snap, position, lv, members, case, moq, unit_cost, qty, **kw):  # type: ignore[no-untyped-def]
        out = quantities(snap, position, lv, members, case, moq, unit_cost, qty, **kw)
        for k, i in enumerate(members):
            if snap.skus[i] in skus:
                today.setdefault(snap.skus[i], {}).update(asked_milli=int(qty[k]), kept_milli=int(out[0][k]))
        return out

    def order_for_kept(self, snap, board, view, lv, chosen, supplier_id, members, others):  # type: ignore[no-untyped-def]
        proposal = order_for(self, snap, board, view, lv, chosen, supplier_id, members, others)
        # one proposal, none, or (an order split across suppliers, ninth session) a list of them
        found = [] if proposal is None else proposal if isinstance(proposal, list) else [proposal]
        lines = {line["sku"]: line["qty_milli"] for one in found for line in one.action.params["lines"]}
        for i in members:
            if snap.skus[i] in skus:
                today.setdefault(snap.skus[i], {}).update(
                    order_sent=bool(found), ordered_milli=lines.get(snap.skus[i], 0),
                    order_total_paise=sum(one.action.params["total_paise"] for one in found) if found else None,
                    needs_seller=any(one.needs_seller is not None for one in found) if found else None)
        return proposal

    def orders_kept(self, snap, board, view, chosen):  # type: ignore[no-untyped-def]
        today.clear()
        proposals = orders(self, snap, board, view, chosen)
        lv = board.notes["inventory_levels"]
        for sku in sorted(skus & set(snap.skus)):
            i = snap.skus.index(sku)
            link = chosen[i]
            rows.append({"day": snap.today.isoformat(), "sku": sku, "on_hand_milli": int(snap.on_hand[i]),
                         "on_order_milli": int(snap.on_order[i]), "position_milli": int(view.position[i]),
                         "rop_milli": int(view.rop[i]), "target_milli": int(view.target[i]),
                         "daily": round(float(view.daily[i]), 3), "lead_days": int(view.lead_days[i]),
                         "life_mean": round(float(lv["life_mean"][i]), 2),
                         "whole_life_mean": round(float(lv["whole_life_mean"][i]), 2),
                         "shelf_life": int(snap.shelf_life[i]), "supplier": link.supplier_id if link else None,
                         "case_milli": link.case_milli if link else None, "pending": sku in snap.pending_approval,
                         "runs_out_first": bool(view.stockout_before_delivery[i]), **today.get(sku, {})})
        return proposals

    fresh_cases.order_quantities = quantities_kept  # type: ignore[assignment]
    InventoryAgent._order_for = order_for_kept  # type: ignore[method-assign]
    InventoryAgent._orders = orders_kept  # type: ignore[method-assign]
    result = harness.run_simulation(ROOT / "resources" / "scenarios" / f"{scenario}.json", policy=policy, seed=seed,
                                    days=days, households=False)
    out.write_text(json.dumps({"metrics": result.metrics, "rows": rows}), encoding="utf-8")
    print(result.metrics["profit_paise"], result.seconds)


if __name__ == "__main__":
    main()
