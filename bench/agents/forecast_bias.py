"""Whether the learnt forecast bias corrects the forecast's level, item by item, in one simulated run.

Every time the agents' forecaster forecasts an item again, this scores the forecast the item had before (its
first days as the agents used it: the learnt ``forecast_bias`` belief and everything else applied) against what
it sold since, on the days the snapshot counts as known (in stock, or sold out with what they sold; not
promoted), with the item's bias belief when that forecast was made, so the window's units can be set against
the forecast with and without the belief:
if the belief corrects a forecaster that reads a median as a mean, the fast items' units over the forecast
with it are about 1, and under 1 without it ("Issue 14, eleventh session" in docs/agents.md).

    .venv/bin/python bench/agents/forecast_bias.py SCENARIO DAYS OUT.json [POLICY]
    .venv/bin/python bench/agents/forecast_bias.py --table OUT.json [FROM_DAY]
    .venv/bin/python bench/agents/forecast_bias.py --direction OUT.json [FROM_DAY]
    .venv/bin/python bench/agents/forecast_bias.py --raw-pace OUT.json [FROM_DAY]

The second form prints, by the item's pace (units a day forecast), the units that came over the units forecast
with the belief and without it, from FROM_DAY of the run on (default 120: after the first beliefs are learnt).
The third splits each pace by the belief's direction when the forecast was made (above 1.02, within, under 0.98):
whether the beliefs that raise a forecast and those that lower it each leave it right on average
("Issue 14, seventeenth session" in docs/agents.md). The fourth bins by the forecaster's own pace (the belief divided
out, so the bin does not move with the belief) and adds the geometric and arithmetic means of the windows' ratios of
units sold over the forecaster's own forecast, clipped to [1/3, 3] as the learner clips them: a belief stepped by
``ratio ** 0.3`` settles where the first is 1.
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
KEEP = 8  # days of each forecast kept: the forecaster refreshes an item at least every 7


def run(scenario: str, days: int, out: Path, policy: str) -> None:
    logging.basicConfig(level=logging.ERROR)
    import app.sim.harness as harness
    from app.agents.demand import DemandForecaster

    rows: list[dict[str, Any]] = []
    # sku -> (day forecast, its first KEEP days' means and variances as used, the bias belief then)
    issued: dict[str, tuple[Any, np.ndarray, np.ndarray, float]] = {}
    start: list[Any] = []
    demand = DemandForecaster.demand

    def demand_kept(self, snap):  # type: ignore[no-untyped-def]
        if not start:
            start.append(snap.today)
        before = {sku: cached.computed_on for sku, cached in self._cache.items()}
        out = demand(self, snap)
        sales = snap.sales.copy()
        for i, spans in snap.promoted.items():  # as the forecaster reads them: unknown
            for a, b in spans:
                sales[i, a:b + 1] = np.nan
        for i, sku in enumerate(snap.skus):
            if self._cache[sku].computed_on != snap.today or before.get(sku) == snap.today:
                continue  # not forecast again today
            old = issued.get(sku)
            if old is not None:
                k = (snap.today - old[0]).days
                m = min(k, old[1].size)
                if m >= 3 and k <= snap.history_days:
                    sold = sales[i, snap.history_days - k:snap.history_days - k + m]
                    known = ~np.isnan(sold)
                    expected = float(old[1][:m][known].sum())
                    if known.sum() >= 3 and expected >= 1.0:
                        rows.append({"day": (snap.today - start[0]).days, "sku": sku, "days": int(known.sum()),
                                     "expected": round(expected, 3), "actual": round(float(sold[known].sum()), 3),
                                     "var": round(float(old[2][:m][known].sum()), 3), "bias": old[3]})
            issued[sku] = (snap.today, out.mean[i, :KEEP].copy(), out.var[i, :KEEP].copy(),
                           snap.belief("forecast_bias", sku, 1.0))
        return out

    DemandForecaster.demand = demand_kept  # type: ignore[method-assign]
    result = harness.run_simulation(Path(scenario) if scenario.endswith(".json") else
                                    ROOT / "resources" / "scenarios" / f"{scenario}.json", policy=policy, seed=1,
                                    days=days, households=False)
    out.write_text(json.dumps({"scenario": scenario, "metrics": result.metrics, "rows": rows}), encoding="utf-8")
    print(result.metrics["profit_paise"], len(rows), result.seconds)


def _windows(path: Path, from_day: int) -> list[dict]:
    """The saved windows from ``from_day`` on, after a line naming the shop and how many there are."""
    data = json.loads(path.read_text(encoding="utf-8"))
    rows = [r for r in data["rows"] if r["day"] >= from_day]
    print(f"{data['scenario']}, windows from day {from_day}: {len(rows)}")
    return rows


def table(path: Path, from_day: int) -> None:
    rows = _windows(path, from_day)
    print("| pace (units/day) | windows | items | units / forecast with the belief | without it | median belief |")
    print("|---|---|---|---|---|---|")
    for low, high in PACES:
        part = [r for r in rows if low <= r["expected"] / max(r["days"], 1) < high]
        if part:
            print(f"| {low:g}-{high:g} | {_cells(part)} |")


def _cells(part: list[dict]) -> str:
    """Windows, items, units over the forecast with and without the belief, and the median belief, as table cells."""
    expected = sum(r["expected"] for r in part)
    raw = sum(r["expected"] / r["bias"] for r in part)
    actual = sum(r["actual"] for r in part)
    return (f"{len(part)} | {len({r['sku'] for r in part})} | {actual / expected:.3f} | {actual / raw:.3f} | "
            f"{float(np.median([r['bias'] for r in part])):.3f}")


DIRECTIONS = (("raised (> 1.02)", 1.02, float("inf")), ("about 1", 0.98, 1.02), ("lowered (< 0.98)", 0.0, 0.98))


def direction(path: Path, from_day: int) -> None:
    rows = _windows(path, from_day)
    print("| pace (units/day) | belief | windows | items | units / forecast with the belief | without it | "
          "median belief |")
    print("|---|---|---|---|---|---|---|")
    for low, high in PACES:
        for name, b_low, b_high in DIRECTIONS:
            part = [r for r in rows if low <= r["expected"] / max(r["days"], 1) < high and b_low <= r["bias"] < b_high]
            if part:
                print(f"| {low:g}-{high:g} | {name} | {_cells(part)} |")


def raw_pace(path: Path, from_day: int) -> None:
    rows = _windows(path, from_day)
    print("| raw pace (units/day) | windows | units / forecast without the belief | with it | geometric mean ratio | "
          "mean ratio | median belief | belief < 0.98 |")
    print("|---|---|---|---|---|---|---|---|")
    for low, high in PACES:
        part = [r for r in rows if low <= r["expected"] / r["bias"] / max(r["days"], 1) < high]
        if not part:
            continue
        raw = np.array([r["expected"] / r["bias"] for r in part])
        actual = np.array([r["actual"] for r in part])
        bias = np.array([r["bias"] for r in part])
        ratio = np.clip(actual / raw, 1 / 3, 3)
        print(f"| {low:g}-{high:g} | {len(part)} | {actual.sum() / raw.sum():.3f} | "
              f"{actual.sum() / (raw * bias).sum():.3f} | {float(np.exp(np.log(ratio).mean())):.3f} | "
              f"{float(ratio.mean()):.3f} | {float(np.median(bias)):.3f} | {float(np.mean(bias < 0.98)):.0%} |")


def main() -> None:
    if sys.argv[1] == "--raw-pace":
        raw_pace(Path(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 120)
        return
    if sys.argv[1] == "--direction":
        direction(Path(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 120)
        return
    if sys.argv[1] == "--table":
        table(Path(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 120)
        return
    run(sys.argv[1], int(sys.argv[2]), Path(sys.argv[3]), sys.argv[4] if len(sys.argv) > 4 else "agents")


if __name__ == "__main__":
    main()
