"""The assistant's conversations: messages, what each conversation remembers, notices already posted."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from app.store.rows import fetch_all, scalar

__all__ = ["Message", "add_message", "get_state", "last_message", "messages", "note", "noticed", "set_state"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Message:
    id: int
    conversation: str
    role: str
    text: str
    lang: str
    intent: str | None
    slots_json: str
    reply_json: str
    source: str
    at: str

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "conversation": self.conversation, "role": self.role, "text": self.text,
                "lang": self.lang, "intent": self.intent, "slots": json.loads(self.slots_json),
                **json.loads(self.reply_json), "source": self.source, "at": self.at}


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


def add_message(db: Database, *, conversation: str, role: str, text: str, at: str, lang: str = "en",
                intent: str | None = None, slots: dict[str, Any] | None = None,
                reply: dict[str, Any] | None = None, source: str = "panel") -> int:
    """One message, inside the caller's write block; returns its id."""
    return db.execute(
        "INSERT INTO assistant_message (conversation, role, text, lang, intent, slots_json, reply_json, source, at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (conversation, role, text, lang, intent, _dump(slots or {}), _dump(reply or {}), source, at)).lastrowid


def messages(db: Database, conversation: str, *, limit: int = 100, before_id: int | None = None) -> list[Message]:
    """The conversation's last ``limit`` messages, oldest first."""
    sql = "SELECT * FROM assistant_message WHERE conversation = ?"
    params: list[Any] = [conversation]
    if before_id is not None:
        sql += " AND id < ?"
        params.append(before_id)
    rows = fetch_all(db, Message, sql + " ORDER BY id DESC LIMIT ?", (*params, limit))
    return rows[::-1]


def last_message(db: Database, conversation: str) -> Message | None:
    found = messages(db, conversation, limit=1)
    return found[0] if found else None


def get_state(db: Database, conversation: str) -> dict[str, Any]:
    raw = scalar(db, "SELECT state_json FROM assistant_state WHERE conversation = ?", (conversation,))
    return json.loads(raw) if raw else {}


def set_state(db: Database, conversation: str, state: dict[str, Any], at: str) -> None:
    db.execute("INSERT INTO assistant_state (conversation, state_json, updated_at) VALUES (?, ?, ?)"
               " ON CONFLICT(conversation) DO UPDATE SET state_json = excluded.state_json,"
               " updated_at = excluded.updated_at", (conversation, _dump(state), at))


def noticed(db: Database, key: str) -> bool:
    return db.execute("SELECT 1 FROM assistant_notice WHERE key = ?", (key,)).fetchone() is not None


def forget_notices(db: Database, prefix: str, *, keep: set[str]) -> int:
    """Forget the notices under ``prefix`` except ``keep`` (so that they may be posted again)."""
    rows = [r[0] for r in db.execute("SELECT key FROM assistant_notice WHERE key LIKE ? || '%'", (prefix,))]
    gone = [key for key in rows if key not in keep]
    for key in gone:
        db.execute("DELETE FROM assistant_notice WHERE key = ?", (key,))
    return len(gone)


def note(db: Database, key: str, at: str) -> bool:
    """Remember that ``key`` was posted; False when it already was (another thread got there first)."""
    return db.execute("INSERT OR IGNORE INTO assistant_notice (key, at) VALUES (?, ?)", (key, at)).rowcount == 1
