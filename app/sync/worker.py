"""The outbox worker: one sender at a time (docs/sync.md, "Guarantees and how they are kept").

One cycle (``run_once``):

1. Take the sender lease (a row in ``sync_lease`` plus a lock file beside the shop file, so two app
   instances or two threads never send at once). The first cycle turns rows left ``in_flight`` by a
   sender that died into ``unknown``.
2. Per channel, unless paused (login needed) or its circuit breaker is open:
   a. **pull before push**: after a start, an outage or a lost compare-and-set, import orders first;
      if that fails, nothing is pushed to that channel this cycle (a messaging channel has no orders);
   b. settle ``unknown`` rows: state rows are simply resent (idempotent by nature); commands are resent
      with the same key where the marketplace honours keys (within the key's lifetime), otherwise read
      back first and marked applied if already done; where nothing can be read back (WhatsApp:
      ``reads_back`` False) the row fails with an ``unconfirmed_send`` issue and is never resent by itself;
   c. check ``acked`` asynchronous submissions;
   d. claim due lane heads (FIFO per channel and ``order_key``), mark them ``in_flight`` and commit
      **before** any network I/O, send (batched where the API allows, paced by the token buckets),
      then record each row's outcome in one transaction.
3. Outcomes: applied; acked (poll later); failed (shown to the seller); throttled or not applied (back
   off with jitter, ``Retry-After`` wins; stored in ``next_attempt_at``); ambiguous (state: resend
   later; key-less command: ``unknown``, read back before any resend); login refused (channel paused,
   queue kept); offline / captive portal (nothing was applied; connectivity told).

State rows send only if newer than what the channel acknowledged (``channel_state.acked_ver``; the
row's ``created_seq`` is its version), and a quantity is recomputed from the ledger at send time.
"""

from __future__ import annotations

import logging
import os
import random
import uuid
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
from filelock import FileLock, Timeout

from app.domain.clock import Clock, from_iso, to_iso
from app.i18n import _
from app.services.context import ServiceContext
from app.store import outbox, sync_state
from app.store.outbox import OutboxRow
from app.sync import allocation, inbound, post_steps, settling, undelivered
from app.sync.channel_health import ChannelHealth
from app.sync.cycle import CycleReport, WorkerConfig
from app.sync.errors import Ambiguous, AuthFailed, CaptivePortal, Offline, Rejected, Throttled
from app.sync.marketplaces import adapter_class
from app.sync.marketplaces.base import Adapter, Change, Limit, Outcome
from app.sync.policy import Buckets

log = logging.getLogger(__name__)

LEASE = "outbox-sender"
ENTITY_FIELD = {"listing.price": ("listing", "price"), "listing.quantity": ("listing", "quantity"),
                "listing.content": ("listing", "content")}


CrashHook = Callable[[str], None]


