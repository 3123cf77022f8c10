"""The demand a running promotion brings lasts as long as the promotion: after its last day the forecast is
the demand at the regular price again, so the inventory agent does not order for a clearance's lift."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import numpy as np
import pytest

from app.agents.demand import DemandForecaster
from app.agents.limits import Limits
from app.agents.planner import Directives
from app.agents.snapshot import build_snapshot
from app.store import market as market_store
from app.store.market import Promotion

from .conftest import TODAY


def _on_clearance(snap, sku: str, price_paise: int, days: int):
    """``snap`` as it reads while ``sku`` is on a clearance at ``price_paise`` for ``days`` days from today."""
    i = snap.index[sku]
    price = snap.price.copy()
    regular = int(price[i])
    price[i] = price_paise
    promo = Promotion(id=1, sku=sku, kind="clearance", price_paise=price_paise, regular_price_paise=regular,
                      starts_on=TODAY.isoformat(), ends_on=(TODAY + timedelta(days=days - 1)).isoformat(),
                      status="active", reason="", goal_id=None, decision_id=None, created_at="", updated_at="",
                      actor="agent")
    return dataclasses.replace(snap, price=price, promotions={**snap.promotions, sku: promo})


def test_a_clearance_lifts_demand_only_until_it_ends(kirana):
    snap = build_snapshot(kirana.store, now=kirana.ctx.now(), today=kirana.ctx.today(),
                          limits=Limits.load(kirana.store), directives=Directives())
    i = snap.index["MILK"]
    plain = DemandForecaster().demand(snap).mean[i]
    cleared = DemandForecaster().demand(_on_clearance(snap, "MILK", int(snap.price[i]) * 6 // 10, 3)).mean[i]
    assert np.all(cleared[:3] > plain[:3] * 1.1)  # the cheaper days sell more
    # the days after the clearance are forecast at the regular price it returns to (before, the clearance's
    # price held for the whole horizon: every day after it about twice the demand, and ordered for)
    assert cleared[3:] == pytest.approx(plain[3:], rel=1e-5)


def test_days_sold_under_a_promotion_are_not_read_as_demand(kirana):
    """A clearance that ended yesterday doubled the item's sales over its three days: the forecast after it is
    the forecast without those days, not a level raised by them (before, about 1.4x for weeks, ordered for)."""
    with kirana.store.write():
        db = kirana.store.db()
        promo = market_store.insert_promotion(
            db, sku="MILK", kind="clearance", price_paise=1800, starts_on=(TODAY - timedelta(days=3)).isoformat(),
            ends_on=(TODAY - timedelta(days=1)).isoformat(), reason="", goal_id=None, decision_id=None, at="",
            actor="agent")
        market_store.set_promotion_status(db, promo, "ended", "")
    snap = build_snapshot(kirana.store, now=kirana.ctx.now(), today=kirana.ctx.today(),
                          limits=Limits.load(kirana.store), directives=Directives())
    i = snap.index["MILK"]
    assert snap.promoted[i] == [(snap.history_days - 3, snap.history_days - 1)]
    sales = snap.sales.copy()
    sales[i, -3:] *= 2
    lifted = dataclasses.replace(snap, sales=sales)
    unknown = sales.copy()
    unknown[i, -3:] = np.nan
    without = DemandForecaster().demand(dataclasses.replace(snap, sales=unknown, promoted={})).mean[i]
    assert DemandForecaster().demand(lifted).mean[i] == pytest.approx(without, rel=1e-5)
    assert without[0] < 1.1 * DemandForecaster().demand(dataclasses.replace(snap, promoted={})).mean[i][0]
