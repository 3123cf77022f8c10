"""Days that sold out are censored observations of demand ("at least what sold"), not days without evidence:
dropping them keeps only the days whose demand was under the stock, and an item kept lean looks slower than it
is (the agents then stock it leaner still: the village's dahi and milk)."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pytest

from app.agents.snapshot import demand_when_sold_out
from app.services import sales
from app.services.sales import PaymentIn, SaleLine

from .conftest import SELLER, TODAY, at
from .test_learning import snapshot


@pytest.mark.parametrize(("pace", "stock"), [(11.0, 10), (3.0, 5), (0.5, 1), (300.0, 280)])
def test_the_pace_is_recovered_from_days_that_sold_out(pace, stock):
    rng = np.random.default_rng(3)
    demand = rng.poisson(pace, (2, 3000)).astype(float)
    sold = np.minimum(demand, stock)
    sold_out = demand >= stock
    seen = np.where(sold_out, np.nan, sold)
    filled = demand_when_sold_out(seen, np.where(sold_out, sold, 0.0), sold_out)
    assert np.nanmean(seen) < pace - 0.02 * pace  # dropping the sold-out days: too slow
    estimate = np.where(sold_out, filled, seen).mean(axis=1)
    assert estimate == pytest.approx([pace, pace], rel=0.05)
    assert (filled[sold_out] >= sold[sold_out]).all()  # never under what really sold


def test_a_day_that_sold_out_is_kept_as_at_least_what_sold_and_an_empty_day_stays_unknown(kirana):
    kirana.clock.set(at(TODAY, 9))
    kirana.set_stock("MILK", 5_000)
    kirana.set_stock("CHIPS", 0)
    kirana.clock.set(at(TODAY, 19))
    lines = [SaleLine(sku="MILK", qty_milli=5_000)]
    total = sales.quote_sale(kirana.ctx, lines=lines).total_paise
    sales.record_sale(kirana.ctx, lines=lines, payments=[PaymentIn(method="cash", amount_paise=total)],
                      origin=SELLER)
    kirana.clock.set(at(TODAY + timedelta(days=1), 8))
    snap = snapshot(kirana)
    milk, chips = snap.index["MILK"], snap.index["CHIPS"]
    assert np.isfinite(snap.sales[milk, -1]) and snap.sales[milk, -1] >= 5  # closed empty after selling 5
    assert np.isnan(snap.sales[chips, -1])  # nothing on the shelf all day: no evidence


def test_a_shelf_emptied_by_a_write_off_is_not_a_sold_out_day(kirana):
    kirana.clock.set(at(TODAY, 9))
    kirana.set_stock("MILK", 8_000)
    kirana.clock.set(at(TODAY, 19))
    lines = [SaleLine(sku="MILK", qty_milli=5_000)]
    total = sales.quote_sale(kirana.ctx, lines=lines).total_paise
    sales.record_sale(kirana.ctx, lines=lines, payments=[PaymentIn(method="cash", amount_paise=total)],
                      origin=SELLER)
    kirana.clock.set(at(TODAY, 21))
    kirana.set_stock("MILK", 0)  # the last three went off: demand that day may have been just the five
    kirana.clock.set(at(TODAY + timedelta(days=1), 8))
    assert np.isnan(snapshot(kirana).sales[snapshot(kirana).index["MILK"], -1])
