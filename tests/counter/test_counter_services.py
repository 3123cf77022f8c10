"""The counter's services on a real shop file: saved bills, paying, cash memos, returns, day end."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

from app import config
from app.domain.records import Order
from app.errors import CreditLimitExceeded, InputError, InvalidAmount, InvalidQuantity, PriceAboveMrp
from app.services import counter, dayend, khata, returns
from app.services import settings as settings_service
from app.services.counter import DraftLine
from app.services.returns import ReturnLine
from app.services.sales import PaymentIn, SaleLine
from app.session import open_session
from app.store import orders as order_store
from app.store import stock as stock_store


def _order(session, order_id) -> Order:
    found = order_store.get(session.store.db(), order_id)
    assert found is not None
    return found


def test_a_bill_is_saved_as_it_is_rung_up_and_survives_a_restart(data, session, ctx, make_product):
    make_product("SALT1")
    make_product("SUGAR", unit="kg", mrp_paise=None, price_paise=4400, cost_paise=4000)
    first = counter.new_bill(ctx)
    second = counter.new_bill(ctx)
    assert counter.save_bill(ctx, first, lines=[DraftLine(sku="SALT1", qty_milli=2000),
                                                DraftLine(sku="SUGAR", qty_milli=250, discount_paise=100)],
                             bill_discount_paise=50)
    counter.save_bill(ctx, second, lines=[DraftLine(sku="SALT1", qty_milli=1000)])
    counter.hold_bill(ctx, second, label="Mrs Rao")
    session.close()  # as if the PC lost power right now: everything above was committed

    again = open_session(data, "test", clock=ctx.clock)
    try:
        kept = counter.bills(again.store)
        assert [(b.id, b.status, b.label) for b in kept] == [(first, "open", ""), (second, "held", "Mrs Rao")]
        assert kept[0].lines == (DraftLine(sku="SALT1", qty_milli=2000),
                                 DraftLine(sku="SUGAR", qty_milli=250, discount_paise=100))
        assert kept[0].bill_discount_paise == 50
        recalled = counter.recall_bill(again.ctx, second)
        assert recalled.status == "open" and recalled.lines == (DraftLine(sku="SALT1", qty_milli=1000),)
    finally:
        again.close()


def test_paying_records_the_sale_and_forgets_the_bill_in_one_transaction(session, ctx, make_product):
    make_product("SALT1", price_paise=2800, mrp_paise=2800, hsn_code="2501", gst_rate_bp=500)
    bill = counter.new_bill(ctx)
    lines = [SaleLine(sku="SALT1", qty_milli=3000)]
    counter.save_bill(ctx, bill, lines=[DraftLine(sku="SALT1", qty_milli=3000)])
    paid = counter.tender(8400, cash_given_paise=10_000)
    assert paid.change_paise == 1600
    changes = counter.complete_bill(ctx, bill, lines=lines, payments=paid.payments)
    order = _order(session, changes.id)
    assert order.total_paise == 8400 and order.doc_type == "tax_invoice"
    assert order.invoice_no == "INV/2627/00001"
    assert counter.bills(session.store) == []
    assert stock_store.on_hand(session.store.db(), "SALT1") == 47_000


def test_a_refused_payment_keeps_the_bill(session, ctx, make_product):
    make_product("SALT1")
    bill = counter.new_bill(ctx)
    counter.save_bill(ctx, bill, lines=[DraftLine(sku="SALT1", qty_milli=1000)])
    with pytest.raises(InvalidAmount):
        counter.complete_bill(ctx, bill, lines=[SaleLine(sku="SALT1", qty_milli=1000)],
                              payments=[PaymentIn(method="cash", amount_paise=100)])
    with pytest.raises(PriceAboveMrp):
        counter.complete_bill(ctx, bill, lines=[SaleLine(sku="SALT1", qty_milli=1000, unit_price_paise=9999)],
                              payments=[PaymentIn(method="cash", amount_paise=9999)])
    assert [b.id for b in counter.bills(session.store)] == [bill]
    assert order_store.recent(session.store.db()) == []


def test_khata_above_the_limit_needs_confirmation(session, ctx, make_product):
    make_product("ATTA", price_paise=24_500, mrp_paise=26_000, cost_paise=22_800)
    customer = khata.create_customer(ctx, name="Ramesh", credit_limit_paise=20_000).id
    lines = [SaleLine(sku="ATTA", qty_milli=1000)]
    split = counter.tender(24_500, khata_paise=24_500)
    with pytest.raises(CreditLimitExceeded):
        counter.complete_bill(ctx, None, lines=lines, payments=split.payments, customer_id=customer)
    changes = counter.complete_bill(ctx, None, lines=lines, payments=split.payments, customer_id=customer,
                                    confirmed=True)
    assert _order(session, changes.id).customer_id == customer
    assert khata.get_customer(session.store.db(), customer).khata_balance_paise == 24_500


def test_tender_splits_between_ways_of_paying():
    split = counter.tender(50_000, cash_given_paise=20_000, upi_paise=25_000, card_paise=10_000,
                           upi_reference="B1T1", card_reference="1234")
    assert [(p.method, p.amount_paise, p.tendered_paise, p.reference) for p in split.payments] == [
        ("cash", 15_000, 20_000, ""), ("upi", 25_000, None, "B1T1"), ("card", 10_000, None, "1234")]
    assert split.change_paise == 5_000
    with pytest.raises(InputError):
        counter.tender(10_000, cash_given_paise=5_000)
    with pytest.raises(InputError):
        counter.tender(10_000, upi_paise=20_000)


def test_upi_link_follows_the_npci_format():
    link = counter.upi_link(vpa="sharma@okhdfcbank", payee="Sharma Kirana Store", amount_paise=24_550,
                            reference="B12T260615100000", note="Bill B12")
    assert link.startswith("upi://pay?pa=sharma@okhdfcbank&pn=Sharma%20Kirana%20Store&am=245.50&cu=INR")
    query = parse_qs(urlsplit(link).query)
    assert query["tr"] == ["B12T260615100000"] and query["tn"] == ["Bill B12"]
    with pytest.raises(InputError):
        counter.upi_link(vpa="not a vpa", payee="x", amount_paise=100, reference="")


def test_small_bills_get_a_cash_memo_and_one_consolidated_invoice_at_day_end(session, ctx, make_product):
    make_product("SALT1", price_paise=2800, mrp_paise=3000, hsn_code="2501", gst_rate_bp=500)
    make_product("SOAP", price_paise=4500, mrp_paise=5000, hsn_code="3401", gst_rate_bp=1800)
    settings_service.set_setting(ctx, config.CONSOLIDATE_BELOW.key, 20_000)
    small = [counter.complete_bill(ctx, None, lines=[SaleLine(sku=sku, qty_milli=1000)],
                                   payments=[PaymentIn(method="cash", amount_paise=price)]).id
             for sku, price in (("SALT1", 2800), ("SOAP", 4500), ("SALT1", 2800))]
    asked = counter.complete_bill(ctx, None, lines=[SaleLine(sku="SALT1", qty_milli=1000)],
                                  payments=[PaymentIn(method="cash", amount_paise=2800)], want_invoice=True).id
    big = counter.complete_bill(ctx, None, lines=[SaleLine(sku="SOAP", qty_milli=5000)],
                                payments=[PaymentIn(method="cash", amount_paise=22_500)]).id
    memos = [_order(session, i) for i in small]
    assert [(m.doc_type, m.invoice_no) for m in memos] == [
        ("none", "CM/2627/00001"), ("none", "CM/2627/00002"), ("none", "CM/2627/00003")]
    assert _order(session, asked).invoice_no == "INV/2627/00001"
    assert _order(session, big).invoice_no == "INV/2627/00002"
    assert settings_service.get(session.store, config.INVOICE_PREFIX) == "INV"  # the prefix was put back

    changes = dayend.issue_day_invoices(ctx)
    (issued,) = dayend.day_invoices(session.store.db())
    assert changes.events[0].invoice_no == issued.invoice_no == "INV/2627/00003"  # the same series, next number
    assert issued.bill_count == 3 and issued.memo_numbers == ("CM/2627/00001", "CM/2627/00002", "CM/2627/00003")
    assert issued.total_paise == sum(m.total_paise - m.round_off_paise for m in memos)
    assert issued.taxable_paise == sum(m.taxable_paise for m in memos)
    assert issued.cgst_paise == sum(m.cgst_paise for m in memos) == issued.sgst_paise
    assert [(line.hsn_code, line.gst_rate_bp) for line in issued.lines] == [("2501", 500), ("3401", 1800)]
    assert dayend.issue_day_invoices(ctx).events == ()  # each memo is covered once


def test_a_return_takes_the_original_rate_and_adds_up_to_the_invoice(session, ctx, make_product):
    make_product("SOAP", price_paise=4500, mrp_paise=5000, hsn_code="3401", gst_rate_bp=1800)
    sale = counter.complete_bill(ctx, None, lines=[SaleLine(sku="SOAP", qty_milli=3000, discount_paise=1000)],
                                 payments=[PaymentIn(method="cash", amount_paise=12_500)]).id
    original = _order(session, sale)
    from app.services import catalog

    catalog.update_product(ctx, "SOAP", gst_rate_bp=500)  # the rate changed since the sale
    ctx.clock.advance(timedelta(days=2))
    first = returns.record_return(ctx, sale, lines=[ReturnLine(line_no=1, qty_milli=1000)]).id
    with pytest.raises(InvalidQuantity):
        returns.record_return(ctx, sale, lines=[ReturnLine(line_no=1, qty_milli=3000)])
    second = returns.record_return(ctx, sale, lines=[ReturnLine(line_no=1, qty_milli=2000)]).id
    notes = [_order(session, first), _order(session, second)]
    assert [n.invoice_no for n in notes] == ["CN/2627/00001", "CN/2627/00002"]
    assert all(n.kind == "return" and n.doc_type == "credit_note" and n.original_order_id == sale for n in notes)
    assert all(line.gst_rate_bp == 1800 for n in notes for line in n.lines)
    for part in ("taxable_paise", "cgst_paise", "sgst_paise"):
        assert sum(getattr(n.lines[0], part) for n in notes) == getattr(original.lines[0], part)
    assert sum(n.total_paise for n in notes) == original.total_paise
    assert stock_store.on_hand(session.store.db(), "SOAP") == 50_000
    refunds = order_store.payments(session.store.db(), first)
    assert [(p.method, p.amount_paise) for p in refunds] == [("cash", -notes[0].total_paise)]


def test_a_khata_bill_is_refunded_onto_the_khata(session, ctx, make_product):
    make_product("ATTA", price_paise=24_500, mrp_paise=26_000, cost_paise=22_800)
    customer = khata.create_customer(ctx, name="Ramesh", credit_limit_paise=100_000).id
    sale = counter.complete_bill(ctx, None, lines=[SaleLine(sku="ATTA", qty_milli=2000)], customer_id=customer,
                                 payments=[PaymentIn(method="khata", amount_paise=49_000)]).id
    returns.record_return(ctx, sale, lines=[ReturnLine(line_no=1, qty_milli=1000)])
    assert khata.get_customer(session.store.db(), customer).khata_balance_paise == 24_500


def test_the_z_report_counts_the_day_and_is_kept(session, ctx, make_product):
    make_product("SALT1", price_paise=2800, mrp_paise=3000)
    customer = khata.create_customer(ctx, name="Ramesh", credit_limit_paise=100_000).id
    counter.complete_bill(ctx, None, lines=[SaleLine(sku="SALT1", qty_milli=2000)],
                          payments=counter.tender(5600, cash_given_paise=10_000).payments)
    sale = counter.complete_bill(ctx, None, lines=[SaleLine(sku="SALT1", qty_milli=1000)],
                                 payments=counter.tender(2800, upi_paise=2800).payments).id
    counter.complete_bill(ctx, None, lines=[SaleLine(sku="SALT1", qty_milli=1000)], customer_id=customer,
                          payments=counter.tender(2800, khata_paise=2800).payments)
    khata.receive_payment(ctx, customer, 1000, method="cash")
    returns.record_return(ctx, sale, lines=[ReturnLine(line_no=1, qty_milli=1000)],
                          refunds=[PaymentIn(method="cash", amount_paise=2800)])
    summary = dayend.day_summary(ctx, opening_cash_paise=50_000)
    assert (summary.bills, summary.sales_paise, summary.returns, summary.returns_paise) == (3, 11_200, 1, 2800)
    assert summary.by_method == {"cash": 5600 + 1000 - 2800, "khata": 2800, "upi": 2800}
    assert summary.expected_cash_paise == 50_000 + 3800
    z_no = dayend.close_day(ctx, counted_cash_paise=53_700, opening_cash_paise=50_000).id
    (report,) = dayend.z_reports(session.store)
    assert report.z_no == z_no == 1 and report.difference_paise == -100
    assert report.summary.net_sales_paise == 8400
    with pytest.raises(Exception, match="never changed"), session.store.write() as db:
        db.execute("DELETE FROM counter_zreport")
