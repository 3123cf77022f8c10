"""GSTR-2B matched with the purchase bills of September 2026 of the compliance test shop.

The 2B file is built here with every kind of row: a bill matched although its number is written
differently, one within ₹1, one whose tax differs, a bill in the books the supplier never reported (credit
at risk), a supplier invoice not in the books, one the books hold in August, and a credit note.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app import i18n
from app.domain.gst_returns import parse_period
from app.domain.gstr2b import normalise_number
from app.errors import InputError
from app.main import run
from app.services import gstr2b_match
from compliance.books import BAD_GSTIN, SUPPLIER_GSTIN
from compliance.gstr2b_file import _inv, add_september_bill, two_b
from tests.conftest import GSTIN

SEPTEMBER = parse_period("2026-09")


@pytest.fixture
def september(ctx, books) -> None:
    add_september_bill(ctx)


def _write(tmp_path: Path, document: object, name: str = "2B.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_each_kind_of_row(session, september, tmp_path):
    result = gstr2b_match.match_gstr2b(session.store, SEPTEMBER, _write(tmp_path, two_b()))
    assert [(line.number, line.books and line.books.igst_paise) for line in result.matched] == [("BT/9/1", 760_00)]
    assert [(line.number, line.differences) for line in result.differing] == [("PW-2", ("cgst", "sgst"))]
    assert [(line.number, line.gstin) for line in result.only_in_books] == [("RA-77", BAD_GSTIN)]
    assert result.credit_at_risk_paise == 500_00  # RA-77: 10,000 at 5 %
    assert [(line.number, line.booked_on) for line in result.only_in_2b] == [
        ("BT/8/1", date(2026, 8, 10)), ("PW-9", None)]
    assert [(n.number, n.kind, n.split.cgst_paise) for n in result.notes] == [("CN-3", "C", 2_50)]
    rows = gstr2b_match.match_rows(result)
    assert [row[0] for row in rows] == ["Differs", "Not in 2B", "Not in books", "Not in books", "Credit note",
                                        "Matched"]
    assert "in your books on 10-08-2026" in rows[2][6]


def test_an_invoice_2b_gives_no_credit_for_is_said(session, september, tmp_path):
    document = two_b()
    document["data"]["docdata"]["b2b"][0]["inv"][0]["itcavl"] = "N"  # BT/9/1
    result = gstr2b_match.match_gstr2b(session.store, SEPTEMBER, _write(tmp_path, document))
    assert [(line.number, line.credit_available) for line in result.matched] == [("BT/9/1", False)]
    assert [row[6] for row in gstr2b_match.match_rows(result) if row[2] == "BT/9/1"] == [
        "2B says this invoice gives no input credit"]
    assert all(line.credit_available for line in result.differing + result.only_in_2b)


def test_the_reason_2b_gives_no_credit_is_said(session, september, tmp_path):
    """``rsn`` (GSTN's codes: P, place of supply and supplier's state the same, the buyer's different; C, the
    supplier's return filed after the annual cut-off) is said beside "no input credit"."""
    document = two_b()
    document["data"]["docdata"]["b2b"][0]["inv"][0].update(itcavl="N", rsn="P")  # BT/9/1
    document["data"]["docdata"]["b2b"][1]["inv"][1].update(itcavl="N", rsn="C")  # PW-9
    result = gstr2b_match.match_gstr2b(session.store, SEPTEMBER, _write(tmp_path, document))
    why = {row[2]: row[6] for row in gstr2b_match.match_rows(result)}
    assert why["BT/9/1"] == ("2B says this invoice gives no input credit: its place of supply and the supplier's "
                             "state are the same but yours is different")
    assert why["PW-9"].endswith("no input credit: the supplier's return was filed after the annual cut-off for credit")
    assert result.matched[0].as_dict()["reason"] == "P"


def _amendments(document: dict) -> dict:
    """The suppliers' amendments (b2ba, cdnra) as GSTN's GSTR-2B writes them: the original's number and date
    (``oinum``/``oidt``, ``ontnum``/``ontdt``) beside the document as it now stands."""
    docdata = document["data"]["docdata"]
    bt = {"ctin": SUPPLIER_GSTIN, "trdnm": "BHARAT TRADERS", "supfildt": "11-10-2026", "supprd": "092026"}
    docdata["b2ba"] = [
        {**bt, "inv": [
            # August's BT/8/1, as booked: the amendment agrees with the books of another month
            {**_inv("BT/8/1", "10-08-2026", 10_000.00, igst=760.00), "oinum": "BT/8/1", "oidt": "10-08-2026"},
            # an invoice renumbered, not in the books under either number
            {**_inv("BT/9/77", "15-09-2026", 1_000.00, igst=50.00), "oinum": "BT/9/7", "oidt": "15-09-2026"}]},
        # RA-77, booked this month but not reported in b2b: the supplier reports it by amendment, tax differs
        {"ctin": BAD_GSTIN, "trdnm": "RAVI AGENCIES", "inv": [
            {**_inv("RA-77A", "12-09-2026", 10_000.00, cgst=300.00, sgst=300.00), "oinum": "RA-77",
             "oidt": "12-09-2026"}]}]
    docdata["cdnra"] = [{**bt, "nt": [
        {"ontnum": "CN-1", "ontdt": "20-08-2026", "onttyp": "C", "ntnum": "CN-1", "typ": "C", "suptyp": "R",
         "dt": "20-08-2026", "val": 52.5, "pos": "27", "rev": "N", "itcavl": "Y", "txval": 50.0, "igst": 2.5,
         "cgst": 0, "sgst": 0, "cess": 0}]}]
    return document


def test_the_suppliers_amendments_are_read_and_matched(session, september, tmp_path):
    result = gstr2b_match.match_gstr2b(session.store, SEPTEMBER, _write(tmp_path, _amendments(two_b())))
    amended = {line.amends: line for line in result.amended}
    assert amended["BT/8/1"].books is not None and not amended["BT/8/1"].differences
    assert amended["BT/8/1"].booked_on == date(2026, 8, 10)
    assert amended["BT/9/7"].books is None and amended["BT/9/7"].number == "BT/9/77"
    assert amended["RA-77"].books is not None and amended["RA-77"].differences == ("cgst", "sgst")
    assert result.only_in_books == () and result.credit_at_risk_paise == 0  # RA-77 is reported now (amended)
    (note,) = [n for n in result.notes if n.amends]
    assert (note.number, note.amends, note.amends_day) == ("CN-1", "CN-1", date(2026, 8, 20))
    rows = gstr2b_match.match_rows(result)
    why = {(row[0], row[2]): row[6] for row in rows}
    assert why[("Amended", "BT/8/1")] == ("the supplier amended invoice BT/8/1: agrees with your books; in your "
                                          "books on 10-08-2026, another month")
    assert why[("Amended", "BT/9/77")] == "the supplier amended invoice BT/9/7: record the bill if you received it"
    assert why[("Amended", "RA-77A")] == "the supplier amended invoice RA-77: differs by more than ₹1 in: CGST, SGST"
    assert why[("Credit note", "CN-1")] == "the supplier amended note CN-1: changes your input credit"
    assert "3 invoice(s) amended by the suppliers." in gstr2b_match.match_summary(result)
    assert [a["amends"] for a in result.as_dict()["amended"]] == ["BT/8/1", "BT/9/7", "RA-77"]


def test_isd_and_imports_are_listed_with_their_credit(session, september, tmp_path):
    """GSTR-2B's ``isd`` (``doclist``: ``doctyp`` ISD / ISDC, ``docnum``, ``docdt``, ``itcelg``) and ``impg`` (a bill of
    entry: ``boenum``, ``boedt``, ``portcode``, ``txval``, ``igst``, ``cess``), the field names GSTN's 2B JSON uses
    (as the india-compliance app reads them): not matched (the books hold neither), listed with their credit."""
    document = two_b()
    docdata = document["data"]["docdata"]
    docdata["isd"] = [{"ctin": "27AAPFU0939F1Z1", "trdnm": "Head Office", "doclist": [
        {"doctyp": "ISD", "docnum": "ISD/9/1", "docdt": "05-09-2026", "itcelg": "Y", "igst": 0, "cgst": 450.00,
         "sgst": 450.00, "cess": 0},
        {"doctyp": "ISDC", "docnum": "ISDC/9/1", "docdt": "08-09-2026", "itcelg": "Y", "igst": 90.00},
        {"doctyp": "ISD", "docnum": "ISD/9/2", "docdt": "09-09-2026", "itcelg": "N", "igst": 180.00}]}]
    docdata["impg"] = [{"refdt": "12-09-2026", "portcode": "INNSA1", "boenum": "1234567", "boedt": "10-09-2026",
                        "isamd": "N", "txval": 20000.00, "igst": 3600.00, "cess": 0}]
    result = gstr2b_match.match_gstr2b(session.store, SEPTEMBER, _write(tmp_path, document))
    assert [(d.kind, d.number, d.split.total_paise - d.split.taxable_paise, d.credit_available)
            for d in result.other_credit] == [("ISD", "ISD/9/1", 900_00, True), ("ISDC", "ISDC/9/1", 90_00, True),
                                              ("ISD", "ISD/9/2", 180_00, False), ("BOE", "1234567", 3600_00, True)]
    rows = {row[2]: row for row in gstr2b_match.match_rows(result)}
    assert rows["ISD/9/1"][0] == "From the ISD" and rows["ISD/9/1"][1] == "Head Office 27AAPFU0939F1Z1"
    assert rows["ISD/9/1"][6] == "input credit distributed to you: ₹900.00"
    assert rows["ISDC/9/1"][:1] == ["ISD credit note"] and rows["ISDC/9/1"][6] == "reduces your input credit by ₹90.00"
    assert rows["ISD/9/2"][6] == "2B says this document gives no input credit"
    assert rows["1234567"][:2] == ["Import (bill of entry)", "port INNSA1"]
    assert rows["1234567"][6] == "IGST paid at customs on imported goods: input credit ₹3,600.00"
    assert [d["type"] for d in result.as_dict()["other_credit"]] == ["ISD", "ISDC", "ISD", "BOE"]
    assert [line.number for line in result.matched] == ["BT/9/1"]  # the rest of the match is unchanged
    i18n.set_language("hi")
    try:
        hindi = {row[2]: row for row in gstr2b_match.match_rows(result)}
    finally:
        i18n.set_language("en")
    for number in ("ISD/9/1", "ISDC/9/1", "ISD/9/2", "1234567"):
        assert all(any("\u0900" <= ch <= "\u097f" for ch in hindi[number][c]) for c in (0, 6)), hindi[number]
    docdata["impg"][0]["boenum"] = ""
    with pytest.raises(InputError, match="a bill of entry without a number"):
        gstr2b_match.match_gstr2b(session.store, SEPTEMBER, _write(tmp_path, document, "b.json"))


def test_an_amendment_without_its_original_is_refused(session, september, tmp_path):
    document = _amendments(two_b())
    del document["data"]["docdata"]["b2ba"][0]["inv"][0]["oinum"]
    with pytest.raises(InputError, match="an amendment without the original's number"):
        gstr2b_match.match_gstr2b(session.store, SEPTEMBER, _write(tmp_path, document))


def test_a_difference_of_one_rupee_is_rounding(session, september, tmp_path):
    document = two_b()
    document["data"]["docdata"]["b2b"][1]["inv"][0].update(cgst=126.00, sgst=124.00)  # ₹1 each way: still equal
    result = gstr2b_match.match_gstr2b(session.store, SEPTEMBER, _write(tmp_path, document))
    assert "PW-2" in [line.number for line in result.matched] and not result.differing
    document["data"]["docdata"]["b2b"][1]["inv"][0].update(cgst=126.01)
    result = gstr2b_match.match_gstr2b(session.store, SEPTEMBER, _write(tmp_path, document))
    assert [(line.number, line.differences) for line in result.differing] == [("PW-2", ("cgst",))]


@pytest.mark.parametrize(("written", "booked"), [
    ("bt/077", "BT/77"), ("BT 77", "BT/77"), ("INV-0012", "inv-12"), ("A/2026-27/0005", "a/2026-27/5"),
    ("0042", "42")])
def test_invoice_numbers_compared_without_case_spaces_slashes_or_leading_zeros(written, booked):
    assert normalise_number(written) == normalise_number(booked)


@pytest.mark.parametrize(("one", "other"), [("BT/77", "BT/78"), ("INV-12", "INV-120"), ("A1", "B1"), ("10", "1")])
def test_different_numbers_stay_different(one, other):
    assert normalise_number(one) != normalise_number(other)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.text("ABCXYZ-", min_size=0, max_size=3), st.integers(0, 99_999)), min_size=1,
                max_size=4), st.data())
