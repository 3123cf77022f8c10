"""Confirmed product photos: each one teaches the photo tagger what this shop's goods look like."""

from __future__ import annotations

from app.errors import InputError, NotFound
from app.events import PhotoConfirmed
from app.i18n import _
from app.services.changes import Changes
from app.services.context import SELLER, Origin, ServiceContext
from app.store import catalog as catalog_store
from app.store import photos as photos_store


def confirm_photo(ctx: ServiceContext, *, photo_key: str, category: str, vector: bytes, model: str,
                  sku: str | None = None, origin: Origin = SELLER) -> Changes:
    """Remember that the photo ``photo_key`` shows goods of ``category`` (and, if given, the item ``sku``).

    Confirming the same photo again replaces its category: the seller's latest word counts."""
    if not photo_key or not vector:
        raise InputError(_("That photo could not be read, so it cannot be confirmed."))
    now = ctx.now_iso()
    with ctx.store.write() as db:
        if catalog_store.get_category(db, category) is None:
            raise NotFound(_("There is no category '{code}'.").format(code=category))
        if sku is not None and catalog_store.get(db, sku) is None:
            raise NotFound(_("There is no item with the code '{sku}'.").format(sku=sku))
        photos_store.save_embedding(db, photo_key=photo_key, sku=sku, category=category, model=model, vector=vector,
                                    at=now, actor=origin.actor)
        event = ctx.record(db, PhotoConfirmed(photo_key=photo_key, category=category, sku=sku), origin, at=now)
    return Changes(products=frozenset({sku}) if sku else frozenset(), events=(event,))
