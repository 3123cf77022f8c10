"""Tables of the autonomy core (the ``agents`` set): what the agents observe, believe, promise and ask.

- ``competitor_price``: prices seen at competitors (synced from a marketplace or typed in), one row per
  sighting; the newest per item and source counts.
- ``promotion``: a price promised for a time (a campaign, a clearance, a festival offer). While it runs
  the engine treats its price as a commitment no other agent may break.
- ``agent_belief``: what the engine has learnt from outcomes, one value per (kind, subject): an item's
  price elasticity, a supplier's lead time, the bias of an item's forecast, a category's festival lift.
- ``agent_approval``: the approvals inbox: decisions beyond an agent's autonomy wait here for the seller.
- ``agent_run`` and ``agent_breaker``: every run of an agent and each agent's circuit breaker.
- ``agent_alert``: overstock, expiry, late supplier and failing-agent alerts (one open alert per subject).
- ``goal_progress``: a goal's metrics measured against its plan's milestones.
- ``stock_day``: the day's stock picture (items out of stock, inventory value) the inventory agent writes;
  goal progress and learning read it.
"""

from __future__ import annotations

from sqlite_utils import Database

from app.store.schema.base import MigrationSet, run_sql

SCHEMA = MigrationSet("agents")


@SCHEMA.migration
def m0001_autonomy_core(db: Database) -> None:
    """Competitor prices, promotions, beliefs, approvals, runs, breakers, alerts, goal progress."""
    run_sql(db, """
CREATE TABLE competitor_price(
  id INTEGER PRIMARY KEY,
  sku TEXT NOT NULL REFERENCES product(sku),
  source TEXT NOT NULL,
  price_paise INTEGER NOT NULL CHECK (price_paise > 0),
  seen_on TEXT NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL
) STRICT;
CREATE INDEX competitor_price_sku ON competitor_price(sku, seen_on);
CREATE INDEX competitor_price_seen ON competitor_price(seen_on);

CREATE TABLE promotion(
  id INTEGER PRIMARY KEY,
  sku TEXT NOT NULL REFERENCES product(sku),
  kind TEXT NOT NULL CHECK (kind IN ('campaign', 'clearance', 'festival')),
  price_paise INTEGER NOT NULL CHECK (price_paise > 0),
  regular_price_paise INTEGER,
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('planned', 'active', 'ended', 'cancelled')),
  reason TEXT NOT NULL DEFAULT '',
  goal_id INTEGER REFERENCES goal(id),
  decision_id INTEGER REFERENCES agent_decision(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  actor TEXT NOT NULL,
  CHECK (ends_on >= starts_on)
) STRICT;
CREATE INDEX promotion_sku ON promotion(sku, status);
CREATE INDEX promotion_open ON promotion(status) WHERE status IN ('planned', 'active');

CREATE TABLE agent_belief(
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  value REAL NOT NULL,
  spread REAL,
  n INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  event_id INTEGER,
  PRIMARY KEY (kind, subject)
) STRICT;

CREATE TABLE agent_approval(
  id INTEGER PRIMARY KEY,
  decision_id INTEGER NOT NULL UNIQUE REFERENCES agent_decision(id),
  agent TEXT NOT NULL,
  kind TEXT NOT NULL,
  summary TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'expired')),
  created_at TEXT NOT NULL,
  expires_at TEXT,
  decided_at TEXT,
  decided_by TEXT,
  note TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX agent_approval_pending ON agent_approval(status) WHERE status = 'pending';

CREATE TABLE agent_run(
  id INTEGER PRIMARY KEY,
  agent TEXT NOT NULL,
  trigger TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  status TEXT NOT NULL CHECK (status IN ('ok', 'failed', 'skipped')),
  attempts INTEGER NOT NULL DEFAULT 1,
  proposals INTEGER NOT NULL DEFAULT 0,
  executed INTEGER NOT NULL DEFAULT 0,
  escalated INTEGER NOT NULL DEFAULT 0,
  rejected INTEGER NOT NULL DEFAULT 0,
  error TEXT
) STRICT;
CREATE INDEX agent_run_agent ON agent_run(agent, started_at);

CREATE TABLE agent_breaker(
  agent TEXT PRIMARY KEY,
  state TEXT NOT NULL CHECK (state IN ('closed', 'open', 'half_open')),
  failures INTEGER NOT NULL DEFAULT 0,
  opened_at TEXT,
  retry_at TEXT,
  last_error TEXT,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE agent_alert(
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  severity TEXT NOT NULL DEFAULT 'info' CHECK (severity IN ('info', 'warning', 'critical')),
  message TEXT NOT NULL,
  data_json TEXT NOT NULL DEFAULT '{}',
  decision_id INTEGER,
  created_at TEXT NOT NULL,
  resolved_at TEXT
) STRICT;
CREATE UNIQUE INDEX agent_alert_open ON agent_alert(kind, subject) WHERE resolved_at IS NULL;

CREATE TABLE goal_progress(
  id INTEGER PRIMARY KEY,
  goal_id INTEGER NOT NULL REFERENCES goal(id),
  measured_on TEXT NOT NULL,
  metrics_json TEXT NOT NULL,
  on_track INTEGER NOT NULL,
  at TEXT NOT NULL,
  UNIQUE (goal_id, measured_on)
) STRICT;

CREATE TABLE stock_day(
  business_date TEXT PRIMARY KEY,
  active_skus INTEGER NOT NULL,
  out_of_stock INTEGER NOT NULL,
  availability REAL NOT NULL,
  inventory_value_paise INTEGER NOT NULL,
  at TEXT NOT NULL
) STRICT;
""")
