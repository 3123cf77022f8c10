"""The dated GST rate table, cached in memory because every bill line looks a rate up."""

from __future__ import annotations

import threading
from datetime import date

from sqlite_utils import Database

from app.domain.gst import GstRate, find_rate


class RateTable:
    """All rates, with look-ups memoised per (HSN code, day): a bill line costs a dict hit."""

    def __init__(self, rates: list[GstRate]) -> None:
        self.rates = rates
        self._memo: dict[tuple[str, date], GstRate] = {}

    def lookup(self, hsn_code: str, day: date) -> GstRate:
        key = (hsn_code, day)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = find_rate(self.rates, hsn_code, day)
        return found


_cache_lock = threading.Lock()
_cache: dict[str, tuple[tuple[int, int], RateTable]] = {}


def _signature(db: Database) -> tuple[int, int]:
    row = db.execute("SELECT count(*), coalesce(max(id), 0) FROM gst_rate").fetchone()
    return row[0], row[1]


def load_rates(db: Database, db_key: str) -> RateTable:
    """The rate table; re-read only when rows were added (rates are never edited in place)."""
    signature = _signature(db)
    with _cache_lock:
        cached = _cache.get(db_key)
        if cached and cached[0] == signature:
            return cached[1]
    table = RateTable([
        GstRate(prefix, rate, cess, date.fromisoformat(start), date.fromisoformat(end) if end else None, desc)
        for prefix, rate, cess, start, end, desc in db.execute(
            "SELECT hsn_prefix, rate_bp, cess_bp, effective_from, effective_to, description FROM gst_rate")
    ])
    with _cache_lock:
        _cache[db_key] = (signature, table)
    return table


def insert_rate(db: Database, *, hsn_prefix: str, rate_bp: int, cess_bp: int, effective_from: str,
                effective_to: str | None, description: str, source: str) -> int:
    return db.execute(
        "INSERT INTO gst_rate (hsn_prefix, rate_bp, cess_bp, effective_from, effective_to, description, source)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (hsn_prefix, rate_bp, cess_bp, effective_from, effective_to, description, source),
    ).lastrowid


def rates_in_table(db: Database) -> set[int]:
    """Every GST rate the shop's rate table holds."""
    return {r[0] for r in db.execute("SELECT DISTINCT rate_bp FROM gst_rate")}


def rate_exists(db: Database, hsn_prefix: str, effective_from: str) -> bool:
    return db.execute("SELECT 1 FROM gst_rate WHERE hsn_prefix = ? AND effective_from = ?",
                      (hsn_prefix, effective_from)).fetchone() is not None


def rate_count(db: Database) -> int:
    return db.execute("SELECT count(*) FROM gst_rate").fetchone()[0]
