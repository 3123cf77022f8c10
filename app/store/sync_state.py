"""Rows of the sync tables (``store/schema/sync``): each channel's connection and health, desired and
acknowledged state, imported remote orders, pull cursors, the sender lease, remote ids and issues.

Every function runs inside the caller's transaction; ``app.sync`` decides what to write.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from app.store.rows import fetch_all, fetch_one, scalar


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def digest(value: Any) -> str:
    return hashlib.sha256(dumps(value).encode()).hexdigest()[:32]


# --- channels --------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True, kw_only=True)
class SyncChannel:
    channel: str
    adapter: str
    base_url: str
    account_json: str
    enabled: bool
    paused_reason: str | None
    breaker_failures: int
    breaker_open_until: str | None
    breaker_opened: int
    needs_pull: bool
    last_ok_at: str | None
    last_pull_at: str | None
    last_error: str | None
    updated_at: str

    @property
    def account(self) -> dict[str, Any]:
        return json.loads(self.account_json)


def connect_channel(db: Database, *, channel: str, adapter: str, base_url: str, account: dict[str, Any],
                    at: str) -> None:
    db.execute(
        "INSERT INTO sync_channel (channel, adapter, base_url, account_json, updated_at) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT(channel) DO UPDATE SET adapter = excluded.adapter, base_url = excluded.base_url,"
        " account_json = excluded.account_json, enabled = 1, paused_reason = NULL, updated_at = excluded.updated_at",
        (channel, adapter, base_url.rstrip("/"), dumps(account), at))


def channels(db: Database) -> list[SyncChannel]:
    return fetch_all(db, SyncChannel, "SELECT * FROM sync_channel ORDER BY channel")


def get_channel(db: Database, channel: str) -> SyncChannel | None:
    return fetch_one(db, SyncChannel, "SELECT * FROM sync_channel WHERE channel = ?", (channel,))


def update_channel(db: Database, channel: str, **values: Any) -> None:
    assignments = ", ".join(f"{k} = ?" for k in values)
    db.execute(f"UPDATE sync_channel SET {assignments} WHERE channel = ?", (*values.values(), channel))


# --- desired and acknowledged state -----------------------------------------------------------------
def record_sent(db: Database, *, channel: str, entity: str, entity_id: str, field: str, value: Any, version: int,
                at: str) -> bool:
    """Store what is about to be sent (desired). False when a newer version was already acknowledged:
    an older value must never be sent over a newer one."""
    acked = scalar(db, "SELECT acked_ver FROM channel_state WHERE channel = ? AND entity = ? AND entity_id = ?"
                       " AND field = ?", (channel, entity, entity_id, field))
    if acked is not None and acked >= version:
        return False
    db.execute(
        "INSERT INTO channel_state (channel, entity, entity_id, field, desired_json, desired_ver, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(channel, entity, entity_id, field) DO UPDATE SET"
        " desired_json = excluded.desired_json, desired_ver = max(desired_ver, excluded.desired_ver),"
        " updated_at = excluded.updated_at",
        (channel, entity, entity_id, field, dumps(value), version, at))
    return True


def record_acked(db: Database, *, channel: str, entity: str, entity_id: str, field: str, value: Any, version: int,
                 at: str) -> None:
    """The marketplace took ``value`` (version ``version``): acked_ver moves to the version *sent*."""
    db.execute(
        "INSERT INTO channel_state (channel, entity, entity_id, field, desired_json, desired_ver, acked_ver,"
        " acked_json, last_pushed_hash, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(channel, entity, entity_id, field) DO UPDATE SET"
        " acked_ver = max(acked_ver, excluded.acked_ver),"
        " acked_json = CASE WHEN excluded.acked_ver >= acked_ver THEN excluded.acked_json ELSE acked_json END,"
        " last_pushed_hash = CASE WHEN excluded.acked_ver >= acked_ver THEN excluded.last_pushed_hash"
        "   ELSE last_pushed_hash END, updated_at = excluded.updated_at",
        (channel, entity, entity_id, field, dumps(value), version, version, dumps(value), digest(value), at))


def acked_value(db: Database, channel: str, entity: str, entity_id: str, field: str) -> Any:
    text = scalar(db, "SELECT acked_json FROM channel_state WHERE channel = ? AND entity = ? AND entity_id = ?"
                      " AND field = ?", (channel, entity, entity_id, field))
    return None if text is None else json.loads(text)


def set_remote_hash(db: Database, *, channel: str, entity: str, entity_id: str, field: str, value: Any) -> None:
    db.execute("UPDATE channel_state SET last_remote_hash = ? WHERE channel = ? AND entity = ? AND entity_id = ?"
               " AND field = ?", (digest(value), channel, entity, entity_id, field))


# --- inbound orders and cursors --------------------------------------------------------------------
def remote_order(db: Database, channel: str, remote_id: str) -> tuple[str, str, int | None] | None:
    """(remote_updated_at, status, local order id) of an imported order, or None."""
    row = db.execute("SELECT remote_updated_at, status, order_id FROM remote_order WHERE channel = ? AND remote_id = ?",
                     (channel, remote_id)).fetchone()
    return None if row is None else (row[0], row[1], row[2])


def save_remote_order(db: Database, *, channel: str, remote_id: str, updated_at: str, status: str,
                      order_id: int | None, raw: Any, at: str) -> None:
    db.execute(
        "INSERT INTO remote_order (channel, remote_id, remote_updated_at, status, order_id, raw_json, imported_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(channel, remote_id) DO UPDATE SET"
        " remote_updated_at = excluded.remote_updated_at, status = excluded.status,"
        " order_id = coalesce(excluded.order_id, order_id), raw_json = excluded.raw_json",
        (channel, remote_id, updated_at, status, order_id, dumps(raw), at))


@dataclass(frozen=True, slots=True, kw_only=True)
class Cursor:
    channel: str
    stream: str
    watermark: str | None
    page_token: str | None
    window_start: str | None
    updated_at: str


def cursor(db: Database, channel: str, stream: str = "orders") -> Cursor | None:
    return fetch_one(db, Cursor, "SELECT * FROM pull_cursor WHERE channel = ? AND stream = ?", (channel, stream))


def save_cursor(db: Database, *, channel: str, stream: str = "orders", watermark: str | None,
                page_token: str | None, window_start: str | None, at: str) -> None:
    db.execute(
        "INSERT INTO pull_cursor (channel, stream, watermark, page_token, window_start, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(channel, stream) DO UPDATE SET watermark = excluded.watermark,"
        " page_token = excluded.page_token, window_start = excluded.window_start, updated_at = excluded.updated_at",
        (channel, stream, watermark, page_token, window_start, at))


# --- the single sender ------------------------------------------------------------------------------
def take_lease(db: Database, *, name: str, owner: str, now: str, until: str) -> bool:
    """Take or renew the lease ``name`` unless another owner holds it and it has not expired."""
    row = db.execute("SELECT owner, expires_at FROM sync_lease WHERE name = ?", (name,)).fetchone()
    if row is not None and row[0] != owner and row[1] > now:
        return False
    db.execute("INSERT INTO sync_lease (name, owner, expires_at) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET"
               " owner = excluded.owner, expires_at = excluded.expires_at", (name, owner, until))
    return True


def drop_lease(db: Database, *, name: str, owner: str) -> None:
    db.execute("DELETE FROM sync_lease WHERE name = ? AND owner = ?", (name, owner))


def lease_owner(db: Database, name: str) -> tuple[str, str] | None:
    row = db.execute("SELECT owner, expires_at FROM sync_lease WHERE name = ?", (name,)).fetchone()
    return None if row is None else (row[0], row[1])


# --- remote ids and issues --------------------------------------------------------------------------
def remote_id(db: Database, channel: str, kind: str, local_id: str) -> str | None:
    return scalar(db, "SELECT remote_id FROM remote_ref WHERE channel = ? AND kind = ? AND local_id = ?",
                  (channel, kind, local_id))


def save_remote_id(db: Database, channel: str, kind: str, local_id: str, remote: str) -> None:
    db.execute("INSERT INTO remote_ref (channel, kind, local_id, remote_id) VALUES (?, ?, ?, ?)"
               " ON CONFLICT(channel, kind, local_id) DO UPDATE SET remote_id = excluded.remote_id",
               (channel, kind, local_id, remote))


def raise_issue(db: Database, *, channel: str, kind: str, ref: str, detail: dict[str, Any], at: str) -> bool:
    """Open an issue for the seller (once per channel, kind and ref); True if it is new or reopened."""
    return db.execute(
        "INSERT INTO sync_issue (channel, kind, ref, detail_json, created_at) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT(channel, kind, ref) DO UPDATE SET detail_json = excluded.detail_json, resolved_at = NULL"
        " WHERE resolved_at IS NOT NULL",
        (channel, kind, ref, dumps(detail), at)).rowcount == 1


def resolve_issue(db: Database, *, channel: str, kind: str, ref: str, at: str) -> None:
    db.execute("UPDATE sync_issue SET resolved_at = ? WHERE channel = ? AND kind = ? AND ref = ?"
               " AND resolved_at IS NULL", (at, channel, kind, ref))


def open_issues(db: Database, *, kind: str | None = None) -> list[tuple[str, str, str, dict[str, Any], str]]:
    """(channel, kind, ref, detail, created_at) of issues not yet resolved."""
    sql = "SELECT channel, kind, ref, detail_json, created_at FROM sync_issue WHERE resolved_at IS NULL"
    params: tuple = ()
    if kind:
        sql, params = sql + " AND kind = ?", (kind,)
    return [(r[0], r[1], r[2], json.loads(r[3]), r[4]) for r in db.execute(sql + " ORDER BY id", params)]


def is_connected(db: Database, channel: str) -> bool:
    return db.execute("SELECT 1 FROM sync_channel WHERE channel = ?", (channel,)).fetchone() is not None


def marketplace_channels(db: Database) -> list[tuple[str, str]]:
    """(code, name) of the connected marketplaces, by name."""
    return [(r[0], r[1]) for r in db.execute(
        "SELECT s.channel, COALESCE(c.name, s.channel) FROM sync_channel s JOIN channel c ON c.code = s.channel"
        " WHERE c.kind = 'marketplace' ORDER BY 2")]


def remote_raw_json(db: Database, channel: str, remote_id: str | None) -> str | None:
    """The order as the marketplace last sent it, as stored (None before a pull)."""
    row = db.execute("SELECT raw_json FROM remote_order WHERE channel = ? AND remote_id = ?",
                     (channel, remote_id)).fetchone()
    return row[0] if row else None


def ship_by_source(db: Database, order_id: int) -> tuple[str, str | None] | None:
    """(the channel's adapter or '', the marketplace's order as last sent) of an order; None when no such order."""
    row = db.execute("SELECT COALESCE(s.adapter, ''), r.raw_json FROM orders o LEFT JOIN remote_order r"
                     " ON r.channel = o.channel AND r.remote_id = o.remote_id LEFT JOIN sync_channel s"
                     " ON s.channel = o.channel WHERE o.id = ?", (order_id,)).fetchone()
    return None if row is None else (row[0], row[1])


def order_board(db: Database, limit: int) -> list[tuple]:
    """Marketplace orders, newest first: (id, channel, channel name, remote id, status, remote status, total,
    created_at, adapter, raw_json, outbox rows still to send)."""
    return db.execute(
        "SELECT o.id, o.channel, COALESCE(c.name, o.channel), o.remote_id, o.status, COALESCE(r.status, ''),"
        " o.total_paise, o.created_at,"
        " COALESCE(s.adapter, ''), r.raw_json,"
        " (SELECT COUNT(*) FROM outbox x WHERE x.order_key = 'order:' || o.remote_id AND x.channel = o.channel"
        "  AND x.status NOT IN ('applied', 'failed'))"
        " FROM orders o LEFT JOIN remote_order r ON r.channel = o.channel AND r.remote_id = o.remote_id"
        " LEFT JOIN sync_channel s ON s.channel = o.channel LEFT JOIN channel c ON c.code = o.channel"
        " WHERE o.remote_id IS NOT NULL ORDER BY o.id DESC LIMIT ?", (limit,)).fetchall()


def whatsapp_channel(db: Database) -> str | None:
    """The connected WhatsApp channel (the first by code when there are several), or None."""
    row = db.execute("SELECT channel FROM sync_channel WHERE adapter = 'whatsapp' ORDER BY channel LIMIT 1"
                     ).fetchone()
    return row[0] if row else None


def mark_all_need_pull(db: Database) -> None:
    """Every channel pulls its orders on the next cycle (after a sender stopped mid-way)."""
    db.execute("UPDATE sync_channel SET needs_pull = 1")


def unpause_all(db: Database) -> None:
    """Every channel's pause and open circuit breaker cleared."""
    db.execute("UPDATE sync_channel SET paused_reason = NULL, breaker_open_until = NULL")


