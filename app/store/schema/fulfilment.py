"""The operations agent's work on each order (set ``fulfilment``).

- ``fulfilment_task``: one row per order the agent has planned: the method it chose, what that costs, the
  hand-over deadline, and where the order stands with the agent — only planned (the shop's own delivery or
  India Post: people hand it over), awaiting the seller's approval, cleared to book, booked, failed (with
  why), declined by the seller, or escalated (nothing reaches the customer in time). Its decision (if it
  asked or acted) is the ``decision`` row it names.
"""

from __future__ import annotations

from sqlite_utils import Database

from app.store.schema.base import MigrationSet, run_sql

SCHEMA = MigrationSet("fulfilment")


@SCHEMA.migration
def m0001_fulfilment_task(db: Database) -> None:
    """What the operations agent did with each order it planned."""
    run_sql(db, """
CREATE TABLE fulfilment_task(
  order_id INTEGER PRIMARY KEY REFERENCES orders(id),
  decision_id INTEGER,
  method TEXT NOT NULL DEFAULT '',
  courier_id INTEGER,
  carrier TEXT NOT NULL DEFAULT '',
  cost_paise INTEGER NOT NULL DEFAULT 0 CHECK (cost_paise >= 0),
  hand_over_by TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL
    CHECK (status IN ('planned', 'awaiting', 'queued', 'booked', 'failed', 'declined', 'escalated')),
  note TEXT NOT NULL DEFAULT '',
  pickup_alerted INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX fulfilment_task_status ON fulfilment_task(status);
""")
