"""The core set (``tavyonix``), m0006 onward: purchasing, goals and decisions, channels and the outbox,
the product-name keyset. ``core`` (which defines the set) registers :data:`LATER` after m0001-m0005, in
this order. A new core migration goes at the end of this module and of :data:`LATER`.
"""

from __future__ import annotations

from sqlite_utils import Database

from app.store.schema.base import run_sql


def m0006_purchasing(db: Database) -> None:
    """Purchase orders to suppliers and their lines."""
    run_sql(db, """
CREATE TABLE purchase_order(
  id INTEGER PRIMARY KEY,
  po_no TEXT NOT NULL UNIQUE,
  supplier_id INTEGER NOT NULL REFERENCES supplier(id),
  status TEXT NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft', 'sent', 'partly_received', 'received', 'cancelled')),
  total_paise INTEGER NOT NULL DEFAULT 0,
  note TEXT NOT NULL DEFAULT '',
  expected_on TEXT,
  created_at TEXT NOT NULL,
  sent_at TEXT,
  received_at TEXT,
  cancelled_at TEXT,
  actor TEXT NOT NULL,
  decision_id INTEGER
) STRICT;
CREATE INDEX purchase_order_supplier ON purchase_order(supplier_id, status);

CREATE TABLE purchase_order_line(
  id INTEGER PRIMARY KEY,
  po_id INTEGER NOT NULL REFERENCES purchase_order(id),
  sku TEXT NOT NULL REFERENCES product(sku),
  qty_milli INTEGER NOT NULL CHECK (qty_milli > 0),
  cost_paise INTEGER NOT NULL CHECK (cost_paise >= 0),
  received_milli INTEGER NOT NULL DEFAULT 0 CHECK (received_milli >= 0),
  UNIQUE (po_id, sku)
) STRICT;
""")


def m0007_goals_and_decisions(db: Database) -> None:
    """The seller's goals and every decision an agent proposed or took."""
    run_sql(db, """
CREATE TABLE goal(
  id INTEGER PRIMARY KEY,
  description TEXT NOT NULL,
  metrics_json TEXT NOT NULL DEFAULT '[]',
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  priority INTEGER NOT NULL DEFAULT 3 CHECK (priority BETWEEN 1 AND 5),
  status TEXT NOT NULL DEFAULT 'active'
    CHECK (status IN ('active', 'paused', 'achieved', 'missed', 'cancelled')),
  plan_json TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  actor TEXT NOT NULL,
  CHECK (ends_on >= starts_on)
) STRICT;

CREATE TABLE agent_decision(
  id INTEGER PRIMARY KEY,
  agent TEXT NOT NULL,
  decision_type TEXT NOT NULL,
  goal_id INTEGER REFERENCES goal(id),
  status TEXT NOT NULL CHECK (status IN ('proposed', 'executed', 'rejected', 'awaiting_approval',
                                         'approved', 'failed', 'superseded')),
  confidence REAL CHECK (confidence IS NULL OR confidence BETWEEN 0 AND 1),
  context_json TEXT NOT NULL DEFAULT '{}',
  reasoning_json TEXT NOT NULL DEFAULT '[]',
  actions_json TEXT NOT NULL DEFAULT '[]',
  alternatives_json TEXT NOT NULL DEFAULT '[]',
  expected_json TEXT NOT NULL DEFAULT '{}',
  realised_json TEXT,
  created_at TEXT NOT NULL,
  decided_at TEXT,
  evaluated_at TEXT
) STRICT;
CREATE INDEX agent_decision_agent ON agent_decision(agent, created_at);
CREATE INDEX agent_decision_status ON agent_decision(status) WHERE status IN ('proposed', 'awaiting_approval');
""")


def m0008_channels_and_outbox(db: Database) -> None:
    """Sales channels, which products are listed where, and the outbox (see docs/sync.md)."""
    run_sql(db, """
CREATE TABLE channel(
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('marketplace', 'messaging')),
  enabled INTEGER NOT NULL DEFAULT 1,
  allocation_cap_milli INTEGER CHECK (allocation_cap_milli IS NULL OR allocation_cap_milli >= 0),
  settings_json TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE channel_listing(
  channel TEXT NOT NULL REFERENCES channel(code),
  sku TEXT NOT NULL REFERENCES product(sku),
  remote_sku TEXT,
  remote_id TEXT,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'removed')),
  created_at TEXT NOT NULL,
  PRIMARY KEY (channel, sku)
) STRICT;
CREATE INDEX channel_listing_sku ON channel_listing(sku);

CREATE TABLE outbox(
  id TEXT PRIMARY KEY,
  channel TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('state', 'command')),
  op TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  order_key TEXT NOT NULL,
  payload_json TEXT NOT NULL,
  schema_ok INTEGER NOT NULL DEFAULT 1,
  idem_key TEXT NOT NULL UNIQUE,
  coalesce_key TEXT,
  status TEXT NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'in_flight', 'unknown', 'acked', 'applied', 'failed', 'dead', 'superseded')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  lease_owner TEXT,
  remote_ref TEXT,
  last_error TEXT,
  created_seq INTEGER NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  event_id INTEGER,
  CHECK (kind = 'state' OR coalesce_key IS NULL)
) STRICT;
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
CREATE INDEX outbox_lane ON outbox(order_key, created_seq);
CREATE INDEX outbox_pending_coalesce ON outbox(coalesce_key) WHERE status = 'pending';
""")


def m0009_product_name_keyset(db: Database) -> None:
    """Browse a big catalog page by page with keyset paging on (name_en, id)."""
    run_sql(db, """
DROP INDEX product_name_en;
CREATE INDEX product_name_en ON product(name_en, id);
""")


LATER = (m0006_purchasing, m0007_goals_and_decisions, m0008_channels_and_outbox, m0009_product_name_keyset)
