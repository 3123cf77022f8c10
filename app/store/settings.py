"""Raw access to the shop's ``settings`` table; ``app.services.settings`` validates and declares."""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database

_MISSING = object()


def get_raw(db: Database, key: str, default: Any = _MISSING) -> Any:
    row = db.execute("SELECT value_json FROM settings WHERE key = ?", (key,)).fetchone()
    if row is None:
        if default is _MISSING:
            raise KeyError(key)
        return default
    return json.loads(row[0])


def set_raw(db: Database, key: str, value: Any, at: str) -> None:
    db.execute(
        "INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?)"
        " ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at",
        (key, json.dumps(value, ensure_ascii=False), at),
    )


def all_raw(db: Database) -> dict[str, Any]:
    return {k: json.loads(v) for k, v in db.execute("SELECT key, value_json FROM settings").fetchall()}
