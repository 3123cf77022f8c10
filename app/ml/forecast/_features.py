"""Features of the global gradient-boosted model: one row per (series, forecast period).

The same function builds the rows for training (``tools/forecast/train.py``, on generated kirana
histories) and at run time, so the two can never drift apart. Every feature but ``log_level`` is
scale-free: sales are divided by the series' recent level, so one model serves an item selling
0.2 a day and one selling 200, and a model trained on generated data applies to any shop's
history. The model
predicts a multiplier of :func:`model_base`: the series' own price/promotion response forecast,
so the trees learn what that local fit misses (weekdays, salary days, festivals, decay) rather
than the whole demand.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from app.ml.forecast import _methods as fm
from app.ml.forecast._calendar import FREQ_CODE, RECENT, Freq
from app.ml.forecast._response import Response, log_price_ratio

FEATURES: tuple[str, ...] = (
    "freq", "step", "weekday", "day_of_month", "month", "festival_days", "festival_run_up", "days_to_festival",
    "long_mean", "last", "recent_median", "ses_forecast", "response_forecast", "year_ago",
    "zero_share", "log_adi", "cv2", "since_last_sale", "history_length", "log_level",
    "price_ratio", "promo", "elasticity", "promo_lift", "price_effect", "promo_effect",
    "recent_promo_share", "recent_price_ratio", "has_plan",
)
SEASON: dict[str, int] = {"D": 364, "W": 52, "M": 12, "Q": 4}


@dataclass
class FeatureInputs:
    """History Y/P/R (S, T), plan Pf/Rf (S, H; NaN = no plan), calendar rows (H, 6) of the targets."""

    Y: np.ndarray
    P: np.ndarray
    R: np.ndarray
    Pf: np.ndarray
    Rf: np.ndarray
    cal: np.ndarray
    freq: Freq
    response: Response
    response_forecast: np.ndarray
    ses_forecast: np.ndarray


def series_level(Y: np.ndarray, freq: Freq) -> np.ndarray:
    """The scale the model's multiplier applies to: the recent mean, floored for items gone quiet."""
    k = RECENT[freq]
    return np.maximum(np.maximum(fm.recent_mean(Y, k), 0.25 * fm.recent_mean(Y, 4 * k)), 1e-3)


def model_base(Y: np.ndarray, freq: Freq, response_forecast: np.ndarray) -> np.ndarray:
    """What the model's multiplier scales, shape (S, H): the price/promotion response forecast,
    floored at a tenth of the recent level so a multiplier can always lift it."""
    return np.maximum(response_forecast, 0.1 * series_level(Y, freq)[:, None])


def build_features(x: FeatureInputs) -> np.ndarray:
    """The feature tensor, shape (S, H, len(FEATURES)), float32 (NaN = unknown)."""
    Y = x.Y
    S, T = Y.shape
    H = x.cal.shape[0]
    k = RECENT[x.freq]
    level = series_level(Y, x.freq)
    lv = level[:, None]

    def rel(v: np.ndarray) -> np.ndarray:
        return np.log1p(np.maximum(v, 0.0) / (lv if v.ndim == 2 else level))

    seen = ~np.isnan(Y)
    n_obs = seen.sum(axis=1)
    last_seen = np.where(n_obs > 0, Y[np.arange(S), np.maximum(T - 1 - np.argmax(seen[:, ::-1], axis=1), 0)], 0.0)
    recent = fm.last_k(Y, 4 * k)
    rseen = ~np.isnan(recent)
    rn = rseen.sum(axis=1)
    zero_share = np.where(rn > 0, (rseen & (np.nan_to_num(recent) == 0)).sum(axis=1) / np.maximum(rn, 1), np.nan)
    _cls, adi, cv2 = fm.classify(Y)
    sold = seen & (np.nan_to_num(Y) > 0)
    last_sale = np.where(sold.any(axis=1), T - 1 - np.argmax(sold[:, ::-1], axis=1), -1)
    since = np.where(last_sale >= 0, (T - 1 - last_sale) / k, 10.0)

    # the same period a year before each target (target t is t periods after the last column)
    season = SEASON[x.freq]
    steps = np.arange(1, H + 1)
    col = T - 1 + steps - season
    year_ago = np.full((S, H), np.nan)
    ok = (col >= 0) & (col < T)
    if ok.any():
        year_ago[:, ok] = rel(Y[:, col[ok]])

    resp = x.response
    lp_f = np.where(np.isnan(x.Pf), np.nan, log_price_ratio(x.Pf, resp.ref_price))
    lp_f = np.where(np.isnan(resp.ref_price)[:, None] & ~np.isnan(x.Pf), np.nan, lp_f)
    promo_f = x.Rf
    recent_r = fm.last_k(np.nan_to_num(x.R), k)
    recent_p = fm.last_k(log_price_ratio(x.P, resp.ref_price), k)
    has_plan = (~np.isnan(x.Pf) | ~np.isnan(x.Rf)).any(axis=1)

    out = np.empty((S, H, len(FEATURES)), dtype=np.float32)
    per_row = [
        np.full(H, FREQ_CODE[x.freq], dtype=np.float64), steps.astype(np.float64),
        x.cal[:, 0], x.cal[:, 1], x.cal[:, 2], x.cal[:, 3], x.cal[:, 4], x.cal[:, 5],
    ]
    for j, v in enumerate(per_row):
        out[:, :, j] = v[None, :]
    per_series = {
        "long_mean": rel(fm.recent_mean(Y, 4 * k)),
        "last": rel(last_seen),
        "recent_median": rel(fm.recent_median(Y, k)),
        "zero_share": zero_share,
        "log_adi": np.log(np.minimum(adi, 1e3)),
        "cv2": np.minimum(cv2, 50.0),
        "since_last_sale": np.minimum(since, 10.0),
        "history_length": np.minimum(n_obs / (4 * k), 1.0),
        "log_level": np.log(level),
        "elasticity": resp.elasticity,
        "promo_lift": resp.promo_lift,
        "recent_promo_share": recent_r.mean(axis=1) if recent_r.shape[1] else np.zeros(S),
        "recent_price_ratio": recent_p.mean(axis=1) if recent_p.shape[1] else np.zeros(S),
        "has_plan": has_plan.astype(np.float64),
    }
    per_cell = {
        "ses_forecast": rel(x.ses_forecast),
        "response_forecast": rel(x.response_forecast),
        "year_ago": year_ago,
        "price_ratio": lp_f,
        "promo": promo_f,
        "price_effect": resp.elasticity[:, None] * lp_f,
        "promo_effect": resp.promo_lift[:, None] * promo_f,
    }
    for name, v in per_series.items():
        out[:, :, FEATURES.index(name)] = v[:, None]
    for name, v in per_cell.items():
        out[:, :, FEATURES.index(name)] = v
    return out
