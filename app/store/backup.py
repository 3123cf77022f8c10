"""Backups that survive a power cut, and restoring one without losing anything.

A backup is made with SQLite's online backup API (a consistent snapshot while the shop keeps
selling), checked, turned into a single self-contained file, fsynced under a temporary name and
only then renamed into place, so a half-written backup never looks like a good one. The newest
``keep`` generations of each kind (daily, manual, pre-migration, pre-restore) are kept.

Restoring never deletes, and touches the live file only once the backup has passed every check
(full integrity, a schema this version knows, the same shop): the backup is copied next to the shop
and checked there, the live file is checkpointed and *hard-linked* aside (so at every instant a shop
file exists under its own name: a crash leaves either the old shop or the restored one, never none),
and the checked copy is renamed over it. Kept-aside files are named to the microsecond, never
overwritten, and pruned only when a backup holds the same data.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import sqlite3
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.errors import BackupError, NotFound, SchemaTooNew
from app.i18n import _
from app.log import private
from app.store.db import check_file, disk_full

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
    place: str = "here"  # "here" (this PC) or "second" (the second place the seller chose)


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
        private(tmp)
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


@dataclass(frozen=True)
class BackupFacts:
    """What a checked backup holds: its migrations and which shop it is."""

    migrations: frozenset[tuple[str, str]]
    shop: tuple[str, str] | None  # (created_at, name) of the shop row, None before the shop is set up


def _shop_identity(conn: sqlite3.Connection) -> tuple[str, str] | None:
    try:
        row = conn.execute("SELECT created_at, name FROM shop WHERE id = 1").fetchone()
    except sqlite3.Error:
        return None
    return (str(row[0]), str(row[1])) if row else None


def shop_identity(db_path: Path) -> tuple[str, str] | None:
    """(created_at, name) of the shop in ``db_path``, or None when it cannot be read."""
    if not db_path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            return _shop_identity(conn)
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def _known_migrations() -> set[tuple[str, str]]:
    from app.store.schema import migration_sets

    return {(s.name, name) for s in migration_sets() for name in s.names}


def verify_backup(path: Path, *, full: bool = False) -> BackupFacts:
    """Refuse a file that is not a healthy TAVYONIX shop this version can open."""
    if not path.is_file():
        raise NotFound(_("There is no backup file {path}.").format(path=path))
    migrations: set[tuple[str, str]] = set()
    identity = None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            problems = check_file(conn, full=full)
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if not problems and "_sqlite_migrations" in tables:
                migrations = {(r[0], r[1]) for r in
                              conn.execute("SELECT migration_set, name FROM _sqlite_migrations")}
                identity = _shop_identity(conn)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        problems, tables = [str(exc)], set()
    if problems or not {"shop", "event", "_sqlite_migrations"} <= tables:
        raise BackupError(_("{path} is not a usable TAVYONIX backup.").format(path=path.name),
                          hint="; ".join(problems[:3]))
    if migrations - _known_migrations():
        raise SchemaTooNew(_("{path} was saved by a newer TAVYONIX and cannot be restored here.").format(
            path=path.name), hint=_("Install the newer version of TAVYONIX on this PC."))
    return BackupFacts(frozenset(migrations), identity)


def check_same_shop(db_path: Path, facts: BackupFacts, *, other_shop_ok: bool = False) -> None:
    """Refuse another shop's backup unless the seller said, knowingly, to take it."""
    live = shop_identity(db_path)
    if other_shop_ok or live is None or facts.shop is None or live[0] == facts.shop[0]:
        return
    from app.errors import NeedsConfirmation

    raise NeedsConfirmation(
        _("This backup is of another shop ('{backup}'), not of '{live}'.").format(backup=facts.shop[1],
                                                                                   live=live[1]),
        hint=_("To replace this shop with that one anyway, confirm with --other-shop --yes."))


# --- files kept aside ------------------------------------------------------------------------------------
_ASIDE = re.compile(r"\.(?P<label>[a-z]+)-(?P<stamp>\d{8}-\d{6})(?:-\d+)*$")


def _aside_name(db_path: Path, label: str, now: datetime | None) -> Path:
    now = (now or datetime.now(UTC)).astimezone(UTC)
    base = f"{db_path.name}.{label}-{now:%Y%m%d-%H%M%S}-{now:%f}"
    aside, n = db_path.with_name(base), 1
    while any(Path(f"{aside}{suffix}").exists() for suffix in ("", "-wal", "-shm")):
        aside, n = db_path.with_name(f"{base}-{n}"), n + 1
    return aside


