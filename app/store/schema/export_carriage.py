"""The freight and insurance the seller paid to carry an export abroad (for its FOB value, docs/trade.md)."""

from __future__ import annotations

from sqlite_utils import Database

from app.store.schema.base import MigrationSet, run_sql

SCHEMA = MigrationSet("export_carriage")


@SCHEMA.migration
def m0001_export_carriage(db: Database) -> None:
    """One row per export invoice whose Incoterm has the seller pay the carriage (CFR, CIF, DAP, ...)."""
    run_sql(db, """
CREATE TABLE export_carriage(
  order_id INTEGER PRIMARY KEY REFERENCES export_invoice(order_id),
  freight_paise INTEGER NOT NULL CHECK (freight_paise >= 0),
  insurance_paise INTEGER NOT NULL DEFAULT 0 CHECK (insurance_paise >= 0),
  recorded_at TEXT NOT NULL,
  actor TEXT NOT NULL
) STRICT;
""")
