"""Shared measuring helpers for the benchmarks: percentiles, summaries, and the fsync floor."""

from __future__ import annotations

import os
import sqlite3
import tempfile
import time
from pathlib import Path


def pct(values: list[float], p: float) -> float:
    """The ``p``-th percentile (nearest rank) of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def summary(values: list[float]) -> dict:
    """n, p50, p99 and max of durations in seconds, reported in milliseconds."""
    return {"n": len(values), "p50_ms": round(pct(values, 50) * 1e3, 4), "p99_ms": round(pct(values, 99) * 1e3, 4),
            "max_ms": round(max(values) * 1e3, 4)}


def floor(folder: Path, n: int) -> list[float]:
    """The floor a write can't beat on this disk: a bare single-row INSERT + COMMIT in WAL with
    synchronous=FULL, ``n`` times, in a scratch file beside the shop."""
    fd, name = tempfile.mkstemp(dir=folder, suffix=".floor.db")
    os.close(fd)
    os.unlink(name)
    conn = sqlite3.connect(name, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
    times = []
    for _ in range(n):
        started = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO t (v) VALUES ('x')")
        conn.execute("COMMIT")
        times.append(time.perf_counter() - started)
    conn.close()
    for suffix in ("", "-wal", "-shm"):
        Path(name + suffix).unlink(missing_ok=True)
    return times
