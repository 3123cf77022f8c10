"""Work off the GUI thread, results back on it.

``run_in_background(op, on_done, on_error)`` runs ``op()`` on a worker and calls ``on_done(result)``
or ``on_error(exception)`` on the GUI thread. ``op`` must not touch widgets; it may read the store
(each worker thread has its own SQLite connection) and call services.

The workers come from one small pool whose threads never expire: ``Store`` keeps one connection per
thread until the shop is closed, so threads that came and went would leave a trail of connections.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

from app.errors import AppError
from app.store.db import StoreClosed

__all__ = ["MAX_WORKERS", "LatestOnly", "ProgressRelay", "pool", "run_in_background", "wait_for_tasks"]

log = logging.getLogger(__name__)

T = TypeVar("T")
MAX_WORKERS = 3

_pool: QThreadPool | None = None
_in_flight: set[_Relay] = set()  # relays must outlive the worker until the result is delivered


def pool() -> QThreadPool:
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(MAX_WORKERS)
        _pool.setExpiryTimeout(-1)
    return _pool


def _drop(_result: object) -> None:
    """A delivered relay's ``on_done``: its real one is let go once called."""


def _log_only(error: BaseException) -> None:
    if isinstance(error, AppError):
        log.warning("background task refused: %s", error)


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits, Qt queues, and the callbacks run here."""

    finished = Signal(bool)

    def __init__(self, on_done: Callable[[Any], None], on_error: Callable[[BaseException], None],
                 owner: QObject | None) -> None:
        super().__init__()
        self._on_done, self._on_error = on_done, on_error
        self._owner_gone = False
        self.handed: tuple[object, object] | None = None  # (result, the work's closure), set by the worker
        if owner is not None:
            owner.destroyed.connect(self._forget_owner)
        self.finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @Slot()
    def _forget_owner(self) -> None:
        self._owner_gone = True

    @Slot(bool)
    def _deliver(self, ok: bool) -> None:
        assert self.handed is not None
        value, _work = self.handed  # the closure is let go here, on the GUI thread, when this returns
        self.handed = None
        # The callbacks too (a dialog's bound methods: they may hold the dialog's last reference), while this relay
        # is whole. Kept until its deferred deletion, they went with its attributes halfway through its
        # destructor; the dialog went with them, and its ``destroyed`` signal reached ``_forget_owner`` on the
        # half-deleted relay: a segmentation fault (the courier window's test, about one run in eight).
        on_done, on_error = self._on_done, self._on_error
        self._on_done, self._on_error = _drop, _log_only
        _in_flight.discard(self)
        self.deleteLater()  # the worker may still hold the last Python reference: the QObject goes here
        if self._owner_gone:
            return
        if ok:
            try:
                on_done(value)
            except StoreClosed:  # delivered after its shop closed, before the window went: nothing to show
                log.debug("background result delivered after the shop closed")
        else:
            on_error(value)  # type: ignore[arg-type]


class _Task(QRunnable):
    def __init__(self, op: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._op: Callable[[], Any] | None = op
        self._relay: _Relay | None = relay

    def run(self) -> None:
        # PySide keeps some runnables' Python objects after the pool is done with them (about one in three,
        # measured): let go of the work and its relay here, so a kept runnable is an empty shell, not the
        # closure (a bill, a report's rows) and the relay with its callbacks (issue 16, memory)
        op, relay = self._op, self._relay
        assert op is not None and relay is not None  # a runnable runs once
        self._op = self._relay = None
        ok = True
        try:
            result: object = op()
        except BaseException as exc:  # delivered to on_error; a bug is also logged with its traceback
            if isinstance(exc, StoreClosed):  # a refresh that outlived its shop: nothing to report
                log.debug("background task after the shop closed: %s", exc)
            elif not isinstance(exc, AppError):
                log.error("background task failed", exc_info=exc)
            ok, result = False, exc
        # The closure may hold the last reference to a widget (a dialog closed while it asked): dropped here, the
        # widget would be deleted on this thread, which Qt does not survive ("QBasicTimer::stop: Failed", then a
        # crash; seen in the suite under load). So the relay takes the only references and lets go of them on
        # the GUI thread.
        relay.handed = (result, op)
        del result, op
        relay.finished.emit(ok)


def run_in_background(op: Callable[[], T], on_done: Callable[[T], None],
                      on_error: Callable[[BaseException], None] | None = None, *,
                      owner: QObject | None = None) -> None:
    """Run ``op()`` on a worker thread; ``on_done``/``on_error`` run later on the GUI thread.

    Call from the GUI thread. With ``owner`` given, the callbacks are skipped once that object has
    been destroyed (a closed window does not receive a late result).
    """
    relay = _Relay(on_done, on_error or _log_only, owner)
    _in_flight.add(relay)
    pool().start(_Task(op, relay))


def wait_for_tasks(timeout_ms: int = 30_000) -> bool:
    """Block until the running tasks end (at shutdown, before the shop is closed)."""
    return pool().waitForDone(timeout_ms)


class LatestOnly:
    """Runs requests in the background but delivers only the newest one's result (type-ahead search)."""

    def __init__(self, owner: QObject | None = None) -> None:
        self._owner = owner
        self._serial = 0

    def run(self, op: Callable[[], T], on_done: Callable[[T], None],
            on_error: Callable[[BaseException], None] | None = None) -> None:
        self._serial += 1
        serial = self._serial

        def done(result: T) -> None:
            if serial == self._serial:
                on_done(result)

        def failed(error: BaseException) -> None:
            if serial == self._serial and on_error is not None:
                on_error(error)

        run_in_background(op, done, failed, owner=self._owner)


class ProgressRelay(QObject):
    """A callable a worker can report progress through: ``relay(0.4, "Adding items")``.

    Create it on the GUI thread and connect ``changed`` to a method of a QObject living there (a
    dialog's slot): Qt then queues each report onto the GUI thread, whatever thread calls.
    """

    changed = Signal(float, str)

    def __call__(self, fraction: float, text: str = "") -> None:
        self.changed.emit(float(fraction), str(text))
