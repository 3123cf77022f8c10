"""Daily series whose level wanders (gas, water, electricity sent each day): the weekday x year decomposition is
their robust default, not the flat recent median (issue 13, fifteenth session: the daily utility set's losses
to AutoETS), and their forecast outright (sixteenth session: a flat level that won the CV windows by the level's
return sat under a level that had moved)."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from app.ml.forecast import RegularDates, SeriesHistory, _api, _engine

END = date(2025, 12, 28)
WEEKDAY = np.array([1.15, 1.1, 1.05, 1.0, 0.95, 0.85, 0.9])


def daily(sid: str, y: np.ndarray) -> SeriesHistory:
    return SeriesHistory(sid, RegularDates(END - timedelta(days=len(y) - 1), len(y), "D"), y)


def wandering(seed: int, n: int = 90, step: float = 0.05) -> np.ndarray:
    """A level that moves for weeks (a random walk in logs) times a weekday shape: lag-1 autocorrelation near 1."""
    rng = np.random.default_rng(seed)
    level = np.cumsum(rng.normal(0, step, n))
    return 1000 * np.exp(level) * WEEKDAY[np.arange(n) % 7] * rng.lognormal(0, 0.02, n)


def returning(seed: int, n: int = 75) -> np.ndarray:
    """A level that swings and comes back within about two weeks (so a flat level wins CV windows by that return), then
    rises by half in the last week, as the daily utility set's gas series did before its h 8 window."""
    rng = np.random.default_rng(seed)
    t = np.arange(n)
    level = 1 + 0.2 * np.sin(2 * np.pi * t / 16 + seed)
    level[-7:] *= 1.5
    return 1000 * level * WEEKDAY[t % 7] * rng.lognormal(0, 0.03, n)


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


def assert_same_forecasts(new: list, old: list) -> None:
    for a, b in zip(new, old, strict=True):
        assert a.method == b.method
        np.testing.assert_array_equal(a.mean, b.mean)
        np.testing.assert_array_equal(a.p10, b.p10)
        np.testing.assert_array_equal(a.p90, b.p90)


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
    assert_same_forecasts(new, old)


@pytest.mark.parametrize("horizon", [7, 8])
def test_a_wandering_daily_series_is_forecast_by_the_decomposition_outright(horizon: int) -> None:
    """Neither a candidate that won the CV windows nor the combination with its flat anchors replaces the
    decomposition. On the code before, the same series went to Holt-Winters, Theta, the combination, the response's
    level or the recent median, and the four whose level rose in the last week were forecast near their old level."""
    rising = [returning(i) for i in (0, 1, 3, 4)]
    # a level that moves twice as fast as in the test above: lag-1 autocorrelation 0.75-0.93, still smooth (seed 7's
    # level drifts so far that the series is erratic)
    series = [daily(f"w{i}", wandering(i, step=0.1)) for i in range(7)]
    series += [daily(f"r{i}", y) for i, y in enumerate(rising)]
    out = _api.forecast(series, horizon, "D", end=END, use_model=False)
    assert [f.method for f in out] == ["weekday_year"] * 11
    for f, y in zip(out[7:], rising, strict=True):
        # the forecast follows the level of the last week, not the median of the last four
        assert float(np.mean(f.mean)) > 1.05 * float(np.median(y[-28:]))


@pytest.mark.parametrize("horizon", [7, 35])
def test_a_steady_daily_series_is_not_forecast_outright(horizon: int, monkeypatch: pytest.MonkeyPatch) -> None:
    series = [daily(f"s{i}", steady(30 + i)) for i in range(4)]
    new = _api.forecast(series, horizon, "D", end=END, use_model=False)
    monkeypatch.setattr(_engine, "WANDERING_DAILY_OUTRIGHT", False)
    old = _api.forecast(series, horizon, "D", end=END, use_model=False)
    assert_same_forecasts(new, old)
