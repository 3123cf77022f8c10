"""Backups that survive the PC: the second place (a USB drive or any folder) gets a checked copy of each
daily backup; a place that is unplugged, read-only or full is said plainly and never stops the job;
restore offers the copies there when this PC's backups are gone.

The full and read-only places are real small tmpfs mounts (root on Linux); without the permission to
mount, those two tests are skipped."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app import config
from app.events import BackupCopied
from app.housekeeping import backup_if_due, copy_to_second_place
from app.paths import DataDir
from app.services import catalog, shop
from app.session import open_session
from app.store.backup import list_backups, make_backup
from app.store.second_copy import check_place, copy_backup, every_backup, last_copy, place_backups, place_dir, say_state

DAY = datetime(2026, 6, 15, 15, 30, tzinfo=UTC)


@pytest.fixture
def place(tmp_path) -> Path:
    usb = tmp_path / "usb"
    usb.mkdir()
    return usb


@pytest.fixture
def heard(session) -> list[BackupCopied]:
    events: list[BackupCopied] = []
    session.bus.subscribe(lambda e: events.append(e) if isinstance(e, BackupCopied) else None)
    return events


@contextlib.contextmanager
def _tmpfs(folder: Path, options: str) -> Iterator[Path]:
    folder.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True)
    if done.returncode:
        pytest.skip("cannot mount a small tmpfs here (needs root on Linux)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def _rows(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM product").fetchone()[0]
    finally:
        conn.close()


def test_the_daily_backup_is_copied_checked_and_recorded(session, make_product, place, heard):
    make_product("SALT1")
    session.machine.set(config.BACKUP_SECOND_PLACE, str(place))
    assert backup_if_due(session, now=DAY)
    here = list_backups(session.backup_dir)
    there = place_backups(place, session.shop)
    assert [b.path.name for b in there] == [here[0].path.name]
    assert there[0].path.read_bytes() == here[0].path.read_bytes()
    assert _rows(there[0].path) == 1
    assert not list(place_dir(place, session.shop).glob(".*partial"))  # nothing half-written left
    assert last_copy(session.backup_dir)["state"] == "copied"
    assert [(e.state, e.file) for e in heard] == [("copied", here[0].path.name)]


def test_an_unplugged_drive_is_said_never_raised_and_caught_up_when_back(session, make_product, place, heard):
    make_product("SALT1")
    session.machine.set(config.BACKUP_SECOND_PLACE, str(place))
    shutil.rmtree(place)  # the USB drive is pulled out
    assert backup_if_due(session, now=DAY)  # the backup on this PC is made all the same
    assert list_backups(session.backup_dir)
    record = last_copy(session.backup_dir)
    assert record["state"] == "missing" and record["last_ok_at"] == ""
    assert heard[-1].state == "missing"
    assert "is not there (is the USB drive plugged in?)" in say_state("missing", str(place))
    place.mkdir()  # plugged back in: the next run (not a new daily backup) copies the newest one
    assert not backup_if_due(session, now=DAY + timedelta(hours=1))
    assert [b.path.name for b in place_backups(place, session.shop)] == [list_backups(session.backup_dir)[0].path.name]
    assert last_copy(session.backup_dir)["state"] == "copied"
    assert not backup_if_due(session, now=DAY + timedelta(hours=2))  # already there: nothing copied again
    assert [e.state for e in heard] == ["missing", "copied"]


def test_a_full_drive_is_said_and_leaves_no_half_copy(session, make_product, tmp_path, heard):
    make_product("SALT1")
    with _tmpfs(tmp_path / "small-usb", "size=64k") as usb:
        session.machine.set(config.BACKUP_SECOND_PLACE, str(usb))
        assert backup_if_due(session, now=DAY)
        assert last_copy(session.backup_dir)["state"] == "full"
        assert heard[-1].state == "full"
        assert not place_backups(usb, session.shop)
        assert not [p for p in place_dir(usb, session.shop).iterdir()]  # the partial copy was removed
        assert "is full" in say_state("full", str(usb))


def test_a_read_only_drive_is_said(session, make_product, tmp_path):
    make_product("SALT1")
    with _tmpfs(tmp_path / "locked-usb", "size=1m,ro") as usb:
        assert check_place(usb) == "read-only"
        session.machine.set(config.BACKUP_SECOND_PLACE, str(usb))
        result = copy_to_second_place(session) if session.backup("manual") else None
        assert result is not None and result.state == "read-only"
        assert "cannot be written to" in say_state(result.state, result.place)


def test_copies_are_pruned_like_the_backups_on_this_pc(session, make_product, place):
    make_product("SALT1")
    session.machine.set(config.BACKUP_SECOND_PLACE, str(place))
    session.machine.set(config.BACKUP_KEEP, 2)
    for day in range(4):
        assert backup_if_due(session, now=DAY + timedelta(days=day))
    assert len([b for b in session.backups() if b.kind == "daily"]) == 2
    assert [b.made_at for b in place_backups(place, session.shop)] == [DAY + timedelta(days=3), DAY + timedelta(days=2)]


def test_a_copy_that_does_not_check_out_is_not_kept(session, data, place, tmp_path):
    """A backup file that reads back damaged (a failing drive), or one of another shop, is never kept."""
    damaged = tmp_path / "test-20260615-153000-daily.db"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 4000)
    result = copy_backup(damaged, place, "test", shop_db=session.store.path, keep=14)
    assert result.state == "bad-copy" and not place_backups(place, "test")

    other = open_session(data, "other", create=True)
    shop.create_shop(other.ctx, name="Another Kirana", state_code="27", gst_scheme="unregistered")
    other_backup = make_backup(other.store.path, data.backups("other"), kind="daily")
    other.close()
    result = copy_backup(other_backup, place, "test", shop_db=session.store.path, keep=14)
    assert result.state == "bad-copy" and "another shop" in result.detail
    assert not place_backups(place, "test")


def test_a_relative_or_hidden_character_place_is_refused():
    from app.errors import InputError

    with pytest.raises(InputError, match="full folder path"):
        config.BACKUP_SECOND_PLACE.parse("usb/backups")
    with pytest.raises(InputError):
        config.BACKUP_SECOND_PLACE.parse("/media/\u202eusb")


# --- the commands ------------------------------------------------------------------------------------------
def test_commands_set_copy_show_and_restore_from_the_second_place(kirana, tmp_path):
    home = tmp_path / "home"
    usb = tmp_path / "usb"
    code, _out, err = kirana("backup", "target", "set", str(usb))
    assert code != 0 and "is not there" in err and "Traceback" not in err
    usb.mkdir()
    assert kirana("backup", "target", "set", str(usb))[0] == 0
    code, out, _err = kirana("backup")
    assert code == 0 and "Copied and checked" in out
    code, out, _err = kirana("backup", "target", "show")
    assert code == 0 and "Copies of this shop there: 1" in out
    assert kirana("sale", "SALT1:2", "--pay", "cash")[0] == 0  # made after the copy: the restore takes it back

    shutil.rmtree(home / "backups")  # this PC's backups are gone ...
    (home / "shops" / "kirana.db").unlink()  # ... and so is the shop
    for extra in (home / "shops").glob("kirana.db-*"):
        extra.unlink()
    code, out, _err = kirana("restore", "--list")
    assert code == 0 and "second place" in out
    code, out, err = kirana("restore")
    assert code == 0, err
    code, out, _err = kirana("info")
    assert code == 0 and "Sharma General Store" in out and "Items: 2" in out

    code, out, err = kirana("backup", "target", "clear")
    assert code == 0
    code, out, _err = kirana("backup", "target", "show")
    assert code == 0 and "No second place is chosen" in out


def test_commands_say_the_drive_is_out_in_hindi(kirana, tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    assert kirana("backup", "target", "set", str(usb))[0] == 0
    usb.rmdir()
    code, out, err = kirana("--lang", "hi", "backup", "target", "copy")
    assert code == 1 and "Traceback" not in out + err
    assert str(usb) in out and "USB" in out and "नहीं" in out


def test_every_backup_lists_this_pc_first_and_only_new_names_from_the_place(session, make_product, place):
    make_product("SALT1")
    session.machine.set(config.BACKUP_SECOND_PLACE, str(place))
    backup_if_due(session, now=DAY)
    both = every_backup(session.backup_dir, place, session.shop)
    assert [b.place for b in both] == ["here"]  # the same file is not offered twice
    for b in list_backups(session.backup_dir):
        b.path.unlink()
    assert [b.place for b in every_backup(session.backup_dir, place, session.shop)] == ["second"]
    assert every_backup(session.backup_dir, place / "nowhere", session.shop) == []


def test_a_restore_from_the_second_place_is_checked_like_any_backup(data, session, make_product, place):
    """restore_shop takes a copy on the USB drive through the same checks and the same crash-safe swap."""
    from app.session import restore_shop

    make_product("SALT1")
    session.machine.set(config.BACKUP_SECOND_PLACE, str(place))
    backup_if_due(session, now=DAY)
    catalog.create_product(session.ctx, sku="LATER", name_en="Made after the backup", price_paise=100)
    path = session.store.path
    session.close()
    copy = place_backups(place, "test")[0].path
    restore_shop(data, "test", copy, reason="replaced")
    assert _rows(path) == 1
    again = open_session(DataDir(data.root), "test")
    again.close()


def test_plugged_places_are_the_drives_holding_this_shop(session, make_product, tmp_path):
    from app.store.second_copy import plugged_places

    make_product("SALT1")
    drives = [tmp_path / name for name in ("d", "e", "f")]
    for drive in drives[:2]:
        drive.mkdir()
    session.machine.set(config.BACKUP_SECOND_PLACE, str(drives[1]))
    assert copy_to_second_place(session).state == "failed"  # no backup on this PC yet: said, not raised
    session.backup("daily")
    assert copy_to_second_place(session).ok
    assert plugged_places("test", roots=drives) == [drives[1]]  # "f" is not plugged in; "d" holds no copy
    assert plugged_places("other", roots=drives) == []
