"""Price and promotion effects for the statistical methods: taken out of the history, put back on
the forecast.

The slopes come from :func:`app.ml.forecast._response.fit_response` on the scale-free series
``log(qty / scale + 0.1)``, clipped to a sane range (a higher price never sells more; a promotion
never sells less), and applied as a multiplier ``exp(b * log(price / regular) + c * promo)``. A
period at the regular price without a promotion has the factor 1, so a series without prices or
promotions is untouched. The slopes are shrunk towards the slopes pooled over the block: an item
never discounted borrows the shop's typical response (the one place where series share anything).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from app.ml.forecast._response import ELASTICITY_RANGE, Response, fit_response, log_price_ratio

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

    @staticmethod
    def usual(factor: np.ndarray, k: int) -> np.ndarray:
        """The mean factor of the last ``4k`` periods: what to expect when no plan is given."""
        part = factor[:, -4 * k :] if factor.shape[1] else np.ones((factor.shape[0], 1))
        return part.mean(axis=1)


def fit_drivers(Y: np.ndarray, P: np.ndarray, R: np.ndarray, scale: np.ndarray, freq: str) -> Drivers:
    """The drivers fitted on the history given (the engine gives the history before its first CV origin)."""
    return Drivers(fit_response(Y, P, R, freq, scale=scale))
