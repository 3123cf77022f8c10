"""The shop's own home deliveries (set ``deliveries``): phone and WhatsApp orders taken for delivery to the
door by the shop's delivery person.

- ``courier_shipment`` (m0002): a parcel booked with a courier aggregator for an order (AWB, label, status).
- ``delivery_order``: one row per such order, beside its ``orders`` row (channel ``delivery``), holding
  what the ``orders`` row does not: where to go (address, area, PIN), the customer's phone, how the
  customer will pay at the door, the day of the run, and who delivers it. The order's state, totals,
  lines, stock moves and payments stay where every other order keeps them.
"""

from __future__ import annotations

from sqlite_utils import Database

from app.store.schema.base import MigrationSet, run_sql

SCHEMA = MigrationSet("deliveries")


@SCHEMA.migration
def m0001_delivery_order(db: Database) -> None:
    """Home-delivery details of the shop's own orders."""
    run_sql(db, """
CREATE TABLE delivery_order(
  order_id INTEGER PRIMARY KEY REFERENCES orders(id),
  source TEXT NOT NULL CHECK (source IN ('phone', 'whatsapp', 'counter', 'chat')),
  customer_phone TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL,
  area TEXT NOT NULL DEFAULT '',
  pin TEXT NOT NULL DEFAULT '' CHECK (pin = '' OR (length(pin) = 6 AND pin GLOB '[1-9][0-9][0-9][0-9][0-9][0-9]')),
  pay_by TEXT NOT NULL DEFAULT 'cash' CHECK (pay_by IN ('cash', 'upi')),
  deliver_on TEXT NOT NULL,
  rider TEXT NOT NULL DEFAULT '',
  language TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX delivery_order_day ON delivery_order(deliver_on);
""")


@SCHEMA.migration
def m0002_courier_shipment(db: Database) -> None:
    """Parcels booked with a courier aggregator: the shipment, its AWB and label, and the courier's last word."""
    run_sql(db, """
CREATE TABLE courier_shipment(
  order_id INTEGER PRIMARY KEY REFERENCES orders(id),
  shipment_id TEXT NOT NULL,
  awb TEXT NOT NULL,
  courier TEXT NOT NULL,
  label_path TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'booked'
    CHECK (status IN ('booked', 'in_transit', 'delivered', 'rto', 'rto_delivered')),
  booked_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX courier_shipment_awb ON courier_shipment(awb);
""")


@SCHEMA.migration
def m0003_order_substitution(db: Database) -> None:
    """A substitute proposed for an item of a home-delivery order the shop cannot fill, and the customer's answer:
    ``asked`` (one open question per order), then ``accepted`` (the line was changed: ``new_line_no`` is the
    substitute's line) or ``declined`` (``outcome``: ``drop`` — the rest is delivered without it — or
    ``cancel`` — the whole order is cancelled)."""
    run_sql(db, """
CREATE TABLE order_substitution(
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES orders(id),
  line_no INTEGER NOT NULL,
  sku_from TEXT NOT NULL,
  qty_milli INTEGER NOT NULL CHECK (qty_milli > 0),
  price_from_paise INTEGER NOT NULL,
  sku_to TEXT NOT NULL REFERENCES product(sku),
  price_to_paise INTEGER NOT NULL,
  asked_by TEXT NOT NULL CHECK (asked_by IN ('whatsapp', 'phone')),
  status TEXT NOT NULL DEFAULT 'asked' CHECK (status IN ('asked', 'accepted', 'declined')),
  outcome TEXT NOT NULL DEFAULT '' CHECK (outcome IN ('', 'drop', 'cancel')),
  new_line_no INTEGER,
  created_at TEXT NOT NULL,
  answered_at TEXT
) STRICT;
CREATE UNIQUE INDEX order_substitution_open ON order_substitution(order_id) WHERE status = 'asked';
""")
