"""Retries with backoff, and a circuit breaker per agent (the seed's error handling).

A failing agent run is retried ``attempts`` times with exponential backoff (transient trouble: a locked
file, a slow disk). A run that still fails counts against the agent's breaker; after ``threshold``
failures in a row the breaker opens: the agent is skipped (the others carry on) until ``retry_at``, when
one trial run is let through (half open). A trial that succeeds closes the breaker; one that fails opens
it again for twice as long (at most ``max_cooldown``). Opening is escalated to the seller by the engine.
The state is kept in ``agent_breaker``, so a restart does not forget a failing agent.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TypeVar

from app.domain.clock import from_iso, to_iso
from app.services import agent_runs
from app.services.context import ServiceContext
from app.store import agent_runs as run_store

log = logging.getLogger(__name__)
T = TypeVar("T")


def retry(fn: Callable[[], T], *, attempts: int = 3, backoff_s: float = 0.5,
          sleep: Callable[[float], None] = time.sleep) -> tuple[T, int]:
    """``fn()`` with up to ``attempts`` tries, waiting ``backoff_s``, 2x, 4x ... between them.
    Returns (result, tries used); re-raises the last error."""
    for attempt in range(1, attempts + 1):
        try:
            return fn(), attempt
        except Exception:
            if attempt == attempts:
                raise
            log.warning("attempt %d of %d failed; retrying", attempt, attempts, exc_info=True)
            sleep(backoff_s * 2 ** (attempt - 1))
    raise AssertionError("unreachable")


class CircuitBreaker:
    def __init__(self, agent: str, *, threshold: int = 3, cooldown: timedelta = timedelta(hours=1),
                 max_cooldown: timedelta = timedelta(hours=24)) -> None:
        self.agent = agent
        self.threshold = threshold
        self.cooldown = cooldown
        self.max_cooldown = max_cooldown
        self.state = "closed"
        self.failures = 0
        self.retry_at: datetime | None = None
        self._open_count = 0
        self._loaded = False

    def load(self, ctx: ServiceContext) -> None:
        if self._loaded:
            return
        self._loaded = True
        row = run_store.breaker(ctx.store.db(), self.agent)
        if row is not None:
            self.state, self.failures = row.state, row.failures
            self.retry_at = from_iso(row.retry_at) if row.retry_at else None
            self._open_count = 1 if row.state != "closed" else 0

    def allow(self, ctx: ServiceContext) -> bool:
        self.load(ctx)
        if self.state == "open":
            if self.retry_at is not None and ctx.now() >= self.retry_at:
                self.state = "half_open"
                agent_runs.set_breaker(ctx, agent=self.agent, state="half_open", failures=self.failures,
                                       retry_at=None, reason="trial run after the cool-down")
                return True
            return False
        return True

    def success(self, ctx: ServiceContext) -> None:
        if self.state != "closed" or self.failures:
            self.state, self.failures, self.retry_at, self._open_count = "closed", 0, None, 0
            agent_runs.set_breaker(ctx, agent=self.agent, state="closed", failures=0, reason="run succeeded")

    def failure(self, ctx: ServiceContext, error: str) -> bool:
        """Count a failed run; True when this failure opened the breaker."""
        self.load(ctx)
        self.failures += 1
        if self.state == "half_open" or self.failures >= self.threshold:
            self._open_count += 1
            # the doubling is capped before it is computed: after ~35 failed trials 2 ** n hours overflows timedelta
            wait = min(self.cooldown * 2 ** min(self._open_count - 1, 32), self.max_cooldown)
            self.state, self.retry_at = "open", ctx.now() + wait
            agent_runs.set_breaker(ctx, agent=self.agent, state="open", failures=self.failures,
                                   retry_at=to_iso(self.retry_at), last_error=error, reason=error)
            return True
        agent_runs.set_breaker(ctx, agent=self.agent, state=self.state, failures=self.failures, last_error=error,
                               reason=error)
        return False
