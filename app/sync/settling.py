"""Settling rows whose fate the worker does not know: ``unknown`` rows (a send that may or may not have
landed) and ``acked`` rows (an asynchronous submission not yet confirmed). Each is read back from the
marketplace, or resent where that is safe, never applied twice."""

from __future__ import annotations

from typing import Any, Protocol

from app.domain.clock import Clock, from_iso
from app.store import Store, outbox, sync_state
from app.store.outbox import OutboxRow
from app.sync.cycle import CycleReport, WorkerConfig
from app.sync.errors import Throttled
from app.sync.marketplaces.base import Adapter, Change, Outcome

__all__ = ["Settler", "check_acked", "settle_unknown"]


class Settler(Protocol):
    """What settling needs of the outbox worker (``app.sync.worker.SyncWorker``)."""

    store: Store
    clock: Clock
    config: WorkerConfig

    def now(self) -> str: ...
    def key_alive(self, adapter: Adapter, row: OutboxRow) -> bool: ...
    def record_state(self, db: Any, row: OutboxRow, payload: dict[str, Any], *, acked: bool) -> None: ...


def settle_unknown(self: Settler, adapter: Adapter, channel: str, report: CycleReport) -> None:
    for row in outbox.rows(self.store.db(), status="unknown", channel=channel, limit=200):
        if row.kind == "state" or self.key_alive(adapter, row):
            with self.store.write() as db:
                outbox.settle(db, row.id, "pending", at=self.now(), last_error=row.last_error, expect=("unknown",))
            continue
        outcome = adapter.read_back(Change(row, row.payload))
        report.read_back += 1
        with self.store.write() as db:
            if outcome.status == "applied":
                outbox.settle(db, row.id, "applied", at=self.now(), expect=("unknown",), remote_ref=outcome.remote_ref)
                report.applied += 1
            elif outcome.status == "not_applied":
                outbox.settle(db, row.id, "pending", at=self.now(), last_error=row.last_error, expect=("unknown",))
            elif outcome.status == "failed":
                if outbox.settle(db, row.id, "failed", at=self.now(), last_error=outcome.message,
                                 expect=("unknown",)) and not adapter.reads_back:
                    # at most once (WhatsApp): it may have gone out and cannot be asked; the seller checks
                    sync_state.raise_issue(db, channel=channel, kind="unconfirmed_send", ref=row.entity_id,
                                           detail={"op": row.op, "message": outcome.message}, at=self.now())
                report.failed += 1

def check_acked(self: Settler, adapter: Adapter, channel: str, report: CycleReport) -> None:
    """Turn asynchronous submissions into applied or failed: read each back, then one commit."""
    db = self.store.db()
    results: list[tuple[OutboxRow, Outcome]] = []
    for row in outbox.rows(db, status="acked", channel=channel, limit=100):
        newer = outbox.newer_sent(db, row.coalesce_key, row.created_seq) if row.coalesce_key else None
        if newer:  # a newer value of the same field went out: this one no longer matters
            results.append((row, Outcome("superseded")))  # type: ignore[arg-type]
            continue
        try:
            outcome = adapter.check_acked(Change(row, row.payload))
        except Throttled:
            break
        if outcome.status == "acked":
            age = (self.clock.now() - from_iso(row.updated_at)).total_seconds()
            if age < self.config.acked_settle_s:
                continue
            outcome = Outcome("applied")  # processed long ago with no error: the value was taken (and
            # may since have moved, e.g. a marketplace sale decremented it)
        results.append((row, outcome))
    if not results:
        return
    with self.store.write() as db:
        for row, outcome in results:
            if outcome.status == "superseded":
                outbox.settle(db, row.id, "superseded", at=self.now(), expect=("acked",))
                report.superseded += 1
            elif outcome.status == "applied":
                outbox.settle(db, row.id, "applied", at=self.now(), expect=("acked",))
                self.record_state(db, row, row.payload, acked=True)
                report.applied += 1
            else:
                outbox.settle(db, row.id, "failed", at=self.now(), last_error=outcome.message, expect=("acked",))
                sync_state.raise_issue(db, channel=channel, kind="listing_rejected", ref=row.entity_id,
                                       detail={"op": row.op, "message": outcome.message}, at=self.now())
                report.failed += 1
