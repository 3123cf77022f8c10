"""Held-out accuracy on a generated kirana (a seed the shipped model never saw), against the robust baseline."""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest

from app.ml.forecast import PlanRow, RegularDates, SeriesHistory, forecast
from app.ml.forecast import _methods as fm

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tools.forecast.kirana_sim import simulate  # noqa: E402

H = 14


@pytest.fixture(scope="module")
def shop():
    sim = simulate(300, 500, date(2025, 10, 31), seed=777)
    origin = sim.qty.shape[1] - 1 - H
    end = sim.start + timedelta(days=origin)
    hist, plan, keep = [], {}, []
    for i in range(sim.qty.shape[0]):
        first = int(sim.first_day[i])
        if first > origin - 56:
            continue
        keep.append(i)
        hist.append(SeriesHistory(str(i), RegularDates(sim.start + timedelta(days=first), origin - first + 1, "D"),
                                  sim.qty[i, first : origin + 1], sim.price[i, first : origin + 1],
                                  sim.promo[i, first : origin + 1]))
        plan[str(i)] = [PlanRow(sim.start + timedelta(days=t), float(sim.price[i, t]), float(sim.promo[i, t]))
                        for t in range(origin + 1, origin + 1 + H)]
    actual = np.nan_to_num(sim.qty[keep, origin + 1 : origin + 1 + H])
    recent = np.stack([np.r_[np.full(max(0, 28 - len(h.qty)), np.nan), np.asarray(h.qty)[-28:]] for h in hist])
    baseline = np.repeat(fm.recent_median(recent, 28)[:, None], H, axis=1)
    return hist, plan, end, actual, baseline


def error(fc: np.ndarray, actual: np.ndarray) -> tuple[float, float]:
    """(WAPE, |bias| as a share of sales) over all items and days."""
    return float(np.abs(fc - actual).sum() / actual.sum()), float(abs(fc.sum() / actual.sum() - 1))


@pytest.mark.parametrize("with_plan", [False, True])
def test_never_worse_than_the_robust_baseline_on_held_out_days(shop, with_plan):
    hist, plan, end, actual, baseline = shop
    res = forecast(hist, H, "D", plan if with_plan else None, end=end)
    fc = np.stack([r.mean for r in res])
    wape, bias = error(fc, actual)
    base_wape, base_bias = error(baseline, actual)
    # within 1%: the forecaster never forecasts zero for an item that still sells on some days, which
    # costs a little bias against a median that is zero on their quiet weeks
    assert wape + bias <= 1.01 * (base_wape + base_bias)
    # WAPE within sampling noise of the baseline, or better, on the items that sell on most days, where a day's
    # median and mean sales are close. Not on the items that sell on few days (eleventh session, docs/forecasting.md):
    # absolute error is smallest at a forecast of their median day, zero, while the agents sum the forecast as the
    # expected sales; for those items the target is their sales in total (below). Over all items the forecaster's
    # WAPE is 1.0065 x the baseline's from history and 1.0222 x with the plan (the fix of an item's rate costs
    # 0.5%; 1.0174 before); on these items 0.9991 x and 1.0129 x
    sells_most_days = np.array([r.demand_class in ("smooth", "erratic") for r in res])
    most_wape = error(fc[sells_most_days], actual[sells_most_days])[0]
    assert most_wape <= error(baseline[sells_most_days], actual[sells_most_days])[0] * 1.02
    # the items that sell on few days: their forecast in total is their expected sales (the recent median's is
    # 0.63 of them; the forecaster's 0.97 from history, 1.06 with the plan; 0.77 and 0.87 before the fix)
    few = ~sells_most_days
    assert 0.85 <= fc[few].sum() / actual[few].sum() <= 1.2
    if with_plan:  # knowing the promotions must pay: here mostly in the bias that reorder points feel
        assert wape + bias < 0.95 * (base_wape + base_bias)
    lo, hi = np.stack([r.p10 for r in res]), np.stack([r.p90 for r in res])
    coverage = ((actual >= lo) & (actual <= hi)).mean()
    assert 0.7 <= coverage <= 0.92  # an 80% range, roughly


def test_weekly_series_with_years_of_history_follow_their_yearly_season():
    """Seventh session, second helper: weekly series with a yearly season (a year-end dip, as US gasoline demand
    at Christmas) and six years of history. With 156 weeks read, the 52-week Holt-Winters started from two of
    three cycles and was scored in few CV windows: the forecast through the dip was worse than last year's same
    weeks (WAPE 0.078 against seasonal naive's 0.063 at noise 0.05); reading six years it beats them."""
    n, h, end = 6 * 52, 4, date(2026, 3, 31)
    hist, actual, snaive = [], [], []
    for seed in range(20):
        rng = np.random.default_rng(seed)
        t = np.arange(n + h)
        dip = (t % 52 >= 50) | (t % 52 == 0)  # the last two weeks of the year and the first, held out
        y = 100 * (1 + 0.001 * t) * (1 + 0.15 * np.sin(2 * np.pi * t / 52) - 0.35 * dip) * rng.lognormal(0, 0.05, n + h)
        hist.append(SeriesHistory(f"s{seed}", RegularDates(end - timedelta(weeks=n - 1), n, "W"), y[:n]))
        actual.append(y[n:])
        snaive.append(y[n - 52 : n - 52 + h])
    fc = np.stack([r.mean for r in forecast(hist, h, "W", use_model=False, end=end)])
    wape, base = error(fc, np.array(actual))[0], error(np.array(snaive), np.array(actual))[0]
    assert wape < 0.9 * base
