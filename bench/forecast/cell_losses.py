"""Where one cell's loss against a baseline lies (issue 13, twenty-second session): per series, our absolute error
less the baseline's, grouped by the method and demand class our forecaster picked, and the series that lose most.

    nice .venv/bin/python bench/forecast/cell_losses.py --set pbs --h 4 [--shift 0] [--against AutoTheta] [--plan]

``--against`` names a simple baseline of ``compare.baselines`` or a statsforecast method (``statsforecast AutoTheta``)
read from its cache (``--sf-cache``, default ``bench/results/statsforecast``; computed into it only with
``--statsforecast``). The excess is a share of the cell's total sales, so the groups add up to our WAPE less the
baseline's.
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

from app.ml.forecast import PlanRow, RegularDates, SeriesHistory, forecast  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", required=True)
    ap.add_argument("--h", type=int, required=True)
    ap.add_argument("--shift", type=int, default=0)
    ap.add_argument("--against", default=None, help="default: the best simple baseline of the cell")
    ap.add_argument("--plan", action="store_true")
    ap.add_argument("--top", type=int, default=12)
    ap.add_argument("--sf-cache", default=str(ROOT / "bench" / "results" / "statsforecast"))
    ap.add_argument("--statsforecast", action="store_true", help="compute statsforecast where the cache lacks it")
    args = ap.parse_args()
    ds = compare.LOADERS[args.set]()
    h = args.h
    sub, origin, train, actual, _keep = compare.cell(ds, h, args.shift)
    base = compare.baselines(train, h, ds.season)
    sf = compare.cached_statsforecast(Path(args.sf_cache), f"{ds.name}_h{h}_o{origin}", train, h, ds.sf_season,
                                      compute=args.statsforecast)
    base.update({k: v for k, (v, _el) in sf.items()})
    name = args.against or min(base, key=lambda k: compare.wape(base[k], actual))
    ref = base[name]
    hist, plan = [], {}
    end = compare.label(sub, origin - 1)
    for s in range(sub.Y.shape[0]):
        y = sub.Y[s, :origin]
        first = int(np.argmax(~np.isnan(y)))
        pr = None if sub.price is None else sub.price[s, first:origin]
        po = None if sub.promo is None else sub.promo[s, first:origin]
        hist.append(SeriesHistory(str(s), RegularDates(compare.label(sub, first), origin - first, sub.freq), y[first:],
                                  pr, po))
        if args.plan and sub.price is not None and sub.promo is not None:
            plan[str(s)] = [PlanRow(compare.label(sub, origin + j),
                                    None if np.isnan(sub.price[s, origin + j]) else float(sub.price[s, origin + j]),
                                    float(np.nan_to_num(sub.promo[s, origin + j]))) for j in range(h)]
    res = forecast(hist, h, sub.freq, plan or None, end=end)  # type: ignore[arg-type]
    fc = np.stack([r.mean for r in res])
    seen = ~np.isnan(actual)
    tot = np.abs(actual[seen]).sum()
    ours_e = np.where(seen, np.abs(fc - np.nan_to_num(actual)), 0.0).sum(axis=1) / tot
    ref_e = np.where(seen, np.abs(ref - np.nan_to_num(actual)), 0.0).sum(axis=1) / tot
    ex = ours_e - ref_e
    print(f"{args.set} h {h} shift {args.shift}{' with the plan' if args.plan else ''}: ours {ours_e.sum():.4f}, "
          f"{name} {ref_e.sum():.4f} ({1 - ours_e.sum() / ref_e.sum():+.1%}); {len(res)} series; "
          f"series behind {int((ex > 0).sum())}, ahead {int((ex < 0).sum())}")
    print("\n| method (class) | series | ours | baseline | excess | behind / ahead |\n|---|---|---|---|---|---|")
    groups: dict[str, list[int]] = {}
    for i, r in enumerate(res):
        groups.setdefault(f"{r.method} ({r.demand_class})", []).append(i)
    for g, idx in sorted(groups.items(), key=lambda kv: -ex[kv[1]].sum()):
        print(f"| {g} | {len(idx)} | {ours_e[idx].sum():.4f} | {ref_e[idx].sum():.4f} | {ex[idx].sum():+.4f} | "
              f"{int((ex[idx] > 0).sum())} / {int((ex[idx] < 0).sum())} |")
    order = np.argsort(-ex)[: args.top]
    print(f"\nthe {args.top} series that lose most (excess, share of the cell's sales; the step-by-step path):")
    for i in order:
        print(f"series {i} {res[i].method} ({res[i].demand_class}): excess {ex[i]:+.4f}; actual "
              f"{np.round(actual[i], 1).tolist()}; ours {np.round(fc[i], 1).tolist()}; {name} "
              f"{np.round(ref[i], 1).tolist()}; last 8 {np.round(train[i, -8:], 1).tolist()}")
    best_k = int(np.ceil(0.1 * len(res)))
    print(f"\nthe {best_k} series (10%) that lose most hold {ex[np.argsort(-ex)[:best_k]].sum():+.4f} of the "
          f"{ex.sum():+.4f} excess")
    return 0


if __name__ == "__main__":
    sys.exit(main())
