"""Why a set's p10-p90 range misses: per step, the share of outcomes under p10 and over p90, and the
coverage once the set-wide shift of that step is taken out (issue 13).

    .venv/bin/python bench/forecast/coverage.py --sets pbs            # the final windows
    .venv/bin/python bench/forecast/coverage.py --sets pbs --shift 12 # a tuning origin, 12 periods earlier

The set-wide shift of a step is the median over the set's series of log(actual / forecast) (never-zero
series only). A range that is right for each series alone still misses when every series meets the same
month: if coverage comes back near 80% with the shift taken out, the misses are that shared month, which
no series' own past (its CV windows) can show; if it stays low, the ranges themselves are too narrow.
Same cells and forecasts as ``compare.py`` (its loaders, :func:`compare.cell` and :func:`compare.ours`).
"""

from __future__ import annotations

import argparse
import warnings

import numpy as np
from compare import LOADERS, cell, ours


def diagnose(fc: np.ndarray, lo: np.ndarray, hi: np.ndarray, actual: np.ndarray) -> dict[str, object]:
    """Coverage, the shares under p10 and over p90, the set-wide shift per step and the coverage without it."""
    seen = ~np.isnan(actual)
    with np.errstate(divide="ignore", invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        ratio = np.where((actual > 0) & (fc > 0), np.log(actual / fc), np.nan)
        shift = np.nan_to_num(np.nanmedian(ratio, axis=0))
    shifted = actual * np.exp(-shift)[None, :]
    inside = (actual >= lo) & (actual <= hi)
    return {"coverage": float(inside[seen].mean()), "under": float((actual < lo)[seen].mean()),
            "over": float((actual > hi)[seen].mean()), "shift": shift,
            "step_coverage": [float(inside[seen[:, j], j].mean()) if seen[:, j].any() else float("nan")
                              for j in range(actual.shape[1])],
            "without_shift": float(((shifted >= lo) & (shifted <= hi))[seen].mean())}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", default="pbs")
    ap.add_argument("--shift", type=int, default=0, help="periods before the final windows (0: the final ones)")
    args = ap.parse_args()
    for name in args.sets.split(","):
        ds = LOADERS[name]()
        for h in ds.horizons:
            sub, origin, _train, actual, _keep = cell(ds, h, args.shift)
            fc, lo, hi, _el, _methods = ours(sub, origin, h, False)
            d = diagnose(fc, lo, hi, actual)
            print(f"{name} h {h} shift {args.shift}: coverage {d['coverage']:.1%} (under p10 {d['under']:.1%}, "
                  f"over p90 {d['over']:.1%}); without the set-wide shift {d['without_shift']:.1%}")
            print("  set-wide log(actual/forecast) per step: " + " ".join(f"{x:+.2f}" for x in d["shift"]))
            print("  coverage per step: " + " ".join(f"{x:.0%}" for x in d["step_coverage"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
