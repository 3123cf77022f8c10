"""Debit notes on the shop's own tax invoices (a price rise after the sale, CGST Act s.34(3)): GSTR-1 ``cdnr`` /
``cdnur`` with ``ntty`` D or an addition to ``b2cs``, Table 13 "Debit Note", GSTR-3B output tax; every paisa of each
note accounted for against its lines in SQL, the file valid against the schema; refusals; the CLI."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from app.domain.gst_returns import parse_period
from app.errors import AppError, NotFound
from app.main import run
from app.services import gst_returns
from app.services.gst_returns import DebitLine
from compliance.books import BUYER_GSTIN
from compliance.test_returns import HEADS, book_sums, json_sums


def _note_sums(session, start: str, end: str) -> dict[str, int]:
    row = session.store.db().execute(
        f"SELECT {', '.join(f'coalesce(sum(l.{h}_paise), 0)' for h in HEADS)} FROM debit_note_line l"
        " JOIN debit_note n ON n.id = l.note_id WHERE n.business_date BETWEEN ? AND ? AND l.gst_rate_bp > 0",
        (start, end)).fetchone()
    return dict(zip(HEADS, row, strict=True))


def _invoice(session, order_id: int) -> str:
    return session.store.db().execute("SELECT invoice_no FROM orders WHERE id = ?", (order_id,)).fetchone()[0]


@pytest.fixture
def notes(session, ctx, clock, books) -> dict[str, str]:
    clock.set(datetime(2026, 9, 25, 6, tzinfo=UTC))
    made = {}
    for key, order, sku, rupees in (("b2b", "b2b8", "BISC", 105_00), ("b2cl", "b2cl", "DRYF", 1_050_00),
                                    ("b2cs", "b2cs_inter", "BATT", 118_00)):
        changes = gst_returns.record_debit_note(ctx, invoice_no=_invoice(session, books[order]), reason="price revised",
                                                lines=[DebitLine(sku=sku, amount_paise=rupees)])
        made[key] = next(n["note_no"] for n in gst_returns.debit_notes(session.store) if n["id"] == changes.id)
    return made


def test_debit_notes_in_gstr1_and_3b_to_the_paisa(session, books, notes):
    prepared = gst_returns.prepare(session.store, parse_period("2026-09"))
    doc = prepared.gstr1()
    assert gst_returns.schema_errors(doc) == []
    assert notes == {"b2b": "DN/2627/00001", "b2cl": "DN/2627/00002", "b2cs": "DN/2627/00003"}
    # B2B: cdnr, ntty D, Rs 105 at 5 % intra-state = Rs 100 + 2.50 + 2.50
    note = next(n for buyer in doc["cdnr"] if buyer["ctin"] == BUYER_GSTIN for n in buyer["nt"]
                if n["nt_num"] == notes["b2b"])
    assert note["ntty"] == "D" and note["val"] == 105.0 and note["nt_dt"] == "25-09-2026"
    assert note["itms"] == [{"num": 1, "itm_det": {"rt": 5.0, "txval": 100.0, "camt": 2.5, "samt": 2.5, "csamt": 0.0}}]
    # B2CL: cdnur, typ B2CL, Rs 1,050 at 5 % inter-state = Rs 1,000 + IGST 50
    b2cl = next(n for n in doc["cdnur"] if n["nt_num"] == notes["b2cl"])
    assert (b2cl["typ"], b2cl["ntty"], b2cl["pos"]) == ("B2CL", "D", "29")
    assert b2cl["itms"][0]["itm_det"] == {"rt": 5.0, "txval": 1000.0, "iamt": 50.0, "csamt": 0.0}
    # Table 13: a "Debit Note" series of three
    debit = next(d for d in doc["doc_issue"]["doc_det"] if d["doc_num"] == 4)
    assert debit["doc_typ"] == "Debit Note"
    assert debit["docs"] == [{"num": 1, "from": "DN/2627/00001", "to": "DN/2627/00003", "totnum": 3, "cancel": 0,
                              "net_issue": 3}]
    # every paisa: the month's tables = sales - credit notes + debit notes, each from SQL (a debit note is a
    # positive cdnr/cdnur row that json_sums subtracts, so it comes back twice)
    sales = book_sums(session, "2026-09-01", "2026-09-30", taxed=True)
    added = _note_sums(session, "2026-09-01", "2026-09-30")
    assert added == {"taxable": 100_00 + 1_000_00 + 100_00, "igst": 50_00 + 18_00, "cgst": 2_50, "sgst": 2_50,
                     "cess": 0}
    in_notes = _note_sums(session, "2026-09-25", "2026-09-25")
    cdn_debits = {h: in_notes[h] - (100_00 if h == "taxable" else 18_00 if h == "igst" else 0) for h in HEADS}
    got = json_sums(doc)
    assert {h: got[h] + 2 * cdn_debits[h] for h in HEADS} == {h: sales[h] + added[h] for h in HEADS}
    # HSN: the value rises, the quantity does not
    bisc = next(r for r in doc["hsn"]["hsn_b2b"] if r["hsn_sc"] == "1905")
    assert bisc["qty"] == book_qty(session, "1905", "2026-09-01", "2026-09-30", b2b=True)
    # GSTR-3B: output tax up by exactly the notes' tax
    summary = prepared.gstr3b()
    assert summary.outward.cgst_paise == sales["cgst"] + 2_50
    assert summary.outward.igst_paise == sales["igst"] + 68_00
    assert not [i for i in prepared.issues if i.code in ("credit_note_original", "rate_mismatch")]


def book_qty(session, hsn: str, start: str, end: str, *, b2b: bool) -> float:
    value = session.store.db().execute(
        "SELECT sum(CASE o.kind WHEN 'return' THEN -l.qty_milli ELSE l.qty_milli END) FROM order_line l"
        " JOIN orders o ON o.id = l.order_id WHERE l.hsn_code = ? AND o.business_date BETWEEN ? AND ?"
        f" AND o.customer_gstin IS {'NOT' if b2b else ''} NULL AND o.status NOT IN ('draft', 'held', 'cancelled')",
        (hsn, start, end)).fetchone()[0] or 0
    return round(value / 1000, 2)


def test_refusals_write_nothing(session, ctx, clock, books):
    clock.set(datetime(2026, 9, 25, 6, tzinfo=UTC))
    invoice = _invoice(session, books["b2b8"])
    cases = [(dict(invoice_no="INV/9999/99999", lines=[DebitLine(sku="BISC", amount_paise=100)]), NotFound),
             (dict(invoice_no=invoice, lines=[DebitLine(sku="COLA", amount_paise=100)]), AppError),
             (dict(invoice_no=invoice, lines=[DebitLine(sku="BISC", amount_paise=0)]), AppError),
             (dict(invoice_no=invoice, lines=[]), AppError),
             (dict(invoice_no=_invoice(session, books["cn_b2b"]), lines=[DebitLine(sku="BISC", amount_paise=100)]),
              AppError)]
    for kwargs, error in cases:
        with pytest.raises(error):
            gst_returns.record_debit_note(ctx, reason="price revised", **kwargs)
    with pytest.raises(AppError):
        gst_returns.record_debit_note(ctx, invoice_no=invoice, reason="  ", lines=[DebitLine(sku="BISC",
                                                                                           amount_paise=100)])
    assert gst_returns.debit_notes(session.store) == []


def test_debit_note_from_the_cli(session, ctx, clock, books, data, capsys):
    invoice = _invoice(session, books["b2b8"])
    clock.set(datetime(2026, 9, 25, 6, tzinfo=UTC))
    session.close()

    def cli(*argv: str) -> tuple[int, str]:
        code = run(["--data-dir", str(data.root), "--shop", "test", *argv])
        return code, capsys.readouterr().out

    code, out = cli("gst", "debit-note", "--invoice", invoice, "--line", "BISC:105", "--reason", "price revised",
                    "--json")
    assert code == 0
    note = json.loads(out)
    assert note["invoice_no"] == invoice and note["total_paise"] == 105_00 and note["note_no"].startswith("DN/")
    code, out = cli("gst", "debit-notes")
    assert code == 0 and note["note_no"] in out and "price revised" in out
    code, _out = cli("gst", "debit-note", "--invoice", invoice, "--line", "BISC", "--reason", "x")
    assert code != 0
    # printed (CGST Rule 53): the shop, the buyer's GSTIN, the invoice it adds to, the reason, rate, tax and total
    from pypdf import PdfReader

    pdf = data.root.parent / "note.pdf"
    code, _out = cli("gst", "debit-notes", "--no", note["note_no"], "--pdf", str(pdf))
    assert code == 0 and pdf.exists()
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())  # tabs between words
    for expected in ("Debit Note", note["note_no"], f"Against invoice {invoice}", "Reason: price revised",
                     BUYER_GSTIN, "100.00", "2.50", "105.00"):
        assert expected in text, expected
    code, _out = cli("gst", "debit-notes", "--no", "DN/2627/09999", "--pdf", str(pdf))
    assert code != 0


def test_debit_notes_on_exports_are_cdnur_expwop_and_expwp(session, ctx, clock):
    from trade.books import build_export_books

    ids = build_export_books(ctx)
    clock.set(datetime(2026, 9, 25, 6, tzinfo=UTC))
    for order, sku, amount in (("exp_lut", "DRYF", 500_00), ("exp_igst", "BATT", 118_00)):
        gst_returns.record_debit_note(ctx, invoice_no=_invoice(session, ids[order]), reason="price revised",
                                      lines=[DebitLine(sku=sku, amount_paise=amount)])
    prepared = gst_returns.prepare(session.store, parse_period("2026-09"))
    doc = prepared.gstr1()
    assert gst_returns.schema_errors(doc) == []
    debits = {n["typ"]: n for n in doc["cdnur"] if n["ntty"] == "D"}
    # under the LUT: zero-rated, no IGST, the goods' own rate; with IGST paid: Rs 118 at 18 % = 100 + 18
    assert debits["EXPWOP"]["itms"][0]["itm_det"] == {"rt": 5.0, "txval": 500.0, "iamt": 0.0, "csamt": 0.0}
    assert debits["EXPWP"]["itms"][0]["itm_det"] == {"rt": 18.0, "txval": 100.0, "iamt": 18.0, "csamt": 0.0}
    assert "pos" not in debits["EXPWOP"] and debits["EXPWOP"]["val"] == 500.0
