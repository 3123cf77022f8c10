"""Finding 1 and 2 of issue 12: a restore loses nothing, checks everything first, and never leaves
the shop without a file."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.errors import BackupError, NeedsConfirmation, SchemaTooNew, ShopInUse, ShopNotFound, ShopReplaced
from app.services import shop
from app.session import open_session, restore_shop
from app.store import open_store
from app.store.backup import kept_aside, make_backup, prune_aside, restore_backup
from tests.safety.conftest import notes, shop_digest

WORKER = Path(__file__).with_name("sale_worker.py")


def _start(data, name: str, count: int, mode: str) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, str(WORKER), str(data.root), "test", name, str(count), mode],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "READY"
    return proc


def _sold(out: str) -> dict[str, float]:
    return {parts[1]: float(parts[2]) for parts in (line.split() for line in out.splitlines())
            if parts and parts[0] == "SOLD"}


@pytest.mark.slow
def test_sales_by_other_programs_during_a_restore_are_never_lost(session, make_product, data):
    """Finding 1: CLI commands selling while a restore runs; every sale is in the live shop or, made
    before the swap, in the file kept aside; none committed after the restore lands outside the shop."""
    make_product("SALT1", opening_stock_milli=10_000_000)
    backup = session.backup()
    db_path = session.store.path
    session.close()
    workers = [_start(data, f"w{n}", 25, "command") for n in range(3)]
    time.sleep(1.0)
    aside = restore_shop(data, "test", backup, reason="replaced")
    restored_at = time.time()
    outs = [w.communicate(timeout=300) for w in workers]
    sold: dict[str, float] = {}
    for out, err in outs:
        assert "Traceback" not in err, err
        sold |= _sold(out)
    live, kept = notes(db_path), notes(aside)
    assert len(sold) == 75
    assert set(sold) == live | kept and not live & kept  # none lost, none twice
    assert {n for n, at in sold.items() if at > restored_at} <= live  # nothing written into the old file
    assert all(sold[n] < restored_at for n in kept)


def test_a_restore_waits_for_and_names_a_program_that_keeps_the_shop_open(session, make_product, data):
    """Finding 1: ``api serve`` / ``sync run`` keep the shop open; restore refuses, naming them, and
    changes nothing; once they stop, it goes ahead."""
    make_product("SALT1", opening_stock_milli=10_000_000)
    backup = session.backup()
    db_path = session.store.path
    session.close()
    server = _start(data, "srv", 100_000, "server")
    try:
        time.sleep(0.5)
        before = os.stat(db_path).st_ino
        with pytest.raises(ShopInUse) as refused:
            restore_shop(data, "test", backup, reason="replaced", wait_s=0.5)
        assert "process" in str(refused.value) and str(server.pid) in str(refused.value)
        assert os.stat(db_path).st_ino == before and not kept_aside(db_path)
    finally:
        server.kill()  # kill -9: its lock goes with it
        server.wait()
    sold_before = len(notes(db_path))
    assert sold_before > 0
    aside = restore_shop(data, "test", backup, reason="replaced")
    assert notes(db_path) == set() and len(notes(aside)) == sold_before


def test_a_connection_never_writes_into_a_file_that_is_no_longer_the_shop(session, make_product, tmp_path):
    """Finding 1, defence in depth: a write after the file was swapped under it is refused."""
    make_product("A")
    backup = session.backup()
    replacement = tmp_path / "copy.db"
    replacement.write_bytes(backup.read_bytes())
    os.replace(replacement, session.store.path)  # what a restore that ignored this process would do
    with pytest.raises(ShopReplaced):
        make_product("B")


def _second_shop(data) -> Path:
    other = open_session(data, "other", create=True)
    shop.create_shop(other.ctx, name="Other Stores", state_code="29", gst_scheme="unregistered")
    try:
        return other.backup()
    finally:
        other.close()


def test_another_shops_backup_is_refused_unless_confirmed(session, data):
    """Finding 2: restoring another shop's backup silently replaced this shop."""
    foreign = _second_shop(data)
    db_path = session.store.path
    session.close()
    digest = shop_digest(db_path)
    with pytest.raises(NeedsConfirmation) as refused:
        restore_shop(data, "test", foreign, reason="replaced")
    assert "Other Stores" in str(refused.value)
    assert shop_digest(db_path) == digest and not kept_aside(db_path)
    restore_shop(data, "test", foreign, reason="replaced", other_shop_ok=True)
    assert open_store(db_path).db().execute("SELECT name FROM shop").fetchone()[0] == "Other Stores"


def test_a_newer_schema_backup_is_refused_before_the_shop_is_touched(session, data, tmp_path):
    """Finding 2: a backup from a newer TAVYONIX replaced a healthy shop before it was found unusable."""
    newer = session.backup()
    conn = sqlite3.connect(newer)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('core', 'm9999', 'x')")
    conn.commit()
    conn.close()
    db_path = session.store.path
    session.close()
    digest, inode = shop_digest(db_path), os.stat(db_path).st_ino
    with pytest.raises(SchemaTooNew):
        restore_shop(data, "test", newer, reason="replaced")
    assert shop_digest(db_path) == digest and os.stat(db_path).st_ino == inode and not kept_aside(db_path)


