"""Checks before filing, on bills recorded through the services (and, for what the services already
refuse to record, on documents built directly)."""

from __future__ import annotations

from datetime import date

from app.domain.gst import TaxSplit
from app.domain.gst_checks import bad_buyer_gstin, numbering, orphan_credit_notes
from app.domain.gst_returns import DocLine, IssuedDoc, OutwardDoc, parse_period
from app.services import catalog, gst_returns
from app.services.sales import PaymentIn, SaleLine, quote_sale, record_sale
from compliance.books import at


def _sell(ctx, sku: str, day: date) -> str:
    lines = [SaleLine(sku=sku, qty_milli=1000)]
    total = quote_sale(ctx, lines=lines, at=at(day)).total_paise
    order_id = record_sale(ctx, lines=lines, payments=[PaymentIn(method="cash", amount_paise=total)], at=at(day),
                           confirmed=True).id
    return ctx.store.db().execute("SELECT invoice_no FROM orders WHERE id = ?", (order_id,)).fetchone()[0]


def _codes(store, period: str) -> dict[str, tuple[str, ...]]:
    return {i.code: i.documents for i in gst_returns.prepare(store, parse_period(period)).issues}


def test_hsn_and_rate_problems_name_their_bills(session, ctx):
    catalog.create_product(ctx, sku="OK", name_en="Biscuit", price_paise=3000, hsn_code="1905")
    catalog.create_product(ctx, sku="NOHSN", name_en="Loose snack", price_paise=3000, gst_rate_bp=500)
    catalog.create_product(ctx, sku="SHORT", name_en="Bakery", price_paise=3000, hsn_code="19",
                           gst_rate_bp=500)
    # the seller's own rate of 18 % on biscuits, which the table has at 5 % since 22 Sep 2025
    catalog.create_product(ctx, sku="WRONG", name_en="Cookies", price_paise=3000, hsn_code="1905", gst_rate_bp=1800)
    day = date(2026, 6, 10)
    good = _sell(ctx, "OK", day)
    no_hsn, short, wrong = (_sell(ctx, sku, day) for sku in ("NOHSN", "SHORT", "WRONG"))
    found = _codes(session.store, "2026-06")
    assert found["hsn_missing"] == (no_hsn,)
    assert found["hsn_short"] == (short,)
    # the item's own rate is the seller's choice: the item is listed to confirm, not its bills
    assert "rate_mismatch" not in found and found["own_rate"] == ("Cookies",)
    assert good not in sum(found.values(), ()) and wrong not in sum(found.values(), ())


def test_bill_whose_rate_the_table_no_longer_gives(session, ctx):
    from app.services import taxes

    catalog.create_product(ctx, sku="OK", name_en="Biscuit", price_paise=3000, hsn_code="1905")
    number = _sell(ctx, "OK", date(2026, 6, 10))
    assert "rate_mismatch" not in _codes(session.store, "2026-06")
    # the table is corrected afterwards (a rate in force from 1 June the shop had not entered)
    taxes.add_rate(ctx, hsn_prefix="1905", rate_bp=1800, effective_from=date(2026, 6, 1))
    assert _codes(session.store, "2026-06")["rate_mismatch"] == (number,)


def test_six_digits_needed_above_five_crore(session, ctx):
    from app import config
    from app.services import settings

    catalog.create_product(ctx, sku="OK", name_en="Biscuit", price_paise=3000, hsn_code="1905")
    number = _sell(ctx, "OK", date(2026, 6, 10))
    assert "hsn_short" not in _codes(session.store, "2026-06")
    settings.set_setting(ctx, config.GST_PRIOR_TURNOVER_PAISE.key, 6_00_00_000_00)
    assert _codes(session.store, "2026-06")["hsn_short"] == (number,)


def _doc(number: str, day: date, **kw) -> OutwardDoc:
    line = DocLine(hsn="1905", name="x", unit="pcs", qty_milli=1000, rate_bp=500, cess_bp=0,
                   split=TaxSplit(2857, 72, 71))
    values = {"order_id": 1, "kind": "sale", "doc_type": "tax_invoice", "number": number, "day": day,
              "status": "completed", "customer_name": "", "customer_gstin": None, "place_of_supply": "27",
              "interstate": False, "total_paise": 3000, "lines": (line,)}
    values.update(kw)
    return OutwardDoc(**values)


def test_buyer_gstin_failing_its_check_character():
    docs = [_doc("INV/2627/00001", date(2026, 6, 1), customer_gstin="27AAPFU0939F1ZV"),
            _doc("INV/2627/00002", date(2026, 6, 1), customer_gstin="27AAPFU0939F1ZX")]
    issue = bad_buyer_gstin(docs, gst_returns.valid_gstin)
    assert issue is not None and issue.documents == ("INV/2627/00002",)


def test_credit_note_without_its_original():
    docs = [_doc("CN/2627/00001", date(2026, 6, 2), kind="return", doc_type="credit_note"),
            _doc("CN/2627/00002", date(2026, 6, 2), kind="return", doc_type="credit_note", original_id=5,
                 original_number="INV/2627/00001", original_day=date(2026, 6, 1))]
    issue = orphan_credit_notes(docs)
    assert issue is not None and issue.documents == ("CN/2627/00001",)


def test_gaps_and_duplicates_in_a_series():
    period = parse_period("2026-06")
    docs = [_doc(f"INV/2627/{n:05d}", date(2026, 6, 3)) for n in (1, 2, 5, 6)]
    issued = [IssuedDoc(number="INV/2627/00006", day=date(2026, 6, 3)),
              IssuedDoc(number="DAY/2627/00001", day=date(2026, 6, 3))]
    found = {i.code: i.documents for i in numbering(docs, issued, period)}
    assert found["number_gap"] == ("INV/2627/00003", "INV/2627/00004")
    assert found["number_duplicate"] == ("INV/2627/00006",)
