"""Days that sold out are censored observations of demand ("at least what sold"), not days without evidence:
dropping them keeps only the days whose demand was under the stock, and an item kept lean looks slower than it
is (the village's dahi). Their demand is estimated from the item's pace **around** the day, not over the whole
history: one long pace carried the chemist's fever surge into the sold-out days after it (67e6d43, reverted)."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pytest

from app.agents.snapshot import demand_when_sold_out
from app.services import sales
from app.services.sales import PaymentIn, SaleLine

from .conftest import SELLER, TODAY, at
from .test_learning import snapshot


def _sell(shop, sku: str, units: int) -> None:
    lines = [SaleLine(sku=sku, qty_milli=units * 1000)]
    total = sales.quote_sale(shop.ctx, lines=lines).total_paise
    sales.record_sale(shop.ctx, lines=lines, payments=[PaymentIn(method="cash", amount_paise=total)], origin=SELLER)


def test_a_lean_item_is_not_read_from_its_low_days_only(kirana):
    """Stocked 10 each morning; customers emptied the shelf on five days of seven and left 4 on the other two:
    dropping the sold-out days read it as 6 a day, the days it sold out say at least 10."""
    for k, sold in enumerate([10, 10, 6, 10, 10, 6, 10]):
        day = TODAY + timedelta(days=k)
        kirana.clock.set(at(day, 8))
        kirana.set_stock("MILK", 10_000)
        kirana.clock.set(at(day, 19))
        _sell(kirana, "MILK", sold)
    kirana.clock.set(at(TODAY + timedelta(days=7), 8))
    snap = snapshot(kirana)
    week = snap.sales[snap.index["MILK"], -7:]
    assert np.isfinite(week).all()
    assert (week[[0, 1, 3, 4, 6]] >= 10).all()  # never under what sold
    assert np.mean(week) >= 8.5


def test_a_surge_is_not_carried_into_the_sold_out_days_after_it():
    """Three weeks at 40 a day (the fever weeks), then seventy days at about 5 with the shelf kept at 5 some
    days: those days sold out at 5, and their demand is about 6 (the calm pace), not the history's average."""
    rng = np.random.default_rng(7)
    demand = np.concatenate([rng.poisson(40.0, 21), rng.poisson(5.0, 70)]).astype(float)
    stock = np.full(91, 100.0)
    stock[40::3] = 5.0  # lean every third day from nineteen days after the surge
    sold = np.minimum(demand, stock)
    sold_out = demand >= stock
    seen = np.where(sold_out, np.nan, sold)[None, :]
    filled = demand_when_sold_out(seen, np.where(sold_out, sold, 0.0)[None, :], sold_out[None, :])[0]
    assert sold_out[40:].sum() >= 8
    after = filled[sold_out]
    assert (after >= 5).all()
    assert after.max() <= 8.0  # one pace over the 91 days (about 14) read each of them as about 14


@pytest.mark.parametrize(("pace", "stock"), [(11.0, 10), (3.0, 5), (300.0, 280)])
def test_a_steady_pace_is_recovered_from_days_that_sold_out(pace, stock):
    rng = np.random.default_rng(3)
    demand = rng.poisson(pace, (2, 91)).astype(float)
    sold = np.minimum(demand, stock)
    sold_out = demand >= stock
    seen = np.where(sold_out, np.nan, sold)
    filled = demand_when_sold_out(seen, np.where(sold_out, sold, 0.0), sold_out)
    estimate = np.where(sold_out, filled, seen).mean(axis=1)
    asked = demand.mean(axis=1)
    assert (np.nanmean(seen, axis=1) < 0.95 * asked).all()  # dropping the sold-out days: too slow
    assert estimate == pytest.approx(asked, rel=0.05)
    assert (filled[sold_out] >= sold[sold_out]).all()


def test_a_shelf_emptied_by_a_write_off_is_not_a_sold_out_day(kirana):
    kirana.clock.set(at(TODAY, 9))
    kirana.set_stock("MILK", 8_000)
    kirana.clock.set(at(TODAY, 19))
    _sell(kirana, "MILK", 5)
    kirana.clock.set(at(TODAY, 21))
    kirana.set_stock("MILK", 0)  # the last three went off: demand that day may have been just the five
    kirana.clock.set(at(TODAY + timedelta(days=1), 8))
    snap = snapshot(kirana)
    assert np.isnan(snap.sales[snap.index["MILK"], -1])
