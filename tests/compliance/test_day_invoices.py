"""Cash memos and the day's consolidated invoice: the memos' tax is in B2CS, the day invoice is the
document counted in Table 13, and the invoice series has no gap."""

from __future__ import annotations

from datetime import date

from app import config
from app.domain.gst_returns import parse_period
from app.services import catalog, counter, dayend, gst_returns, settings
from app.services.sales import PaymentIn, SaleLine, quote_sale
from compliance.books import at


def test_memos_counted_once_and_the_day_invoice_as_a_document(session, ctx, clock):
    settings.set_setting(ctx, config.CONSOLIDATE_BELOW.key, 200_00)
    catalog.create_product(ctx, sku="BISC", name_en="Biscuit", price_paise=3000, hsn_code="1905",
                           opening_stock_milli=100_000)
    day = date(2026, 6, 10)
    for qty in (1000, 2000, 3000):  # three small bills: cash memos
        lines = [SaleLine(sku="BISC", qty_milli=qty)]
        total = quote_sale(ctx, lines=lines, at=at(day)).total_paise
        counter.complete_bill(ctx, None, lines=lines, payments=[PaymentIn(method="cash", amount_paise=total)],
                              at=at(day), confirmed=True)
    lines = [SaleLine(sku="BISC", qty_milli=10_000)]  # ₹300: a tax invoice of its own
    total = quote_sale(ctx, lines=lines, at=at(day)).total_paise
    counter.complete_bill(ctx, None, lines=lines, payments=[PaymentIn(method="cash", amount_paise=total)],
                          at=at(day), confirmed=True)
    clock.set(at(date(2026, 6, 11)))
    dayend.issue_day_invoices(ctx, through=day)
    prepared = gst_returns.prepare(session.store, parse_period("2026-06"))
    doc = prepared.gstr1()
    assert gst_returns.schema_errors(doc) == []
    db = session.store.db()
    tax = db.execute("SELECT sum(cgst_paise), sum(taxable_paise) FROM order_line").fetchone()
    row = doc["b2cs"][0]
    assert (round(row["camt"] * 100), round(row["txval"] * 100)) == tuple(tax)
    invoices = doc["doc_issue"]["doc_det"][0]["docs"]
    day_invoice = db.execute("SELECT invoice_no FROM counter_day_invoice").fetchone()[0]
    assert [(d["totnum"], d["to"]) for d in invoices] == [(2, day_invoice)]  # the ₹300 invoice and the day's
    assert not [i for i in prepared.issues if i.code.startswith("number_")]
