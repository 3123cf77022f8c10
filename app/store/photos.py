"""The shop's confirmed product photos (their feature vectors), read back for few-shot tagging."""

from __future__ import annotations

from sqlite_utils import Database


def rows(db: Database, model: str) -> list[tuple[str, str, bytes]]:
    """(photo key, category, vector) of every confirmed photo made with ``model``."""
    return [(r[0], r[1], r[2]) for r in db.execute(
        "SELECT photo_key, category, vector FROM photo_embedding WHERE model = ? ORDER BY id", (model,))]


def count(db: Database) -> int:
    return db.execute("SELECT count(*) FROM photo_embedding").fetchone()[0]


def save_embedding(db: Database, *, photo_key: str, sku: str | None, category: str, model: str, vector: bytes,
                   at: str, actor: str) -> None:
    """A confirmed photo's embedding (replacing an earlier one of the same photo)."""
    db.execute(
        "INSERT INTO photo_embedding (photo_key, sku, category, model, vector, confirmed_at, actor)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(photo_key) DO UPDATE SET sku = excluded.sku,"
        " category = excluded.category, model = excluded.model, vector = excluded.vector,"
        " confirmed_at = excluded.confirmed_at, actor = excluded.actor",
        (photo_key, sku, category, model, vector, at, actor))
