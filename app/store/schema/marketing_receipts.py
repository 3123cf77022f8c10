"""Tables of WhatsApp's receipts for campaign messages (the ``marketing_receipts`` set).

- ``campaign_message_receipt``: what WhatsApp said happened to one campaign message after it left (sent,
  delivered, read, failed), as its webhook reported it; one row per (message, status), so a webhook sent
  twice (Meta retries until answered) is kept once.
"""

from __future__ import annotations

from sqlite_utils import Database

from app.store.schema.base import MigrationSet, run_sql

SCHEMA = MigrationSet("marketing_receipts")


@SCHEMA.migration
def m0001_message_receipts(db: Database) -> None:
    """Delivery and read receipts of campaign messages sent by the WhatsApp Business API."""
    run_sql(db, """
CREATE TABLE campaign_message_receipt(
  id INTEGER PRIMARY KEY,
  message_id INTEGER NOT NULL REFERENCES campaign_message(id),
  status TEXT NOT NULL CHECK (status IN ('sent', 'delivered', 'read', 'failed')),
  error_code INTEGER,
  reported_at TEXT NOT NULL,
  at TEXT NOT NULL,
  UNIQUE (message_id, status)
) STRICT;
""")
