"""The generator's parts: codes it makes are valid for any input, the demand model is sane on any day."""

from __future__ import annotations

import random
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st
from stdnum import ean

from app.domain.codes import check_gstin
from app.domain.gst import STATES
from app.sim.history.catalog import BarcodeMaker, build_catalog, pack_labels
from app.sim.history.catalog_data import FAMILIES
from app.sim.history.demand import ShopperDemand, poisson
from app.sim.history.people import make_customers, make_gstin, make_pan

SURNAMES = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12)


# python-stdnum (behind check_gstin) does not know Ladakh (38) or "other territory" (97) yet
GSTIN_STATES = sorted(set(STATES) - {"38", "97"})


@given(seed=st.integers(0, 2**32), state=st.sampled_from(GSTIN_STATES), holder=st.sampled_from("PFC"),
       surname=SURNAMES)
def test_generated_gstins_are_valid_for_their_state(seed, state, holder, surname):
    pan = make_pan(random.Random(seed), holder, surname)
    gstin = make_gstin(state, pan)
    assert check_gstin(gstin, state=state) == gstin
    assert gstin[2:12] == pan and pan[3] == holder and pan[4] == surname[0].upper()


@given(seed=st.integers(0, 2**32), brands=st.lists(st.sampled_from(["", "Tata", "Parle", "Amul", "MDH"]),
                                                     min_size=1, max_size=300))
def test_barcodes_are_valid_and_never_repeat(seed, brands):
    maker = BarcodeMaker(random.Random(seed))
    codes = [maker.next(brand) for brand in brands]
    assert len(set(codes)) == len(codes)
    for brand, code in zip(brands, codes, strict=True):
        assert len(code) == 13 and ean.is_valid(code)
        assert code.startswith("890" if brand else "21")


@given(offset=st.integers(-40, 800), seed=st.integers(0, 1000))
def test_demand_is_never_negative_and_closed_days_sell_nothing(offset, seed):
    start = date(2024, 11, 24)
    model = ShopperDemand(start, start + timedelta(days=729), base_bills=80, seed=seed)
    day = model.describe(start + timedelta(days=offset))
    if day.open:
        assert 15 < day.bills_mean < 400
        assert all(m > 0 for m in day.keys.values())
    else:
        assert day.bills_mean == 0
    assert model.outlook(day.day, 5, "dry_fruits", ("dry_fruit",)) >= 1.0


@given(mean=st.floats(0, 200), seed=st.integers(0, 2**32))
def test_poisson_draws_are_whole_and_not_negative(mean, seed):
    draw = poisson(random.Random(seed), mean)
    assert isinstance(draw, int) and draw >= 0
    assert mean > 0 or draw == 0


def test_every_pack_has_english_and_hindi_labels():
    for family in FAMILIES:
        for pack, mrp in family.packs:
            english, hindi = pack_labels(pack)
            assert english[0].isdigit() and hindi[0].isdigit() and mrp > 0


def test_a_large_catalog_has_100000_distinct_items():
    items = build_catalog(7, size=100_000)
    assert len(items) == 100_000
    assert len({i.sku for i in items}) == len({i.barcode for i in items}) == 100_000
    assert all(i.mrp is None or i.price <= i.mrp for i in items)
    assert all(0 < i.cost <= i.price for i in items)


def test_the_catalog_follows_the_seed():
    def shelf(seed: int) -> list[tuple]:
        return [(i.sku, i.name_en, i.barcode, i.mrp, i.price, i.cost, i.case, i.lines_per_day)
                for i in build_catalog(seed)]

    assert shelf(7) == shelf(7)
    assert shelf(7) != shelf(8)


def test_customers_are_fifty_distinct_people_of_every_kind():
    customers = make_customers(random.Random(1))
    assert len({c.name for c in customers}) == 50
    assert {c.kind for c in customers} == {"cash", "monthly", "weekly", "slow"}
