"""The core set (``tavyonix``), m0001-m0005: shop, settings, events, catalog, stock, parties, orders; its
later migrations are in ``core_later``. How to add a migration: see ``app/store/schema``.

Ledgers (``event``, ``stock_move``, ``khata_entry``) are append-only, enforced by triggers (so their
plain rowids only grow: no AUTOINCREMENT bookkeeping on every append), and the
balances they feed (``stock``, ``customer.khata_balance_paise``) are kept by triggers in the same
transaction, so a balance can never drift from its ledger.
"""

from __future__ import annotations

from sqlite_utils import Database

from app.store.schema import core_later
from app.store.schema.base import MigrationSet, run_sql

CORE = MigrationSet("tavyonix")
migrations = CORE.registry  # the core registry (kept by this name for tools and tests)
NAMES = CORE.names  # every core migration this version knows, in order
migration = CORE.migration


def _append_only(table: str, what: str) -> str:
    return f"""
CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
BEGIN SELECT RAISE(ABORT, '{what} are append-only'); END;
CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
BEGIN SELECT RAISE(ABORT, '{what} are append-only'); END;
"""


@migration
def m0001_foundation(db: Database) -> None:
    """Shop profile, settings, the event log, financial years and document number series."""
    run_sql(db, """
CREATE TABLE settings(
  key TEXT PRIMARY KEY,
  value_json TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE shop(
  id INTEGER PRIMARY KEY CHECK (id = 1),
  name TEXT NOT NULL,
  legal_name TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  city TEXT NOT NULL DEFAULT '',
  pincode TEXT NOT NULL DEFAULT '',
  state_code TEXT NOT NULL,
  gstin TEXT,
  gst_scheme TEXT NOT NULL DEFAULT 'regular'
    CHECK (gst_scheme IN ('regular', 'composition', 'unregistered')),
  upi_id TEXT,
  phone TEXT,
  email TEXT,
  fssai_no TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE event(
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  type TEXT NOT NULL,
  actor TEXT NOT NULL,
  subject_type TEXT NOT NULL DEFAULT '',
  subject_id TEXT NOT NULL DEFAULT '',
  data_json TEXT NOT NULL DEFAULT '{}',
  reason TEXT NOT NULL DEFAULT '',
  goal_id INTEGER,
  decision_id INTEGER,
  correlation_id TEXT
) STRICT;
CREATE INDEX event_subject ON event(subject_type, subject_id, id);
CREATE INDEX event_type ON event(type, id);
CREATE INDEX event_goal ON event(goal_id) WHERE goal_id IS NOT NULL;
CREATE INDEX event_decision ON event(decision_id) WHERE decision_id IS NOT NULL;
""" + _append_only("event", "events") + """
CREATE TABLE financial_year(
  fy TEXT PRIMARY KEY,
  closed_at TEXT,
  closed_by TEXT
) STRICT;

CREATE TABLE doc_series(
  series TEXT NOT NULL,
  fy TEXT NOT NULL,
  next_no INTEGER NOT NULL DEFAULT 1 CHECK (next_no >= 1),
  PRIMARY KEY (series, fy)
) STRICT;
""")


