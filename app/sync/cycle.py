"""What one outbox worker is told (``WorkerConfig``) and what one of its cycles did (``CycleReport``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.sync.policy import Backoff, BreakerPolicy

__all__ = ["CycleReport", "WorkerConfig"]


@dataclass(frozen=True)
class WorkerConfig:
    batch: int = 100  # rows claimed per round (each adapter splits by its own batch size)
    max_rounds: int = 50  # rounds per channel per cycle
    lease_s: float = 60.0
    overlap_s: float = 600.0  # pull window overlap
    pull_every_s: float = 120.0
    max_attempts: int = 25  # then 'dead' (shown as failed; the retry button revives it)
    request_timeout_s: float = 20.0
    rate_limits: bool = True
    rate_safety: float = 0.9  # use 90 % of the published rate
    max_pace_wait_s: float = 5.0
    acked_settle_s: float = 15 * 60.0  # an async submission with no error after this long was applied
    backoff: Backoff = field(default_factory=Backoff)
    breaker: BreakerPolicy = field(default_factory=BreakerPolicy)


@dataclass
class CycleReport:
    sent: int = 0
    applied: int = 0
    acked: int = 0
    failed: int = 0
    retried: int = 0
    unknown: int = 0
    read_back: int = 0
    superseded: int = 0
    pulled: int = 0
    offline: bool = False
    busy: bool = False
    errors: list[str] = field(default_factory=list)

    @property
    def progressed(self) -> bool:
        return bool(self.sent or self.applied or self.acked or self.failed or self.read_back or self.superseded
                    or self.pulled)
