"""Tables of the assistant and its local API (the ``assistant`` set), applied after the core schema.

- ``assistant_message``: every message of every conversation (the chat panel's is "main"; the CLI's
  "cli"; each API client names its own), kept across restarts. Replies keep their buttons, table and chart.
- ``assistant_state``: what a conversation remembers between messages (the last question, a slot it asked
  for, its language).
- ``assistant_action``: every change the assistant offered or made. A change that moves money is carried
  out only from an ``open`` row, by the seller's explicit confirmation or within the autonomy the shop
  granted; ``basis`` says which, ``result_json`` what was done (the ids an Undo needs).
- ``assistant_notice``: proactive messages already posted (one closing summary per day, each alert once).
- ``api_token``: tokens of the local API, stored as SHA-256 hashes only (the token itself is shown once).
"""

from __future__ import annotations

from sqlite_utils import Database

from app.store.schema.base import MigrationSet, run_sql

SCHEMA = MigrationSet("assistant")


@SCHEMA.migration
def m0001_assistant(db: Database) -> None:
    """Conversations, their state, offered and done actions, posted notices, API tokens."""
    run_sql(db, """
CREATE TABLE assistant_message(
  id INTEGER PRIMARY KEY,
  conversation TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('seller', 'assistant')),
  text TEXT NOT NULL,
  lang TEXT NOT NULL DEFAULT 'en',
  intent TEXT,
  slots_json TEXT NOT NULL DEFAULT '{}',
  reply_json TEXT NOT NULL DEFAULT '{}',
  source TEXT NOT NULL DEFAULT 'panel',
  at TEXT NOT NULL
) STRICT;
CREATE INDEX assistant_message_conversation ON assistant_message(conversation, id);

CREATE TABLE assistant_state(
  conversation TEXT PRIMARY KEY,
  state_json TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE assistant_action(
  id INTEGER PRIMARY KEY,
  conversation TEXT NOT NULL,
  kind TEXT NOT NULL,
  params_json TEXT NOT NULL,
  summary TEXT NOT NULL,
  moves_money INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'done', 'cancelled', 'expired', 'failed', 'undone')),
  basis TEXT CHECK (basis IS NULL OR basis IN ('confirmed', 'autonomy')),
  message_id INTEGER,
  result_json TEXT,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  decided_at TEXT,
  CHECK (status != 'done' OR basis IS NOT NULL)
) STRICT;
CREATE INDEX assistant_action_open ON assistant_action(conversation, status);

CREATE TABLE assistant_notice(
  key TEXT PRIMARY KEY,
  at TEXT NOT NULL
) STRICT;

CREATE TABLE api_token(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at TEXT
) STRICT;
""")
