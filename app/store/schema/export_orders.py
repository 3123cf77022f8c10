"""Export orders: a buyer abroad's order taken before its export invoice, whose lines hold (reserve) stock so
that the counter and the marketplaces cannot sell those units meanwhile (docs/trade.md)."""

from __future__ import annotations

from sqlite_utils import Database

from app.store.schema.base import MigrationSet, run_sql

SCHEMA = MigrationSet("export_orders")


@SCHEMA.migration
def m0001_export_orders(db: Database) -> None:
    """An export order (open, invoiced or cancelled) with the export terms its invoice will carry, and its lines;
    the lines of the open orders are the stock reserved for export."""
    run_sql(db, """
CREATE TABLE export_order(
  id INTEGER PRIMARY KEY,
  state TEXT NOT NULL CHECK (state IN ('open', 'invoiced', 'cancelled')),
  mode TEXT NOT NULL CHECK (mode IN ('lut', 'igst')),
  buyer_name TEXT NOT NULL,
  buyer_address TEXT NOT NULL,
  country TEXT NOT NULL CHECK (length(country) = 2),
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  fx_paise INTEGER NOT NULL CHECK (fx_paise > 0),
  incoterm TEXT NOT NULL,
  payment_terms TEXT NOT NULL,
  route TEXT NOT NULL CHECK (route IN ('courier', 'postal', 'cargo')),
  port_code TEXT NOT NULL DEFAULT '',
  order_id INTEGER UNIQUE REFERENCES orders(id),
  created_at TEXT NOT NULL,
  closed_at TEXT,
  actor TEXT NOT NULL,
  CHECK (state != 'open' OR order_id IS NULL),  -- invoicing frees the units first, then links its invoice
  CHECK ((state = 'open') = (closed_at IS NULL))
) STRICT;
CREATE INDEX export_order_state ON export_order(state);

CREATE TABLE export_order_line(
  export_order_id INTEGER NOT NULL REFERENCES export_order(id),
  line_no INTEGER NOT NULL CHECK (line_no >= 1),
  sku TEXT NOT NULL REFERENCES product(sku),
  qty_milli INTEGER NOT NULL CHECK (qty_milli > 0),
  unit_price_paise INTEGER CHECK (unit_price_paise IS NULL OR unit_price_paise >= 0),
  PRIMARY KEY (export_order_id, line_no)
) STRICT;
CREATE INDEX export_order_line_sku ON export_order_line(sku);
""")


@SCHEMA.migration
def m0002_export_hold_requests(db: Database) -> None:
    """An export order whose stock hold the trade agent proposes and the decision engine decides (docs/trade.md):
    while its request is pending the order holds nothing; the engine's decision holds its units (or refuses)."""
    run_sql(db, """
CREATE TABLE export_hold_request(
  export_order_id INTEGER PRIMARY KEY REFERENCES export_order(id),
  state TEXT NOT NULL CHECK (state IN ('pending', 'held')),
  requested_at TEXT NOT NULL,
  held_at TEXT,
  decision_id INTEGER,
  CHECK ((state = 'held') = (held_at IS NOT NULL))
) STRICT;
""")
