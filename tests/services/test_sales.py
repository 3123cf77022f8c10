import json
from datetime import UTC, datetime

import pytest

from app.errors import CreditLimitExceeded, InvalidAmount, InvalidState
from app.services import catalog, khata, sales, shop
from app.services.sales import PaymentIn, RemoteLine, SaleLine
from app.store import orders, outbox
from app.store import stock as stock_store
from tests.conftest import table_snapshot


def test_a_counter_sale_writes_everything_in_one_go(session, ctx, make_product):
    make_product("BISC", name_en="Parle-G 250g", price_paise=2500, mrp_paise=2500, hsn_code="1905")
    make_product("SALT", name_en="Tata Salt 1 kg", price_paise=2800, mrp_paise=2800, hsn_code="2501")
    seen = []
    ctx.bus.subscribe(seen.append)
    changes = sales.record_sale(ctx, lines=[SaleLine(sku="BISC", qty_milli=3000), SaleLine(sku="SALT", qty_milli=2000)],
                                payments=[PaymentIn(method="cash", amount_paise=13_100, tendered_paise=20_000)])
    db = session.store.db()
    order = orders.get(db, changes.id)
    assert order.invoice_no == "INV/2627/00001" and order.fy == "2026-27" and order.doc_type == "tax_invoice"
    assert order.total_paise == 13_100 and order.paid_paise == 13_100
    biscuits, salt = order.lines
    # biscuits at 5 % (GST 2.0), tax-inclusive ₹75: taxable ₹71.43 (rounded so the parts add up)
    assert (biscuits.gst_rate_bp, biscuits.cgst_paise, biscuits.sgst_paise) == (500, 179, 179)
    assert biscuits.taxable_paise == 7142
    assert (salt.gst_rate_bp, salt.taxable_paise, salt.cgst_paise) == (0, 5600, 0)
    assert order.taxable_paise + order.cgst_paise + order.sgst_paise + order.round_off_paise == order.total_paise
    assert stock_store.on_hand(db, "BISC") == 47_000 and stock_store.on_hand(db, "SALT") == 48_000
    moves = db.execute("SELECT sku, qty_milli, reason, source, source_ref FROM stock_move WHERE reason = 'sale'"
                       " ORDER BY id").fetchall()
    assert moves == [("BISC", -3000, "sale", "counter", f"{order.id}:1"), ("SALT", -2000, "sale", "counter",
                                                                         f"{order.id}:2")]
    event = db.execute("SELECT type, actor, subject_type, subject_id, data_json FROM event WHERE type = 'SaleRecorded'"
                       ).fetchone()
    assert event[:4] == ("SaleRecorded", "seller", "order", str(order.id))
    assert json.loads(event[4])["invoice_no"] == "INV/2627/00001"
    assert [e.type for e in seen] == ["SaleRecorded"]  # published after the commit
    payment = orders.payments(db, order.id)[0]
    assert (payment.method, payment.amount_paise, payment.tendered_paise) == ("cash", 13_100, 20_000)
    assert changes.stock == {"BISC", "SALT"} and changes.orders == {order.id}


def test_invoice_numbers_are_consecutive_and_restart_each_financial_year(session, ctx, clock, make_product):
    make_product("A")
    first = sales.record_sale(ctx, lines=[SaleLine(sku="A", qty_milli=1000)],
                              payments=[PaymentIn(method="upi", amount_paise=2800, reference="UTR123")])
    second = sales.record_sale(ctx, lines=[SaleLine(sku="A", qty_milli=1000)],
                               payments=[PaymentIn(method="card", amount_paise=2800)])
    clock.set(datetime(2027, 4, 1, 5, 0, tzinfo=UTC))
    third = sales.record_sale(ctx, lines=[SaleLine(sku="A", qty_milli=1000)],
                              payments=[PaymentIn(method="cash", amount_paise=2800)])
    db = session.store.db()
    numbers = [orders.get(db, c.id).invoice_no for c in (first, second, third)]
    assert numbers == ["INV/2627/00001", "INV/2627/00002", "INV/2728/00001"]
    assert all(len(n) <= 16 for n in numbers)


