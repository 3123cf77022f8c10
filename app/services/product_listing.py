"""Saving the onboarding's listing onto an item: its title, description and specifications in English
and Hindi, its photos (the main one first), and the details the item did not have yet (brand, HSN code,
GST rate, pack size). One transaction with one ``ProductUpdated`` event.

What the item already has is never overwritten by what a photo suggested: the seller typed it, or it came
from the supplier's list. Prices and the MRP are left alone too (changing them is ``change_price``, with its
checks). The listing is taken duck-typed (an ``app.onboarding.Listing``): services do not import
the onboarding room.
"""

from __future__ import annotations

import contextlib
from typing import Any

from app.domain.gst import check_hsn
from app.errors import AppError, InputError, NotFound
from app.events import ProductUpdated
from app.i18n import _
from app.services.changes import Changes
from app.services.context import SELLER, Origin, ServiceContext
from app.store import catalog
from app.store import product_listing as listing_store

__all__ = ["save_listing"]

MAX_IMAGES = 8


def _filled(product: Any, listing: Any) -> dict[str, Any]:
    """The item's empty details the listing can fill."""
    values: dict[str, Any] = {}
    if not product.brand and listing.brand:
        values["brand"] = str(listing.brand)[:80]
    if not product.hsn_code and listing.hsn_code:
        with contextlib.suppress(AppError):  # a suggestion that is not a valid code is left for the seller
            values["hsn_code"] = check_hsn(listing.hsn_code)
    if product.gst_rate_bp is None and listing.gst_rate_bp is not None:
        values["gst_rate_bp"] = int(listing.gst_rate_bp)
    if not product.pack_size and listing.net_quantity:
        values["pack_size"] = str(listing.net_quantity)[:40]
    return values


def save_listing(ctx: ServiceContext, sku: str, listing: Any, *, origin: Origin = SELLER) -> Changes:
    """Keep ``listing`` as the item's listing (replacing an earlier one) and fill its empty details."""
    images = [(img.role, int(img.width), int(img.height), bytes(img.jpeg)) for img in listing.images][:MAX_IMAGES]
    if not images:
        raise InputError(_("The photo gave no picture to keep."), hint=_("Drop a clear photo of the pack."))
    now = ctx.now_iso()
    with ctx.store.write() as db:
        product = catalog.get(db, sku)
        if product is None:
            raise NotFound(_("There is no item with the code '{sku}'.").format(sku=sku))
        filled = _filled(product, listing)
        listing_store.fill_details(db, sku, filled, now)
        listing_store.replace_listing(db, sku, {
            "title_en": listing.title or "", "title_hi": listing.title_hi or "",
            "description_en": listing.description_en or "", "description_hi": listing.description_hi or "",
            "specifications": {str(k): str(v) for k, v in dict(listing.specifications).items()},
            "tags": [str(t) for t in listing.tags], "net_quantity": listing.net_quantity or ""},
            images, now, origin.actor)
        event = ctx.record(db, ProductUpdated(sku=sku, fields=("listing", *sorted(filled))), origin, at=now)
    return Changes(products=frozenset({sku}), events=(event,))
