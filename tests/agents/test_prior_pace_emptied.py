"""The prior pace of an item whose shelf customers emptied on every day it was stocked before the history
(issue 14, seventeenth session): what sold is a floor on its pace, read as it is, not shrunk toward the calendar."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.agents.limits import Limits
from app.agents.planner import Directives
from app.agents.snapshot import PRIOR_DOUBT_DAYS, build_snapshot
from app.services import inventory

from .conftest import SELLER, START, at
from .test_edges import new_item, sell


def _snapshot(kirana):
    return build_snapshot(kirana.store, now=kirana.ctx.now(), today=kirana.ctx.today(),
                          limits=Limits.load(kirana.store), directives=Directives())


def _stocked(kirana, sku: str, days: range, sold: dict[int, int]) -> None:
    """A case of 5 roses on the shelf each morning of ``days`` (the first from the opening stock), ``sold[day]``
    of them sold that evening."""
    new_item(kirana, sku, "Rose", "loose", price=1000, mrp=1000, cost=715, case=5, opening=5, shelf_life=1)
    for offset in days:
        if offset != days.start:
            kirana.clock.set(at(START + timedelta(days=offset), 7))
            on_hand = kirana.on_hand(sku)
            inventory.receive_stock(kirana.ctx, sku, 5000 - on_hand, unit_cost_paise=715,
                                    source_ref=f"{sku}:{offset}", expires_on=START + timedelta(days=offset + 1),
                                    origin=SELLER)
        sell(kirana, sku, offset, sold[offset])


def test_a_pace_read_from_days_that_all_sold_out_is_not_shrunk_below_what_sold(kirana):
    """Roses sold their case of 5 on each of the four days they were stocked (days -1 to 2), then were left out
    for months. Shrunk toward the calendar rate as if those days were the item's level, the pace read 3.6 a day,
    under the 5 that sold every day; a case of 5 at a 28% margin no longer paid, and the roses were never stocked
    again while customers asked for 6 to 9 a day (temple town). The four days say "at least 5": 5 it is."""
    _stocked(kirana, "ROSE", range(-1, 3), {-1: 5, 0: 5, 1: 5, 2: 5})
    kirana.clock.set(at(START + timedelta(days=3 + 95), 9))
    snap = _snapshot(kirana)
    i = snap.index["ROSE"]
    assert all(v != v for v in snap.sales[i])  # out of stock through the whole history
    assert snap.prior_rate is not None and snap.prior_rate[i] == pytest.approx(5.0)
    assert snap.prior_days is not None and snap.prior_days[i] == pytest.approx(4 + PRIOR_DOUBT_DAYS)


def test_a_pace_read_from_days_that_did_not_all_sell_out_is_still_shrunk(kirana):
    """One of the four days left roses on the shelf: those days are the item's level, read from few of them,
    and pooled with the calendar rate as before."""
    _stocked(kirana, "ROSE", range(-1, 3), {-1: 5, 0: 3, 1: 5, 2: 5})
    kirana.clock.set(at(START + timedelta(days=3 + 95), 9))
    snap = _snapshot(kirana)
    i = snap.index["ROSE"]
    units = 18
    assert snap.prior_rate is not None
    assert snap.prior_rate[i] == pytest.approx((units + PRIOR_DOUBT_DAYS * units / 28) / (4 + PRIOR_DOUBT_DAYS))