def next_due(db: Database, now: str) -> tuple[str | None, str | None]:
    """(the earliest future retry of a pending row on a running channel, the earliest breaker closing) after
    ``now``."""
    row = db.execute("SELECT min(o.next_attempt_at) FROM outbox o JOIN sync_channel c ON c.channel = o.channel"
                     " WHERE o.status = 'pending' AND o.next_attempt_at > ? AND c.enabled = 1"
                     " AND c.paused_reason IS NULL", (now,)).fetchone()
    breaker = db.execute("SELECT min(breaker_open_until) FROM sync_channel WHERE breaker_open_until > ?"
                         " AND paused_reason IS NULL", (now,)).fetchone()
    return (row[0] if row else None, breaker[0] if breaker else None)


def forget_acked(db: Database, *, channel: str, entity: str, entity_id: str, field: str) -> None:
    """Drop the value the marketplace last acknowledged for a field, so the next send is not skipped as unchanged."""
    db.execute("UPDATE channel_state SET acked_json = NULL WHERE channel = ? AND entity = ? AND entity_id = ?"
               " AND field = ?", (channel, entity, entity_id, field))


def resolve_reauth(db: Database, channel: str, at: str) -> None:
    """The channel's open "sign in again" issues resolved."""
    db.execute("UPDATE sync_issue SET resolved_at = ? WHERE channel = ? AND kind = 'needs_reauth'"
               " AND resolved_at IS NULL", (at, channel))