@migration
def m0002_catalog(db: Database) -> None:
    """Categories, the dated GST rate table, products with search, and price history."""
    run_sql(db, """
CREATE TABLE category(
  code TEXT PRIMARY KEY,
  name_en TEXT NOT NULL,
  name_hi TEXT NOT NULL DEFAULT '',
  parent TEXT REFERENCES category(code)
) STRICT;

CREATE TABLE gst_rate(
  id INTEGER PRIMARY KEY,
  hsn_prefix TEXT NOT NULL,
  rate_bp INTEGER NOT NULL CHECK (rate_bp BETWEEN 0 AND 10000),
  cess_bp INTEGER NOT NULL DEFAULT 0 CHECK (cess_bp BETWEEN 0 AND 10000),
  effective_from TEXT NOT NULL,
  effective_to TEXT,
  description TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT '',
  UNIQUE (hsn_prefix, effective_from),
  CHECK (effective_to IS NULL OR effective_to >= effective_from)
) STRICT;

CREATE TABLE supplier(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL COLLATE NOCASE,
  contact_person TEXT NOT NULL DEFAULT '',
  phone TEXT,
  whatsapp TEXT,
  email TEXT,
  gstin TEXT,
  state_code TEXT,
  address TEXT NOT NULL DEFAULT '',
  lead_time_days INTEGER NOT NULL DEFAULT 2 CHECK (lead_time_days >= 0),
  min_order_paise INTEGER NOT NULL DEFAULT 0 CHECK (min_order_paise >= 0),
  payment_terms_days INTEGER NOT NULL DEFAULT 0 CHECK (payment_terms_days >= 0),
  visit_days TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE product(
  id INTEGER PRIMARY KEY,
  sku TEXT NOT NULL UNIQUE,
  name_en TEXT NOT NULL COLLATE NOCASE,
  name_hi TEXT NOT NULL DEFAULT '',
  keywords TEXT NOT NULL DEFAULT '',
  brand TEXT NOT NULL DEFAULT '',
  category TEXT REFERENCES category(code),
  unit TEXT NOT NULL DEFAULT 'pcs',
  pack_size TEXT NOT NULL DEFAULT '',
  barcode TEXT UNIQUE,
  hsn_code TEXT NOT NULL DEFAULT '',
  gst_rate_bp INTEGER CHECK (gst_rate_bp IS NULL OR gst_rate_bp BETWEEN 0 AND 10000),
  mrp_paise INTEGER CHECK (mrp_paise IS NULL OR mrp_paise > 0),
  cost_paise INTEGER NOT NULL DEFAULT 0 CHECK (cost_paise >= 0),
  price_paise INTEGER NOT NULL CHECK (price_paise > 0),
  reorder_point_milli INTEGER NOT NULL DEFAULT 0 CHECK (reorder_point_milli >= 0),
  reorder_qty_milli INTEGER NOT NULL DEFAULT 0 CHECK (reorder_qty_milli >= 0),
  max_stock_milli INTEGER NOT NULL DEFAULT 0 CHECK (max_stock_milli >= 0),
  preferred_supplier_id INTEGER REFERENCES supplier(id),
  shelf_life_days INTEGER CHECK (shelf_life_days IS NULL OR shelf_life_days > 0),
  active INTEGER NOT NULL DEFAULT 1,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (mrp_paise IS NULL OR price_paise <= mrp_paise)
) STRICT;
CREATE INDEX product_name_en ON product(name_en);
CREATE INDEX product_name_hi ON product(name_hi);
CREATE INDEX product_category ON product(category);

CREATE VIRTUAL TABLE product_fts USING fts5(
  sku, name_en, name_hi, keywords, brand,
  content='product', content_rowid='id',
  tokenize="unicode61 remove_diacritics 2", prefix='1 2 3'
);
CREATE TRIGGER product_fts_insert AFTER INSERT ON product BEGIN
  INSERT INTO product_fts(rowid, sku, name_en, name_hi, keywords, brand)
  VALUES (NEW.id, NEW.sku, NEW.name_en, NEW.name_hi, NEW.keywords, NEW.brand);
END;
CREATE TRIGGER product_fts_delete AFTER DELETE ON product BEGIN
  INSERT INTO product_fts(product_fts, rowid, sku, name_en, name_hi, keywords, brand)
  VALUES ('delete', OLD.id, OLD.sku, OLD.name_en, OLD.name_hi, OLD.keywords, OLD.brand);
END;
CREATE TRIGGER product_fts_update AFTER UPDATE OF sku, name_en, name_hi, keywords, brand ON product BEGIN
  INSERT INTO product_fts(product_fts, rowid, sku, name_en, name_hi, keywords, brand)
  VALUES ('delete', OLD.id, OLD.sku, OLD.name_en, OLD.name_hi, OLD.keywords, OLD.brand);
  INSERT INTO product_fts(rowid, sku, name_en, name_hi, keywords, brand)
  VALUES (NEW.id, NEW.sku, NEW.name_en, NEW.name_hi, NEW.keywords, NEW.brand);
END;

CREATE TABLE price_history(
  id INTEGER PRIMARY KEY,
  sku TEXT NOT NULL REFERENCES product(sku),
  price_paise INTEGER NOT NULL,
  mrp_paise INTEGER,
  cost_paise INTEGER,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  event_id INTEGER
) STRICT;
CREATE INDEX price_history_sku ON price_history(sku, at);
""")


