"""Sponsored-ads budgets the shop set on a marketplace (the ``ad_budgets`` set).

- ``ad_budget``: one item's daily budget on a marketplace's sponsored-products ads (``amazon_ads``): what the
  seller (or, within the limits the seller chose, an agent) set, whether it runs, and the marketplace's id
  of the ads campaign once it is made. Seven days of it count against the week's marketing budget.
"""

from __future__ import annotations

from sqlite_utils import Database

from app.store.schema.base import MigrationSet, run_sql

SCHEMA = MigrationSet("ad_budgets")


@SCHEMA.migration
def m0001_ad_budget(db: Database) -> None:
    """An item's daily sponsored-ads budget on a marketplace."""
    run_sql(db, """
CREATE TABLE ad_budget(
  id INTEGER PRIMARY KEY,
  channel TEXT NOT NULL,
  sku TEXT NOT NULL REFERENCES product(sku),
  remote_sku TEXT NOT NULL,
  daily_paise INTEGER NOT NULL CHECK (daily_paise >= 0),
  state TEXT NOT NULL CHECK (state IN ('running', 'stopped')),
  remote_campaign_id TEXT,
  actor TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (channel, sku)
) STRICT;
""")
