"""Service events, delivered to widgets on the GUI thread.

Services publish on the session's ``EventBus`` from whatever thread made the change (the GUI's own
workers, agent and sync threads). The bridge re-emits each event as a Qt signal, always queued, so
listeners run on the GUI thread and never inside the service call that published.

A listener is any QObject registered with :meth:`EventBridge.register`; for an event of type
``PriceChanged`` the bridge calls its ``on_event_price_changed(event)`` if it has one, and then
``on_any_event(event)`` if it has that (views that refresh on every change).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal, Slot

from app.events import Event, EventBus

_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")


def handler_name(event_type: str) -> str:
    """'PriceChanged' -> 'on_event_price_changed'."""
    return "on_event_" + _CAMEL.sub("_", event_type).lower()


class EventBridge(QObject):
    """Owned by the GUI thread; subscribe once per open shop and :meth:`close` before the shop closes."""

    event = Signal(object)

    def __init__(self, bus: EventBus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._listeners: dict[int, QObject] = {}
        self.event.connect(self._dispatch, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe: Callable[[], None] | None = bus.subscribe(self._publish)

    def _publish(self, event: Event) -> None:
        # runs on the publishing thread: only emit, Qt carries the event over
        self.event.emit(event)

    def register(self, listener: QObject) -> None:
        """Deliver events to ``listener`` until it is destroyed or unregistered."""
        key = id(listener)
        if key in self._listeners:
            return
        self._listeners[key] = listener
        listener.destroyed.connect(lambda *_: self._listeners.pop(key, None))

    def unregister(self, listener: QObject) -> None:
        self._listeners.pop(id(listener), None)

    @property
    def listeners(self) -> list[QObject]:
        return [obj for obj in self._listeners.values() if shiboken6.isValid(obj)]

    @Slot(object)
    def _dispatch(self, event: Event) -> None:
        name = handler_name(event.type)
        first_error: Exception | None = None
        for listener in self.listeners:
            for attr in (name, "on_any_event"):
                handler = getattr(listener, attr, None)
                if handler is None:
                    continue
                try:
                    handler(event)
                except Exception as exc:  # the other listeners still hear of it; the bug is raised below
                    first_error = first_error or exc
        if first_error is not None:
            raise first_error

    def close(self) -> None:
        """Stop listening to the bus (before the session closes; late events are dropped)."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self._listeners.clear()
