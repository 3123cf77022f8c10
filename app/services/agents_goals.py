"""A goal's execution plan and its measured progress (the engine decides both; these store them)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from app.errors import NotFound
from app.i18n import _
from app.events import GoalProgressMeasured, PlanCreated
from app.services.changes import Changes
from app.services.context import Origin, ServiceContext, jsonable


def save_plan(ctx: ServiceContext, goal_id: int, plan: dict[str, Any], *, origin: Origin) -> Changes:
    """Store the plan in the goal (replacing an older revision) with a ``PlanCreated`` event."""
    now = ctx.now_iso()
    with ctx.store.write() as db:
        if not db.execute("SELECT 1 FROM goal WHERE id = ?", (goal_id,)).fetchone():
            raise NotFound(_("There is no goal number {id}.").format(id=goal_id))
        db.execute("UPDATE goal SET plan_json = ?, updated_at = ? WHERE id = ?",
                   (json.dumps(jsonable(plan), ensure_ascii=False), now, goal_id))
        event = ctx.record(db, PlanCreated(strategies=tuple(s["name"] for s in plan.get("strategies", [])),
                                           revision=int(plan.get("revision", 1))),
                           Origin(actor=origin.actor, reason=origin.reason, goal_id=goal_id,
                                  decision_id=origin.decision_id), at=now)
    return Changes(goals=frozenset({goal_id}), events=(event,))


def record_progress(ctx: ServiceContext, goal_id: int, *, measured_on: date, metrics: dict[str, Any],
                    on_track: bool, origin: Origin) -> Changes:
    now = ctx.now_iso()
    with ctx.store.write() as db:
        db.execute("INSERT INTO goal_progress (goal_id, measured_on, metrics_json, on_track, at)"
                   " VALUES (?, ?, ?, ?, ?) ON CONFLICT(goal_id, measured_on) DO UPDATE SET"
                   " metrics_json = excluded.metrics_json, on_track = excluded.on_track, at = excluded.at",
                   (goal_id, measured_on.isoformat(), json.dumps(jsonable(metrics), ensure_ascii=False),
                    int(on_track), now))
        event = ctx.record(db, GoalProgressMeasured(on_track=on_track, metrics=jsonable(metrics)),
                           Origin(actor=origin.actor, reason=origin.reason, goal_id=goal_id), at=now)
    return Changes(goals=frozenset({goal_id}), events=(event,))
