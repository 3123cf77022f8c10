"""Finding 6 of issue 12: a full disk was reported as a damaged shop, and mid-session sales failed with
"something went wrong". Simulated with SQLite's own limit on the file's size (``max_page_count``),
which fails writes with the very error a full disk gives (SQLITE_FULL); bench/faults/run.py uses a
real small file system when it can mount one."""

from __future__ import annotations

import pytest

from app.errors import DiskFull
from app.services import counter, sales
from app.services.sales import PaymentIn, SaleLine
from tests.safety.conftest import shop_digest


def _fill(store) -> None:
    conn = store.db().conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")


def _sell(ctx, n: int = 1):
    lines = [SaleLine(sku="SALT1", qty_milli=n * 1000)]
    total = sales.quote_sale(ctx, lines=lines).total_paise
    return counter.complete_bill(ctx, None, lines=lines, payments=[PaymentIn(method="cash", amount_paise=total)])


def test_a_sale_on_a_full_disk_says_so_keeps_nothing_half_written_and_recovers(session, ctx, make_product):
    make_product("SALT1")
    _sell(ctx)
    _fill(session.store)
    before = shop_digest(session.store.path)
    saved = 0
    for _ in range(40):  # the WAL may take a few sales before the file must grow
        try:
            _sell(ctx)
            saved += 1
        except DiskFull as refused:
            assert "disk is full" in str(refused) and "bill stays open" in str(refused)
            break
    else:
        pytest.fail("the full disk was never noticed")
    assert saved < 40
    session.store.db().conn.execute("PRAGMA max_page_count = 1073741823")  # space is back
    changes = _sell(ctx)
    assert changes.id
    assert shop_digest(session.store.path) != before


def test_opening_a_shop_on_a_full_disk_is_not_called_damage(session, data, make_product):
    """The open path turns SQLITE_FULL (and a disk with no room) into DiskFull, never DatabaseDamaged."""
    import sqlite3

    from app.store.db import disk_full

    assert disk_full(sqlite3.OperationalError("database or disk is full"))
    assert disk_full(OSError(28, "No space left on device"))
    assert not disk_full(sqlite3.DatabaseError("database disk image is malformed"))


@pytest.fixture
def small_disk(tmp_path):
    """A real 8 MB file system (tmpfs), where the platform lets the tests mount one."""
    import subprocess

    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a small file system here")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def _fill_disk(folder) -> object:
    filler = folder / "filler.bin"
    # unbuffered: a buffered file keeps the part that did not fit and fails again when it is closed
    with open(filler, "wb", buffering=0) as f:
        try:
            while True:
                f.write(b"\0" * 65536)
        except OSError:
            pass
    return filler


def test_a_really_full_disk_is_named_at_the_counter_and_at_opening(small_disk):
    from app.paths import DataDir
    from app.services import catalog, shop
    from app.session import open_session

    data = DataDir(small_disk / "data").ensure()
    opened = open_session(data, "tiny", create=True)
    shop.create_shop(opened.ctx, name="Tiny", state_code="27", gst_scheme="unregistered")
    catalog.create_product(opened.ctx, sku="SALT1", name_en="Salt", price_paise=2800, opening_stock_milli=500_000)
    filler = _fill_disk(small_disk)
    with pytest.raises(DiskFull):
        for _ in range(500):
            _sell(opened.ctx)
    filler.unlink()  # space comes back: the same session sells again
    assert _sell(opened.ctx).id
    opened.close()
    filler = _fill_disk(small_disk)
    try:
        reopened = open_session(data, "tiny")  # may open (nothing to write) or say the disk is full
        reopened.close()
    except DiskFull:
        pass
    finally:
        filler.unlink()
