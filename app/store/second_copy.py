"""Backups that survive the PC: a copy of each daily backup on a second place the seller chose (a USB
drive, another disk, a network folder).

The copy goes to ``<place>/TAVYONIX-backups/<shop>/`` under the backup's own name, written under a
temporary name, flushed, checked in full (SQLite's integrity check, a schema this version knows, and
the same shop as the one on this PC) and only then renamed into place, so a pulled-out drive or a
crash mid-copy never leaves a file that looks like a good backup. Old copies are pruned like the
backups on this PC. Nothing here raises for a place that is missing, read-only or full: the result
says so in the seller's words, is kept in ``second-copy.json`` beside the backups on this PC (the
Today card and ``backup target show`` read it), and the next daily backup tries again.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import shutil
import tempfile
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from app import config
from app.config import MachineConfig
from app.errors import AppError
from app.i18n import _
from app.store.backup import BackupInfo, fsync_dir, list_backups, prune, shop_identity, verify_backup
from app.store.db import disk_full

__all__ = ["FOLDER", "STATES", "CopyResult", "check_place", "chosen_place", "copy_backup", "copy_newest",
           "every_backup", "last_copy", "place_backups", "place_dir", "plugged_places", "say_state"]

log = logging.getLogger(__name__)

FOLDER = "TAVYONIX-backups"
RECORD = "second-copy.json"
# copied: the copy is there and checked; the rest say why not
STATES = ("copied", "not-set", "missing", "read-only", "full", "bad-copy", "failed")


@dataclass(frozen=True)
class CopyResult:
    state: str
    place: str  # the folder the seller chose, as they chose it
    at: str  # UTC ISO time of the attempt
    file: str = ""  # the backup's file name (copied, or the one that could not be)
    detail: str = ""  # the OS's or the check's own words, for the log and for help
    tried: bool = True  # False when nothing was done (the place already held the newest backup)

    @property
    def ok(self) -> bool:
        return self.state == "copied"


def chosen_place(machine: MachineConfig) -> Path | None:
    """The second place this PC's seller chose, or None."""
    value = machine.get(config.BACKUP_SECOND_PLACE)
    return Path(value) if value else None


def place_dir(place: Path, shop: str) -> Path:
    """Where this shop's copies live inside the chosen place."""
    return place / FOLDER / shop


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _os_state(exc: OSError, folder: Path | None = None) -> str:
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return "read-only"
    if disk_full(exc, folder):
        return "full"
    if exc.errno in (errno.ENOENT, errno.ENODEV, errno.ENXIO, errno.EIO, errno.ENOTDIR):
        return "missing"  # a drive pulled out mid-copy reads like this
    return "failed"


def check_place(place: Path) -> str:
    """'ok', 'missing' or 'read-only': whether the chosen place can take a copy now (never raises)."""
    try:
        if not place.is_dir():
            return "missing"
        # os.access says yes to root and to read-only mounts alike; a real file tells the truth
        fd, probe = tempfile.mkstemp(dir=place, prefix=".tavyonix-probe-")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        state = _os_state(exc, place if place.is_dir() else None)
        return "read-only" if state == "failed" else state
    return "ok"


def copy_backup(backup: Path, place: Path, shop: str, *, shop_db: Path, keep: int) -> CopyResult:
    """Copy one checked backup to the second place, check the copy in full, prune; never raises."""
    at, name = _now(), backup.name
    state = check_place(place)
    if state != "ok":
        return CopyResult(state, str(place), at, name)
    folder = place_dir(place, shop)
    tmp = folder / f".{name}.partial"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp.unlink(missing_ok=True)
        shutil.copyfile(backup, tmp)
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        facts = verify_backup(tmp, full=True)
        live = shop_identity(shop_db)
        if live is not None and facts.shop is not None and live[0] != facts.shop[0]:
            raise AppError(_("The copy is of another shop."))
        os.replace(tmp, folder / name)
        fsync_dir(folder)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        log.warning("copy of %s to the second place %s failed: %s", name, place, exc)
        return CopyResult(_os_state(exc, folder if folder.is_dir() else None), str(place), at, name, str(exc))
    except AppError as exc:  # the copy read back wrong: a failing drive, or someone else's files
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        log.warning("copy of %s on the second place %s did not pass its check: %s", name, place, exc)
        return CopyResult("bad-copy", str(place), at, name, f"{exc} {exc.hint}".strip())
    with contextlib.suppress(OSError):
        kind = next((b.kind for b in list_backups(folder) if b.path.name == name), None)
        if kind:
            prune(folder, kind=kind, keep=keep)
    log.info("backup %s copied to the second place %s", name, folder)
    return CopyResult("copied", str(place), at, name)


