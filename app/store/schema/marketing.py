"""Tables of marketing (the ``marketing`` set): who may be messaged, campaigns, what went out, what came back.

- ``customer_consent``: an append-only log of a customer's consent to marketing messages on a channel
  (granted or revoked, when, how, by whom). The newest row per (customer, channel) is the consent in force;
  nothing is ever updated or deleted, so the record of who agreed stays (India's DPDP Act, WhatsApp opt-in).
- ``campaign``: a message about one item to one segment, quoting the item's price at the time it was
  planned; paused when that price no longer holds. Its ``channel`` (``m0002_campaign_channel``) is how its
  messages go out: ``click_to_chat`` (links the seller sends from the shop's own phone, free),
  ``whatsapp_api`` (paid), or empty for the shop's setting ``marketing.send_via`` (campaigns before it).
- ``campaign_variant``: the versions of a campaign's message, each with its own counter code.
- ``campaign_message``: one row per (campaign, customer): a customer hears of a campaign at most once.
- ``campaign_redemption``: a code given at the counter, tying one bill to the variant that brought it.
"""

from __future__ import annotations

from sqlite_utils import Database

from app.store.schema.base import MigrationSet, run_sql

SCHEMA = MigrationSet("marketing")


@SCHEMA.migration
def m0001_campaigns(db: Database) -> None:
    """Consent log, campaigns, variants, messages and redemptions."""
    run_sql(db, """
CREATE TABLE customer_consent(
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customer(id),
  channel TEXT NOT NULL DEFAULT 'whatsapp',
  phone TEXT NOT NULL,
  granted INTEGER NOT NULL CHECK (granted IN (0, 1)),
  method TEXT NOT NULL CHECK (method IN ('counter', 'cli', 'window', 'stop_reply', 'written')),
  recorded_by TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  at TEXT NOT NULL
) STRICT;
CREATE INDEX customer_consent_customer ON customer_consent(customer_id, channel, id);
CREATE TRIGGER customer_consent_no_update BEFORE UPDATE ON customer_consent
BEGIN SELECT RAISE(ABORT, 'customer_consent is append-only'); END;
CREATE TRIGGER customer_consent_no_delete BEFORE DELETE ON customer_consent
BEGIN SELECT RAISE(ABORT, 'customer_consent is append-only'); END;

CREATE TABLE campaign(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  sku TEXT NOT NULL REFERENCES product(sku),
  segment TEXT NOT NULL,
  segment_arg TEXT NOT NULL DEFAULT '',
  festival TEXT NOT NULL DEFAULT '',
  promotion_id INTEGER REFERENCES promotion(id),
  quoted_price_paise INTEGER NOT NULL CHECK (quoted_price_paise > 0),
  regular_price_paise INTEGER NOT NULL CHECK (regular_price_paise > 0),
  status TEXT NOT NULL CHECK (status IN ('planned', 'running', 'paused', 'done', 'cancelled')),
  status_reason TEXT NOT NULL DEFAULT '',
  budget_paise INTEGER NOT NULL DEFAULT 0 CHECK (budget_paise >= 0),
  message_cost_paise INTEGER NOT NULL DEFAULT 0 CHECK (message_cost_paise >= 0),
  approved INTEGER NOT NULL DEFAULT 0,
  decision_id INTEGER REFERENCES agent_decision(id),
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX campaign_status ON campaign(status);
CREATE INDEX campaign_sku ON campaign(sku);

CREATE TABLE campaign_variant(
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES campaign(id),
  label TEXT NOT NULL,
  style TEXT NOT NULL,
  code TEXT NOT NULL UNIQUE,
  text_en TEXT NOT NULL,
  text_hi TEXT NOT NULL,
  stopped INTEGER NOT NULL DEFAULT 0,
  UNIQUE (campaign_id, label)
) STRICT;

CREATE TABLE campaign_message(
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES campaign(id),
  variant_id INTEGER NOT NULL REFERENCES campaign_variant(id),
  customer_id INTEGER NOT NULL REFERENCES customer(id),
  phone TEXT NOT NULL,
  consent_id INTEGER NOT NULL REFERENCES customer_consent(id),
  via TEXT NOT NULL CHECK (via IN ('whatsapp_api', 'click_to_chat')),
  language TEXT NOT NULL CHECK (language IN ('en', 'hi')),
  text TEXT NOT NULL,
  cost_paise INTEGER NOT NULL DEFAULT 0,
  at TEXT NOT NULL,
  UNIQUE (campaign_id, customer_id)
) STRICT;
CREATE INDEX campaign_message_variant ON campaign_message(variant_id);

CREATE TABLE campaign_redemption(
  id INTEGER PRIMARY KEY,
  variant_id INTEGER NOT NULL REFERENCES campaign_variant(id),
  order_id INTEGER NOT NULL UNIQUE REFERENCES orders(id),
  customer_id INTEGER REFERENCES customer(id),
  total_paise INTEGER NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL
) STRICT;
CREATE INDEX campaign_redemption_variant ON campaign_redemption(variant_id);
""")


@SCHEMA.migration
def m0002_campaign_channel(db: Database) -> None:
    """A channel per campaign: the agent's first campaign of an unproven idea goes out free, by hand."""
    run_sql(db, "ALTER TABLE campaign ADD COLUMN channel TEXT NOT NULL DEFAULT ''"
                " CHECK (channel IN ('', 'click_to_chat', 'whatsapp_api'));")


@SCHEMA.migration
def m0003_campaign_item_names(db: Database) -> None:
    """A campaign named after its item is stored without a name and read under the item's present name (a renamed
    item kept the campaign's old name); a name the seller typed that is the item's name reads the same either way."""
    run_sql(db, "UPDATE campaign SET name = ''"
                " WHERE name = (SELECT p.name_en FROM product p WHERE p.sku = campaign.sku);")
