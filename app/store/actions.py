"""Changes the assistant offered to make, and those it made (tables of ``store/schema/conversations``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from app.store.rows import fetch_all, fetch_one

__all__ = ["AssistantAction", "attach_message", "done", "expire", "get", "mark_undone", "offer", "open_actions",
           "settle"]


@dataclass(frozen=True, slots=True, kw_only=True)
class AssistantAction:
    id: int
    conversation: str
    kind: str
    params_json: str
    summary: str
    moves_money: bool
    status: str
    basis: str | None
    message_id: int | None
    result_json: str | None
    created_at: str
    expires_at: str
    decided_at: str | None

    @property
    def params(self) -> dict[str, Any]:
        return json.loads(self.params_json)

    @property
    def result(self) -> dict[str, Any]:
        return json.loads(self.result_json) if self.result_json else {}


def offer(db: Database, *, conversation: str, kind: str, params: dict[str, Any], summary: str, moves_money: bool,
          at: str, expires_at: str) -> int:
    return db.execute(
        "INSERT INTO assistant_action (conversation, kind, params_json, summary, moves_money, status, created_at,"
        " expires_at) VALUES (?, ?, ?, ?, ?, 'open', ?, ?)",
        (conversation, kind, json.dumps(params, ensure_ascii=False, default=str), summary, int(moves_money), at,
         expires_at)).lastrowid


def attach_message(db: Database, action_id: int, message_id: int) -> None:
    db.execute("UPDATE assistant_action SET message_id = ? WHERE id = ?", (message_id, action_id))


def get(db: Database, action_id: int) -> AssistantAction | None:
    return fetch_one(db, AssistantAction, "SELECT * FROM assistant_action WHERE id = ?", (action_id,))


def open_actions(db: Database, conversation: str) -> list[AssistantAction]:
    return fetch_all(db, AssistantAction, "SELECT * FROM assistant_action WHERE conversation = ? AND status = 'open'"
                     " ORDER BY id", (conversation,))


def settle(db: Database, action_id: int, *, status: str, at: str, basis: str | None = None,
           result: dict[str, Any] | None = None) -> bool:
    """Close an open action (done, cancelled, expired, failed); False when it was no longer open."""
    return db.execute(
        "UPDATE assistant_action SET status = ?, basis = coalesce(?, basis), decided_at = ?,"
        " result_json = coalesce(?, result_json) WHERE id = ? AND status = 'open'",
        (status, basis, at, None if result is None else json.dumps(result, ensure_ascii=False, default=str),
         action_id)).rowcount == 1


def mark_undone(db: Database, action_id: int, at: str) -> bool:
    return db.execute("UPDATE assistant_action SET status = 'undone', decided_at = ? WHERE id = ? AND status = 'done'",
                      (at, action_id)).rowcount == 1


def expire(db: Database, conversation: str, at: str, *, except_id: int | None = None) -> int:
    """Close the conversation's open offers (a later message moved on, or they ran out of time)."""
    return db.execute("UPDATE assistant_action SET status = 'expired', decided_at = ? WHERE conversation = ?"
                      " AND status = 'open' AND id != coalesce(?, -1)", (at, conversation, except_id)).rowcount


def done(db: Database, *, limit: int = 1000) -> list[AssistantAction]:
    return fetch_all(db, AssistantAction, "SELECT * FROM assistant_action WHERE status IN ('done', 'undone')"
                     " ORDER BY id DESC LIMIT ?", (limit,))
