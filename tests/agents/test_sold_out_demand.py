"""A short-life item's sold-out days read at their demand, not their sales (issue 14, sixteenth session).

A thin-margin milk is stocked to a low quantile of its demand, so its shelf empties on most days; a history of
what sold there reads it at about its stock, and the forecast that orders the next stock follows it down."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest

from app.agents.demand import DemandForecaster, at_least, read_sold_out, shop_dispersion, unconstrained
from app.agents.limits import Limits
from app.agents.planner import Directives
from app.agents.snapshot import build_snapshot
from app.store.beliefs import Belief

DISPERSION = 0.3  # a day's variance: mean + this x mean² (a gamma-mixed Poisson, as the simulator draws)


def _counts(rng: np.random.Generator, mean: float, days: int) -> np.ndarray:
    return rng.poisson(mean * rng.gamma(1 / DISPERSION, DISPERSION, days)).astype(np.float64)


def _shop(kirana, milk_mean: float, milk_stock: float, seed: int = 7):
    """The test shop's snapshot with a synthetic history: every item but the milk stocked deep enough never to
    sell out, the milk (4 days' shelf life) stocked at ``milk_stock`` a day against ``milk_mean`` asked for."""
    snap = build_snapshot(kirana.store, now=kirana.ctx.now(), today=kirana.ctx.today(),
                          limits=Limits.load(kirana.store), directives=Directives())
    rng = np.random.default_rng(seed)
    days = snap.history_days
    sales = np.stack([_counts(rng, 6.0, days) for _ in range(snap.size)]).astype(np.float32)
    sold_out = np.zeros(sales.shape, dtype=bool)
    i = snap.index["MILK"]
    asked = _counts(rng, milk_mean, days)
    sales[i] = np.minimum(asked, milk_stock)
    sold_out[i] = asked >= milk_stock
    snap = dataclasses.replace(snap, sales=sales, sold_value=sales * float(snap.price[i]), sold_out=sold_out,
                               promoted={}, beliefs={})
    return snap, i, asked


def test_a_milk_that_sells_out_most_days_is_forecast_near_what_customers_asked_for(kirana):
    """Stocked at 8 a day against 20 asked for, the milk sold out on about nine days in ten: its sales read 8 a day
    or less. Read as lower bounds (before) the forecast was about that; read at their demand it is near 20."""
    snap, i, asked = _shop(kirana, milk_mean=20.0, milk_stock=8.0)
    assert snap.sold_out[i].mean() > 0.8
    forecast = float(DemandForecaster().demand(snap).mean[i, :7].mean())
    assert forecast > 0.6 * float(asked.mean())  # on the old code about 8: 0.4 of what was asked


def _with_bias(snap, sku: str, value: float):
    belief = Belief(kind="forecast_bias", subject=sku, value=value, spread=None, n=5, updated_at="", event_id=None)
    return dataclasses.replace(snap, beliefs={"forecast_bias": {sku: belief}})


def test_a_learnt_bias_under_one_does_not_read_the_sold_out_days_back_down(kirana):
    """The learner sets the forecast against the days that closed with stock left, the low days of an item that
    sells out on most: a bias of 0.5 learnt there would undo the reading (the village's dairy in the sixteenth
    session), so it holds only in the share of days that kept stock. It still lowers an item that does not sell
    out, and a bias over 1 still lifts the milk."""
    snap, i, _asked = _shop(kirana, milk_mean=20.0, milk_stock=8.0)
    share = float(snap.sold_out[i].mean())
    plain = DemandForecaster().demand(snap).mean
    low = DemandForecaster().demand(_with_bias(snap, "MILK", 0.5)).mean
    assert low[i] == pytest.approx((0.5 + share * 0.5) * plain[i], rel=1e-4)
    assert DemandForecaster().demand(_with_bias(snap, "MILK", 1.3)).mean[i] == pytest.approx(1.3 * plain[i], rel=1e-4)
    other = next(j for j in range(snap.size) if j != i)
    lowered = DemandForecaster().demand(_with_bias(snap, snap.skus[other], 0.5)).mean
    assert lowered[other] == pytest.approx(0.5 * plain[other], rel=1e-4)


def test_items_that_do_not_sell_out_and_goods_that_keep_are_read_as_they_sold(kirana):
    snap, i, _asked = _shop(kirana, milk_mean=20.0, milk_stock=8.0)
    demand, spread = unconstrained(snap, list(range(snap.size)))
    assert list(spread) == [i]
    others = np.arange(snap.size) != i
    assert np.array_equal(demand[others], snap.sales[others])
    assert np.all(demand[i] >= snap.sales[i])  # a sold-out day is read at least at what it sold
    keeps = dataclasses.replace(snap, shelf_life=np.where(np.arange(snap.size) == i, 0, snap.shelf_life))
    assert unconstrained(keeps, list(range(snap.size)))[1] == {}


def test_the_pace_of_a_dispersed_item_is_recovered_from_its_sold_out_days():
    """91 days of a count with the shop's spread: the days read at their demand average within 10% of what was
    asked for, at stocks that sell out one day in ten to nine in ten (the sales alone read 40-96%)."""
    rng = np.random.default_rng(11)
    for mean, stock in ((20.0, 8.0), (10.0, 10.0), (10.0, 16.0), (3.0, 2.0)):
        read, sold = [], []
        for _ in range(12):
            asked = _counts(rng, mean, 91)
            sales = np.minimum(asked, stock)
            read.append(read_sold_out(sales, asked >= stock, np.ones(91), DISPERSION).mean() / asked.mean())
            sold.append(sales.mean() / asked.mean())
        assert np.mean(read) == pytest.approx(1.0, abs=0.12), (mean, stock, np.mean(read), np.mean(sold))


def test_at_least_is_the_conditional_mean_of_the_count():
    for mean, k, floor in ((5.0, 0.0, 7.0), (5.0, 0.3, 7.0), (20.0, 0.45, 6.0), (2.0, 0.2, 0.0)):
        values = np.arange(0, 2000)
        log_fact = np.array([math.lgamma(v + 1.0) for v in values])
        if k:  # the negative binomial's probabilities from the gamma function, written out (no scipy at run time)
            r = 1 / k
            p = r / (r + mean)
            pmf = np.exp(np.array([math.lgamma(v + r) for v in values]) - math.lgamma(r) - log_fact
                         + r * math.log(p) + values * math.log(1 - p))
        else:
            pmf = np.exp(-mean + values * math.log(mean) - log_fact)
        tail = values >= floor
        expected = float((values * pmf)[tail].sum() / pmf[tail].sum())
        assert float(at_least(np.array([floor]), np.array([mean]), k)[0]) == pytest.approx(expected, rel=1e-6)
    assert float(at_least(np.array([500.0]), np.array([2.0]), 0.0)[0]) == 500.0  # far in the tail: the floor


def test_the_shop_dispersion_is_read_from_its_items_that_never_sold_out():
    rng = np.random.default_rng(5)
    sales = np.stack([_counts(rng, m, 91) for m in np.linspace(2, 30, 60)])
    k = shop_dispersion(sales, np.zeros(sales.shape, dtype=bool), np.ones(91))
    assert k == pytest.approx(DISPERSION, abs=0.08)
