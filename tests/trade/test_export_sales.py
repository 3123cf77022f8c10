"""Zero-rated exports at the counter's service: under the LUT (no IGST) or with IGST paid, in GSTR-1's
``exp`` table (WOPAY / WPAY), the credit note on one in ``cdnur`` (EXPWOP), and in GSTR-3B 3.1 (b); every
paisa of the books still accounted for."""

from __future__ import annotations

from datetime import date

import pytest
from compliance.books import at
from compliance.gstr1_rows import taxed_rows

from app.domain.gst_returns import parse_period
from app.errors import Duplicate, InputError, InvalidState
from app.services import exports, gst_returns
from app.services.sales import PaymentIn, SaleLine
from trade.books import ARN, build_export_books, export_sale, terms

HEADS = ("taxable", "igst", "cgst", "sgst", "cess")
KEYS = {"taxable": "txval", "igst": "iamt", "cgst": "camt", "sgst": "samt", "cess": "csamt"}


@pytest.fixture
def books(ctx):
    return build_export_books(ctx)


def _paise(value: float) -> int:
    return round(value * 100)


def sql_sums(db, start: str, end: str, where: str = "1") -> dict[str, int]:
    row = db.execute(
        f"SELECT {', '.join(f'sum(CASE o.kind WHEN ? THEN -l.{h}_paise ELSE l.{h}_paise END)' for h in HEADS)}"
        f" FROM order_line l JOIN orders o ON o.id = l.order_id WHERE o.business_date BETWEEN ? AND ? AND {where}"
        " AND o.status NOT IN ('draft', 'held', 'cancelled')", ("return",) * len(HEADS) + (start, end)).fetchone()
    return dict(zip(HEADS, (v or 0 for v in row), strict=True))


def return_sums(doc: dict) -> dict[str, int]:
    """Every line of the return, taxed, exempt and exported, credit notes subtracted."""
    out = dict.fromkeys(HEADS, 0)

    def add(det: dict, sign: int) -> None:
        for head in HEADS:
            out[head] += sign * _paise(det.get(KEYS[head], 0))

    for det, sign in taxed_rows(doc):
        add(det, sign)
    out["taxable"] += sum(_paise(r["expt_amt"]) for r in doc.get("nil", {}).get("inv", []))
    return out


def test_an_export_under_the_lut_carries_no_tax_and_keeps_its_total(session, books):
    db = session.store.db()
    order = db.execute("SELECT invoice_no, place_of_supply, interstate, taxable_paise, cgst_paise, sgst_paise,"
                       " igst_paise, cess_paise, total_paise, round_off_paise FROM orders WHERE id = ?",
                       (books["exp_lut"],)).fetchone()
    assert order[0].startswith("EXP/2627/") and order[1] == "96" and order[2] == 1
    assert order[4:8] == (0, 0, 0, 0)
    assert order[3] + order[9] == order[8]  # the whole amount is taxable value
    lines = db.execute("SELECT gst_rate_bp, taxable_paise, igst_paise, total_paise FROM order_line WHERE order_id = ?",
                       (books["exp_lut"],)).fetchall()
    assert [r[0] for r in lines] == [500, 500, 0]  # the goods' own rates are kept for the return
    assert all(r[1] == r[3] and r[2] == 0 for r in lines)
    row = exports.export(session.store, books["exp_lut"])
    assert row["mode"] == "lut" and row["lut_arn"] == ARN and row["country"] == "AE"


def test_an_export_with_igst_paid_is_split_like_an_interstate_sale(session, books):
    db = session.store.db()
    taxable, igst, cgst, sgst, round_off, total = db.execute(
        "SELECT taxable_paise, igst_paise, cgst_paise, sgst_paise, round_off_paise, total_paise FROM orders"
        " WHERE id = ?", (books["exp_igst"],)).fetchone()
    assert (cgst, sgst) == (0, 0)
    assert igst == 7627  # ten batteries at Rs 50 including 18 % IGST: 50000 * 1800 / 11800, rounded
    assert taxable + igst + round_off == total
    assert exports.export(session.store, books["exp_igst"])["mode"] == "igst"


@pytest.mark.parametrize(("period", "start", "end"), [("2026-08", "2026-08-01", "2026-08-31"),
                                                      ("2026-09", "2026-09-01", "2026-09-30"),
                                                      ("2026-Q3", "2026-07-01", "2026-09-30")])
def test_gstr1_with_exports_accounts_for_every_paisa(session, books, period, start, end):
    doc = gst_returns.prepare(session.store, parse_period(period)).gstr1()
    assert gst_returns.schema_errors(doc) == []
    db = session.store.db()
    assert return_sums(doc) == sql_sums(db, start, end)
    exported = sql_sums(db, start, end, "o.place_of_supply = '96'")
    exp_sum = {h: sum(_paise(i.get(KEYS[h], 0)) for g in doc.get("exp", []) for inv in g["inv"] for i in inv["itms"])
               for h in ("taxable", "igst")}
    notes = [n for n in doc.get("cdnur", []) if n["typ"].startswith("EXP")]
    note_sum = {h: sum(_paise(i["itm_det"].get(KEYS[h], 0)) for n in notes for i in n["itms"])
                for h in ("taxable", "igst")}
    assert {h: exp_sum[h] - note_sum[h] for h in exp_sum} == {h: exported[h] for h in ("taxable", "igst")}
    # exports never leak into the tables for sales at home
    assert all(r["pos"] != "96" for r in doc.get("b2cs", []))
    assert all(g["pos"] != "96" for g in doc.get("b2cl", []))


