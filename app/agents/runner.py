"""The agents on APScheduler's ``BackgroundScheduler``: the full cycle, each agent on its own trigger,
learning every night and the goals' review every week.

* Every job is added with ``max_instances=1`` and ``coalesce=True``: a run never overlaps itself, and runs
  that piled up while the PC slept are done once.
* The scheduler keeps no memory across restarts, so on :meth:`AgentRunner.start` the runner looks at
  when each job last ran (``agent_run``); a job whose trigger fired at least once since then gets
  exactly one catch-up run: after the PC was off for a week the nightly learning runs once, not seven
  times.
* Jobs run on the scheduler's pool threads; :meth:`AgentRunner.run_now` only schedules a run and
  returns, so the UI never waits for an agent.

The runner can own its scheduler or share one (``app.housekeeping`` starts one for backups).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from app import config
from app.agents import compliance, fulfilment_cycle, marketing, marketing_watch
from app.agents.engine import DecisionEngine
from app.domain.clock import from_iso, shop_zone
from app.services import agent_runs
from app.services import settings as shop_settings
from app.store import agent_runs as run_store

log = logging.getLogger(__name__)

MISFIRE_GRACE_S = 24 * 3600
CATCH_UP_DELAY = timedelta(seconds=20)  # let the window open before catching up


def make_trigger(spec: dict[str, Any], timezone) -> BaseTrigger:
    kind, args = spec["trigger"], {k: v for k, v in spec.items() if k != "trigger"}
    if kind == "interval":
        return IntervalTrigger(timezone=timezone, **args)
    if kind == "cron":
        return CronTrigger(timezone=timezone, **args)
    raise ValueError(f"unknown trigger {kind}")


class AgentRunner:
    def __init__(self, engine: DecisionEngine, *, scheduler: BackgroundScheduler | None = None,
                 timezone: str | None = None) -> None:
        self.engine = engine
        self.ctx = engine.ctx
        self.timezone = shop_zone(timezone or self.ctx.timezone)
        self.own_scheduler = scheduler is None
        self._unwatch: Callable[[], None] | None = None
        self.scheduler = scheduler or BackgroundScheduler(
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": MISFIRE_GRACE_S},
            timezone=self.timezone)

    # --- what runs when ------------------------------------------------------------------------
    def jobs(self) -> dict[str, tuple[dict[str, Any], Callable[[], Any]]]:
        """name -> (trigger, work). The names are kept in ``agent_run`` as ``job:<name>``."""
        minutes = shop_settings.get(self.ctx.store, config.AGENT_CYCLE_MINUTES)
        out: dict[str, tuple[dict[str, Any], Callable[[], Any]]] = {
            "cycle": ({"trigger": "interval", "minutes": minutes}, lambda: self.engine.run_cycle(trigger="cycle")),
            "learn": ({"trigger": "cron", "hour": 22, "minute": 30}, self.engine.learn),
            "goals": ({"trigger": "cron", "day_of_week": "mon", "hour": 23, "minute": 0}, self.engine.review_goals),
            "gst_reminders": (dict(compliance.TRIGGER), lambda: compliance.remind(self.ctx)),
            "marketing": (dict(marketing.TRIGGER), lambda: marketing.run_on_engine(self.engine)),
            "operations": (fulfilment_cycle.trigger(self.ctx), lambda: fulfilment_cycle.run_on_engine(self.engine)),
        }
        for name, agent in self.engine.agents.items():
            out[name] = (dict(agent.TRIGGER), lambda n=name: self.engine.run_cycle([n], trigger=n))
        return out

    def start(self, now: datetime | None = None) -> list[str]:
        """Add every job, schedule the catch-up runs, start the scheduler (if it is ours). Returns the
        names of the jobs that were caught up."""
        for name, (spec, _work) in self.jobs().items():
            self.scheduler.add_job(self._job(name), trigger=make_trigger(spec, self.timezone), id=f"agents.{name}",
                                   name=f"agents {name}", replace_existing=True, max_instances=1, coalesce=True,
                                   misfire_grace_time=MISFIRE_GRACE_S)
        now = now or self.ctx.now()
        caught_up = self.missed(now)
        for name in caught_up:
            self.scheduler.add_job(self._job(name), "date", run_date=now + CATCH_UP_DELAY,
                                   id=f"agents.{name}.catch-up", replace_existing=True, max_instances=1)
        if self.own_scheduler and not self.scheduler.running:
            self.scheduler.start()
        self._unwatch = self._unwatch or marketing_watch.watch(self.ctx)  # campaigns follow price changes
        return caught_up

    def missed(self, now: datetime) -> list[str]:
        """Jobs whose trigger fired at least once since their last run (never-run jobs are not "missed")."""
        out = []
        db = self.ctx.store.db()
        for name, (spec, _work) in self.jobs().items():
            last = run_store.last_run_at(db, f"job:{name}")
            if last is None:
                continue
            previous = from_iso(last)
            if spec["trigger"] == "interval":
                due = previous + timedelta(**{k: v for k, v in spec.items() if k != "trigger"})
            else:
                due = make_trigger(spec, self.timezone).get_next_fire_time(None, previous + timedelta(seconds=1))
            if due is not None and due <= now:
                out.append(name)
        return out

    def run_now(self, name: str = "cycle") -> None:
        """Run a job as soon as a pool thread is free; returns at once (a run already going is not doubled)."""
        if name not in self.jobs():
            raise KeyError(name)
        self.scheduler.add_job(self._job(name), "date", id=f"agents.{name}.now", replace_existing=True,
                               max_instances=1, misfire_grace_time=MISFIRE_GRACE_S)

    def shutdown(self, *, wait: bool = False) -> None:
        if self._unwatch:
            self._unwatch = self._unwatch()
        for job in list(self.scheduler.get_jobs()):
            if job.id.startswith("agents."):
                job.remove()
        if self.own_scheduler and self.scheduler.running:
            self.scheduler.shutdown(wait=wait)

    # --- one run -------------------------------------------------------------------------------
    def _job(self, name: str) -> Callable[[], None]:
        def run() -> None:
            started = self.ctx.now_iso()
            work = self.jobs()[name][1]
            try:
                work()
            except Exception as exc:  # logged and recorded; the scheduler goes on with the next run
                log.exception("agents job %s failed", name)
                agent_runs.record_run(self.ctx, agent=f"job:{name}", trigger=name, started_at=started,
                                      status="failed", error=f"{type(exc).__name__}: {exc}")
                return
            agent_runs.record_run(self.ctx, agent=f"job:{name}", trigger=name, started_at=started, status="ok")

        run.__name__ = f"agents_{name}"
        return run
