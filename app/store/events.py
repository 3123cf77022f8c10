"""The append-only event log: who did what, why, and for which goal or decision."""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database

from app.domain.records import EventRow
from app.store.rows import fetch_all, fetch_one


def append(db: Database, *, at: str, type: str, actor: str, subject_type: str = "", subject_id: str = "",
           data: dict[str, Any] | None = None, reason: str = "", goal_id: int | None = None,
           decision_id: int | None = None, correlation_id: str | None = None) -> int:
    """Write one event inside the caller's transaction; returns its id."""
    return db.execute(
        "INSERT INTO event (at, type, actor, subject_type, subject_id, data_json, reason, goal_id,"
        " decision_id, correlation_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (at, type, actor, subject_type, subject_id,
         json.dumps(data or {}, ensure_ascii=False, separators=(",", ":"), default=str),
         reason, goal_id, decision_id, correlation_id),
    ).lastrowid


def get(db: Database, event_id: int) -> EventRow | None:
    return fetch_one(db, EventRow, "SELECT * FROM event WHERE id = ?", (event_id,))


def recent(db: Database, *, limit: int = 100, subject_type: str | None = None,
           subject_id: str | None = None, before_id: int | None = None) -> list[EventRow]:
    """Newest first, optionally only those about one subject."""
    where, params = [], []
    if subject_type is not None:
        where.append("subject_type = ?")
        params.append(subject_type)
    if subject_id is not None:
        where.append("subject_id = ?")
        params.append(subject_id)
    if before_id is not None:
        where.append("id < ?")
        params.append(before_id)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    return fetch_all(db, EventRow, f"SELECT * FROM event {clause} ORDER BY id DESC LIMIT ?", (*params, limit))