def test_gst_follows_the_date_of_the_sale(session, ctx, make_product):
    make_product("BISC", price_paise=1180, mrp_paise=1180, cost_paise=900, hsn_code="19053100")
    before = sales.record_sale(ctx, lines=[SaleLine(sku="BISC", qty_milli=1000)],
                               payments=[PaymentIn(method="cash", amount_paise=1200)],
                               at=datetime(2025, 9, 21, 6, 0, tzinfo=UTC))
    after = sales.record_sale(ctx, lines=[SaleLine(sku="BISC", qty_milli=1000)],
                              payments=[PaymentIn(method="cash", amount_paise=1200)],
                              at=datetime(2025, 9, 22, 6, 0, tzinfo=UTC))
    db = session.store.db()
    assert orders.get(db, before.id).lines[0].gst_rate_bp == 1800
    assert orders.get(db, after.id).lines[0].gst_rate_bp == 500


def test_loose_goods_by_weight_and_a_bill_discount(session, ctx, make_product):
    make_product("SUGAR", unit="kg", price_paise=4600, mrp_paise=None, cost_paise=4000, hsn_code="1701")
    quote = sales.quote_sale(ctx, lines=[SaleLine(sku="SUGAR", qty_milli=750)], bill_discount_paise=50)
    assert quote.bill.gross_paise == 3450 and quote.bill.discount_paise == 50 and quote.total_paise == 3400
    changes = sales.record_sale(ctx, lines=[SaleLine(sku="SUGAR", qty_milli=750)], bill_discount_paise=50,
                                payments=[PaymentIn(method="cash", amount_paise=3400)])
    order = orders.get(session.store.db(), changes.id)
    assert order.total_paise == quote.total_paise and order.lines[0].discount_paise == 50
    assert stock_store.on_hand(session.store.db(), "SUGAR") == 49_250


def test_interstate_sale_charges_igst(session, ctx, make_product):
    make_product("A", price_paise=11_800, mrp_paise=11_800, cost_paise=9000, hsn_code="3402")
    changes = sales.record_sale(ctx, lines=[SaleLine(sku="A", qty_milli=1000)], place_of_supply="29",
                                payments=[PaymentIn(method="bank", amount_paise=11_800)])
    order = orders.get(session.store.db(), changes.id)
    assert order.interstate and order.igst_paise == 1800 and order.cgst_paise == order.sgst_paise == 0


def test_composition_dealer_issues_a_bill_of_supply_without_tax(session, ctx, make_product):
    shop.update_shop(ctx, gst_scheme="composition")
    make_product("A", price_paise=2500, mrp_paise=2500, hsn_code="1905")
    changes = sales.record_sale(ctx, lines=[SaleLine(sku="A", qty_milli=2000)],
                                payments=[PaymentIn(method="cash", amount_paise=5000)])
    order = orders.get(session.store.db(), changes.id)
    assert order.doc_type == "bill_of_supply" and order.invoice_no.startswith("BOS/")
    assert order.cgst_paise == order.sgst_paise == 0 and order.taxable_paise == 5000


def test_khata_sale_within_the_limit_and_refusal_beyond_it(session, ctx, make_product):
    make_product("A", price_paise=2800, mrp_paise=2800)
    customer = khata.create_customer(ctx, name="Sunita Devi", phone="9812312345", credit_limit_paise=5000).id
    sales.record_sale(ctx, lines=[SaleLine(sku="A", qty_milli=1000)], customer_id=customer,
                      payments=[PaymentIn(method="khata", amount_paise=2800)])
    assert khata.get_customer(session.store.db(), customer).khata_balance_paise == 2800
    before = table_snapshot(session)
    with pytest.raises(CreditLimitExceeded) as info:
        sales.record_sale(ctx, lines=[SaleLine(sku="A", qty_milli=1000)], customer_id=customer,
                          payments=[PaymentIn(method="khata", amount_paise=2800)])
    assert "Sunita Devi" in info.value.message and "₹56.00" in info.value.message
    assert table_snapshot(session) == before
    sales.record_sale(ctx, lines=[SaleLine(sku="A", qty_milli=1000)], customer_id=customer, confirmed=True,
                      payments=[PaymentIn(method="khata", amount_paise=2800)])
    assert khata.get_customer(session.store.db(), customer).khata_balance_paise == 5600


