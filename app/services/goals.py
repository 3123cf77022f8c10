"""The seller's goals, each goal's execution plan and its measured progress (the engine decides plans and
measures progress; these store them, each with its event)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from app.domain import bounds
from app.errors import InputError, InvalidState, NotFound
from app.events import GoalProgressMeasured, GoalSaved, PlanCreated
from app.i18n import _
from app.services.changes import Changes
from app.services.context import SELLER, Origin, ServiceContext, jsonable
from app.store import goals as goal_store

__all__ = ["GOAL_STATUSES", "create_goal", "record_progress", "save_plan", "set_goal_status"]

GOAL_STATUSES = ("active", "paused", "achieved", "missed", "cancelled")


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
        goal_id = goal_store.insert_goal(
            db, description=description.strip(), metrics_json=json.dumps(jsonable(list(metrics)), ensure_ascii=False),
            starts_on=starts_on.isoformat(), ends_on=ends_on.isoformat(), priority=priority, at=now,
            actor=origin.actor)
        event = ctx.record(db, GoalSaved(description=description.strip(), status="active", created=True),
                           Origin(actor=origin.actor, reason=origin.reason, goal_id=goal_id), at=now)
    return Changes(goals=frozenset({goal_id}), events=(event,), id=goal_id)


def set_goal_status(ctx: ServiceContext, goal_id: int, status: str, *, origin: Origin = SELLER) -> Changes:
    if status not in GOAL_STATUSES:
        raise InputError(_("'{status}' is not a goal status.").format(status=status))
    with ctx.store.write() as db:
        row = goal_store.name_and_status(db, goal_id)
        if row is None:
            raise NotFound(_("There is no goal number {id}.").format(id=goal_id))
        if row[1] in ("achieved", "missed", "cancelled"):
            raise InvalidState(_("That goal is already {status}.").format(status=row[1]))
        goal_store.set_status(db, goal_id, status, ctx.now_iso())
        event = ctx.record(db, GoalSaved(description=row[0], status=status),
                           Origin(actor=origin.actor, reason=origin.reason, goal_id=goal_id))
    return Changes(goals=frozenset({goal_id}), events=(event,))


def save_plan(ctx: ServiceContext, goal_id: int, plan: dict[str, Any], *, origin: Origin) -> Changes:
    """Store the plan in the goal (replacing an older revision) with a ``PlanCreated`` event."""
    now = ctx.now_iso()
    with ctx.store.write() as db:
        if not goal_store.exists(db, goal_id):
            raise NotFound(_("There is no goal number {id}.").format(id=goal_id))
        goal_store.set_plan(db, goal_id, json.dumps(jsonable(plan), ensure_ascii=False), now)
        event = ctx.record(db, PlanCreated(strategies=tuple(s["name"] for s in plan.get("strategies", [])),
                                           revision=int(plan.get("revision", 1))),
                           Origin(actor=origin.actor, reason=origin.reason, goal_id=goal_id,
                                  decision_id=origin.decision_id), at=now)
    return Changes(goals=frozenset({goal_id}), events=(event,))


def record_progress(ctx: ServiceContext, goal_id: int, *, measured_on: date, metrics: dict[str, Any],
                    on_track: bool, origin: Origin) -> Changes:
    now = ctx.now_iso()
    with ctx.store.write() as db:
        goal_store.put_progress(db, goal_id, measured_on=measured_on.isoformat(),
                                metrics_json=json.dumps(jsonable(metrics), ensure_ascii=False), on_track=on_track,
                                at=now)
        event = ctx.record(db, GoalProgressMeasured(on_track=on_track, metrics=jsonable(metrics)),
                           Origin(actor=origin.actor, reason=origin.reason, goal_id=goal_id), at=now)
    return Changes(goals=frozenset({goal_id}), events=(event,))
