"""The agents' own bookkeeping: every run, each agent's circuit breaker, and the day's stock picture the
inventory agent writes (``stock_day``, read by goal progress and learning)."""

from __future__ import annotations

from app.errors import InputError
from app.events import (
    AgentBreakerChanged,
    AgentRunFinished,
    StockDayRecorded,
)
from app.i18n import _
from app.services.changes import Changes
from app.services.context import Origin, ServiceContext

__all__ = ["record_run", "record_stock_day", "set_breaker"]


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
