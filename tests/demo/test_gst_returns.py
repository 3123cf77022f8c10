"""GSTR-1 and GSTR-3B of the demo shop, for a month (October 2025) and a quarter (July-September 2025,
which holds the GST 2.0 rate change of 22 September), checked against totals computed straight from the
bills in SQL, rate by rate and HSN by HSN (every paisa of tax accounted for), and against the GSTR-1 schema.

The demo shop sells at the counter only (intra-state, unregistered buyers, no credit notes, no supplier
bills), so its GSTR-1 holds B2CS, exempt, HSN and document tables; the other tables are checked on the
compliance tests' books (tests/compliance/test_returns.py)."""

from __future__ import annotations

import pytest

from app.domain.gst_returns import parse_period
from app.services import gst_returns
from app.session import Session

HEADS = ("taxable", "cgst", "sgst", "igst", "cess")
KEYS = {"taxable": "txval", "cgst": "camt", "sgst": "samt", "igst": "iamt", "cess": "csamt"}
PERIODS = [("2025-10", "2025-10-01", "2025-10-31"), ("2025-Q3", "2025-07-01", "2025-09-30")]


def _paise(rupees: float) -> int:
    return round(rupees * 100)


def by_rate_from_bills(session: Session, start: str, end: str) -> dict[int, dict[str, int]]:
    rows = session.store.db().execute(
        "SELECT l.gst_rate_bp, sum(l.taxable_paise), sum(l.cgst_paise), sum(l.sgst_paise), sum(l.igst_paise),"
        " sum(l.cess_paise) FROM order_line l JOIN orders o ON o.id = l.order_id"
        " WHERE o.business_date BETWEEN ? AND ? AND o.kind = 'sale' AND o.status = 'completed'"
        " GROUP BY l.gst_rate_bp", (start, end)).fetchall()
    return {rate: dict(zip(HEADS, sums, strict=True)) for rate, *sums in rows}


def bill_headers(session: Session, start: str, end: str) -> dict[str, int]:
    """The same tax summed from the bills' own totals (not their lines): a second, independent sum."""
    row = session.store.db().execute(
        "SELECT sum(taxable_paise), sum(cgst_paise), sum(sgst_paise), sum(igst_paise), sum(cess_paise)"
        " FROM orders WHERE business_date BETWEEN ? AND ? AND kind = 'sale' AND status = 'completed'",
        (start, end)).fetchone()
    return dict(zip(HEADS, row, strict=True))


def test_the_demo_shop_sells_at_the_counter_only(demo):
    kinds = demo.store.db().execute(
        "SELECT DISTINCT kind, channel, interstate, customer_gstin IS NULL FROM orders").fetchall()
    assert kinds == [("sale", "counter", 0, 1)]


@pytest.mark.parametrize(("period", "start", "end"), PERIODS)
def test_demo_gstr1_accounts_for_every_paisa_of_the_bills(demo, period, start, end):
    doc = gst_returns.prepare(demo.store, parse_period(period)).gstr1()
    assert gst_returns.schema_errors(doc) == []
    assert doc["fp"] == {"2025-10": "102025", "2025-Q3": "092025"}[period]
    expected = by_rate_from_bills(demo, start, end)
    taxed = {rate: sums for rate, sums in expected.items() if rate > 0}
    assert len(taxed) >= 3
    # B2CS: one row per rate (all intra-state, Maharashtra), each equal to the lines at that rate
    assert {(r["sply_ty"], r["pos"], r["typ"]) for r in doc["b2cs"]} == {("INTRA", "27", "OE")}
    rows = {round(r["rt"] * 100): {h: _paise(r.get(KEYS[h], 0)) for h in HEADS} for r in doc["b2cs"]}
    assert rows == taxed
    # exempt (0 %) lines are in nil as exempt, not in B2CS
    assert [(r["sply_ty"], _paise(r["expt_amt"])) for r in doc["nil"]["inv"]] == [
        ("INTRAB2C", expected[0]["taxable"])]
    # the bills' own totals agree with their lines: the return holds every paisa of the month's tax
    headers = bill_headers(demo, start, end)
    assert {h: sum(s[h] for s in expected.values()) for h in HEADS} == headers


