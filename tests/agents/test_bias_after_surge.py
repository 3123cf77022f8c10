"""The forecast-bias belief after a surge the forecaster lags ("Issue 14, sixteenth session" in docs/agents.md).

An order planned on 10 milk a day sells 30 a day over its window (a surge). By the time the window is learnt from,
a later order was planned on the forecaster's own week ahead of 25 a day: the forecaster has caught up by itself,
so only the part of the surprise it has not corrected (30 / 25) is learnt, not the whole threefold surprise, which
would multiply the caught-up forecast and count the surge twice."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.agents.learning import Learner, stepped
from app.services import decisions
from app.store import beliefs

from .conftest import TODAY, at
from .test_learning import sell_days

PLANNED = 10.0  # units a day the first order was planned on
SOLD = 30  # units a day really sold over its window
HORIZON = 9


def order(shop, day, week_daily: float | None) -> None:
    """An executed restock decision for milk decided on ``day``, planned on ``PLANNED`` a day over the next
    ``HORIZON`` days, its week's forecast ``week_daily`` (a decision from before that figure was kept: None)."""
    shop.clock.set(at(day, 8))
    line = {"qty_milli": 12_000, "daily_demand": PLANNED, "position_milli": 0, "rop_milli": 0, "target_milli": 0,
            "runs_out_first": False}
    if week_daily is not None:
        line["week_daily"] = week_daily
    decisions.record_decision(shop.ctx, agent="inventory", decision_type="restock", status="executed",
                              reasoning=["An order."], actions=[{"kind": "purchase_order", "params": {"lines": []}}],
                              expected={"horizon_days": HORIZON, "lines": {"MILK": line}}, context={})


@pytest.mark.parametrize(("later_week", "learnt_ratio"), [
    (25.0, SOLD / 25.0),  # the forecaster caught up to 25 a day: only 30 / 25 is left to learn
    (40.0, 1.0),  # it moved further than the surprise: nothing is left, and the move is not turned into a fall
    (8.0, SOLD / PLANNED),  # it moved the other way: the whole surprise is the bias
    (None, SOLD / PLANNED),  # no later order shows where the forecaster stands: the whole surprise, as before
])
def test_the_part_of_a_surge_the_forecaster_has_caught_up_with_is_not_learnt_again(kirana, later_week, learnt_ratio):
    order(kirana, TODAY, PLANNED)
    if later_week is not None:
        order(kirana, TODAY + timedelta(days=5), later_week)
    sell_days(kirana, TODAY, HORIZON, {"MILK": SOLD})
    kirana.clock.set(at(TODAY + timedelta(days=HORIZON), 9))
    Learner(kirana.ctx).learn()
    milk = beliefs.get(kirana.store.db(), "forecast_bias", "MILK")
    if learnt_ratio == 1.0:
        assert milk is None  # nothing to learn: the belief is not written
    else:
        assert milk is not None and milk.value == pytest.approx(stepped(1.0, learnt_ratio), abs=1e-3)


def test_a_fall_the_forecaster_has_followed_is_not_learnt_again(kirana):
    """The same the other way: planned on 30 a day, 10 sold, and a later order planned on 12 a day."""
    kirana.clock.set(at(TODAY, 8))
    line = {"qty_milli": 12_000, "daily_demand": 30.0, "week_daily": 30.0}
    decisions.record_decision(kirana.ctx, agent="inventory", decision_type="restock", status="executed",
                              reasoning=["An order."], actions=[{"kind": "purchase_order", "params": {"lines": []}}],
                              expected={"horizon_days": HORIZON, "lines": {"MILK": line}}, context={})
    order(kirana, TODAY + timedelta(days=5), 12.0)
    sell_days(kirana, TODAY, HORIZON, {"MILK": 10})
    kirana.clock.set(at(TODAY + timedelta(days=HORIZON), 9))
    Learner(kirana.ctx).learn()
    milk = beliefs.get(kirana.store.db(), "forecast_bias", "MILK")
    assert milk is not None and milk.value == pytest.approx(stepped(1.0, 10 / 12), abs=1e-3)
