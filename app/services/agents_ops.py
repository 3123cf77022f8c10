"""The agents' own bookkeeping: runs, circuit breakers, alerts and the day's stock picture."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from app.errors import InputError
from app.i18n import _
from app.events import (
    AgentBreakerChanged,
    AgentRunFinished,
    AlertRaised,
    AlertResolved,
    StockDayRecorded,
)
from app.services.changes import Changes
from app.services.context import SYSTEM, Origin, ServiceContext, jsonable

SEVERITIES = ("info", "warning", "critical")


def record_run(ctx: ServiceContext, *, agent: str, trigger: str, started_at: str, status: str, attempts: int = 1,
               proposals: int = 0, executed: int = 0, escalated: int = 0, rejected: int = 0,
               error: str | None = None) -> Changes:
    """One finished (or skipped) run of an agent or job."""
    now = ctx.now_iso()
    with ctx.store.write() as db:
        run_id = db.execute(
            "INSERT INTO agent_run (agent, trigger, started_at, finished_at, status, attempts, proposals, executed,"
            " escalated, rejected, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (agent, trigger, started_at, now, status, attempts, proposals, executed, escalated, rejected,
             (error or None) and error[:1000])).lastrowid
        event = ctx.record(db, AgentRunFinished(agent=agent, status=status, proposals=proposals, executed=executed,
                                                escalated=escalated, error=(error or None) and error[:300]),
                           Origin(actor=f"agent:{agent}", reason=trigger), at=now)
    return Changes(events=(event,), id=run_id)


def set_breaker(ctx: ServiceContext, *, agent: str, state: str, failures: int, retry_at: str | None = None,
                last_error: str | None = None, reason: str = "") -> Changes:
    if state not in ("closed", "open", "half_open"):
        raise InputError(_("'{state}' is not a breaker state.").format(state=state))
    now = ctx.now_iso()
    with ctx.store.write() as db:
        old = db.execute("SELECT state FROM agent_breaker WHERE agent = ?", (agent,)).fetchone()
        db.execute(
            "INSERT INTO agent_breaker (agent, state, failures, opened_at, retry_at, last_error, updated_at)"
            " VALUES (?, ?, ?, CASE WHEN ? = 'open' THEN ? END, ?, ?, ?) ON CONFLICT(agent) DO UPDATE SET"
            " state = excluded.state, failures = excluded.failures,"
            " opened_at = CASE WHEN excluded.state = 'open' AND agent_breaker.state != 'open' THEN excluded.opened_at"
            " WHEN excluded.state = 'closed' THEN NULL ELSE agent_breaker.opened_at END,"
            " retry_at = excluded.retry_at, last_error = coalesce(excluded.last_error, agent_breaker.last_error),"
            " updated_at = excluded.updated_at",
            (agent, state, failures, state, now, retry_at, (last_error or None) and last_error[:1000], now))
        events: tuple = ()
        if old is None or old[0] != state:
            events = (ctx.record(db, AgentBreakerChanged(agent=agent, state=state, failures=failures,
                                                         retry_at=retry_at),
                                 Origin(actor="system", reason=reason[:500]), at=now),)
    return Changes(events=events)


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


def record_stock_day(ctx: ServiceContext, *, business_date: str, active_skus: int, out_of_stock: int,
                     availability: float, inventory_value_paise: int, origin: Origin) -> Changes:
    """The day's stock picture (written once a day; a second write the same day replaces the first)."""
    now = ctx.now_iso()
    with ctx.store.write() as db:
        db.execute("INSERT INTO stock_day (business_date, active_skus, out_of_stock, availability,"
                   " inventory_value_paise, at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(business_date) DO UPDATE SET"
                   " active_skus = excluded.active_skus, out_of_stock = excluded.out_of_stock,"
                   " availability = excluded.availability, inventory_value_paise = excluded.inventory_value_paise,"
                   " at = excluded.at", (business_date, active_skus, out_of_stock, float(availability),
                                         inventory_value_paise, now))
        event = ctx.record(db, StockDayRecorded(business_date=business_date, out_of_stock=out_of_stock,
                                                inventory_value_paise=inventory_value_paise), origin, at=now)
    return Changes(events=(event,))
