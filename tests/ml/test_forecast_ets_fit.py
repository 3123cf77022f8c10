"""The ETS fit of the weekly, monthly and quarterly grids (nineteenth session, docs/forecasting.md "Nineteenth
session: the ETS fit"): a series on a clean linear trend is forecast on that trend, three years ahead."""

from __future__ import annotations

import numpy as np

from app.ml.forecast import _seasonal as ss


def _lines(n: int = 20, T: int = 40, H: int = 12) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(7)
    t = np.arange(T + H)
    Y = np.array([100 + 2.0 * t + rng.normal(0, 1.0, T + H) for _ in range(n)]) / 100
    return Y[:, :T], (100 + 2.0 * t[T:]) / 100


def test_linear_trend_is_forecast_on_its_line() -> None:
    # 2% a quarter on a level of 100 with 1% noise: the damped trends alone (phi at most 0.98) fall 2 to 3% short of
    # the line after 12 quarters; the undamped trend with fitted starts stays within 1% of it on every series
    Z, truth = _lines()
    T, H = Z.shape[1], truth.shape[0]
    for m, season in ((1, "N"), (4, "A")):
        out, aicc = ss.ets(Z, [T], H, m, True, season, fine=True)
        rel = out[0] / truth[None, :] - 1
        assert np.isfinite(aicc).all()
        assert np.abs(rel[:, -1]).max() < 0.01, (season, rel[:, -1])
        assert np.abs(rel).mean() < 0.005, season


def test_fitted_starts_never_fit_worse_than_heuristic_ones() -> None:
    # the fitted starts minimise the in-sample squared errors for each parameter set: the AICc (same parameter count)
    # can only fall against the heuristic starts
    Z, _truth = _lines()
    Z = Z * np.exp(np.random.default_rng(3).normal(0, 0.05, Z.shape))
    T = Z.shape[1]
    for trend, season, m in ((False, "N", 1), (True, "N", 1), (False, "A", 4), (True, "A", 4)):
        _o, fitted = ss.ets(Z, [20, T], 12, m, trend, season, fine=True)
        ss.FIT_START = False
        try:
            _o, heuristic = ss.ets(Z, [20, T], 12, m, trend, season, fine=True)
        finally:
            ss.FIT_START = True
        assert (fitted <= heuristic + 1e-9).all(), (trend, season)
        assert (fitted < heuristic - 1e-6).any(), (trend, season)
