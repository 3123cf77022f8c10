import json

import pytest

from app.errors import InputError, InvalidState, NeedsConfirmation
from app.services import catalog, inventory, khata, purchasing, suppliers
from app.services.purchasing import PoLine
from app.store import catalog as catalog_store
from app.store import parties
from app.store import stock as stock_store


@pytest.fixture
def supplier(ctx, make_product):
    make_product("BISC", name_en="Parle-G 250g", cost_paise=2000, price_paise=2500, mrp_paise=2500,
                 opening_stock_milli=0)
    sid = suppliers.create_supplier(ctx, name="Gupta Traders", whatsapp="98123 45678", lead_time_days=3,
                                    min_order_paise=50_000, visit_days="mon, thu").id
    suppliers.link_product(ctx, sid, "BISC", cost_paise=2000, case_size_milli=24_000, moq_milli=24_000)
    return sid


def test_purchase_order_respects_cases_and_minimums_unless_confirmed(ctx, supplier):
    with pytest.raises(NeedsConfirmation) as info:
        purchasing.create_purchase_order(ctx, supplier_id=supplier, lines=[PoLine(sku="BISC", qty_milli=10_000)])
    text = info.value.message
    assert "at least 24 pcs" in text and "cases of 24 pcs" in text and "₹500.00" in text
    po = purchasing.create_purchase_order(ctx, supplier_id=supplier, lines=[PoLine(sku="BISC", qty_milli=10_000)],
                                          confirmed=True)
    assert po.id


def test_send_queues_the_whatsapp_message_once(session, ctx, supplier):
    po = purchasing.create_purchase_order(ctx, supplier_id=supplier, lines=[PoLine(sku="BISC", qty_milli=48_000)],
                                          confirmed=True).id
    purchasing.send_purchase_order(ctx, po)
    with pytest.raises(InvalidState, match="already sent"):
        purchasing.send_purchase_order(ctx, po)
    row = session.store.db().execute("SELECT channel, kind, op, payload_json, idem_key FROM outbox").fetchone()
    payload = json.loads(row[3])
    assert row[:3] == ("whatsapp", "command", "purchase_order.send")
    assert payload["to"] == "9812345678" and "Parle-G 250g: 48 pcs" in payload["text"]
    assert row[4] == f"po-send:{payload['po_no']}"


def test_receiving_in_parts_moves_stock_once_per_receipt_and_averages_cost(session, ctx, supplier):
    po = purchasing.create_purchase_order(ctx, supplier_id=supplier, lines=[PoLine(sku="BISC", qty_milli=48_000)],
                                          confirmed=True).id
    purchasing.send_purchase_order(ctx, po)
    purchasing.receive_purchase_order(ctx, po, received={"BISC": 24_000})
    db = session.store.db()
    assert purchasing.get_po(db, po).status == "partly_received"
    purchasing.receive_purchase_order(ctx, po, costs={"BISC": 2200})
    assert purchasing.get_po(db, po).status == "received"
    assert stock_store.on_hand(db, "BISC") == 48_000
    assert catalog_store.get(db, "BISC").cost_paise == 2100  # 24 at ₹20 and 24 at ₹22
    with pytest.raises(InvalidState):
        purchasing.receive_purchase_order(ctx, po)
    refs = [r[0] for r in db.execute("SELECT source_ref FROM stock_move WHERE source = 'po' ORDER BY id")]
    assert len(refs) == 2 and len(set(refs)) == 2


def test_cancel_only_before_goods_arrive(ctx, supplier):
    po = purchasing.create_purchase_order(ctx, supplier_id=supplier, lines=[PoLine(sku="BISC", qty_milli=48_000)],
                                          confirmed=True).id
    purchasing.receive_purchase_order(ctx, po, received={"BISC": 24_000})
    with pytest.raises(InvalidState):
        purchasing.cancel_purchase_order(ctx, po)


def test_khata_payments_and_corrections(session, ctx):
    customer = khata.create_customer(ctx, name="Ramesh", opening_balance_paise=50_000).id
    khata.receive_payment(ctx, customer, 20_000, method="upi", reference="UTR9")
    with pytest.raises(NeedsConfirmation, match="advance"):
        khata.receive_payment(ctx, customer, 40_000)
    with pytest.raises(InputError, match="why"):
        khata.adjust_khata(ctx, customer, -500, note="  ")
    khata.adjust_khata(ctx, customer, -500, note="rounded off at Diwali")
    db = session.store.db()
    assert khata.get_customer(db, customer).khata_balance_paise == 29_500
    assert parties.khata_ledger_sum(db, customer) == 29_500
    assert [e.kind for e in parties.khata_entries(db, customer)] == ["adjustment", "payment", "opening"]


def test_receiving_the_same_delivery_note_twice_is_refused(session, ctx, make_product):
    make_product("A", opening_stock_milli=0)
    inventory.receive_stock(ctx, "A", 12_000, source_ref="DN-77")
    with pytest.raises(InputError, match="already been received"):
        inventory.receive_stock(ctx, "A", 12_000, source_ref="DN-77")
    assert stock_store.on_hand(session.store.db(), "A") == 12_000


def test_stock_count_and_wastage(session, ctx, make_product):
    make_product("A", opening_stock_milli=10_000)
    inventory.count_stock(ctx, "A", 7000)
    inventory.record_wastage(ctx, "A", 1000, note="expired")
    db = session.store.db()
    assert stock_store.on_hand(db, "A") == 6000
    assert [r[0] for r in db.execute("SELECT reason FROM stock_move WHERE sku = 'A' ORDER BY id")] == \
        ["opening", "count", "wastage"]
    catalog.update_product(ctx, "A", name_hi="साबुन")
    assert catalog_store.get(db, "A").name_hi == "साबुन"
