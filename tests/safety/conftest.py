"""Helpers for the safety tests: a digest of every table, to prove a refused action changed nothing."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from app import i18n
from tests.safety.cli_fixture import Cli, make_cli, open_kirana


@pytest.fixture
def kirana(tmp_path, capsys) -> Cli:
    """A shop with two items, and the CLI (in-process) pointed at it."""
    call = make_cli(tmp_path / "home", capsys)
    open_kirana(call)
    yield call
    i18n.set_language("en")


def shop_digest(path: Path, *, ignore: tuple[str, ...] = ()) -> str:
    """One hash over every row of every table of the shop file at ``path`` (read-only); ``ignore``: tables
    whose rows change on every call by design (an API token's last use)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND name NOT LIKE '%fts%' ORDER BY name")]
        h = hashlib.sha256()
        for name in names:
            if name in ignore:
                continue
            h.update(name.encode())
            for row in conn.execute(f"SELECT * FROM [{name}] ORDER BY 1"):
                h.update(repr(row).encode())
        return h.hexdigest()
    finally:
        conn.close()


class ShopDigests:
    """``shop_digest`` for a loop of examples on one shop, hashing the file once per example instead of twice:
    the digest taken after one example is the digest before the next, as nothing else writes the shop between
    examples. After an example that stopped before its ``after()`` (a failed assertion, an exception) the next
    ``before()`` hashes the file again, so each example is still compared with the shop as it found it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._last: str | None = shop_digest(path)

    def before(self) -> str:
        last, self._last = self._last, None
        return last if last is not None else shop_digest(self.path)

    def after(self) -> str:
        self._last = shop_digest(self.path)
        return self._last


def notes(path: Path) -> set[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {r[0] for r in conn.execute("SELECT note FROM orders WHERE note != ''")}
    finally:
        conn.close()
