"""The compliance agent's morning job on the agents' scheduler: due-date reminders, once each."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.agents.engine import DecisionEngine
from app.agents.runner import AgentRunner
from app.services import gst_returns
from app.store import alerts as alert_store
from app.store import events as event_log


def test_the_morning_job_reminds_once(session, ctx, clock):
    runner = AgentRunner(DecisionEngine(ctx, [], sleep=lambda _s: None))
    spec, work = runner.jobs()["gst_reminders"]
    assert spec == {"trigger": "cron", "hour": 9, "minute": 0}
    clock.set(datetime(2026, 8, 7, 3, 30, tzinfo=UTC))  # 9:00 IST, four days before GSTR-1 for July
    work()
    work()  # a catch-up run the same morning
    clock.advance(timedelta(days=1))
    work()
    alerts = alert_store.open_alerts(session.store.db(), kind=gst_returns.REMINDER_ALERT)
    assert [a.subject for a in alerts] == ["GSTR-1:2026-07"]
    raised = [e for e in event_log.recent(session.store.db(), limit=50) if e.type == "AlertRaised"]
    assert [e.actor for e in raised] == ["agent:compliance"]
