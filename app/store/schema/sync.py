"""Tables of marketplace sync (the ``sync`` set; see docs/sync.md): desired state per channel, imported remote
orders, pull cursors, the single-sender lease, each channel's connection and health, and the queue of
issues the seller must look at (oversold items, cancels after shipping, rejected listings).

Secrets never live here: credentials are in the OS keyring (``app.sync.credentials``).
"""

from __future__ import annotations

from sqlite_utils import Database

from app.store.schema.base import MigrationSet, run_sql

SCHEMA = MigrationSet("sync")


@SCHEMA.migration
def m0001_sync_tables(db: Database) -> None:
    run_sql(db, """
CREATE TABLE sync_channel(
  channel TEXT PRIMARY KEY REFERENCES channel(code),
  adapter TEXT NOT NULL CHECK (adapter IN ('amazon', 'shopify', 'woocommerce', 'ondc')),
  base_url TEXT NOT NULL,
  account_json TEXT NOT NULL DEFAULT '{}',
  enabled INTEGER NOT NULL DEFAULT 1,
  paused_reason TEXT,
  breaker_failures INTEGER NOT NULL DEFAULT 0,
  breaker_open_until TEXT,
  breaker_opened INTEGER NOT NULL DEFAULT 0,
  needs_pull INTEGER NOT NULL DEFAULT 1,
  last_ok_at TEXT,
  last_pull_at TEXT,
  last_error TEXT,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE channel_state(
  channel TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  field TEXT NOT NULL,
  desired_json TEXT NOT NULL,
  desired_ver INTEGER NOT NULL,
  acked_ver INTEGER NOT NULL DEFAULT 0,
  acked_json TEXT,
  last_pushed_hash TEXT,
  last_remote_hash TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (channel, entity, entity_id, field)
) STRICT;

CREATE TABLE remote_order(
  channel TEXT NOT NULL,
  remote_id TEXT NOT NULL,
  remote_updated_at TEXT NOT NULL,
  status TEXT NOT NULL,
  order_id INTEGER REFERENCES orders(id),
  raw_json TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  PRIMARY KEY (channel, remote_id)
) STRICT;

CREATE TABLE pull_cursor(
  channel TEXT NOT NULL,
  stream TEXT NOT NULL,
  watermark TEXT,
  page_token TEXT,
  window_start TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (channel, stream)
) STRICT;

CREATE TABLE sync_lease(
  name TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  expires_at TEXT NOT NULL
) STRICT;

CREATE TABLE remote_ref(
  channel TEXT NOT NULL,
  kind TEXT NOT NULL,
  local_id TEXT NOT NULL,
  remote_id TEXT NOT NULL,
  PRIMARY KEY (channel, kind, local_id)
) STRICT;

CREATE TABLE sync_issue(
  id INTEGER PRIMARY KEY,
  channel TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('oversold', 'cancel_after_ship', 'listing_rejected', 'unknown_sku',
                                     'needs_reauth')),
  ref TEXT NOT NULL,
  detail_json TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL,
  resolved_at TEXT,
  UNIQUE (channel, kind, ref)
) STRICT;
CREATE INDEX sync_issue_open ON sync_issue(resolved_at, channel);
""")


@SCHEMA.migration
def m0002_messaging_channels(db: Database) -> None:
    """WhatsApp as a sync channel (purchase orders to suppliers), and the issue raised when a message may or
    may not have gone out (``unconfirmed_send``: WhatsApp cannot be asked, so the seller checks). SQLite
    cannot change a CHECK in place: both tables are rebuilt with their rows."""
    run_sql(db, """
ALTER TABLE sync_channel RENAME TO sync_channel_m0001;
CREATE TABLE sync_channel(
  channel TEXT PRIMARY KEY REFERENCES channel(code),
  adapter TEXT NOT NULL CHECK (adapter IN ('amazon', 'shopify', 'woocommerce', 'ondc', 'whatsapp')),
  base_url TEXT NOT NULL,
  account_json TEXT NOT NULL DEFAULT '{}',
  enabled INTEGER NOT NULL DEFAULT 1,
  paused_reason TEXT,
  breaker_failures INTEGER NOT NULL DEFAULT 0,
  breaker_open_until TEXT,
  breaker_opened INTEGER NOT NULL DEFAULT 0,
  needs_pull INTEGER NOT NULL DEFAULT 1,
  last_ok_at TEXT,
  last_pull_at TEXT,
  last_error TEXT,
  updated_at TEXT NOT NULL
) STRICT;
INSERT INTO sync_channel SELECT * FROM sync_channel_m0001;
DROP TABLE sync_channel_m0001;

ALTER TABLE sync_issue RENAME TO sync_issue_m0001;
DROP INDEX sync_issue_open;
CREATE TABLE sync_issue(
  id INTEGER PRIMARY KEY,
  channel TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('oversold', 'cancel_after_ship', 'listing_rejected', 'unknown_sku',
                                     'needs_reauth', 'unconfirmed_send')),
  ref TEXT NOT NULL,
  detail_json TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL,
  resolved_at TEXT,
  UNIQUE (channel, kind, ref)
) STRICT;
INSERT INTO sync_issue SELECT * FROM sync_issue_m0001;
DROP TABLE sync_issue_m0001;
CREATE INDEX sync_issue_open ON sync_issue(resolved_at, channel);
""")
