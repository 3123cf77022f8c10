"""Product onboarding: seed properties 1 and 2, listing content, compliance, fallbacks, the CLI."""

from __future__ import annotations

import argparse
import io
import json
from contextlib import redirect_stdout
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw, ImageFilter

from app import onboarding
from app.commands import onboard as onboard_command
from app.errors import InputError
from app.ml import runtime
from app.ml.packtext import extract
from app.onboarding import rules
from app.paths import DataDir

PACKS = Path(__file__).resolve().parents[1] / "data" / "packs"
DAY = date(2026, 1, 15)
RATES = onboarding.shipped_rates()
FULL_FACTS = {"manufacturer": "Britannia Industries Ltd., Kolkata", "country_of_origin": "India",
              "consumer_care": "1800 103 1963", "packed_on": "12/2025"}


def product_photo(colour=(200, 30, 35), size=(800, 900)) -> Image.Image:
    image = Image.new("RGB", size, (235, 235, 230))
    draw = ImageDraw.Draw(image)
    w, h = size
    draw.rectangle((w * 0.25, h * 0.15, w * 0.75, h * 0.85), fill=colour)
    for i in range(6):
        y = h * 0.2 + i * h * 0.1
        draw.rectangle((w * 0.3, y, w * 0.7, y + h * 0.03), fill=(250, 240, 80))
    return image


