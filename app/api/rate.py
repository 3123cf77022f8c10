"""How many requests each client of the local API may make: a token bucket per client.

A client is its API token once the token is found valid, and otherwise the address it calls from. So a
page in the seller's browser hammering 127.0.0.1 with wrong tokens empties the *address's* bucket only:
the owner's phone or tool, with its valid token, has a bucket of its own and is never slowed by it. A
bucket holds ``capacity`` requests (a phone opening its app fires a burst of 50 at once) and refills at
``per_s`` a second; an empty one is answered 429 with ``Retry-After`` (seconds until one more fits).
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass

__all__ = ["ADDRESS_BUCKET", "TOKEN_BUCKET", "Bucket", "RateLimits"]


@dataclass(frozen=True)
class Bucket:
    capacity: float
    per_s: float


TOKEN_BUCKET = Bucket(capacity=200, per_s=50)  # a valid token: a burst of 200, then 50 a second
ADDRESS_BUCKET = Bucket(capacity=60, per_s=5)  # no valid token yet: health checks, wrong or missing tokens
MAX_CLIENTS = 4096  # buckets kept; the idle, full ones are forgotten first


class RateLimits:
    def __init__(self, token: Bucket = TOKEN_BUCKET, address: Bucket = ADDRESS_BUCKET) -> None:
        self.kinds = {"token": token, "address": address}
        self._level: dict[tuple[str, str], tuple[float, float]] = {}  # (kind, key) -> (tokens left, at)
        self._lock = threading.Lock()

    def take(self, kind: str, key: str, now: float | None = None) -> int:
        """Use one request of client ``key``'s bucket; 0 when allowed, else the seconds to wait."""
        bucket = self.kinds[kind]
        now = time.monotonic() if now is None else now
        with self._lock:
            left, at = self._level.get((kind, key), (bucket.capacity, now))
            left = min(bucket.capacity, left + (now - at) * bucket.per_s)
            if left >= 1:
                self._level[(kind, key)] = (left - 1, now)
                if len(self._level) > MAX_CLIENTS:
                    self._forget(now)
                return 0
            self._level[(kind, key)] = (left, now)
            return max(1, math.ceil((1 - left) / bucket.per_s))

    def _forget(self, now: float) -> None:
        """Drop the buckets that have refilled (nothing is lost: a full bucket is the default)."""
        for (kind, key), (left, at) in list(self._level.items()):
            bucket = self.kinds[kind]
            if left + (now - at) * bucket.per_s >= bucket.capacity:
                del self._level[(kind, key)]
