"""The shop's profile (one row) and its financial years and document number series."""

from __future__ import annotations

from sqlite_utils import Database

from app.domain.records import ShopProfile
from app.store.rows import fetch_one, scalar


def get_profile(db: Database) -> ShopProfile | None:
    return fetch_one(db, ShopProfile, "SELECT * FROM shop WHERE id = 1")


def fy_closed(db: Database, fy: str) -> bool:
    return scalar(db, "SELECT closed_at IS NOT NULL FROM financial_year WHERE fy = ?", (fy,)) == 1


def closed_years(db: Database) -> list[str]:
    return [r[0] for r in db.execute("SELECT fy FROM financial_year WHERE closed_at IS NOT NULL ORDER BY fy")]


def next_serial(db: Database, series: str, fy: str) -> int:
    """Take the next number of a document series for a financial year (inside the caller's write)."""
    row = db.execute(
        "INSERT INTO doc_series (series, fy, next_no) VALUES (?, ?, 2)"
        " ON CONFLICT(series, fy) DO UPDATE SET next_no = next_no + 1 RETURNING next_no - 1",
        (series, fy),
    ).fetchone()
    return row[0]


def close_fy(db: Database, fy: str, *, at: str, actor: str) -> None:
    db.execute("INSERT INTO financial_year (fy, closed_at, closed_by) VALUES (?, ?, ?)"
               " ON CONFLICT(fy) DO UPDATE SET closed_at = excluded.closed_at, closed_by = excluded.closed_by",
               (fy, at, actor))


def fssai_no(db: Database) -> str | None:
    """The shop's FSSAI licence number, if it has one."""
    row = db.execute("SELECT fssai_no FROM shop LIMIT 1").fetchone()
    return row[0] if row else None
