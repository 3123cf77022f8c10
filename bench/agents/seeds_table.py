"""Issue 14's targets over several seeds, from saved compare.py results: one row per shop.

Each seed's `agents` run and `ss` run may sit in different files (the baselines were run once per
seed, the agents again after every change), so the files are given as pairs, seed by seed:

    .venv/bin/python bench/agents/seeds_table.py \\
        --agents A_SEED1.json A_SEED2.json A_SEED3.json --ss SS_SEED1.json SS_SEED2.json SS_SEED3.json

Prints profit as a multiple of ``ss`` per seed and its median, the fill gap to ``ss`` (priced-away
demand counted, points), the days a supplier went unordered past its lead time plus a week, and how
many shops meet each target (>= 1.05x ``ss``; fill at most one point below; no such supplier day).
Only rows of the named policy are read from each file, so a file holding other policies is fine.
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

from rule_check import load

TARGET_MULTIPLE = 1.05
FILL_SLACK = 1.0  # points


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--agents", type=Path, nargs="+", required=True)
    parser.add_argument("--ss", type=Path, nargs="+", required=True)
    parser.add_argument("--policy", default="agents")
    args = parser.parse_args()
    if len(args.agents) != len(args.ss):
        parser.error("give one --ss file for each --agents file, seed by seed")
    seeds = [(load(a, args.policy), load(s, "ss")) for a, s in zip(args.agents, args.ss, strict=True)]
    shops = sorted(set.intersection(*(set(a) & set(s) for a, s in seeds)))
    columns = len(seeds) + 1  # each seed, then the median
    meets = {"multiple": [0] * columns, "fill": [0] * columns, "supplier": [0] * columns}
    print("| shop | × `ss` per seed | median | fill gap (points) | supplier days |")
    print("|---|---|---|---|---|")
    for shop in shops:
        multiple = [a[shop]["profit_paise"] / s[shop]["profit_paise"] for a, s in seeds]
        gap = [100 * (a[shop]["fill_rate_priced"] - s[shop]["fill_rate_priced"]) for a, s in seeds]
        days = [a[shop].get("supplier_unordered_over_days", 0) for a, _ in seeds]
        for i, (m, g, d) in enumerate(zip(
                [*multiple, statistics.median(multiple)], [*gap, statistics.median(gap)],
                [*days, statistics.median(days)], strict=True)):
            meets["multiple"][i] += m >= TARGET_MULTIPLE
            meets["fill"][i] += g >= -FILL_SLACK
            meets["supplier"][i] += d == 0
        print(f"| {shop} | {', '.join(f'{m:.3f}x' for m in multiple)} | **{statistics.median(multiple):.3f}x** "
              f"| {', '.join(f'{g:+.1f}' for g in gap)} | {', '.join(str(d) for d in days)} |")
    print()
    print(f"shops meeting each target, per seed then the median (of {len(shops)}):")
    for target, counts in meets.items():
        print(f"  {target}: {', '.join(str(c) for c in counts)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
