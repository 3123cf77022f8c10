"""One app instance per shop: an OS file lock beside the shop file.

The operating system drops the lock when the process ends, however it ends (a crash, a power cut
or kill -9), so a stale lock can never keep the shopkeeper out.
"""

from __future__ import annotations

from pathlib import Path

import filelock

from app.errors import ShopInUse
from app.i18n import _


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
