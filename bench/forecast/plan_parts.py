"""Where the plan's gain comes from on OJ with the plan (issue 13, twenty-second session): the blend's parts alone
and mixed, the held-out weeks split by promotion, and the fitted slopes, per cell.

    nice .venv/bin/python bench/forecast/plan_parts.py [--shifts 12,20,28,36] [--horizons 4,8,12] [--set mod.NAME=v]
    nice .venv/bin/python bench/forecast/plan_parts.py --weeks --shifts 0   # the gain week by week instead

Each cell is run through ``compare.ours`` with the plan; ``_engine._blend`` is wrapped to keep its inputs at the
forecast origin (the chosen candidate, the combination, the response's level, the recent median, all with the
plan's factor already on them), so every part is scored on the same held-out weeks. Gains are against the best of
naive, seasonal naive and the median of the last 8 (as ``tuning.py``). ``--shifts 0`` is the final windows. The
``off`` columns add the factor's offset to the forecast as it comes (on a tree that has ``_engine.PLAN_OFFSET`` on,
a second time). ``--weeks``: per held-out week, the gain over the median of the last 8, the share of series on
promotion and the week's sales against the window's mean week.
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

from app.ml.forecast import _engine  # noqa: E402

_CAUGHT: list[dict] = []
_orig_blend = _engine._blend
_orig_run = _engine.run_block


def _blend(final, paths, cls, driven, planned):  # type: ignore[no-untyped-def]
    out = _orig_blend(final, paths, cls, driven, planned)
    _CAUGHT.append({"choice": final[:, -1].copy(), "comb": paths[_engine.COMBINED, -1].copy(),
                    "resp": paths[_engine.RESPONSE, -1].copy(), "med": paths[_engine.MEDIAN, -1].copy(),
                    "final": out[:, -1].copy(), "driven": driven.copy(), "cls": cls.copy()})
    return out


def _run(block, horizon, model, n_windows=_engine.WINDOWS, keep_candidates=False):  # type: ignore[no-untyped-def]
    res = _orig_run(block, horizon, model, n_windows, keep_candidates)
    _CAUGHT[-1]["scale"] = _engine.series_scale(block.Y, block.freq)
    _CAUGHT[-1]["b"] = np.clip(res.drivers.response.elasticity, *_engine.ELASTICITY_RANGE)
    _CAUGHT[-1]["c"] = np.clip(res.drivers.response.promo_lift, 0.0, 3.0)
    _CAUGHT[-1]["F"] = res.drivers.factor(block.Pf, block.Rf)
    return res


def parts(ds: compare.DataSet, h: int, shift: int) -> dict:
    sub, origin, train, actual, _keep = compare.cell(ds, h, shift)
    _CAUGHT.clear()
    fc, _lo, _hi, _el, _m = compare.ours(sub, origin, h, True)
    cat = {k: np.concatenate([c[k] for c in _CAUGHT]) for k in _CAUGHT[0]}
    sc = cat["scale"][:, None]
    p = {k: np.where(np.isnan(cat[k][:, :h]), cat["choice"][:, :h], cat[k][:, :h]) * sc
         for k in ("choice", "comb", "resp", "med")}
    out = (p["choice"] + p["comb"]) / 2
    base = compare.baselines(train, h, ds.season)
    best = min(compare.wape(v, actual) for v in base.values())
    g = lambda f: 1 - compare.wape(f, actual) / best  # noqa: E731
    promo = sub.promo[:, origin : origin + h]
    seen = ~np.isnan(actual)
    on = (promo > 0) & seen
    off = (promo == 0) & seen
    row = {"h": h, "shift": shift, "best": best, "final": g(fc),
           "check": float(np.abs(cat["final"][:, :h] * sc - fc).max())}
    for k in ("choice", "comb", "resp", "med"):
        row[k] = g(p[k])
    row["out"] = g(out)
    for w in (0.25, 0.4, 0.6, 0.75):
        row[f"resp{w}"] = g((1 - w) * out + w * p["resp"])
    # the plan's factor put back on the offset the slopes were fitted on: (level + k) F - k = forecast + k (F - 1)
    for k in (0.05, 0.1, 0.2):
        row[f"off{k}"] = g(fc + sc * k * (cat["F"][:, :h] - 1))
    # the final forecast's bias and share of the absolute error in promotion weeks and in the rest
    e = np.abs(fc - np.nan_to_num(actual))
    tot = e[seen].sum()
    row["promo_weeks"] = float(on.sum() / seen.sum())
    row["err_promo"] = float(e[on].sum() / tot)
    row["bias_promo"] = float(fc[on].sum() / actual[on].sum() - 1)
    row["bias_rest"] = float(fc[off].sum() / actual[off].sum() - 1)
    row["resp_bias_promo"] = float(p["resp"][on].sum() / actual[on].sum() - 1)
    row["resp_bias_rest"] = float(p["resp"][off].sum() / actual[off].sum() - 1)
    row["out_bias_promo"] = float(out[on].sum() / actual[on].sum() - 1)
    row["out_bias_rest"] = float(out[off].sum() / actual[off].sum() - 1)
    row["b_med"] = float(np.median(cat["b"]))
    row["c_med"] = float(np.median(cat["c"]))
    return row


def weeks(ds: compare.DataSet, h: int, shift: int) -> str:
    sub, origin, train, actual, _keep = compare.cell(ds, h, shift)
    fc = compare.ours(sub, origin, h, True)[0]
    base = compare.baselines(train, h, ds.season)["median of last 8"]
    promo = sub.promo[:, origin : origin + h]
    out = []
    for j in range(h):
        a = actual[:, j]
        m = ~np.isnan(a)
        eo, eb = np.abs(fc[m, j] - a[m]).sum(), np.abs(base[m, j] - a[m]).sum()
        out.append(f"wk{origin + j - ds.Y.shape[1]}: gain {1 - eo / eb:+.0%} promo {np.mean(promo[m, j] > 0):.0%} "
                   f"sales/mean {a[m].sum() / np.nansum(actual) * h:.2f}")
    return f"h {h} shift {shift}: " + "; ".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shifts", default=",".join(map(str, tuning.SHIFTS)))
    ap.add_argument("--horizons", default="4,8,12")
    ap.add_argument("--set", action="append", default=[], dest="settings")
    ap.add_argument("--weeks", action="store_true")
    args = ap.parse_args()
    tuning.apply(args.settings)
    if args.weeks:
        ds = compare.load_oj()
        for h in (int(x) for x in args.horizons.split(",")):
            for shift in (int(x) for x in args.shifts.split(",")):
                print(weeks(ds, h, shift), flush=True)
        return 0
    _engine._blend = _blend
    _engine.run_block = _run
    ds = compare.load_oj()
    rows = []
    for h in (int(x) for x in args.horizons.split(",")):
        for shift in (int(x) for x in args.shifts.split(",")):
            r = parts(ds, h, shift)
            rows.append(r)
            print(" ".join(f"{k}={v:+.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in r.items()), flush=True)
    keys = [k for k in rows[0] if k not in ("h", "shift", "check")]
    print("\nmean over cells by h:")
    for h in sorted({r["h"] for r in rows}):
        part = [r for r in rows if r["h"] == h]
        print(f"h {h}: " + " ".join(f"{k}={np.mean([r[k] for r in part]):+.3f}" for k in keys))
    return 0


if __name__ == "__main__":
    sys.exit(main())