def jpeg_bytes(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def pool() -> list[onboarding.PhotoAnalysis]:
    """Real analyses (real models) of clear and unclear photos, made once and reused by the properties."""
    pack = Image.open(PACKS / "pack_002.jpg").convert("RGB")
    sources = [
        PACKS / "pack_000.jpg", PACKS / "pack_002.jpg", PACKS / "pack_004.jpg", PACKS / "pack_006.jpg",
        jpeg_bytes(pack.filter(ImageFilter.GaussianBlur(7))),  # blurred
        jpeg_bytes(pack.point(lambda v: v // 10)),  # dark
        jpeg_bytes(pack.resize((150, 170))),  # too small
        jpeg_bytes(Image.new("RGB", (800, 800), (120, 120, 120))),  # nothing in it
        PACKS / "not_product_cat.jpg",  # not a product
        b"\xff\xd8\xff\xe0 this is not really a jpeg",  # corrupt
        b"",  # empty file
    ]
    out = []
    for source in sources:
        out.extend(onboarding.analyse_photos([source]))
    return out


def renumber(chosen: list[onboarding.PhotoAnalysis]) -> list[onboarding.PhotoAnalysis]:
    return [replace(a, number=i) for i, a in enumerate(chosen, start=1)]


FACT_VALUES = {
    "name": st.sampled_from(["Glucose Biscuits", "", "   ", "!!!$$$", "a" * 300, "Free Sale Offer Biscuits"]),
    "name_hi": st.sampled_from(["ग्लूकोज़ बिस्कुट", ""]),
    "brand": st.sampled_from(["Parle-G", "parle-g", "Sharma Masale", ""]),
    "mrp": st.sampled_from(["25", "₹1,250.00", "abc", "-5", "0", ""]),
    "net_quantity": st.sampled_from(["250 g", "1 kg", "xyz", "5 L", ""]),
    "category": st.sampled_from(["biscuits", "fresh", "nonsense", "Personal care", ""]),
    "hsn_code": st.sampled_from(["1905", "12", "abcd", "0703", ""]),
    "manufacturer": st.sampled_from(["Parle Products, Mumbai", ""]),
    "country_of_origin": st.sampled_from(["India", "Nepal", ""]),
    "consumer_care": st.sampled_from(["1800 22 3300", ""]),
    "packed_on": st.sampled_from(["03/2026", ""]),
    "best_before": st.sampled_from(["9 months from packaging", ""]),
    "fssai": st.sampled_from(["10012345678901", "123", ""]),
}
seller_inputs = st.builds(
    onboarding.SellerInput,
    price_paise=st.one_of(st.none(), st.integers(-100, 2_000_000)),
    name=st.one_of(st.none(), FACT_VALUES["name"]),
    facts=st.dictionaries(st.sampled_from(sorted(FACT_VALUES)), st.just(None), max_size=6).flatmap(
        lambda keys: st.fixed_dictionaries({k: FACT_VALUES[k] for k in keys})),
)
marketplace_sets = st.lists(st.sampled_from(rules.MARKETPLACES), min_size=1, max_size=4, unique=True)


def check_property_1(listing: onboarding.Listing) -> None:
    asked = {m.field for m in listing.missing}
    for attribute in listing.required:
        value = listing.value(attribute)
        present = value is not None and value != "" and value != () and value != {}
        assert present or attribute in asked, f"{attribute} is neither in the listing nor asked for"
    assert all(m.question.strip() for m in listing.missing)
    if listing.ready:
        assert not listing.missing and not any(c.blocking for c in listing.compliance)
    if listing.title:
        assert rules.title_problems(listing.title) == [], listing.title


@pytest.mark.slow
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), seller=seller_inputs, marketplaces=marketplace_sets, with_rates=st.booleans())
def test_property_1_every_listing_is_complete_or_says_what_is_missing(pool, data, seller, marketplaces,
                                                                      with_rates):
    """Feature: tavyonix-seller-os, Property 1: Product Onboarding Completeness

    For any photos and seller inputs, the listing has every required attribute (which depend on the
    category and the marketplaces) or names it in ``missing`` with a question; a title is always within
    Amazon's rules; a listing is ``ready`` only when nothing is missing and no rule blocks it.
    """
    chosen = data.draw(st.lists(st.sampled_from(pool), min_size=1, max_size=5))
    listing = onboarding.build_listing(renumber(chosen), seller, rates=RATES if with_rates else None, day=DAY,
                                       marketplaces=tuple(marketplaces))
    check_property_1(listing)


spoilers = st.one_of(
    st.floats(4, 12).map(lambda r: ("blur", lambda im: im.filter(ImageFilter.GaussianBlur(r)))),
    st.integers(4, 20).map(lambda k: ("dark", lambda im: im.point(lambda v: v // k))),
    st.integers(40, 400).map(lambda side: ("small", lambda im: im.resize((side, side * 9 // 8)))),
    st.tuples(st.integers(0, 255), st.integers(0, 255), st.integers(0, 255)).map(
        lambda c: ("flat", lambda im: Image.new("RGB", im.size, c))),
    st.binary(max_size=64).map(lambda b: ("corrupt", b)),
)


@pytest.mark.slow
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), spoil=spoilers, seller=seller_inputs, colour=st.tuples(
    st.integers(0, 255), st.integers(0, 255), st.integers(0, 255)))
def test_property_2_an_unclear_photo_always_brings_a_request(pool, data, spoil, seller, colour):
    """Feature: tavyonix-seller-os, Property 2: Product Onboarding Error Handling

    For any unclear photo (blurred, dark, too small, empty, unreadable) among clear ones, the agent never
    returns a listing without asking for that photo again: ``missing`` names it ("photo:N") with what to
    do, and the listing is not ``ready``, whatever the seller typed.
    """
    kind, how = spoil
    bad = how if kind == "corrupt" else jpeg_bytes(how(product_photo(colour)))
    unclear = onboarding.analyse_photos([bad])[0]
    assert not unclear.usable, kind
    clear = [a for a in pool[:4]]
    others = data.draw(st.lists(st.sampled_from(clear), max_size=3))
    at = data.draw(st.integers(0, len(others)))
    chosen = renumber([*others[:at], unclear, *others[at:]])
    listing = onboarding.build_listing(chosen, seller, rates=RATES, day=DAY)
    asked = {m.field for m in listing.missing}
    assert f"photo:{at + 1}" in asked
    assert not listing.ready
    check_property_1(listing)


def test_pool_photos_are_judged_right(pool):
    assert [a.usable for a in pool] == [True] * 4 + [False] * 7
    assert {i.code for i in pool[4].issues} >= {"blurred"}
    assert {i.code for i in pool[5].issues} >= {"dark"}
    assert {i.code for i in pool[6].issues} >= {"too_small"}
    assert {i.code for i in pool[8].issues} >= {"not_product"}
    assert pool[9].error and pool[10].error


def test_a_clear_pack_and_typed_facts_make_a_ready_listing():
    seller = onboarding.SellerInput(price_paise=4500, facts=FULL_FACTS)
    listing = onboarding.onboard([PACKS / "pack_002.jpg"], seller, rates=RATES, day=DAY)
    assert listing.brand == "Britannia" and listing.name == "Good Day Cashew Cookies"
    assert listing.title == "Britannia Good Day Cashew Cookies, 200 g"
    assert listing.mrp_paise == 5000 and listing.net_quantity == "200 g"
    assert listing.category == "biscuits" and listing.hsn_code == "1905" and listing.gst_rate_bp == 500
    assert listing.specifications["fssai"] == "29161946823081"
    assert any("\u0900" <= ch <= "\u097f" for ch in listing.description_hi)
    assert "बिस्कुट" in " ".join(listing.tags)
    main = listing.images[0]
    assert main.role == "main" and main.white_background and main.width == main.height
    assert Image.open(io.BytesIO(main.jpeg)).getpixel((2, 2)) == (255, 255, 255)
    assert listing.sources["mrp_paise"] == "photo 1" and listing.sources["manufacturer"] == "typed"
    assert listing.missing == ()
    assert listing.ready, listing.compliance
    assert any("GST 5%" in c for c in listing.confirm)


def test_price_above_mrp_is_refused():
    seller = onboarding.SellerInput(price_paise=6000, facts=FULL_FACTS)
    listing = onboarding.onboard([PACKS / "pack_002.jpg"], seller, rates=RATES, day=DAY)
    assert not listing.ready
    assert any(c.rule == "price_above_mrp" and c.blocking for c in listing.compliance)


def test_nothing_typed_asks_for_the_legal_metrology_facts():
    listing = onboarding.onboard([PACKS / "pack_004.jpg"], onboarding.SellerInput(), rates=RATES, day=DAY)
    asked = {m.field for m in listing.missing}
    assert {"price_paise", "consumer_care"} <= asked
    assert "brand" not in asked and "mrp_paise" not in asked  # read from the pack


def test_a_doubtful_mrp_is_settled_by_the_price():
    analysis = onboarding.analyse_photos([PACKS / "pack_006.jpg"])[0]
    doubtful = replace(analysis, facts=extract(["Everest", "Garam Masala", "MRP 276", "Net Wt 100 g"]))
    listing = onboarding.build_listing([doubtful], onboarding.SellerInput(price_paise=7000), rates=RATES, day=DAY)
    assert listing.mrp_paise == 7600  # "₹76" read as "276": the ₹70 price makes ₹76 the likely MRP
    assert any("MRP read from the pack" in c for c in listing.confirm)


@pytest.mark.parametrize("typed", ["!!!$$$", "1234", "  "])
def test_a_nonsense_name_is_asked_again(pool, typed):
    listing = onboarding.build_listing([replace(pool[0], facts=None)], onboarding.SellerInput(name=typed),
                                       rates=RATES, day=DAY)
    assert listing.name is None and listing.title is None
    assert "name" in {m.field for m in listing.missing}


def test_too_many_or_no_photos_are_refused():
    with pytest.raises(InputError):
        onboarding.onboard([], onboarding.SellerInput(), rates=RATES)
    with pytest.raises(InputError):
        onboarding.onboard([PACKS / "pack_000.jpg"] * 6, onboarding.SellerInput(), rates=RATES)


def test_loose_goods_need_no_mrp_or_maker():
    photo = jpeg_bytes(product_photo((240, 130, 30)))
    seller = onboarding.SellerInput(price_paise=4000, name="Fresh Onion", facts={"category": "fresh"})
    listing = onboarding.onboard([photo], seller, rates=RATES, day=DAY)
    assert listing.category == "fresh" and listing.gst_rate_bp == 0
    assert "mrp_paise" not in listing.required and "manufacturer" not in listing.required


def test_without_models_the_seller_is_asked_instead(tmp_path, monkeypatch):
    monkeypatch.setenv(runtime.ENV_MODELS, str(tmp_path))
    runtime.forget()
    try:
        seller = onboarding.SellerInput(price_paise=2000, name="Glucose Biscuits", facts={"brand": "Parle-G"})
        listing = onboarding.onboard([PACKS / "pack_000.jpg"], seller, rates=RATES, day=DAY)
    finally:
        runtime.forget()
    assert listing.title.startswith("Parle-G Glucose Biscuits")
    assert listing.category == "biscuits"  # from the brand and the words, no model needed
    asked = {m.field for m in listing.missing}
    assert {"mrp_paise", "net_quantity"} <= asked  # nothing could be read from the pack


def run_cli(argv: list[str], tmp_path: Path) -> tuple[int, str]:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shop", default=None)
    onboard_command.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    out = io.StringIO()
    with redirect_stdout(out):
        code = args.handler(args, DataDir(tmp_path / "data"))
    return code, out.getvalue()


def test_cli_prints_the_listing_and_what_is_missing(tmp_path):
    code, out = run_cli(["onboard", str(PACKS / "pack_002.jpg"), "--price", "45", "--json", "--out",
                         str(tmp_path / "images"), "--fact", "country_of_origin=India"], tmp_path)
    assert code == 0
    listing = json.loads(out)
    assert listing["title"] == "Britannia Good Day Cashew Cookies, 200 g"
    assert listing["ready"] is False
    assert {m["field"] for m in listing["missing"]} >= {"manufacturer", "consumer_care"}
    assert listing["sources"]["country_of_origin"] == "typed"
    written = Path(listing["images"][0]["path"])
    assert written.is_file() and Image.open(written).size[0] >= 500


def test_cli_refuses_a_bad_fact_or_price(tmp_path):
    with pytest.raises(InputError, match="colour=red"):
        run_cli(["onboard", str(PACKS / "pack_002.jpg"), "--fact", "colour=red", "--json"], tmp_path)
    with pytest.raises(InputError):
        run_cli(["onboard", str(PACKS / "pack_002.jpg"), "--price", "lots"], tmp_path)


def test_cli_uses_the_shops_rate_table_and_brands(tmp_path):
    from app.session import open_session

    opened = open_session(DataDir(tmp_path / "data"), "kirana", create=True)
    opened.close()
    code, out = run_cli(["--shop", "kirana", "onboard", str(PACKS / "pack_002.jpg"), "--price", "45"], tmp_path)
    assert code == 0
    assert out.splitlines()[0] == "Britannia Good Day Cashew Cookies, 200 g"


def test_cli_reports_a_corrupt_photo_as_missing(tmp_path):
    bad = tmp_path / "broken.jpg"
    bad.write_bytes(b"\x00\x01 not an image")
    code, out = run_cli(["onboard", str(bad), "--json"], tmp_path)
    listing = json.loads(out)
    photo = [m for m in listing["missing"] if m["field"] == "photo:1"]
    assert code == 0 and photo and "broken.jpg" in photo[0]["question"]
