"""A large shop opens after checking the tables start-up needs; the full check follows in the background."""

import pytest

from app import housekeeping
from app.errors import DatabaseDamaged
from app.events import ShopCheckFailed
from app.store import db as store_db
from app.store import open_store


def corrupt_page_of(path, table):
    import sqlite3

    conn = sqlite3.connect(path)
    rootpage = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with open(path, "r+b") as f:
        f.seek((rootpage - 1) * page_size + 100 if rootpage == 1 else (rootpage - 1) * page_size)
        f.write(b"\x0d\xff\xff\xff" * 64)


def test_large_shop_opens_fast_and_the_background_check_reports_damage(session, make_product, monkeypatch):
    for i in range(50):
        make_product(f"P{i:03d}")
    path = session.store.path
    session.close()
    corrupt_page_of(path, "price_history")  # not needed at start-up
    monkeypatch.setattr(store_db, "FULL_CHECK_MAX_BYTES", 1)
    store = open_store(path)
    assert store.full_check_pending
    store.close()

    from app.paths import DataDir
    from app.session import open_session

    opened = open_session(DataDir(path.parent.parent), "test")
    seen = []
    opened.bus.subscribe(seen.append)
    problems = housekeeping.integrity_job(opened, full=False)
    assert problems and isinstance(seen[-1], ShopCheckFailed) and seen[-1].problems
    opened.close()


def test_damage_in_a_core_table_stops_even_a_large_shop(session, monkeypatch):
    path = session.store.path
    session.close()
    corrupt_page_of(path, "stock")
    monkeypatch.setattr(store_db, "FULL_CHECK_MAX_BYTES", 1)
    with pytest.raises(DatabaseDamaged):
        open_store(path)


def test_small_shop_gets_the_full_check_before_opening(session):
    path = session.store.path
    session.close()
    store = open_store(path)
    assert store.full_check_pending is False
    store.close()
