"""The inputs of the p10-p90 range at every cell, captured once, so that ranges built in other ways can be scored
against the same outcomes without rerunning the forecaster (issue 13, ninth session).

    nice .venv/bin/python bench/forecast/range_capture.py --out /tmp/ranges --tuning        # tuning.py's 60 cells
    nice .venv/bin/python bench/forecast/range_capture.py --out /tmp/ranges --sets oj,pbs   # compare.py's final cells

Each cell (set, plan, h, shift) is run through :func:`compare.ours` with ``_engine.intervals`` wrapped: what it is
given (the scale-free forecast, the chosen forecast's CV errors, the history, the scale), the chosen method per
series and the outcomes are written to ``OUT/<set>_h<h>_s<shift>.npz``. The range itself is never changed here.
"""

from __future__ import annotations

import argparse
import sys
from multiprocessing import get_context
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
for p in (ROOT, ROOT / "bench" / "forecast"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

import compare  # noqa: E402
import tuning  # noqa: E402

from app.ml.forecast import _engine  # noqa: E402

_SETS: dict[str, compare.DataSet] = {}


def capture(job: tuple[str, bool, int, int, str]) -> str:
    name, plan, h, shift, out = job
    ds = _SETS[name]
    sub, origin, _train, actual, _keep = compare.cell(ds, h, shift)
    got: list[tuple[np.ndarray, ...]] = []
    methods: list[np.ndarray] = []
    inner, run = _engine.intervals, _engine.run_block

    def wrapped(mean_z, errs, Y, scale, freq):  # type: ignore[no-untyped-def]
        got.append((mean_z, errs, Y, scale))
        return inner(mean_z, errs, Y, scale, freq)

    def run_wrapped(*a, **k):  # type: ignore[no-untyped-def]
        res = run(*a, **k)
        methods.append(np.asarray(res.method))
        return res

    _engine.intervals, _engine.run_block = wrapped, run_wrapped
    try:
        fc, lo, hi, _el, _m = compare.ours(sub, origin, h, plan)
    finally:
        _engine.intervals, _engine.run_block = inner, run
    T = max(g[2].shape[1] for g in got)
    Y = np.concatenate([np.pad(g[2], ((0, 0), (T - g[2].shape[1], 0)), constant_values=np.nan) for g in got])
    tag = f"{name}{'+plan' if plan else ''}_h{h}_s{shift}"
    np.savez(Path(out) / f"{tag}.npz", mean_z=np.concatenate([g[0] for g in got]),
             errs=np.concatenate([g[1] for g in got]), Y=Y, scale=np.concatenate([g[3] for g in got]),
             method=np.concatenate(methods), fc=fc, lo=lo, hi=hi, actual=actual, freq=np.array(ds.freq))
    return tag


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--tuning", action="store_true", help="tuning.py's cells (sets x 4 origins x 3 horizons)")
    ap.add_argument("--sets", default="oj,oj+plan,aus_retail,tourism,pbs")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    Path(args.out).mkdir(parents=True, exist_ok=True)
    names = args.sets.split(",")
    for n in {n.removesuffix("+plan") for n in names}:
        _SETS[n] = compare.LOADERS[n]()
    jobs = []
    for n in names:
        ds = _SETS[n.removesuffix("+plan")]
        daily = ds.freq == "D"
        shifts = (tuning.DAILY_SHIFTS if daily else tuning.SHIFTS) if args.tuning else (0,)
        for shift in shifts:
            jobs += [(n.removesuffix("+plan"), n.endswith("+plan"), h, shift, args.out) for h in ds.horizons]
    jobs.sort(key=lambda j: -_SETS[j[0]].Y.size * j[2])
    with get_context("fork").Pool(args.jobs) as pool:
        for tag in pool.imap_unordered(capture, jobs):
            print(tag, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
