"""What the engine believes, learnt from outcomes: one row per (kind, subject)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from app.store.rows import fetch_all, fetch_one

__all__ = ["Belief", "all_beliefs", "get", "of_kind", "put"]

KINDS = ("elasticity", "lead_time", "forecast_bias", "festival_lift", "competitor_sensitivity")


@dataclass(frozen=True, slots=True, kw_only=True)
class Belief:
    kind: str
    subject: str
    value: float
    spread: float | None
    n: int
    updated_at: str
    event_id: int | None


def get(db: Database, kind: str, subject: str) -> Belief | None:
    return fetch_one(db, Belief, "SELECT * FROM agent_belief WHERE kind = ? AND subject = ?", (kind, subject))


def of_kind(db: Database, kind: str) -> dict[str, Belief]:
    """Every belief of one kind, by subject."""
    return {b.subject: b for b in fetch_all(db, Belief, "SELECT * FROM agent_belief WHERE kind = ?", (kind,))}


def all_beliefs(db: Database, *, kind: str | None = None, limit: int = 1000) -> list[Belief]:
    if kind is None:
        return fetch_all(db, Belief, "SELECT * FROM agent_belief ORDER BY kind, subject LIMIT ?", (limit,))
    return fetch_all(db, Belief, "SELECT * FROM agent_belief WHERE kind = ? ORDER BY subject LIMIT ?", (kind, limit))


def put(db: Database, *, kind: str, subject: str, value: float, spread: float | None, at: str,
        event_id: int | None) -> None:
    """The belief's new value; ``n`` counts the updates."""
    db.execute(
        "INSERT INTO agent_belief (kind, subject, value, spread, n, updated_at, event_id)"
        " VALUES (?, ?, ?, ?, 1, ?, ?) ON CONFLICT(kind, subject) DO UPDATE SET value = excluded.value,"
        " spread = excluded.spread, n = n + 1, updated_at = excluded.updated_at, event_id = excluded.event_id",
        (kind, subject, value, spread, at, event_id))
