"""A channel's health as the outbox worker sees it: the last success, the circuit breaker, a login pause."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from app.domain.clock import Clock, from_iso, to_iso
from app.store import Store, sync_state
from app.sync.errors import AuthFailed
from app.sync.policy import BreakerPolicy

__all__ = ["ChannelHealth"]


class ChannelHealth:
    """Records successes (at most one write per channel every 30 s), failures that open the circuit breaker
    after ``breaker.threshold`` in a row (network failures do not count), and a pause when a login is refused."""

    def __init__(self, store: Store, *, clock: Clock, breaker: BreakerPolicy,
                 on_network: Callable[[str], None]) -> None:
        self.store, self.clock, self.breaker, self.on_network = store, clock, breaker, on_network
        self._healthy: dict[str, str] = {}

    def now(self) -> str:
        return to_iso(self.clock.now())

    def later(self, seconds: float) -> str:
        return to_iso(self.clock.now() + timedelta(seconds=seconds))

    def success(self, channel: str) -> None:
        now = self.now()
        last = self._healthy.get(channel)
        if last is not None and (from_iso(now) - from_iso(last)).total_seconds() < 30:
            self.on_network("online")
            return  # already recorded healthy a moment ago: spare the write
        self._healthy[channel] = now
        with self.store.write() as db:
            sync_state.update_channel(db, channel, breaker_failures=0, breaker_open_until=None, breaker_opened=0,
                                      last_ok_at=self.now(), last_error=None, updated_at=self.now())
        self.on_network("online")

    def failure(self, channel: str, message: str, *, network: bool = False) -> None:
        self._healthy.pop(channel, None)
        with self.store.write() as db:
            ch = sync_state.get_channel(db, channel)
            if ch is None:
                return
            failures = ch.breaker_failures + (0 if network else 1)
            values: dict[str, Any] = {"breaker_failures": failures, "last_error": message, "updated_at": self.now(),
                                      "needs_pull": 1}
            if failures >= self.breaker.threshold:
                opened = ch.breaker_opened + 1
                values.update(breaker_opened=opened, breaker_failures=0,
                              breaker_open_until=self.later(self.breaker.cool_down(opened)))
            sync_state.update_channel(db, channel, **values)

    def pause(self, channel: str, exc: AuthFailed, *, since: str | None = None) -> None:
        """Stop the channel until the seller signs in again; ``since`` is when the refused cycle began. A refusal
        older than a success recorded since (the seller connected again with new details while the old ones were
        still in flight) is stale and pauses nothing."""
        self._healthy.pop(channel, None)
        with self.store.write() as db:
            ch = sync_state.get_channel(db, channel)
            if ch is not None and since is not None and ch.last_ok_at and from_iso(ch.last_ok_at) > from_iso(since):
                return
            sync_state.update_channel(db, channel, paused_reason="auth", last_error=exc.message, updated_at=self.now())
            sync_state.raise_issue(db, channel=channel, kind="needs_reauth", ref=channel, detail={}, at=self.now())
