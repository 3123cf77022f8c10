"""A listing made from a photo (the real onboarding and models) kept on an item: photos, words, and only
the details the item did not have."""

import json
from pathlib import Path

import pytest

from app.errors import NotFound
from app.services.product_listing import save_listing
from app.store import catalog
from app.store.product_listing import get_listing

PACK = Path(__file__).resolve().parents[1] / "data" / "packs" / "pack_000.jpg"


def test_a_photos_listing_is_kept_on_the_item_without_overwriting_it(session, ctx, make_product):
    make_product("TEA1", name_en="Tea 250 g", brand="Wagh Bakri", hsn_code="", gst_rate_bp=None)
    listing = session.listing_from_photos([PACK], price_paise=2800)
    assert listing.images and listing.images[0].role == "main"
    changes = save_listing(ctx, "TEA1", listing)
    db = session.store.db()
    saved = get_listing(db, "TEA1")
    assert saved is not None and saved.images == len(listing.images)
    assert saved.specifications == {str(k): str(v) for k, v in listing.specifications.items()}
    assert saved.tags == list(listing.tags) and saved.title_en == (listing.title or "")
    product = catalog.get(db, "TEA1")
    assert product.brand == "Wagh Bakri"  # the seller's own brand stays
    if listing.hsn_code:
        assert product.hsn_code == listing.hsn_code
    if listing.gst_rate_bp is not None:
        assert product.gst_rate_bp == listing.gst_rate_bp
    assert product.price_paise == 2800  # prices are never touched by a photo
    jpeg = db.execute("SELECT jpeg FROM product_image WHERE sku = 'TEA1' AND position = 0").fetchone()[0]
    assert jpeg[:2] == b"\xff\xd8"  # a JPEG
    event = json.loads(db.execute("SELECT data_json FROM event WHERE type = 'ProductUpdated' ORDER BY id DESC"
                                  " LIMIT 1").fetchone()[0])
    assert event["sku"] == "TEA1" and event["fields"][0] == "listing" and changes.products == {"TEA1"}

    save_listing(ctx, "TEA1", listing)  # saved again: replaced, not added twice
    assert get_listing(db, "TEA1").images == len(listing.images)
    with pytest.raises(NotFound):
        save_listing(ctx, "NOPE", listing)
