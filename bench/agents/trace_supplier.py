"""One supplier day by day in one simulated `agents` run (no households): whether the inventory agent proposed an
order to it, and, when it did not, what held back the dropped-supplier rule (app.agents.dropped_suppliers) — an
item still on the shelf or on its way, one awaiting the seller, no item forecast to sell, too few days unordered,
or every line dearer than a probe — and what became of the orders it proposed (sent, pending, refused). The trace
behind "Kota's milk agent left unordered" in docs/agents.md (issue 14, fifteenth session).

    .venv/bin/python bench/agents/trace_supplier.py SCENARIO DAYS SUPPLIER_KEY OUT.json [SEED]

SCENARIO is looked up as ``compare.py`` does (bundled, then bench/agents/blind8 to blind14).
"""

from __future__ import annotations

import json
import logging
import math
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def scenario_path(name: str) -> Path:
    for folder in [ROOT / "resources" / "scenarios", *sorted((ROOT / "bench" / "agents").glob("blind*"))]:
        if (folder / f"{name}.json").exists() and "blind15" not in folder.name:
            return folder / f"{name}.json"
    raise SystemExit(f"no scenario {name}")


def main() -> None:
    logging.basicConfig(level=logging.ERROR)
    import app.sim.harness as harness
    from app.agents import dropped_suppliers, fresh_cases, inventory

    scenario, days, key, out = sys.argv[1], int(sys.argv[2]), sys.argv[3], Path(sys.argv[4])
    seed = int(sys.argv[5]) if len(sys.argv) > 5 else 1
    path = scenario_path(scenario)
    name = next(s["name"] for s in json.loads(path.read_text(encoding="utf-8"))["suppliers"] if s["key"] == key)
    rows: list[dict[str, Any]] = []
    keep = dropped_suppliers.keep_orders

    def keep_traced(snap, view, lv, chosen, proposals, agent):  # type: ignore[no-untyped-def]
        kept = keep(snap, view, lv, chosen, proposals, agent)
        sid = next((s for s, sup in snap.suppliers.items() if sup.name == name), None)
        if sid is None:
            return kept
        items = [i for i, link in enumerate(chosen) if link is not None and link.supplier_id == sid]
        every = kept  # today's proposals with the rule's own, less those that gave way to it
        mine = [p for p in every if int(p.action.params["supplier_id"]) == sid]
        gave_way = [p for p in proposals if int(p.action.params["supplier_id"]) == sid
                    and not any(p is q for q in every)]
        row: dict[str, Any] = {
            "day": snap.today.isoformat(), "items": len(items),
            "proposed": [{"total": p.action.params["total_paise"], "lines": len(p.action.params["lines"]),
                          "kept": bool(p.context.get("keeps_supplier")), "needs_seller": p.needs_seller is not None}
                         for p in mine],
            "gave_way": len(gave_way),
            "on_hand": [snap.skus[i] for i in items if snap.on_hand[i] > 0],
            "position": [snap.skus[i] for i in items if view.position[i] > 0],
            "open": [snap.skus[i] for i in items if snap.open_lines.get(i)],
            "pending": [snap.skus[i] for i in items if snap.skus[i] in snap.pending_approval],
            "asked": [snap.skus[i] for i in items if view.daily[i] > 0],
            "daily": {snap.skus[i]: round(float(view.daily[i]), 3) for i in items},
            "below_rop": [snap.skus[i] for i in items if view.position[i] < view.rop[i]],
            "last_sent": None if snap.last_sent.get(sid) is None else snap.last_sent[sid].isoformat(),
            "days_out": {snap.skus[i]: fresh_cases.days_out(snap, i) for i in items},
        }
        supplier = snap.suppliers[sid]
        spends = {}
        for i in items:
            link = chosen[i]
            case = max(int(link.case_milli), 1)
            cases = max(-(-int(link.moq_milli) // case), 1,
                        math.ceil(supplier.min_order_paise / max(case * link.cost_paise / 1000, 1)))
            spends[snap.skus[i]] = round(cases * case * link.cost_paise / 1000)
        row["keep_spend"] = spends
        rows.append(row)
        return kept

    inventory.dropped_suppliers.keep_orders = keep_traced  # type: ignore[attr-defined]
    result = harness.run_simulation(path, policy="agents", seed=seed, days=days, households=False)
    m = result.metrics
    out.write_text(json.dumps({"metrics": m, "supplier": name, "rows": rows}), encoding="utf-8")
    print(m["profit_paise"], m["supplier_unordered_over_days"], m["supplier_unordered_supplier"], result.seconds)


if __name__ == "__main__":
    main()