@migration
def m0003_stock(db: Database) -> None:
    """The append-only stock ledger and the per-item balance the trigger keeps equal to it."""
    run_sql(db, """
CREATE TABLE stock(
  sku TEXT PRIMARY KEY REFERENCES product(sku),
  on_hand_milli INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE stock_move(
  id INTEGER PRIMARY KEY,
  sku TEXT NOT NULL REFERENCES product(sku),
  qty_milli INTEGER NOT NULL CHECK (qty_milli != 0),
  reason TEXT NOT NULL CHECK (reason IN ('opening', 'purchase', 'sale', 'return', 'adjust', 'count',
                                         'wastage', 'mkt_order', 'mkt_cancel', 'cancel', 'transfer')),
  source TEXT NOT NULL,
  source_ref TEXT NOT NULL,
  unit_cost_paise INTEGER,
  expires_on TEXT,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  event_id INTEGER,
  UNIQUE (source, source_ref, reason)
) STRICT;
CREATE INDEX stock_move_sku ON stock_move(sku, id);
CREATE TRIGGER stock_move_balance AFTER INSERT ON stock_move BEGIN
  INSERT INTO stock(sku, on_hand_milli, updated_at) VALUES (NEW.sku, NEW.qty_milli, NEW.at)
  ON CONFLICT(sku) DO UPDATE SET on_hand_milli = on_hand_milli + NEW.qty_milli, updated_at = NEW.at;
END;
""" + _append_only("stock_move", "stock moves"))


@migration
def m0004_parties(db: Database) -> None:
    """Customers with a khata (credit) ledger; the products each supplier sells."""
    run_sql(db, """
CREATE TABLE customer(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL COLLATE NOCASE,
  name_hi TEXT NOT NULL DEFAULT '',
  phone TEXT UNIQUE,
  address TEXT NOT NULL DEFAULT '',
  gstin TEXT,
  state_code TEXT,
  credit_limit_paise INTEGER NOT NULL DEFAULT 0 CHECK (credit_limit_paise >= 0),
  khata_balance_paise INTEGER NOT NULL DEFAULT 0,
  notes TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX customer_name ON customer(name);

CREATE TABLE supplier_product(
  supplier_id INTEGER NOT NULL REFERENCES supplier(id),
  sku TEXT NOT NULL REFERENCES product(sku),
  supplier_code TEXT NOT NULL DEFAULT '',
  cost_paise INTEGER CHECK (cost_paise IS NULL OR cost_paise >= 0),
  case_size_milli INTEGER NOT NULL DEFAULT 1000 CHECK (case_size_milli > 0),
  moq_milli INTEGER NOT NULL DEFAULT 0 CHECK (moq_milli >= 0),
  lead_time_days INTEGER CHECK (lead_time_days IS NULL OR lead_time_days >= 0),
  PRIMARY KEY (supplier_id, sku)
) STRICT;
CREATE INDEX supplier_product_sku ON supplier_product(sku);
""")


