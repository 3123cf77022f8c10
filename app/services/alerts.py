"""Alerts for the seller (``agent_alert``): overstock, expiry, late suppliers, failing agents; one open
alert per kind and subject."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from app.errors import InputError
from app.events import AlertRaised, AlertResolved
from app.i18n import _
from app.services.changes import Changes
from app.services.context import SYSTEM, Origin, ServiceContext, jsonable

__all__ = ["SEVERITIES", "raise_alert", "resolve_alerts"]

SEVERITIES = ("info", "warning", "critical")


def raise_alert(ctx: ServiceContext, *, kind: str, subject: str, message: str, severity: str = "info",
                data: dict[str, Any] | None = None, origin: Origin = SYSTEM) -> Changes:
    """An alert for the seller; an alert of the same kind about the same subject that is still open is
    kept (its message refreshed) rather than repeated."""
    if severity not in SEVERITIES:
        raise InputError(_("'{severity}' is not an alert level.").format(severity=severity))
    now = ctx.now_iso()
    with ctx.store.write() as db:
        found = db.execute("SELECT id FROM agent_alert WHERE kind = ? AND subject = ? AND resolved_at IS NULL",
                           (kind, subject)).fetchone()
        if found is not None:
            db.execute("UPDATE agent_alert SET message = ?, data_json = ?, severity = ? WHERE id = ?",
                       (message, json.dumps(jsonable(data or {}), ensure_ascii=False), severity, found[0]))
            return Changes(id=found[0])
        alert_id = db.execute(
            "INSERT INTO agent_alert (kind, subject, severity, message, data_json, decision_id, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)", (kind, subject, severity, message,
                                              json.dumps(jsonable(data or {}), ensure_ascii=False),
                                              origin.decision_id, now)).lastrowid
        event = ctx.record(db, AlertRaised(alert_id=alert_id, kind=kind, subject=subject, severity=severity,
                                           message=message), origin, at=now)
    return Changes(events=(event,), id=alert_id)


def resolve_alerts(ctx: ServiceContext, *, kind: str, subjects: Iterable[str], origin: Origin = SYSTEM) -> Changes:
    """Close the open alerts of ``kind`` about these subjects (the condition has passed)."""
    wanted = list(subjects)
    if not wanted:
        return Changes()
    now = ctx.now_iso()
    events = []
    with ctx.store.write() as db:
        for subject in wanted:
            row = db.execute("SELECT id FROM agent_alert WHERE kind = ? AND subject = ? AND resolved_at IS NULL",
                             (kind, subject)).fetchone()
            if row is None:
                continue
            db.execute("UPDATE agent_alert SET resolved_at = ? WHERE id = ?", (now, row[0]))
            events.append(ctx.record(db, AlertResolved(alert_id=row[0], kind=kind, subject=subject), origin, at=now))
    return Changes(events=tuple(events))
