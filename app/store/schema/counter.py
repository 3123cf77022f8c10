"""The billing counter's own tables (applied after the core schema).

- ``counter_bill``: bills being rung up (``open``) or put aside (``held``), saved on every change so a
  crash or power cut mid-bill keeps them for recall on restart. A bill row is deleted in the same
  transaction that records its sale, so a bill can never be both recalled and sold.
- ``counter_receipt``: small B2C sales (below the Rule 46 threshold, buyer unregistered and not asking
  for an invoice) given a cash memo instead of a tax invoice; each is later covered by one
  ``counter_day_invoice``, the consolidated tax invoice issued at the close of the day.
- ``counter_day_invoice``: that consolidated invoice. Its number comes from the same document series
  as the shop's tax invoices, so numbers stay consecutive and unique in the financial year.
- ``counter_zreport``: the day-end cash-up (Z) reports, numbered, never edited.
"""

from __future__ import annotations

from sqlite_utils import Database

from app.store.schema.base import MigrationSet, run_sql

SCHEMA = MigrationSet("counter")


@SCHEMA.migration
def m0001_counter(db: Database) -> None:
    """Open and held bills, cash memos, day-end consolidated invoices and Z reports."""
    run_sql(db, """
CREATE TABLE counter_bill(
  id INTEGER PRIMARY KEY,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'held')),
  label TEXT NOT NULL DEFAULT '',
  customer_id INTEGER REFERENCES customer(id),
  bill_discount_paise INTEGER NOT NULL DEFAULT 0 CHECK (bill_discount_paise >= 0),
  lines_json TEXT NOT NULL DEFAULT '[]',
  confirmed INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE counter_day_invoice(
  id INTEGER PRIMARY KEY,
  fy TEXT NOT NULL,
  invoice_no TEXT NOT NULL CHECK (length(invoice_no) <= 16),
  business_date TEXT NOT NULL,
  bill_count INTEGER NOT NULL CHECK (bill_count > 0),
  taxable_paise INTEGER NOT NULL,
  cgst_paise INTEGER NOT NULL DEFAULT 0,
  sgst_paise INTEGER NOT NULL DEFAULT 0,
  igst_paise INTEGER NOT NULL DEFAULT 0,
  cess_paise INTEGER NOT NULL DEFAULT 0,
  total_paise INTEGER NOT NULL,
  lines_json TEXT NOT NULL,
  created_at TEXT NOT NULL,
  actor TEXT NOT NULL,
  UNIQUE (fy, invoice_no),
  CHECK (taxable_paise + cgst_paise + sgst_paise + igst_paise + cess_paise = total_paise)
) STRICT;
CREATE INDEX counter_day_invoice_date ON counter_day_invoice(business_date);

CREATE TABLE counter_receipt(
  order_id INTEGER PRIMARY KEY REFERENCES orders(id),
  business_date TEXT NOT NULL,
  day_invoice_id INTEGER REFERENCES counter_day_invoice(id)
) STRICT;
CREATE INDEX counter_receipt_open ON counter_receipt(business_date) WHERE day_invoice_id IS NULL;

CREATE TABLE counter_zreport(
  id INTEGER PRIMARY KEY,
  business_date TEXT NOT NULL,
  z_no INTEGER NOT NULL UNIQUE,
  opening_cash_paise INTEGER NOT NULL DEFAULT 0,
  expected_cash_paise INTEGER NOT NULL,
  counted_cash_paise INTEGER,
  report_json TEXT NOT NULL,
  created_at TEXT NOT NULL,
  actor TEXT NOT NULL
) STRICT;
CREATE INDEX counter_zreport_date ON counter_zreport(business_date);
CREATE TRIGGER counter_zreport_no_update BEFORE UPDATE ON counter_zreport
BEGIN SELECT RAISE(ABORT, 'Z reports are never changed'); END;
CREATE TRIGGER counter_zreport_no_delete BEFORE DELETE ON counter_zreport
BEGIN SELECT RAISE(ABORT, 'Z reports are never changed'); END;
""")
