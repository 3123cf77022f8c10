"""Issue 14, sixteenth session: Kota's owner answers after four days; the approvals inbox's requests lapsed after three,
so in a year they never saw one of the agents' requests. Here the same seller runs the test shop for twelve days:
on the old code every request lapsed, nothing was approved or ordered, and the seller was never told."""

from __future__ import annotations

import json
from datetime import date, timedelta

from shops import at

from app.services import settings
from app.services.context import Origin
from app.store import decisions as decision_store

from .conftest import TODAY

LAPSED = "approvals_lapsed"  # the alert's kind (app.agents.engine.LAPSED_ALERT)


def test_a_seller_who_answers_after_four_days_gets_the_order_and_is_told_of_the_lapse(kirana):
    """Each morning the seller answers (approves) what has waited four days, then the agents' cycle runs."""
    settings.set_setting(kirana.ctx, "agents.inventory.max_po_paise", 100)  # every order waits for the seller
    engine = kirana.engine()
    db = kirana.store.db()
    told = []
    for day in range(12):
        kirana.clock.set(at(TODAY + timedelta(days=day), 8))
        for request in decision_store.approvals(db):
            if (TODAY + timedelta(days=day) - date.fromisoformat(request.created_at[:10])).days >= 4:
                engine.approve(request.id, note="four days on", origin=Origin(actor="seller"))
        kirana.clock.set(at(TODAY + timedelta(days=day), 9))
        engine.run_cycle(["inventory"])
        told.append(db.execute("SELECT count(*) FROM agent_alert WHERE kind = ? AND resolved_at IS NULL",
                               (LAPSED,)).fetchone()[0])
        if day == 3:
            note = db.execute("SELECT data_json FROM agent_alert WHERE kind = ?", (LAPSED,)).fetchone()
            assert note is not None and json.loads(note[0])["wait_days"] == 4  # lapsed at three days: now four
        # an item is never in two requests at once: a lapsed request's need is asked again once, not copied
        pending = [sku for request in decision_store.approvals(db)
                   for sku in _skus(db, request.decision_id)]
        assert len(pending) == len(set(pending)), (day, pending)
    statuses = [row[0] for row in db.execute("SELECT status FROM agent_approval").fetchall()]
    assert "approved" in statuses, statuses  # old code: every request lapsed after three days
    assert db.execute("SELECT count(*) FROM purchase_order WHERE status = 'sent'").fetchone()[0] >= 1
    assert statuses.count("expired") <= statuses.count("approved")
    assert told[3] == 1  # the first requests lapsed on day 3: the seller is told
    assert told[-1] == 0  # and the note closed once they answered


def _skus(db, decision_id: int) -> list[str]:
    found = decision_store.decision(db, decision_id)
    return [line["sku"] for action in found.actions for line in action.get("params", {}).get("lines", ())]
