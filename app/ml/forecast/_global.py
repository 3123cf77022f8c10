"""The forecasting engine for one block of aligned series: candidates, backtest, choice, intervals.

A block is a matrix of series on the same period grid (see :mod:`app.ml.forecast._calendar`).
For every series the engine

1. classifies its demand (ADI/CV²) and so routes it to one statistical method;
2. computes the candidates: the robust baseline (median of the recent periods), the routed
   method (run on the history with price/promotion effects taken out, see :class:`Drivers`),
   the price/promotion response and, when the ONNX model is there, the global model;
3. replays the last ``B`` periods of history as if they were the future (with the prices and
   promotions that really happened as the plan, when the series has a plan) and scores each
   candidate by mean absolute error (plus absolute bias for intermittent items);
4. keeps the baseline unless a candidate scores better by a margin, then forecasts with the
   chosen method from the full history;
5. puts p10/p90 around the forecast from the backtest error of the chosen method, as a
   zero-inflated lognormal (the zero share of the recent periods is the chance of no sale).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

from app.ml.forecast import _methods as fm
from app.ml.forecast._calendar import RECENT, Freq, calendar_features, future_labels
from app.ml.forecast._features import FeatureInputs, build_features, model_base
from app.ml.forecast._model import ForecastModel
from app.ml.forecast._model import load_model as _load_model
from app.ml.forecast._response import ELASTICITY_RANGE, Response, fit_response, log_price_ratio

log = logging.getLogger(__name__)

METHODS = ("median", "ses", "sba", "tsb", "response", "global")
BASELINE = 0
GLOBAL = 5
CLASS_METHOD = {
    fm.SMOOTH: 1, fm.ERRATIC: 1, fm.INTERMITTENT: 2, fm.LUMPY: 3, fm.DYING: 3, fm.NONE: 0,
}
# a candidate replaces the baseline only when its backtest score is this much better
MARGIN = 0.03
# weight of the demand class's backtest against the series' own (see _choose)
SHRINK = 3.0
# backtest windows replayed, one after the other back from the end of history
WINDOWS = 4
# fewest observed periods before the backtest window for a series to be backtested
MIN_FIT = 4


@dataclass
class Block:
    """Aligned series: Y qty, P price, R promo (S, T); Pf, Rf the plan (S, H), NaN where none."""

    Y: np.ndarray
    P: np.ndarray
    R: np.ndarray
    Pf: np.ndarray
    Rf: np.ndarray
    has_plan: np.ndarray
    end: date
    freq: Freq


@dataclass
class BlockResult:
    mean: np.ndarray
    p10: np.ndarray
    p90: np.ndarray
    method: np.ndarray
    demand_class: np.ndarray
    score: np.ndarray
    elasticity: np.ndarray
    response: Response

    def method_names(self) -> list[str]:
        return [METHODS[m] for m in self.method]

    def class_names(self) -> list[str]:
        return [fm.CLASS_NAMES[c] for c in self.demand_class]


def load_model(path: Path | None = None) -> ForecastModel | None:
    return _load_model(path)


def future_dates(end: date, horizon: int, freq: Freq) -> list[date]:
    return future_labels(end, horizon, freq)


def _candidates(
    Y: np.ndarray,
    P: np.ndarray,
    R: np.ndarray,
    Pf: np.ndarray,
    Rf: np.ndarray,
    target_idx: np.ndarray,
    end: date,
    freq: Freq,
    model: ForecastModel | None,
    local: np.ndarray,
    Yadj: np.ndarray,
    resp: Response | None = None,
) -> tuple[np.ndarray, Response]:
    """All candidates' forecasts, shape (len(METHODS), S, H), for targets ``target_idx`` after Y.

    ``local`` holds the states of SES, SBA and TSB after Y (rows 0, 1, 2), from one pass over
    ``Yadj``, the history with the price/promotion effects taken out (:class:`Drivers`): they
    forecast the demand at the regular price without promotions. Only the response and the
    global model follow a plan. ``resp`` is the response fitted on Y, when the caller has it.
    """
    S = Y.shape[0]
    H = target_idx.shape[0]
    k = RECENT[freq]
    out = np.full((len(METHODS), S, H), np.nan)
    out[0] = fm.recent_median(Y, k)[:, None]
    level = local[0]
    if freq == "D":
        cal = calendar_features(target_idx, end, freq)
        last_dow = int(cal[0, 0] - 1) % 7
        prof = fm.weekday_profile(Yadj, last_dow)
        out[1] = level[:, None] * prof[:, cal[:, 0].astype(np.int64)]
    else:
        cal = calendar_features(target_idx, end, freq)
        out[1] = level[:, None]
    out[2] = local[1][:, None]
    out[3] = local[2][:, None]
    resp = resp if resp is not None else fit_response(Y, P, R, freq)
    out[4] = np.maximum(np.expm1(resp.log_predict(Pf, Rf)), 0.0)
    out[1], out[4] = np.nan_to_num(out[1]), np.nan_to_num(out[4])
    if model is not None:
        feats = build_features(FeatureInputs(Y=Y, P=P, R=R, Pf=Pf, Rf=Rf, cal=cal, freq=freq, response=resp,
                                             response_forecast=out[4], ses_forecast=out[1]))
        mult = model.predict(feats)
        if mult is not None:
            out[5] = model_base(Y, freq, out[4]) * mult.reshape(S, H)
    return np.nan_to_num(out, nan=0.0, posinf=0.0, neginf=0.0), resp


@dataclass
class Drivers:
    """Price and promotion effects, taken out of the history before SES, SBA and TSB see it.

    Without this a promotion in the last weeks of history reads as a new, higher level. The
    response is fitted on the history before the earliest backtest window, so no window is
    judged with knowledge of itself.
    """

    response: Response

    def factor(self, P: np.ndarray, R: np.ndarray) -> np.ndarray:
        """exp(elasticity * log(price / regular) + lift * promo); 1 for the regular price, no promo."""
        b = np.clip(self.response.elasticity, *ELASTICITY_RANGE)[:, None]
        c = np.clip(self.response.promo_lift, 0.0, 3.0)[:, None]
        effect = b * log_price_ratio(P, self.response.ref_price) + c * np.nan_to_num(R)
        return np.exp(np.clip(effect, -5.0, 5.0))

    def adjust(self, Y: np.ndarray, P: np.ndarray, R: np.ndarray) -> np.ndarray:
        return Y / self.factor(P, R)


def fit_drivers(block: Block, horizon: int, n_windows: int) -> tuple[Drivers, list[int], int]:
    """The drivers, the backtest windows and their length B for a block."""
    T = block.Y.shape[1]
    B = backtest_length(T, horizon, block.freq)
    windows = [w for w in range(1, n_windows + 1) if B > 0 and T - w * B >= 2 * RECENT[block.freq]]
    windows = windows or ([1] if B else [])
    first = T - max(windows) * B if windows else T
    resp = fit_response(block.Y[:, :first], block.P[:, :first], block.R[:, :first], block.freq)
    return Drivers(resp), windows, B


def model_features(block: Block, horizon: int, n_windows: int = 4) -> tuple[np.ndarray, np.ndarray]:
    """The global model's feature rows for the block's forecast periods, shape (S, H, F), and the
    base its multipliers apply to, shape (S, H).

    What the model sees at run time, exposed so that ``tools/forecast/train.py`` trains on
    exactly the same features.
    """
    Y, P, R = block.Y, block.P, block.R
    target_idx = np.arange(1, horizon + 1)
    cal = calendar_features(target_idx, block.end, block.freq)
    drivers, _windows, _B = fit_drivers(block, horizon, n_windows)
    Yadj = drivers.adjust(Y, P, R)
    cands, resp = _candidates(Y, P, R, block.Pf, block.Rf, target_idx, block.end, block.freq, None,
                              local_states(Yadj, [Y.shape[1]])[0], Yadj)
    feats = build_features(FeatureInputs(Y=Y, P=P, R=R, Pf=block.Pf, Rf=block.Rf, cal=cal, freq=block.freq,
                                         response=resp, response_forecast=cands[4], ses_forecast=cands[1]))
    return feats, model_base(Y, block.freq, cands[4])


def local_states(Y: np.ndarray, cuts: list[int]) -> list[np.ndarray]:
    """SES, SBA and TSB states after each cut, one (3, S) array per cut, in one pass each."""
    states = np.stack([fm.ses(Y, cuts), fm.croston_sba(Y, cuts), fm.tsb(Y, cuts)], axis=1)  # (C, 3, S)
    return list(states)


def bias_weights(cls: np.ndarray) -> np.ndarray:
    """How much the absolute bias counts in each series' backtest score (see :func:`_scores`).

    Smooth and erratic items are scored by mean absolute error alone, the measure the shop's
    weekly accuracy is judged by. For intermittent, lumpy and dying items the absolute error is
    smallest for a forecast of zero, which would never restock them, so their score adds the
    absolute bias.
    """
    return np.isin(cls, (fm.INTERMITTENT, fm.LUMPY, fm.DYING)).astype(np.float64)


def _scores(cands: np.ndarray, actual: np.ndarray, bias_weight: np.ndarray) -> np.ndarray:
    """Mean absolute error (plus ``bias_weight`` x absolute bias) of each candidate per series;
    NaN if nothing was observed."""
    seen = ~np.isnan(actual)
    n = seen.sum(axis=1)
    err = np.where(seen[None], cands - np.nan_to_num(actual)[None], 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mae = np.abs(err).sum(axis=2) / n[None]
        bias = np.abs(err.sum(axis=2)) / n[None]
    return np.where(n[None] > 0, mae + bias_weight[None] * bias, np.nan)


def _allowed(cls: np.ndarray, P: np.ndarray, R: np.ndarray, model: ForecastModel | None) -> np.ndarray:
    S = cls.shape[0]
    ok = np.zeros((len(METHODS), S), dtype=bool)
    ok[0] = True
    for c, m in CLASS_METHOD.items():
        ok[m] |= cls == c
    has_drivers = (~np.isnan(P)).any(axis=1) | (np.nan_to_num(R) > 0).any(axis=1)
    ok[4] = has_drivers & (cls != fm.NONE)
    ok[5] = model is not None
    return ok


def _choose(sc: np.ndarray, allowed: np.ndarray, cls: np.ndarray, testable: np.ndarray) -> np.ndarray:
    """Per series, the candidate with the best backtest score relative to the baseline.

    One backtest window is a small sample (a window without a promotion says nothing about
    promotions), so each series' relative score is shrunk towards its demand class's relative
    score, summed over the class: a method must do well on the class as a whole and on the series.
    The baseline is kept unless the shrunk score beats it by ``MARGIN`` and the method did no worse
    than the baseline on the series' own backtest.
    """
    base = np.maximum(sc[0], 1e-9)
    ratio = np.where(np.isfinite(sc), sc / base[None], np.inf)
    shrunk = np.full_like(ratio, np.inf)
    for c in np.unique(cls[testable]):
        group = testable & (cls == c)
        finite = np.isfinite(sc[:, group])
        total_base = base[group].sum()
        for m in range(sc.shape[0]):
            if not finite[m].all() or total_base <= 0:
                continue
            class_ratio = sc[m, group].sum() / total_base
            shrunk[m, group] = (ratio[m, group] + SHRINK * class_ratio) / (1 + SHRINK)
    # and never a method that did worse than the baseline on the series' own backtest
    shrunk = np.where(allowed & (ratio <= 1.0), shrunk, np.inf)
    best = np.argmin(shrunk, axis=0)
    rows = np.arange(sc.shape[1])
    return np.where(shrunk[best, rows] < 1 - MARGIN, best, BASELINE)


def backtest_length(T: int, horizon: int, freq: Freq) -> int:
    return int(min(horizon, max(RECENT[freq] // 2, 1) * 3, max(T - 2 * RECENT[freq], 0)))


def run_block(block: Block, horizon: int, model: ForecastModel | None, n_windows: int = WINDOWS) -> BlockResult:
    """Forecast one block; ``n_windows`` backtest windows are replayed (fewer for huge batches)."""
    Y, P, R = block.Y, block.P, block.R
    S, T = Y.shape
    cls, _adi, _cv2 = fm.classify(Y)
    allowed = _allowed(cls, P, R, model)
    drivers, windows, B = fit_drivers(block, horizon, n_windows)
    method = np.array([CLASS_METHOD[int(c)] for c in cls], dtype=np.int64)
    score = np.full(S, np.nan)
    mse = np.full(S, np.nan)
    Yadj = drivers.adjust(Y, P, R)
    states = local_states(Yadj, [T - w * B for w in windows] + [T])
    if windows:
        rows = np.arange(S)
        sc_sum = np.zeros((len(METHODS), S))
        sc_n = np.zeros((len(METHODS), S))
        sq_err = np.zeros((len(METHODS), S))
        sq_n = np.zeros(S)
        testable = np.zeros(S, dtype=bool)
        for w in windows:
            # window w: the periods [cut, stop), forecast from the history before cut
            cut, stop = T - w * B, T - (w - 1) * B
            Yb = Y[:, :cut]
            actual = Y[:, cut:stop]
            plan_p = np.where(block.has_plan[:, None], P[:, cut:stop], np.nan)
            plan_r = np.where(block.has_plan[:, None], R[:, cut:stop], np.nan)
            bt_idx = np.arange(-(w * B) + 1, -(w - 1) * B + 1)
            # the earliest window is forecast from the very history the drivers were fitted on
            cands, _ = _candidates(Yb, P[:, :cut], R[:, :cut], plan_p, plan_r, bt_idx, block.end, block.freq,
                                   model, states[w - 1], Yadj[:, :cut],
                                   drivers.response if w == max(windows) else None)
            sc = _scores(cands, actual, bias_weights(cls))
            ok = ((~np.isnan(Yb)).sum(axis=1) >= MIN_FIT) & ~np.isnan(sc[0])
            counted = ok[None] & ~np.isnan(sc)
            sc_sum += np.where(counted, sc, 0.0)
            sc_n += counted
            testable |= ok
            seen = ~np.isnan(actual) & ok[:, None]
            err = np.where(seen[None], cands - np.nan_to_num(actual)[None], 0.0)
            sq_err += (err * err).sum(axis=2)
            sq_n += seen.sum(axis=1)
        sc = np.where(testable[None] & (sc_n > 0), sc_sum / np.maximum(sc_n, 1), np.nan)
        chosen = _choose(sc, allowed, cls, testable)
        method = np.where(testable, chosen, method)
        score = np.where(testable, sc[method, rows], np.nan)
        mse = np.where(testable & (sq_n > 0), sq_err[method, rows] / np.maximum(sq_n, 1), np.nan)
    cands, resp = _candidates(Y, P, R, block.Pf, block.Rf, np.arange(1, horizon + 1), block.end, block.freq, model,
                              states[-1], Yadj)
    mean = cands[method, np.arange(S)]
    p10, p90 = _intervals(Y, mean, mse, block.freq)
    elasticity = np.clip(resp.elasticity, *ELASTICITY_RANGE)
    return BlockResult(mean, p10, p90, method, cls, score, elasticity, resp)


def _intervals(Y: np.ndarray, mean: np.ndarray, mse: np.ndarray, freq: Freq) -> tuple[np.ndarray, np.ndarray]:
    """p10/p90 of a zero-inflated lognormal with the forecast as its mean.

    The variance is the backtest mean squared error of the chosen method (or the variance of the
    recent periods when there was no backtest), never below the forecast itself (count data vary
    at least as much as Poisson). The chance of a zero is the zero share of the recent periods.
    """
    recent = fm.last_k(Y, 4 * RECENT[freq])
    seen = ~np.isnan(recent)
    n = seen.sum(axis=1)
    zero_share = np.where(n > 0, (seen & (np.nan_to_num(recent) == 0)).sum(axis=1) / np.maximum(n, 1), 0.0)
    r0 = np.where(seen, recent, 0.0)
    m = r0.sum(axis=1) / np.maximum(n, 1)
    recent_var = np.where(n > 1, (np.where(seen, r0 - m[:, None], 0.0) ** 2).sum(axis=1) / np.maximum(n, 1), 0.0)
    var = np.where(np.isnan(mse), np.nan_to_num(recent_var), mse)[:, None]
    mu = np.maximum(mean, 0.0)
    var = np.maximum(var, mu)
    p0 = np.clip(zero_share, 0.0, 0.95)[:, None] * np.ones_like(mu)
    pos = 1.0 - p0
    m_pos = mu / pos
    v_pos = np.maximum((var + mu * mu) / pos - m_pos * m_pos, 1e-12)
    with np.errstate(divide="ignore", invalid="ignore"):
        s2 = np.log1p(v_pos / np.maximum(m_pos * m_pos, 1e-12))
    s = np.sqrt(s2)
    mu_ln = np.log(np.maximum(m_pos, 1e-12)) - s2 / 2

    def quantile(a: float) -> np.ndarray:
        u = np.clip((a - p0) / pos, 1e-6, 1 - 1e-6)
        z = _norm_ppf(u)
        q = np.exp(mu_ln + z * s)
        return np.where(a <= p0, 0.0, q)

    p10 = np.minimum(quantile(0.1), mu)
    p90 = np.maximum(quantile(0.9), mu)
    p10 = np.where(mu > 0, p10, 0.0)
    return np.nan_to_num(p10), np.nan_to_num(p90)


def _norm_ppf(u: np.ndarray) -> np.ndarray:
    """Standard normal quantile (Acklam's rational approximation, |error| < 1.2e-9)."""
    a = (-3.969683028665376e01, 2.209460984245205e02, -2.759285104469687e02, 1.383577518672690e02,
         -3.066479806614716e01, 2.506628277459239e00)
    b = (-5.447609879822406e01, 1.615858368580409e02, -1.556989798598866e02, 6.680131188771972e01,
         -1.328068155288572e01)
    c = (-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e00, -2.549732539343734e00,
         4.374664141464968e00, 2.938163982698783e00)
    d = (7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e00, 3.754408661907416e00)
    u = np.asarray(u, dtype=np.float64)
    out = np.empty_like(u)
    lo = u < 0.02425
    hi = u > 1 - 0.02425
    mid = ~(lo | hi)
    q = np.sqrt(-2 * np.log(u[lo]))
    out[lo] = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / (
        (((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    q = np.sqrt(-2 * np.log(1 - u[hi]))
    out[hi] = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / (
        (((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    q = u[mid] - 0.5
    r = q * q
    out[mid] = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (
        ((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    return out


def current_price(block: Block) -> float:
    known = block.P[0][~np.isnan(block.P[0])]
    return float(known[-1]) if known.size else float("nan")


def price_curve(block: Block, res: BlockResult, prices: np.ndarray, promo: float) -> np.ndarray:
    """Forecast of the block's first series at each price, shape (len(prices), H)."""
    base = res.mean[0]
    now = current_price(block)
    ref = now if not np.isnan(now) else float(res.response.ref_price[0])
    b = float(res.elasticity[0])
    lift = float(np.exp(np.clip(res.response.promo_lift[0], 0.0, 3.0) * promo))
    factors = np.ones_like(prices) if np.isnan(ref) else (prices / ref) ** b
    return base[None, :] * factors[:, None] * lift
