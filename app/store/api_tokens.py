"""Tokens of the local API, kept as SHA-256 hashes: the token itself is shown once and never stored."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from app.store.rows import fetch_all, fetch_one

__all__ = ["ApiToken", "add", "all_tokens", "by_hash", "revoke", "touch"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ApiToken:
    id: int
    name: str
    token_hash: str
    prefix: str
    created_at: str
    last_used_at: str | None
    revoked_at: str | None


def add(db: Database, *, name: str, token_hash: str, prefix: str, at: str) -> int:
    return db.execute("INSERT INTO api_token (name, token_hash, prefix, created_at) VALUES (?, ?, ?, ?)",
                      (name, token_hash, prefix, at)).lastrowid


def by_hash(db: Database, token_hash: str) -> ApiToken | None:
    return fetch_one(db, ApiToken, "SELECT * FROM api_token WHERE token_hash = ? AND revoked_at IS NULL",
                     (token_hash,))


def all_tokens(db: Database) -> list[ApiToken]:
    return fetch_all(db, ApiToken, "SELECT * FROM api_token ORDER BY id")


def touch(db: Database, token_id: int, at: str) -> None:
    db.execute("UPDATE api_token SET last_used_at = ? WHERE id = ?", (at, token_id))


def revoke(db: Database, token_id: int, at: str) -> bool:
    return db.execute("UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                      (at, token_id)).rowcount == 1
