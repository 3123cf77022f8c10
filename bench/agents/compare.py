"""The agents (together and each alone) against the two honest baselines, scenario by scenario.

    .venv/bin/python bench/agents/compare.py [--days 365] [--seeds 1 2 3] [--jobs 2] [--scenarios kirana_300 ...]
        [--scenario-files PATH ...] [--policies agents kirana ss inventory pricing]
        [--table FILE...] [--categories FILE...]

Runs every (scenario, policy, seed) with the simulator (the same code as ``python -m app simulate``), two
at a time by default, and prints a Markdown table: profit and its multiple of the better honest baseline,
both fill rates (plain, and counting demand priced away), waste, average inventory value, and the longest
run of days an item that sells was out with nothing on order. Results go to
bench/results/agents-compare-<time>.json, saved after every run (the agents and the baselines first, each
agent alone after them, so a run stopped early keeps its most useful part); ``--table FILE...`` prints the
table of saved results (medians over seeds), ``--categories FILE...`` the agents against ``ss`` category by
category (waste, margin lost to unserved demand, margin, stock held).

A scenario name is looked up in resources/scenarios/ (the bundled scenarios), then in bench/agents/blind8/ to
bench/agents/blind24/ (the never-seen scenarios of issue 14's eighth to twenty-fourth sessions, kept out of the
bundled set so no one tunes on them);
``--scenario-files PATH...`` runs scenario files from anywhere, each named by its file's stem.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

SCENARIOS = ("kirana_300", "festival_year", "shock_year",  # bundled before issue 14
             "chemist_fever_outage", "quick_commerce_war", "fresh_supermarket",  # new in the first session
             "hill_town_monsoon", "highway_store", "wedding_season_wholesale",  # new in the second, after 548d374
             "bakery_corner_college", "village_haat_credit",  # third session, after 7374466 (bakery diagnosed on)
             "coastal_fishing_town",  # new in the third, after the clearance fix 40b8120 (not tuned on)
             "dairy_cooperative_town", "temple_town_pilgrims")  # fourth, after the perishable freeze (not tuned on)
POLICIES = ("agents", "kirana", "ss", "inventory", "pricing")
BASELINES = ("kirana", "ss")
SCENARIO_DIRS = (ROOT / "resources" / "scenarios",
                 *(ROOT / "bench" / "agents" / f"blind{n}" for n in range(8, 25)))


def scenario_path(scenario: str) -> Path:
    """The file of a scenario given by name (the bundled ones first, then the eighth to twenty-fourth sessions'
    blind ones) or by path; a name found nowhere is returned as the bundled path, so the simulator's own error
    names it."""
    for folder in SCENARIO_DIRS:
        if (folder / f"{scenario}.json").is_file():
            return folder / f"{scenario}.json"
    given = Path(scenario)
    return given if given.suffix == ".json" and given.is_file() else SCENARIO_DIRS[0] / f"{scenario}.json"


def one(job: tuple[str, str, int, int | None]) -> dict:
    import logging

    logging.basicConfig(level=logging.ERROR)
    from app.sim.harness import run_simulation

    scenario, policy, seed, days = job
    # the same world for every policy: without named customers and their marketing (bench/marketing/ measures
    # marketing on against off), so the agents' stock and prices meet the baselines' like for like
    result = run_simulation(scenario_path(scenario), policy=policy, seed=seed, days=days, households=False)
    return {"file": Path(scenario).stem, **result.to_json()}


def rupees(paise: float) -> str:
    from app.domain.money import format_inr

    return format_inr(round(paise / 100) * 100, decimals=False)


def table(results: list[dict]) -> str:
    """Medians over seeds; "vs ss" and "vs kirana" are the median profit over that baseline's in the same results,
    and "fill gap" the priced-away fill rate minus the better baseline's (by profit), in points."""
    lines = ["| scenario | policy | seeds | profit | vs ss | vs kirana | fill | fill (priced away counted) | fill gap |"
             " waste | avg inventory | longest short+unordered (days) | supplier unordered past lead + 7 (days) |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    by: dict[tuple[str, str], list[dict]] = {}
    for r in results:
        by.setdefault((r["file"], r["policy"]), []).append(r["metrics"])

    def med(rows: list[dict], key: str) -> float:
        return float(median(m[key] for m in rows))

    def over(rows: list[dict]) -> str:  # results saved before the simulator kept the figure show "-"
        known = [m["supplier_unordered_over_days"] for m in rows if "supplier_unordered_over_days" in m]
        return str(max(known)) if known else "-"

    for scenario in dict.fromkeys(r["file"] for r in results):
        bases = [(med(by[(scenario, b)], "profit_paise"), b) for b in BASELINES if (scenario, b) in by]
        best = max(bases)[1] if bases else None
        for policy in POLICIES:
            rows = by.get((scenario, policy))
            if not rows:
                continue
            ratios = [f"{med(rows, 'profit_paise') / med(by[(scenario, b)], 'profit_paise'):.2f}x"
                      if (scenario, b) in by else "-" for b in ("ss", "kirana")]
            gap = (f"{(med(rows, 'fill_rate_priced') - med(by[(scenario, best)], 'fill_rate_priced')) * 100:+.1f}"
                   if best else "-")
            lines.append(f"| {scenario} | {policy} | {len(rows)} | {rupees(med(rows, 'profit_paise'))} | "
                         f"{ratios[0]} | {ratios[1]} | {med(rows, 'fill_rate') * 100:.1f}% | "
                         f"{med(rows, 'fill_rate_priced') * 100:.1f}% | {gap} | "
                         f"{rupees(med(rows, 'waste_paise'))} | {rupees(med(rows, 'avg_inventory_value_paise'))} | "
                         f"{max(m['short_unordered_max_days'] for m in rows)} | {over(rows)} |")
    return "\n".join(lines)


def categories(results: list[dict], policy: str = "agents", against: str = "ss") -> str:
    """Where ``policy`` gains or loses against ``against``, category by category (medians over seeds of the
    difference): waste, margin lost to unserved demand and margin earned (both at the shelf price), and the
    average stock held. Results saved before the simulator kept these figures are skipped."""
    lines = [f"| scenario | category | perishable items | {policy} − {against}: waste | lost margin | margin |"
             " avg inventory |", "|---|---|---|---|---|---|---|"]
    runs: dict[tuple[str, str, int], dict] = {(r["file"], r["policy"], r["seed"]): r["metrics"] for r in results}
    for scenario in dict.fromkeys(r["file"] for r in results):
        seeds = [seed for (f, p, seed) in runs if f == scenario and p == policy and (f, against, seed) in runs
                 and "by_category" in runs[(f, p, seed)] and "by_category" in runs[(f, against, seed)]]
        if not seeds:
            continue
        mine = [runs[(scenario, policy, seed)]["by_category"] for seed in seeds]
        theirs = [runs[(scenario, against, seed)]["by_category"] for seed in seeds]
        for category, row in mine[0].items():
            pairs = [(a[category], b[category]) for a, b in zip(mine, theirs, strict=True)]
            waste, lost, margin, stock = (rupees(median(a[key] - b[key] for a, b in pairs)) for key in (
                "waste_paise", "lost_margin_at_shelf_price_paise", "margin_at_shelf_price_paise",
                "avg_inventory_value_paise"))
            lines.append(f"| {scenario} | {category} | {row['perishable_items']}/{row['items']} | {waste} | {lost} |"
                         f" {margin} | {stock} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=int, default=None, help="days to simulate (default: the scenario's, 365)")
    parser.add_argument("--seeds", type=int, nargs="+", default=[1])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--scenarios", nargs="+", default=None,
                        help="scenario names (default: every bundled one, unless --scenario-files is given)")
    parser.add_argument("--scenario-files", nargs="+", type=Path, default=[],
                        help="scenario files to run (alone, or after --scenarios when both are given)")
    parser.add_argument("--policies", nargs="+", default=list(POLICIES))
    parser.add_argument("--table", nargs="+", type=Path, help="print the table of saved result files and stop")
    parser.add_argument("--categories", nargs="+", type=Path,
                        help="print the agents against ss, category by category, from saved result files and stop")
    args = parser.parse_args()
    if args.categories:
        print(categories([r for path in args.categories
                          for r in json.loads(path.read_text(encoding="utf-8"))["results"]]))
        return
    if args.table:
        print(table([r for path in args.table for r in json.loads(path.read_text(encoding="utf-8"))["results"]]))
        return
    named = args.scenarios if args.scenarios is not None else [] if args.scenario_files else list(SCENARIOS)
    scenarios = [*named, *(str(path.resolve()) for path in args.scenario_files)]
    missing = [s for s in scenarios if not scenario_path(s).is_file()]
    if missing:
        parser.error(f"no scenario file for {', '.join(missing)}")
    # the comparison that matters first (the agents against the baselines, seed by seed), then each agent alone:
    # on a shared machine a run that is stopped early still has its most useful part saved
    first = [p for p in args.policies if p in ("agents", *BASELINES)]
    later = [p for p in args.policies if p not in first]
    jobs = [(s, p, seed, args.days) for group in (first, later) for seed in args.seeds for s in scenarios
            for p in group]
    started = time.perf_counter()
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"agents-compare-{datetime.now():%Y%m%d-%H%M%S}.json"
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        results = []
        for result in pool.map(one, jobs):
            results.append(result)
            m = result["metrics"]
            print(f"{result['file']:>14} {result['policy']:>9} seed {result['seed']}: profit "
                  f"{rupees(m['profit_paise'])} fill {m['fill_rate']:.3f} / {m['fill_rate_priced']:.3f}"
                  f" ({result['seconds']} s)", flush=True)
            path.write_text(json.dumps({"args": vars(args), "seconds": round(time.perf_counter() - started),
                                        "results": results}, indent=2, default=str), encoding="utf-8")
    print()
    print(table(results))
    print()
    print(categories(results))
    print(f"\n{path.relative_to(ROOT)} ({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
