"""Tables of GST returns: the suppliers' tax invoices (input tax credit) and the reminders sent."""

from __future__ import annotations

from sqlite_utils import Database

from app.store.schema.base import MigrationSet, run_sql

SCHEMA = MigrationSet("gst_returns")


@SCHEMA.migration
def m0001_purchase_bill(db: Database) -> None:
    """A supplier's tax invoice as received (one row per rate on it), and each due-date reminder sent."""
    run_sql(db, """
CREATE TABLE purchase_bill(
  id INTEGER PRIMARY KEY,
  supplier_id INTEGER REFERENCES supplier(id),
  supplier_name TEXT NOT NULL,
  supplier_gstin TEXT,
  bill_no TEXT NOT NULL CHECK (length(bill_no) BETWEEN 1 AND 16),
  bill_date TEXT NOT NULL,
  interstate INTEGER NOT NULL DEFAULT 0,
  po_id INTEGER REFERENCES purchase_order(id),
  total_paise INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  actor TEXT NOT NULL,
  UNIQUE (supplier_name, bill_no, bill_date)
) STRICT;
CREATE INDEX purchase_bill_date ON purchase_bill(bill_date);

CREATE TABLE purchase_bill_line(
  bill_id INTEGER NOT NULL REFERENCES purchase_bill(id),
  rate_bp INTEGER NOT NULL CHECK (rate_bp BETWEEN 0 AND 10000),
  taxable_paise INTEGER NOT NULL CHECK (taxable_paise >= 0),
  cgst_paise INTEGER NOT NULL DEFAULT 0,
  sgst_paise INTEGER NOT NULL DEFAULT 0,
  igst_paise INTEGER NOT NULL DEFAULT 0,
  cess_paise INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (bill_id, rate_bp)
) STRICT;

CREATE TABLE gst_reminder(
  key TEXT PRIMARY KEY,
  due_on TEXT NOT NULL,
  sent_at TEXT NOT NULL
) STRICT;
""")
