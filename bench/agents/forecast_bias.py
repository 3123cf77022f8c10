"""Whether the learnt forecast bias corrects the forecast's level, item by item, in one simulated run.

Every time the agents' forecaster forecasts an item again it scores the forecast the item had (as used:
the learnt ``forecast_bias`` belief and everything else applied) against what it sold since, days in stock
only (``DemandForecaster._score``). This keeps each such window with the item's bias belief when the
forecast was made, so the window's units can be set against the forecast with and without the belief:
if the belief corrects a forecaster that reads a median as a mean, the fast items' units over the forecast
with it are about 1, and under 1 without it ("Issue 14, eleventh session" in docs/agents.md).

    .venv/bin/python bench/agents/forecast_bias.py SCENARIO DAYS OUT.json [POLICY]
    .venv/bin/python bench/agents/forecast_bias.py --table OUT.json [FROM_DAY]

The second form prints, by the item's pace (units a day forecast), the units that came over the units forecast
with the belief and without it, from FROM_DAY of the run on (default 120: after the first beliefs are learnt).
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

PACES = ((0.0, 1.0), (1.0, 3.0), (3.0, 8.0), (8.0, float("inf")))


def run(scenario: str, days: int, out: Path, policy: str) -> None:
    logging.basicConfig(level=logging.ERROR)
    import app.sim.harness as harness
    from app.agents.demand import DemandForecaster

    rows: list[dict[str, Any]] = []
    bias_at_issue: dict[str, float] = {}
    start: list[Any] = []
    demand, score = DemandForecaster.demand, DemandForecaster._score

    def demand_kept(self, snap):  # type: ignore[no-untyped-def]
        out = demand(self, snap)
        if not start:
            start.append(snap.today)
        for sku, issued in self._issued.items():
            if issued.day == snap.today:
                bias_at_issue[sku] = snap.belief("forecast_bias", sku, 1.0)
        return out

    def score_kept(self, snap, items):  # type: ignore[no-untyped-def]
        for i in items:  # the window _score reads (same rules), with the item and its belief kept
            issued = self._issued.get(snap.skus[i])
            k = 0 if issued is None else (snap.today - issued.day).days
            m = 0 if issued is None else min(k, issued.mean.size)
            if issued is None or m < 3 or k > snap.history_days:
                continue
            sold = snap.sales[i, snap.history_days - k:snap.history_days - k + m]
            known = ~np.isnan(sold)
            expected = float(issued.mean[:m][known].sum())
            if known.sum() >= 3 and expected >= 1.0:
                rows.append({"day": (snap.today - start[0]).days, "sku": snap.skus[i], "days": int(known.sum()),
                             "expected": round(expected, 3), "actual": round(float(sold[known].sum()), 3),
                             "var": round(float(issued.var[:m][known].sum()), 3),
                             "bias": bias_at_issue.get(snap.skus[i], 1.0)})
        score(self, snap, items)

    DemandForecaster.demand = demand_kept  # type: ignore[method-assign]
    DemandForecaster._score = score_kept  # type: ignore[method-assign]
    result = harness.run_simulation(ROOT / "resources" / "scenarios" / f"{scenario}.json", policy=policy, seed=1,
                                    days=days, households=False)
    out.write_text(json.dumps({"scenario": scenario, "metrics": result.metrics, "rows": rows}), encoding="utf-8")
    print(result.metrics["profit_paise"], len(rows), result.seconds)


def table(path: Path, from_day: int) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    rows = [r for r in data["rows"] if r["day"] >= from_day]
    print(f"{data['scenario']}, windows from day {from_day}: {len(rows)}")
    print("| pace (units/day) | windows | items | units / forecast with the belief | without it | median belief |")
    print("|---|---|---|---|---|---|")
    for low, high in PACES:
        part = [r for r in rows if low <= r["expected"] / max(r["days"], 1) < high]
        if not part:
            continue
        expected = sum(r["expected"] for r in part)
        raw = sum(r["expected"] / r["bias"] for r in part)
        actual = sum(r["actual"] for r in part)
        print(f"| {low:g}-{high:g} | {len(part)} | {len({r['sku'] for r in part})} | {actual / expected:.3f} | "
              f"{actual / raw:.3f} | {float(np.median([r['bias'] for r in part])):.3f} |")


def main() -> None:
    if sys.argv[1] == "--table":
        table(Path(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 120)
        return
    run(sys.argv[1], int(sys.argv[2]), Path(sys.argv[3]), sys.argv[4] if len(sys.argv) > 4 else "agents")


if __name__ == "__main__":
    main()
