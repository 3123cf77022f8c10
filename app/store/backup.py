"""Backups that survive a power cut, and restoring one without losing anything.

A backup is made with SQLite's online backup API (a consistent snapshot while the shop keeps
selling), checked, turned into a single self-contained file, fsynced under a temporary name and
only then renamed into place, so a half-written backup never looks like a good one. The newest
``keep`` generations of each kind (daily, manual, pre-migration, pre-restore) are kept.

Restoring never deletes: the file being replaced (damaged or not) is moved aside with its WAL
files, and the chosen backup is checked before it takes the shop's place.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from app.errors import BackupError, NotFound
from app.i18n import _
from app.store.db import check_file

log = logging.getLogger(__name__)

KINDS = ("daily", "manual", "pre-migration", "pre-restore")
_NAME = re.compile(r"^(?P<shop>.+)-(?P<stamp>\d{8}-\d{6})-(?P<kind>[a-z-]+?)(?:-\d+)?\.db$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    shop: str
    made_at: datetime
    kind: str
    size: int


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entries to disk, so that a file just renamed into it survives a power cut."""
    if os.name == "nt":  # Windows cannot open a directory to flush it; NTFS journals the rename
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as f:
        os.fsync(f.fileno())


def make_backup(db_path: Path, backup_dir: Path, *, kind: str = "manual", keep: int = 14,
                now: datetime | None = None) -> Path:
    """Copy the shop into ``backup_dir`` safely and prune old generations of the same kind."""
    if kind not in KINDS:
        raise ValueError(kind)
    now = now or datetime.now(UTC)
    backup_dir.mkdir(parents=True, exist_ok=True)
    final = backup_dir / f"{db_path.stem}-{now.astimezone(UTC):%Y%m%d-%H%M%S}-{kind}.db"
    n = 1
    while final.exists():
        final = backup_dir / f"{db_path.stem}-{now.astimezone(UTC):%Y%m%d-%H%M%S}-{kind}-{n}.db"
        n += 1
    tmp = backup_dir / f".{final.name}.partial"
    tmp.unlink(missing_ok=True)
    try:
        src = sqlite3.connect(str(db_path), timeout=30)
        dst = sqlite3.connect(str(tmp))
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
            problems = check_file(dst, full=False)
        finally:
            dst.close()
            src.close()
        if problems:
            raise BackupError(_("The backup copy did not pass its check, so it was not kept."),
                              hint="; ".join(problems[:3]))
        _fsync_file(tmp)
        os.replace(tmp, final)
        fsync_dir(backup_dir)
    except (OSError, sqlite3.Error) as exc:
        tmp.unlink(missing_ok=True)
        raise BackupError(_("The backup could not be made: {error}").format(error=exc),
                          hint=_("Check that the disk is not full.")) from exc
    prune(backup_dir, kind=kind, keep=keep)
    log.info("backup made: %s", final)
    return final


def list_backups(backup_dir: Path) -> list[BackupInfo]:
    """Every finished backup in ``backup_dir``, newest first."""
    found = []
    if backup_dir.is_dir():
        for path in backup_dir.glob("*.db"):
            match = _NAME.match(path.name)
            if not match:
                continue
            kind = match["kind"]
            made = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
            found.append(BackupInfo(path, match["shop"], made, kind, path.stat().st_size))
    return sorted(found, key=lambda b: (b.made_at, b.path.name), reverse=True)


def prune(backup_dir: Path, *, kind: str, keep: int) -> list[Path]:
    removed = []
    for info in [b for b in list_backups(backup_dir) if b.kind == kind][keep:]:
        info.path.unlink(missing_ok=True)
        removed.append(info.path)
    return removed


def verify_backup(path: Path) -> None:
    """Refuse a file that is not a healthy TAVYONIX shop."""
    if not path.is_file():
        raise NotFound(_("There is no backup file {path}.").format(path=path))
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            problems = check_file(conn, full=False)
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            conn.close()
    except sqlite3.Error as exc:
        problems, tables = [str(exc)], set()
    if problems or not {"shop", "event", "_sqlite_migrations"} <= tables:
        raise BackupError(_("{path} is not a usable TAVYONIX backup.").format(path=path.name),
                          hint="; ".join(problems[:3]))


def move_aside(db_path: Path, label: str, now: datetime | None = None) -> Path | None:
    """Rename the shop file and its WAL/SHM companions out of the way; returns the new main path."""
    if not db_path.exists():
        return None
    now = now or datetime.now(UTC)
    aside = db_path.with_name(f"{db_path.name}.{label}-{now.astimezone(UTC):%Y%m%d-%H%M%S}")
    for suffix in ("", "-wal", "-shm"):
        part = Path(f"{db_path}{suffix}")
        if part.exists():
            os.replace(part, Path(f"{aside}{suffix}"))
    fsync_dir(db_path.parent)
    return aside


def restore_backup(db_path: Path, backup: Path, *, label: str = "replaced") -> Path | None:
    """Put ``backup`` in the shop's place. The caller must hold the shop's instance lock and have
    closed its connections. Returns where the previous file was moved (None if there was none)."""
    verify_backup(backup)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = db_path.with_name(f".{db_path.name}.restoring")
    shutil.copyfile(backup, tmp)
    _fsync_file(tmp)
    aside = move_aside(db_path, label)
    os.replace(tmp, db_path)
    fsync_dir(db_path.parent)
    log.warning("restored %s from %s (previous file kept at %s)", db_path, backup, aside)
    return aside
