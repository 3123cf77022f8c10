"""The outbox worker's own thread while the app is open, and the bus listener that wakes it."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from app.store import Store, outbox
from app.sync.cycle import CycleReport
from app.sync.worker import SyncWorker

__all__ = ["WorkerThread", "wake_when_queued"]

log = logging.getLogger(__name__)


def wake_when_queued(thread: WorkerThread, store: Store) -> Callable[[object], None]:
    """A bus listener that wakes ``thread`` after a committed write only when outbox rows wait to be sent.

    It runs on the thread that committed, after the commit: one count on the outbox's status index, so
    writes that queue nothing (most counter sales of unlisted items, settings, drafts) cost no wake-up
    and no sync cycle."""

    def on_event(_event: object) -> None:
        if outbox.waiting_count(store.db()):
            thread.wake()

    return on_event


class WorkerThread(threading.Thread):
    """Runs cycles while the app is open: wakes on ``wake()`` (a write queued outbox rows, the network came
    back) or every ``idle_s``; never blocks the caller."""

    def __init__(self, make_worker: Callable[[], SyncWorker], *, idle_s: float = 5.0) -> None:
        super().__init__(name="sync-worker", daemon=True)
        self.make_worker, self.idle_s = make_worker, idle_s
        self._wake = threading.Event()
        self._stop_event = threading.Event()
        self.last_report: CycleReport | None = None
        self.online = True

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop_event.set()
        self._wake.set()
        self.join(timeout)

    def run(self) -> None:
        worker = self.make_worker()
        try:
            while not self._stop_event.is_set():
                if self.online:
                    try:
                        self.last_report = worker.drain(max_cycles=20)
                    except Exception:
                        log.exception("sync cycle failed")
                self._wake.wait(self.idle_s)
                self._wake.clear()
        finally:
            worker.close()
