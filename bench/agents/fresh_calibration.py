"""Is the demand the perishable newsvendor judges a case by calibrated? One simulated run (seed 1, no households)
keeps every perishable line the newsvendor (:func:`app.agents.fresh_cases.order_quantities`) judged: the window's
mean and variance it used, what it assumed would still be on the shelf at arrival (``ahead``), the case and the
cases it chose; and every item's demand day by day (units sold and unserved at the shelf price). Then, for each
decision, the demand that came over the same window (from the day the delivery would arrive, for the shelf life),
and what the chosen cases would have sold of it against what the newsvendor expected them to sell
("Issue 14, twelfth session" in docs/agents.md, "Twelfth session" in docs/forecasting.md).

    .venv/bin/python bench/agents/fresh_calibration.py SCENARIO DAYS OUT.json
    .venv/bin/python bench/agents/fresh_calibration.py --table OUT.json [FROM_DAY]

The table splits the decisions by the item's pace (units a day over the window) and by whether the item sold on
under half of its known days (intermittent): the window's demand over its mean, the squared error over the
variance used, the share of windows at or below the distribution's 16th and 50th percentiles (a calibrated
distribution gives 0.16 and 0.5 in expectation), and, for the decisions that ordered, units sold of the cases
over the units the newsvendor expected them to sell.
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

PACES = ((0.0, 0.5), (0.5, 1.0), (1.0, 3.0), (3.0, float("inf")))


def run(scenario: str, days: int, out: Path) -> None:
    logging.basicConfig(level=logging.ERROR)
    import app.sim.harness as harness
    import app.sim.world as world_module
    from app.agents import fresh_cases
    from app.agents.replenishment import REVIEW_DAYS

    decisions: list[dict[str, Any]] = []
    demand_rows: list[list[float]] = []
    demand_days: list[int] = []
    skus: list[str] = []
    quantities = fresh_cases.order_quantities
    from app.agents.demand import DemandForecaster
    forecast_demand = DemandForecaster.demand
    last: dict[str, Any] = {}

    def demand_kept(self, snap):  # type: ignore[no-untyped-def]
        last["demand"] = out = forecast_demand(self, snap)
        return out

    def quantities_kept(snap, position, lv, rows, case, moq, unit_cost, qty, **kw):  # type: ignore[no-untyped-def]
        result = quantities(snap, position, lv, rows, case, moq, unit_cost, qty, **kw)
        day = snap.today.toordinal()
        for k in np.nonzero((snap.shelf_life[rows] > 0) & (qty > 0))[0]:
            i = int(rows[k])
            known = snap.sales[i][~np.isnan(snap.sales[i])]
            decisions.append({
                "day": day, "i": i, "sku": snap.skus[i], "life": int(snap.shelf_life[i]),
                "lead": int(lv["protect_days"][i]) - REVIEW_DAYS,
                "lead_mean": float(lv["demand_lead"][i]),
                "mean": float(lv["whole_life_mean"][i]), "var": float(lv["whole_life_var"][i]),
                "position": int(position[i]) / 1000, "case": int(case[k]) / 1000,
                "asked": int(qty[k]) / 1000, "kept": int(result[0][k]) / 1000,
                "price": float(snap.price[i]), "cost": float(unit_cost[k]),
                "sale_share": float((known > 0).mean()) if known.size else 0.0,
                "recent_pace": float(known[-28:].mean()) if known.size else 0.0,
                "method": last["demand"].method[i] if "demand" in last else None,
                "rop": float(lv["rop"][i]), "target": float(lv["target"][i])})
        return result

    evening = world_module.World.evening

    def evening_kept(self, day):  # type: ignore[no-untyped-def]
        before = (self.per_item("item_sold") + self.per_item("item_unserved")).copy() if self.counting else None
        evening(self, day)
        if before is not None:
            skus[:] = [item.sku for item in self.items]
            demand_days.append(day.toordinal())
            demand_rows.append((self.per_item("item_sold") + self.per_item("item_unserved") - before).tolist())

    fresh_cases.order_quantities = quantities_kept  # type: ignore[assignment]
    world_module.World.evening = evening_kept  # type: ignore[method-assign]
    DemandForecaster.demand = demand_kept  # type: ignore[method-assign]
    result = harness.run_simulation(ROOT / "resources" / "scenarios" / f"{scenario}.json", policy="agents", seed=1,
                                    days=days, households=False)
    out.write_text(json.dumps({"scenario": scenario, "metrics": result.metrics, "decisions": decisions,
                               "demand_days": demand_days, "skus": skus, "demand": demand_rows}), encoding="utf-8")
    print(result.metrics["profit_paise"], len(decisions), result.seconds)


def table(path: Path, from_day: int) -> None:
    from app.agents.fresh_cases import expected_sold
    from app.sim.scenario import load_scenario
    data = json.loads(path.read_text(encoding="utf-8"))
    demand = np.array(data["demand"], dtype=np.float64)  # (days, items)
    days = demand.shape[0]
    first = data["demand_days"][0]
    skus = data.get("skus") or [item.sku for item in load_scenario(
        ROOT / "resources" / "scenarios" / f"{data['scenario']}.json").items]
    column = {sku: k for k, sku in enumerate(skus)}
    groups: dict[tuple[int, bool], list[list[float]]] = {}
    for d in data["decisions"]:
        # the window the newsvendor judged: from arrival (the lead time's demand already counted) for the shelf life;
        # the lead days are those whose expected demand is lead_mean, read back from the decision's own days
        day = d["day"] - first  # the decision's morning, as an index into the days' demand
        a = day + d["lead"]
        b = a + d["life"]
        if day < from_day or b > days:
            continue
        col = column[d["sku"]]
        came = float(demand[a:b, col].sum())
        pace = d["mean"] / max(d["life"], 1)
        cls = next(k for k, (lo, hi) in enumerate(PACES) if lo <= pace < hi)
        ahead = max(d["position"] - d["lead_mean"], 0.0)
        came_before = float(demand[day:a, col].sum())
        ahead_real = max(d["position"] - came_before, 0.0)
        exp_sold = expected_sold(d["mean"], d["var"], ahead, d["kept"]) if d["kept"] else 0.0
        real_sold = (min(ahead_real + d["kept"], came) - min(ahead_real, came)) if d["kept"] else 0.0
        groups.setdefault((cls, d["sale_share"] < 0.5), []).append([
            d["mean"], came, (came - d["mean"]) ** 2 / max(d["var"], 1e-9),
            float(came <= _quantile(d["mean"], d["var"], 0.16)),
            float(came <= _quantile(d["mean"], d["var"], 0.5)), float(d["kept"] > 0), exp_sold, real_sold,
            d["kept"], ahead, ahead_real])
    print("| pace (units a day) | intermittent | decisions | demand / mean | squared error / variance |"
          " at or under p16 | at or under p50 | ordered | units sold of the cases / expected | units kept |"
          " ahead assumed / ahead as it came |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for (cls, inter), rows in sorted(groups.items()):
        a = np.array(rows)
        ordered = a[a[:, 5] > 0]
        lo, hi = PACES[cls]
        ratio = f"{ordered[:, 7].sum() / max(ordered[:, 6].sum(), 1e-9):.2f}" if ordered.size else "–"
        print(f"| {lo}-{hi} | {'yes' if inter else 'no'} | {len(a)} | {a[:, 1].sum() / max(a[:, 0].sum(), 1e-9):.2f}"
              f" | {a[:, 2].mean():.2f} | {a[:, 3].mean():.2f} | {a[:, 4].mean():.2f} | {len(ordered)} | {ratio}"
              f" | {ordered[:, 8].sum():.0f} | {a[:, 9].sum() / max(a[:, 10].sum(), 1e-9):.2f} |")


def _quantile(mean: float, var: float, q: float) -> float:
    """The smallest whole x with P(D <= x) >= q for the newsvendor's distribution."""
    from app.agents.fresh_cases import _survival
    top = int(mean + 10 * np.sqrt(max(var, mean)) + 10)
    cdf = 1.0 - _survival(mean, max(var, 1e-9), top)
    return float(np.searchsorted(cdf, q - 1e-12))


def main() -> None:
    if len(sys.argv) < 3 or (sys.argv[1] != "--table" and len(sys.argv) < 4):
        sys.exit(__doc__)
    if sys.argv[1] == "--table":
        table(Path(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 30)
        return
    run(sys.argv[1], int(sys.argv[2]), Path(sys.argv[3]))


if __name__ == "__main__":
    main()