class SyncWorker:
    """Drains the outbox of one shop. Thread-confined: one worker, one thread (its own DB connection)."""

    def __init__(self, ctx: ServiceContext, *, secret: Callable[[str, str], str],
                 config: WorkerConfig | None = None, clock: Clock | None = None, owner: str | None = None,
                 client: httpx.Client | None = None, crash_hook: CrashHook | None = None,
                 on_network: Callable[[str], None] | None = None, rng: random.Random | None = None) -> None:
        self.ctx, self.store = ctx, ctx.store
        self.secret = secret
        self.config = config or WorkerConfig()
        self.clock = clock or ctx.clock
        self.owner = owner or f"{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.client = client or httpx.Client(timeout=self.config.request_timeout_s)
        self._own_client = client is None
        self.crash_hook = crash_hook or (lambda step: None)
        self.on_network = on_network or (lambda state: None)
        self.rng = rng or random.Random()
        self.buckets = Buckets(enabled=self.config.rate_limits)
        self._adapters: dict[str, tuple[str, Adapter]] = {}
        self._file_lock = FileLock(str(Path(self.store.path)) + ".sync.lock")
        self._recovered = False
        self._closed = False
        self._lease_until: Any = None
        self.health = ChannelHealth(self.store, clock=self.clock, breaker=self.config.breaker,
                                    on_network=self.on_network)
        self._last_pull: dict[str, str] = {}

    # --- time ---------------------------------------------------------------------------------------
    def now(self) -> str:
        return to_iso(self.clock.now())

    def later(self, seconds: float) -> str:
        return to_iso(self.clock.now() + timedelta(seconds=seconds))

    # --- lease ----------------------------------------------------------------------------------------
    def acquire(self) -> bool:
        """Become the only sender (lock file + lease row). False if another sender holds it."""
        if not self._file_lock.is_locked:
            try:
                self._file_lock.acquire(timeout=0)
            except Timeout:
                return False
        now = self.clock.now()
        if self._recovered and self._lease_until is not None and \
                (self._lease_until - now).total_seconds() > self.config.lease_s / 2:
            return True  # renewed recently enough: no write (each commit costs an fsync)
        self._lease_until = now + timedelta(seconds=self.config.lease_s)
        with self.store.write() as db:
            held = sync_state.lease_owner(db, LEASE)
            if held is not None and held[0] != self.owner:
                log.info("taking over the sender lease from %s (its lock file is free)", held[0])
            sync_state.take_lease(db, name=LEASE, owner=self.owner, now=self.now(),
                                  until=self.later(self.config.lease_s))
            if not self._recovered:
                recovered = outbox.recover_in_flight(db, at=self.now())
                if recovered:
                    log.warning("%d outbox rows were in flight when the last sender stopped: now unknown", recovered)
                sync_state.mark_all_need_pull(db)
                self._recovered = True
        return True

    def release(self) -> None:
        if self._file_lock.is_locked:
            with self.store.write() as db:
                sync_state.drop_lease(db, name=LEASE, owner=self.owner)
            self._file_lock.release(force=True)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            self.release()
        finally:
            if self._own_client:
                self.client.close()

    # --- adapters -------------------------------------------------------------------------------------
    def adapter_for(self, ch: sync_state.SyncChannel) -> Adapter:
        cached = self._adapters.get(ch.channel)
        stamp = f"{ch.adapter}|{ch.base_url}|{ch.account_json}"
        if cached is not None and cached[0] == stamp:
            return cached[1]
        channel = ch.channel

        def secret(name: str) -> str:
            return self.secret(channel, name)

        def pace(bucket: str, limit: Limit, cost: float) -> bool:
            rate = limit.rate * self.config.rate_safety
            return self.buckets.acquire(channel, bucket, rate, limit.burst, cost, self.config.max_pace_wait_s)

        def adapt(bucket: str, rate: float) -> None:
            self.buckets.get(channel, bucket, rate, 1).adapt(rate * self.config.rate_safety)

        pace.adapt = adapt  # type: ignore[attr-defined]
        adapter = adapter_class(ch.adapter)(channel=channel, base_url=ch.base_url, account=ch.account,
                                            client=self.client, secret=secret, pace=pace)
        self._adapters[channel] = (stamp, adapter)
        return adapter

    # --- one cycle --------------------------------------------------------------------------------------
    def run_once(self) -> CycleReport:
        report = CycleReport()
        if not self.acquire():
            report.busy = True
            return report
        for ch in sync_state.channels(self.store.db()):
            if not ch.enabled or ch.paused_reason:
                continue
            if ch.breaker_open_until and ch.breaker_open_until > self.now():
                continue
            started = self.now()
            try:
                self._channel_cycle(ch, report)
            except (Offline, CaptivePortal) as exc:
                report.offline = True
                report.errors.append(exc.message)
                self.health.failure(ch.channel, exc.message, network=True)
                self.on_network("captive" if isinstance(exc, CaptivePortal) else "offline")
                break
            except AuthFailed as exc:
                self.health.pause(ch.channel, exc, since=started)
                report.errors.append(exc.message)
            except (Ambiguous, Throttled) as exc:
                self.health.failure(ch.channel, exc.message)
                report.errors.append(exc.message)
            except Rejected as exc:  # e.g. a refused order pull: the channel is reachable, the request not
                self.health.failure(ch.channel, exc.message)
                report.errors.append(exc.message)
        return report

    def drain(self, *, max_cycles: int = 1000, advance_clock: bool = False,
              until: Callable[[], bool] | None = None) -> CycleReport:
        """Run cycles until nothing is due (tests, benchmarks, ``sync run``). With ``advance_clock`` a
        ManualClock jumps to the next ``next_attempt_at`` instead of waiting for it."""
        total = CycleReport()
        for _cycle in range(max_cycles):
            r = self.run_once()
            for name in ("sent", "applied", "acked", "failed", "retried", "unknown", "read_back", "superseded",
                         "pulled"):
                setattr(total, name, getattr(total, name) + getattr(r, name))
            total.errors += r.errors
            total.offline, total.busy = r.offline, r.busy
            if r.busy or (until is not None and until()):
                break
            if r.progressed:
                continue
            nxt = self._next_due()
            if nxt is None or r.offline:
                break
            if advance_clock and hasattr(self.clock, "set"):
                self.clock.set(from_iso(nxt))  # type: ignore[attr-defined]
                continue
            break
        return total

    def _next_due(self) -> str | None:
        """The earliest future moment something becomes due (a backed-off row, a breaker closing)."""
        db, now = self.store.db(), self.now()
        candidates = [v for v in sync_state.next_due(db, now) if v is not None]
        return min(candidates) if candidates else None

    # --- per channel ----------------------------------------------------------------------------------------
    def _channel_cycle(self, ch: sync_state.SyncChannel, report: CycleReport) -> None:
        adapter = self.adapter_for(ch)
        now = self.now()
        exchanged = (report.sent, report.retried)
        due_pull = adapter.pulls_orders and (
            ch.needs_pull or self._last_pull.get(ch.channel) is None
            or from_iso(now) - from_iso(self._last_pull[ch.channel]) >= timedelta(seconds=self.config.pull_every_s))
        if due_pull:
            pulled = inbound.pull_orders(self.ctx, ch.channel, adapter, overlap_s=self.config.overlap_s)
            report.pulled += pulled.imported + pulled.updated + pulled.cancelled
            self._last_pull[ch.channel] = now
            with self.store.write() as db:
                sync_state.update_channel(db, ch.channel, needs_pull=0, last_pull_at=now, last_ok_at=now)
        settling.settle_unknown(self, adapter, ch.channel, report)
        settling.check_acked(self, adapter, ch.channel, report)
        for _round in range(self.config.max_rounds):
            heads = outbox.due_heads(self.store.db(), channel=ch.channel, now=self.now(), limit=self.config.batch)
            if not heads:
                break
            if not self._send_heads(adapter, ch.channel, heads, report):
                break
        # a channel with no orders to pull (WhatsApp) may have talked to nobody: that says nothing of its health
        if adapter.pulls_orders or (report.sent, report.retried) != exchanged:
            self.health.success(ch.channel)

    # --- unknown and acked rows ---------------------------------------------------------------------------
    def key_alive(self, adapter: Adapter, row: OutboxRow) -> bool:
        age = (self.clock.now() - from_iso(row.created_at)).total_seconds()
        return adapter.dedupes_commands and age < adapter.idem_key_ttl_s

    # --- sending ----------------------------------------------------------------------------------------------
    def _prepare(self, db, adapter: Adapter, row: OutboxRow) -> tuple[str, Change | None, str | None]:
        """('send', change) or ('superseded' / 'failed' / 'applied', None, message) for a due head."""
        if not adapter.supports(row.op):
            return "failed", None, _("{marketplace} cannot do this ({op}).").format(marketplace=adapter.name,
                                                                                    op=row.op)
        payload = row.payload
        if row.kind == "state":
            entity, fld = ENTITY_FIELD.get(row.op, ("entity", row.op))
            if row.op == "listing.quantity":
                payload = {**payload, "quantity": allocation.channel_quantity(db, row.channel, payload["sku"])}
                acked = sync_state.acked_value(db, row.channel, entity, row.entity_id, fld)
                if isinstance(acked, int):
                    payload["compare_quantity"] = acked
            value = {k: v for k, v in payload.items() if k not in ("on_hand_milli", "compare_quantity")}
            if not sync_state.record_sent(db, channel=row.channel, entity=entity, entity_id=row.entity_id, field=fld,
                                          value=value, version=row.created_seq, at=self.now()):
                return "superseded", None, None
        return "send", Change(row, payload), None

    def _send_heads(self, adapter: Adapter, channel: str, heads: list[OutboxRow], report: CycleReport) -> bool:
        """Send one round of lane heads. False when the channel should not be pushed further now."""
        ready: list[Change] = []
        with self.store.write() as db:
            for row in heads:
                verdict, change, message = self._prepare(db, adapter, row)
                if verdict == "send" and change is not None:
                    ready.append(change)
                elif verdict == "superseded":
                    outbox.settle(db, row.id, "superseded", at=self.now(), expect=("pending",))
                    report.superseded += 1
                else:
                    outbox.settle(db, row.id, "failed", at=self.now(), last_error=message, expect=("pending",))
                    report.failed += 1
        # key-less commands that were sent before: read back first, never resend blindly
        sendable: list[Change] = []
        for change in ready:
            row = change.row
            # (where nothing can be read back, a pending row was certainly not applied: anything that may have
            # been went through 'unknown' to the seller, or the seller chose to send it again)
            if row.kind == "command" and row.attempts > 0 and adapter.reads_back and not self.key_alive(adapter, row):
                outcome = adapter.read_back(change)
                report.read_back += 1
                if outcome.status != "not_applied":
                    with self.store.write() as db:
                        status = {"applied": "applied", "failed": "failed"}.get(outcome.status, "unknown")
                        if status == "unknown":
                            outbox.settle(db, row.id, "pending", at=self.now(), expect=("pending",),
                                          next_attempt_at=self.later(self.config.backoff.delay(row.attempts + 1,
                                                                                               rng=self.rng)))
                        else:
                            outbox.settle(db, row.id, status, at=self.now(), last_error=outcome.message,
                                          expect=("pending",), remote_ref=outcome.remote_ref)
                            if status == "applied":
                                post_steps.after_applied(db, row, change.payload, outcome, self.now())
                    continue
            sendable.append(change)
        if not sendable:
            return True
        groups: list[list[Change]] = []
        for change in sendable:
            if groups and groups[-1][0].op == change.op and len(groups[-1]) < adapter.batch_size:
                groups[-1].append(change)
            else:
                groups.append([change])
        return self._send_groups(adapter, channel, groups, report)

    def _send_groups(self, adapter: Adapter, channel: str, groups: list[list[Change]], report: CycleReport) -> bool:
        """Mark the whole round in flight (one commit) before any I/O, send each group (one request, or one
        batch request), then record every outcome in one commit. Returns False to stop pushing this channel."""
        rows = [c for group in groups for c in group]
        with self.store.write() as db:
            claimed = outbox.mark_in_flight(db, [c.row.id for c in rows], owner=self.owner, at=self.now())
        if claimed != len(rows):  # another sender moved some of them: send none of this round
            with self.store.write() as db:
                for c in rows:
                    outbox.settle(db, c.row.id, "pending", at=self.now(), expect=("in_flight",))
            return False
        self.crash_hook("claimed")
        done: list[tuple[Change, Outcome]] = []
        stop: Exception | None = None
        rest: list[Change] = []
        ambiguous: list[Change] = []
        for n, group in enumerate(groups):
            try:
                outcomes = adapter.send(group)
            except (Offline, CaptivePortal, AuthFailed, Throttled) as exc:
                stop, rest = exc, [c for g in groups[n:] for c in g]
                break
            except Ambiguous as exc:
                stop, ambiguous, rest = exc, group, [c for g in groups[n + 1:] for c in g]
                break
            report.sent += len(group)
            done += list(zip(group, outcomes, strict=True))
        self.crash_hook("sent")
        # "error but applied": a refused key-less command is read back before it is called failed
        final: list[tuple[Change, Outcome]] = []
        for change, outcome in done:
            if outcome.status == "failed" and change.row.kind == "command" and not adapter.dedupes_commands \
                    and adapter.reads_back:
                try:
                    check = adapter.read_back(change)
                    report.read_back += 1
                    if check.status == "applied":
                        outcome = check
                except (Ambiguous, Throttled, Rejected, Offline, CaptivePortal):
                    pass
            final.append((change, outcome))
        stale = False
        with self.store.write() as db:
            for change, outcome in final:
                stale |= self._record(db, adapter, change, outcome, report)
        self.crash_hook("settled")
        if stale:
            with self.store.write() as db:
                sync_state.update_channel(db, channel, needs_pull=1)
        if stop is None:
            return not stale
        if isinstance(stop, Ambiguous):
            report.sent += len(ambiguous)
            report.unknown += self._ambiguous(adapter, ambiguous, stop)
            self._requeue(rest, None, count_attempt=False)
            self.health.failure(channel, stop.message)
            return False
        if isinstance(stop, Throttled):
            self._throttled(adapter, channel, rest, stop)
            report.retried += len(rest)
            return False
        self._requeue(rest, None, count_attempt=False)  # never reached the marketplace
        raise stop

    def _record(self, db, adapter: Adapter, change: Change, outcome: Outcome, report: CycleReport) -> bool:
        row, now = change.row, self.now()
        if outcome.status == "applied":
            outbox.settle(db, row.id, "applied", at=now, remote_ref=outcome.remote_ref)
            self.record_state(db, row, change.payload, acked=True)
            post_steps.after_applied(db, row, change.payload, outcome, now)  # a post's next step, if it has one
            if not adapter.reads_back:  # the seller sent an unconfirmed one again: that issue is settled
                sync_state.resolve_issue(db, channel=row.channel, kind="unconfirmed_send", ref=row.entity_id, at=now)
            report.applied += 1
        elif outcome.status == "acked":
            outbox.settle(db, row.id, "acked", at=now, remote_ref=outcome.remote_ref)
            report.acked += 1
        elif outcome.status == "failed":
            outbox.settle(db, row.id, "failed", at=now, last_error=outcome.message)
            undelivered.raise_task(self.ctx, row, change.payload, outcome.message or "")  # a message not sent: a task
            report.failed += 1
        elif outcome.status == "stale":
            # a remote sale since our last set: pull orders first, then send again on Shopify's own baseline
            outbox.settle(db, row.id, "pending", at=now, last_error=outcome.message)
            entity, fld = ENTITY_FIELD[row.op]
            sync_state.forget_acked(db, channel=row.channel, entity=entity, entity_id=row.entity_id, field=fld)
            report.retried += 1
            return True
        else:  # retry / not_applied / unknown from a batch item
            self._backoff_row(db, row, outcome.retry_after, outcome.message)
            report.retried += 1
        return False

    def record_state(self, db, row: OutboxRow, payload: dict[str, Any], *, acked: bool) -> None:
        if row.kind != "state":
            return
        entity, fld = ENTITY_FIELD.get(row.op, ("entity", row.op))
        value = payload.get("quantity") if row.op == "listing.quantity" else \
            {k: v for k, v in payload.items() if k not in ("on_hand_milli", "compare_quantity")}
        sync_state.record_acked(db, channel=row.channel, entity=entity, entity_id=row.entity_id, field=fld,
                                value=value, version=row.created_seq, at=self.now())

    def _backoff_row(self, db, row: OutboxRow, retry_after: float | None, message: str | None,
                     status_from: tuple[str, ...] = ("in_flight",)) -> None:
        attempts = row.attempts + 1
        if attempts >= self.config.max_attempts:
            outbox.settle(db, row.id, "dead", at=self.now(), last_error=message, expect=status_from)
            return
        delay = self.config.backoff.delay(attempts, retry_after, rng=self.rng)
        outbox.settle(db, row.id, "pending", at=self.now(), last_error=message, next_attempt_at=self.later(delay),
                      expect=status_from)

    def _requeue(self, group: list[Change], retry_after: float | None, *, count_attempt: bool) -> None:
        with self.store.write() as db:
            for change in group:
                if count_attempt:
                    self._backoff_row(db, change.row, retry_after, None)
                else:  # certainly not applied (never reached the marketplace): back to pending as it was
                    outbox.unsend(db, change.row.id, self.now())

    def _throttled(self, adapter: Adapter, channel: str, group: list[Change], exc: Throttled) -> None:
        for bucket in adapter.limits:
            if exc.retry_after:
                self.buckets.get(channel, bucket, adapter.limits[bucket].rate, adapter.limits[bucket].burst) \
                    .empty_for(exc.retry_after)
        with self.store.write() as db:
            for change in group:
                self._backoff_row(db, change.row, exc.retry_after, exc.message)

    def _ambiguous(self, adapter: Adapter, group: list[Change], exc: Ambiguous) -> int:
        """No clear answer: state rows and keyed commands back off and resend; key-less commands become
        'unknown' and are read back before any resend. Returns how many became unknown."""
        unknown = 0
        with self.store.write() as db:
            for change in group:
                row = change.row
                if row.kind == "state" or self.key_alive(adapter, row):
                    self._backoff_row(db, row, None, exc.message)
                else:
                    outbox.settle(db, row.id, "unknown", at=self.now(), last_error=exc.message)
                    unknown += 1
        return unknown
