"""The tuning cells of issue 13: every tuning set at 4 origins x 3 horizons, one variant of the engine against another.

    nice .venv/bin/python bench/forecast/tuning.py --label base
    nice .venv/bin/python bench/forecast/tuning.py --label otm --set _seasonal.THETA_CV=1 --against base

Cells: OJ from history and with the plan, aus_retail, tourism and PBS (``--sets``), each at the origins 12, 20,
28 and 36 periods before the final windows (``--shift``) x h 4, 8, 12: 60 cells, none of them a final window of
``compare.py``. The score of a cell is the WAPE gain of ours over the best of naive, seasonal naive and the
median of the last 8 periods (statsforecast is not run at these origins), and the share of held-out values
inside p10-p90. A variant is an engine constant set in-process before the cells run (``--set
module.NAME=value``, a module of ``app.ml.forecast``; a value is read as a Python literal). ``--against LABEL``
prints, per set, the mean gain of both and how many cells are ahead, behind and unchanged, and the cells inside
75-85% coverage. Results go to ``bench/results/tuning/LABEL.json``. The daily generated kirana is a tuning set
too (``--sets kirana``, 4 origins 28 days apart), left out by default: the weekly, monthly and quarterly
changes do not touch daily data.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import json
import sys
import time
from multiprocessing import get_context
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
for p in (ROOT, ROOT / "bench" / "forecast"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

import compare  # noqa: E402

OUT = ROOT / "bench" / "results" / "tuning"
SHIFTS = (12, 20, 28, 36)
DAILY_SHIFTS = (28, 56, 84, 112)
# a cell ahead or behind by less than this gain is unchanged (float noise; the same code gives the same gains to the
# last digit from one run to the next, checked in the seventh session)
NOISE = 1e-6
_SETS: dict[str, compare.DataSet] = {}


def apply(settings: list[str]) -> None:
    """Sets ``module.NAME=value`` on the modules of ``app.ml.forecast`` (in this process)."""
    for s in settings:
        name, value = s.split("=", 1)
        mod, attr = name.rsplit(".", 1)
        module = importlib.import_module(f"app.ml.forecast.{mod}")
        if not hasattr(module, attr):
            raise SystemExit(f"app.ml.forecast.{mod} has no {attr}")
        setattr(module, attr, ast.literal_eval(value))


def score(job: tuple[str, bool, int, int, list[str]]) -> dict:
    name, plan, h, shift, settings = job
    apply(settings)
    ds = _SETS[name]
    sub, origin, train, actual, keep = compare.cell(ds, h, shift)
    base = compare.baselines(train, h, ds.season)
    best = min(compare.wape(v, actual) for v in base.values())
    t = time.process_time()
    fc, lo, hi, _el, _m = compare.ours(sub, origin, h, plan)
    cpu = time.process_time() - t
    w = compare.wape(fc, actual)
    seen = ~np.isnan(actual)
    cov = float(((actual >= lo) & (actual <= hi))[seen].mean())
    bias = float(np.where(seen, fc, 0.0).sum() / np.nansum(actual) - 1)  # the forecast's total against the sales'
    return {"set": name + ("+plan" if plan else ""), "h": h, "shift": shift, "series": int(keep.sum()),
            "best_baseline": best, "wape": w, "gain": 1 - w / best, "coverage": cov, "bias": bias, "cpu_s": cpu}


def compare_runs(now: list[dict], before: list[dict], label: str, against: str) -> None:
    key = lambda r: (r["set"], r["h"], r["shift"])  # noqa: E731
    old = {key(r): r for r in before}
    print(f"\n| set | mean gain {against} | mean gain {label} | ahead / behind / same "
          f"| in 75-85% {against} -> {label} |")
    print("|---|---|---|---|---|")
    tot = [0, 0, 0, 0, 0]
    for s in sorted({r["set"] for r in now}):
        part = [r for r in now if r["set"] == s and key(r) in old]
        a = sum(r["gain"] > old[key(r)]["gain"] + NOISE for r in part)
        b = sum(r["gain"] < old[key(r)]["gain"] - NOISE for r in part)
        c0 = sum(75 <= 100 * old[key(r)]["coverage"] <= 85 for r in part)
        c1 = sum(75 <= 100 * r["coverage"] <= 85 for r in part)
        g0 = np.mean([old[key(r)]["gain"] for r in part])
        g1 = np.mean([r["gain"] for r in part])
        print(f"| {s} | {g0:+.2%} | {g1:+.2%} | {a} / {b} / {len(part) - a - b} | {c0} -> {c1} of {len(part)} |")
        tot = [tot[0] + a, tot[1] + b, tot[2] + len(part) - a - b, tot[3] + c0, tot[4] + c1]
    g0 = np.mean([old[key(r)]["gain"] for r in now if key(r) in old])
    g1 = np.mean([r["gain"] for r in now if key(r) in old])
    print(f"| all | {g0:+.2%} | {g1:+.2%} | {tot[0]} / {tot[1]} / {tot[2]} | {tot[3]} -> {tot[4]} |")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--label", required=True)
    ap.add_argument("--set", action="append", default=[], dest="settings", help="module.NAME=value (repeatable)")
    ap.add_argument("--sets", default="oj,oj+plan,aus_retail,tourism,pbs")
    ap.add_argument("--shift", default=",".join(map(str, SHIFTS)))
    ap.add_argument("--horizons", default="4,8,12")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--against", default=None, help="a label run before: cells ahead / behind")
    args = ap.parse_args()
    names = args.sets.split(",")
    for n in {n.removesuffix("+plan") for n in names}:
        _SETS[n] = compare.LOADERS[n]()
    shifts = [int(x) for x in args.shift.split(",")]
    jobs = []
    for n in names:
        ds = _SETS[n.removesuffix("+plan")]
        hs = ds.horizons if ds.freq == "D" else tuple(int(x) for x in args.horizons.split(","))
        for shift in (DAILY_SHIFTS if ds.freq == "D" else shifts):
            jobs += [(n.removesuffix("+plan"), n.endswith("+plan"), h, shift, args.settings) for h in hs]
    # the biggest cells first, so two workers finish together
    jobs.sort(key=lambda j: -_SETS[j[0]].Y.size * j[2])
    t = time.perf_counter()
    with get_context("fork").Pool(args.jobs) as pool:
        rows = pool.map(score, jobs, chunksize=1)
    rows.sort(key=lambda r: (r["set"], r["shift"], r["h"]))
    print(f"{len(rows)} cells in {time.perf_counter() - t:.0f} s wall, {sum(r['cpu_s'] for r in rows):.0f} s CPU "
          f"in ours; settings {args.settings or 'none'}")
    for s in sorted({r["set"] for r in rows}):
        part = [r for r in rows if r["set"] == s]
        cells = " ".join(f"{r['gain']:+.1%}/{r['coverage']:.0%}/{r['bias']:+.1%}" for r in part)
        print(f"{s}: mean gain {np.mean([r['gain'] for r in part]):+.2%}; gain/coverage/bias by origin, h: {cells}")
    print(f"all: mean gain {np.mean([r['gain'] for r in rows]):+.2%}, "
          f"{sum(75 <= 100 * r['coverage'] <= 85 for r in rows)} of {len(rows)} cells in 75-85%")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{args.label}.json").write_text(json.dumps({"settings": args.settings, "cells": rows}, indent=1) + "\n",
                                            encoding="utf-8")
    if args.against:
        before = json.loads((OUT / f"{args.against}.json").read_text(encoding="utf-8"))["cells"]
        compare_runs(rows, before, args.label, args.against)
    return 0


if __name__ == "__main__":
    sys.exit(main())
