"""Open and resolved alerts (``agent_alert``): overstock, expiry, late suppliers, failing agents."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from app.store.rows import fetch_all

__all__ = ["Alert", "open_alert_subjects", "open_alerts"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Alert:
    id: int
    kind: str
    subject: str
    severity: str
    message: str
    data_json: str
    decision_id: int | None
    created_at: str
    resolved_at: str | None


def open_alerts(db: Database, *, kind: str | None = None, limit: int = 500) -> list[Alert]:
    if kind is None:
        return fetch_all(db, Alert, "SELECT * FROM agent_alert WHERE resolved_at IS NULL ORDER BY id DESC LIMIT ?",
                         (limit,))
    return fetch_all(db, Alert, "SELECT * FROM agent_alert WHERE resolved_at IS NULL AND kind = ?"
                     " ORDER BY id DESC LIMIT ?", (kind, limit))


def open_alert_subjects(db: Database, kind: str) -> dict[str, int]:
    """{subject: alert id} of the open alerts of one kind."""
    return dict(db.execute("SELECT subject, id FROM agent_alert WHERE resolved_at IS NULL AND kind = ?", (kind,)))
