"""The agents on APScheduler: jobs that never overlap, one catch-up after the PC was off, runs that never
block the caller, failures that are recorded and do not stop the scheduler, a shared scheduler left intact."""

from __future__ import annotations

import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

import pytest
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

from app.agents import runner as runner_module
from app.agents.runner import MISFIRE_GRACE_S, AgentRunner
from app.domain.clock import IST, to_iso
from app.services import agent_runs

from .conftest import TODAY, at


class PricingLike:
    """An agent on a morning cron trigger (only its trigger matters to the runner)."""

    NAME = "pricing"
    TRIGGER: ClassVar[dict[str, Any]] = {"trigger": "cron", "hour": 7, "minute": 30}

    def propose(self, snap, board):
        return []


class CountingEngine:
    """What the runner needs of the engine (its context, its agents and the three kinds of work), counting
    every call by trigger; ``block`` holds a cycle until the test lets it go, ``fail_learn`` breaks learning."""

    def __init__(self, ctx, *, block: threading.Event | None = None, fail_learn: bool = False) -> None:
        self.ctx = ctx
        self.agents = {"pricing": PricingLike()}
        self.block = block
        self.fail_learn = fail_learn
        self.calls: Counter[str] = Counter()
        self.started = threading.Event()
        self.threads: set[str] = set()
        self._lock = threading.Lock()

    def _count(self, what: str) -> None:
        with self._lock:
            self.calls[what] += 1
            self.threads.add(threading.current_thread().name)

    def run_cycle(self, only=None, *, trigger: str = "cycle"):
        self._count(trigger)
        self.started.set()
        if self.block is not None and trigger == "cycle":
            assert self.block.wait(10), "the test never let the cycle go"

    def learn(self):
        self._count("learn")
        if self.fail_learn:
            raise RuntimeError("the sales history could not be read")
        return {"evaluated": 0, "beliefs": 0}

    def review_goals(self):
        self._count("goals")
        return {}


