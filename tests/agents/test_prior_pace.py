"""The pace of an item that has been out of stock for months (issue 14, thirteenth and fourteenth sessions): read
from the days it was on the shelf before the history, shrunk toward the calendar rate when those days are few, and
the first days back on the shelf read together with it, not as the item's new level."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.agents.demand import DemandForecaster
from app.agents.limits import Limits
from app.agents.planner import Directives
from app.agents.snapshot import PRIOR_DOUBT_DAYS, build_snapshot
from app.services import inventory

from .conftest import SELLER, START, at
from .test_edges import new_item, sell

SHELF_DAYS = 5  # curd sold 6 a day on the five days it was on the shelf (days -1 to 3), then nothing for months
# those five known days pooled with PRIOR_DOUBT_DAYS days at the calendar rate (30 units over 28 days)
PRIOR = (30 + PRIOR_DOUBT_DAYS * 30 / 28) / (SHELF_DAYS + PRIOR_DOUBT_DAYS)


def _curd_out_for_months(kirana) -> None:
    new_item(kirana, "CURD", "Curd 400 g", "dairy", price=4000, mrp=4000, cost=3400, case=10, opening=30,
             shelf_life=5)
    for offset in range(-1, 4):  # all thirty sold over five days; the shelf is empty from the evening of day 3
        sell(kirana, "CURD", offset, 6)


def _snapshot(kirana):
    return build_snapshot(kirana.store, now=kirana.ctx.now(), today=kirana.ctx.today(),
                          limits=Limits.load(kirana.store), directives=Directives())


def test_an_item_out_for_the_whole_history_keeps_most_of_the_pace_it_sold_at_on_its_days_in_stock(kirana):
    """Before the history the curd was on the shelf 5 of the 28 days up to its last sale, selling 6 each. The
    calendar rate (30 / 28, about 1 a day) counted the 23 empty days as days nobody wanted it; the pace on the
    five known days is 6, shrunk a little toward the calendar's for being read from only five days: 4.6."""
    _curd_out_for_months(kirana)
    kirana.clock.set(at(START + timedelta(days=4 + 95), 9))
    snap = _snapshot(kirana)
    i = snap.index["CURD"]
    assert all(v != v for v in snap.sales[i])  # out of stock through the whole history
    assert snap.prior_rate is not None and snap.prior_rate[i] == pytest.approx(PRIOR)
    assert 4.5 < PRIOR < 6.0
    assert snap.prior_days is not None and snap.prior_days[i] == pytest.approx(SHELF_DAYS + PRIOR_DOUBT_DAYS)


def test_one_day_back_on_the_shelf_after_months_out_is_not_read_as_the_new_level(kirana):
    """The curd is stocked again after three months out and sells 14 on its first day (a festival's eve, a
    chance crowd). Read alone, that day made 14 a day the item's pace, and a perishable was bought three cases
    at a time on it (the fresh supermarket's DAIR018, thirteenth session). It is one day against five before
    the history: the pace is the two pooled."""
    _curd_out_for_months(kirana)
    back = 4 + 95
    kirana.clock.set(at(START + timedelta(days=back), 8))
    inventory.receive_stock(kirana.ctx, "CURD", 20_000, unit_cost_paise=3400, source_ref="curd:back",
                            expires_on=START + timedelta(days=back + 5), origin=SELLER)
    sell(kirana, "CURD", back, 14)
    kirana.clock.set(at(START + timedelta(days=back + 1), 9))
    snap = _snapshot(kirana)
    i = snap.index["CURD"]
    assert int((snap.sales[i] == snap.sales[i]).sum()) == 1  # one known day in the history: the 14
    forecaster = DemandForecaster()
    forecaster.demand(snap)
    rate = float(forecaster._cache["CURD"].mean[0])
    weight = SHELF_DAYS + PRIOR_DOUBT_DAYS
    assert rate == pytest.approx((14 + PRIOR * weight) / (1 + weight), rel=1e-4)
    assert rate < 7
