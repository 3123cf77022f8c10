"""The short-life lines behind a fill gap to ``ss``, one row each ("Issue 14, twenty-third session" in
docs/agents.md): from two ``by_item.py`` (or ``raise_trace.py``) runs of one shop and seed, per line the units its
customers were turned away by the agents more than by ``ss`` as points of the shop's fill (priced-away demand
counted), the days its shelf was empty all day, what each policy earned on it (margin less waste) and the rupees
``ss`` gave up per unit it served more; with a ``trace_newsvendor.py`` run of the same shop, the line's case over
its shelf life's demand (a case that is a small part of it is not what leaves the line short).

    .venv/bin/python bench/agents/gap_lines.py AGENTS.json SS.json [TRACE.json] [N]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main() -> None:
    agents, ss = (json.loads(Path(p).read_text(encoding="utf-8")) for p in sys.argv[1:3])
    trace = json.loads(Path(sys.argv[3]).read_text(encoding="utf-8")) if len(sys.argv) > 3 else None
    top = int(sys.argv[4]) if len(sys.argv) > 4 else 10
    cases = {o["sku"]: o["case"] for o in trace["orders"]} if trace else {}
    rates = {x["sku"]: x["rate"] for x in trace["items"]} if trace else {}
    m = ss["metrics"]
    asked = m["units_requested"] + m["units_priced_away"]
    print(f"fill {100 * agents['metrics']['fill_rate_priced']:.2f} against {100 * m['fill_rate_priced']:.2f};"
          f" {asked:,} units asked (priced away counted)")
    print("| line | keeps, days | case / shelf life's demand | unserved agents / ss | points | days empty all day |"
          " earned agents / ss | ₹ a unit ss gave up |")
    print("|---|---|---|---|---|---|---|---|")
    rows = [(a["unserved"] - b["unserved"], a, b) for a, b in zip(agents["items"], ss["items"], strict=True)
            if 0 < a["life"] <= 14]
    rows.sort(key=lambda r: -r[0])
    for more, a, b in rows[:top]:
        mine, theirs = (a["margin"] - a["waste"]) / 100, (b["margin"] - b["waste"]) / 100
        case = cases.get(a["sku"])
        rate = rates.get(a["sku"])
        share = f"{case / (rate * a['life']):.2f}" if case and rate else "-"
        per = (mine - theirs) / more if more > 0 else float("nan")
        print(f"| {a['sku']} | {a['life']} | {share} | {a['unserved']:,.0f} / {b['unserved']:,.0f} |"
              f" {100 * more / asked:.2f} | {a['empty_days']} | ₹{mine:,.0f} / ₹{theirs:,.0f} | {per:.1f} |")


if __name__ == "__main__":
    main()
