"""Price and promotion effects for the statistical methods: taken out of the history, put back on
the forecast.

The slopes come from :func:`app.ml.forecast._response.fit_response` on the scale-free series
``log(qty / scale + 1)``, clipped to a sane range (a higher price never sells more; a promotion
never sells less), and applied as a multiplier ``exp(b * log(price / regular) + c * promo)``. A
period at the regular price without a promotion has the factor 1, so a series without prices or
promotions is untouched. The slopes are shrunk towards the slopes pooled over the block: an item
never discounted borrows the shop's typical response (the one place where series share anything).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from app.ml.forecast._response import ELASTICITY_RANGE, HALF_LIFE, Response, fit_response, log_price_ratio

LIFT_RANGE = (0.0, 3.0)

__all__ = ["ELASTICITY_RANGE", "Drivers", "fit_drivers"]


@dataclass
class Drivers:
    response: Response

    def factor(self, P: np.ndarray, R: np.ndarray) -> np.ndarray:
        """exp(elasticity * log(price / regular) + lift * promo), 1 at the regular price without promotion."""
        b = np.clip(self.response.elasticity, *ELASTICITY_RANGE)[:, None]
        c = np.clip(self.response.promo_lift, *LIFT_RANGE)[:, None]
        effect = b * log_price_ratio(P, self.response.ref_price) + c * np.nan_to_num(R)
        return np.exp(np.clip(effect, -5.0, 5.0))

    def usual(self, P: np.ndarray, R: np.ndarray, k: int) -> np.ndarray:
        """The factor to expect when no plan is given, from the history ``P``, ``R`` before an origin:
        the last known price stays (as a plan without a price would keep it), times the typical
        (median) promotion effect of the last ``4k`` periods. The median, not the mean: a few big
        promotions would lift a mean above what most periods sell."""
        S = P.shape[0]
        if P.shape[1] == 0:
            return np.ones(S)
        seen = ~np.isnan(P)
        pos = np.where(seen.any(axis=1), P.shape[1] - 1 - np.argmax(seen[:, ::-1], axis=1), 0)
        last = np.where(seen.any(axis=1), P[np.arange(S), pos], np.nan)
        b = np.clip(self.response.elasticity, *ELASTICITY_RANGE)
        c = np.clip(self.response.promo_lift, *LIFT_RANGE)[:, None]
        price = np.exp(np.clip(b * log_price_ratio(last[:, None], self.response.ref_price)[:, 0], -5.0, 5.0))
        promo = np.median(np.exp(np.clip(c * np.nan_to_num(R[:, -4 * k :]), 0.0, 5.0)), axis=1)
        return price * promo

    def log_level(self, Zs: np.ndarray, P: np.ndarray, R: np.ndarray, cuts: list[int], freq: str) -> np.ndarray:
        """The log-linear response's level at each cut, (C, S), in driver-adjusted scale-free units.

        ``exp(mean log(qty / scale + 0.1)) - 0.1`` of the history before the cut with the price and
        promotion effects taken out, weighted by recency: a typical (geometric) level, which a few
        promotion spikes do not pull up the way they pull up a mean.
        """
        b = np.clip(self.response.elasticity, *ELASTICITY_RANGE)[:, None]
        c = np.clip(self.response.promo_lift, *LIFT_RANGE)[:, None]
        lp = log_price_ratio(P, self.response.ref_price)
        z = np.log(np.maximum(Zs, 0.0) + 0.1) - b * lp - c * np.nan_to_num(R)
        seen = ~np.isnan(Zs)
        z = np.where(seen, z, 0.0)
        decay = 0.5 ** (1.0 / HALF_LIFE[freq])
        out = np.full((len(cuts), Zs.shape[0]), np.nan)
        for i, cut in enumerate(cuts):
            w = (decay ** np.arange(cut)[::-1])[None, :] * seen[:, :cut]
            sw = w.sum(axis=1)
            lvl = (w * z[:, :cut]).sum(axis=1) / np.maximum(sw, 1e-12)
            out[i] = np.where(seen[:, :cut].sum(axis=1) >= 4, _floor(np.exp(lvl) - 0.1), np.nan)
        return out


def fit_drivers(Y: np.ndarray, P: np.ndarray, R: np.ndarray, scale: np.ndarray, freq: str) -> Drivers:
    """The drivers fitted on the history given (the engine gives the history before its first CV origin)."""
    return Drivers(fit_response(Y, P, R, freq, scale=scale))


def _floor(x: np.ndarray) -> np.ndarray:
    # exp(log(0.1)) - 0.1 is a rounding error away from zero, not a sale
    return np.where(x > 1e-9, x, 0.0)
