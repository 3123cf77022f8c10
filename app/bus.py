"""The in-process event bus: events are published here after their transaction committed.

The bus calls subscribers on the publishing thread; the UI reaches the GUI thread through
``app.ui.bridge.EventBridge``. A failing subscriber is logged and never breaks the publisher.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

log = logging.getLogger(__name__)

__all__ = ["EventBus", "Subscriber"]


class Published(Protocol):
    """What the bus needs of an event (``app.events.Event`` has it); the bus imports no event record."""

    @property
    def type(self) -> str: ...


Subscriber = Callable[[Any], None]  # called with an app.events.Event


@dataclass
class EventBus:
    """Thread-safe publish/subscribe for events, after their transaction committed."""

    _subscribers: list[Subscriber] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def subscribe(self, fn: Subscriber) -> Callable[[], None]:
        """Call ``fn(event)`` for every published event; returns a function that unsubscribes."""
        with self._lock:
            self._subscribers.append(fn)

        def unsubscribe() -> None:
            with self._lock:
                if fn in self._subscribers:
                    self._subscribers.remove(fn)

        return unsubscribe

    def publish(self, event: Published) -> None:
        with self._lock:
            subscribers = list(self._subscribers)
        for fn in subscribers:
            try:
                fn(event)
            except Exception:
                log.exception("event subscriber %r failed on %s", fn, event.type)
