"""How the composition root builds the long-lived handles of an open shop (see docs/design.md).

:func:`make_assistant` builds the shop's :class:`~app.assistant.Assistant` with the decision engine (wrapped
as the assistant's ``Engine``) and, when ``assistant.llm_url`` is set, a phraser; :func:`start_api` starts
the local API when ``api.enabled`` is on; :func:`schedule_monitor` puts the assistant's closing summary and
alerts on the app's scheduler; :func:`start_agents` and :func:`start_marketplace_sync` start the agents'
runner and the outbox worker. ``app.main`` calls them for the desktop app and the headless commands call
the ones they need, so both get the same wiring. Imports nothing of ``app.main``, ``app.cli`` or
``app.commands``.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Any

from app import config
from app.config import MachineConfig
from app.errors import AppError
from app.services.context import SELLER, Origin, ServiceContext
from app.session import Session

if TYPE_CHECKING:
    from apscheduler.schedulers.base import BaseScheduler

    from app.agents.engine import DecisionEngine
    from app.api import ApiServer
    from app.assistant import Assistant
    from app.assistant.interfaces import Phraser

__all__ = ["LazyEngine", "make_assistant", "schedule_monitor", "start_agents", "start_api",
           "start_marketplace_sync"]

log = logging.getLogger(__name__)


class LazyEngine:
    """The decision engine as the assistant and the API need it (``app.assistant.Engine``): made on first use,
    so questions that never touch the agents do not pay for building it."""

    def __init__(self, ctx: ServiceContext, engine: DecisionEngine | None = None) -> None:
        self.ctx = ctx
        self._engine = engine
        self._lock = threading.Lock()

    @property
    def engine(self) -> DecisionEngine:
        with self._lock:
            if self._engine is None:
                from app.agents.engine import DecisionEngine

                self._engine = DecisionEngine(self.ctx)
            return self._engine

    def process_business_goal(self, goal_id: int) -> dict[str, Any]:
        return self.engine.process_business_goal(goal_id)

    def approve(self, approval_id: int, *, note: str = "", origin: Origin = SELLER) -> str:
        return self.engine.approve(approval_id, note=note, origin=origin)

    def reject(self, approval_id: int, *, note: str = "", origin: Origin = SELLER) -> None:
        self.engine.reject(approval_id, note=note, origin=origin)

    def explain(self, event_id: int | None = None, *, decision_id: int | None = None) -> dict[str, Any]:
        from app.agents.explain import explain

        return explain(self.ctx.store, event_id, decision_id=decision_id)


def make_assistant(ctx: ServiceContext, machine: MachineConfig | None = None, *,
                   engine: DecisionEngine | None = None) -> Assistant:
    """The shop's assistant, wired to the engine (``engine``: a running DecisionEngine to share, if any)."""
    from app.assistant import Assistant

    phraser: Phraser | None = None
    url = machine.get(config.LLM_URL) if machine is not None else ""
    if url and machine is not None:
        from app.api.llm import OpenAICompatiblePhraser

        phraser = OpenAICompatiblePhraser(url, machine.get(config.LLM_MODEL))
    return Assistant(ctx, LazyEngine(ctx, engine), phraser=phraser)


def start_api(ctx: ServiceContext, assistant: Assistant, machine: MachineConfig, *, force: bool = False,
              port: int | None = None, lan: bool | None = None) -> ApiServer | None:
    """Start the local API for the open shop (when ``api.enabled``, or ``force``); None when it is off."""
    if not (force or machine.get(config.API_ENABLED)):
        return None
    from app.api import Api, ApiServer

    server = ApiServer(Api(ctx=ctx, assistant=assistant, engine=assistant.engine),
                       port=machine.get(config.API_PORT) if port is None else port,
                       lan=machine.get(config.API_LAN) if lan is None else lan)
    return server.start()


MONITOR_MINUTES = 10


def schedule_monitor(scheduler: BaseScheduler, assistant: Assistant, *, minutes: int = MONITOR_MINUTES) -> None:
    """Let the assistant speak first (the closing summary, alerts) every few minutes on the app's scheduler."""
    from app.assistant import monitor

    def tick() -> None:
        try:
            monitor.tick(assistant)
        except AppError:
            log.exception("the assistant's monitor could not run")

    scheduler.add_job(tick, "interval", minutes=minutes, id="assistant-monitor", replace_existing=True,
                      coalesce=True, max_instances=1)


def start_agents(session: Session, engine: DecisionEngine, scheduler: BaseScheduler) -> None:
    """Put the agents' cycle, learning and goal review on the shop's scheduler (unless switched off)."""
    from app.agents.runner import AgentRunner
    from app.services import settings as shop_settings

    if not shop_settings.get(session.store, config.AGENTS_ENABLED):
        return
    runner = AgentRunner(engine, scheduler=scheduler)
    caught_up = runner.start()
    if caught_up:
        log.info("agents: catching up once on %s", ", ".join(caught_up))
    session.agents = runner
    session.closers.append(runner.shutdown)


def start_marketplace_sync(session: Session) -> None:
    """Start the outbox worker and the connectivity probe for the shop (unless switched off)."""
    from app.services import settings as shop_settings
    from app.sync.credentials import Credentials
    from app.sync.service import start_sync
    from app.sync.worker import WorkerConfig

    get = lambda setting: shop_settings.get(session.store, setting)  # noqa: E731
    if not get(config.SYNC_ENABLED):
        return
    worker = WorkerConfig(pull_every_s=get(config.SYNC_PULL_EVERY_S), overlap_s=get(config.SYNC_OVERLAP_S),
                          max_attempts=get(config.SYNC_MAX_ATTEMPTS),
                          request_timeout_s=get(config.SYNC_REQUEST_TIMEOUT_S),
                          rate_safety=get(config.SYNC_RATE_SAFETY_PCT) / 100,
                          acked_settle_s=get(config.SYNC_ACKED_SETTLE_S))
    handle = start_sync(session.ctx, Credentials(session.data.root / "credentials"), config=worker)
    session.sync = handle
    session.closers.append(handle.stop)
