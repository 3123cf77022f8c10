"""A short-life item read from one or two days is tried with a case when its evidence cannot rule out that the case
pays, and tried again while customers empty each case, until the forecast has days enough to read its pace from
("Issue 14, eighteenth session" in docs/agents.md: the temple town's one-day flowers)."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import numpy as np
import pytest

from app.agents.fresh_cases import PROBE_LEARN_DAYS, _paid_before, _probe_due, profit, upper_pace
from app.agents.snapshot import PRIOR_DOUBT_DAYS, PRIOR_RATE_DAYS

HISTORY = 91
# roses: keep one day, a case of 5 costs ₹35.75 (₹7.15 each) and sells at ₹10 each
CASE, PRICE, COST = 5, 1000, 715


def _snap(prior: float = 0.0, prior_days: float = 0.0) -> SimpleNamespace:
    return SimpleNamespace(sales=np.full((1, HISTORY), np.nan), shelf_life=np.array([1]),
                           prior_rate=np.array([prior]), prior_days=np.array([prior_days]),
                           sold_out=np.zeros((1, HISTORY), dtype=bool), on_hand=np.array([0]),
                           history_days=HISTORY, today=date(2026, 6, 20))


def test_the_upper_pace_is_the_gamma_quantile_and_tightens_with_the_days_seen():
    # the 90% quantiles of Gamma(7.5) / 2 and Gamma(300.5) / 100, to 0.1% (scipy.stats.gamma.ppf: 5.5768, 3.2292)
    assert upper_pace(7, 2) == pytest.approx(5.5768, rel=1e-3)
    assert upper_pace(300, 100) == pytest.approx(3.2292, rel=1e-3)
    assert upper_pace(350, 100) < 1.1 * 3.5  # a hundred days at 3.5 a day: close to the mean


def test_a_case_read_from_two_days_is_probed_where_a_well_read_pace_is_not():
    """Two days on the shelf: 5 sold (the whole case, sold out) and 2. At their mean, 3.5 a day, a case of 5 loses
    (about 3.2 of 5 sell: ₹32 for ₹35.75); at the 8.6 a day the simulator draws it earns; two days cannot tell the
    two apart, so the case is tried. Ninety-one days at 3.5 a day can, and it is not."""
    assert profit(3.5, 3.5, 0.0, CASE, PRICE, COST) < 0 < profit(8.6, 8.6, 0.0, CASE, PRICE, COST)
    two = _snap()
    two.sales[0, 10], two.sales[0, 11] = 5.0, 2.0
    two.sold_out[0, 10] = True
    assert _paid_before(two, 0, CASE, PRICE, COST)  # the old code read 3.5 a day and said no
    many = _snap()
    many.sales[0, :] = 3.5
    assert not _paid_before(many, 0, CASE, PRICE, COST)


def test_a_prior_read_from_two_days_before_the_history_is_judged_by_those_days():
    """Out of stock through the history, the same two days before it: the snapshot's prior pools their 7 units with
    two days at the 28-day calendar rate (1.88 a day, weight 4), but the evidence is still two days."""
    units, known = 7.0, 2.0
    weight = known + PRIOR_DOUBT_DAYS
    prior = (units + PRIOR_DOUBT_DAYS * units / PRIOR_RATE_DAYS) / weight
    assert _paid_before(_snap(prior, weight), 0, CASE, PRICE, COST)  # the old code read 1.88 a day and said no
    # twenty-eight days at that pace (about 2 a day) are evidence that a case of 5 in a day does not pay
    units, known = 2.0 * 28, 28.0
    weight = known + PRIOR_DOUBT_DAYS
    assert not _paid_before(_snap((units + PRIOR_DOUBT_DAYS * units / PRIOR_RATE_DAYS) / weight, weight), 0,
                            CASE, PRICE, COST)


def test_a_probe_that_sold_out_is_tried_again_until_the_forecast_has_days_to_read():
    snap = _snap()
    snap.sales[0, -1], snap.sold_out[0, -1] = 5.0, True  # yesterday's probe: all 5 sold
    assert _probe_due(snap, 0, 0)  # the old code waited two weeks out of stock, then for the calendar's window
    assert not _probe_due(snap, 0, 5000)  # a case on order already
    snap.sold_out[0, -1] = False  # one left over: the case's worth is seen; back to the usual wait
    assert not _probe_due(snap, 0, 0)
    full = _snap()
    full.sales[0, -2 * PROBE_LEARN_DAYS::2] = 5.0
    full.sold_out[0, -2 * PROBE_LEARN_DAYS::2] = True
    full.sales[0, -1], full.sold_out[0, -1] = 5.0, True
    assert int((~np.isnan(full.sales[0])).sum()) >= PROBE_LEARN_DAYS
    assert not _probe_due(full, 0, 0)  # enough days: the forecast reads the pace from here on
