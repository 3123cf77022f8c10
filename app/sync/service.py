"""Sync running inside the desktop app: the worker thread, the connectivity monitor, and the handle
the UI gets (``status()`` and ``retry()``), wired by ``main`` (see docs/sync.md)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from app.services.context import ServiceContext
from app.store import sync_state
from app.sync import status as status_mod
from app.sync.connectivity import Connectivity
from app.sync.credentials import Credentials
from app.sync.cycle import WorkerConfig
from app.sync.setup import register_payload_checks
from app.sync.worker import SyncWorker
from app.sync.worker_thread import WorkerThread, wake_when_queued

log = logging.getLogger(__name__)


@dataclass
class SyncHandle:
    ctx: ServiceContext
    thread: WorkerThread
    connectivity: Connectivity
    credentials: Credentials | None = None

    def status(self) -> status_mod.SyncStatus:
        return status_mod.snapshot(self.ctx.store, self.connectivity.state)

    def retry(self) -> int:
        count = status_mod.retry_failed(self.ctx)
        self.thread.wake()
        return count

    def wake(self) -> None:
        self.thread.wake()

    def connect(self, market: str, base_url: str, *, account: dict[str, Any] | None = None,
                secrets: dict[str, str] | None = None) -> tuple[bool, str]:
        """Connect a marketplace (the channel is made if missing) and make the test call: (works, what to say).
        Network: call it off the GUI thread."""
        from app.sync import connection

        if self.credentials is None:
            raise RuntimeError("start_sync gives the handle its credentials")
        code = connection.connect_market(self.ctx, market=market, base_url=base_url, account=account,
                                         secrets=secrets or None, credentials=self.credentials)
        verdict = connection.test_call(self.ctx, code, self.credentials)
        if verdict.ok:
            self.thread.wake()
        return verdict.ok, verdict.message

    def stop(self) -> None:
        self.connectivity.stop()
        self.thread.stop()


def start_sync(ctx: ServiceContext, credentials: Credentials, *, config: WorkerConfig | None = None) -> SyncHandle:
    """Start sync for an open shop; never blocks (both loops run on their own threads)."""
    register_payload_checks()

    def make_worker() -> SyncWorker:
        return SyncWorker(ctx, secret=credentials.get, config=config, on_network=connectivity.report)

    thread = WorkerThread(make_worker)

    def urls() -> list[str]:
        return [ch.base_url for ch in sync_state.channels(ctx.store.db()) if ch.enabled]

    def changed(state: str) -> None:
        thread.online = state == "online"
        if thread.online:
            thread.wake()

    connectivity = Connectivity(urls, on_change=changed)
    thread.start()
    connectivity.start()
    ctx.bus.subscribe(wake_when_queued(thread, ctx.store))
    return SyncHandle(ctx, thread, connectivity, credentials)
