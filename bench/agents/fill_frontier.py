"""What each point of fill costs: saved `compare.py` runs of the agents with more fill bought (a floor on the
perishable newsvendor's critical ratio, ``agents.inventory.fresh_service_bp``, or another way to stock deeper)
against the agents as they are and against ``ss`` ("Issue 14, fifteenth session" in docs/agents.md).

    .venv/bin/python bench/agents/fill_frontier.py BASE.json SS.json LABEL=VARIANT.json [LABEL=VARIANT.json ...]
        [--categories]

BASE holds the agents as they are (policy ``agents``), SS the baseline ``ss`` (the same days and seed), each
VARIANT the agents with more fill bought. One row per shop and variant: fill (priced-away demand counted) and its
gap to ``ss``, profit and its multiple of ``ss``, the points of fill gained over BASE and the rupees of profit each
cost. ``--categories`` adds, per shop and variant, each short-life category's points gained and what its margin
less waste and stock held changed by per point (the cheapest fill first).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app.domain.money import format_inr  # noqa: E402

SHORT_DAYS = 14  # a short-life category keeps 14 days or less, as bench/agents/fill_split.py splits them
HOLDING_A_YEAR = 0.12  # the scenarios' cost of stock held, a year, as by_item.py counts it


def rupees(paise: float) -> str:
    return format_inr(round(paise / 100) * 100, decimals=False)


def _runs(path: Path, policy: str) -> dict[str, dict]:
    results = json.loads(path.read_text(encoding="utf-8"))["results"]
    return {r["file"]: {**r["metrics"], "days": r["days"]} for r in results if r["policy"] == policy}


def _short(name: str) -> set[str]:
    spec = json.loads((ROOT / "resources" / "scenarios" / f"{name}.json").read_text(encoding="utf-8"))["categories"]
    return {c for c, s in spec.items() if s.get("shelf_life") and max(s["shelf_life"]) <= SHORT_DAYS}


def _category_value(cat: dict, days: float) -> float:
    """Paise a category earned: margin at the shelf price less waste less its stock held."""
    held = cat["avg_inventory_value_paise"] * HOLDING_A_YEAR * days / 365
    return cat["margin_at_shelf_price_paise"] - cat["waste_paise"] - held


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    by_category = "--categories" in sys.argv
    base, ss = _runs(Path(args[0]), "agents"), _runs(Path(args[1]), "ss")
    variants = [(label, _runs(Path(path), "agents")) for label, path in (a.split("=", 1) for a in args[2:])]
    print("| shop | variant | fill (priced away counted) | gap to ss, points | profit | × ss | fill gained, points"
          " | profit change | ₹ a point |")
    print("|---|---|---|---|---|---|---|---|---|")
    rows: list[tuple[str, str, dict, dict]] = []
    for name, b in base.items():
        if name not in ss:
            continue
        s = ss[name]
        for label, runs in [("as is", base), *variants]:
            v = runs.get(name)
            if v is None:
                continue
            gained = 100 * (v["fill_rate_priced"] - b["fill_rate_priced"])
            change = v["profit_paise"] - b["profit_paise"]
            per_point = rupees(-change / gained) if label != "as is" and abs(gained) > 0.05 else "-"
            print(f"| {name} | {label} | {100 * v['fill_rate_priced']:.1f}% |"
                  f" {100 * (s['fill_rate_priced'] - v['fill_rate_priced']):+.1f} | {rupees(v['profit_paise'])} |"
                  f" {v['profit_paise'] / s['profit_paise']:.3f} | {gained:+.1f} |"
                  f" {rupees(change)} ({100 * change / b['profit_paise']:+.1f}%) | {per_point} |")
            if label != "as is":
                rows.append((name, label, b, v))
    if not by_category:
        return
    print("\n| shop | variant | short-life category | points gained | value change (margin − waste − stock held) |"
          " ₹ a point |")
    print("|---|---|---|---|---|---|")
    for name, label, b, v in rows:
        demand = b["units_requested"] + b["units_priced_away"]
        days = float(b["days"])
        for category in sorted(_short(name)):
            cb, cv = b["by_category"].get(category), v["by_category"].get(category)
            if not cb or not cv:
                continue
            points = 100 * (cb["units_unserved"] - cv["units_unserved"]) / demand
            change = _category_value(cv, days) - _category_value(cb, days)
            cost = rupees(-change / points) if abs(points) > 0.05 else "-"
            print(f"| {name} | {label} | {category} | {points:+.2f} | {rupees(change)} | {cost} |")


if __name__ == "__main__":
    main()
