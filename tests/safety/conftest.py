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


def notes(path: Path) -> set[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {r[0] for r in conn.execute("SELECT note FROM orders WHERE note != ''")}
    finally:
        conn.close()
