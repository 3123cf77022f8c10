"""Forecast benchmark on Dominick's orange juice (913 weekly store x brand series), last 12 weeks held out.

    .venv/bin/python bench/forecast/dominicks.py

Needs the bench extras: ``rdata`` and ``statsforecast`` (pip), and Debian's ``apt-get`` and
``dpkg-deb`` to fetch ``r-cran-bayesm`` once into a cache outside git (``$TAVYONIX_BENCH_CACHE``,
default ``~/.cache/tavyonix-bench``). The data is academic-use only: it is never committed or shipped.

Compares, in one run and timed each: seasonal naive (52 weeks), the median of the last 8 weeks,
statsforecast AutoETS, and our forecaster from history only and with the plan (the real prices and
promotions of the 12 weeks, promo = (deal + feature) / 2). Reports WAPE, MASE (scaled by the
in-sample one-week naive error) and the coverage of our p10-p90 range, writes
``bench/results/forecast_dominicks.json`` and checks the issue's targets.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
for _p in (ROOT, ROOT / "bench" / "forecast"):
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))

from app.ml.forecast import PlanRow, RegularDates, SeriesHistory, forecast  # noqa: E402

H = 12
FIRST_WEEK, LAST_WEEK = 40, 160
# Dominick's weeks are 1989-1997; the festival calendar covers 2001 on. Only the weekly spacing
# matters to the methods, so week 40 is placed on 2001-01-04.
WEEK0 = date(2001, 1, 4)
# AutoETS(season_length=52) takes about 4 minutes here for a worse score; 1 = no seasonality
ETS_SEASON = 1
RDA = "usr/lib/R/site-library/bayesm/data/orangeJuice.rda"


def fetch() -> Path:
    """orangeJuice.rda from Debian's r-cran-bayesm, downloaded and unpacked once into the cache."""
    from debian_r import unpacked

    root = unpacked("r-cran-bayesm", "bayesm")
    assert root is not None
    return root / RDA


def load() -> dict[str, np.ndarray]:
    """Matrices series x week (NaN = week missing in the data): qty, price, deal, feat."""
    import rdata

    yx = rdata.read_rda(str(fetch()))["orangeJuice"]["yx"]
    store = yx["store"].to_numpy(int)
    brand = yx["brand"].to_numpy(int)
    week = yx["week"].to_numpy(int) - FIRST_WEEK
    keys = sorted(set(zip(store.tolist(), brand.tolist(), strict=True)))
    index = {k: i for i, k in enumerate(keys)}
    row = np.array([index[k] for k in zip(store.tolist(), brand.tolist(), strict=True)])
    shape = (len(keys), LAST_WEEK - FIRST_WEEK + 1)
    out = {name: np.full(shape, np.nan) for name in ("qty", "price", "deal", "feat")}
    prices = np.stack([yx[f"price{b}"].to_numpy(float) for b in range(1, 12)], axis=1)
    out["qty"][row, week] = np.exp(yx["logmove"].to_numpy(float))
    out["price"][row, week] = prices[np.arange(len(brand)), brand - 1]
    out["deal"][row, week] = yx["deal"].to_numpy(float)
    out["feat"][row, week] = yx["feat"].to_numpy(float)
    return out


def wape(fc: np.ndarray, actual: np.ndarray) -> float:
    m = ~np.isnan(actual)
    return float(np.abs(fc - actual)[m].sum() / actual[m].sum())


def mase(fc: np.ndarray, actual: np.ndarray, train: np.ndarray) -> float:
    diffs = np.abs(np.diff(train, axis=1))
    scale = np.nanmean(diffs, axis=1)
    err = np.nanmean(np.abs(fc - actual), axis=1)
    ok = (scale > 0) & ~np.isnan(err)
    return float(np.mean(err[ok] / scale[ok]))


def last_observed(train: np.ndarray, k: int) -> np.ndarray:
    out = np.full((train.shape[0], k), np.nan)
    for s in range(train.shape[0]):
        v = train[s][~np.isnan(train[s])][-k:]
        out[s, k - len(v) :] = v
    return out


