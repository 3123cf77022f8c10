"""Pack-text extraction: label wording and OCR slips as rules, then real OCR on rendered packs."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.ml import packtext

PACKS = Path(__file__).resolve().parents[1] / "data" / "packs"


def test_typed_label_gives_every_fact():
    facts = packtext.extract([
        "Parle-G", "Glucose Biscuits", "Net Wt. 250 g", "MRP ₹25.00 (Incl. of all taxes)",
        "FSSAI Lic. No. 10012345678901", "Best before 9 months from packaging", "Pkd: 03/2026",
        "Manufactured by: Parle Products Pvt. Ltd., Mumbai", "Country of Origin: India",
    ])
    assert facts.brand == "Parle-G"
    assert facts.name == "Glucose Biscuits"
    assert (facts.net_quantity, facts.unit) == (Decimal(250), "g")
    assert facts.net_quantity_text == "250 g"
    assert facts.mrp_paise == 2500
    assert facts.fssai == "10012345678901"
    assert facts.best_before == "9 months from packaging"
    assert facts.packed_on == "03/2026"
    assert facts.manufacturer.startswith("Parle Products")
    assert facts.country_of_origin == "India"


@pytest.mark.parametrize(("line", "paise"), [
    ("MRP354.00", 35400),  # ₹ dropped, spaces lost
    ("M.R.P.R.85/-", 8500),  # "Rs." read as "R."
    ("MRPR326inlftax", 32600),
    ("Max. Retail Price Rs. 157", 15700),
    ("MRP: 1,250.00", 125000),
    ("MRP ₹ 25/-", 2500),
])
def test_mrp_survives_ocr_slips(line, paise):
    assert packtext.extract([line]).mrp_paise == paise


def test_doubtful_mrp_keeps_the_other_reading():
    # "₹40" read as "240" or "41/-" read as "41-": both readings are kept, the repeat on the pack decides
    facts = packtext.extract(["MRP 240"])
    assert (facts.mrp_paise, facts.mrp_alternatives) == (24000, (4000,))
    assert packtext.extract(["M.R.P. 2136.00", "136.00"]).mrp_paise == 13600


@pytest.mark.parametrize(("line", "qty", "unit"), [
    ("NETQTY5L", "5", "l"), ("Net Weight:2 kg", "2", "kg"), ("NET QUANTITY 125.g", "125", "g"),
    ("Net Vol. 500 ml", "500", "ml"), ("475G", "475", "g"), ("शुद्ध मात्रा 1 kg", "1", "kg"),
    ("Net Content 1.5 Ltr", "1.5", "l"),
])
def test_net_quantity_spellings(line, qty, unit):
    facts = packtext.extract([line])
    assert (facts.net_quantity, facts.unit) == (Decimal(qty), unit)


def test_best_before_is_not_a_quantity_and_phone_is_not_fssai():
    facts = packtext.extract(["Best before 9 months", "For feedback: 1800 22 3300"])
    assert facts.net_quantity is None
    assert facts.fssai is None


def test_brand_is_fuzzy_matched_and_shop_brands_count():
    assert packtext.extract(["Britania", "Cashew Cookies"]).brand == "Britannia"
    assert packtext.extract(["Sharma Masale"]).brand is None
    assert packtext.extract(["Sharma Masale"], brands=["Sharma Masale"]).brand == "Sharma Masale"


def test_short_brand_needs_a_whole_word():
    # "Rin" must not be found inside "Printed"
    assert packtext.extract(["Printed in India"]).brand is None


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=60), max_size=12))
def test_extract_never_crashes_and_amounts_are_sane(lines):
    facts = packtext.extract(lines)
    assert facts.mrp_paise is None or 0 < facts.mrp_paise <= 10_000_000
    assert facts.fssai is None or (len(facts.fssai) == 14 and facts.fssai.isdigit())
    assert facts.net_quantity is None or facts.net_quantity > 0


def test_real_ocr_on_rendered_packs():
    labels = json.loads((PACKS / "labels.json").read_text(encoding="utf-8"))
    for label in labels:
        facts = packtext.extract(packtext.read(PACKS / label["file"]))
        assert facts.brand == label["brand"], label["file"]
        assert facts.mrp_paise == label["mrp_paise"], label["file"]
        assert (facts.net_quantity, facts.unit) == (Decimal(label["net_qty"]), label["unit"]), label["file"]
        assert facts.name == label["name"], label["file"]
