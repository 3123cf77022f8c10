"""Why the order made up to a supplier's minimum (app.agents.dropped_suppliers._made_up) did or did not go out, day
by day, for one supplier of one simulated `agents` run (no households): today's orders to it and whether they wait
for the seller, its lines out of stock (daily forecast, position, awaiting the seller, shelf life), the lines the rule
reads as short, the days unordered it counts, and the room its lines that keep have under 180 and 365 days of cover
(rupees at cost), with and without the lines awaiting the seller. The trace behind "the cut towards a cheaper
competitor, and why it left a supplier unordered" in docs/agents.md (issue 14, twenty-fourth session).

    .venv/bin/python bench/agents/trace_made_up.py SCENARIO SUPPLIER_KEY OUT.json [SEED]
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench" / "agents"))


def main() -> None:
    logging.basicConfig(level=logging.ERROR)
    from trace_supplier import scenario_path  # type: ignore[import-not-found]

    import app.sim.harness as harness
    from app.agents import dropped_suppliers as ds
    from app.agents import fresh_cases
    from app.agents.proposal import PURCHASE_ORDER

    scenario, key, out = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    path = scenario_path(scenario)
    name = next(s["name"] for s in json.loads(path.read_text(encoding="utf-8"))["suppliers"] if s["key"] == key)
    keeps_rule = getattr(ds, "_keeps", lambda snap, i: snap.shelf_life[i] <= 0)
    rows: list[dict[str, Any]] = []
    original = ds._made_up

    def traced(snap, view, chosen, items, proposals, supplier, agent):  # type: ignore[no-untyped-def]
        made = original(snap, view, chosen, items, proposals, supplier, agent)
        if supplier.name != name:
            return made
        pending = snap.pending_order
        mine = [p for p in proposals if p.kind == PURCHASE_ORDER and int(p.action.params["supplier_id"]) == supplier.id]
        short = [i for i in items if keeps_rule(snap, i) and view.daily[i] > 0 and snap.on_hand[i] <= 0
                 and view.position[i] <= 0 and not snap.open_lines.get(i) and snap.skus[i] not in pending]
        last = snap.last_sent.get(supplier.id)
        row: dict[str, Any] = {
            "day": snap.today.isoformat(), "made_up": made is not None,
            "today": [(p.action.params["total_paise"], p.needs_seller is not None) for p in mine],
            "out": {snap.skus[i]: {"daily": round(float(view.daily[i]), 3), "position": int(view.position[i]),
                                   "awaiting_seller": snap.skus[i] in pending, "shelf_life": int(snap.shelf_life[i])}
                    for i in items if snap.on_hand[i] <= 0},
            "short": [snap.skus[i] for i in short], "last_sent": None if last is None else last.isoformat(),
            "unordered": None if not short else (snap.today - last).days if last is not None
            else [fresh_cases.days_out(snap, i) for i in short]}
        for cap in (180, 365):
            for label, skip_pending in (("", True), ("_with_awaiting", False)):
                room = 0.0
                for i in items:
                    link = chosen[i]
                    if (not keeps_rule(snap, i) or view.daily[i] <= 0 or link is None or link.cost_paise <= 0
                            or (skip_pending and snap.skus[i] in pending)):
                        continue
                    life = int(snap.shelf_life[i])
                    days = cap if life <= 0 else min(cap, life / 2)
                    case = max(int(link.case_milli), 1)
                    free = max(days * float(view.daily[i]) * 1000 - float(view.position[i]), 0)
                    room += (free // case) * case * link.cost_paise / 1000
                row[f"room_{cap}{label}_rupees"] = round(room / 100)
        rows.append(row)
        return made

    ds._made_up = traced  # type: ignore[assignment]
    result = harness.run_simulation(path, policy="agents", seed=seed, days=365, households=False)
    m = result.metrics
    out.write_text(json.dumps({"metrics": m, "supplier": name, "rows": rows}), encoding="utf-8")
    print(m["profit_paise"], m["supplier_unordered_over_days"], m["supplier_unordered_supplier"],
          m["supplier_unordered_last_day"])


if __name__ == "__main__":
    main()
