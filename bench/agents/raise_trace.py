"""The fresh raise item by item: one `by_item.py` run that also keeps, per item, the days its fresh floor was raised
(`app.agents.fresh_cases.item_floors`); ``RAISED_FLOOR=0`` in the environment runs the same shop with the raise off,
``RAISED_REACH=1`` with it on every line out half the time ("Issue 14, twenty-first session" in docs/agents.md).

    [RAISED_FLOOR=0] [RAISED_REACH=R] .venv/bin/python bench/agents/raise_trace.py SCENARIO DAYS OUT.json [SEED]
    .venv/bin/python bench/agents/raise_trace.py --compare RAISED.json PLAIN.json [N]

The second form prints the N items (20 by default) whose profit (margin less waste) the raise changed most, with
the days raised, the units sold more, and the rupees each unit sold more cost.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench" / "agents"))


def run() -> None:
    import by_item

    import app.agents.fresh_cases as fresh_cases
    import app.agents.inventory as inventory_module  # noqa: F401  (fresh_cases.item_floors is looked up there)

    if "RAISED_FLOOR" in os.environ:
        fresh_cases.RAISED_FLOOR = float(os.environ["RAISED_FLOOR"])
    if "RAISED_REACH" in os.environ:
        fresh_cases.RAISED_REACH = float(os.environ["RAISED_REACH"])
    raised: dict[str, int] = {}
    floors = fresh_cases.item_floors

    def counted(snap, floor):  # the days each item's floor was raised
        out = floors(snap, floor)
        for i in np.nonzero(out > floor + 1e-9)[0]:
            raised[snap.skus[i]] = raised.get(snap.skus[i], 0) + 1
        return out

    fresh_cases.item_floors = counted
    scenario, days, out = sys.argv[1], sys.argv[2], sys.argv[3]
    seed = sys.argv[4] if len(sys.argv) > 4 else "1"
    sys.argv = [sys.argv[0], scenario, "agents", days, out, seed]
    by_item.main()
    data = json.loads(Path(out).read_text(encoding="utf-8"))
    data["raised_days"] = raised
    Path(out).write_text(json.dumps(data), encoding="utf-8")


def compare(raised_path: Path, plain_path: Path, top: int) -> None:
    a = json.loads(raised_path.read_text(encoding="utf-8"))
    b = json.loads(plain_path.read_text(encoding="utf-8"))
    days = a.get("raised_days", {})
    rows = []
    for x, y in zip(a["items"], b["items"], strict=True):
        d_profit = (x["margin"] - x["waste"]) - (y["margin"] - y["waste"])
        d_sold = x["sold"] - y["sold"]
        rows.append((d_profit, d_sold, x, y))
    print(f"profit {a['metrics']['profit_paise'] / 100:,.0f} vs {b['metrics']['profit_paise'] / 100:,.0f};"
          f" fill {100 * a['metrics']['fill_rate_priced']:.2f} vs {100 * b['metrics']['fill_rate_priced']:.2f}")
    print("| item | cat | life | raised days | sold plain→raised | unserved plain | waste ₹ plain→raised |"
          " profit change ₹ | ₹ a unit more |")
    print("|---|---|---|---|---|---|---|---|---|")
    rows.sort(key=lambda r: abs(r[0]), reverse=True)
    for d_profit, d_sold, x, y in rows[:top]:
        per = d_profit / 100 / d_sold if abs(d_sold) > 0.5 else float("nan")
        print(f"| {x['sku']} | {x['cat']} | {x['life']} | {days.get(x['sku'], 0)} | {y['sold']:.0f}→{x['sold']:.0f} |"
              f" {y['unserved']:.0f} | {y['waste'] / 100:,.0f}→{x['waste'] / 100:,.0f} | {d_profit / 100:+,.0f} |"
              f" {per:+.2f} |")


if __name__ == "__main__":
    if sys.argv[1] == "--compare":
        compare(Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]) if len(sys.argv) > 4 else 20)
    else:
        run()