def test_split_payment_must_add_up(session, ctx, make_product):
    make_product("A", price_paise=2800, mrp_paise=2800)
    with pytest.raises(InvalidAmount, match="add up"):
        sales.record_sale(ctx, lines=[SaleLine(sku="A", qty_milli=2000)],
                          payments=[PaymentIn(method="cash", amount_paise=2000), PaymentIn(method="upi",
                                                                                            amount_paise=3000)])
    changes = sales.record_sale(ctx, lines=[SaleLine(sku="A", qty_milli=2000)],
                                payments=[PaymentIn(method="cash", amount_paise=2600),
                                          PaymentIn(method="upi", amount_paise=3000)])
    assert [p.method for p in orders.payments(session.store.db(), changes.id)] == ["cash", "upi"]


def test_sale_of_a_listed_item_tells_the_marketplace(session, ctx, make_product):
    make_product("A", opening_stock_milli=10_000)
    catalog.add_channel(ctx, code="amazon", name="Amazon.in")
    catalog.list_on_channel(ctx, channel="amazon", sku="A", remote_sku="AMZ-A")
    sales.record_sale(ctx, lines=[SaleLine(sku="A", qty_milli=3000)],
                      payments=[PaymentIn(method="cash", amount_paise=8400)])
    db = session.store.db()
    rows = db.execute("SELECT op, status, payload_json FROM outbox WHERE op = 'listing.quantity' ORDER BY created_seq"
                      ).fetchall()
    assert [r[1] for r in rows] == ["superseded", "pending"]  # only the newest quantity will be sent
    assert json.loads(rows[-1][2])["quantity"] == 7
    assert outbox.waiting_count(db) == 3  # content, price, quantity


def test_marketplace_orders_come_in_exactly_once_and_cancel_gives_stock_back(session, ctx, make_product):
    make_product("A", opening_stock_milli=10_000)
    catalog.add_channel(ctx, code="amazon", name="Amazon.in")
    lines = [RemoteLine(sku="A", qty_milli=2000, unit_price_paise=2800, remote_line_id="407-1:1")]
    first = sales.import_marketplace_order(ctx, channel="amazon", remote_id="407-1", lines=lines,
                                           customer_name="R. Iyer", place_of_supply="33")
    again = sales.import_marketplace_order(ctx, channel="amazon", remote_id="407-1", lines=lines)
    db = session.store.db()
    assert again.id == first.id and not again.events
    assert stock_store.on_hand(db, "A") == 8000
    order = orders.get(db, first.id)
    assert order.interstate and order.status == "pending" and order.igst_paise > 0
    sales.set_order_status(ctx, first.id, "accepted")
    with pytest.raises(InvalidState, match="cannot go back"):
        sales.set_order_status(ctx, first.id, "pending")
    sales.cancel_order(ctx, first.id)
    assert stock_store.on_hand(db, "A") == 10_000
    assert orders.get(db, first.id).status == "cancelled"
    sales.cancel_order(ctx, first.id)  # cancelling twice changes nothing
    assert stock_store.on_hand(db, "A") == 10_000


def test_a_completed_bill_is_returned_not_cancelled(session, ctx, make_product):
    make_product("A")
    changes = sales.record_sale(ctx, lines=[SaleLine(sku="A", qty_milli=1000)],
                                payments=[PaymentIn(method="cash", amount_paise=2800)])
    with pytest.raises(InvalidState, match="credit note"):
        sales.cancel_order(ctx, changes.id)
