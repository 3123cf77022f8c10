"""A short-life item read from a few known days (issue 14, twenty-second session): when the agents take over a shop,
an item the warm-up barely stocked has 2-10 known days in its history, and a model's reading of them (an
intermittent-demand or trend method) ran above what those days sold: the coastal town's fish (FRES013, keeps 3
days) sold 0, 10, 9, 0, 4, 3 and 0 on its seven known days, was read at 5.78 a day, bought four cases of 10 in the
first week against 2 a day asked, and 28 of them were thrown away."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import numpy as np

from app.agents.demand import THIN_KNOWN_DAYS, DemandForecaster
from app.agents.limits import Limits
from app.agents.planner import Directives
from app.agents.snapshot import build_snapshot

FISH_DAYS = [0.0, 10.0, 9.0, 0.0, 4.0, 3.0, 0.0]


def _shop(kirana, days: list[float], life: int = 4):
    """The test shop's snapshot, every item but the milk sold 6 a day and never out; the milk (``life`` days) known
    only on the history's last ``len(days)`` days, selling ``days`` there, never sold out."""
    snap = build_snapshot(kirana.store, now=kirana.ctx.now(), today=kirana.ctx.today(),
                          limits=Limits.load(kirana.store), directives=Directives())
    rng = np.random.default_rng(3)
    sales = rng.poisson(6.0, (snap.size, snap.history_days)).astype(np.float32)
    i = snap.index["MILK"]
    sales[i] = np.nan
    sales[i, -len(days):] = days
    shelf_life = snap.shelf_life.copy()
    shelf_life[i] = life
    snap = dataclasses.replace(snap, sales=sales, sold_value=np.nan_to_num(sales) * float(snap.price[i]),
                               sold_out=np.zeros(sales.shape, dtype=bool), promoted={}, beliefs={},
                               shelf_life=shelf_life)
    return snap, i


def test_a_short_life_item_known_a_few_days_is_not_forecast_above_what_those_days_sold(kirana):
    snap, i = _shop(kirana, FISH_DAYS)
    forecast = DemandForecaster().demand(snap).mean[i]
    assert float(forecast.max()) <= sum(FISH_DAYS) / len(FISH_DAYS) + 1e-4


def test_a_thin_item_is_read_again_the_next_day_and_a_rich_one_is_not(kirana):
    """The forecast is kept a week unless sales drift far; for an item read from a few days, each new day is a
    large part of what is known, so it is read again every day."""
    snap, i = _shop(kirana, FISH_DAYS)
    forecaster = DemandForecaster()
    forecaster.demand(snap)
    later = dataclasses.replace(snap, today=snap.today + timedelta(days=1))
    assert i in forecaster._stale(later)
    rich, j = _shop(kirana, [3.0] * (THIN_KNOWN_DAYS + 14))
    forecaster = DemandForecaster()
    forecaster.demand(rich)
    assert j not in forecaster._stale(dataclasses.replace(rich, today=rich.today + timedelta(days=1)))


def test_goods_that_keep_are_left_to_the_model(kirana):
    snap, i = _shop(kirana, FISH_DAYS, life=0)
    forecaster = DemandForecaster()
    forecaster.demand(snap)
    assert i not in forecaster._stale(dataclasses.replace(snap, today=snap.today + timedelta(days=1)))