def test_normalised_numbers_ignore_the_way_they_are_written(parts, data):
    """Feature: tavyonix-seller-os, Property 8: a bill's number written with other case, spaces, slashes or
    leading zeros is the same bill; a different number is not."""
    plain = "/".join(f"{letters}{number}" for letters, number in parts)
    zeros = data.draw(st.integers(0, 3))
    written = (" / ".join(f"{letters.lower()}{'0' * zeros}{number}" for letters, number in parts))
    assert normalise_number(written) == normalise_number(plain)
    letters, number = parts[-1]
    changed = "/".join([*(f"{a}{n}" for a, n in parts[:-1]), f"{letters}{number + 1}"])
    assert normalise_number(changed) != normalise_number(plain)


@pytest.mark.parametrize(("content", "words"), [
    (b"not json at all", "is not a JSON file"),
    (b"\xff\xfe\x00garbage", "is not a JSON file"),
    (b"[1, 2, 3]", "no 'docdata' part"),
    (json.dumps({"data": {"gstin": GSTIN, "rtnprd": "092026"}}).encode(), "no 'docdata' part"),
    (json.dumps({"data": {"gstin": GSTIN, "rtnprd": "2026-09", "docdata": {}}}).encode(), "names no month"),
    (json.dumps({"data": {"gstin": GSTIN, "rtnprd": "092026", "docdata": {"b2b": {"x": 1}}}}).encode(),
     "'b2b' is not a list"),
    (json.dumps({"data": {"gstin": GSTIN, "rtnprd": "092026", "docdata": {"b2b": [
        {"ctin": SUPPLIER_GSTIN, "inv": [{"inum": "X1", "dt": "2026-09-01", "txval": 1}]}]}}}).encode(),
     "has no date as dd-mm-yyyy"),
    (json.dumps({"data": {"gstin": GSTIN, "rtnprd": "092026", "docdata": {"b2b": [
        {"ctin": SUPPLIER_GSTIN, "inv": [{"inum": "X1", "dt": "01-09-2026", "txval": "ten"}]}]}}}).encode(),
     "amount that is not a number"),
    (json.dumps({"data": {"gstin": GSTIN, "rtnprd": "092026", "docdata": {"b2b": [
        {"ctin": SUPPLIER_GSTIN, "inv": [{"dt": "01-09-2026"}]}]}}}).encode(), "without a number"),
    (json.dumps(two_b(rtnprd="082026")).encode(), "This GSTR-2B is for 2026-08, not 2026-09"),
    (json.dumps(two_b(gstin=SUPPLIER_GSTIN)).encode(), f"is for GSTIN {SUPPLIER_GSTIN}, not this shop's"),
])
def test_a_wrong_file_is_refused_in_plain_words(session, september, tmp_path, content, words):
    path = tmp_path / "2B.json"
    path.write_bytes(content)
    with pytest.raises(InputError) as refused:
        gstr2b_match.match_gstr2b(session.store, SEPTEMBER, path)
    assert words in refused.value.message


