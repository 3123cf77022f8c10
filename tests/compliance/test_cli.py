"""``python -m app gst gstr1|gstr3b|cmp08|calendar|purchase-bill``, run in-process on real shop files."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook

from app.domain.clock import ManualClock
from app.domain.gst_returns import parse_period
from app.main import run
from app.services import catalog, gst_returns, shop
from app.services.returns import ReturnLine, record_return
from app.services.sales import PaymentIn, SaleLine, quote_sale, record_sale
from app.session import open_session
from compliance.books import at


def cli(data, capsys, *argv: str, shop_name: str = "test") -> str:
    code = run(["--data-dir", str(data.root), "--shop", shop_name, *argv])
    out = capsys.readouterr().out
    assert code == 0, out
    return out


def test_gstr1_json_and_workbook_for_a_quarter(data, session, books, capsys, tmp_path):
    out_json, out_xlsx = tmp_path / "gstr1.json", tmp_path / "gstr1.xlsx"
    text = cli(data, capsys, "gst", "gstr1", "--period", "2026-Q3", "--out", str(out_json), "--xlsx", str(out_xlsx))
    assert "GSTR-1 for 2026-Q3" in text and "Ravi Agencies RA-77" in text
    document = json.loads(out_json.read_text(encoding="utf-8"))
    assert gst_returns.schema_errors(document) == [] and document["fp"] == "092026"
    book = load_workbook(out_xlsx)
    b2b = list(book["b2b"].iter_rows(values_only=True))
    assert b2b[0][0] == "GSTIN/UIN of Recipient"
    assert len(b2b) - 1 == sum(len(i["itms"]) for buyer in document["b2b"] for i in buyer["inv"])
    hsn_sheet = sum(row[5] for row in list(book["hsn_b2c"].iter_rows(values_only=True))[1:])
    assert round(hsn_sheet, 2) == round(sum(r["txval"] for r in document["hsn"]["hsn_b2c"]), 2)
    assert "Ravi Agencies RA-77" in str(list(book["Checks"].iter_rows(values_only=True)))


def test_gstr3b_json(data, session, books, capsys):
    figures = json.loads(cli(data, capsys, "gst", "gstr3b", "--period", "2026-08", "--json"))
    assert figures["fp"] == "082026"
    prepared = gst_returns.prepare(session.store, parse_period("2026-08")).gstr3b()
    assert figures["3.1a_outward_taxable"]["igst_paise"] == prepared.outward.igst_paise
    assert figures["cash_payable_rupees"]["cgst_rupees"] * 100 == prepared.cash_rupees.cgst


def test_purchase_bill_from_the_cli(data, session, capsys):
    cli(data, capsys, "gst", "purchase-bill", "--supplier-name", "Mehta Stores", "--gstin", "27AABCU9603R1ZN",
        "--no", "MS/88", "--date", "2026-06-02", "--line", "5:1000", "--line", "18:500:90")
    bills = gst_returns.prepare(session.store, parse_period("2026-06")).purchases
    assert [(b.number, b.split.cgst_paise + b.split.sgst_paise) for b in bills] == [("MS/88", 50_00 + 90_00)]


def test_calendar_for_a_quarterly_shop(data, session, ctx, capsys, monkeypatch):
    monkeypatch.setattr("app.session.SystemClock", lambda: ManualClock(datetime(2026, 9, 20, 4, 0, tzinfo=UTC)))
    cli(data, capsys, "settings", "set", "gst.quarterly", "true")
    items = json.loads(cli(data, capsys, "gst", "calendar", "--days", "40", "--json"))
    # Maharashtra files its quarterly GSTR-3B by the 22nd
    assert [(i["form"], i["period"], i["due"]) for i in items] == [
        ("PMT-06", "2026-08", "2026-09-25"), ("GSTR-1", "2026-Q3", "2026-10-13"),
        ("GSTR-3B", "2026-Q3", "2026-10-22")]


@pytest.fixture
def composition(data):
    opened = open_session(data, "bos", create=True, clock=ManualClock(datetime(2026, 7, 1, 4, 0, tzinfo=UTC)))
    shop.create_shop(opened.ctx, name="Sharma Kirana", state_code="09", gst_scheme="composition",
                     gstin="09AABCU9603R1ZL")
    yield opened
    opened.close()


def test_cmp08_for_a_composition_shop(data, composition, capsys):
    ctx = composition.ctx
    catalog.create_product(ctx, sku="RICE", name_en="Rice", price_paise=6_000, hsn_code="1006")
    ids = []
    for day in (date(2026, 7, 5), date(2026, 8, 9), date(2026, 9, 30), date(2026, 10, 1)):
        lines = [SaleLine(sku="RICE", qty_milli=5000)]
        total = quote_sale(ctx, lines=lines, at=at(day)).total_paise
        ids.append(record_sale(ctx, lines=lines, payments=[PaymentIn(method="cash", amount_paise=total)], at=at(day),
                               confirmed=True).id)
    record_return(ctx, ids[0], lines=[ReturnLine(line_no=1, qty_milli=1000)], at=at(date(2026, 7, 20)))
    figures = json.loads(cli(data, capsys, "gst", "cmp08", "--period", "2026-Q3", "--json", shop_name="bos"))
    turnover = 3 * 5 * 6_000 - 6_000  # three bills in the quarter, one rice packet back
    assert figures["turnover_paise"] == turnover
    assert figures["cgst_paise"] == figures["sgst_paise"] == turnover // 200
    assert figures["payable_rupees"] == 8  # ₹4.20 CGST and ₹4.20 SGST, each rounded to the rupee (s.170)
    assert run(["--data-dir", str(data.root), "--shop", "bos", "gst", "gstr1", "--period", "2026-Q3"]) == 2


def test_gstr4_for_the_year(data, composition, capsys):
    from app.services.gst_returns import BillLine, record_purchase_bill

    ctx = composition.ctx
    catalog.create_product(ctx, sku="RICE", name_en="Rice", price_paise=6_000, hsn_code="1006")
    for day in (date(2026, 5, 5), date(2026, 8, 9), date(2026, 12, 30), date(2027, 3, 31), date(2027, 4, 1)):
        lines = [SaleLine(sku="RICE", qty_milli=10_000)]
        total = quote_sale(ctx, lines=lines, at=at(day)).total_paise
        record_sale(ctx, lines=lines, payments=[PaymentIn(method="cash", amount_paise=total)], at=at(day),
                    confirmed=True)
    record_purchase_bill(ctx, supplier_name="Pune Wholesale", supplier_gstin="27AABCU9603R1ZN", bill_no="PW-9",
                         bill_date=date(2026, 6, 1), lines=[BillLine(rate_bp=500, taxable_paise=40_000)])
    figures = json.loads(cli(data, capsys, "gst", "gstr4", "--fy", "2026-27", "--json", shop_name="bos"))
    assert [q["turnover_paise"] for q in figures["table5_cmp08"]] == [60_000, 60_000, 60_000, 60_000]
    assert figures["table6_turnover_paise"] == 240_000 and figures["table6_cgst_paise"] == 1_200
    assert figures["table4a_inward"] == [{"ctin": "27AABCU9603R1ZN", "taxable_paise": 40_000, "igst_paise": 2_000,
                                          "cgst_paise": 0, "sgst_paise": 0, "cess_paise": 0}]