def test_a_fake_or_damaged_backup_is_refused_before_the_shop_is_touched(session, data, tmp_path):
    """Finding 2: a fake SQLite file replaced a healthy shop."""
    good = session.backup()
    fake = tmp_path / "fake.db"
    fake.write_bytes(b"SQLite format 3\x00" + os.urandom(8192))
    torn = tmp_path / "torn.db"
    raw = bytearray(good.read_bytes())
    raw[len(raw) // 2:len(raw) // 2 + 4096] = os.urandom(4096)  # a damaged page in the middle
    torn.write_bytes(bytes(raw))
    db_path = session.store.path
    session.close()
    digest = shop_digest(db_path)
    for bad in (fake, torn):
        with pytest.raises(BackupError):
            restore_shop(data, "test", bad, reason="replaced")
        assert shop_digest(db_path) == digest and not kept_aside(db_path)
    assert not list(db_path.parent.glob(".*restoring*"))


def test_two_restores_in_the_same_second_keep_both_replaced_files(session, make_product, data):
    """Finding 2: the second restore overwrote the first one's kept-aside file."""
    backup = session.backup()
    make_product("A")
    session.close()
    first = restore_shop(data, "test", backup, reason="replaced")
    second = restore_shop(data, "test", backup, reason="replaced")
    assert first != second and first.exists() and second.exists()
    conn = sqlite3.connect(first)
    assert conn.execute("SELECT count(*) FROM product WHERE sku = 'A'").fetchone()[0] == 1  # today's item is kept
    conn.close()


def test_a_crash_in_the_swap_always_leaves_a_shop_file(session, make_product, data, tmp_path):
    """Finding 2: a crash between 'move aside' and 'rename' left no shop file. Now the live file is
    linked aside first and replaced in one rename, so the file under the shop's name always exists.
    (bench/faults/run.py kills real restores at random moments.)"""
    from app.store.backup import _link_aside

    make_product("A")
    db_path = session.store.path
    session.close()
    digest = shop_digest(db_path)
    aside = _link_aside(db_path, "replaced")  # the restore's first step, then the "crash"
    assert db_path.exists() and shop_digest(db_path) == digest == shop_digest(aside)
    open_store(db_path).close()


def test_init_is_never_offered_over_a_shop_whose_file_is_kept_aside(session, data):
    """Finding 2: with the shop file moved aside and no new one, `init` made an empty shop over it."""
    from app.store.backup import move_aside

    db_path = session.store.path
    session.close()
    aside = move_aside(db_path, "replaced")  # what a crash in the old restore left
    with pytest.raises(ShopNotFound) as refused:
        open_session(data, "test", create=True)
    assert str(aside) in str(refused.value) and "restore" in str(refused.value)
    assert not db_path.exists()
    restore_shop(data, "test", aside, reason="damaged")  # offered instead, and it works
    assert open_store(db_path).db().execute("SELECT name FROM shop").fetchone()[0] == "Test Kirana"


def test_kept_aside_files_are_pruned_but_never_the_only_copy(session, data):
    """Finding 8: kept-aside files were never pruned. The rule keeps the newest three and removes an
    older one only when a pre-restore backup holds the same data."""
    db_path = session.store.path
    backups = data.backups("test")
    session.close()
    old = datetime.now(UTC) - timedelta(days=60)
    made = []
    for n in range(5):
        at = old + timedelta(hours=n)
        if n != 1:  # the second one has no backup of its own: the only copy of its data
            make_backup(db_path, backups, kind="pre-restore", now=at - timedelta(seconds=5))
        aside = db_path.with_name(f"{db_path.name}.replaced-{at:%Y%m%d-%H%M%S}-000000")
        aside.write_bytes(db_path.read_bytes())
        made.append(aside)
    damaged = db_path.with_name(f"{db_path.name}.damaged-{old - timedelta(days=1):%Y%m%d-%H%M%S}-000000")
    damaged.write_bytes(b"x")
    removed = prune_aside(db_path, backups)
    assert set(removed) == {made[0]}
    assert made[1].exists() and damaged.exists() and all(p.exists() for p in made[2:])


def test_restore_on_a_full_disk_says_so_and_changes_nothing(session, data, tmp_path):
    """Finding 8: restore on a full disk gave a traceback. A backup bigger than the room left on a
    small quota cannot be copied; the message says the disk is full."""
    big = session.backup()
    db_path = session.store.path
    session.close()
    digest = shop_digest(db_path)
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    import signal

    old = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (big.stat().st_size // 2, hard))
    try:
        with pytest.raises(BackupError) as refused:
            restore_backup(db_path, big)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, old)
    assert "disk is full" in str(refused.value) or "too large" in str(refused.value)
    assert shop_digest(db_path) == digest
