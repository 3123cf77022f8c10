"""Judge an agents change by the project's rule, from saved compare.py results.

The rule (docs/agents.md): at 365 days, seed 1, on all 14 bundled shops, no shop's profit
falls by more than 1% and the sum of profits rises, against main's code on the same draws.
This prints one row per shop (profit, change, multiple of ``ss``, fill counting priced-away
demand, days a supplier went unordered past its lead time plus a week) and the verdict.

    .venv/bin/python bench/agents/rule_check.py CANDIDATE.json \\
        [--main MAIN.json] [--ss SS.json] [--policy agents]

``--main`` and ``--ss`` default to main's saved results on the current simulator draws.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"
MAIN = RESULTS / "final-23-agents-bundled-seed1-365d.json"
SS = RESULTS / "newsim-14-main-ss-agents-bundled-seed1-365d.json"
ALLOWED_FALL = 1.0  # percent


def load(path: Path, policy: str) -> dict[str, dict[str, Any]]:
    """Metrics by scenario file for one policy of a compare.py results file."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {r["file"]: r["metrics"] for r in data["results"] if r["policy"] == policy}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("candidate", type=Path)
    parser.add_argument("--main", type=Path, default=MAIN)
    parser.add_argument("--ss", type=Path, default=SS)
    parser.add_argument("--policy", default="agents", help="policy read from the candidate and main")
    args = parser.parse_args()
    ref = load(args.main, args.policy)
    ss = load(args.ss, "ss")
    new = load(args.candidate, args.policy)
    shared = sorted(set(ref) & set(new))
    if not shared:
        print("no scenario in both files")
        return 2
    print("| shop | profit main → candidate | change | × ss | fill (priced-away counted) | supplier days |")
    print("|---|---|---|---|---|---|")
    total_ref = total_new = 0
    worst = (float("inf"), "")
    for key in shared:
        a, b = ref[key]["profit_paise"], new[key]["profit_paise"]
        change = (b - a) / abs(a) * 100 if a else 0.0
        total_ref += a
        total_new += b
        if change < worst[0]:
            worst = (change, key)
        s = ss.get(key, {})
        times = (
            f"{a / s['profit_paise']:.3f} → {b / s['profit_paise']:.3f}"
            if s.get("profit_paise", 0) > 0 else "-"
        )
        fill = f"{ref[key]['fill_rate_priced'] * 100:.1f} → {new[key]['fill_rate_priced'] * 100:.1f}"
        if s:
            fill += f" (ss {s['fill_rate_priced'] * 100:.1f})"
        days = f"{ref[key]['supplier_unordered_over_days']} → {new[key]['supplier_unordered_over_days']}"
        if s:
            days += f" (ss {s['supplier_unordered_over_days']})"
        name = Path(key).stem
        print(f"| {name} | ₹{a / 100:,.0f} → ₹{b / 100:,.0f} | {change:+.2f}% | {times} | {fill} | {days} |")
    rise = (total_new - total_ref) / abs(total_ref) * 100 if total_ref else 0.0
    print(f"\nsum ₹{total_ref / 100:,.0f} → ₹{total_new / 100:,.0f} ({rise:+.2f}%); "
          f"worst {worst[0]:+.2f}% {Path(worst[1]).stem if worst[1] else '-'}")
    missing = sorted(set(ref) - set(new))
    if missing:
        print(f"not in the candidate: {', '.join(Path(m).stem for m in missing)}")
    ok = not missing and total_new > total_ref and worst[0] >= -ALLOWED_FALL
    print("rule: " + ("passes" if ok else "fails"))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
