"""Every update of the learnt ``forecast_bias`` belief in one simulated run: the day, the item, the order whose
horizon it was learnt from (the day decided, its horizon), the units expected on the days in stock and the units
sold then, the old and the new belief: the trace behind "why the chemist's bias belief keeps rising" in
docs/agents.md (twelfth session).

    .venv/bin/python bench/agents/trace_bias.py SCENARIO DAYS OUT.json [SEED]
    .venv/bin/python bench/agents/trace_bias.py --table OUT.json [MIN_BELIEF]

The second form prints, for each item whose belief ended at MIN_BELIEF (default 1.25) or more, its updates.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def run(scenario: str, days: int, out: Path, seed: int) -> None:
    logging.basicConfig(level=logging.ERROR)
    import app.sim.harness as harness
    from app.agents import learning

    rows: list[dict[str, Any]] = []
    purchase, record = learning.Learner._purchase, learning.decisions.record_outcome
    realised: dict[int, dict[str, Any]] = {}

    def record_kept(ctx, decision_id, outcome, **kw):  # type: ignore[no-untyped-def]
        realised[decision_id] = outcome
        return record(ctx, decision_id, outcome, **kw)

    def purchase_kept(self, decision, params, decided, horizon, counts):  # type: ignore[no-untyped-def]
        db = self.ctx.store.db()
        before = {sku: learning._belief(db, "forecast_bias", sku, 1.0) for sku in decision.expected.get("lines", {})}
        done = purchase(self, decision, params, decided, horizon, counts)
        lines = realised.pop(decision.id, {}).get("lines", {})
        for sku, planned in decision.expected.get("lines", {}).items():
            after = learning._belief(db, "forecast_bias", sku, 1.0)
            if abs(after - before[sku]) > 1e-9:
                rows.append({"day": self.ctx.today().isoformat(), "sku": sku, "decided": decided.isoformat(),
                             "horizon": horizon, "daily_demand": planned.get("daily_demand"),
                             "qty_milli": planned.get("qty_milli"), "old": round(before[sku], 4),
                             "new": round(after, 4), "festival_share": decision.context.get("festival_share"),
                             **lines.get(sku, {})})
        return done

    learning.Learner._purchase = purchase_kept  # type: ignore[method-assign]
    learning.decisions.record_outcome = record_kept  # type: ignore[assignment]
    result = harness.run_simulation(Path(scenario) if scenario.endswith(".json") else
                                    ROOT / "resources" / "scenarios" / f"{scenario}.json", policy="agents",
                                    seed=seed, days=days, households=False)
    out.write_text(json.dumps({"metrics": result.metrics, "updates": rows}), encoding="utf-8")
    print(result.metrics["profit_paise"], len(rows), result.seconds)


def table(path: Path, least: float) -> None:
    rows = json.loads(path.read_text(encoding="utf-8"))["updates"]
    last: dict[str, float] = {}
    for row in rows:
        last[row["sku"]] = row["new"]
    for sku in sorted(s for s, v in last.items() if v >= least):
        print(sku)
        for row in rows:
            if row["sku"] == sku:
                print("  ", row["day"], "decided", row["decided"], "h", row["horizon"], "daily", row["daily_demand"],
                      "exp", row.get("expected_units_in_stock_days"), "units", row.get("units"), "days",
                      row.get("days_in_stock"), row["old"], "->", row["new"])


if __name__ == "__main__":
    if len(sys.argv) < 3 or (sys.argv[1] != "--table" and len(sys.argv) < 4):
        sys.exit(__doc__)
    if sys.argv[1] == "--table":
        table(Path(sys.argv[2]), float(sys.argv[3]) if len(sys.argv) > 3 else 1.25)
    else:
        run(sys.argv[1], int(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]) if len(sys.argv) > 4 else 1)
