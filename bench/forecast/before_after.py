"""Before/after table of two compare.py JSONs: per set and horizon, our WAPE, the gain over the best baseline, coverage.

    python bench/forecast/before_after.py BEFORE.json AFTER.json

A row marked * moved (ours or ours with the plan). The summary counts the plan rows as cells of their own.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np


def cells(rows: list[dict]) -> dict[tuple[str, int], dict[str, dict]]:
    out: dict[tuple[str, int], dict[str, dict]] = {}
    for r in rows:
        out.setdefault((r["set"], r["h"]), {})[r["method"]] = r
    return out


def main() -> int:
    before = cells(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")))
    after = cells(json.loads(Path(sys.argv[2]).read_text(encoding="utf-8")))
    print("| set | h | best baseline (WAPE) | ours before -> after | vs best before -> after "
          "| coverage before -> after | plan vs best before -> after |")
    print("|---|---|---|---|---|---|---|")
    g0s: list[float] = []
    g1s: list[float] = []
    moved = 0
    keys = [k for k in sorted(before) if k in after]
    for k in keys:
        pb, pa = before[k], after[k]
        base = min((r for m, r in pb.items() if not m.startswith("ours")), key=lambda r: r["wape"])
        o0, o1 = pb["ours"], pa["ours"]
        g0, g1 = 1 - o0["wape"] / base["wape"], 1 - o1["wape"] / base["wape"]
        g0s.append(g0)
        g1s.append(g1)
        plan = ""
        same = o0["wape"] == o1["wape"]
        if "ours, with plan" in pb:
            q0, q1 = pb["ours, with plan"], pa["ours, with plan"]
            plan = f"{1 - q0['wape'] / base['wape']:+.1%} -> {1 - q1['wape'] / base['wape']:+.1%}"
            g0s.append(1 - q0["wape"] / base["wape"])
            g1s.append(1 - q1["wape"] / base["wape"])
            same = same and q0["wape"] == q1["wape"]
        moved += not same
        print(f"| {k[0]}{'' if same else ' *'} | {k[1]} | {base['method']} ({base['wape']:.4f}) | "
              f"{o0['wape']:.4f} -> {o1['wape']:.4f} | {g0:+.1%} -> {g1:+.1%} | "
              f"{o0['coverage']:.1%} -> {o1['coverage']:.1%} | {plan} |")
    cov0 = sum(75 <= 100 * before[k]["ours"]["coverage"] <= 85 for k in keys)
    cov1 = sum(75 <= 100 * after[k]["ours"]["coverage"] <= 85 for k in keys)
    print(f"\n{len(g0s)} cells (plan rows counted), {moved} set x h rows moved (*); mean gain over the best baseline "
          f"{np.mean(g0s):+.2%} -> {np.mean(g1s):+.2%}; worst {min(g0s):+.1%} -> {min(g1s):+.1%}; "
          f"cells within 2%: {sum(g > -0.02 for g in g0s)} -> {sum(g > -0.02 for g in g1s)}; "
          f"coverage in 75-85%: {cov0} -> {cov1} (ours, not plan)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