@migration
def m0005_orders(db: Database) -> None:
    """Counter and marketplace orders with their lines, payments and the khata ledger."""
    run_sql(db, """
CREATE TABLE orders(
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL DEFAULT 'sale' CHECK (kind IN ('sale', 'return')),
  channel TEXT NOT NULL DEFAULT 'counter',
  remote_id TEXT,
  status TEXT NOT NULL CHECK (status IN ('draft', 'held', 'completed', 'cancelled', 'pending', 'accepted',
                                         'packed', 'shipped', 'delivered', 'returned')),
  doc_type TEXT NOT NULL DEFAULT 'tax_invoice'
    CHECK (doc_type IN ('tax_invoice', 'bill_of_supply', 'credit_note', 'none')),
  invoice_no TEXT CHECK (invoice_no IS NULL OR length(invoice_no) <= 16),
  fy TEXT,
  original_order_id INTEGER REFERENCES orders(id),
  customer_id INTEGER REFERENCES customer(id),
  customer_name TEXT NOT NULL DEFAULT '',
  customer_gstin TEXT,
  place_of_supply TEXT NOT NULL,
  interstate INTEGER NOT NULL DEFAULT 0,
  gross_paise INTEGER NOT NULL DEFAULT 0,
  discount_paise INTEGER NOT NULL DEFAULT 0,
  taxable_paise INTEGER NOT NULL DEFAULT 0,
  cgst_paise INTEGER NOT NULL DEFAULT 0,
  sgst_paise INTEGER NOT NULL DEFAULT 0,
  igst_paise INTEGER NOT NULL DEFAULT 0,
  cess_paise INTEGER NOT NULL DEFAULT 0,
  round_off_paise INTEGER NOT NULL DEFAULT 0,
  total_paise INTEGER NOT NULL DEFAULT 0,
  paid_paise INTEGER NOT NULL DEFAULT 0,
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  completed_at TEXT,
  business_date TEXT NOT NULL,
  actor TEXT NOT NULL,
  UNIQUE (channel, remote_id),
  UNIQUE (fy, invoice_no)
) STRICT;
CREATE INDEX orders_business_date ON orders(business_date, status);
CREATE INDEX orders_customer ON orders(customer_id) WHERE customer_id IS NOT NULL;
CREATE INDEX orders_status ON orders(status) WHERE status IN ('draft', 'held', 'pending', 'accepted', 'packed');

CREATE TABLE order_line(
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES orders(id),
  line_no INTEGER NOT NULL,
  sku TEXT NOT NULL REFERENCES product(sku),
  name TEXT NOT NULL,
  hsn_code TEXT NOT NULL DEFAULT '',
  unit TEXT NOT NULL,
  qty_milli INTEGER NOT NULL CHECK (qty_milli > 0),
  unit_price_paise INTEGER NOT NULL CHECK (unit_price_paise > 0),
  mrp_paise INTEGER,
  discount_paise INTEGER NOT NULL DEFAULT 0 CHECK (discount_paise >= 0),
  gst_rate_bp INTEGER NOT NULL DEFAULT 0,
  cess_bp INTEGER NOT NULL DEFAULT 0,
  taxable_paise INTEGER NOT NULL,
  cgst_paise INTEGER NOT NULL DEFAULT 0,
  sgst_paise INTEGER NOT NULL DEFAULT 0,
  igst_paise INTEGER NOT NULL DEFAULT 0,
  cess_paise INTEGER NOT NULL DEFAULT 0,
  total_paise INTEGER NOT NULL,
  cost_paise INTEGER NOT NULL DEFAULT 0,
  remote_line_id TEXT,
  UNIQUE (order_id, line_no),
  CHECK (mrp_paise IS NULL OR unit_price_paise <= mrp_paise),
  CHECK (taxable_paise + cgst_paise + sgst_paise + igst_paise + cess_paise = total_paise)
) STRICT;
CREATE INDEX order_line_sku ON order_line(sku, order_id);

CREATE TABLE payment(
  id INTEGER PRIMARY KEY,
  order_id INTEGER REFERENCES orders(id),
  customer_id INTEGER REFERENCES customer(id),
  method TEXT NOT NULL CHECK (method IN ('cash', 'upi', 'card', 'khata', 'bank', 'marketplace', 'other')),
  amount_paise INTEGER NOT NULL CHECK (amount_paise != 0),
  tendered_paise INTEGER,
  reference TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'pending', 'refunded')),
  at TEXT NOT NULL,
  actor TEXT NOT NULL
) STRICT;
CREATE INDEX payment_order ON payment(order_id) WHERE order_id IS NOT NULL;
CREATE INDEX payment_customer ON payment(customer_id) WHERE customer_id IS NOT NULL;

CREATE TABLE khata_entry(
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customer(id),
  amount_paise INTEGER NOT NULL CHECK (amount_paise != 0),
  kind TEXT NOT NULL CHECK (kind IN ('opening', 'credit_sale', 'payment', 'adjustment', 'return')),
  order_id INTEGER REFERENCES orders(id),
  payment_id INTEGER REFERENCES payment(id),
  note TEXT NOT NULL DEFAULT '',
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  event_id INTEGER
) STRICT;
CREATE INDEX khata_entry_customer ON khata_entry(customer_id, id);
CREATE TRIGGER khata_entry_balance AFTER INSERT ON khata_entry BEGIN
  UPDATE customer SET khata_balance_paise = khata_balance_paise + NEW.amount_paise
  WHERE id = NEW.customer_id;
END;
""" + _append_only("khata_entry", "khata entries"))


# the set's later migrations, registered after these and in their order
for _later in core_later.LATER:
    migration(_later)
