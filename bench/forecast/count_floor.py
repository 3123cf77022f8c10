"""The count floor of the p10-p90 range (``_intervals.count_quantiles``) rebuilt in other ways on captured cells (issue
13, twenty-first session): other dispersions, other ways to join it to the CV range, and the coverage the count range
would have if the forecast were the count's true mean.

    nice .venv/bin/python bench/forecast/range_capture.py --out /tmp/cap --jobs 1 --sets SET,SET   # once
    nice .venv/bin/python bench/forecast/count_floor.py /tmp/cap

Per cell that holds a small-count series (``_intervals.small_counts``), the coverage of every variant (and the
interval score, width plus 10x the misses over the scale, after the slash), then per variant the cells in 75-85% and the
mean distance from 80%. Dispersions: ``change`` (as the code stands: half the mean squared change between neighbouring
periods over the mean), ``seas`` (the changes less the change of the series' multiplicative yearly indices times its
level, for a series whose yearly season is significant; the lower of the two), ``lagm`` (half the mean squared change
from the same period a year before, for the same series; the lower), ``pois`` (1), ``cv`` (the chosen forecast's CV
errors in units, mean square over the level; at least ``change``). Joins: ``U`` the union with the CV range (as the code
stands), ``R`` the count range alone where the range rests on two CV windows or more (the union where fewer), ``W<n>``
the union only where it rests on at most n windows (the CV range alone elsewhere). ``inherent``: the mean probability
that the count range holds an outcome drawn from its own negative binomial at the forecast (what the range would hold if
the forecast were right). A diagnostic; nothing here changes the forecaster.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Callable
from math import lgamma
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.ml.forecast import _intervals as iv  # noqa: E402
from app.ml.forecast import _methods as fm  # noqa: E402
from app.ml.forecast import _seasonal as ss  # noqa: E402

SEASON = {"W": 52, "M": 12, "Q": 4}


def coverage(a: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> float:
    seen = ~np.isnan(a)
    return float(((a >= lo) & (a <= hi))[seen].mean())


def interval_score(a: np.ndarray, lo: np.ndarray, hi: np.ndarray, scale: np.ndarray) -> float:
    miss = np.maximum(lo - a, 0) + np.maximum(a - hi, 0)
    return float(np.nanmean(((hi - lo) + 10 * miss) / scale[:, None]))


def d_seasonal(Y: np.ndarray, f: str) -> np.ndarray:
    span, base = iv.COUNT_SPAN[f], iv.dispersion(Y, f)
    idx, sig = ss.seasonal_strength(Y, SEASON[f])
    ind = idx[:, np.arange(Y.shape[1]) % SEASON[f]][:, -span:]
    y = Y[:, -span:]
    with np.errstate(invalid="ignore", divide="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        level = np.nanmean(y / ind, axis=1)
        d = np.diff(y, axis=1) - level[:, None] * np.diff(ind, axis=1)
        r = np.nanmean(d * d, axis=1) / 2 / np.nanmean(y, axis=1)
    r = np.clip(np.nan_to_num(r, nan=1.0), 1.0, iv.COUNT_DISPERSION_MAX)
    return np.where(sig, np.minimum(r, base), base)


def d_yearly(Y: np.ndarray, f: str) -> np.ndarray:
    m, base = SEASON[f], iv.dispersion(Y, f)
    sig = ss.seasonal_strength(Y, m)[1]
    y = fm.last_k(Y, iv.COUNT_SPAN[f] + m)
    with np.errstate(invalid="ignore", divide="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        d = y[:, m:] - y[:, :-m]
        r = np.nanmean(d * d, axis=1) / 2 / np.nanmean(y, axis=1)
    r = np.clip(np.nan_to_num(r, nan=1.0), 1.0, iv.COUNT_DISPERSION_MAX)
    return np.where(sig, np.minimum(r, base), base)


def d_cv(c: dict[str, np.ndarray], f: str) -> np.ndarray:
    Y, scale = c["Y"], c["scale"]
    errs = c["errs"][:, : iv.range_windows(c["errs"].shape[2], f)] * scale[:, None, None]  # type: ignore[arg-type]
    with np.errstate(invalid="ignore", divide="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        r = np.nanmean(errs.reshape(len(errs), -1) ** 2, axis=1) / np.nanmean(fm.last_k(Y, iv.COUNT_SPAN[f]), axis=1)
    r = np.clip(np.nan_to_num(r, nan=1.0, posinf=iv.COUNT_DISPERSION_MAX), 1.0, iv.COUNT_DISPERSION_MAX)
    return np.maximum(r, iv.dispersion(Y, f))


def inherent(mean: np.ndarray, disp: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> float:
    """The mean of P(lo <= X <= hi) for X negative binomial (mean, disp x mean), over the steps given (1-D arrays)."""
    out = []
    for mu, d, a, b in zip(mean, disp, lo, hi, strict=True):
        mu = max(float(mu), 1e-9)
        k = np.arange(int(b) + 1)
        if d <= 1 + 1e-9:
            logp = -mu + k * np.log(mu) - np.cumsum(np.log(np.maximum(k, 1)))
        else:
            r = mu / (d - 1)
            logp = np.array([lgamma(j + r) - lgamma(r) - lgamma(j + 1) for j in k])
            logp = logp + r * np.log(1 / d) + k * np.log1p(-1 / d)
        p = np.exp(logp)
        out.append(float(p[int(a):].sum()))
    return float(np.mean(out)) if out else float("nan")


def main() -> int:
    warnings.simplefilter("ignore")
    folder = Path(sys.argv[1])
    orig = iv.small_counts
    disps: dict[str, Callable[[dict[str, np.ndarray], str], np.ndarray]] = {
        "change": lambda c, f: iv.dispersion(c["Y"], f),  # type: ignore[arg-type]
        "seas": lambda c, f: d_seasonal(c["Y"], f),
        "lagm": lambda c, f: d_yearly(c["Y"], f),
        "pois": lambda c, f: np.ones(c["Y"].shape[0]),
        "cv": d_cv,
    }
    rows: dict[str, dict[str, tuple[float, float]]] = {}
    for path in sorted(folder.glob("*.npz")):
        c = dict(np.load(path))
        f = str(c["freq"])
        Y, scale, a = c["Y"], c["scale"], c["actual"]
        counts = orig(Y, scale, f)  # type: ignore[arg-type]
        if not counts.any():
            continue
        iv.small_counts = lambda Y_, s_, f_: np.zeros(Y_.shape[0], dtype=bool)  # type: ignore[assignment]
        try:
            lo0, hi0 = iv.intervals(c["mean_z"], c["errs"], Y, scale, f)  # type: ignore[arg-type]
        finally:
            iv.small_counts = orig  # type: ignore[assignment]
        errs = c["errs"][:, : iv.range_windows(c["errs"].shape[2], f)]  # type: ignore[arg-type]
        windows = (~np.isnan(errs)).any(axis=2).sum(axis=1)
        nz = fm.never_zero(Y)
        mean = np.nan_to_num(c["mean_z"] * scale[:, None])
        out: dict[str, tuple[float, float]] = {
            "now": (coverage(a, c["lo"], c["hi"]), interval_score(a, c["lo"], c["hi"], scale)),
            "cv range only": (coverage(a, lo0, hi0), interval_score(a, lo0, hi0, scale))}
        info = ""
        for name, fn in disps.items():
            d = fn(c, f)
            q_lo, q_hi = iv.count_quantiles(mean, np.broadcast_to(d[:, None], mean.shape))
            q_lo = np.where(nz[:, None], np.maximum(q_lo, 1.0), q_lo)
            joins = {"U": counts, "R": np.zeros_like(counts)} if name != "change" else \
                {"U": counts, "R": np.zeros_like(counts), **{f"W{w}": counts & (windows <= w) for w in (1, 2, 3)}}
            for join, union in joins.items():
                alone = counts & ~union if join == "R" else np.zeros_like(counts)
                if join == "R":
                    union = counts & (windows <= 1)
                    alone = counts & (windows > 1)
                lo, hi = lo0.copy(), hi0.copy()
                lo[union], hi[union] = np.minimum(lo0, q_lo)[union], np.maximum(hi0, q_hi)[union]
                lo[alone], hi[alone] = q_lo[alone], q_hi[alone]
                out[f"{join}-{name}"] = (coverage(a, lo, hi), interval_score(a, lo, hi, scale))
            if name == "change":
                s_, h_ = np.where(counts[:, None] & np.ones_like(mean, dtype=bool))
                inh = inherent(mean[s_, h_], d[s_], q_lo[s_, h_], q_hi[s_, h_])
                info = (f"{int(counts.sum())} count series, median level {np.median(scale[counts]):.1f}, median "
                        f"dispersion {np.median(d[counts]):.2f}, median windows {np.median(windows[counts]):.0f}, "
                        f"yearly {int((ss.seasonal_strength(Y, SEASON[f])[1] & counts).sum())}, inherent {inh:.1%}")
        rows[path.stem] = out
        print(f"{path.stem}: {info}")
        print("    " + "  ".join(f"{k} {v[0]:.1%}/{v[1]:.2f}" for k, v in out.items()), flush=True)
    print("\n| variant | cells in 75-85% | mean distance from 80% (points) |\n|---|---|---|")
    for k in next(iter(rows.values())):
        band = sum(75 <= 100 * r[k][0] <= 85 for r in rows.values())
        dist = 100 * np.mean([abs(r[k][0] - 0.8) for r in rows.values()])
        print(f"| {k} | {band} of {len(rows)} | {dist:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
