"""A short-life item read from a few known days (issue 14, twenty-second session): when the agents take over a shop,
an item the warm-up barely stocked has 2-10 known days in its history, and a model's reading of them (an
intermittent-demand or trend method) ran above what those days sold: the coastal town's fish (FRES013, keeps 3
days) sold 0, 10, 9, 0, 4, 3 and 0 on its seven known days, was read at 5.78 a day, bought four cases of 10 in the
first week against 2 a day asked, and 28 of them were thrown away."""

from __future__ import annotations

import dataclasses

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


def _uncapped(snap, i: int, monkeypatch) -> float:
    with monkeypatch.context() as m:
        m.setattr(DemandForecaster, "_cap_thin", lambda *args: None, raising=False)
        return float(DemandForecaster().demand(snap).mean[i].max())


def test_an_item_whose_shelf_emptied_on_most_of_its_few_days_is_left_to_the_model(kirana, monkeypatch):
    """Sold out on five of its seven days, the item's days are lower bounds: the village's DAIR011 (5 known days, read
    at 3.6 a day against 9.8 asked) lost fill when it was held at their mean."""
    snap, i = _shop(kirana, FISH_DAYS)
    sold_out = snap.sold_out.copy()
    sold_out[i, -5:] = True
    snap = dataclasses.replace(snap, sold_out=sold_out)
    assert float(DemandForecaster().demand(snap).mean[i].max()) == _uncapped(snap, i, monkeypatch)


def test_goods_that_keep_and_items_known_on_many_days_are_left_to_the_model(kirana, monkeypatch):
    snap, i = _shop(kirana, FISH_DAYS, life=0)
    assert float(DemandForecaster().demand(snap).mean[i].max()) == _uncapped(snap, i, monkeypatch)
    rich, j = _shop(kirana, FISH_DAYS * 3)
    assert (~np.isnan(rich.sales[j])).sum() >= THIN_KNOWN_DAYS
    assert float(DemandForecaster().demand(rich).mean[j].max()) == _uncapped(rich, j, monkeypatch)
