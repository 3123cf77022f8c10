"""The range of a series of small whole counts holds at least its count noise (app/ml/forecast/_intervals.py, issue 13,
twentieth session): with one CV window or none, the ranges from the windows' errors cut through the few whole numbers
a doctor's month of prescriptions can be."""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pytest

from app.ml.forecast import RegularDates, SeriesHistory, forecast
from app.ml.forecast import _intervals as iv

START = date(2024, 1, 1)


def poisson_histories(rng: np.random.Generator, levels: np.ndarray, months: int) -> list[SeriesHistory]:
    return [SeriesHistory(f"s{i}", RegularDates(START, months, "M"), rng.poisson(lv, months).astype(float))
            for i, lv in enumerate(levels)]


def test_a_small_count_series_range_holds_its_count_noise() -> None:
    """400 doctors' months of prescriptions, Poisson at 0.3 to 8 a month, 24 months known (one CV window at h 4, none
    at h 12): the p10-p90 range holds 75-92% of fresh outcomes at h 4 and h 12 (87.5 / 89.5%: a count's quantiles are
    whole numbers, so the range between them holds more than 80%; without the count floor 67.4 / 71.1%)."""
    rng = np.random.default_rng(3)
    levels = rng.uniform(0.3, 8.0, 400)
    hist = poisson_histories(rng, levels, 24)
    for h in (4, 12):
        res = forecast(hist, h, "M", use_model=False)
        lo, hi = np.stack([r.p10 for r in res]), np.stack([r.p90 for r in res])
        outcome = rng.poisson(levels[:, None], (len(levels), h))
        inside = float(((outcome >= lo) & (outcome <= hi)).mean())
        assert 0.75 <= inside <= 0.92, (h, inside)


def test_a_forecast_under_one_keeps_zero_and_one_inside() -> None:
    """A forecast of about 0.4 a month: the range holds both 0 and 1 (it was 0.02 to 0.84, holding neither)."""
    Y = np.array([[0, 1, 0, 0, 1, 0, 0, 0, 2, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0]], float)
    mean = np.full((1, 4), 0.4)
    errs = np.array([[[0.3, -0.6, 0.4, -0.5]]])  # one window's errors: too few for the range
    lo, hi = iv.intervals(mean, errs, Y, np.array([0.4]), "M")
    assert np.all(lo == 0.0) and np.all(hi >= 1.0)


def test_count_quantiles_are_the_poisson_and_negative_binomial_quantiles() -> None:
    """The smallest whole numbers whose cumulative probability reaches 10% and 90%, summed by hand."""
    def poisson_q(mu: float, p: float) -> int:
        k, cdf, pmf = 0, 0.0, math.exp(-mu)
        while cdf + pmf < p - 1e-12:
            cdf += pmf
            k += 1
            pmf *= mu / k
        return k

    def nbinom_q(mu: float, d: float, p: float) -> int:  # variance d x mu: size mu / (d - 1), success 1 / d
        r, k, cdf = mu / (d - 1), 0, 0.0
        while True:
            cdf += math.exp(math.lgamma(k + r) - math.lgamma(r) - math.lgamma(k + 1) + r * math.log(1 / d)
                            + k * math.log(1 - 1 / d))
            if cdf >= p - 1e-12:
                return k
            k += 1

    mus = np.array([0.05, 0.4, 1.0, 3.0, 7.5, 40.0, 300.0])
    lo, hi = iv.count_quantiles(mus, np.ones_like(mus))
    assert lo.tolist() == [poisson_q(m, 0.1) for m in mus] and hi.tolist() == [poisson_q(m, 0.9) for m in mus]
    lo, hi = iv.count_quantiles(mus, np.full_like(mus, 3.0))
    assert lo.tolist() == [nbinom_q(m, 3.0, 0.1) for m in mus] and hi.tolist() == [nbinom_q(m, 3.0, 0.9) for m in mus]


def test_a_never_zero_count_series_keeps_a_positive_low_bound() -> None:
    rng = np.random.default_rng(5)
    Y = (1 + rng.poisson(1.5, (50, 24))).astype(float)  # never 0, about 2.5 a month
    hist = [SeriesHistory(f"s{i}", RegularDates(START, 24, "M"), y) for i, y in enumerate(Y)]
    for r in forecast(hist, 8, "M", use_model=False):
        assert np.all(r.p10 > 0.0) and np.all(r.p10 <= r.mean) and np.all(r.mean <= r.p90)


@pytest.mark.parametrize("case", ["daily", "large level", "not whole"])
def test_the_count_floor_leaves_other_series_alone(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Daily series (the agents' forecasts), counts at a level above ``COUNT_LEVEL`` and quantities that are not whole
    numbers keep the range from their CV errors alone."""
    rng = np.random.default_rng(7)
    freq = "D" if case == "daily" else "M"
    level = 500.0 if case == "large level" else 3.0
    Y = rng.poisson(level, (30, 60)).astype(float)
    if case == "not whole":
        Y = Y + 0.25
    hist = [SeriesHistory(f"s{i}", RegularDates(START, 60, freq), y) for i, y in enumerate(Y)]
    a = forecast(hist, 8, freq, use_model=False)
    monkeypatch.setattr(iv, "COUNT_LEVEL", -1.0)
    b = forecast(hist, 8, freq, use_model=False)
    for x, y in zip(a, b, strict=True):
        np.testing.assert_array_equal(x.p10, y.p10)
        np.testing.assert_array_equal(x.p90, y.p90)
        np.testing.assert_array_equal(x.mean, y.mean)