def test_gstr1_exp_table_has_wopay_and_wpay_with_rates(session, books):
    prepared = gst_returns.prepare(session.store, parse_period("2026-Q3"))
    assert [i.code for i in prepared.issues] == ["supplier_gstin"]  # exports raise no false problem
    doc = prepared.gstr1()
    kinds = {g["exp_typ"]: g["inv"] for g in doc["exp"]}
    assert set(kinds) == {"WOPAY", "WPAY"}
    lut_inv = kinds["WOPAY"][0]
    assert sorted(i["rt"] for i in lut_inv["itms"]) == [0, 5] and all(i["iamt"] == 0 for i in lut_inv["itms"])
    paid = kinds["WPAY"][0]
    assert paid["itms"][0]["rt"] == 18 and paid["itms"][0]["iamt"] > 0
    note = next(n for n in doc["cdnur"] if n["typ"] == "EXPWOP")
    assert all(i["itm_det"]["iamt"] == 0 for i in note["itms"])
    # the export invoices count in the document summary as invoices of their own series
    series = {d["from"][:8] for det in doc["doc_issue"]["doc_det"] for d in det["docs"]}
    assert "EXP/2627" in series


def test_gstr1_carries_the_shipping_bill_once_recorded(session, ctx, clock, books):
    clock.set(at(date(2026, 9, 30)))
    exports.record_proof(ctx, books["exp_igst"], number="1234567", on=date(2026, 9, 12), port_code="INBOM4")
    doc = gst_returns.prepare(session.store, parse_period("2026-09")).gstr1()
    inv = next(g for g in doc["exp"] if g["exp_typ"] == "WPAY")["inv"][0]
    assert (inv["sbpcode"], inv["sbnum"], inv["sbdt"]) == ("INBOM4", "1234567", "12-09-2026")
    assert gst_returns.schema_errors(doc) == []


def test_gstr3b_reports_exports_in_3_1_b_and_owes_the_igst_paid(session, books):
    summary = gst_returns.prepare(session.store, parse_period("2026-Q3")).gstr3b()
    db = session.store.db()
    exported = sql_sums(db, "2026-07-01", "2026-09-30", "o.place_of_supply = '96'")
    home = sql_sums(db, "2026-07-01", "2026-09-30", "o.place_of_supply != '96' AND l.gst_rate_bp > 0")
    assert summary.zero_rated.taxable_paise == exported["taxable"] > 0
    assert summary.zero_rated.igst_paise == exported["igst"] > 0
    assert summary.outward.taxable_paise == home["taxable"] and summary.outward.igst_paise == home["igst"]
    assert summary.credit_used.igst + summary.cash.igst == home["igst"] + exported["igst"]
    assert summary.as_dict()["3.1b_zero_rated"]["igst_paise"] == exported["igst"]


def test_under_the_lut_without_an_lut_is_refused_and_writes_nothing(session, ctx, make_product, clock):
    make_product("TEA1", hsn_code="0902", price_paise=25_000, mrp_paise=25_000)
    before = session.store.db().execute("SELECT count(*) FROM orders").fetchone()[0]
    with pytest.raises(InvalidState, match="LUT"):
        exports.record_export_sale(ctx, lines=[SaleLine(sku="TEA1", qty_milli=1000)],
                                   payments=[PaymentIn(method="bank", amount_paise=25_000)], terms=terms())
    assert session.store.db().execute("SELECT count(*) FROM orders").fetchone()[0] == before


@pytest.mark.parametrize(("over", "words"), [({"country": "IN"}, "country"), ({"currency": "XYZ"}, "currency"),
                                             ({"incoterm": "FOBB"}, "Incoterm"), ({"buyer_address": " "}, "address"),
                                             ({"payment_terms": ""}, "payment")])
def test_export_terms_are_checked(over, words):
    with pytest.raises(InputError, match=words):
        terms(**over).checked()


def test_lut_is_recorded_once_per_year_and_checked(ctx):
    with pytest.raises(InputError):
        exports.record_lut(ctx, arn="12345", fy="2026-27", filed_on=date(2026, 4, 1))
    exports.record_lut(ctx, arn="ad270326012345x", fy="2026-27", filed_on=date(2026, 4, 1))
    with pytest.raises(Duplicate):
        exports.record_lut(ctx, arn="AD270326099999Z", fy="2026-27", filed_on=date(2026, 4, 1))
    assert exports.lut_for(ctx.store, date(2027, 3, 31)) is not None
    assert exports.lut_for(ctx.store, date(2027, 4, 1)) is None


def test_export_sale_at_home_prices_are_still_below_mrp(ctx, make_product):
    make_product("TEA2", hsn_code="0902", price_paise=20_000, mrp_paise=25_000)
    exports.record_lut(ctx, arn="AD270326012345X", fy="2026-27", filed_on=date(2026, 4, 1))
    day = ctx.today()
    oid = export_sale(ctx, day, [SaleLine(sku="TEA2", qty_milli=2000)])
    assert oid > 0


def test_the_documents_total_is_the_invoice_total_with_its_round_off(session, ctx, make_product):
    from app.services import export_documents

    make_product("TEA4", hsn_code="09023020", price_paise=1234, mrp_paise=2000, cost_paise=1000)
    exports.record_lut(ctx, arn="AD270326012345X", fy="2026-27", filed_on=date(2026, 4, 1))
    oid = export_sale(ctx, ctx.today(), [SaleLine(sku="TEA4", qty_milli=3000)])
    total, round_off = session.store.db().execute("SELECT total_paise, round_off_paise FROM orders WHERE id = ?",
                                                  (oid,)).fetchone()
    assert round_off == -2 and total == 3700
    docs = export_documents.read(session.store, oid)
    assert docs.total_paise == total
    totals = dict(export_documents.documents.commercial_invoice(docs)["totals"])
    assert totals["Round off"] == "INR -0.02" and totals["Total"].endswith("(INR 37.00)")
