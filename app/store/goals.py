"""The seller's goals (``goal``) and their measured progress (``goal_progress``)."""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database

__all__ = ["GOAL_COLUMNS", "active_goal_ids", "goal_ids", "goal_progress", "goal_row"]

# the columns goal_row returns, in order
GOAL_COLUMNS = ("id", "description", "metrics_json", "starts_on", "ends_on", "priority", "status", "plan_json",
                "created_at")


def goal_row(db: Database, goal_id: int) -> tuple | None:
    """One goal as a row of :data:`GOAL_COLUMNS`, or None."""
    return db.execute(f"SELECT {', '.join(GOAL_COLUMNS)} FROM goal WHERE id = ?", (goal_id,)).fetchone()


def goal_ids(db: Database, *, status: str | None = None) -> list[int]:
    """Ids of every goal (of one status when given), oldest first."""
    sql = "SELECT id FROM goal" + (" WHERE status = ?" if status else "") + " ORDER BY id"
    return [r[0] for r in db.execute(sql, (status,) if status else ())]


def active_goal_ids(db: Database, today_on: str) -> list[int]:
    """Ids of the active goals running on ``today_on``, most important first."""
    return [r[0] for r in db.execute("SELECT id FROM goal WHERE status = 'active' AND starts_on <= ? AND ends_on >= ?"
                                     " ORDER BY priority, id", (today_on, today_on))]


def goal_progress(db: Database, goal_id: int, *, limit: int = 60) -> list[tuple[str, dict[str, Any], bool]]:
    """(measured_on, metrics, on_track), newest first."""
    return [(r[0], json.loads(r[1]), bool(r[2])) for r in db.execute(
        "SELECT measured_on, metrics_json, on_track FROM goal_progress WHERE goal_id = ?"
        " ORDER BY measured_on DESC LIMIT ?", (goal_id, limit))]


