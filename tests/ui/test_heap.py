"""The window keeps its memory small: SQLite's caches capped together, glibc's freed heap trimmed every minute."""

from __future__ import annotations

import sqlite3
import sys

import pytest
from PySide6.QtCore import QTimer

from app.ui import heap


def test_the_window_caps_sqlite_and_trims_the_heap(ui_app):
    limit = sqlite3.connect(":memory:").execute("PRAGMA soft_heap_limit").fetchone()[0]
    assert limit == heap.SQLITE_SOFT_LIMIT_BYTES  # set by setup_application, for every connection of the process
    if not sys.platform.startswith("linux"):
        pytest.skip("the heap is trimmed with glibc only")
    timer = ui_app.findChild(QTimer, "heap-trim")
    assert isinstance(timer, QTimer) and timer.isActive() and timer.interval() == heap.TRIM_EVERY_MS
    assert heap.keep_heap_small(ui_app) is timer  # once per app, however often the app is set up
    took = heap.trim()
    assert took is not None and took < 1.0
