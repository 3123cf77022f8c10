"""The seller's own wording of a campaign variant's greeting (the ``campaign_wording`` set).

- ``campaign_variant.opening_en`` / ``opening_hi``: the first sentence of the message as the seller wrote it
  (empty: the style's own). The rest — the item, its price and MRP, the code and the STOP line — is always
  written by the app, so an edit can never quote a wrong price or drop the way to stop.
"""

from __future__ import annotations

from sqlite_utils import Database

from app.store.schema.base import MigrationSet, run_sql

SCHEMA = MigrationSet("campaign_wording")


@SCHEMA.migration
def m0001_variant_openings(db: Database) -> None:
    """A variant's greeting in the seller's words, English and Hindi."""
    run_sql(db, """
ALTER TABLE campaign_variant ADD COLUMN opening_en TEXT NOT NULL DEFAULT '';
ALTER TABLE campaign_variant ADD COLUMN opening_hi TEXT NOT NULL DEFAULT '';
""")
