"""One set at many earlier origins: engine variants side by side against statsforecast and the simple baselines.

    nice .venv/bin/python bench/forecast/variant_sweep.py --set blind14-daily-utility-demand \\
        --shifts 0,2,4,6,8,10,12,14,16,18,20,24,28,32 --horizons 4,8,12 \\
        --variant '_engine.WANDERING_DAILY_DEFAULT=False' --variant '' --sf-cache /tmp/sf-b15
    nice .venv/bin/python bench/forecast/variant_sweep.py --set blind14-daily-utility-demand \\
        --shifts 0,4,8,12,16,20,24,28 --horizons 4,8 --candidates

Each ``--variant`` is a ``;``-separated list of ``module.NAME=value`` settings of ``app.ml.forecast`` (as
``tuning.py --set``; an empty one is the code as it stands); every setting named in any variant is put back before the
next variant runs. Per cell: the best of AutoETS, AutoTheta, naive, seasonal naive and the median of the last 8 (the
statsforecast forecasts computed at each origin and kept in ``--sf-cache``), and each variant's WAPE, gain over that
best baseline and p10-p90 coverage; then each variant's mean gain, worst gain, mean WAPE and coverage per horizon.
``--candidates`` instead prints every statistical candidate's WAPE alone beside ours (the first variant), the view that
showed in the fifteenth session that the weekday x year decomposition alone beats AutoETS on the daily utility set.
A diagnostic (fifteenth session, docs/forecasting.md).
"""

from __future__ import annotations

import argparse
import ast
import copy
import importlib
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
for p in (ROOT, ROOT / "bench" / "forecast"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

import compare  # noqa: E402

from app.ml.forecast import _api  # noqa: E402
from app.ml.forecast import _engine as engine  # noqa: E402

CANDIDATES = ("naive", "ses", "hw_add", "hw_mul", "ets", "theta", "ets_theta", "weekday_year", "median", "combined")


def _module(name: str):  # type: ignore[no-untyped-def]
    return importlib.import_module("app.ml.forecast." + name.rsplit(".", 1)[0])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", required=True, dest="name")
    ap.add_argument("--shifts", default="0,4,8,12,16,20,24,28")
    ap.add_argument("--horizons", default="4,8,12")
    ap.add_argument("--variant", action="append", default=None)
    ap.add_argument("--candidates", action="store_true")
    ap.add_argument("--sf-cache", default=str(ROOT / "bench" / "results" / "statsforecast"))
    args = ap.parse_args()
    variants = [[x for x in v.split(";") if x] for v in (args.variant or [""])]
    names = {x.split("=", 1)[0] for v in variants for x in v}
    saved = {k: copy.deepcopy(getattr(_module(k), k.rsplit(".", 1)[1])) for k in names}
    kept: dict[str, engine.BlockResult] = {}
    run_block = engine.run_block

    def keeping(block, horizon, model, n_windows=engine.WINDOWS, keep_candidates=False):  # type: ignore[no-untyped-def]
        kept["last"] = res = run_block(block, horizon, model, n_windows, True)
        return res

    _api.engine.run_block = keeping  # type: ignore[attr-defined]
    ds = compare.LOADERS[args.name]()
    totals: dict[tuple[int, int], list[tuple[float, float, float]]] = {}
    for h in (int(x) for x in args.horizons.split(",")):
        sums: dict[str, list[float]] = {}
        for shift in (int(x) for x in args.shifts.split(",")):
            sub, origin, train, actual, _keep = compare.cell(ds, h, shift)
            if train.shape[0] == 0:
                continue
            sf = compare.cached_statsforecast(Path(args.sf_cache), f"{args.name}_h{h}_o{origin}", train, h,
                                              ds.sf_season)
            base = {k: compare.wape(v, actual) for k, v in compare.baselines(train, h, ds.season).items()}
            base.update({k.removeprefix("statsforecast "): compare.wape(v, actual) for k, (v, _el) in sf.items()})
            best = min(base.values())
            cells = []
            for i, v in enumerate(variants):
                for k, value in saved.items():
                    setattr(_module(k), k.rsplit(".", 1)[1], copy.deepcopy(value))
                for s in v:
                    k, value = s.split("=", 1)
                    setattr(_module(k), k.rsplit(".", 1)[1], ast.literal_eval(value))
                fc, lo, hi, _el, _m = compare.ours(sub, origin, h, False)
                w = compare.wape(fc, actual)
                seen = ~np.isnan(actual)
                cov = float(((actual >= lo) & (actual <= hi))[seen].mean())
                totals.setdefault((h, i), []).append((1 - w / best, w, cov))
                cells.append(f"{w:.4f} ({1 - w / best:+.1%}, {cov:.0%})")
                if args.candidates and i == 0:
                    cands = kept["last"].candidates
                    assert cands is not None
                    row = {"AutoETS": base.get("AutoETS", np.nan), "AutoTheta": base.get("AutoTheta", np.nan),
                           "ours": w}
                    for m in CANDIDATES:
                        path = cands[engine.METHODS.index(m)]
                        if np.isfinite(path).all():
                            row[m] = compare.wape(path, actual)
                    for k, x in row.items():
                        sums.setdefault(k, []).append(x)
                    print(f"h {h} shift {shift}: " + " ".join(f"{k} {x:.4f}" for k, x in row.items()), flush=True)
            if not args.candidates:
                print(f"h {h} shift {shift:3d} ({train.shape[0]} series): best baseline {best:.4f} | "
                      + " | ".join(cells), flush=True)
        if args.candidates:
            n = max(len(x) for x in sums.values())
            print(f"h {h}, mean over {n} origins: "
                  + " ".join(f"{k} {np.mean(x):.4f}" for k, x in sums.items() if len(x) == n))
    if not args.candidates:
        for h in sorted({h for h, _i in totals}):
            parts = []
            for i in range(len(variants)):
                g, w, c = (np.array(x) for x in zip(*totals[(h, i)], strict=True))
                parts.append(f"variant {i}: mean gain {g.mean():+.2%}, worst {g.min():+.1%}, WAPE {w.mean():.4f}, "
                             f"coverage {c.mean():.0%}")
            print(f"h {h}: " + " | ".join(parts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
