"""Keeping the window's memory small: SQLite's caches capped together, and freed memory given back to the system.

Measured with ``bench/ui/bench_rss.py --probe`` (docs/window.md, sixth session): after a few minutes of bills and
pages, 70–97 MB of the window's resident memory was heap that Python, Qt and SQLite had already freed and glibc
kept for reuse, spread over one malloc arena per thread that ever allocated (the GUI thread, Qt's pool, the
checkpointer...), and 35–57 MB was SQLite's, mostly the page caches of the connection each of those threads keeps
(8 MiB each, ``app.store.db.CACHE_KIB``). Neither is a leak, but both count against the shop PC's RAM. So, in the
window only:

- SQLite's memory, all connections together, is held near ``SQLITE_SOFT_LIMIT_BYTES`` (``PRAGMA soft_heap_limit``,
  process-wide, every platform): past it SQLite reuses its caches' pages instead of growing them;
- on Linux with glibc, at most two malloc arenas (``M_ARENA_MAX``, set before the pool's threads start), and every
  minute the free pages inside each arena go back to the system (``malloc_trim(0)``, in a thread of its own: it
  took 25–33 ms on a 130 MB heap at load 16, 3 ms with nothing to give back, and the counter must not wait).
  Elsewhere the C library's heap is left as it is.
"""

from __future__ import annotations

import ctypes
import sqlite3
import sys
import threading
import time
from typing import Any

from PySide6.QtCore import QObject, QTimer

__all__ = ["SQLITE_SOFT_LIMIT_BYTES", "TRIM_EVERY_MS", "keep_heap_small", "limit_sqlite", "trim"]

SQLITE_SOFT_LIMIT_BYTES = 24 * 1024 * 1024
TRIM_EVERY_MS = 60_000
M_ARENA_MAX = -8  # mallopt's parameter (glibc malloc.h)
ARENAS = 2  # the GUI thread and one for every other thread together

_libc: Any = None
_looked = False


def _glibc() -> Any:
    global _libc, _looked
    if not _looked:
        _looked = True
        if sys.platform.startswith("linux"):
            try:
                libc = ctypes.CDLL("libc.so.6")
                _libc = libc if hasattr(libc, "malloc_trim") and hasattr(libc, "mallopt") else None
            except OSError:  # musl or another libc: nothing to do
                _libc = None
    return _libc


def trim() -> float | None:
    """Hand the heap's free pages back to the system; the seconds it took, or None where there is no glibc."""
    libc = _glibc()
    if libc is None:
        return None
    started = time.perf_counter()
    libc.malloc_trim(0)
    return time.perf_counter() - started


def limit_sqlite(limit: int = SQLITE_SOFT_LIMIT_BYTES) -> None:
    """Cap SQLite's memory in this process (``sqlite3_soft_heap_limit64``, through any connection)."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute(f"PRAGMA soft_heap_limit={int(limit)}")
    finally:
        conn.close()


def keep_heap_small(app: QObject) -> QTimer | None:
    """Cap SQLite's caches; with glibc, limit the arenas and trim the heap every minute for as long as ``app``
    lives (once per app). Returns the timer, or None where there is no glibc."""
    limit_sqlite()
    libc = _glibc()
    if libc is None:
        return None
    found = app.findChild(QTimer, "heap-trim")
    if isinstance(found, QTimer):
        return found
    libc.mallopt(M_ARENA_MAX, ARENAS)
    timer = QTimer(app)
    timer.setObjectName("heap-trim")
    timer.setInterval(TRIM_EVERY_MS)
    timer.timeout.connect(lambda: threading.Thread(target=trim, name="heap-trim", daemon=True).start())
    timer.start()
    return timer
