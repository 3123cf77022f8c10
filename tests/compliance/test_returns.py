"""GSTR-1 and GSTR-3B of a month and a quarter of the test shop's books, checked against sums computed
straight from the bills in SQL (every paisa of tax accounted for) and against the GSTR-1 schema."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.gst_returns import parse_period
from app.services import gst_returns
from app.session import Session
from compliance.books import BAD_GSTIN
from compliance.gstr1_rows import taxed_rows

HEADS = ("taxable", "igst", "cgst", "sgst", "cess")
KEYS = {"taxable": "txval", "igst": "iamt", "cgst": "camt", "sgst": "samt", "cess": "csamt"}


def _paise(value: float) -> int:
    return round(value * 100)


def book_sums(session: Session, start: str, end: str, *, taxed: bool) -> dict[str, int]:
    """Sales less credit notes, from the order lines themselves."""
    rate = "l.gst_rate_bp > 0" if taxed else "l.gst_rate_bp = 0"
    row = session.store.db().execute(
        f"SELECT {', '.join(f'sum(CASE o.kind WHEN ? THEN -l.{h}_paise ELSE l.{h}_paise END)' for h in HEADS)}"
        f" FROM order_line l JOIN orders o ON o.id = l.order_id WHERE o.business_date BETWEEN ? AND ? AND {rate}"
        " AND o.status NOT IN ('draft', 'held', 'cancelled')",
        ("return",) * len(HEADS) + (start, end)).fetchone()
    return dict(zip(HEADS, (v or 0 for v in row), strict=True))


def json_sums(doc: dict) -> dict[str, int]:
    """Every taxed line of the return, credit notes subtracted."""
    out = dict.fromkeys(HEADS, 0)

    def add(det: dict, sign: int) -> None:
        for head in HEADS:
            out[head] += sign * _paise(det.get(KEYS[head], 0))

    for det, sign in taxed_rows(doc, exports=False, debit_notes_add=False):
        add(det, sign)
    return out


def hsn_sums(doc: dict, *, taxed: bool) -> dict[str, int]:
    out = dict.fromkeys(HEADS, 0)
    for table in doc.get("hsn", {}).values():
        for row in table:
            if (row["rt"] > 0) == taxed:
                for head in HEADS:
                    out[head] += _paise(row[KEYS[head]])
    return out


@pytest.mark.parametrize(("period", "start", "end"), [("2026-08", "2026-08-01", "2026-08-31"),
                                                      ("2026-Q3", "2026-07-01", "2026-09-30")])
def test_gstr1_accounts_for_every_paisa_of_the_books(session, books, period, start, end):
    prepared = gst_returns.prepare(session.store, parse_period(period))
    doc = prepared.gstr1()
    assert gst_returns.schema_errors(doc) == []
    expected = book_sums(session, start, end, taxed=True)
    assert expected["cgst"] > 0 and expected["igst"] > 0
    assert json_sums(doc) == expected
    assert hsn_sums(doc, taxed=True) == expected
    exempt = book_sums(session, start, end, taxed=False)
    assert sum(_paise(r["expt_amt"]) for r in doc["nil"]["inv"]) == exempt["taxable"] > 0
    assert hsn_sums(doc, taxed=False)["taxable"] == exempt["taxable"]


def test_gstr1_tables_hold_the_right_bills(session, books):
    doc = gst_returns.prepare(session.store, parse_period("2026-Q3")).gstr1()
    db = session.store.db()
    number = {key: db.execute("SELECT invoice_no FROM orders WHERE id = ?", (oid,)).fetchone()[0]
              for key, oid in books.items()}
    assert doc["fp"] == "092026"
    assert [i["inum"] for b in doc["b2b"] for i in b["inv"]] == [number["b2b7"], number["b2b8"], number["b2b9"]]
    assert doc["b2cl"][0]["pos"] == "29" and doc["b2cl"][0]["inv"][0]["inum"] == number["b2cl"]
    # the small inter-state sale is below the B2CL limit: a B2CS row for its state
    assert any(r["sply_ty"] == "INTER" and r["pos"] == "07" for r in doc["b2cs"])
    assert doc["cdnr"][0]["nt"][0]["nt_num"] == number["cn_b2b"]
    assert doc["cdnur"][0]["nt_num"] == number["cn_b2cl"] and doc["cdnur"][0]["typ"] == "B2CL"
    # the B2C credit note is netted in B2CS, not listed: only two notes are listed
    invoices, notes = doc["doc_issue"]["doc_det"]
    sales = db.execute("SELECT count(*) FROM orders WHERE kind = 'sale' AND business_date BETWEEN"
                       " '2026-07-01' AND '2026-09-30'").fetchone()[0]
    assert invoices["docs"][0]["totnum"] == sales and invoices["docs"][0]["net_issue"] == sales
    assert notes["doc_num"] == 5 and notes["docs"][0]["totnum"] == 3


def test_one_month_leaves_out_the_others(session, books):
    doc = gst_returns.prepare(session.store, parse_period("2026-07")).gstr1()
    assert doc["fp"] == "072026"
    assert "b2cl" not in doc and "cdnr" not in doc
    assert all(inv["idt"].endswith("-07-2026") for b in doc["b2b"] for inv in b["inv"])


def test_gstr3b_output_credit_and_cash(session, books):
    prepared = gst_returns.prepare(session.store, parse_period("2026-Q3"))
    summary = prepared.gstr3b()
    expected = book_sums(session, "2026-07-01", "2026-09-30", taxed=True)
    assert summary.outward.igst_paise == expected["igst"] and summary.outward.cgst_paise == expected["cgst"]
    assert sum(s.taxable_paise for s in summary.by_rate.values()) == expected["taxable"]
    assert set(summary.by_rate) == {500, 1800, 4000}
    # input credit: the valid suppliers' bills only (the bad GSTIN's bill gives none)
    db = session.store.db()
    igst, cgst, sgst = db.execute(
        "SELECT sum(igst_paise), sum(cgst_paise), sum(sgst_paise) FROM purchase_bill_line l JOIN purchase_bill b"
        " ON b.id = l.bill_id WHERE b.supplier_gstin != ?", (BAD_GSTIN,)).fetchone()
    assert (summary.itc.igst, summary.itc.cgst, summary.itc.sgst) == (igst, cgst, sgst)
    assert summary.itc_bills == 4
    # IGST credit goes to IGST first; all tax is either paid by credit or in cash
    for head in ("igst", "cgst", "sgst"):
        output = getattr(summary.outward, f"{head}_paise")
        assert getattr(summary.credit_used, head) + getattr(summary.cash, head) == output
        assert getattr(summary.cash_rupees, head) % 100 == 0
        assert abs(getattr(summary.cash_rupees, head) - getattr(summary.cash, head)) <= 50
    assert summary.credit_used.igst == summary.itc.igst  # all of it used, against IGST
    assert summary.unregistered_interstate["29"].igst_paise > 0


def test_checks_list_the_bad_purchase_bill(session, books):
    prepared = gst_returns.prepare(session.store, parse_period("2026-Q3"))
    assert [(i.code, i.documents) for i in prepared.issues] == [("supplier_gstin", ("Ravi Agencies RA-77",))]


def test_month_of_a_monthly_filer_has_its_due_dates(session, books):
    prepared = gst_returns.prepare(session.store, parse_period("2026-08"))
    assert [(d.form, d.due) for d in prepared.due] == [("GSTR-1", date(2026, 9, 11)),
                                                      ("GSTR-3B", date(2026, 9, 20))]


def test_a_month_of_a_quarterly_shop_is_the_iff(session, ctx, books):
    from app.services import settings

    settings.set_setting(ctx, "gst.quarterly", True)
    month = gst_returns.prepare(session.store, parse_period("2026-08"))
    assert month.is_iff
    doc = month.gstr1()
    assert set(doc) == {"gstin", "fp", "version", "hash", "b2b", "cdnr"}
    assert gst_returns.schema_errors(doc) == []
    quarter = gst_returns.prepare(session.store, parse_period("2026-Q3"))
    assert not quarter.is_iff and "b2cs" in quarter.gstr1() and "hsn" in quarter.gstr1()
    assert [(d.form, d.due) for d in quarter.due] == [
        ("IFF", date(2026, 8, 13)), ("PMT-06", date(2026, 8, 25)), ("IFF", date(2026, 9, 13)),
        ("PMT-06", date(2026, 9, 25)), ("GSTR-1", date(2026, 10, 13)), ("GSTR-3B", date(2026, 10, 22))]
