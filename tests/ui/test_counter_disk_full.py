"""The counter on a really full disk (a small tmpfs; root on Linux, skipped without it): the first save of
a new bill says "the disk is full" and keeps the bill on screen; later saves that fail are kept and tried
again; both go through by themselves once there is room."""

from __future__ import annotations

import contextlib
import subprocess
from pathlib import Path

import pytest
from shops import PARLE_BARCODE, build_sample_shop

from app.paths import DataDir
from app.services import counter
from app.session import open_session
from app.ui.bridge import EventBridge
from app.ui.main_window import MainWindow
from app.ui.pages.counter import CounterPage
from app.ui.tasks import wait_for_tasks
from tests.ui.test_counter import scan


@pytest.fixture
def small_disk(tmp_path) -> Path:
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=32m", "tmpfs", str(disk)], capture_output=True).returncode:
        pytest.skip("cannot mount a small tmpfs here (needs root on Linux)")
    yield disk
    subprocess.run(["umount", "-l", str(disk)], capture_output=True)


def _fill(disk: Path) -> Path:
    filler = disk / "filler.bin"
    with contextlib.suppress(OSError), open(filler, "wb") as f:
        while True:
            f.write(b"\0" * 65536)
            f.flush()
    with contextlib.suppress(OSError), open(disk / "filler2.bin", "wb") as f:  # what the 64 KB writes left
        while True:
            f.write(b"\0" * 512)
            f.flush()
    return filler


def _free(disk: Path) -> None:
    for name in ("filler.bin", "filler2.bin"):
        (disk / name).unlink(missing_ok=True)


def test_first_save_of_a_new_bill_on_a_full_disk(qtbot, ui_app, small_disk):
    data = DataDir(small_disk / "data").ensure()
    build_sample_shop(data, "testshop")
    session = open_session(data, "testshop")
    bridge = EventBridge(session.bus)
    window = MainWindow(session, bridge)
    qtbot.addWidget(window)
    window.show()
    try:
        page = window.page(CounterPage)
        assert isinstance(page, CounterPage)
        page.command.setFocus()
        session.store.db().execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the next write must grow the WAL
        _fill(small_disk)
        scan(qtbot, page.command, PARLE_BARCODE)
        assert [line.sku for line in page.bill.lines] == ["PARLE-G-80"]  # kept on screen
        assert page.bill.draft_id is None
        qtbot.waitUntil(lambda: "The disk is full" in page.message.text(), timeout=5_000)
        assert "bill stays open" in page.message.text()
        assert counter.bills(session.store, "open") == []

        _free(small_disk)  # room again: the next change saves the bill
        scan(qtbot, page.command, PARLE_BARCODE)
        assert page.bill.draft_id is not None
        qtbot.waitUntil(lambda: page.saver.idle, timeout=10_000)
        saved = counter.bills(session.store, "open")
        assert [(d.id, [(line.sku, line.qty_milli) for line in d.lines]) for d in saved] == [
            (page.bill.draft_id, [("PARLE-G-80", 2000)])]

        # a background save on a full disk is kept and tried again until it goes through
        session.store.db().execute("PRAGMA wal_checkpoint(TRUNCATE)")
        _fill(small_disk)
        scan(qtbot, page.command, PARLE_BARCODE)
        qtbot.wait(600)
        assert [line.qty_milli for d in counter.bills(session.store, "open") for line in d.lines] == [2000]
        _free(small_disk)
        qtbot.waitUntil(lambda: [line.qty_milli for d in counter.bills(session.store, "open")
                                 for line in d.lines] == [3000], timeout=15_000)
    finally:
        _free(small_disk)
        window.close_quietly()
        bridge.close()
        wait_for_tasks()
        session.close()


