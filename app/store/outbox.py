"""The outbox: what a marketplace or messaging channel must hear, written in the same transaction as
the change it reports (docs/sync.md). ``app.sync`` drains it; nothing else sends.

State rows (a listing's price, content or quantity) carry a ``coalesce_key``: a newer one supersedes
the older still-pending row, so only the latest desired state is sent. Command rows (send a purchase
order, confirm a shipment) are never merged and carry an idempotency key fixed when they are enqueued.
"""

from __future__ import annotations

import json
import os
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlite_utils import Database

from app.store.rows import scalar

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_ulid() -> str:
    """A sortable unique id: 48 bits of milliseconds then 80 random bits, in Crockford base32."""
    value = (int(time.time() * 1000) << 80) | int.from_bytes(os.urandom(10), "big")
    return "".join(_CROCKFORD[(value >> shift) & 31] for shift in range(125, -1, -5))


def enqueue(db: Database, *, channel: str, kind: Literal["state", "command"], op: str, entity_id: str,
            payload: dict[str, Any], at: str, order_key: str | None = None, idem_key: str | None = None,
            event_id: int | None = None, schema_ok: bool = True) -> str:
    """Add one row inside the caller's transaction; returns its id."""
    coalesce_key = f"{channel}:{op}:{entity_id}" if kind == "state" else None
    problem = _check_payload(db, channel, op, payload) if schema_ok else None
    if coalesce_key is not None:
        db.execute("UPDATE outbox SET status = 'superseded', updated_at = ?"
                   " WHERE coalesce_key = ? AND status = 'pending'", (at, coalesce_key))
    row_id = new_ulid()
    seq = (scalar(db, "SELECT max(created_seq) FROM outbox") or 0) + 1
    db.execute(
        "INSERT INTO outbox (id, channel, kind, op, entity_id, order_key, payload_json, schema_ok, idem_key,"
        " coalesce_key, status, created_seq, created_at, updated_at, event_id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?)",
        (row_id, channel, kind, op, entity_id, order_key or f"{op.split('.')[0]}:{entity_id}",
         json.dumps(payload, ensure_ascii=False, separators=(",", ":")), int(schema_ok and problem is None),
         idem_key or str(uuid.uuid4()), coalesce_key, seq, at, at, event_id),
    )
    if problem is not None:  # refused by the marketplace's own rules: shown as failed, never sent
        db.execute("UPDATE outbox SET status = 'failed', last_error = ? WHERE id = ?", (problem, row_id))
    return row_id


def waiting_count(db: Database, channel: str | None = None) -> int:
    """Rows not yet settled: what the status bar shows as 'changes waiting to sync'."""
    sql = "SELECT count(*) FROM outbox WHERE status IN ('pending', 'in_flight', 'unknown', 'acked')"
    if channel is None:
        return scalar(db, sql)
    return scalar(db, sql + " AND channel = ?", (channel,))


def failed_count(db: Database) -> int:
    return scalar(db, "SELECT count(*) FROM outbox WHERE status IN ('failed', 'dead')")


# --- payload checks (registered by app.sync at start-up) -----------------------------------------
PayloadCheck = Callable[[Database, str, str, dict[str, Any]], "str | None"]
_checks: list[PayloadCheck] = []
_checks_guard = threading.Lock()


def add_payload_check(check: PayloadCheck) -> None:
    """Register ``check(db, channel, op, payload) -> problem or None``, run by :func:`enqueue`.

    A row whose payload a check refuses is written with ``schema_ok = 0`` and status ``failed`` (with the
    problem as ``last_error``), so the seller sees it at once and it is never sent. With no check
    registered, enqueue behaves exactly as before.
    """
    with _checks_guard:
        if check not in _checks:
            _checks.append(check)


def remove_payload_check(check: PayloadCheck) -> None:
    with _checks_guard:
        if check in _checks:
            _checks.remove(check)


def _check_payload(db: Database, channel: str, op: str, payload: dict[str, Any]) -> str | None:
    for check in list(_checks):
        problem = check(db, channel, op, payload)
        if problem:
            return problem
    return None


# --- the sender's side (app.sync) ------------------------------------------------------------------
UNSETTLED = ("pending", "in_flight", "unknown")


@dataclass(frozen=True, slots=True, kw_only=True)
class OutboxRow:
    id: str
    channel: str
    kind: str
    op: str
    entity_id: str
    order_key: str
    payload_json: str
    schema_ok: int
    idem_key: str
    coalesce_key: str | None
    status: str
    attempts: int
    next_attempt_at: str | None
    lease_owner: str | None
    remote_ref: str | None
    last_error: str | None
    created_seq: int
    created_at: str
    updated_at: str
    event_id: int | None

    @property
    def payload(self) -> dict[str, Any]:
        return json.loads(self.payload_json)


_COLUMNS = ("id, channel, kind, op, entity_id, order_key, payload_json, schema_ok, idem_key, coalesce_key, status,"
            " attempts, next_attempt_at, lease_owner, remote_ref, last_error, created_seq, created_at, updated_at,"
            " event_id")


def _rows(cursor) -> list[OutboxRow]:
    return [OutboxRow(**dict(zip(_COLUMNS.replace(" ", "").split(","), r, strict=True))) for r in cursor]


def get(db: Database, row_id: str) -> OutboxRow | None:
    found = _rows(db.execute(f"SELECT {_COLUMNS} FROM outbox WHERE id = ?", (row_id,)))
    return found[0] if found else None


