"""The p10-p90 range's calibration by replaying the CV windows (app/ml/forecast/_intervals.py, issue 13)."""

from __future__ import annotations

import numpy as np
import pytest

from app.ml.forecast import _intervals as iv

S, C, H = 2000, 8, 8


def coverage(errs: np.ndarray, new: np.ndarray, never_zero: bool) -> float:
    """Share of fresh outcomes ``mean + new`` inside the range built from the CV errors ``errs``."""
    mean = np.full((S, H), 10.0)
    Y = np.full((S, 30), 10.0)
    if not never_zero:
        Y[:, 0] = 0.0  # additive errors
    lo, hi = iv.intervals(mean, errs, Y, np.ones(S), "W")
    actual = mean + new if not never_zero else mean * np.exp(new)
    return float(((actual >= lo) & (actual <= hi)).mean())


def windows_with_shocks(rng: np.random.Generator, n: int, shock: float, noise: float) -> np.ndarray:
    """Errors that move together within a window (one shock for all steps) plus step-to-step noise."""
    return rng.normal(0, shock, (S, n, 1)) + rng.normal(0, noise, (S, n, H))


@pytest.mark.parametrize("never_zero", [False, True])
def test_range_covers_80_percent_when_errors_move_together_within_a_window(never_zero: bool,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Pooled quantiles of the steps of 8 windows see 8 shocks, not 64 errors: plain quantiles cover too
    little; the replay of the windows widens the range to about 80% of fresh outcomes."""
    rng = np.random.default_rng(1)
    scale = 0.1 if never_zero else 1.0
    past = windows_with_shocks(rng, C, 1.0 * scale, 0.5 * scale)
    new = windows_with_shocks(rng, 1, 1.0 * scale, 0.5 * scale)[:, 0]
    errs = -past if not never_zero else 10.0 - 10.0 * np.exp(past)  # forecast minus actual
    calibrated = coverage(errs, new, never_zero)
    monkeypatch.setattr(iv, "PRIOR_WINDOWS", 1e12)  # the factor pinned at 1: the plain quantiles
    plain = coverage(errs, new, never_zero)
    assert plain < 0.76
    assert 0.76 <= calibrated <= 0.84


def test_range_stays_at_80_percent_when_errors_are_independent() -> None:
    rng = np.random.default_rng(2)
    past = rng.normal(0, 1, (S, C, H))
    new = rng.normal(0, 1, (S, H))
    assert 0.76 <= coverage(-past, new, False) <= 0.84


def test_no_windows_or_one_window_leaves_the_range_alone() -> None:
    assert np.all(iv.calibration(np.zeros((4, 0, 5))) == 1.0)
    assert np.all(iv.calibration(np.ones((4, 1, 5))) == 1.0)
    values = np.full((2, 6, 4), np.nan)
    values[0] = np.random.default_rng(3).normal(size=(6, 4))
    k = iv.calibration(values)
    assert k[1] == 1.0 and np.isfinite(k[0])


def test_the_range_rests_on_the_latest_windows_only() -> None:
    """The oldest CV windows (years back on monthly data) do not widen today's range: errors ten times larger
    in the windows past the latest ``RANGE_WINDOWS`` leave it as it was."""
    rng = np.random.default_rng(4)
    errs = rng.normal(0, 1, (50, C, H))
    mean = np.full((50, H), 10.0)
    Y = np.full((50, 30), 10.0)
    Y[:, 0] = 0.0
    lo, hi = iv.intervals(mean, errs, Y, np.ones(50), "W")
    older = errs.copy()
    older[:, iv.RANGE_WINDOWS :] *= 10
    lo2, hi2 = iv.intervals(mean, older, Y, np.ones(50), "W")
    np.testing.assert_allclose(lo2, lo)
    np.testing.assert_allclose(hi2, hi)
    assert iv.RANGE_WINDOWS < C


@pytest.mark.filterwarnings("error::RuntimeWarning")
def test_large_additive_errors_overflow_nothing() -> None:
    """A series with zero periods has additive errors, which can be hundreds of its scale (PBS's rare
    medicines, a forecast near 0 and outcomes of 2): exp() of them overflowed in the unused ratio branch."""
    mean = np.full((1, H), 1e-8)
    Y = np.zeros((1, 30))
    Y[0, ::6] = 2.0
    errs = -np.linspace(2000.0, 9000.0, C * H).reshape(1, C, H)  # the outcomes far above the forecast
    lo, hi = iv.intervals(mean, errs, Y, np.ones(1), "M")
    assert np.all(np.isfinite(hi)) and np.all(hi > 1000.0) and np.all(lo <= mean)
