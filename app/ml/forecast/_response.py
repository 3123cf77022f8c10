"""How each item's sales respond to its price and to promotions, fitted on the history given.

A log-linear model per series, ``log(1 + qty) = a + b * log(price / regular price) + c * promo``,
fitted by recency-weighted least squares. The slopes are shrunk towards the slopes pooled over
all series of the call, so an item that was never discounted borrows the shop's typical response
while an item with a long price history keeps its own. Pure numpy, refitted on every call: this is
the part of the forecaster that learns the shop's own price sensitivity without any training stack.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from app.ml.forecast._methods import nan_quantile

# half-life of the recency weights, in periods
HALF_LIFE: dict[str, float] = {"D": 120.0, "W": 35.0, "M": 12.0, "Q": 4.0}
# strength of the pull towards the pooled slopes, in pseudo-observations
PRIOR_STRENGTH = 1.0
# the offset of the scale-free log: one scale (the series' mean). A smaller one lets a slow mover's
# zero days against its sale days read as a huge promotion lift
OFFSET = 0.1
# price elasticity is clipped to this range before it is used for "what if" answers
ELASTICITY_RANGE = (-6.0, 0.0)


@dataclass(frozen=True)
class Response:
    """Fitted response per series (arrays of length S)."""

    intercept: np.ndarray  # a
    elasticity: np.ndarray  # b: % change in (1 + qty) per % change in price
    promo_lift: np.ndarray  # c: log-lift of (1 + qty) at promo = 1
    ref_price: np.ndarray  # the regular price (NaN where no prices were given)
    resid_sd: np.ndarray  # weighted residual standard deviation, in log(1 + qty)
    n_obs: np.ndarray

    def log_predict(self, price: np.ndarray, promo: np.ndarray) -> np.ndarray:
        """log(1 + qty) for future prices and promos of shape (S, H); NaN price means "as usual"."""
        lp = log_price_ratio(price, self.ref_price)
        return self.intercept[:, None] + self.elasticity[:, None] * lp + self.promo_lift[:, None] * np.nan_to_num(promo)


def regular_price(P: np.ndarray) -> np.ndarray:
    """The regular (shelf) price: the median of the recent observed prices of each series."""
    recent = P[:, -52:] if P.shape[1] > 52 else P
    out = np.full(P.shape[0], np.nan)
    rows = (~np.isnan(recent)).any(axis=1)
    if rows.any():
        out[rows] = nan_quantile(recent[rows], 0.5)
    return np.where(out > 0, out, np.nan)


def log_price_ratio(P: np.ndarray, ref: np.ndarray) -> np.ndarray:
    """log(price / regular price); 0 where either is unknown (treated as the regular price)."""
    out = np.zeros(P.shape)
    rows = np.isfinite(ref)  # the log is costly: skip series without prices
    if rows.any():
        with np.errstate(divide="ignore", invalid="ignore"):
            lp = np.log(P[rows] / ref[rows, None])
        out[rows] = np.where(np.isfinite(lp), lp, 0.0)
    return out


def fit_response(Y: np.ndarray, P: np.ndarray, R: np.ndarray, freq: str, scale: np.ndarray | None = None) -> Response:
    """Fit the response of every series (rows of Y) to its price P and promotion R.

    With ``scale`` the response is fitted to ``log(qty / scale + OFFSET)``, which does not depend on
    the units the quantities are counted in; without it to ``log(1 + qty)`` (the global model's
    features were trained on that).
    """
    T = Y.shape[1]
    ref = regular_price(P)
    lp = log_price_ratio(P, ref)
    promo = np.nan_to_num(R)
    if scale is None:
        y = np.log1p(np.maximum(np.nan_to_num(Y), 0.0))
    else:
        y = np.log(np.maximum(np.nan_to_num(Y), 0.0) / scale[:, None] + OFFSET)
    decay = 0.5 ** (1.0 / HALF_LIFE[freq])
    w = (decay ** np.arange(T)[::-1])[None, :] * (~np.isnan(Y))
    sw = w.sum(axis=1)
    safe = np.maximum(sw, 1e-12)
    # weighted moments, centred per series (two regressors: log price ratio and promo)
    m_lp = (w * lp).sum(axis=1) / safe
    m_pr = (w * promo).sum(axis=1) / safe
    my = (w * y).sum(axis=1) / safe
    a = lp - m_lp[:, None]
    b = promo - m_pr[:, None]
    yc = y - my[:, None]
    wa, wb = w * a, w * b
    s_aa, s_ab, s_bb = (wa * a).sum(axis=1), (wa * b).sum(axis=1), (wb * b).sum(axis=1)
    Szz = np.stack([np.stack([s_aa, s_ab], -1), np.stack([s_ab, s_bb], -1)], -2)  # (S, 2, 2)
    Szy = np.stack([(wa * yc).sum(axis=1), (wb * yc).sum(axis=1)], -1)
    mz = np.stack([m_lp, m_pr], -1)
    # pooled slopes (within-series), with a little ridge so a call without any price variation is fine
    pooled_zz = Szz.sum(axis=0)
    var = np.diag(pooled_zz) / max(sw.sum(), 1e-12)
    pooled = np.linalg.solve(pooled_zz + 1e-6 * np.eye(2) + np.diag(var * 1e-3), Szy.sum(axis=0))
    pooled = np.clip(pooled, [ELASTICITY_RANGE[0], -1.0], [1.0, 3.0])
    lam = np.diag(PRIOR_STRENGTH * np.maximum(var, 1e-6))
    beta = np.linalg.solve(Szz + lam[None], (Szy + (lam @ pooled)[None])[..., None])[..., 0]
    intercept = my - (mz * beta).sum(axis=1)
    resid = yc - a * beta[:, :1] - b * beta[:, 1:]
    resid_sd = np.sqrt((w * resid * resid).sum(axis=1) / safe)

    return Response(intercept, beta[:, 0], beta[:, 1], ref, resid_sd, (~np.isnan(Y)).sum(axis=1))
