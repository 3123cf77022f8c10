"""Tables of exports: the shop's Letters of Undertaking, each export invoice's terms and proof of export,
and the packages of an export order (for the packing list)."""

from __future__ import annotations

from sqlite_utils import Database

from app.store.schema.base import MigrationSet, run_sql

SCHEMA = MigrationSet("trade")


@SCHEMA.migration
def m0001_exports(db: Database) -> None:
    """The LUT per financial year, the export terms of a sale (one row per export invoice) and its packages."""
    run_sql(db, """
CREATE TABLE export_lut(
  id INTEGER PRIMARY KEY,
  fy TEXT NOT NULL UNIQUE,
  arn TEXT NOT NULL UNIQUE CHECK (length(arn) BETWEEN 10 AND 20),
  filed_on TEXT NOT NULL,
  created_at TEXT NOT NULL,
  actor TEXT NOT NULL
) STRICT;

CREATE TABLE export_invoice(
  order_id INTEGER PRIMARY KEY REFERENCES orders(id),
  mode TEXT NOT NULL CHECK (mode IN ('lut', 'igst')),
  lut_id INTEGER REFERENCES export_lut(id),
  buyer_name TEXT NOT NULL,
  buyer_address TEXT NOT NULL,
  country TEXT NOT NULL CHECK (length(country) = 2),
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  fx_paise INTEGER NOT NULL CHECK (fx_paise > 0),
  incoterm TEXT NOT NULL,
  payment_terms TEXT NOT NULL,
  route TEXT NOT NULL CHECK (route IN ('courier', 'postal', 'cargo')),
  port_code TEXT NOT NULL DEFAULT '',
  proof_kind TEXT CHECK (proof_kind IN ('shipping_bill', 'pbe', 'csb')),
  proof_no TEXT,
  proof_on TEXT,
  proof_at TEXT,
  created_at TEXT NOT NULL,
  actor TEXT NOT NULL,
  CHECK ((mode = 'lut') = (lut_id IS NOT NULL))
) STRICT;
CREATE INDEX export_invoice_open ON export_invoice(mode, proof_on);

CREATE TABLE export_package(
  order_id INTEGER NOT NULL REFERENCES export_invoice(order_id),
  package_no INTEGER NOT NULL CHECK (package_no >= 1),
  net_g INTEGER NOT NULL CHECK (net_g > 0),
  gross_g INTEGER NOT NULL CHECK (gross_g >= net_g),
  length_mm INTEGER NOT NULL CHECK (length_mm > 0),
  width_mm INTEGER NOT NULL CHECK (width_mm > 0),
  height_mm INTEGER NOT NULL CHECK (height_mm > 0),
  contents TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (order_id, package_no)
) STRICT;
""")
