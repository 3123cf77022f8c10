"""Daily series whose level wanders (gas, water, electricity sent each day): the weekday x year decomposition is
their robust default, not the flat recent median (issue 13, fifteenth session: the daily utility set's losses
to AutoETS)."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from app.ml.forecast import RegularDates, SeriesHistory, _api, _engine

END = date(2025, 12, 28)
WEEKDAY = np.array([1.15, 1.1, 1.05, 1.0, 0.95, 0.85, 0.9])


def daily(sid: str, y: np.ndarray) -> SeriesHistory:
    return SeriesHistory(sid, RegularDates(END - timedelta(days=len(y) - 1), len(y), "D"), y)


def wandering(seed: int, n: int = 90) -> np.ndarray:
    """A level that moves for weeks (a random walk in logs) times a weekday shape: lag-1 autocorrelation near 1."""
    rng = np.random.default_rng(seed)
    level = np.cumsum(rng.normal(0, 0.05, n))
    return 1000 * np.exp(level) * WEEKDAY[np.arange(n) % 7] * rng.lognormal(0, 0.02, n)


def steady(seed: int, n: int = 90) -> np.ndarray:
    """A kirana's fast mover: Poisson sales around a fixed level, every day a sale (lag-1 autocorrelation near 0)."""
    return np.random.default_rng(seed).poisson(25, n).astype(float) + 1


def robust_defaults(series: list[SeriesHistory], horizon: int) -> np.ndarray:
    _members, block = next(_api._blocks(series, None, horizon, "D", END))  # type: ignore[arg-type]
    seen: dict[str, np.ndarray] = {}
    choose = _engine._choose

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        out = choose(*args, **kwargs)
        seen["robust"] = out[2]
        return out

    _engine._choose = spy  # type: ignore[assignment]
    try:
        _engine.run_block(block, horizon, None)
    finally:
        _engine._choose = choose  # type: ignore[assignment]
    return seen["robust"]


def test_a_wandering_daily_series_defaults_to_the_weekday_year_decomposition() -> None:
    series = [daily(f"w{i}", wandering(i)) for i in range(3)] + [daily(f"s{i}", steady(10 + i)) for i in range(3)]
    robust = robust_defaults(series, 7)
    # the old default, the recent median of 28 days, for every smooth daily series: a wandering level leaves it behind
    assert [_engine.METHODS[m] for m in robust] == ["weekday_year"] * 3 + ["median"] * 3


@pytest.mark.parametrize("horizon", [7, 35])
def test_a_steady_daily_series_is_forecast_as_before(horizon: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The shop's items sell around a level with day-to-day noise: their forecast does not depend on the rule."""
    series = [daily(f"s{i}", steady(20 + i)) for i in range(4)]
    new = _api.forecast(series, horizon, "D", end=END, use_model=False)
    monkeypatch.setattr(_engine, "WANDERING_DAILY_DEFAULT", False)
    old = _api.forecast(series, horizon, "D", end=END, use_model=False)
    for a, b in zip(new, old, strict=True):
        assert a.method == b.method
        np.testing.assert_array_equal(a.mean, b.mean)
        np.testing.assert_array_equal(a.p10, b.p10)
        np.testing.assert_array_equal(a.p90, b.p90)
