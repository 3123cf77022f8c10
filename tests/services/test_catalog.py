import pytest

from app.errors import Duplicate, NeedsConfirmation, PriceAboveMrp
from app.services import catalog, inventory
from app.store import catalog as catalog_store
from app.store import stock as stock_store


def test_create_and_find_in_english_hindi_and_romanised_hindi(session, make_product):
    make_product("SALT1", name_en="Tata Salt 1 kg", name_hi="टाटा नमक 1 किलो", keywords="namak", brand="Tata",
                 barcode="8904000210037")
    make_product("ATTA5", name_en="Aashirvaad Atta 5 kg", name_hi="आशीर्वाद आटा 5 किलो", keywords="atta gehun")
    db = session.store.db()
    assert [p.sku for p in catalog_store.search(db, "namak")] == ["SALT1"]
    assert [p.sku for p in catalog_store.search(db, "नमक")] == ["SALT1"]
    assert [p.sku for p in catalog_store.search(db, "aash at")] == ["ATTA5"]
    assert [p.sku for p in catalog_store.search(db, "8904000210037")] == ["SALT1"]
    assert [p.sku for p in catalog_store.by_name_prefix(db, "Tata")] == ["SALT1"]
    assert catalog_store.by_barcode(db, "8904000210037").sku == "SALT1"
    assert stock_store.on_hand(db, "SALT1") == 50_000


def test_price_changes_keep_history_and_respect_mrp(session, ctx, make_product):
    make_product("A", price_paise=2800, mrp_paise=3000, cost_paise=2400)
    with pytest.raises(PriceAboveMrp, match="above the MRP"):
        catalog.change_price(ctx, "A", price_paise=3100)
    with pytest.raises(NeedsConfirmation, match="below the cost"):
        catalog.change_price(ctx, "A", price_paise=2000)
    catalog.change_price(ctx, "A", price_paise=2000, confirmed=True)
    catalog.change_price(ctx, "A", price_paise=3200, mrp_paise=3200)  # a new MRP printed on new stock
    db = session.store.db()
    history = db.execute("SELECT price_paise, mrp_paise FROM price_history WHERE sku = 'A' ORDER BY id").fetchall()
    assert history == [(2800, 3000), (2000, 3000), (3200, 3200)]
    events = db.execute("SELECT data_json FROM event WHERE type = 'PriceChanged' ORDER BY id").fetchall()
    assert len(events) == 2


def test_lowering_the_mrp_below_the_price_is_refused(ctx, make_product):
    make_product("A", price_paise=2800, mrp_paise=3000)
    with pytest.raises(PriceAboveMrp):
        catalog.change_price(ctx, "A", price_paise=2800, mrp_paise=2500)


def test_duplicate_codes_and_barcodes(ctx, make_product):
    make_product("A", barcode="8904000210037")
    with pytest.raises(Duplicate):
        make_product("A")
    with pytest.raises(Duplicate, match="already belongs"):
        make_product("B", barcode="8904000210037")


def test_price_changes_of_a_listed_item_coalesce_in_the_outbox(session, ctx, make_product):
    make_product("A", price_paise=2000, mrp_paise=3000, cost_paise=1500)
    catalog.add_channel(ctx, code="shopify", name="My web shop")
    catalog.list_on_channel(ctx, channel="shopify", sku="A")
    for price in (2100, 2200, 2300):
        catalog.change_price(ctx, "A", price_paise=price)
    rows = session.store.db().execute(
        "SELECT status, payload_json, idem_key FROM outbox WHERE op = 'listing.price' ORDER BY created_seq").fetchall()
    assert [r[0] for r in rows] == ["superseded"] * 3 + ["pending"]
    assert '"price_paise":2300' in rows[-1][1]
    assert len({r[2] for r in rows}) == 4  # each row has its own idempotency key


def test_archived_items_leave_search_but_keep_history(session, ctx, make_product):
    make_product("A", name_en="Old soap")
    inventory.receive_stock(ctx, "A", 1000)
    catalog.archive_product(ctx, "A")
    db = session.store.db()
    assert catalog_store.search(db, "soap") == []
    assert catalog_store.get(db, "A").active is False
    assert stock_store.on_hand(db, "A") == 51_000
