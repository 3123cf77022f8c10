"""The seller's goals (``goal``) and their measured progress (``goal_progress``)."""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database

__all__ = ["GOAL_COLUMNS", "active_goal_ids", "active_goal_rows", "exists", "goal_ids", "goal_list", "goal_progress",
           "goal_row", "insert_goal", "name_and_status", "put_progress", "set_plan", "set_status"]

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


def active_goal_rows(db: Database, today_on: str) -> list[tuple[int, str, str, str, str, str | None, int]]:
    """(id, description, metrics_json, starts_on, ends_on, plan_json, priority) of the active goals not yet over
    (those starting later included), most important first."""
    return db.execute("SELECT id, description, metrics_json, starts_on, ends_on, plan_json, priority FROM goal"
                      " WHERE status = 'active' AND ends_on >= ? ORDER BY priority, id", (today_on,)).fetchall()


def goal_progress(db: Database, goal_id: int, *, limit: int = 60) -> list[tuple[str, dict[str, Any], bool]]:
    """(measured_on, metrics, on_track), newest first."""
    return [(r[0], json.loads(r[1]), bool(r[2])) for r in db.execute(
        "SELECT measured_on, metrics_json, on_track FROM goal_progress WHERE goal_id = ?"
        " ORDER BY measured_on DESC LIMIT ?", (goal_id, limit))]


def exists(db: Database, goal_id: int) -> bool:
    return db.execute("SELECT 1 FROM goal WHERE id = ?", (goal_id,)).fetchone() is not None


def name_and_status(db: Database, goal_id: int) -> tuple[str, str] | None:
    """(description, status) of one goal, or None."""
    row = db.execute("SELECT description, status FROM goal WHERE id = ?", (goal_id,)).fetchone()
    return None if row is None else (row[0], row[1])


def insert_goal(db: Database, *, description: str, metrics_json: str, starts_on: str, ends_on: str, priority: int,
                at: str, actor: str) -> int:
    """A new active goal; its id."""
    return db.execute(
        "INSERT INTO goal (description, metrics_json, starts_on, ends_on, priority, status, created_at, updated_at,"
        " actor) VALUES (?, ?, ?, ?, ?, 'active', ?, ?, ?)",
        (description, metrics_json, starts_on, ends_on, priority, at, at, actor)).lastrowid


def set_status(db: Database, goal_id: int, status: str, at: str) -> None:
    db.execute("UPDATE goal SET status = ?, updated_at = ? WHERE id = ?", (status, at, goal_id))


def set_plan(db: Database, goal_id: int, plan_json: str, at: str) -> None:
    db.execute("UPDATE goal SET plan_json = ?, updated_at = ? WHERE id = ?", (plan_json, at, goal_id))


def put_progress(db: Database, goal_id: int, *, measured_on: str, metrics_json: str, on_track: bool, at: str) -> None:
    """The goal's progress on a day (a second measurement the same day replaces the first)."""
    db.execute("INSERT INTO goal_progress (goal_id, measured_on, metrics_json, on_track, at)"
               " VALUES (?, ?, ?, ?, ?) ON CONFLICT(goal_id, measured_on) DO UPDATE SET"
               " metrics_json = excluded.metrics_json, on_track = excluded.on_track, at = excluded.at",
               (goal_id, measured_on, metrics_json, int(on_track), at))


def goal_list(db: Database) -> list[tuple]:
    """(id, description, starts_on, ends_on, priority, status, planned) of every goal, by id."""
    return db.execute("SELECT id, description, starts_on, ends_on, priority, status,"
                      " plan_json IS NOT NULL FROM goal ORDER BY id").fetchall()
