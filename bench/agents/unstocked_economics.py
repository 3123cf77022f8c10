"""Whether the short-life items a run never stocked could have paid, at the demand they really had (an oracle bound,
not a policy): the twenty-first session's answer to "is there demand the agents leave unserved on items they never
stock" (docs/agents.md, "Issue 14, twenty-first session: items never stocked").

For every item that keeps at most 14 days, its customers' demand a day over the run (``sold + unserved`` of a
``by_item.py`` file: at the MRP, where every policy priced these items all year), and the most it could add to that
the substitutes its group mates' unserved customers would take from it (``substitution`` of their unmet demand, an
upper bound: in the simulator they take it only from stock left over). With that pace, the scenario's day-to-day
spread (``dispersion``: a gamma multiplier a day) and its MRP and cost:

* ``a case sells``: the units of one case (the supplier's case, at least its minimum) that sell within the shelf life,
  on a shelf that holds nothing else (``fresh_cases.expected_sold``);
* ``a case earns``: what that case earns over its shelf life, the units sold at the MRP less the whole case's cost
  (in brackets at the item's own pace, without the substitutes; in ``app.sim.world`` a mate's unmet customers are
  floored to whole units each evening, so the realised substitutes are about half this bound on the coastal town's
  dairy: ``trace_substitutes.py``).
  Ordering one case onto an empty shelf whenever the last has sold or expired earns this per case, whatever the
  timing; a case ordered before the shelf is empty only adds waste. So where it is negative no whole-case policy pays
  on average, whatever its forecast, and a trial case that "sells" (most of it does) still loses;
* ``best a day``: the best of "k cases every T days" (k 1-5, T 1 to the shelf life, what is left at T thrown away),
  per day.

Then the same totals for the items the run did stock. Read with the two runs' ``by_item.py`` files::

    .venv/bin/python bench/agents/unstocked_economics.py SCENARIO AGENTS_BY_ITEM.json [SS_BY_ITEM.json]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

SHORT_LIFE = 14  # days: the goods the fill gap lives in (docs/agents.md, thirteenth session)


def main() -> None:
    from app.agents.fresh_cases import expected_sold
    from app.sim.scenario import load_scenario

    name = sys.argv[1]
    mine = json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))
    theirs = json.loads(Path(sys.argv[3]).read_text(encoding="utf-8")) if len(sys.argv) > 3 else None
    scenario = load_scenario(ROOT / "resources" / "scenarios" / f"{name}.json")
    items = scenario.items
    runs = {a["sku"]: a for a in mine["items"]}
    baseline = {b["sku"]: b for b in theirs["items"]} if theirs else {}
    days = max(int(mine["metrics"].get("days", 365)), 1)
    phi = scenario.dispersion
    asked = mine["metrics"]["units_requested"] + mine["metrics"]["units_priced_away"]
    totals: dict[str, list[float]] = {}
    print("| item | life | case | margin | pace a day (+ substitutes) | a case sells | a case earns (own pace) |"
          " best a day | agents sold | `ss` sold |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for it in items:
        if not 0 < it.shelf_life <= SHORT_LIFE:
            continue
        run = runs[it.sku]
        own = (run["sold"] + run["unserved"]) / days
        mates = [m for m in items if it.group >= 0 and m.group == it.group and m.sku != it.sku]
        extra = sum(m.substitution * runs[m.sku]["unserved"] for m in mates) / days
        case = max(it.case_milli, it.moq_milli) / 1000
        price, cost = it.mrp_paise / 100, it.cost_paise / 100
        life = it.shelf_life
        pace = own + extra

        def spread(mean_a_day: float, span: int) -> tuple[float, float]:
            mean = mean_a_day * span
            return mean, mean + span * phi * mean_a_day ** 2

        sells = expected_sold(*spread(pace, life), 0.0, case)
        earns = price * sells - cost * case
        earns_own = price * expected_sold(*spread(own, life), 0.0, case) - cost * case
        best = max((price * expected_sold(*spread(pace, t), 0.0, k * case) - cost * k * case) / t
                    for t in range(1, life + 1) for k in range(1, 6))
        stocked = run["sold"] > 0
        key = ("stocked" if stocked else "never stocked") + (", a case pays" if earns > 0 else ", a case loses")
        acc = totals.setdefault(key, [0, 0.0, 0.0, 0.0])
        acc[0] += 1
        acc[1] += run["unserved"]
        acc[2] += max(best, 0.0) * days
        acc[3] += min(earns, 0.0) if not stocked else 0.0
        if not stocked or earns_own <= 0:
            other = baseline.get(it.sku)
            print(f"| {it.sku} | {life} | {case:g} | {(price - cost) / price:.1%} | {own:.2f} (+{extra:.2f}) |"
                  f" {sells:.1f} | ₹{earns:,.0f} (₹{earns_own:,.0f}) | ₹{best:,.1f} | {run['sold']:,.0f} |"
                  f" {other['sold'] if other else '-':} |")
    print()
    print("| group | items | units unserved (share of all asked) | best whole-case profit a year |"
          " one trial case each |")
    print("|---|---|---|---|---|")
    for key, (count, unserved, best_year, trial) in sorted(totals.items()):
        print(f"| {key} | {count} | {unserved:,.0f} ({unserved / asked:.1%}) | ₹{best_year:,.0f} | ₹{trial:,.0f} |")


if __name__ == "__main__":
    main()
