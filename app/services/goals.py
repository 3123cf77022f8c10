"""The seller's goals and the decisions agents take toward them (the engine builds on these)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from app.domain import bounds
from app.errors import InputError, InvalidState, NotFound
from app.events import DecisionRecorded, GoalSaved
from app.i18n import _
from app.services.changes import Changes
from app.services.context import SELLER, Origin, ServiceContext, jsonable

GOAL_STATUSES = ("active", "paused", "achieved", "missed", "cancelled")
DECISION_STATUSES = ("proposed", "executed", "rejected", "awaiting_approval", "approved", "failed", "superseded")


def create_goal(ctx: ServiceContext, *, description: str, metrics: Sequence[dict[str, Any]], starts_on: date,
                ends_on: date, priority: int = 3, origin: Origin = SELLER) -> Changes:
    """A goal in the seller's words with measurable metrics, e.g.
    ``[{"metric": "revenue", "change_pct": 20}]``, over a time frame, priority 1 (highest) to 5."""
    if not description.strip():
        raise InputError(_("Say what the goal is."))
    description = bounds.check_text(description, what=_("The goal"), limit=bounds.NOTE_MAX)
    bounds.check_goal_metrics(metrics)
    bounds.check_day(starts_on, what=_("Start"))
    bounds.check_day(ends_on, what=_("End"))
    if ends_on < starts_on:
        raise InputError(_("A goal cannot end before it starts."))
    if (ends_on - starts_on).days > bounds.MAX_GOAL_DAYS:
        raise InputError(_("A goal can run for at most three years."))
    if not 1 <= priority <= 5:
        raise InputError(_("Priority goes from 1 (most important) to 5."))
    now = ctx.now_iso()
    with ctx.store.write() as db:
        goal_id = db.execute(
            "INSERT INTO goal (description, metrics_json, starts_on, ends_on, priority, status, created_at, updated_at,"
            " actor) VALUES (?, ?, ?, ?, ?, 'active', ?, ?, ?)",
            (description.strip(), json.dumps(jsonable(list(metrics)), ensure_ascii=False), starts_on.isoformat(),
             ends_on.isoformat(), priority, now, now, origin.actor),
        ).lastrowid
        event = ctx.record(db, GoalSaved(description=description.strip(), status="active", created=True),
                           Origin(actor=origin.actor, reason=origin.reason, goal_id=goal_id), at=now)
    return Changes(goals=frozenset({goal_id}), events=(event,), id=goal_id)


def set_goal_status(ctx: ServiceContext, goal_id: int, status: str, *, origin: Origin = SELLER) -> Changes:
    if status not in GOAL_STATUSES:
        raise InputError(_("'{status}' is not a goal status.").format(status=status))
    with ctx.store.write() as db:
        row = db.execute("SELECT description, status FROM goal WHERE id = ?", (goal_id,)).fetchone()
        if row is None:
            raise NotFound(_("There is no goal number {id}.").format(id=goal_id))
        if row[1] in ("achieved", "missed", "cancelled"):
            raise InvalidState(_("That goal is already {status}.").format(status=row[1]))
        db.execute("UPDATE goal SET status = ?, updated_at = ? WHERE id = ?", (status, ctx.now_iso(), goal_id))
        event = ctx.record(db, GoalSaved(description=row[0], status=status),
                           Origin(actor=origin.actor, reason=origin.reason, goal_id=goal_id))
    return Changes(goals=frozenset({goal_id}), events=(event,))


def record_decision(ctx: ServiceContext, *, agent: str, decision_type: str, status: str,
                    reasoning: Sequence[str], actions: Sequence[dict[str, Any]] = (),
                    alternatives: Sequence[dict[str, Any]] = (), expected: dict[str, Any] | None = None,
                    context: dict[str, Any] | None = None, confidence: float | None = None,
                    goal_id: int | None = None, origin: Origin | None = None) -> Changes:
    """Write down what an agent decided and why, before or as it acts."""
    if status not in DECISION_STATUSES:
        raise InputError(_("'{status}' is not a decision status.").format(status=status))
    if not reasoning:
        raise InputError(_("A decision must say why it was taken."))
    if confidence is not None and not 0 <= confidence <= 1:
        raise InputError(_("Confidence goes from 0 to 1."))
    now = ctx.now_iso()
    dump = lambda value: json.dumps(jsonable(value), ensure_ascii=False)  # noqa: E731
    with ctx.store.write() as db:
        decision_id = db.execute(
            "INSERT INTO agent_decision (agent, decision_type, goal_id, status, confidence, context_json,"
            " reasoning_json, actions_json, alternatives_json, expected_json, created_at, decided_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (agent, decision_type, goal_id, status, confidence, dump(context or {}), dump(list(reasoning)),
             dump(list(actions)), dump(list(alternatives)), dump(expected or {}), now,
             now if status != "proposed" else None),
        ).lastrowid
        event = ctx.record(
            db, DecisionRecorded(agent=agent, decision_type=decision_type, status=status),
            Origin(actor=(origin.actor if origin else f"agent:{agent}"), reason="; ".join(reasoning)[:500],
                   goal_id=goal_id, decision_id=decision_id), at=now)
    return Changes(decisions=frozenset({decision_id}), events=(event,), id=decision_id)