def main() -> int:
    d = load()
    Y = d["qty"]
    S, W = Y.shape
    T = W - H
    train, actual = Y[:, :T], Y[:, T:]
    promo = (np.nan_to_num(d["deal"]) + np.nan_to_num(d["feat"])) / 2
    end = WEEK0 + timedelta(weeks=T - 1)
    print(f"Dominick's orange juice: {S} series, {T} weeks of history, {H} weeks held out "
          f"({int((~np.isnan(actual)).sum())} observed)")
    results: dict[str, dict[str, float]] = {}

    def record(name: str, fc: np.ndarray, seconds: float, extra: dict[str, float] | None = None) -> None:
        results[name] = {"wape": wape(fc, actual), "mase": mase(fc, actual, train), "seconds": seconds, **(extra or {})}

    t = time.perf_counter()
    med8 = np.nanmedian(last_observed(train, 8), axis=1)
    record("median of last 8 weeks", np.repeat(med8[:, None], H, 1), time.perf_counter() - t)

    t = time.perf_counter()
    snaive = Y[:, T - 52 : T - 52 + H]
    snaive = np.where(np.isnan(snaive), med8[:, None], snaive)  # a missing week a year ago: the median
    record("seasonal naive (52 weeks)", snaive, time.perf_counter() - t)

    import pandas as pd
    from statsforecast import StatsForecast
    from statsforecast.models import AutoETS

    rows = []
    for s in range(S):
        v = pd.Series(train[s]).interpolate(limit_direction="both").to_numpy()  # ETS needs no gaps
        first = int(np.argmax(~np.isnan(train[s])))
        rows.append(pd.DataFrame({"unique_id": s, "ds": np.arange(first, T), "y": v[first:]}))
    frame = pd.concat(rows, ignore_index=True)
    sf = StatsForecast(models=[AutoETS(season_length=ETS_SEASON)], freq=1, n_jobs=1)
    sf.forecast(df=frame[frame.unique_id == 0], h=H)  # numba compile, not timed
    t = time.perf_counter()
    ets = sf.forecast(df=frame, h=H)
    el = time.perf_counter() - t
    ets_fc = ets.sort_values(["unique_id", "ds"])["AutoETS"].to_numpy().reshape(S, H)
    record("statsforecast AutoETS", np.maximum(ets_fc, 0), el)

    histories, plan = [], {}
    for s in range(S):
        first = int(np.argmax(~np.isnan(train[s])))
        histories.append(SeriesHistory(str(s), RegularDates(WEEK0 + timedelta(weeks=first), T - first, "W"),
                                       train[s, first:], d["price"][s, first:T], promo[s, first:T]))
        plan[str(s)] = [PlanRow(WEEK0 + timedelta(weeks=T + h),
                                None if np.isnan(d["price"][s, T + h]) else float(d["price"][s, T + h]),
                                float(promo[s, T + h])) for h in range(H)]
    forecast(histories[:5], H, "W", end=end)  # loads the ONNX model once, not timed
    for name, p, use_model in (("ours, history only", None, True), ("ours, with plan", plan, True),
                               ("ours, with plan, no ONNX model", plan, False)):
        t = time.perf_counter()
        res = forecast(histories, H, "W", p, end=end, use_model=use_model)
        el = time.perf_counter() - t
        fc = np.stack([r.mean for r in res])
        lo, hi = np.stack([r.p10 for r in res]), np.stack([r.p90 for r in res])
        m = ~np.isnan(actual)
        cover = float(((actual >= lo) & (actual <= hi))[m].mean())
        methods: dict[str, int] = {}
        for r in res:
            methods[r.method] = methods.get(r.method, 0) + 1
        record(name, fc, el, {"p10_p90_coverage": cover})
        results[name]["methods"] = methods  # type: ignore[assignment]

    print("\n| method | WAPE | MASE | time (s) |\n|---|---|---|---|")
    for name, r in results.items():
        print(f"| {name} | {r['wape']:.3f} | {r['mase']:.3f} | {r['seconds']:.2f} |")
    for name in ("ours, history only", "ours, with plan"):
        print(f"{name}: p10-p90 covers {results[name]['p10_p90_coverage']:.1%} of held-out weeks; "
              f"methods {results[name]['methods']}")
    best_simple = min(results[n]["wape"] for n in ("median of last 8 weeks", "seasonal naive (52 weeks)"))
    plan_gain = 1 - results["ours, with plan"]["wape"] / best_simple
    checks = {
        "with plan, WAPE >= 25% better than the best simple baseline": plan_gain >= 0.25,
        "history only, WAPE not worse than the best simple baseline":
            results["ours, history only"]["wape"] <= best_simple,
        "fit + forecast of all series < 10 s": max(results[n]["seconds"] for n in ("ours, history only",
                                                                                  "ours, with plan")) < 10,
    }
    print(f"\nwith plan: {plan_gain:.1%} better than the best simple baseline ({best_simple:.3f})")
    for text, ok in checks.items():
        print(f"{'PASS' if ok else 'FAIL'}  {text}")
    out = ROOT / "bench" / "results" / "forecast_dominicks.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"results": results, "checks": checks}, indent=2) + "\n", encoding="utf-8")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
