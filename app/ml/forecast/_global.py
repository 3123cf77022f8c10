"""The global model's inputs: the block of aligned series, and the features the model was trained on.

A block is a matrix of series on the same period grid (see :mod:`app.ml.forecast._calendar`).
The shipped ONNX model predicts a multiplier of the old engine's price/promotion response forecast
(``log(1 + qty)`` fitted, floored at a tenth of the recent level), from features built on an SES
level of the history with the response's effects taken out. Those pieces stay here unchanged, so
the model sees at run time exactly what ``tools/forecast/train.py`` trained it on
(:func:`model_features`); :mod:`app.ml.forecast._engine` calls :func:`_candidates` for the global
candidate only.
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


def backtest_length(T: int, horizon: int, freq: Freq) -> int:
    return int(min(horizon, max(RECENT[freq] // 2, 1) * 3, max(T - 2 * RECENT[freq], 0)))