def test_a_quarter_or_a_missing_file_is_refused(session, tmp_path):
    with pytest.raises(InputError, match="made for each month"):
        gstr2b_match.match_gstr2b(session.store, parse_period("2026-Q3"), _write(tmp_path, two_b()))
    with pytest.raises(InputError, match="cannot be read"):
        gstr2b_match.match_gstr2b(session.store, SEPTEMBER, tmp_path / "absent.json")


def test_the_cli(data, session, september, tmp_path, capsys):
    path = _write(tmp_path, two_b())
    argv = ["--data-dir", str(data.root), "--shop", "test", "gst", "match-2b", "--period", "2026-09", "--file"]
    assert run([*argv, str(path)]) == 0
    text = capsys.readouterr().out
    assert "1 matched, 1 differ, 1 in your books but not in 2B" in text and "RA-77" in text and "PW-9" in text
    assert run([*argv, str(path), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["fp"] == "092026" and figures["credit_at_risk_paise"] == 500_00
    assert [r["number"] for r in figures["only_in_2b"]] == ["BT/8/1", "PW-9"]
    wrong = _write(tmp_path, two_b(rtnprd="102026"), "october.json")
    code = run([*argv, str(wrong)])
    captured = capsys.readouterr()
    assert code != 0 and "Traceback" not in captured.out + captured.err
    assert "This GSTR-2B is for 2026-10, not 2026-09" in captured.out + captured.err


def test_hindi(session, september, tmp_path):
    i18n.set_language("hi")
    try:
        result = gstr2b_match.match_gstr2b(session.store, SEPTEMBER, _write(tmp_path, two_b()))
        summary = gstr2b_match.match_summary(result)
        rows = gstr2b_match.match_rows(result)
        with pytest.raises(InputError) as refused:
            gstr2b_match.match_gstr2b(session.store, SEPTEMBER, _write(tmp_path, two_b(rtnprd="082026"), "a.json"))
        headers = gstr2b_match.match_headers()
    finally:
        i18n.set_language("en")
    for text in (summary, refused.value.message, *headers, *(row[0] for row in rows), rows[1][6]):
        assert any("\u0900" <= ch <= "\u097f" for ch in text), text


_JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
                     lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
                         st.sampled_from(["data", "docdata", "b2b", "cdnr", "ctin", "inv", "nt", "inum", "ntnum",
                                          "dt", "txval", "igst", "cgst", "sgst", "cess", "typ", "rtnprd", "gstin",
                                          "isd", "doclist", "docnum", "docdt", "impg", "boenum", "boedt"]),
                         inner, max_size=5), max_leaves=25)


@settings(max_examples=150, deadline=None)
@given(_JSON, st.data())
def test_any_file_is_read_or_refused_in_words(junk, data):
    """Feature: tavyonix-seller-os, Property 8: whatever JSON the seller picks, and a real 2B with any one value
    replaced by junk, is read or refused with an InputError; never another exception."""
    from app.domain import gstr2b

    document = two_b()
    inv = document["data"]["docdata"]["b2b"][data.draw(st.integers(0, 1))]["inv"][data.draw(st.integers(0, 1))]
    inv[data.draw(st.sampled_from(sorted(inv)))] = data.draw(_JSON)
    for candidate in (junk, document, {"data": junk}, {"data": {"rtnprd": "092026", "docdata": junk}}):
        try:
            gstr2b.parse(candidate)
        except InputError as refused:
            assert "GSTR-2B" in refused.message
