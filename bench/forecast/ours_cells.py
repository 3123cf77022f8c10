"""Our forecaster alone on every cell of the named sets, no baselines (issue 13, twentieth session): WAPE and p10-p90
coverage per cell, to compare two trees or two settings of one tree in minutes where statsforecast has no cache.

    nice .venv/bin/python bench/forecast/ours_cells.py --out OUT.json [--sets A,B] [--tuning] [--set module.NAME=value]
    .venv/bin/python bench/forecast/ours_cells.py --against BEFORE.json AFTER.json

``--sets`` defaults to every weekly, monthly and quarterly set of ``compare.LOADERS`` that loads here; ``--tuning``
adds ``tuning.py``'s earlier origins of the five main sets. ``--against`` prints the cells whose WAPE or coverage
moved.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
for p in (ROOT, ROOT / "bench" / "forecast"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

import compare  # noqa: E402
import tuning  # noqa: E402

MAIN = ("oj", "aus_retail", "tourism", "pbs")


def run(names: list[str], with_tuning: bool) -> list[dict]:
    rows = []
    for name in names:
        try:
            ds = compare.LOADERS[name]()
        except Exception as e:  # a set whose data or package is not on this machine
            print(f"{name}: not loaded ({type(e).__name__})", flush=True)
            continue
        if ds.freq == "D":
            continue
        shifts = [0, *(tuning.SHIFTS if with_tuning and name in MAIN else ())]
        for shift in shifts:
            for h in ds.horizons:
                sub, origin, _train, actual, _keep = compare.cell(ds, h, shift)
                fc, lo, hi, _el, _m = compare.ours(sub, origin, h, False)
                seen = ~np.isnan(actual)
                rows.append({"set": name, "h": h, "shift": shift, "wape": compare.wape(fc, actual),
                             "coverage": float(((actual >= lo) & (actual <= hi))[seen].mean())})
                print(f"{name} h{h} s{shift}: {rows[-1]['wape']:.4f} {rows[-1]['coverage']:.1%}", flush=True)
    return rows


def against(before: str, after: str) -> None:
    a = {(r["set"], r["h"], r["shift"]): r for r in json.loads(Path(before).read_text())}
    b = {(r["set"], r["h"], r["shift"]): r for r in json.loads(Path(after).read_text())}
    keys = [k for k in a if k in b]
    moved = [k for k in keys
             if abs(a[k]["wape"] - b[k]["wape"]) > 1e-9 or abs(a[k]["coverage"] - b[k]["coverage"]) > 1e-9]
    print("| set | h | shift | WAPE before | after | change | coverage before | after |")
    print("|---|---|---|---|---|---|---|---|")
    for k in moved:
        x, y = a[k], b[k]
        print(f"| {k[0]} | {k[1]} | {k[2]} | {x['wape']:.4f} | {y['wape']:.4f} | {y['wape'] / x['wape'] - 1:+.2%} | "
              f"{x['coverage']:.1%} | {y['coverage']:.1%} |")
    better = sum(b[k]["wape"] < a[k]["wape"] - 1e-9 for k in keys)
    worse = sum(b[k]["wape"] > a[k]["wape"] + 1e-9 for k in keys)
    print(f"\n{len(keys)} cells in both, {len(moved)} moved; WAPE better on {better}, worse on {worse}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out")
    ap.add_argument("--sets", default=None)
    ap.add_argument("--tuning", action="store_true")
    ap.add_argument("--set", action="append", default=[], dest="settings", help="module.NAME=value (repeatable)")
    ap.add_argument("--against", nargs=2, metavar=("BEFORE", "AFTER"))
    args = ap.parse_args()
    if args.against:
        against(*args.against)
        return 0
    warnings.simplefilter("ignore")
    tuning.apply(args.settings)
    names = args.sets.split(",") if args.sets else [n for n in compare.LOADERS if n not in ("kirana",)]
    rows = run(names, args.tuning)
    Path(args.out).write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