@pytest.mark.parametrize(("period", "start", "end"), PERIODS)
def test_demo_hsn_summary_and_documents_match_the_bills(demo, period, start, end):
    doc = gst_returns.prepare(demo.store, parse_period(period)).gstr1()
    db = demo.store.db()
    lines = db.execute(
        "SELECT l.hsn_code, l.gst_rate_bp, sum(l.taxable_paise), sum(l.cgst_paise + l.sgst_paise + l.igst_paise)"
        " FROM order_line l JOIN orders o ON o.id = l.order_id WHERE o.business_date BETWEEN ? AND ?"
        " AND o.kind = 'sale' AND o.status = 'completed' GROUP BY 1, 2", (start, end)).fetchall()
    assert set(doc["hsn"]) == {"hsn_b2c"}  # no registered buyers
    summed: dict[tuple[str, int], list[int]] = {}
    for row in doc["hsn"]["hsn_b2c"]:
        key = (row["hsn_sc"], round(row["rt"] * 100))
        got = summed.setdefault(key, [0, 0])
        got[0] += _paise(row["txval"])
        got[1] += _paise(row["camt"]) + _paise(row["samt"]) + _paise(row["iamt"])
    assert summed == {(hsn, rate): [taxable, tax] for hsn, rate, taxable, tax in lines}
    first, last, count = db.execute(
        "SELECT min(invoice_no), max(invoice_no), count(*) FROM orders WHERE business_date BETWEEN ? AND ?"
        " AND kind = 'sale'", (start, end)).fetchone()
    [invoices] = doc["doc_issue"]["doc_det"]
    assert invoices["docs"] == [{"num": 1, "from": first, "to": last, "totnum": count, "cancel": 0,
                                 "net_issue": count}]


@pytest.mark.parametrize(("period", "start", "end"), PERIODS)
def test_demo_gstr3b_by_rate_and_cash(demo, period, start, end):
    prepared = gst_returns.prepare(demo.store, parse_period(period))
    summary = prepared.gstr3b()
    expected = by_rate_from_bills(demo, start, end)
    taxed = {rate: sums for rate, sums in expected.items() if rate > 0}
    got = {rate: dict(zip(HEADS, (s.taxable_paise, s.cgst_paise, s.sgst_paise, s.igst_paise, s.cess_paise),
                          strict=True)) for rate, s in summary.by_rate.items()}
    assert got == taxed
    assert summary.nil_exempt_paise == expected[0]["taxable"]
    assert summary.outward.cgst_paise == sum(s["cgst"] for s in taxed.values())
    assert summary.zero_rated.taxable_paise == 0 and summary.unregistered_interstate == {}
    # no supplier bills in the demo: no credit, so all of the tax is cash, rounded to the rupee per head
    assert summary.itc_bills == 0
    for head in ("cgst", "sgst", "igst", "cess"):
        owed = sum(s[head] for s in taxed.values())
        assert getattr(summary.cash, head) == owed
        assert getattr(summary.cash_rupees, head) % 100 == 0
        assert abs(getattr(summary.cash_rupees, head) - owed) <= 50
    assert prepared.due[-2:][0].form == "GSTR-1"


def test_demo_quarter_holds_both_sides_of_the_rate_change(demo):
    """July-September 2025 has bills at 12 % and 28 % (before 22 Sep) and at 40 % (after): the return
    reports each at the rate its bill was made at."""
    summary = gst_returns.prepare(demo.store, parse_period("2025-Q3")).gstr3b()
    assert {1200, 2800, 4000} <= set(summary.by_rate)
    october = gst_returns.prepare(demo.store, parse_period("2025-10")).gstr3b()
    assert not {1200, 2800} & set(october.by_rate)
