"""Tables of the on-device models: the shop's confirmed product photos, for few-shot tagging."""

from __future__ import annotations

from sqlite_utils import Database

from app.store.schema.base import MigrationSet, run_sql

SCHEMA = MigrationSet("ml")


@SCHEMA.migration
def m0001_photo_embedding(db: Database) -> None:
    """Feature vectors of photos the seller confirmed (1280 float16 values, little-endian)."""
    run_sql(db, """
CREATE TABLE photo_embedding(
  id INTEGER PRIMARY KEY,
  photo_key TEXT NOT NULL UNIQUE,
  sku TEXT REFERENCES product(sku),
  category TEXT NOT NULL REFERENCES category(code),
  model TEXT NOT NULL,
  vector BLOB NOT NULL,
  confirmed_at TEXT NOT NULL,
  actor TEXT NOT NULL
) STRICT;
CREATE INDEX photo_embedding_category ON photo_embedding(category);
""")
