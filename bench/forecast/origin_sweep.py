"""One set at many earlier origins: ours, the simple baselines and some of our candidates alone, WAPE and coverage.

    nice .venv/bin/python bench/forecast/origin_sweep.py --set blind12-chicago-weekly --shifts 4:104:4 --horizons 4,8,12
    nice .venv/bin/python bench/forecast/origin_sweep.py --set blind7-gasoline --set-const _engine.THETA_SEASON_CV=False

For each horizon and each origin ``shift`` periods before the final window (``compare.cell``; never shift 0 when the
figures choose anything), the WAPE of naive, seasonal naive, the median of the last 8, ours, and our candidates
``median``, ``ets``, ``theta``, ``ets_theta`` and ``combined`` alone (their forecasts at the end, as the engine made
them), ours' p10-p90 coverage and its gain over the best simple baseline; then the means over the origins, and per
step the coverage, the mean absolute error and the range's width (both over the mean actual). Thirteenth session:
the Chicago weekly set's diagnosis (docs/forecasting.md). ``--set-const module.NAME=value`` (repeatable) sets an
engine constant first, as ``tuning.py --set`` does.
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

import compare  # noqa: E402
import tuning  # noqa: E402

from app.ml.forecast import _api  # noqa: E402
from app.ml.forecast import _engine as engine  # noqa: E402

CANDIDATES = ("median", "ets", "theta", "ets_theta", "combined")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", required=True, dest="name")
    ap.add_argument("--shifts", default="4:104:4", help="start:stop:step or a comma list")
    ap.add_argument("--horizons", default="4,8,12")
    ap.add_argument("--set-const", action="append", default=[], dest="settings")
    args = ap.parse_args()
    tuning.apply(args.settings)
    kept: dict[str, engine.BlockResult] = {}
    run_block = engine.run_block

    def keeping(block, horizon, model, n_windows=engine.WINDOWS, keep_candidates=False):  # type: ignore[no-untyped-def]
        kept["last"] = res = run_block(block, horizon, model, n_windows, True)
        return res

    _api.engine.run_block = keeping  # type: ignore[attr-defined]
    ds = compare.LOADERS[args.name]()
    if ":" in args.shifts:
        a, b, c = (int(x) for x in args.shifts.split(":"))
        shifts = list(range(a, b, c))
    else:
        shifts = [int(x) for x in args.shifts.split(",")]
    for h in (int(x) for x in args.horizons.split(",")):
        rows, steps = [], []
        for shift in shifts:
            sub, origin, train, actual, _keep = compare.cell(ds, h, shift)
            base = compare.baselines(train, h, ds.season)
            fc, lo, hi, _el, _m = compare.ours(sub, origin, h, False)
            cands = kept["last"].candidates
            assert cands is not None
            line = {k: compare.wape(v, actual) for k, v in base.items()}
            line["ours"] = compare.wape(fc, actual)
            for m in CANDIDATES:
                line[m] = compare.wape(cands[engine.METHODS.index(m)], actual)
            inside = (actual >= lo) & (actual <= hi)
            line["coverage"] = float(inside.mean())
            line["gain"] = 1 - line["ours"] / min(line[k] for k in base)
            rows.append(line)
            scale = float(np.nanmean(np.abs(actual)))
            steps.append((inside.mean(axis=0), np.nanmean(np.abs(fc - actual), axis=0) / scale,
                          (hi - lo).mean(axis=0) / scale))
            print(f"h {h} shift {shift}: " + " ".join(f"{k} {v:.4f}" for k, v in line.items()), flush=True)
        print(f"h {h}, mean over {len(rows)} origins: "
              + " ".join(f"{k} {np.mean([r[k] for r in rows]):.4f}" for k in rows[0]))
        for i, what in enumerate(("coverage", "mean abs error / mean actual", "p10-p90 width / mean actual")):
            print(f"h {h} per step, {what}: " + " ".join(f"{v:.3f}" for v in np.mean([s[i] for s in steps], axis=0)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
