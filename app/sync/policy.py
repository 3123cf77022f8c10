"""When to send: token buckets per channel and operation, backoff with jitter, and a circuit breaker.

Buckets are seeded from the marketplaces' published defaults (SP-API model tables, Shopify's
leaky bucket) and adapt to what the marketplace says (``x-amzn-RateLimit-Limit``, Shopify
``throttleStatus``, ``Retry-After``). They live in memory: a restart starts with a full bucket, as the
marketplace's own does after a pause. Backoff is stored on the outbox row (``next_attempt_at``) so it
survives restarts; the breaker is stored per channel (``sync_channel``).
"""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass


@dataclass
class TokenBucket:
    rate: float  # tokens per second
    burst: float
    tokens: float = -1.0
    stamp: float = 0.0

    def __post_init__(self) -> None:
        if self.tokens < 0:
            self.tokens = self.burst
        self.stamp = time.monotonic()

    def _refill(self, now: float) -> None:
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now

    def wait_time(self, cost: float = 1.0) -> float:
        """Seconds until ``cost`` tokens are there (0 if now)."""
        now = time.monotonic()
        self._refill(now)
        if self.tokens >= cost:
            return 0.0
        return (cost - self.tokens) / self.rate if self.rate > 0 else 3600.0

    def take(self, cost: float = 1.0) -> None:
        self._refill(time.monotonic())
        self.tokens -= cost

    def empty_for(self, seconds: float) -> None:
        """The marketplace said 'slow down': nothing for ``seconds``."""
        self._refill(time.monotonic())
        self.tokens = min(self.tokens, -seconds * self.rate)

    def adapt(self, rate: float | None = None, burst: float | None = None) -> None:
        if rate and rate > 0:
            self.rate = rate
        if burst and burst > 0:
            self.burst = burst
            self.tokens = min(self.tokens, burst)


class Buckets:
    """One bucket per (channel, bucket name), created on first use from the adapter's defaults."""

    def __init__(self, *, enabled: bool = True) -> None:
        self.enabled = enabled
        self._buckets: dict[tuple[str, str], TokenBucket] = {}
        self._lock = threading.Lock()

    def get(self, channel: str, name: str, rate: float, burst: float) -> TokenBucket:
        with self._lock:
            key = (channel, name)
            if key not in self._buckets:
                self._buckets[key] = TokenBucket(rate, burst)
            return self._buckets[key]

    def acquire(self, channel: str, name: str, rate: float, burst: float, cost: float = 1.0,
                max_wait: float = 5.0) -> bool:
        """Take ``cost`` tokens, sleeping up to ``max_wait``; False if that is not enough (try later)."""
        if not self.enabled:
            return True
        bucket = self.get(channel, name, rate, burst)
        wait = bucket.wait_time(cost)
        if wait > max_wait:
            return False
        if wait > 0:
            time.sleep(wait)
        bucket.take(cost)
        return True


@dataclass(frozen=True)
class Backoff:
    base_s: float = 2.0
    cap_s: float = 15 * 60.0
    jitter: float = 0.5  # the delay is drawn from [(1 - jitter) * d, d]: "equal jitter"

    def delay(self, attempts: int, retry_after: float | None = None, rng: random.Random | None = None) -> float:
        """Seconds before the next try after ``attempts`` failed tries; ``Retry-After`` wins when given."""
        if retry_after is not None:
            return max(0.0, min(retry_after, 3600.0))  # a marketplace asking for more than an hour is capped
        d = min(self.cap_s, self.base_s * (2 ** max(0, attempts - 1)))
        r = (rng or random).random()
        return d * (1 - self.jitter) + d * self.jitter * r


@dataclass(frozen=True)
class BreakerPolicy:
    threshold: int = 5  # consecutive failures that open the breaker
    open_s: float = 30.0  # first cool-down; doubles each time it opens again, up to max_open_s
    max_open_s: float = 10 * 60.0

    def cool_down(self, times_opened: int) -> float:
        return min(self.max_open_s, self.open_s * (2 ** max(0, times_opened - 1)))
