"""The forecast-bias belief held against the forecaster's level it was learnt against ("Issue 14, seventeenth
session" in docs/agents.md).

An order planned on 10 milk a day sells 30 a day: the belief steps 0.3 of the way to 3 (1.6), against a forecaster
at 10 a day. When a later order shows the forecaster itself at 13 a day, 1.3 of the belief is already in its level:
the belief is held at 1.6 / 1.3, not multiplied onto the new level whole. When the forecaster falls back to 9 a
day, the belief is given back as learnt (it is never raised above that). The window learnt next starts from the
belief it was planned with."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.agents.learning import Learner, stepped
from app.services import decisions
from app.store import beliefs

from .conftest import TODAY, at
from .test_learning import sell_days

HORIZON = 9


def order(shop, day, raw_daily: float, bias: float) -> None:
    """An executed restock decision for milk on ``day`` whose forecaster said ``raw_daily`` a day, the bias
    belief ``bias`` on top (as the inventory agent keeps them on the line)."""
    shop.clock.set(at(day, 8))
    line = {"qty_milli": 12_000, "daily_demand": raw_daily * bias, "week_daily": raw_daily * bias, "bias": bias,
            "position_milli": 0, "rop_milli": 0, "target_milli": 0, "runs_out_first": False}
    decisions.record_decision(shop.ctx, agent="inventory", decision_type="restock", status="executed",
                              reasoning=["An order."], actions=[{"kind": "purchase_order", "params": {"lines": []}}],
                              expected={"horizon_days": HORIZON, "lines": {"MILK": line}}, context={})


def belief(shop) -> float:
    found = beliefs.get(shop.store.db(), "forecast_bias", "MILK")
    assert found is not None
    return found.value


def test_a_belief_is_held_against_the_level_it_was_learnt_against(kirana):
    order(kirana, TODAY, 10.0, 1.0)
    sell_days(kirana, TODAY, HORIZON, {"MILK": 30})
    learnt_on = TODAY + timedelta(days=HORIZON)
    kirana.clock.set(at(learnt_on, 9))
    Learner(kirana.ctx).learn()
    learnt = stepped(1.0, 3.0)
    assert belief(kirana) == pytest.approx(learnt, abs=1e-3)

    order(kirana, learnt_on + timedelta(days=1), 13.0, belief(kirana))  # the forecaster has risen to 13 a day
    kirana.clock.set(at(learnt_on + timedelta(days=2), 9))
    Learner(kirana.ctx).learn()
    assert belief(kirana) == pytest.approx(learnt / 1.3, abs=1e-3)

    order(kirana, learnt_on + timedelta(days=3), 9.0, belief(kirana))  # and fallen back below where it was
    kirana.clock.set(at(learnt_on + timedelta(days=4), 9))
    Learner(kirana.ctx).learn()
    assert belief(kirana) == pytest.approx(learnt, abs=1e-3)


def test_a_forecaster_risen_past_the_belief_leaves_none_of_it(kirana):
    order(kirana, TODAY, 10.0, 1.0)
    sell_days(kirana, TODAY, HORIZON, {"MILK": 30})
    learnt_on = TODAY + timedelta(days=HORIZON)
    kirana.clock.set(at(learnt_on, 9))
    Learner(kirana.ctx).learn()
    order(kirana, learnt_on + timedelta(days=1), 25.0, belief(kirana))
    kirana.clock.set(at(learnt_on + timedelta(days=2), 9))
    Learner(kirana.ctx).learn()
    assert belief(kirana) == pytest.approx(1.0, abs=1e-3)


def test_a_window_planned_before_the_belief_was_held_steps_from_the_belief_it_was_planned_with(kirana):
    """A window planned with the whole 1.6 on a forecaster at 13 a day that sold 13 * 1.6 a day bears that belief
    out: the step goes from the belief as held (1.6 / 1.3) toward 1.6, not from 1.6 / 1.3 toward 1.6 / 1.3 as
    if the window had been planned with the belief as held."""
    order(kirana, TODAY, 10.0, 1.0)
    sell_days(kirana, TODAY, HORIZON, {"MILK": 30})
    learnt_on = TODAY + timedelta(days=HORIZON)
    kirana.clock.set(at(learnt_on, 9))
    Learner(kirana.ctx).learn()
    learnt = belief(kirana)
    second = learnt_on + timedelta(days=1)
    order(kirana, second, 13.0, learnt)  # planned with the whole belief on a risen forecaster
    daily = round(13.0 * learnt)  # and selling what it was planned on
    sell_days(kirana, second, 1, {"MILK": daily})
    kirana.clock.set(at(second + timedelta(days=1), 9))
    Learner(kirana.ctx).learn()
    assert belief(kirana) == pytest.approx(learnt / 1.3, abs=1e-3)  # held against the new level
    sell_days(kirana, second + timedelta(days=1), HORIZON - 1, {"MILK": daily})
    kirana.clock.set(at(second + timedelta(days=HORIZON), 9))
    Learner(kirana.ctx).learn()
    sold_ratio = daily / (13.0 * learnt)
    expected = stepped(learnt / 1.3, learnt * sold_ratio)
    assert belief(kirana) == pytest.approx(expected, abs=2e-3)
