"""Orders sent in parts (set ``order_parts``).

- ``order_part`` (m0001): one part of a marketplace order: some units shipped now (with the carrier and
  tracking number the channel is told), or the units not shipped cancelled with the customer's consent.
- ``order_part_line`` (m0001): the units of each order line in that part.
- ``courier_part`` (m0002): a shipped part booked with the courier aggregator on its own (shipment, AWB, label).
- ``courier_part.received_at`` (m0004): when a part that came back (RTO) was received in the shop (its stock
  back then, once); '' until then.
- ``order_line.cancelled_milli`` (m0006): units of the line cancelled after a part shipped (the rest, with the
  customer's consent, or at the marketplace), with ``sold_milli``, ``sold_taxable_paise`` and ``sold_total_paise``
  computed from it: what the sales figures count (the units sold, their share of the line's money).
- ``courier_part.damage`` (m0005): a part received back damaged: what was damaged (its units were written off
  as wastage when received); '' otherwise.
- ``courier_part_cancelled`` (m0003): a part's booking cancelled at the courier (before pickup), kept for the record
  once it leaves ``courier_part`` — whose key is the part, so a part never has two live bookings.
Units shipped plus units cancelled never exceed the units ordered (checked by the service in the same
transaction); when they reach them, the order is shipped.
"""

from __future__ import annotations

from sqlite_utils import Database

from app.store.schema.base import MigrationSet, run_sql

SCHEMA = MigrationSet("order_parts")


@SCHEMA.migration
def m0001_order_part(db: Database) -> None:
    """Parts of an order: shipped now, or the rest cancelled."""
    run_sql(db, """
CREATE TABLE order_part(
  order_id INTEGER NOT NULL REFERENCES orders(id),
  part_no INTEGER NOT NULL CHECK (part_no >= 1),
  kind TEXT NOT NULL CHECK (kind IN ('shipped', 'cancelled')),
  carrier TEXT NOT NULL DEFAULT '',
  tracking TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  PRIMARY KEY (order_id, part_no)
) STRICT;
CREATE TABLE order_part_line(
  order_id INTEGER NOT NULL,
  part_no INTEGER NOT NULL,
  line_no INTEGER NOT NULL,
  qty_milli INTEGER NOT NULL CHECK (qty_milli > 0),
  PRIMARY KEY (order_id, part_no, line_no),
  FOREIGN KEY (order_id, part_no) REFERENCES order_part(order_id, part_no)
) STRICT;
""")


@SCHEMA.migration
def m0002_courier_part(db: Database) -> None:
    """A part booked with the courier aggregator on its own: its shipment, AWB (the part's tracking number), label
    and the courier's last word. One booking per part; an AWB belongs to one part."""
    run_sql(db, """
CREATE TABLE courier_part(
  order_id INTEGER NOT NULL,
  part_no INTEGER NOT NULL,
  shipment_id TEXT NOT NULL,
  awb TEXT NOT NULL UNIQUE,
  courier TEXT NOT NULL,
  label_path TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'booked'
    CHECK (status IN ('booked', 'in_transit', 'delivered', 'rto', 'rto_delivered')),
  booked_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (order_id, part_no),
  FOREIGN KEY (order_id, part_no) REFERENCES order_part(order_id, part_no)
) STRICT;
""")


@SCHEMA.migration
def m0003_courier_part_cancelled(db: Database) -> None:
    """A part's courier booking cancelled at the courier before pickup (it leaves ``courier_part`` only then)."""
    run_sql(db, """
CREATE TABLE courier_part_cancelled(
  awb TEXT PRIMARY KEY,
  order_id INTEGER NOT NULL,
  part_no INTEGER NOT NULL,
  shipment_id TEXT NOT NULL,
  courier TEXT NOT NULL,
  label_path TEXT NOT NULL DEFAULT '',
  booked_at TEXT NOT NULL,
  cancelled_at TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  FOREIGN KEY (order_id, part_no) REFERENCES order_part(order_id, part_no)
) STRICT;
CREATE INDEX courier_part_cancelled_part ON courier_part_cancelled(order_id, part_no);
""")


@SCHEMA.migration
def m0004_courier_part_received(db: Database) -> None:
    """A part that came back to the shop (RTO): when the seller received it (its stock came back then)."""
    run_sql(db, "ALTER TABLE courier_part ADD COLUMN received_at TEXT NOT NULL DEFAULT '';")


@SCHEMA.migration
def m0005_courier_part_damage(db: Database) -> None:
    """A part received back damaged: what was damaged (its units written off when received)."""
    run_sql(db, "ALTER TABLE courier_part ADD COLUMN damage TEXT NOT NULL DEFAULT '';")


@SCHEMA.migration
def m0006_order_line_cancelled(db: Database) -> None:
    """Units of an order line cancelled after a part shipped, and what was sold of the line (computed): the sales
    figures count what was sold, never the units cancelled."""
    run_sql(db, """
ALTER TABLE order_line ADD COLUMN cancelled_milli INTEGER NOT NULL DEFAULT 0 CHECK (cancelled_milli >= 0);
ALTER TABLE order_line ADD COLUMN sold_milli INTEGER GENERATED ALWAYS AS (qty_milli - cancelled_milli) VIRTUAL;
ALTER TABLE order_line ADD COLUMN sold_taxable_paise INTEGER
  GENERATED ALWAYS AS (taxable_paise - taxable_paise * cancelled_milli / qty_milli) VIRTUAL;
ALTER TABLE order_line ADD COLUMN sold_total_paise INTEGER
  GENERATED ALWAYS AS (total_paise - total_paise * cancelled_milli / qty_milli) VIRTUAL;
""")


@SCHEMA.migration
def m0007_orders_cancelled_paise(db: Database) -> None:
    """The money of an order's units cancelled after a part shipped, kept on the order: the period's totals read it
    instead of summing each marketplace order's lines (1.65 times the old query's time at 100,000 orders)."""
    run_sql(db, """
ALTER TABLE orders ADD COLUMN cancelled_paise INTEGER NOT NULL DEFAULT 0 CHECK (cancelled_paise >= 0);
UPDATE orders SET cancelled_paise = (SELECT coalesce(sum(l.total_paise - l.sold_total_paise), 0) FROM order_line l
  WHERE l.order_id = orders.id) WHERE id IN (SELECT order_id FROM order_line WHERE cancelled_milli > 0);
""")