def copy_newest(backup_dir: Path, place: Path | None, shop: str, *, shop_db: Path, keep: int,
                only_if_missing: bool = False) -> CopyResult:
    """Copy the newest backup on this PC to the second place and record the result; never raises.

    ``only_if_missing``: do nothing (and record nothing) when the place already holds that backup, so
    a drive plugged back in catches up on the next run without copying the same file every time.
    """
    if place is None:
        return CopyResult("not-set", "", _now())
    newest = list_backups(backup_dir)
    if not newest:
        return CopyResult("failed", str(place), _now(), detail="no backup on this PC yet")
    backup = newest[0].path
    if only_if_missing:
        with contextlib.suppress(OSError):
            if (place_dir(place, shop) / backup.name).is_file():
                return CopyResult("copied", str(place), _now(), backup.name, tried=False)
    result = copy_backup(backup, place, shop, shop_db=shop_db, keep=keep)
    record(backup_dir, result)
    return result


def record(backup_dir: Path, result: CopyResult) -> None:
    """Keep the result of the last attempt beside the backups (atomically; never raises)."""
    previous = last_copy(backup_dir)
    data = asdict(result)
    # remember the last good copy even while the place is missing, so the card can say how old it is
    data["last_ok_at"] = result.at if result.ok else (previous or {}).get("last_ok_at", "")
    data["last_ok_file"] = result.file if result.ok else (previous or {}).get("last_ok_file", "")
    try:
        backup_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=backup_dir, prefix=".second-copy-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False)
        os.replace(tmp, backup_dir / RECORD)
    except OSError:
        log.warning("could not record the second copy's result in %s", backup_dir, exc_info=True)


def last_copy(backup_dir: Path) -> dict | None:
    """The last recorded attempt (CopyResult's fields plus last_ok_at / last_ok_file), or None."""
    try:
        loaded = json.loads((backup_dir / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return loaded if isinstance(loaded, dict) else None


def place_backups(place: Path | None, shop: str) -> list[BackupInfo]:
    """This shop's backups on the second place, newest first (empty when it is not there)."""
    if place is None:
        return []
    try:
        return [replace(b, place="second") for b in list_backups(place_dir(place, shop))]
    except OSError:
        return []


def every_backup(backup_dir: Path, place: Path | None, shop: str, *, search: bool = False) -> list[BackupInfo]:
    """The backups on this PC, then those only the second place still holds (restore offers both).

    ``search``: with no second place chosen (a new PC after the old one died), look for this shop's
    copies on the drives plugged in now (:func:`plugged_places`)."""
    try:
        here = list_backups(backup_dir)
    except OSError:
        here = []
    names = {b.path.name for b in here}
    places = [place] if place is not None else plugged_places(shop) if search else []
    found = [b for p in places for b in place_backups(p, shop)]
    return here + sorted((b for b in found if b.path.name not in names), key=lambda b: b.made_at, reverse=True)


def _drive_roots() -> list[Path]:
    """Where removable and other drives appear: D:\\ to Z:\\ on Windows (asked without the OS's "insert
    a disk" box); /media, /run/media, /mnt and /Volumes elsewhere (one or two levels down)."""
    if os.name == "nt":
        import ctypes
        import string

        kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
        old = kernel.SetErrorMode(0x0001 | 0x8000)  # SEM_FAILCRITICALERRORS | SEM_NOOPENFILEERRORBOX
        try:
            mask = kernel.GetLogicalDrives()
            return [Path(f"{letter}:\\") for n, letter in enumerate(string.ascii_uppercase)
                    if n >= 3 and mask >> n & 1 and kernel.GetDriveTypeW(f"{letter}:\\") in (2, 3, 4)]
        finally:
            kernel.SetErrorMode(old)
    roots: list[Path] = []
    for base in (Path("/media"), Path("/run/media"), Path("/mnt"), Path("/Volumes")):
        with contextlib.suppress(OSError):
            for child in (base.iterdir() if base.is_dir() else []):
                roots.append(child)
                with contextlib.suppress(OSError):
                    roots += [c for c in child.iterdir() if c.is_dir()] if child.is_dir() else []
    return roots


def plugged_places(shop: str, roots: list[Path] | None = None) -> list[Path]:
    """The drives (``roots``, else every drive plugged in) holding a copy of ``shop``; never raises."""
    found = []
    try:
        candidates = _drive_roots() if roots is None else roots
    except Exception:  # an OS call that is not there: no search, the seller can still pick the file
        log.warning("could not list the drives to look for backups", exc_info=True)
        return []
    for root in candidates:
        with contextlib.suppress(OSError):
            if place_dir(root, shop).is_dir():
                found.append(root)
    return found


def say_state(state: str, place: str) -> str:
    """One sentence for the seller about the second place's state."""
    texts = {
        "copied": _("Copied and checked on {place}."),
        "not-set": _("No second place is chosen. Choose a USB drive or folder in Settings."),
        "missing": _("{place} is not there (is the USB drive plugged in?). The copy will be made when it is back."),
        "read-only": _("{place} cannot be written to (it is read-only or locked)."),
        "full": _("{place} is full, so the backup was not copied there. Free some space on it."),
        "bad-copy": _("The copy on {place} did not pass its check, so it was not kept. The drive may be failing."),
        "failed": _("The backup could not be copied to {place}."),
    }
    return texts.get(state, texts["failed"]).format(place=place)
