"""Tokens of the local API: made here, shown once, stored only as SHA-256 hashes, revocable.

A token is 32 random bytes (``tvx_`` and 43 URL-safe characters), so a plain SHA-256 is enough to keep it
from being read back out of the shop's file or its backups; nothing here ever logs a token.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time

from app.domain import bounds
from app.errors import InputError, NotFound
from app.i18n import _
from app.services.context import ServiceContext
from app.store import api_tokens as tokens

PREFIX = "tvx_"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(ctx: ServiceContext, name: str) -> str:
    """A new token for a device (``name``: "owner's phone"); returns it, the only time it is seen."""
    name = " ".join(str(name).split())
    if not name:
        raise InputError(_("Give the token a name, such as the phone it is for."))
    name = bounds.check_text(name, what=_("The token's name"), limit=60)
    token = PREFIX + secrets.token_urlsafe(32)
    with ctx.store.write() as db:
        tokens.add(db, name=name, token_hash=hash_token(token), prefix=token[:8], at=ctx.now_iso())
    return token


def revoke_token(ctx: ServiceContext, token_id: int) -> None:
    with ctx.store.write() as db:
        if not tokens.revoke(db, token_id, ctx.now_iso()):
            raise NotFound(_("There is no active API token number {id}.").format(id=token_id))


def check_token(ctx: ServiceContext, token: str) -> tokens.ApiToken | None:
    """The token's record when it is valid (and note when it was last used), else None."""
    if not token.startswith(PREFIX) or len(token) > 200:
        return None
    found = tokens.by_hash(ctx.store.db(), hash_token(token))
    if found is not None:
        with ctx.store.write() as db:
            tokens.touch(db, found.id, ctx.now_iso())
    return found


class FailureLimiter:
    """Slows down guessing: more than ``limit`` failed attempts from one address within ``window_s`` seconds
    and that address is refused until the window has passed."""

    def __init__(self, limit: int = 10, window_s: float = 60.0) -> None:
        self.limit, self.window_s = limit, window_s
        self._failures: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def blocked(self, address: str) -> bool:
        now = time.monotonic()
        with self._lock:
            recent = [t for t in self._failures.get(address, []) if now - t < self.window_s]
            self._failures[address] = recent
            return len(recent) >= self.limit

    def failed(self, address: str) -> None:
        with self._lock:
            self._failures.setdefault(address, []).append(time.monotonic())
