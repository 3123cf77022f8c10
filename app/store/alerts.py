"""Open and resolved alerts (``agent_alert``): overstock, expiry, late suppliers, failing agents."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from app.domain.reasons import text_of
from app.store.rows import fetch_all

__all__ = ["Alert", "insert_alert", "open_alert_id", "open_alert_subjects", "open_alerts", "refresh_alert",
           "resolve_alert"]


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

    @property
    def text(self) -> str:
        """The message in the language the seller reads now (kept as message and values since issue 14)."""
        return text_of(self.message)


def open_alerts(db: Database, *, kind: str | None = None, limit: int = 500) -> list[Alert]:
    if kind is None:
        return fetch_all(db, Alert, "SELECT * FROM agent_alert WHERE resolved_at IS NULL ORDER BY id DESC LIMIT ?",
                         (limit,))
    return fetch_all(db, Alert, "SELECT * FROM agent_alert WHERE resolved_at IS NULL AND kind = ?"
                     " ORDER BY id DESC LIMIT ?", (kind, limit))


def open_alert_subjects(db: Database, kind: str) -> dict[str, int]:
    """{subject: alert id} of the open alerts of one kind."""
    return dict(db.execute("SELECT subject, id FROM agent_alert WHERE resolved_at IS NULL AND kind = ?", (kind,)))


def open_alert_id(db: Database, kind: str, subject: str) -> int | None:
    """The open alert of ``kind`` about ``subject`` (there is at most one), or None."""
    row = db.execute("SELECT id FROM agent_alert WHERE kind = ? AND subject = ? AND resolved_at IS NULL",
                     (kind, subject)).fetchone()
    return None if row is None else row[0]


def refresh_alert(db: Database, alert_id: int, *, message: str, data_json: str, severity: str) -> None:
    db.execute("UPDATE agent_alert SET message = ?, data_json = ?, severity = ? WHERE id = ?",
               (message, data_json, severity, alert_id))


def insert_alert(db: Database, *, kind: str, subject: str, severity: str, message: str, data_json: str,
                 decision_id: int | None, at: str) -> int:
    return db.execute(
        "INSERT INTO agent_alert (kind, subject, severity, message, data_json, decision_id, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)", (kind, subject, severity, message, data_json, decision_id, at)).lastrowid


def resolve_alert(db: Database, alert_id: int, at: str) -> None:
    db.execute("UPDATE agent_alert SET resolved_at = ? WHERE id = ?", (at, alert_id))
