"""Where the agents' profit falls short of 1.05x ``ss``, shop by shop, and what could close it (issue 14,
twenty-third session).

For every scenario of the agents' result file with an ``ss`` run of the same seed in the baselines' file: the
profit ratio, the rupees 1.05x needs, and agents − ``ss`` split into margin (at the shelf price) on the
categories without perishable items and on the others, waste, and the stock held (profit is margin − waste −
holding in the simulator, so the four add up to the profit gap). Then two ceilings on what is left to take:

* **stock**: ``ss``'s margin lost to empty shelves (at the shelf price), the most any stocking could add over
  ``ss`` at the same prices with no more stock held; where the need is above it, no inventory rule can reach 1.05x;
* **price** (``--headroom``): ``price_headroom.py``'s bound, what the best daily price (MRP to 15% under) would add
  under the simulator's own demand with every unit served, and its part on items whose competitor price the shop
  sees; and the units priced away by the agents and by ``ss`` (equal when the agents never moved a price).

    .venv/bin/python bench/agents/shortfall.py AGENTS.json BASELINES.json [--seed N] [--headroom]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

TARGET = 1.05


def rupees(paise: float) -> str:
    return f"₹{paise / 100:,.0f}"


def headroom(scenario: str, seed: int) -> tuple[float, float]:
    """price_headroom.py's 'all' row for a scenario: (best price adds, of it on items with a seen competitor)."""
    from bench.agents.compare import scenario_path

    path = scenario_path(scenario)
    relative = Path("..", "..", path.relative_to(ROOT)).with_suffix("")
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "agents" / "price_headroom.py"), str(relative),
                          str(seed)], capture_output=True, text=True, check=True, cwd=ROOT).stdout
    row = next(line for line in out.splitlines() if line.startswith("| all |"))
    cells = [float(re.sub(r"[₹,]", "", c)) for c in row.strip("|").split("|")[2:4]]
    return cells[0] * 100, cells[1] * 100


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("agents", type=Path)
    parser.add_argument("baselines", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--headroom", action="store_true", help="run price_headroom.py on each shop (seconds each)")
    args = parser.parse_args()
    mine = {r["file"]: r["metrics"] for r in json.loads(args.agents.read_text(encoding="utf-8"))["results"]
            if r["policy"] == "agents" and r["seed"] == args.seed}
    theirs = {r["file"]: r["metrics"] for r in json.loads(args.baselines.read_text(encoding="utf-8"))["results"]
              if r["policy"] == "ss" and r["seed"] == args.seed}
    head = ("| shop | × ss | 1.05x needs | margin, goods without perishables | margin, with perishables | waste |"
            " stock held | stock ceiling (ss's lost margin) |")
    rule = "|---|---|---|---|---|---|---|---|"
    if args.headroom:
        head += " price ceiling (seen competitor) | priced away, agents / ss |"
        rule += "---|---|"
    print(head)
    print(rule)
    for scenario, a in mine.items():
        b = theirs.get(scenario)
        if b is None or "by_category" not in a or "by_category" not in b:
            continue
        keep = fresh = 0.0
        for category, x in a["by_category"].items():
            gain = x["margin_at_shelf_price_paise"] - b["by_category"][category]["margin_at_shelf_price_paise"]
            if x["perishable_items"]:
                fresh += gain
            else:
                keep += gain
        lost = sum(c["lost_margin_at_shelf_price_paise"] for c in b["by_category"].values())
        need = TARGET * b["profit_paise"] - a["profit_paise"]
        line = (f"| {scenario} | {a['profit_paise'] / b['profit_paise']:.3f}x | {rupees(need)} | {rupees(keep)} |"
                f" {rupees(fresh)} | {rupees(b['waste_paise'] - a['waste_paise'])} |"
                f" {rupees(b['holding_cost_paise'] - a['holding_cost_paise'])} | {rupees(lost)} |")
        if args.headroom:
            price, seen = headroom(scenario, args.seed)
            line += (f" {rupees(price)} ({rupees(seen)}) | {a['units_priced_away']:,.0f} /"
                     f" {b['units_priced_away']:,.0f} |")
        print(line)


if __name__ == "__main__":
    main()
