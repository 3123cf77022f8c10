"""The customers each campaign kept back on purpose (the ``marketing_holdout`` set).

- ``campaign_holdout``: a customer of a campaign's group who could have been messaged and was not, so that
  what the messaged customers did can be compared with what the same kind of customer does unasked (the
  campaign's measured uplift). One row per (campaign, customer), kept with the time they were held back.
"""

from __future__ import annotations

from sqlite_utils import Database

from app.store.schema.base import MigrationSet, run_sql

SCHEMA = MigrationSet("marketing_holdout")


@SCHEMA.migration
def m0001_campaign_holdout(db: Database) -> None:
    """Customers held back from a campaign, to measure its uplift against them."""
    run_sql(db, """
CREATE TABLE campaign_holdout(
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES campaign(id),
  customer_id INTEGER NOT NULL REFERENCES customer(id),
  at TEXT NOT NULL,
  UNIQUE (campaign_id, customer_id)
) STRICT;
CREATE INDEX campaign_holdout_customer ON campaign_holdout(customer_id, at);
""")
