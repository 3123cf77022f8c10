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
    assert wape <= base_wape * 1.02  # WAPE within sampling noise of the baseline, or better
    if with_plan:  # knowing the promotions must pay: here mostly in the bias that reorder points feel
        assert wape + bias < 0.95 * (base_wape + base_bias)
    lo, hi = np.stack([r.p10 for r in res]), np.stack([r.p90 for r in res])
    coverage = ((actual >= lo) & (actual <= hi)).mean()
    assert 0.7 <= coverage <= 0.92  # an 80% range, roughly
