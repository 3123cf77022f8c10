"""The shop's schema: named sqlite-utils migrations in sets, applied in order when a shop opens.

Each module here holds one set of migrations (one sqlite-utils ``Migrations`` registry, recorded in
the file's ``_sqlite_migrations`` table under the set's name); :func:`migration_sets` lists them in
the order ``open_store`` applies them:

========================  ==============  =====================================================
module                    set name        what it holds
========================  ==============  =====================================================
``core``, ``core_later``  ``tavyonix``    m0001-m0005 (shop, events, catalog, stock, parties, orders),
                                          then m0006 on (purchasing, goals and decisions, channels and
                                          the outbox, the product-name keyset)
``autonomy``              ``agents``      competitor prices, promotions, beliefs, approvals, agent
                                          runs, breakers, alerts, goal progress, stock days
``counter``               ``counter``     open and held bills, cash memos, day invoices, Z reports
``conversations``         ``assistant``   chat messages and state, offered actions, notices, API tokens
``photo_embeddings``      ``ml``          feature vectors of confirmed product photos
``sync``                  ``sync``        marketplace channels, remote orders, cursors, lease, issues
``marketing``             ``marketing``   consent log, campaigns, variants, messages, redemptions
``deliveries``            ``deliveries``  the shop's own home-delivery orders (address, area, run day)
========================  ==============  =====================================================

and last ``purchase_bills`` (set ``gst_returns``): the suppliers' tax invoices that give input tax
credit, and the GST due-date reminders already sent; ``marketing``; ``supplier_ledger`` (set
``supplier_ledger``): payments made to suppliers; ``product_listing`` (set ``product_listing``): an item's
marketplace listing and its photos.

How to add a migration:

- To an existing set: add a function ``m00NN_<what>(db)`` at the END of its module, decorated with
  ``@SCHEMA.migration`` (for the core set: at the end of ``core_later``, and of its ``LATER`` list).
  Build it with :func:`run_sql` so the whole migration is one transaction. Never edit, rename or
  reorder a migration that has shipped, and never rename a set: shop files record both names, and a
  name this version does not know makes the shop refuse to open (``SchemaTooNew``).
- A new set (new tables of a new subject): a module here named by what it holds, defining
  ``SCHEMA = MigrationSet("<set name>")`` (from ``schema.base``); then add it to the end of
  :func:`migration_sets`.
- Before a release that changes the schema, keep a database from the previous schema in
  ``tests/fixtures/old_dbs/`` (``tools/make_old_db.py``), so ``tests/store/test_upgrade.py`` keeps
  upgrading every released schema.

Conventions: money in integer paise (``*_paise``), quantities in thousandths of the product's unit
(``*_milli``), GST rates in hundredths of a percent (``*_bp``), times as UTC ISO-8601 text
(``*_at``), local calendar dates as ``YYYY-MM-DD`` (``*_on``, ``business_date``). Tables are STRICT.
"""

from __future__ import annotations

from app.store.schema import (
    ad_budgets,  # sponsored-ads budgets on a marketplace (Amazon Ads)
    autonomy,
    campaign_wording,  # the seller's own greeting of a campaign variant
    conversations,
    core,
    counter,
    courier_bookings,  # cancelled courier bookings and the agent's re-bookings
    debit_notes,  # debit notes on the shop's invoices (a price rise after the sale)
    deliveries,
    export_carriage,  # freight and insurance of an export (its FOB value)
    export_orders,  # export orders and the stock they reserve
    fulfilment,  # the operations agent's work on each order
    marketing,
    marketing_channels,  # a Facebook page among the sync channels (offers posted there)
    marketing_holdout,  # customers each campaign keeps back to measure its uplift
    marketing_receipts,  # WhatsApp's delivered/read receipts of campaign messages
    order_parts,  # orders sent in parts: some units now, the rest later or cancelled
    photo_embeddings,
    product_listing,  # an item's listing and photos, from the Items page's photo drop
    purchase_bills,
    supplier_ledger,  # payments to suppliers
    sync,
    trade,  # exports: LUTs, export invoices, packages
)
from app.store.schema.base import MigrationSet, run_sql

__all__ = ["MigrationSet", "migration_sets", "run_sql"]


def migration_sets() -> list[MigrationSet]:
    """Every set this version knows, in the order they apply (the core set first; a new set goes last)."""
    return [
        core.CORE,
        autonomy.SCHEMA,
        counter.SCHEMA,
        conversations.SCHEMA,
        photo_embeddings.SCHEMA,
        sync.SCHEMA,
        purchase_bills.SCHEMA,
        marketing.SCHEMA,
        deliveries.SCHEMA,
        trade.SCHEMA,
        supplier_ledger.SCHEMA,
        export_orders.SCHEMA,
        fulfilment.SCHEMA,
        product_listing.SCHEMA,
        marketing_receipts.SCHEMA,
        marketing_channels.SCHEMA,
        export_carriage.SCHEMA,
        courier_bookings.SCHEMA,
        order_parts.SCHEMA,
        marketing_holdout.SCHEMA,
        ad_budgets.SCHEMA,
        campaign_wording.SCHEMA,
        debit_notes.SCHEMA,
    ]
