"""The shop's confirmed product photos (their feature vectors), read back for few-shot tagging."""

from __future__ import annotations

from sqlite_utils import Database


def rows(db: Database, model: str) -> list[tuple[str, str, bytes]]:
    """(photo key, category, vector) of every confirmed photo made with ``model``."""
    return [(r[0], r[1], r[2]) for r in db.execute(
        "SELECT photo_key, category, vector FROM photo_embedding WHERE model = ? ORDER BY id", (model,))]


def count(db: Database) -> int:
    return db.execute("SELECT count(*) FROM photo_embedding").fetchone()[0]