def wait_for(condition, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def ran(shop, job: str) -> list[tuple[str, str | None]]:
    """(status, error) of the recorded runs of ``job:<name>``, oldest first."""
    return shop.store.db().execute("SELECT status, error FROM agent_run WHERE agent = ? ORDER BY id",
                                   (f"job:{job}",)).fetchall()


def record(shop, job: str, started: datetime, status: str = "ok") -> None:
    agent_runs.record_run(shop.ctx, agent=f"job:{job}", trigger=job, started_at=to_iso(started), status=status)


@pytest.fixture
def idle_scheduler():
    """A shared scheduler that is never started: the jobs added to it can be looked at, and none runs."""
    return BackgroundScheduler(timezone=IST)


def test_every_job_is_added_once_with_no_overlap_and_coalesced(kirana, idle_scheduler):
    runner = AgentRunner(kirana.engine(), scheduler=idle_scheduler)
    assert runner.start(now=kirana.ctx.now()) == []  # nothing ever ran: nothing to catch up
    jobs = {job.id: job for job in idle_scheduler.get_jobs()}
    assert set(jobs) == {"agents.cycle", "agents.learn", "agents.goals", "agents.gst_reminders", "agents.inventory",
                         "agents.pricing", "agents.marketing", "agents.trade", "agents.operations"}
    for job in jobs.values():
        assert job.max_instances == 1 and job.coalesce is True, job.id
        assert job.misfire_grace_time == MISFIRE_GRACE_S
    assert isinstance(jobs["agents.cycle"].trigger, IntervalTrigger)
    assert jobs["agents.cycle"].trigger.interval == timedelta(minutes=240)  # the shop's setting (default)
    assert isinstance(jobs["agents.learn"].trigger, CronTrigger) and "hour='22', minute='30'" in str(
        jobs["agents.learn"].trigger)
    assert "day_of_week='mon'" in str(jobs["agents.goals"].trigger)
    assert not idle_scheduler.running  # a shared scheduler is its owner's to start


def test_after_the_pc_was_off_each_overdue_job_is_caught_up_exactly_once(kirana, idle_scheduler):
    engine = kirana.engine()
    now = kirana.ctx.now()  # Monday 29 June, 09:00
    week_ago = at(TODAY - timedelta(days=8), 23)  # the PC went off eight days ago, late in the evening
    for job in ("cycle", "learn", "goals", "inventory"):
        record(kirana, job, week_ago)
    record(kirana, "cycle", now - timedelta(hours=1), status="skipped")  # a skipped run is not a run
    # "pricing" never ran on this PC: it is not "missed"
    runner = AgentRunner(engine, scheduler=idle_scheduler)
    missed = runner.missed(now)
    assert missed == ["cycle", "learn", "goals", "inventory"]  # eight nights of learning: one entry, not eight
    assert runner.start(now=now) == missed
    catch_ups = {job.id: job for job in idle_scheduler.get_jobs() if job.id.endswith(".catch-up")}
    assert set(catch_ups) == {f"agents.{name}.catch-up" for name in missed}
    for job in catch_ups.values():
        assert isinstance(job.trigger, DateTrigger)
        assert job.trigger.run_date == now + runner_module.CATCH_UP_DELAY
        # a date trigger fires once: after its run there is no next one
        assert job.trigger.get_next_fire_time(job.trigger.run_date, job.trigger.run_date) is None
        assert job.max_instances == 1
    assert len(idle_scheduler.get_jobs()) == 9 + len(missed)  # six agent jobs, gst_reminders, marketing, operations


def test_jobs_that_ran_on_time_are_not_missed(kirana, idle_scheduler):
    now = kirana.ctx.now()  # Monday 09:00
    record(kirana, "cycle", now - timedelta(minutes=30))  # every 240 minutes: not due yet
    record(kirana, "learn", at(TODAY - timedelta(days=1), 22) + timedelta(minutes=40))  # next at 22:30 today
    record(kirana, "goals", at(TODAY - timedelta(days=7), 23) + timedelta(minutes=5))  # next Monday 23:00 tonight
    record(kirana, "pricing", now - timedelta(hours=1))  # 08:00 today, after today's 07:30
    runner = AgentRunner(CountingEngine(kirana.ctx), scheduler=idle_scheduler)
    assert runner.missed(now) == []
    assert runner.missed(now + timedelta(hours=14)) == ["cycle", "learn", "goals"]  # 23:00: all three came due


def test_the_catch_up_really_runs_once_on_a_running_scheduler(kirana, monkeypatch):
    monkeypatch.setattr(runner_module, "CATCH_UP_DELAY", timedelta(0))
    engine = CountingEngine(kirana.ctx)
    now = datetime.now(UTC)
    kirana.clock.set(now)
    for job in ("cycle", "learn", "goals"):
        record(kirana, job, now - timedelta(days=8))
    runner = AgentRunner(engine)
    try:
        assert sorted(runner.start(now=now)) == ["cycle", "goals", "learn"]
        assert runner.scheduler.running
        assert wait_for(lambda: all(engine.calls[name] for name in ("cycle", "learn", "goals")))
        time.sleep(0.3)  # room for a second run, were there one
    finally:
        runner.shutdown(wait=True)
    assert (engine.calls["cycle"], engine.calls["learn"], engine.calls["goals"]) == (1, 1, 1)
    assert engine.calls["pricing"] == 0  # never ran before: waits for its own trigger
    assert threading.current_thread().name not in engine.threads  # on the scheduler's pool threads
    for job in ("cycle", "learn", "goals"):
        assert ran(kirana, job) == [("ok", None), ("ok", None)]  # the old run and the one catch-up
    assert not runner.scheduler.running


def test_run_now_returns_at_once_and_a_running_job_is_not_doubled(kirana):
    release = threading.Event()
    engine = CountingEngine(kirana.ctx, block=release)
    runner = AgentRunner(engine)
    runner.start(now=kirana.ctx.now())
    try:
        clock = time.perf_counter()
        runner.run_now("cycle")
        assert time.perf_counter() - clock < 0.5  # scheduled, not done
        assert engine.started.wait(10)  # the work started on a pool thread while this one went on
        assert not release.is_set()
        runner.run_now("cycle")  # asked again while the first run is still going
        assert wait_for(lambda: runner.scheduler.get_job("agents.cycle.now") is None)  # its turn came, and went
        with pytest.raises(KeyError):
            runner.run_now("no-such-job")
    finally:
        release.set()
    assert wait_for(lambda: len(ran(kirana, "cycle")) == 1)
    runner.shutdown(wait=True)
    assert engine.calls["cycle"] == 1  # max_instances=1: the second request did not run beside the first
    assert ran(kirana, "cycle") == [("ok", None)]


def test_a_failing_job_is_recorded_as_failed_and_the_scheduler_goes_on(kirana):
    engine = CountingEngine(kirana.ctx, fail_learn=True)
    runner = AgentRunner(engine)
    runner.start(now=kirana.ctx.now())
    try:
        runner.run_now("learn")
        assert wait_for(lambda: ran(kirana, "learn"))
        runner.run_now("cycle")
        assert wait_for(lambda: ran(kirana, "cycle"))
        assert runner.scheduler.running
    finally:
        runner.shutdown(wait=True)
    assert ran(kirana, "learn") == [("failed", "RuntimeError: the sales history could not be read")]
    assert ran(kirana, "cycle") == [("ok", None)]
    event = kirana.store.db().execute("SELECT data_json, actor FROM event WHERE type = 'AgentRunFinished'"
                                      " AND data_json LIKE '%failed%'").fetchone()
    assert event is not None and event[1] == "agent:job:learn" and "RuntimeError" in event[0]
    # a failed run is still a run: the nightly learning is not "missed" again at the next start
    assert "learn" not in runner.missed(kirana.ctx.now() + timedelta(hours=1))


def test_shutdown_on_a_shared_scheduler_removes_only_the_agents_jobs(kirana):
    shared = BackgroundScheduler(timezone=IST)
    shared.add_job(lambda: None, "interval", hours=6, id="housekeeping.backup")
    shared.start()
    try:
        runner = AgentRunner(CountingEngine(kirana.ctx), scheduler=shared)
        runner.start(now=kirana.ctx.now())
        assert {job.id for job in shared.get_jobs()} == {"housekeeping.backup", "agents.cycle", "agents.learn",
                                                         "agents.goals", "agents.gst_reminders", "agents.pricing",
                                                         "agents.marketing", "agents.operations"}
        runner.shutdown()
        assert [job.id for job in shared.get_jobs()] == ["housekeeping.backup"]
        assert shared.running  # not ours to stop
    finally:
        shared.shutdown(wait=False)


def test_shutdown_stops_a_scheduler_of_its_own(kirana):
    runner = AgentRunner(CountingEngine(kirana.ctx))
    runner.start(now=kirana.ctx.now())
    assert runner.scheduler.running
    runner.shutdown(wait=True)
    assert not runner.scheduler.running and not runner.scheduler.get_jobs()
