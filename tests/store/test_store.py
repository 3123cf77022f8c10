import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from app.errors import DatabaseDamaged, SchemaTooNew, ShopInUse, ShopNotFound
from app.store import open_store


def test_pragmas_on_every_connection(tmp_path):
    store = open_store(tmp_path / "s.db", create=True)
    seen = {}

    def probe():
        db = store.db()
        seen[threading.get_ident()] = (
            db.execute("PRAGMA journal_mode").fetchone()[0], db.execute("PRAGMA synchronous").fetchone()[0],
            db.execute("PRAGMA foreign_keys").fetchone()[0], db.execute("PRAGMA busy_timeout").fetchone()[0])

    probe()
    worker = threading.Thread(target=probe)
    worker.start()
    worker.join()
    assert len(seen) == 2
    assert all(v == ("wal", 2, 1, 5000) for v in seen.values())  # synchronous=2 is FULL
    store.close()


def test_writes_only_inside_write_blocks(tmp_path):
    store = open_store(tmp_path / "s.db", create=True)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        store.db().execute("INSERT INTO settings VALUES ('a', '1', 'now')")
    with store.write() as db:
        db.execute("INSERT INTO settings VALUES ('a', '1', 'now')")
    assert store.db().execute("SELECT count(*) FROM settings").fetchone()[0] == 1
    store.close()


def test_nested_write_is_a_savepoint_and_callbacks_wait_for_the_outer_commit(tmp_path):
    store = open_store(tmp_path / "s.db", create=True)
    calls = []
    with store.write() as db:
        db.execute("INSERT INTO settings VALUES ('outer', '1', 'now')")
        try:
            with store.write() as inner:
                inner.execute("INSERT INTO settings VALUES ('inner', '1', 'now')")
                store.after_commit(lambda: calls.append("inner-rolled-back"))
                raise ValueError("inner fails")
        except ValueError:
            pass
        store.after_commit(lambda: calls.append("outer"))
        assert calls == []
    keys = [r[0] for r in store.db().execute("SELECT key FROM settings")]
    assert keys == ["outer"]
    # the inner block's callback was registered on the same outer transaction, which committed
    assert calls == ["inner-rolled-back", "outer"]
    with pytest.raises(RuntimeError), store.write() as db:
        db.execute("INSERT INTO settings VALUES ('lost', '1', 'now')")
        store.after_commit(lambda: calls.append("never"))
        raise RuntimeError
    assert "never" not in calls
    assert store.db().execute("SELECT count(*) FROM settings WHERE key = 'lost'").fetchone()[0] == 0
    store.close()


def test_concurrent_read_then_write_never_fails_with_locked(tmp_path):
    """BEGIN IMMEDIATE under one lock: read-modify-write from several threads loses no update."""
    store = open_store(tmp_path / "s.db", create=True)
    with store.write() as db:
        db.execute("INSERT INTO settings VALUES ('n', '0', 'now')")
    errors = []

    def bump():
        try:
            for _ in range(50):
                with store.write() as db:
                    n = int(db.execute("SELECT value_json FROM settings WHERE key = 'n'").fetchone()[0])
                    db.execute("UPDATE settings SET value_json = ? WHERE key = 'n'", (str(n + 1),))
        except Exception as exc:  # pragma: no cover - the assertion below reports it
            errors.append(exc)

    threads = [threading.Thread(target=bump) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert store.db().execute("SELECT value_json FROM settings WHERE key = 'n'").fetchone()[0] == "200"
    store.close()


def test_ledgers_are_append_only(session, make_product):
    make_product("SALT1")
    db = session.store.db()
    with pytest.raises(sqlite3.IntegrityError, match="append-only"), session.store.write() as w:
        w.execute("UPDATE stock_move SET qty_milli = 1")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"), session.store.write() as w:
        w.execute("DELETE FROM event")
    assert db.execute("SELECT count(*) FROM event").fetchone()[0] > 0


def test_second_instance_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "s.db"
    open_store(path, create=True).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            from app.store import open_store
            s = open_store({str(path)!r})
            print("open", flush=True)
            time.sleep(30)
        """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(ShopInUse, match="already open"):
            open_store(path)
        open_store(path, exclusive=False).close()  # a short command may still read and write
    finally:
        holder.kill()
        holder.wait()
    open_store(path).close()  # the OS released the lock when the holder died


def test_missing_shop_is_never_created_silently(tmp_path):
    with pytest.raises(ShopNotFound):
        open_store(tmp_path / "nothing.db")
    assert not (tmp_path / "nothing.db").exists()


def test_damaged_file_is_reported(tmp_path):
    path = tmp_path / "s.db"
    open_store(path, create=True).close()
    data = bytearray(path.read_bytes())
    data[:16] = b"not a database!!"
    path.write_bytes(bytes(data))
    with pytest.raises(DatabaseDamaged) as info:
        open_store(path)
    assert "damaged" in info.value.message and "backup" in info.value.hint


def test_corruption_inside_the_file_is_found_by_quick_check(session, make_product, tmp_path):
    for i in range(300):
        make_product(f"P{i:04d}", name_en=f"Product number {i} with a long name to fill pages")
    path = session.store.path
    session.close()
    data = bytearray(path.read_bytes())
    page = 4096
    # overwrite pages in the middle (index or table b-tree pages) with garbage; several, so that one lands on
    # the products whatever other tables the schema has
    pages = len(data) // page
    for middle in sorted({pages * k // 16 * page for k in range(4, 13)}):
        data[middle + 8: middle + page] = bytes((i * 7) % 251 for i in range(page - 8))
    path.write_bytes(bytes(data))
    with pytest.raises(DatabaseDamaged):
        open_store(path)


def test_file_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "s.db"
    store = open_store(path, create=True)
    with store.maintenance() as db:
        db.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES"
                   " ('tavyonix', 'm9999_from_the_future', '2030-01-01')")
    store.close()
    with pytest.raises(SchemaTooNew, match="newer TAVYONIX"):
        open_store(path)


def test_open_is_fast(tmp_path):
    path = tmp_path / "s.db"
    open_store(path, create=True).close()
    started = time.perf_counter()
    open_store(Path(path)).close()
    assert time.perf_counter() - started < 1.0


def test_checkpointer_keeps_the_wal_short_without_commits_paying_for_it(tmp_path):
    store = open_store(tmp_path / "s.db", create=True)
    store.start_checkpointer(interval_s=0.05)
    assert store.db().execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
    for i in range(300):
        with store.write() as db:
            db.execute("INSERT INTO settings VALUES (?, '1', 'now')", (f"k{i}",))
    time.sleep(0.3)
    busy, log_frames, checkpointed = store.db().execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    assert busy == 0 and log_frames == checkpointed
    store.close()
    assert not store._checkpointer.is_alive()