def kept_aside(db_path: Path) -> list[tuple[Path, str, datetime]]:
    """Files of this shop set aside by restores (path, label, when), newest first."""
    found = []
    prefix = db_path.name
    for path in db_path.parent.glob(f"{glob_escape(prefix)}.*"):
        match = _ASIDE.fullmatch(path.name[len(prefix):])
        if match:
            made = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
            found.append((path, match["label"], made))
    return sorted(found, key=lambda f: (f[2], f[0].name), reverse=True)


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


def move_aside(db_path: Path, label: str, now: datetime | None = None) -> Path | None:
    """Rename the shop file and its WAL/SHM companions out of the way; returns the new main path."""
    if not db_path.exists():
        return None
    aside = _aside_name(db_path, label, now)
    for suffix in ("", "-wal", "-shm"):
        part = Path(f"{db_path}{suffix}")
        if part.exists():
            os.replace(part, Path(f"{aside}{suffix}"))
    fsync_dir(db_path.parent)
    return aside


def _link_aside(db_path: Path, label: str) -> Path:
    """Keep the live file under a second name while it stays the shop (a crash leaves both names)."""
    with contextlib.suppress(sqlite3.Error):
        # fold the WAL into the main file, so what is set aside is whole without its -wal
        conn = sqlite3.connect(str(db_path), timeout=5)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            conn.close()
    aside = _aside_name(db_path, label, None)
    try:
        os.link(db_path, aside)
    except OSError:  # a file system without hard links: a full copy, flushed before the swap
        shutil.copyfile(db_path, aside)
        _fsync_file(aside)
    for suffix in ("-wal", "-shm"):
        part = Path(f"{db_path}{suffix}")
        if part.exists():
            os.replace(part, Path(f"{aside}{suffix}"))
    fsync_dir(db_path.parent)
    return aside


def restore_backup(db_path: Path, backup: Path, *, label: str = "replaced", other_shop_ok: bool = False,
                   before_replace: Callable[[], None] | None = None) -> Path | None:
    """Put ``backup`` in the shop's place. The caller must hold the shop shut everywhere
    (:func:`app.store.lock.shop_closed_everywhere`). Returns where the previous file is kept.

    The backup is copied beside the shop and the *copy* is checked in full before the live file is
    touched, so a bad, newer or foreign backup leaves the shop exactly as it was.
    """
    verify_backup(backup)  # fast refusal before copying anything
    db_path.parent.mkdir(parents=True, exist_ok=True)
    for stale in db_path.parent.glob(f".{glob_escape(db_path.name)}.restoring*"):
        stale.unlink(missing_ok=True)  # copies of backups left by a crash in an earlier restore
    tmp = db_path.with_name(f".{db_path.name}.restoring-{uuid.uuid4().hex[:8]}")
    try:
        try:
            shutil.copyfile(backup, tmp)
            _fsync_file(tmp)
        except OSError as exc:
            if disk_full(exc):
                raise BackupError(_("The disk is full, so the backup could not be restored; the shop is "
                                    "unchanged."), hint=_("Free some space on the disk and try again.")) from exc
            raise BackupError(_("The backup could not be copied: {error}").format(error=exc)) from exc
        facts = verify_backup(tmp, full=True)
        check_same_shop(db_path, facts, other_shop_ok=other_shop_ok)
        if before_replace is not None and db_path.exists():
            before_replace()
        aside = _link_aside(db_path, label) if db_path.exists() else None
        os.replace(tmp, db_path)
        fsync_dir(db_path.parent)
    finally:
        tmp.unlink(missing_ok=True)
    log.warning("restored %s from %s (previous file kept at %s)", db_path, backup, aside)
    return aside


def prune_aside(db_path: Path, backup_dir: Path, *, keep: int = 3, older_than_days: int = 30,
                now: datetime | None = None) -> list[Path]:
    """Remove old kept-aside files, but only those whose data a backup also holds.

    The rule never deletes the only copy: the newest ``keep`` are always kept, and an older one is
    removed only when a checked pre-restore backup was made of it in the minute before it was set aside.
    A file set aside as damaged has no such backup and is never removed here.
    """
    now = now or datetime.now(UTC)
    copies = [b.made_at for b in list_backups(backup_dir) if b.kind == "pre-restore"]
    removed = []
    for path, label, made in kept_aside(db_path)[keep:]:
        if now - made < timedelta(days=older_than_days) or label == "damaged":
            continue
        if not any(timedelta(0) <= made - at <= timedelta(minutes=1) for at in copies):
            continue
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        removed.append(path)
        log.info("removed kept-aside file %s (a pre-restore backup holds the same data)", path)
    return removed
