"""What a marketplace listing adds to an item (the ``product_listing`` set), made by the onboarding from
its photos on the Items page:

- ``product_listing``: one row an item: the listing's title and description in English and Hindi, its
  specifications (JSON object), tags (JSON list), net quantity, and when it was saved;
- ``product_image``: the processed photos (JPEG, the main one first), kept in the shop file so that a
  backup carries them.

Side tables of ``product`` rather than new product columns: a 100,000-item catalog keeps its rows (and the
counter's look-ups) as small as before, and most items never get a listing.
"""

from __future__ import annotations

from sqlite_utils import Database

from app.store.schema.base import MigrationSet, run_sql

SCHEMA = MigrationSet("product_listing")


@SCHEMA.migration
def m0001_listing_and_images(db: Database) -> None:
    """The listing of an item and its photos."""
    run_sql(db, """
CREATE TABLE product_listing(
  sku TEXT PRIMARY KEY REFERENCES product(sku),
  title_en TEXT NOT NULL DEFAULT '',
  title_hi TEXT NOT NULL DEFAULT '',
  description_en TEXT NOT NULL DEFAULT '',
  description_hi TEXT NOT NULL DEFAULT '',
  specifications_json TEXT NOT NULL DEFAULT '{}',
  tags_json TEXT NOT NULL DEFAULT '[]',
  net_quantity TEXT NOT NULL DEFAULT '',
  saved_at TEXT NOT NULL,
  actor TEXT NOT NULL
) STRICT;
CREATE TABLE product_image(
  sku TEXT NOT NULL REFERENCES product(sku),
  position INTEGER NOT NULL CHECK (position >= 0),
  role TEXT NOT NULL,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  jpeg BLOB NOT NULL,
  saved_at TEXT NOT NULL,
  PRIMARY KEY (sku, position)
) STRICT;
""")
