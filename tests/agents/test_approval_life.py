"""Issue 14, sixteenth session: a request in the approvals inbox waits as long as the seller usually takes.

How long a new request waits (app.agents.approval_life), from the seller's answers and the requests that lapsed;
the seller who answers after four days, through the engine, is in test_approval_four_day_seller.py."""

from __future__ import annotations

from datetime import timedelta

from shops import at

from app.agents import approval_life
from app.services import decisions
from app.services.context import Origin
from app.store import decisions as decision_store

from .conftest import TODAY


def _ask(shop, day: int, hours: int = 0) -> int:
    """A decision put in the inbox on day ``day`` of the test, with the engine's life for a new request."""
    shop.clock.set(at(TODAY + timedelta(days=day), 9 + hours))
    changes = decisions.record_decision(shop.ctx, agent="inventory", decision_type="restock",
                                        status="awaiting_approval", reasoning=["test"], actions=[], alternatives=[],
                                        expected={}, context={}, confidence=1.0)
    life = approval_life.request_life_days(shop.store.db(), 3)
    return int(decisions.request_approval(shop.ctx, int(changes.id), summary="test", kind="restock",
                                          expires=shop.ctx.now() + timedelta(days=life)).id)


def _answer(shop, approval_id: int, day: int) -> None:
    shop.clock.set(at(TODAY + timedelta(days=day), 8))
    decisions.decide_approval(shop.ctx, approval_id, approve=False, note="later", origin=Origin(actor="seller"))


def _lapse(shop, day: int) -> None:
    shop.clock.set(at(TODAY + timedelta(days=day), 11))
    decisions.expire_approvals(shop.ctx, origin=Origin(actor="agent:engine"))


def test_a_request_waits_a_day_longer_than_the_seller_took(kirana):
    db = kirana.store.db()
    assert approval_life.request_life_days(db, 3) == 3  # nothing known: the shop's setting
    first = _ask(kirana, 0)
    _answer(kirana, first, 1)  # next morning: quicker than the setting, which stays
    assert approval_life.request_life_days(db, 3) == 3
    slow = _ask(kirana, 1)
    _answer(kirana, slow, 6)  # five days less an hour
    assert approval_life.request_life_days(db, 3) == 5
    assert approval_life.request_life_days(db, 6) == 6  # never shorter than the setting
    assert approval_life.request_life_days(db, 10) == 10  # a setting above the longest is the seller's to choose


def test_lapses_since_the_last_answer_lengthen_the_wait_up_to_a_week(kirana):
    db = kirana.store.db()
    answered = _ask(kirana, 0)
    _answer(kirana, answered, 1)
    lapsing = _ask(kirana, 1)
    _lapse(kirana, 4)  # three days and two hours: lapsed unanswered
    assert approval_life.request_life_days(db, 3) == 4  # the seller takes longer than three days
    longer = _ask(kirana, 4, hours=1)
    _lapse(kirana, 8)  # lived four days, lapsed again
    assert approval_life.request_life_days(db, 3) == 5
    for day in range(8, 40, 8):  # a seller who stays away: the wait grows to a week and no further
        _ask(kirana, day, hours=1)
        _lapse(kirana, day + 7)
    assert approval_life.request_life_days(db, 3) == approval_life.LONGEST_DAYS
    came_back = _ask(kirana, 47, hours=1)
    _answer(kirana, came_back, 49)  # an answer after two days: the lapses before it no longer count
    assert approval_life.request_life_days(db, 3) == 3
    assert {decision_store.approval(db, a).status for a in (lapsing, longer)} == {"expired"}
