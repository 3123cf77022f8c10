"""Waste week by week from a run's start, from ``by_item.py`` files: how much of a year's waste the first weeks hold,
when the agents take over from the warm-up's kirana and read its history (docs/agents.md, "Issue 14, twenty-first
session: items never stocked", part 6). Each unit thrown away is priced at the item's cost (its year's waste over its
units). Week 1 also holds the opening shelf the warm-up leaves, the same for every policy.

    .venv/bin/python bench/agents/startup_waste.py SCENARIO BY_ITEM.json [SCENARIO BY_ITEM.json ...]

One markdown row per run: the waste of weeks 1-4, the mean week after them, the first four weeks' excess over four
such weeks, and the three items that threw away most in those weeks.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WEEKS = 4


def main() -> None:
    args = sys.argv[1:]
    print("| scenario | weeks 1-4 | mean week after | excess of weeks 1-4 | most in weeks 1-4 |")
    print("|---|---|---|---|---|")
    for name, path in zip(args[::2], args[1::2], strict=True):
        raw = json.loads((ROOT / "resources" / "scenarios" / f"{name}.json").read_text(encoding="utf-8"))
        start = date.fromisoformat(raw["start"])
        run = json.loads(Path(path).read_text(encoding="utf-8"))
        days = int(run["metrics"].get("days", 365))
        weeks = [0.0] * (days // 7 + 1)
        by_item: dict[str, float] = {}
        for item in run["items"]:
            units = sum(item["wasted"].values())
            if not units:
                continue
            rupees = item["waste"] / units / 100
            for day, thrown in item["wasted"].items():
                week = (date.fromisoformat(day) - start).days // 7
                if 0 <= week < len(weeks):
                    weeks[week] += thrown * rupees
                if week < WEEKS:
                    by_item[item["sku"]] = by_item.get(item["sku"], 0.0) + thrown * rupees
        full = days // 7
        after = sum(weeks[WEEKS:full]) / max(full - WEEKS, 1)
        first = weeks[:WEEKS]
        top = sorted(by_item.items(), key=lambda kv: -kv[1])[:3]
        print(f"| {name} | " + ", ".join(f"₹{w:,.0f}" for w in first) + f" | ₹{after:,.0f} |"
              f" ₹{sum(first) - WEEKS * after:,.0f} | " + ", ".join(f"{sku} ₹{v:,.0f}" for sku, v in top) + " |")


if __name__ == "__main__":
    main()
