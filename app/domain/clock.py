"""Time: stored as UTC ISO-8601 text, shown in the shop's time zone (IST by default).

Services read the time from a :class:`Clock`, so the market simulator and tests can run a shop on a
simulated calendar.
"""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from typing import Protocol

__all__ = ["IST", "Clock", "ManualClock", "SystemClock", "from_iso", "local_date", "shop_zone", "to_iso"]

IST = timezone(timedelta(hours=5, minutes=30), "IST")


class Clock(Protocol):
    def now(self) -> datetime:
        """The current moment, timezone-aware."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class ManualClock:
    """A clock that only moves when told to (tests, the demo generator, the market simulator)."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("ManualClock needs an aware datetime")
        self._now = start
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            return self._now

    def set(self, moment: datetime) -> None:
        with self._lock:
            self._now = moment

    def advance(self, delta: timedelta) -> None:
        with self._lock:
            self._now += delta


def to_iso(moment: datetime) -> str:
    """Aware datetime -> '2026-11-24T02:03:04.123Z' (sorts correctly as text)."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def from_iso(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def shop_zone(name: str) -> tzinfo:
    """The shop's zone; IST needs no time-zone database (Windows has none without tzdata)."""
    if name in {"Asia/Kolkata", "Asia/Calcutta", "IST"}:
        return IST
    from zoneinfo import ZoneInfo

    return ZoneInfo(name)


def local_date(moment: datetime, zone: tzinfo = IST) -> date:
    return moment.astimezone(zone).date()
