"""How long a request in the approvals inbox waits for the seller: learnt from the seller's own answers.

The shop's setting ``agents.approvals.expiry_days`` (three days by default) is the shortest life. A seller who
checks Approvals every few days took longer than that to answer before, and every request then lapsed before they
looked (issue 14's sixteenth session: Kota's owner, who answers after four days, never saw one of the agents'
requests in a year, and the items they were for were asked for again in a rotation while nothing was ordered). So a
request waits at least a day longer than the longest the seller took over their recent answers; and while the
seller has answered nothing since some requests lapsed, a day longer than the longest of those lapsed requests had
(the seller is known to take longer than that). Never longer than :data:`LONGEST_DAYS`: what an order or a price was
for may no longer fit the shop a week on, and an item stays out of the agents' hands while it waits.
"""

from __future__ import annotations

import math
from datetime import datetime

from app.store import decisions as decision_store
from app.store.db import Database

__all__ = ["LONGEST_DAYS", "RECENT", "request_life_days"]

LONGEST_DAYS = 7  # a week: the "lead time plus a week" leaves no room for a request to wait longer
RECENT = 40  # the requests read: about a fortnight of a busy shop's inbox, all of a quiet one's


def _days(start: str, end: str) -> float:
    return (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds() / 86_400


def request_life_days(db: Database, configured: int) -> int:
    """Days a new request waits for the seller: ``configured``, or longer for a seller who is known to take longer
    (from the last :data:`RECENT` requests, answered or lapsed), at most :data:`LONGEST_DAYS`."""
    life = max(int(configured), 1)
    if life >= LONGEST_DAYS:
        return life
    answered_since = False  # newest first: a lapse older than an answer says nothing the answer does not
    for request in decision_store.approvals(db, status=None, limit=RECENT):
        if request.decided_at is None:
            continue
        if request.status in ("approved", "rejected"):
            answered_since = True
            took = _days(request.created_at, request.decided_at)
        elif request.status == "expired" and not answered_since and request.expires_at is not None:
            took = _days(request.created_at, request.expires_at)  # at least this long; the seller had not looked
        else:
            continue
        # whole days, a few seconds' drift forgiven: a seller who answers on the second morning needs a request
        # that lives past it, not one that waits a third day longer
        life = max(life, math.floor(took + 1e-3) + 1)
    return min(life, LONGEST_DAYS)
