"""The forecast the agents used for short-life goods against the simulator's true demand, split by how often each
item sold out ("Issue 14, sixteenth session" in docs/agents.md): is the forecast low where sales were capped by
the shelf (censored demand)?

    .venv/bin/python bench/agents/censored_bias.py SCENARIO DAYS OUT.json [SEED]
    .venv/bin/python bench/agents/censored_bias.py --table OUT.json [FROM_DAY] [MAX_LIFE]

For every measured day and item this keeps the forecaster's mean for that day as the agents used it (the first
``DemandForecaster.demand`` of the morning: learnt bias, price, festivals applied), the market's expected demand at
the shop's price (``Market.rates``, before the day's dispersion draw), the units asked for, and the shelf at the
evening (the simulator records the day's sales as one bill at 19:00, so when in the day an item ran out is not
known to the shop). A day "sold out" opened with stock and closed empty (the shop sees its sales as a lower bound);
"out" opened empty.

The table prints, for items with a shelf life of MAX_LIFE days or less (default 14), from FROM_DAY on (default 60),
grouped by the share of their stocked days that sold out: the forecast over the expected demand (item-days with a
stocked shelf at the evening and all days), and the forecast over the units asked for on in-stock and sold-out days.
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

GROUPS = ((0.0, 0.05), (0.05, 0.2), (0.2, 0.4), (0.4, 0.7), (0.7, 1.01))


def run(scenario: str, days: int, out: Path, seed: int) -> None:
    logging.basicConfig(level=logging.ERROR)
    import app.sim.harness as harness
    from app.agents.demand import DemandForecaster
    from app.sim.market import Market
    from app.sim.world import World

    forecasts: dict[str, dict[str, float]] = {}  # day -> sku -> the day's forecast mean as used
    beliefs: dict[str, dict[str, float]] = {}  # day -> sku -> the learnt forecast_bias belief in it
    demand = DemandForecaster.demand

    def demand_kept(self, snap):  # type: ignore[no-untyped-def]
        got = demand(self, snap)
        key = snap.today.isoformat()
        if key not in forecasts:
            forecasts[key] = {sku: float(got.mean[i, 0]) for i, sku in enumerate(snap.skus)}
            beliefs[key] = {sku: snap.belief("forecast_bias", sku, 1.0) for sku in snap.skus}
        return got

    last: dict[str, Any] = {}
    draw = Market.demand_and_priced_away

    def draw_kept(self, day, prices):  # type: ignore[no-untyped-def]
        asked, away = draw(self, day, prices)
        last["rate"], last["asked"] = self.rates(day, prices), asked
        return asked, away

    days_rows: list[dict[str, Any]] = []
    evening = World.evening

    def evening_kept(self, day):  # type: ignore[no-untyped-def]
        shelf = np.array([lots.total() for lots in self.lots], dtype=np.int64) // 1000
        evening(self, day)
        if not self.counting:
            return
        days_rows.append({"day": day.isoformat(), "shelf": shelf.tolist(), "asked": last["asked"].tolist(),
                          "rate": [round(float(x), 4) for x in last["rate"]]})

    DemandForecaster.demand = demand_kept  # type: ignore[method-assign]
    Market.demand_and_priced_away = draw_kept  # type: ignore[method-assign]
    World.evening = evening_kept  # type: ignore[method-assign]
    from app.sim.scenario import load_scenario

    sc = load_scenario(ROOT / "resources" / "scenarios" / f"{scenario}.json")
    result = harness.run_simulation(sc, policy="agents", seed=seed, days=days, households=False)
    items = [{"sku": it.sku, "life": int(it.shelf_life), "category": it.category} for it in sc.items]
    rows = []
    for d in days_rows:
        f, b = forecasts.get(d["day"], {}), beliefs.get(d["day"], {})
        rows.append({**d, "forecast": [round(f.get(it["sku"], float("nan")), 4) for it in items],
                     "bias": [round(b.get(it["sku"], 1.0), 4) for it in items]})
    out.write_text(json.dumps({"scenario": scenario, "seed": seed, "metrics": result.metrics, "items": items,
                               "rows": rows}), encoding="utf-8")
    print(scenario, result.metrics["profit_paise"], result.metrics["fill_rate_priced"], round(result.seconds))


def table(path: Path, from_day: int, max_life: int) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    rows = data["rows"][from_day:]
    life = np.array([it["life"] for it in data["items"]])
    short = (life > 0) & (life <= max_life)
    shelf = np.array([r["shelf"] for r in rows], dtype=float).T  # items x days
    asked = np.array([r["asked"] for r in rows], dtype=float).T
    rate = np.array([r["rate"] for r in rows], dtype=float).T
    fc = np.array([r["forecast"] for r in rows], dtype=float).T
    have = ~np.isnan(fc)
    stocked = shelf > 0
    sold_out = stocked & (asked >= shelf)
    in_stock = stocked & ~sold_out
    share = sold_out.sum(axis=1) / np.maximum(stocked.sum(axis=1), 1)
    print(f"{data['scenario']} seed {data['seed']}, days {from_day}-{from_day + len(rows) - 1}, items with a shelf "
          f"life of 1-{max_life} days: {int(short.sum())}; fill (priced away counted) "
          f"{data['metrics']['fill_rate_priced']:.1%}")
    print("| sold out, share of stocked days | items | units asked a day | forecast / expected, stocked days | "
          "forecast / expected, all days | forecast / asked, in stock | forecast / asked, sold out | "
          "asked unserved, share |")
    print("|---|---|---|---|---|---|---|---|")
    for low, high in GROUPS:
        g = short & (share >= low) & (share < high) & stocked.any(axis=1)
        if not g.any():
            continue
        m = have[g]

        def ratio(mask: np.ndarray, base: np.ndarray, g: np.ndarray = g, m: np.ndarray = m) -> str:
            mk = mask[g] & m
            b = base[g][mk].sum()
            return f"{fc[g][mk].sum() / b:.3f}" if b > 0 else "-"

        unserved = np.maximum(asked - shelf, 0)[g].sum() / max(asked[g].sum(), 1)
        print(f"| {low:.0%}-{min(high, 1):.0%} | {int(g.sum())} | {asked[g].sum() / len(rows):.1f} | "
              f"{ratio(stocked, rate)} | {ratio(np.ones_like(stocked), rate)} | {ratio(in_stock, asked)} | "
              f"{ratio(sold_out, asked)} | {unserved:.1%} |")
    never = short & ~stocked.any(axis=1)
    if never.any():
        print(f"| never stocked | {int(never.sum())} | {asked[never].sum() / len(rows):.1f} | - | "
              f"{fc[never][have[never]].sum() / max(rate[never][have[never]].sum(), 1e-9):.3f} | - | - | 100.0% |")
    g = short
    mk = have[g]
    print(f"| all | {int(g.sum())} | {asked[g].sum() / len(rows):.1f} | "
          f"{fc[g][mk & stocked[g]].sum() / rate[g][mk & stocked[g]].sum():.3f} | "
          f"{fc[g][mk].sum() / rate[g][mk].sum():.3f} | - | - | "
          f"{np.maximum(asked - shelf, 0)[g].sum() / max(asked[g].sum(), 1):.1%} |")


def main() -> None:
    if sys.argv[1] == "--table":
        table(Path(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 60,
              int(sys.argv[4]) if len(sys.argv) > 4 else 14)
        return
    run(sys.argv[1], int(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]) if len(sys.argv) > 4 else 1)


if __name__ == "__main__":
    main()
