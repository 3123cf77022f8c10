"""A window's demand varies more than its days summed as if independent: a forecast whose level is off is off
every day of the window. The agent reads the level's error from its own past forecasts' windows
(``app.agents.demand.level_variance``, ``DemandForecaster._score``) and widens each window's variance by it
(``app.agents.replenishment.window_var``), so a week's safety stock covers what a week really brings."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import numpy as np
import pytest

from app.agents import demand as demand_module
from app.agents import replenishment as rp
from app.agents.demand import DemandForecaster, level_variance
from app.agents.limits import Limits
from app.agents.planner import Directives
from app.agents.snapshot import build_snapshot

LEVEL_SD = 0.2  # the forecast's level is off by 20% (one standard deviation), the same on every day of a window
PACE = 10.0  # units a day the forecast says


def _windows(rng: np.random.Generator, count: int, days: int) -> tuple[np.ndarray, np.ndarray]:
    """(forecast, units sold) per day of ``count`` windows: Poisson days around a level off by LEVEL_SD."""
    level = PACE * np.clip(1 + LEVEL_SD * rng.standard_normal(count), 0.1, None)
    sold = rng.poisson(np.repeat(level[:, None], days, axis=1)).astype(np.float64)
    return np.full((count, days), PACE), sold


def test_a_weeks_safety_stock_covers_a_persistent_level_error():
    """Seven days' protection at 95%: with the days' Poisson variances summed as independent (before) the
    week's sum ran out about one window in five; with the level's variance read from 400 past weeks of the same
    forecaster it runs out about as often as asked."""
    rng = np.random.default_rng(7)
    past_mean, past_sold = _windows(rng, 400, 7)
    learnt = level_variance(past_mean.sum(axis=1), past_sold.sum(axis=1), past_mean.sum(axis=1))
    assert learnt == pytest.approx(LEVEL_SD ** 2, rel=0.35)

    count, days = 4000, 7
    mean, sold = _windows(rng, count, days)
    lead = np.full(count, days - rp.REVIEW_DAYS, dtype=np.int64)
    common = {"lead_days": lead, "lead_sd": np.zeros(count), "z": np.full(count, rp.z_value(0.95)),
              "cover_days": np.ones(count, dtype=np.int64), "shelf_life": np.zeros(count, dtype=np.int64)}
    came = sold.sum(axis=1)
    before = rp.levels(mean, mean.copy(), **common)  # the days' variances only
    after = rp.levels(mean, mean.copy(), level_var=np.full(count, learnt), **common)
    ran_out_before = float(np.mean(came > before["rop"]))
    ran_out_after = float(np.mean(came > after["rop"]))
    assert ran_out_before > 0.15  # the defect: a spread about half the real one
    assert 0.02 < ran_out_after < 0.08
    # the spread kept against the week's real error: squared error over variance about 1, not about 3.5
    error = (came - before["demand_protect"]) ** 2
    assert float(np.mean(error / (after["safety"] / rp.z_value(0.95)) ** 2)) == pytest.approx(1.0, abs=0.25)
    assert float(np.mean(error / (before["safety"] / rp.z_value(0.95)) ** 2)) > 2.5


def test_a_level_right_on_average_adds_nothing():
    """Days that vary only as their own variances say (Poisson around the right level) leave no level term."""
    rng = np.random.default_rng(3)
    sold = rng.poisson(PACE, size=(500, 7)).sum(axis=1).astype(np.float64)
    assert level_variance(np.full(500, 7 * PACE), sold, np.full(500, 7 * PACE)) < 0.003
    assert level_variance(np.zeros(3), np.ones(3), np.ones(3)) == 0.0


def test_the_window_variance_grows_with_the_windows_length_squared():
    mean = np.full((1, 20), 4.0)
    var = np.full((1, 20), 4.0)
    for days in (2, 5, 10):
        got = rp.window_var(mean, var, np.zeros(1, dtype=np.int64), np.array([days]), np.array([0.05]))
        assert got[0] == pytest.approx(4.0 * days + 0.05 * (4.0 * days) ** 2)
    assert rp.window_var(mean, var, np.zeros(1, dtype=np.int64), np.array([5]), None)[0] == pytest.approx(20.0)


def test_the_forecaster_scores_its_own_forecasts_by_the_items_pace(kirana, monkeypatch):
    """The forecaster's next forecast of an item scores the one before against what sold since; items that sold
    half again what they were forecast get a level variance, and only in their own class of pace: where the slow
    items sold twice their forecast and the others as forecast, the others get none (one figure for the shop gave
    the fast items the slow items' errors)."""
    monkeypatch.setattr(demand_module, "LEVEL_MIN_WINDOWS", 1)
    snap = build_snapshot(kirana.store, now=kirana.ctx.now(), today=kirana.ctx.today(),
                          limits=Limits.load(kirana.store), directives=Directives())
    first = DemandForecaster(refresh_days=7).demand(snap)
    assert np.all(first.level_var == 0)
    pace = first.mean[:, :8].mean(axis=1)
    slow = pace < 1.0
    assert slow.any() and (~slow).any()

    def a_week_later(factor: np.ndarray):
        sold = first.mean[:, :7].astype(np.float64) * factor[:, None]
        return dataclasses.replace(snap, today=snap.today + timedelta(days=7),
                                   sales=np.concatenate([snap.sales, sold], axis=1),
                                   sold_value=np.concatenate([snap.sold_value, sold * snap.price[:, None]], axis=1))

    every = DemandForecaster(refresh_days=7)
    every.demand(snap)
    assert every.demand(a_week_later(np.full(snap.size, 1.5))).level_var.max() > 0.1
    right = DemandForecaster(refresh_days=7)
    right.demand(snap)
    assert right.demand(a_week_later(np.ones(snap.size))).level_var.max() < 0.05
    some = DemandForecaster(refresh_days=7)
    some.demand(snap)
    after = some.demand(a_week_later(np.where(slow, 2.0, 1.0)))
    now_pace = after.mean[:, :8].mean(axis=1)
    assert after.level_var[now_pace >= 1.0].max() < 0.05
    assert after.level_var[(now_pace < 1.0) & (now_pace * 7 >= 1.0)].max() > 0.1
