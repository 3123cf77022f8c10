"""The circuit breaker's cool-down after many failed trial runs (seventeenth session)."""

from __future__ import annotations

from app.agents.breaker import CircuitBreaker
from app.store import agent_runs as run_store

from .test_engine import FixedAgent


def test_an_agent_that_keeps_failing_its_trials_waits_the_longest_cool_down_and_never_crashes_the_cycle(kirana):
    """Every failed trial doubles the wait, up to ``max_cooldown``; the doubling itself was computed before the cap,
    so after 35 failed trials (about a month of daily trials) ``2 ** 35`` hours overflowed ``timedelta`` and the
    OverflowError took the whole cycle down, the other agents with it."""
    broken = FixedAgent("broken", fail_times=10_000)
    fine = FixedAgent("fine")
    engine = kirana.engine([broken, fine], sleep=lambda _s: None, breaker_threshold=1)
    breaker: CircuitBreaker = engine.breakers["broken"]
    for _ in range(40):
        report = engine.run_cycle()
        assert "fine" not in report.failed_agents
        row = run_store.breaker(kirana.store.db(), "broken")
        assert row.state == "open"
        kirana.clock.advance(breaker.max_cooldown * 1.01)  # past any cool-down: the next cycle is a trial
    assert broken.calls >= 40
    last = run_store.breaker(kirana.store.db(), "broken")
    assert last.retry_at is not None
