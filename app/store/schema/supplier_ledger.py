"""Tables of what the shop owes its suppliers (the ``supplier_ledger`` set).

- ``supplier_payment``: money paid to a supplier (cash, UPI, bank transfer, cheque), append-only. What the
  shop owes a supplier is its purchase bills (``purchase_bill``, the ``gst_returns`` set) less these.
"""

from __future__ import annotations

from sqlite_utils import Database

from app.store.schema.base import MigrationSet, run_sql

SCHEMA = MigrationSet("supplier_ledger")


@SCHEMA.migration
def m0001_supplier_payment(db: Database) -> None:
    """Payments made to suppliers."""
    run_sql(db, """
CREATE TABLE supplier_payment(
  id INTEGER PRIMARY KEY,
  supplier_id INTEGER NOT NULL REFERENCES supplier(id),
  amount_paise INTEGER NOT NULL CHECK (amount_paise > 0),
  method TEXT NOT NULL CHECK (method IN ('cash', 'upi', 'bank', 'cheque', 'other')),
  reference TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  paid_on TEXT NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL
) STRICT;
CREATE INDEX supplier_payment_supplier ON supplier_payment(supplier_id, paid_on);
CREATE TRIGGER supplier_payment_no_update BEFORE UPDATE ON supplier_payment
BEGIN SELECT RAISE(ABORT, 'supplier_payment is append-only'); END;
CREATE TRIGGER supplier_payment_no_delete BEFORE DELETE ON supplier_payment
BEGIN SELECT RAISE(ABORT, 'supplier_payment is append-only'); END;
""")
