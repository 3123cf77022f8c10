"""Who has the shop open: the one-window lock, and the holders that a restore must wait for.

Every OS lock here is dropped by the operating system when its process ends, however it ends (a crash,
a power cut, kill -9), so a stale lock can never keep the shopkeeper out.

- :class:`InstanceLock`: one desktop window per shop.
- :class:`ShopHold`: every process that opens the shop (the app, ``api serve``, ``sync run``, each CLI
  command) holds a lock file of its own in ``<shop>.holders/`` for as long as it has the file open. It
  gets there through the *gate* (``<shop>.gate``), which a restore keeps closed from before it looks
  for holders until the backup is in place. So a restore sees every process that could write, waits
  a little for short commands to finish, and refuses with their names otherwise; and no process can
  open the old file while it is being replaced. This is a shared/exclusive lock made of plain
  exclusive file locks, so it works the same on Windows and Linux.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import filelock

from app.errors import ShopInUse
from app.i18n import _

# How long opening the shop waits for a restore in progress to finish (copying a large backup and
# checking it takes seconds, not minutes).
OPEN_WAIT_S = 120.0
# How long a restore waits for other programs to let go of the shop (a CLI sale takes well under this).
RESTORE_WAIT_S = 15.0


class InstanceLock:
    def __init__(self, db_path: Path) -> None:
        self.path = Path(f"{db_path}.lock")
        self._lock = filelock.FileLock(str(self.path), timeout=0, thread_local=False)

    def acquire(self) -> InstanceLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._lock.acquire(timeout=0)
        except filelock.Timeout:
            raise ShopInUse(
                _("This shop is already open in another TAVYONIX window."),
                hint=_("Switch to that window, or close it and try again."),
            ) from None
        return self

    @property
    def held(self) -> bool:
        return self._lock.is_locked

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release(force=True)


def _gate(db_path: Path) -> filelock.FileLock:
    return filelock.FileLock(f"{db_path}.gate", thread_local=False)


def holders_dir(db_path: Path) -> Path:
    return Path(f"{db_path}.holders")


def program_name() -> str:
    """What this process is, for the message a restore shows ('api serve', 'sale', 'app')."""
    args = [a for a in sys.argv[1:] if not a.startswith("-")][:2]
    name = " ".join(args) if args else "app"
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40] or "app"


class ShopHold:
    """This process has the shop open; a restore waits for (or refuses because of) it."""

    def __init__(self, db_path: Path, *, role: str | None = None) -> None:
        self.db_path = Path(db_path)
        role = role or program_name()
        self.path = holders_dir(self.db_path) / f"{os.getpid()}-{role}-{uuid.uuid4().hex[:8]}.lock"
        self._lock = filelock.FileLock(str(self.path), thread_local=False)

    def acquire(self, *, wait_s: float = OPEN_WAIT_S) -> ShopHold:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        gate = _gate(self.db_path)
        try:
            gate.acquire(timeout=wait_s)
        except filelock.Timeout:
            raise ShopInUse(_("A backup is being restored into this shop right now."),
                            hint=_("Wait a minute and try again.")) from None
        try:
            self._lock.acquire(timeout=0)
        finally:
            gate.release(force=True)
        return self

    @property
    def held(self) -> bool:
        return self._lock.is_locked

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release(force=True)
            with contextlib.suppress(OSError):
                self.path.unlink()


def live_holders(db_path: Path) -> list[str]:
    """Programs that have the shop open now; lock files left by ended processes are removed."""
    live: list[str] = []
    folder = holders_dir(db_path)
    if not folder.is_dir():
        return live
    for path in sorted(folder.glob("*.lock")):
        probe = filelock.FileLock(str(path), thread_local=False)
        try:
            probe.acquire(timeout=0)
        except filelock.Timeout:
            pid, _sep, rest = path.stem.partition("-")
            live.append(f"{rest.rsplit('-', 1)[0].replace('-', ' ')} ({_('process')} {pid})")
            continue
        except OSError:
            continue
        probe.release(force=True)
        with contextlib.suppress(OSError):
            path.unlink()
    return live


@contextmanager
def shop_closed_everywhere(db_path: Path, *, wait_s: float = RESTORE_WAIT_S) -> Iterator[None]:
    """Hold the shop shut for a restore: no new process may open it, and none has it open.

    Waits up to ``wait_s`` for programs that have it open to finish; refuses with their names after.
    """
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    gate = _gate(db_path)
    try:
        gate.acquire(timeout=wait_s)
    except filelock.Timeout:
        raise ShopInUse(_("Another restore of this shop is in progress."),
                        hint=_("Wait for it to finish and try again.")) from None
    try:
        deadline = time.monotonic() + wait_s
        while True:
            live = live_holders(db_path)
            if not live:
                break
            if time.monotonic() >= deadline:
                raise ShopInUse(
                    _("The shop is open in another program: {programs}.").format(programs=", ".join(live)),
                    hint=_("Close it (the desktop app, 'api serve' or 'sync run') and restore again; "
                           "nothing was changed."))
            time.sleep(0.05)
        yield
    finally:
        gate.release(force=True)
