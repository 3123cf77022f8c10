"""Debit notes the shop issues on its own tax invoices (a price rise after the sale: CGST Act s.34(3)); they
add to the period's outward supplies in GSTR-1 (``cdnr``/``cdnur`` with ``ntty`` D, or ``b2cs``) and GSTR-3B."""

from __future__ import annotations

from sqlite_utils import Database

from app.store.schema.base import MigrationSet, run_sql

SCHEMA = MigrationSet("debit_notes")


@SCHEMA.migration
def m0001_debit_note(db: Database) -> None:
    """A note names the invoice it adds to; each line names the invoice line and carries the extra amount's tax."""
    run_sql(db, """
CREATE TABLE debit_note(
  id INTEGER PRIMARY KEY,
  note_no TEXT NOT NULL UNIQUE,
  fy TEXT NOT NULL,
  business_date TEXT NOT NULL,
  original_order_id INTEGER NOT NULL REFERENCES orders(id),
  reason TEXT NOT NULL,
  total_paise INTEGER NOT NULL CHECK (total_paise > 0),
  created_at TEXT NOT NULL,
  actor TEXT NOT NULL
) STRICT;
CREATE INDEX debit_note_date ON debit_note(business_date);
CREATE TABLE debit_note_line(
  note_id INTEGER NOT NULL REFERENCES debit_note(id),
  line_no INTEGER NOT NULL,
  sku TEXT NOT NULL,
  hsn_code TEXT NOT NULL,
  name TEXT NOT NULL,
  unit TEXT NOT NULL,
  gst_rate_bp INTEGER NOT NULL,
  cess_bp INTEGER NOT NULL DEFAULT 0,
  taxable_paise INTEGER NOT NULL,
  cgst_paise INTEGER NOT NULL DEFAULT 0,
  sgst_paise INTEGER NOT NULL DEFAULT 0,
  igst_paise INTEGER NOT NULL DEFAULT 0,
  cess_paise INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (note_id, line_no)
) STRICT;
""")
