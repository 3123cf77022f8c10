import sqlite3

import pytest

from app.errors import BackupError
from app.store import open_store
from app.store.backup import list_backups, make_backup, move_aside, restore_backup, verify_backup


def _count(path, table="product"):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


def test_backup_is_a_checked_self_contained_copy_made_while_the_shop_is_open(session, make_product, tmp_path):
    make_product("A")
    backups = tmp_path / "backups"
    path = make_backup(session.store.path, backups, kind="daily", keep=3)
    assert path.exists() and not list(backups.glob("*.partial"))
    verify_backup(path)
    assert _count(path) == 1
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # no -wal needed beside it
    conn.close()


def test_generations_are_pruned_per_kind(session, tmp_path):
    from datetime import UTC, datetime, timedelta

    backups = tmp_path / "b"
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for day in range(6):
        make_backup(session.store.path, backups, kind="daily", keep=3, now=start + timedelta(days=day))
    make_backup(session.store.path, backups, kind="pre-migration", keep=3, now=start)
    found = list_backups(backups)
    assert [b.kind for b in found].count("daily") == 3
    assert [b.kind for b in found].count("pre-migration") == 1
    assert found[0].made_at == start + timedelta(days=5)  # newest first


def test_restore_keeps_the_old_file_aside_and_brings_back_the_backup(session, make_product, tmp_path):
    make_product("A")
    backup = make_backup(session.store.path, tmp_path / "b", keep=3)
    make_product("B")
    db_path = session.store.path
    session.close()
    aside = restore_backup(db_path, backup)
    assert _count(db_path) == 1
    assert aside is not None and _count(aside) == 2  # nothing was lost: today's file is kept
    open_store(db_path).close()


def test_a_file_that_is_not_a_backup_is_refused(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"hello" * 100)
    with pytest.raises(BackupError):
        verify_backup(junk)
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE x(a)")
    conn.commit()
    conn.close()
    with pytest.raises(BackupError):
        verify_backup(other)


def test_move_aside_takes_the_wal_files_too(tmp_path):
    db = tmp_path / "s.db"
    for suffix in ("", "-wal", "-shm"):
        (tmp_path / f"s.db{suffix}").write_bytes(b"x")
    aside = move_aside(db, "damaged")
    assert not any((tmp_path / f"s.db{suffix}").exists() for suffix in ("", "-wal", "-shm"))
    assert all(type(aside)(f"{aside}{suffix}").exists() for suffix in ("", "-wal", "-shm"))
