"""Score a variant of the p10-p90 range on the cells captured by ``range_capture.py``, in seconds (issue 13).

    nice .venv/bin/python bench/forecast/range_variants.py /tmp/ranges --set '_intervals.K_RANGE_AT={}'

For every captured cell: the coverage of the range as captured and of the range rebuilt by
``_intervals.intervals`` with the variant's constants (``--set module.NAME=value``, as in ``tuning.py``), the
interval score (width plus 10 x the distance of each miss, divided by the series' scale: the proper score of a
p10-p90 range, lower is better) of both, and the cells inside 75-85% before and after. ``--by-k`` adds the
coverage of the captured ranges grouped by each series' replayed calibration factor (``_intervals.calibration``
as the code stands): a factor that is right covers 80% in every group. The point forecast is the captured one
in both: a range variant cannot move WAPE.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
for p in (ROOT, ROOT / "bench" / "forecast"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

import tuning  # noqa: E402

from app.ml.forecast import _intervals as iv  # noqa: E402
from app.ml.forecast import _methods as fm  # noqa: E402

K_BINS = (0.0, 0.75, 0.95, 1.05, 1.3, 1.7, 1.99, np.inf)


def coverage(actual: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> float:
    seen = ~np.isnan(actual)
    return float(((actual >= lo) & (actual <= hi))[seen].mean())


def interval_score(actual: np.ndarray, lo: np.ndarray, hi: np.ndarray, scale: np.ndarray) -> float:
    miss = np.maximum(lo - actual, 0) + np.maximum(actual - hi, 0)
    return float(np.nanmean(((hi - lo) + 10 * miss) / scale[:, None]))


def rebuilt(c: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    return iv.intervals(c["mean_z"], c["errs"], c["Y"], c["scale"], str(c["freq"]))  # type: ignore[arg-type]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder")
    ap.add_argument("--set", action="append", default=[], dest="settings", help="module.NAME=value (repeatable)")
    ap.add_argument("--by-k", action="store_true")
    args = ap.parse_args()
    cells = {f.stem: dict(np.load(f)) for f in sorted(Path(args.folder).glob("*.npz"))}
    groups = np.zeros((len(K_BINS) - 1, 2))
    for c in cells.values():  # the factors as the code stands, before the variant is set
        errs = c["errs"][:, : iv.range_windows(c["errs"].shape[2], str(c["freq"]))]  # type: ignore[arg-type]
        k = iv.calibration(iv._values(c["mean_z"], errs, fm.never_zero(c["Y"])))
        inside = (c["actual"] >= c["lo"]) & (c["actual"] <= c["hi"])
        for i in range(len(K_BINS) - 1):
            m = ((k >= K_BINS[i]) & (k < K_BINS[i + 1]))[:, None] & ~np.isnan(c["actual"])
            groups[i] += (inside[m].sum(), m.sum())
    tuning.apply(args.settings)
    band = lambda x: 75 <= 100 * x <= 85  # noqa: E731
    rows = []
    print("| cell | coverage before | after | interval score before | after |\n|---|---|---|---|---|")
    for tag, c in cells.items():
        lo, hi = rebuilt(c)
        a, s = c["actual"], c["scale"]
        row = (coverage(a, c["lo"], c["hi"]), coverage(a, lo, hi),
               interval_score(a, c["lo"], c["hi"], s), interval_score(a, lo, hi, s))
        rows.append(row)
        print(f"| {tag} | {row[0]:.1%} | {row[1]:.1%} | {row[2]:.3f} | {row[3]:.3f} |")
    r = np.array(rows)
    left = sum(band(a) and not band(b) for a, b in r[:, :2])
    better, worse = (r[:, 3] < r[:, 2] - 1e-12).sum(), (r[:, 3] > r[:, 2] + 1e-12).sum()
    # the fourteenth session's rule: coverage moves toward 80% on more cells than away from it
    dist = np.abs(r[:, :2] - 0.8)
    toward, away = int((dist[:, 1] < dist[:, 0] - 1e-9).sum()), int((dist[:, 1] > dist[:, 0] + 1e-9).sum())
    print(f"\n{len(r)} cells, settings {args.settings or 'none'}: in 75-85% {sum(map(band, r[:, 0]))} -> "
          f"{sum(map(band, r[:, 1]))} ({left} left the band); interval score better on {better}, worse on {worse}, "
          f"mean change {np.mean(r[:, 3] / r[:, 2] - 1):+.2%}; coverage toward 80% on {toward}, away on {away}")
    if args.by_k:
        parts = [f"[{K_BINS[i]:g}, {K_BINS[i + 1]:g}) {g[0] / max(g[1], 1):.0%} of {int(g[1])}"
                 for i, g in enumerate(groups)]
        print("coverage by the replayed factor: " + ", ".join(parts))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
