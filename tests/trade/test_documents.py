"""Export documents: commercial invoice, packing list, CSB-V / postal bill data, PDF and XLSX, from the CLI
on a real shop file; every required field checked before a document is made (property 8, documents)."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from pypdf import PdfReader

from app.domain.fy import financial_year
from app.domain.trade import documents
from app.domain.trade.documents import ExportDocs, Exporter, ExportLine, PackageRow
from app.domain.trade.fob import Carriage
from app.domain.trade.terms import INCOTERMS
from app.main import run
from app.services import catalog


def cli(data, capsys, *argv: str, code: int = 0) -> str:
    got = run(["--data-dir", str(data.root), "--shop", "test", *argv])
    out = capsys.readouterr()
    assert got == code, out.out + out.err
    return out.out + out.err


@pytest.fixture
def export_shop(session, ctx, data, capsys):
    catalog.create_product(ctx, sku="TEA8", name_en="Assam tea 250 g", price_paise=40_000, mrp_paise=45_000,
                           cost_paise=30_000, hsn_code="09023020", unit="pack", opening_stock_milli=100_000)
    catalog.create_product(ctx, sku="PAPD", name_en="Urad papad 200 g", price_paise=9_000, mrp_paise=10_000,
                           cost_paise=7_000, hsn_code="1905", unit="pack", opening_stock_milli=100_000)
    session.close()  # the CLI opens the shop itself
    today = date.today()  # the CLI runs on the real clock; a LUT for this year and the next covers IST too
    cli(data, capsys, "trade", "lut", "--arn", "AD270326012345X", "--fy", financial_year(today))
    cli(data, capsys, "trade", "lut", "--arn", "AD270326012346X", "--fy", financial_year(today + timedelta(days=1)),
        code=0 if financial_year(today) != financial_year(today + timedelta(days=1)) else 2)
    return today


def test_documents_from_the_cli_refuse_missing_fields_then_write_pdf_and_xlsx(data, capsys, tmp_path, export_shop):
    text = cli(data, capsys, "trade", "sell", "--line", "TEA8:10", "--line", "PAPD:20", "--buyer", "Gulf Foods LLC",
               "--address", "Shop 4, Al Karama, Dubai", "--country", "AE", "--currency", "AED", "--rate", "22.90",
               "--incoterm", "CIF", "--payment", "100% advance by bank transfer", "--route", "postal", "--yes")
    assert "EXP/" in text and "LUT" in text
    invoice = text.split("Export invoice ")[1].split(":")[0]
    # nothing is made while fields are missing: IEC, AD code, packages, and the short HS code of the papad
    out = cli(data, capsys, "trade", "docs", invoice, "--pdf", str(tmp_path / "x.pdf"), code=2)
    assert "IEC" in out and "AD code" in out and "packages" in out.lower() and "Urad papad" in out
    assert "Under CIF the price includes the freight" in out
    # CIF: the FOB value is the invoice value (10 x 400 + 20 x 90 = 5,800) less freight 650 and insurance 40
    out = cli(data, capsys, "trade", "freight", invoice, "--freight", "650", "--insurance", "40")
    assert "FOB value ₹5,110.00" in out
    assert not (tmp_path / "x.pdf").exists()
    cli(data, capsys, "settings", "set", "trade.iec", "AAPFU0939F")
    cli(data, capsys, "settings", "set", "trade.ad_code", "0510005")
    cli(data, capsys, "trade", "packages", invoice, "--package", "4.2:4.6:40x30x20:tea", "--package",
        "3.6:4.0:40x30x25:papad")
    out = cli(data, capsys, "trade", "docs", invoice, "--xlsx", str(tmp_path / "x.xlsx"), code=2)
    assert "Urad papad" in out and "6 digits" in out and "IEC" not in out
    cli(data, capsys, "product", "edit", "PAPD", "--hsn", "19059040")  # the seller adds the 8-digit customs code
    cli(data, capsys, "trade", "docs", invoice, "--pdf", str(tmp_path / "docs.pdf"), "--xlsx",
        str(tmp_path / "docs.xlsx"))
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(tmp_path / "docs.pdf").pages]
    assert len(pages) == 3
    assert "Commercial invoice" in pages[0] and "AAPFU0939F" in pages[0] and "09023020" in pages[0]
    assert "FOB value" in pages[0] and "INR 5,110.00" in pages[0] and "INR 5,110.00" in pages[2]
    assert "LETTER OF UNDERTAKING" in pages[0] and "AD270326012345X" in pages[0] and "CIF" in pages[0]
    assert "Packing list" in pages[1] and "8.600 kg" in pages[1]
    assert "0510005" in pages[2] and "CN22" in pages[2]
    book = load_workbook(tmp_path / "docs.xlsx")
    assert book.sheetnames == ["invoice", "packing", "shipping"]
    cells = " ".join(str(c) for row in book["invoice"].iter_rows(values_only=True) for c in row if c)
    assert "AED" in cells and "Gulf Foods LLC" in cells and "India" in cells
    # proof of export, then the list shows it exported
    listed = json.loads(cli(data, capsys, "trade", "list", "--json"))
    assert listed[0]["state"].endswith("days left") and listed[0]["deadline"]
    cli(data, capsys, "trade", "proof", invoice, "--no", "PBE3000123", "--date", listed[0]["business_date"])
    listed = json.loads(cli(data, capsys, "trade", "list", "--json"))
    assert listed[0]["invoice_no"] == invoice and listed[0]["proof_kind"] == "pbe"
    assert listed[0]["state"].startswith("exported")


# Incoterms 2020 under which the seller pays the main carriage (so the invoice price includes it), written out
# here rather than read from the code
CARRIED = {"CFR", "CIF", "CPT", "CIP", "DAP", "DPU", "DDP"}


def _docs(present: dict[str, bool], *, mode: str, hsn: str, route: str, incoterm: str = "CIF",
          carriage: Carriage | None = None) -> ExportDocs:
    def v(name: str, value: str) -> str:
        return value if present[name] else ""

    return ExportDocs(
        exporter=Exporter(name=v("exporter", "Test Kirana"), address=v("exporter", "12 Station Road, Pune"),
                          gstin=v("gstin", "27AAPFU0939F1ZV"), iec=v("iec", "AAPFU0939F"),
                          ad_code=v("ad_code", "0510005"), state="Maharashtra"),
        invoice_no="EXP/2627/00001", day=date(2026, 8, 10), buyer_name=v("buyer", "Gulf Foods LLC"),
        buyer_address=v("buyer", "Al Karama, Dubai"), country=v("country", "AE"), country_name="United Arab Emirates",
        currency="AED", fx_paise=2290, incoterm=v("incoterm", incoterm), payment_terms=v("payment_terms", "advance"),
        route=route, mode=mode, lut_arn=v("lut_arn", "AD270326012345X") or None, port_code="",
        lines=(ExportLine(description="Assam tea", hsn=hsn, qty_milli=10_000, unit="pack", amount_paise=400_000,
                          taxable_paise=400_000, igst_paise=0, rate_bp=500),),
        packages=(PackageRow(net_g=4200, gross_g=4600, length_mm=400, width_mm=300, height_mm=200),)
        if present["packages"] else (), carriage=carriage if present.get("carriage", True) else None)


FIELDS = ("exporter", "gstin", "iec", "ad_code", "buyer", "country", "incoterm", "payment_terms", "lut_arn",
          "packages", "carriage")
# the value each required field prints as, and the documents that must carry it
PRINTED = {"gstin": ("27AAPFU0939F1ZV", ("invoice", "shipping")), "iec": ("AAPFU0939F", documents.DOCUMENTS),
           "ad_code": ("0510005", ("shipping",)), "buyer": ("Gulf Foods LLC", documents.DOCUMENTS),
           "country": ("(AE)", documents.DOCUMENTS),
           "payment_terms": ("advance", ("invoice",)), "exporter": ("12 Station Road", ("invoice", "packing"))}


@settings(max_examples=150, deadline=None)
@given(present=st.fixed_dictionaries({name: st.booleans() for name in FIELDS}),
       mode=st.sampled_from(("lut", "igst")), hsn=st.sampled_from(("", "0902", "090230", "09023020")),
       route=st.sampled_from(("courier", "postal", "cargo")), incoterm=st.sampled_from(INCOTERMS),
       freight=st.integers(min_value=0, max_value=200_000), insurance=st.integers(min_value=0, max_value=50_000))
def test_property_8_documents_carry_every_required_field(present, mode, hsn, route, incoterm, freight, insurance):
    """Feature: tavyonix-seller-os, Property 8: documents carry every required field.

    For any export order with any of its required fields missing, each document is made only when none of
    its fields is missing, names every missing one otherwise, and when made prints each required value."""
    insurance = 0 if incoterm in ("CFR", "CPT") else insurance  # the buyer insures under these
    carried = incoterm in CARRIED and present["incoterm"]
    doc = _docs(present, mode=mode, hsn=hsn, route=route, incoterm=incoterm,
                carriage=Carriage(freight_paise=freight, insurance_paise=insurance) if carried else None)
    found = documents.issues(doc)
    for name in documents.DOCUMENTS:
        stopped = {i.field.split(":")[0] for i in found if name in i.documents}
        missing = {f for f in FIELDS if not present[f] and any(
            name in i.documents for i in found if i.field == f)}
        expected_missing = set()
        for f in FIELDS:
            if present[f] or (f == "lut_arn" and mode != "lut") or (f == "carriage" and not carried):
                continue
            docs_of_f = {"ad_code": ("shipping",), "incoterm": ("invoice",), "payment_terms": ("invoice",),
                         "lut_arn": ("invoice", "shipping"), "packages": ("packing", "shipping"),
                         "carriage": ("invoice", "shipping")}.get(
                f, documents.DOCUMENTS)
            if name in docs_of_f:
                expected_missing.add(f)
        assert missing == expected_missing
        short = len(hsn) < 6
        assert ("hsn" in stopped) == (short and name in ("invoice", "shipping"))
        assert ("itchs" in stopped) == (len(hsn) in (6,) and name == "shipping")
        if stopped:
            continue
        built = documents.__dict__[{"invoice": "commercial_invoice", "packing": "packing_list",
                                    "shipping": "shipping_data"}[name]](doc)
        text = json.dumps(built, ensure_ascii=False)
        for field_name, (value, where) in PRINTED.items():
            if name in where:
                assert value in text, (name, field_name)
        if name in ("invoice", "shipping"):
            assert hsn in text and (incoterm in text or not present["incoterm"])
            # FOB value: the invoice's ₹4,000 less what the seller paid to carry it, by independent arithmetic
            fob = 400_000 - (freight + insurance if carried else 0)
            rows = dict(built["header"] + built["totals"])
            assert rows["FOB value"] == f"AED {round(fob / 2290, 2):,.2f} (INR {fob // 100:,}.{fob % 100:02d})"
        if name == "invoice":
            assert built["endorsement"].startswith("SUPPLY MEANT FOR EXPORT")
            assert ("AD270326012345X" in built["endorsement"]) == (mode == "lut")


def test_foreign_amounts_follow_the_rate():
    doc = dataclasses.replace(_docs(dict.fromkeys(FIELDS, True), mode="lut", hsn="09023020", route="courier"),
                              currency="USD", fx_paise=8410)
    assert doc.foreign(841_000) == "USD 100.00"
    assert doc.foreign(100) == "USD 0.01"


def test_the_endorsement_is_rule_46s_wording_with_the_lut_arn():
    """CGST Rule 46 as amended by Notification 17/2017-Central Tax: the prescribed words, then the LUT's ARN."""
    from app.domain.trade.terms import endorsement

    assert endorsement("lut", "AD270326012345X") == (
        "SUPPLY MEANT FOR EXPORT/SUPPLY TO SEZ UNIT OR SEZ DEVELOPER FOR AUTHORISED OPERATIONS UNDER BOND OR LETTER "
        "OF UNDERTAKING WITHOUT PAYMENT OF INTEGRATED TAX (LUT ARN AD270326012345X)")
    assert endorsement("igst", None) == ("SUPPLY MEANT FOR EXPORT/SUPPLY TO SEZ UNIT OR SEZ DEVELOPER FOR AUTHORISED "
                                         "OPERATIONS ON PAYMENT OF INTEGRATED TAX")


def test_the_printed_export_bill_carries_the_endorsement_and_the_buyer_abroad(session, ctx):
    """The tax invoice itself (the bill the shop prints), not only the commercial invoice, says it is an export."""
    from app.ui.printing.document import order_document
    from trade.books import ARN, build_export_books

    ids = build_export_books(ctx)
    doc = order_document(session, ids["exp_lut"], lang="en")
    assert doc.notice.startswith("SUPPLY MEANT FOR EXPORT/SUPPLY TO SEZ UNIT")
    assert doc.notice.endswith(f"(LUT ARN {ARN})")
    assert doc.buyer == ("Gulf Foods LLC", "Shop 4, Al Karama, Dubai") and doc.place_of_supply.endswith("(96)")
    paid = order_document(session, ids["exp_igst"], lang="en")
    assert paid.notice.endswith("ON PAYMENT OF INTEGRATED TAX") and paid.igst_paise > 0
    home = order_document(session, ids["cn_exp"], lang="en")  # the credit note keeps its own notice
    assert not home.notice.startswith("SUPPLY MEANT")
