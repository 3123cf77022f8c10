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
from app.store import agent_runs as run_store
from app.store import stock as stock_store

__all__ = ["record_run", "record_stock_day", "set_breaker"]


def record_run(ctx: ServiceContext, *, agent: str, trigger: str, started_at: str, status: str, attempts: int = 1,
               proposals: int = 0, executed: int = 0, escalated: int = 0, rejected: int = 0,
               error: str | None = None) -> Changes:
    """One finished (or skipped) run of an agent or job."""
    now = ctx.now_iso()
    with ctx.store.write() as db:
        run_id = run_store.insert_run(db, agent=agent, trigger=trigger, started_at=started_at, finished_at=now,
                                      status=status, attempts=attempts, proposals=proposals, executed=executed,
                                      escalated=escalated, rejected=rejected,
                                      error=(error or None) and error[:1000])
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
        old = run_store.breaker_state(db, agent)
        run_store.put_breaker(db, agent=agent, state=state, failures=failures, retry_at=retry_at,
                              last_error=(last_error or None) and last_error[:1000], at=now)
        events: tuple = ()
        if old != state:
            events = (ctx.record(db, AgentBreakerChanged(agent=agent, state=state, failures=failures,
                                                         retry_at=retry_at),
                                 Origin(actor="system", reason=reason[:500]), at=now),)
    return Changes(events=events)


def record_stock_day(ctx: ServiceContext, *, business_date: str, active_skus: int, out_of_stock: int,
                     availability: float, inventory_value_paise: int, origin: Origin) -> Changes:
    """The day's stock picture (written once a day; a second write the same day replaces the first)."""
    now = ctx.now_iso()
    with ctx.store.write() as db:
        stock_store.put_stock_day(db, business_date=business_date, active_skus=active_skus,
                                  out_of_stock=out_of_stock, availability=availability,
                                  inventory_value_paise=inventory_value_paise, at=now)
        event = ctx.record(db, StockDayRecorded(business_date=business_date, out_of_stock=out_of_stock,
                                                inventory_value_paise=inventory_value_paise), origin, at=now)
    return Changes(events=(event,))
