"""Why a captured cell's p10-p90 range misses, in one page per cell (issue 13, fourteenth session).

    nice .venv/bin/python bench/forecast/range_capture.py --out /tmp/ranges --sets blind13-us-employment
    .venv/bin/python bench/forecast/range_diagnose.py /tmp/ranges [--cells us-employment]

Reads the captures of ``range_capture.py`` (nothing is rerun) and prints, per cell: the coverage with the shares
under p10 and over p90 and without the set-wide shift of each step (``coverage.diagnose``: near 80% without it
means a month every series met, which no series' past shows); the coverage per step and per chosen method; the
replayed calibration factor ``k`` (as bounded, and unbounded) and the share of series at the bound; how large the
outcomes' errors were against the range's own CV errors (the ratio of the mean absolute errors, pooled and per
series: about 1 means the windows saw errors of the future's size); how far a CV window's steps move together (the
share of steps with the window's majority sign, and the window's mean error over its mean absolute error: near 1,
a level error, so five windows are five outcomes, not twenty); and the coverage the same ranges would have if
widened (in log around the forecast) by 1.25, 1.5 and 2.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
for p in (ROOT, ROOT / "bench" / "forecast"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

import coverage  # noqa: E402

from app.ml.forecast import _engine as en  # noqa: E402
from app.ml.forecast import _intervals as iv  # noqa: E402
from app.ml.forecast import _methods as fm  # noqa: E402


def report(tag: str, c: dict[str, np.ndarray]) -> list[str]:
    fc, lo, hi, act = c["fc"], c["lo"], c["hi"], c["actual"]
    freq = str(c["freq"])
    d = coverage.diagnose(fc, lo, hi, act)
    out = [f"{tag}: coverage {d['coverage']:.1%} (under p10 {d['under']:.1%}, over p90 {d['over']:.1%}; "
           f"without the set-wide shift {d['without_shift']:.1%})",
           "  per step: " + " ".join(f"{x:.0%}" for x in d["step_coverage"])]  # type: ignore[union-attr]
    seen = ~np.isnan(act)
    inside = (act >= lo) & (act <= hi)
    parts = []
    for m in np.unique(c["method"]):
        s = c["method"] == m
        parts.append(f"{en.METHODS[int(m)]} {int(s.sum())}: {inside[s][seen[s]].mean():.0%}")
    out.append("  per chosen method (series: coverage): " + ", ".join(parts))
    H = c["errs"].shape[2]
    errs = c["errs"][:, : iv.range_windows(H, freq)]  # type: ignore[arg-type]
    values = iv._values(c["mean_z"], errs, fm.never_zero(c["Y"]))
    bound = iv.K_RANGE_AT.get(freq, iv.K_RANGE)
    k = iv.calibration(values, iv.TARGET, bound)
    raw = iv.calibration(values, iv.TARGET, (1e-3, 1e3))
    q = (0.1, 0.25, 0.5, 0.75, 0.9)
    out.append(f"  factor k (bound {bound[0]:g}-{bound[1]:g}) at 10/25/50/75/90%: "
               + " / ".join(f"{x:.2f}" for x in np.quantile(k, q))
               + "; unbounded: " + " / ".join(f"{x:.2f}" for x in np.quantile(raw, q))
               + f"; {np.mean(raw > bound[1]):.0%} of series above the bound")
    with warnings.catch_warnings(), np.errstate(invalid="ignore", divide="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        fut = np.abs(act - fc) / c["scale"][:, None]
        cv = np.abs(errs)
        per_step = np.nanmean(fut, axis=0) / np.nanmean(cv, axis=(0, 1))
        per_series = np.nanmean(fut, axis=1) / np.nanmean(cv, axis=(1, 2))
        out.append(f"  outcomes' |error| over the range's CV |errors|: pooled {np.nanmean(fut) / np.nanmean(cv):.2f}, "
                   "per step " + " ".join(f"{x:.2f}" for x in per_step) + "; per series at 10/25/50/75/90%: "
                   + " / ".join(f"{x:.2f}" for x in np.nanquantile(per_series, q)))
        sign = np.abs(np.nanmean(np.sign(errs), axis=2))
        level = np.nanmean(np.abs(np.nanmean(errs, axis=2))) / np.nanmean(np.abs(errs))
        out.append(f"  CV windows: {errs.shape[1]} used; a window's steps with its majority sign "
                   f"{(1 + np.nanmean(sign)) / 2:.0%}; |window mean error| / mean |error| {level:.2f}")
        wider = []
        for f in (1.25, 1.5, 2.0):
            ratio_lo, ratio_hi = np.log(lo / fc), np.log(hi / fc)
            lo_f = np.where(lo > 0, fc * np.exp(f * ratio_lo), lo)
            hi_f = fc * np.exp(f * ratio_hi)
            wider.append(f"x{f:g} {((act >= lo_f) & (act <= hi_f))[seen].mean():.0%}")
    out.append("  the same ranges widened in log around the forecast: " + ", ".join(wider))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder")
    ap.add_argument("--cells", default="", help="only cells whose name holds this text")
    args = ap.parse_args()
    for f in sorted(Path(args.folder).glob("*.npz")):
        if args.cells in f.stem:
            print("\n".join(report(f.stem, dict(np.load(f)))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
