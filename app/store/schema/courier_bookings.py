"""Courier bookings after the first (set ``courier_bookings``).

- ``courier_cancelled`` (m0001): a booking cancelled at the courier (before pickup), kept for the record
  once it leaves ``courier_shipment`` — which holds at most one live booking per order (its key is the
  order), so a parcel can never have two live bookings.
- ``courier_rebook`` (m0001): the operations agent's proposal to cancel a booking whose pickup was missed
  past the hand-over deadline and book another carrier: awaiting the seller, queued (cleared to do), done,
  failed (with why) or declined.
- ``courier_rebook.part_no`` (m0003): the part booked on its own whose pickup was missed (NULL: the order's own
  parcel).
- ``courier_rebook.parcel`` (m0004): the key becomes the parcel — (order, 0) the order's own, (order, n) part n —
  so each parcel of an order may be re-booked once, not only one parcel per order.
- ``cod_remittance`` (m0002): the courier's cash-on-delivery remittance of a parcel (by AWB), and the payment
  it became in the books — once, whatever the number of reports or files that list it.
"""

from __future__ import annotations

from sqlite_utils import Database

from app.store.schema.base import MigrationSet, run_sql

SCHEMA = MigrationSet("courier_bookings")


@SCHEMA.migration
def m0001_courier_cancelled(db: Database) -> None:
    """Cancelled courier bookings, and the agent's re-bookings of missed pickups."""
    run_sql(db, """
CREATE TABLE courier_cancelled(
  awb TEXT PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES orders(id),
  shipment_id TEXT NOT NULL,
  courier TEXT NOT NULL,
  label_path TEXT NOT NULL DEFAULT '',
  booked_at TEXT NOT NULL,
  cancelled_at TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX courier_cancelled_order ON courier_cancelled(order_id);
CREATE TABLE courier_rebook(
  order_id INTEGER PRIMARY KEY REFERENCES orders(id),
  decision_id INTEGER,
  courier_id INTEGER,
  carrier TEXT NOT NULL DEFAULT '',
  cost_paise INTEGER NOT NULL DEFAULT 0 CHECK (cost_paise >= 0),
  status TEXT NOT NULL CHECK (status IN ('awaiting', 'queued', 'done', 'failed', 'declined')),
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
""")


@SCHEMA.migration
def m0002_cod_remittance(db: Database) -> None:
    """The courier's cash-on-delivery remittances, one per AWB: what it paid the shop for a parcel whose
    cash it collected, when, with which bank reference, and the payment it became in the books (once)."""
    run_sql(db, """
CREATE TABLE cod_remittance(
  awb TEXT PRIMARY KEY,
  order_id INTEGER REFERENCES orders(id),
  amount_paise INTEGER NOT NULL CHECK (amount_paise >= 0),
  remitted_on TEXT NOT NULL DEFAULT '',
  reference TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL CHECK (source IN ('courier', 'file')),
  payment_id INTEGER REFERENCES payment(id),
  recorded_at TEXT NOT NULL
) STRICT;
""")


@SCHEMA.migration
def m0003_courier_rebook_part(db: Database) -> None:
    """The agent's re-booking may be of a part booked on its own (still one re-booking per order)."""
    run_sql(db, "ALTER TABLE courier_rebook ADD COLUMN part_no INTEGER;")


@SCHEMA.migration
def m0004_courier_rebook_per_parcel(db: Database) -> None:
    """One re-booking per parcel (the order's own, or each part booked on its own), not per order. SQLite cannot
    change a primary key in place: the table is rebuilt with its rows (``parcel`` 0 for the order's own)."""
    run_sql(db, """
ALTER TABLE courier_rebook RENAME TO courier_rebook_m0003;
CREATE TABLE courier_rebook(
  order_id INTEGER NOT NULL REFERENCES orders(id),
  parcel INTEGER NOT NULL DEFAULT 0 CHECK (parcel >= 0),
  decision_id INTEGER,
  courier_id INTEGER,
  carrier TEXT NOT NULL DEFAULT '',
  cost_paise INTEGER NOT NULL DEFAULT 0 CHECK (cost_paise >= 0),
  status TEXT NOT NULL CHECK (status IN ('awaiting', 'queued', 'done', 'failed', 'declined')),
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  part_no INTEGER,
  CHECK (parcel = COALESCE(part_no, 0)),
  PRIMARY KEY (order_id, parcel)
) STRICT;
INSERT INTO courier_rebook (order_id, parcel, decision_id, courier_id, carrier, cost_paise, status, note, created_at,
                            updated_at, part_no)
  SELECT order_id, COALESCE(part_no, 0), decision_id, courier_id, carrier, cost_paise, status, note, created_at,
         updated_at, part_no FROM courier_rebook_m0003;
DROP TABLE courier_rebook_m0003;
""")
