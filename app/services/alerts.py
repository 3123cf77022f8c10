"""Alerts for the seller (``agent_alert``): overstock, expiry, late suppliers, failing agents; one open
alert per kind and subject."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from app.domain.reasons import kept_text
from app.errors import InputError
from app.events import AlertRaised, AlertResolved
from app.i18n import _
from app.services.changes import Changes
from app.services.context import SYSTEM, Origin, ServiceContext, jsonable
from app.store import alerts as alert_store

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
        data_json = json.dumps(jsonable(data or {}), ensure_ascii=False)
        found = alert_store.open_alert_id(db, kind, subject)
        if found is not None:
            alert_store.refresh_alert(db, found, message=kept_text(message), data_json=data_json, severity=severity)
            return Changes(id=found)
        alert_id = alert_store.insert_alert(db, kind=kind, subject=subject, severity=severity,
                                            message=kept_text(message),
                                            data_json=data_json, decision_id=origin.decision_id, at=now)
        # kept as message and values, as the alert itself, so the Activity page reads it in the language of the moment
        event = ctx.record(db, AlertRaised(alert_id=alert_id, kind=kind, subject=subject, severity=severity,
                                           message=kept_text(message)), origin, at=now)
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
            alert_id = alert_store.open_alert_id(db, kind, subject)
            if alert_id is None:
                continue
            alert_store.resolve_alert(db, alert_id, now)
            events.append(ctx.record(db, AlertResolved(alert_id=alert_id, kind=kind, subject=subject), origin, at=now))
    return Changes(events=tuple(events))
