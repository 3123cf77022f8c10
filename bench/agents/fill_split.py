"""The fill gap between two policies of saved `compare.py` runs, split by how long each category keeps: the points of
fill (priced-away demand counted) each kind of category loses more than the other policy, and the margin at the shelf
price the extra unserved units would have earned against the waste the policy saves there ("Issue 14, thirteenth
session" in docs/agents.md).

    .venv/bin/python bench/agents/fill_split.py AGENTS.json SS.json [SEED]

A category's shelf life is the longest its scenario file gives it ("short": 14 days or less, "long": a shelf life of
more than 14 days, "keeps": none). The columns are points of fill, the second policy's less the first's, so a
positive figure is where the first policy (the agents) serves less; they add up to the gap, up to rounding and the
units sold by substitution.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app.domain.money import format_inr  # noqa: E402

SHORT_DAYS = 14


def _kind(spec: dict) -> str:
    life = spec.get("shelf_life")
    if not life:
        return "keeps"
    return "short" if max(life) <= SHORT_DAYS else "long"


def _runs(path: Path, policy: str, seed: int) -> dict[str, dict]:
    results = json.loads(path.read_text(encoding="utf-8"))["results"]
    return {r["file"]: r["metrics"] for r in results if r["policy"] == policy and r["seed"] == seed}


def rupees(paise: float) -> str:
    """Whole rupees grouped the Indian way (₹1,78,339), as the rest of docs/agents.md writes them."""
    return format_inr(round(paise / 100) * 100, decimals=False)


def main() -> None:
    first, second = Path(sys.argv[1]), Path(sys.argv[2])
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    agents, ss = _runs(first, "agents", seed), _runs(second, "ss", seed)
    print("| scenario | fill: agents / ss | gap | short-life, points | long-life, points | keeps, points | priced away,"
          " points | short-life: lost margin more, waste less |")
    print("|---|---|---|---|---|---|---|---|")
    for name in agents:
        if name not in ss:
            continue
        spec = json.loads((ROOT / "resources" / "scenarios" / f"{name}.json").read_text(encoding="utf-8"))["categories"]
        a, s = agents[name], ss[name]
        da, ds = a["units_requested"] + a["units_priced_away"], s["units_requested"] + s["units_priced_away"]
        points = {"short": 0.0, "long": 0.0, "keeps": 0.0}
        lost, saved = 0.0, 0.0
        for category, cat_a in a["by_category"].items():
            cat_s = s["by_category"].get(category, {})
            kind = _kind(spec.get(category, {}))
            points[kind] += 100 * (cat_a["units_unserved"] / da - cat_s.get("units_unserved", 0) / ds)
            if kind == "short":
                lost += cat_a["lost_margin_at_shelf_price_paise"] - cat_s.get("lost_margin_at_shelf_price_paise", 0)
                saved += cat_s.get("waste_paise", 0) - cat_a["waste_paise"]
        priced = 100 * (a["units_priced_away"] / da - s["units_priced_away"] / ds)
        gap = 100 * (s["fill_rate_priced"] - a["fill_rate_priced"])
        print(f"| {name} | {100 * a['fill_rate_priced']:.1f}% / {100 * s['fill_rate_priced']:.1f}% | {gap:+.1f} |"
              f" {points['short']:+.1f} | {points['long']:+.1f} | {points['keeps']:+.1f} | {priced:+.1f} |"
              f" {rupees(lost)}, {rupees(saved)} |")


if __name__ == "__main__":
    main()