def rows(db: Database, *, status: str | Sequence[str] | None = None, channel: str | None = None,
         limit: int = 1000) -> list[OutboxRow]:
    where, params = [], []
    if status is not None:
        statuses = (status,) if isinstance(status, str) else tuple(status)
        where.append(f"status IN ({','.join('?' * len(statuses))})")
        params += statuses
    if channel is not None:
        where.append("channel = ?")
        params.append(channel)
    sql = f"SELECT {_COLUMNS} FROM outbox" + (" WHERE " + " AND ".join(where) if where else "")
    return _rows(db.execute(sql + " ORDER BY created_seq LIMIT ?", (*params, limit)))


def due_heads(db: Database, *, channel: str, now: str, limit: int, ops: Sequence[str] | None = None) -> list[OutboxRow]:
    """Pending rows whose time has come and that head their lane (FIFO per channel and ``order_key``):
    no earlier row of the same lane on the same channel is still pending, in flight or unknown."""
    op_filter, params = "", [channel, now]
    if ops is not None:
        op_filter = f" AND o.op IN ({','.join('?' * len(ops))})"
        params += list(ops)
    return _rows(db.execute(
        f"SELECT {', '.join('o.' + c for c in _COLUMNS.replace(' ', '').split(','))} FROM outbox o"
        " WHERE o.channel = ? AND o.status = 'pending' AND o.schema_ok = 1"
        " AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= ?)" + op_filter +
        " AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.order_key = o.order_key AND e.channel = o.channel"
        "   AND e.created_seq < o.created_seq AND e.status IN ('pending', 'in_flight', 'unknown'))"
        " ORDER BY o.created_seq LIMIT ?", (*params, limit)))


def mark_in_flight(db: Database, row_ids: Sequence[str], *, owner: str, at: str) -> int:
    """Step 3 of the send protocol: before any network I/O (the caller commits right after)."""
    count = 0
    for row_id in row_ids:
        count += db.execute("UPDATE outbox SET status = 'in_flight', attempts = attempts + 1, lease_owner = ?,"
                            " updated_at = ? WHERE id = ? AND status = 'pending'", (owner, at, row_id)).rowcount
    return count


def settle(db: Database, row_id: str, status: str, *, at: str, remote_ref: str | None = None,
           last_error: str | None = None, next_attempt_at: str | None = None,
           expect: Sequence[str] = ("in_flight",)) -> bool:
    """Record a row's outcome; only from a status in ``expect`` (another sender cannot overwrite it)."""
    marks = ",".join("?" * len(expect))
    return db.execute(
        f"UPDATE outbox SET status = ?, remote_ref = coalesce(?, remote_ref), last_error = ?, next_attempt_at = ?,"
        f" updated_at = ? WHERE id = ? AND status IN ({marks})",
        (status, remote_ref, last_error, next_attempt_at, at, row_id, *expect)).rowcount == 1


def recover_in_flight(db: Database, *, at: str) -> int:
    """Step 5: rows left in flight by a sender that died are 'unknown' (read back before any resend)."""
    return db.execute("UPDATE outbox SET status = 'unknown', updated_at = ?,"
                      " last_error = coalesce(last_error, 'interrupted while sending') WHERE status = 'in_flight'",
                      (at,)).rowcount


def retry_failed(db: Database, *, at: str, channel: str | None = None) -> int:
    """The seller pressed "retry": failed and dead rows (with a valid payload) go back in the queue."""
    sql = ("UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = NULL, updated_at = ?"
           " WHERE status IN ('failed', 'dead') AND schema_ok = 1")
    if channel is None:
        return db.execute(sql, (at,)).rowcount
    return db.execute(sql + " AND channel = ?", (at, channel)).rowcount


def counts(db: Database, channel: str | None = None) -> dict[str, int]:
    sql = "SELECT status, count(*) FROM outbox" + (" WHERE channel = ?" if channel else "") + " GROUP BY status"
    return dict(db.execute(sql, (channel,) if channel else ()).fetchall())


def has_key(db: Database, idem_key: str) -> bool:
    """Whether a row with this idempotency key was ever queued (whatever became of it)."""
    return db.execute("SELECT 1 FROM outbox WHERE idem_key = ?", (idem_key,)).fetchone() is not None


def count_for_entity(db: Database, entity_id: str) -> int:
    """Rows ever queued for this entity, whatever became of them."""
    return db.execute("SELECT COUNT(*) FROM outbox WHERE entity_id = ?", (entity_id,)).fetchone()[0]


def unsend(db: Database, row_id: str, at: str) -> None:
    """A row certainly never applied (it never reached the marketplace) back to pending, its attempt not counted."""
    db.execute("UPDATE outbox SET status = 'pending', attempts = max(0, attempts - 1), updated_at = ?"
               " WHERE id = ? AND status = 'in_flight'", (at, row_id))


def newer_sent(db: Database, coalesce_key: str, created_seq: int) -> bool:
    """Whether a newer value of the same field (``coalesce_key``) was acknowledged or applied since."""
    return db.execute(
        "SELECT 1 FROM outbox WHERE coalesce_key = ? AND created_seq > ? AND status IN ('acked', 'applied')",
        (coalesce_key, created_seq)).fetchone() is not None


def entity_waiting(db: Database, entity_id: str) -> bool:
    """Whether a row for this entity is queued and not given up on (neither failed nor dead)."""
    return db.execute("SELECT 1 FROM outbox WHERE entity_id = ? AND status NOT IN ('failed', 'dead')",
                      (entity_id,)).fetchone() is not None
