"""The dated GST rate table and the rate that applies to an item on a day."""

from __future__ import annotations

import csv
from datetime import date

from app.domain import bounds, gst
from app.domain.gst import GstRate
from app.domain.records import Product
from app.errors import Duplicate, InputError, NotFound
from app.events import GstRateAdded
from app.i18n import _
from app.paths import resources_dir
from app.services.changes import Changes
from app.services.context import SELLER, SYSTEM, Origin, ServiceContext
from app.store import Store
from app.store import taxes as rate_store
from app.store.taxes import RateTable

DEFAULT_RATES = "gst_rates.csv"


def rate_table(store: Store) -> RateTable:
    return rate_store.load_rates(store.db(), str(store.path))


def rate_for(store: Store, hsn_code: str, day: date) -> GstRate:
    """The rate on ``day`` for the longest matching HSN prefix."""
    return rate_table(store).lookup(hsn_code, day)


def product_rate(table: RateTable, product: Product, day: date) -> tuple[int, int]:
    """(GST rate, cess) in hundredths of a percent for a product sold on ``day``.

    The seller's own rate on the item wins over the table; an item without HSN code or rate is
    refused at billing rather than billed at a guessed rate.
    """
    if product.gst_rate_bp is not None:
        return product.gst_rate_bp, 0
    if not product.hsn_code:
        raise NotFound(
            _("{name} has no HSN code or GST rate.").format(name=product.name_en),
            hint=_("Add its HSN code (or its GST rate) in the item's details."),
        )
    found = table.lookup(product.hsn_code, day)
    return found.rate_bp, found.cess_bp


def add_rate(ctx: ServiceContext, *, hsn_prefix: str, rate_bp: int, effective_from: date, cess_bp: int = 0,
             effective_to: date | None = None, description: str = "", source: str = "",
             origin: Origin = SELLER) -> Changes:
    """Add a rate from a date. Rates are never edited: a change of law is a new row from its date."""
    prefix = gst.check_hsn(hsn_prefix)
    bounds.check_gst_rate(rate_bp)
    if not (0 <= rate_bp <= 10_000 and 0 <= cess_bp <= 10_000):
        raise InputError(_("A GST rate must be between 0% and 100%."))
    if effective_to is not None and effective_to < effective_from:
        raise InputError(_("The rate cannot end before it starts."))
    with ctx.store.write() as db:
        exists = rate_store.rate_exists(db, prefix, effective_from.isoformat())
        if exists:
            raise Duplicate(_("A rate for HSN {hsn} from {day} is already in the table.").format(
                hsn=prefix, day=effective_from.isoformat()))
        rate_store.insert_rate(db, hsn_prefix=prefix, rate_bp=rate_bp, cess_bp=cess_bp,
                               effective_from=effective_from.isoformat(),
                               effective_to=effective_to.isoformat() if effective_to else None,
                               description=description, source=source)
        event = ctx.record(db, GstRateAdded(hsn_prefix=prefix, rate_bp=rate_bp, cess_bp=cess_bp,
                                            effective_from=effective_from.isoformat()), origin)
    return Changes(events=(event,))


def load_default_rates(ctx: ServiceContext, *, origin: Origin = SYSTEM) -> int:
    """Fill an empty rate table from the shipped, dated table; returns how many rows were added."""
    path = resources_dir() / "data" / DEFAULT_RATES
    with open(path, encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(line for line in f if not line.startswith("#"))]
    with ctx.store.write() as db:
        if rate_store.rate_count(db):
            return 0
        for row in rows:
            rate_store.insert_rate(
                db, hsn_prefix=row["hsn_prefix"], rate_bp=int(row["rate_bp"]), cess_bp=int(row["cess_bp"] or 0),
                effective_from=row["effective_from"], effective_to=row["effective_to"] or None,
                description=row["description"], source=row["source"])
        ctx.record(db, GstRateAdded(hsn_prefix="*", rate_bp=0, cess_bp=0, effective_from="table"),
                   Origin(actor=origin.actor, reason=f"loaded {len(rows)} dated GST rates from {DEFAULT_RATES}"))
    return len(rows)
