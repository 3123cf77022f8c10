"""Import duty abroad from the shipped tariffs (``resources/data/export_tariffs.json``): the longest HS code that
begins the item's wins, a code too short to pick a subheading gives the range and asks for a longer code, an item
or market the data lacks is "not in the data"; every entry carries its source and the date it was checked. The route
score then says the rate in place of "duties not in the shipped data"."""

from __future__ import annotations

import re

import pytest

from app.domain.trade.routes import Quote, score
from app.domain.trade.tariffs import Tariff, duty_for
from app.domain.trade.terms import COUNTRY_NAMES
from app.services import export_routes

SHIPPED = export_routes.tariffs()


def _entry(market: str, hs: str, rate: int | None) -> Tariff:
    return Tariff(market=market, hs=hs, what=f"{market}-{hs}", rate_bp=rate, as_published=str(rate), source="s")


def test_the_longest_code_that_begins_the_items_wins():
    data = [_entry("AE", "", 500), _entry("AE", "2402", 10_000), _entry("AE", "24", 2_500)]
    assert duty_for(data, "24022090", "AE").tariff.hs == "2402"
    assert duty_for(data, "24031100", "AE").tariff.hs == "24"
    assert duty_for(data, "09023020", "AE").tariff.hs == ""  # the market's general rule
    assert not duty_for(data, "09023020", "US").known  # no entry for the market: not in the data
    assert not duty_for(data, "", "AE").known  # no code: it could be a dutiable good, nothing is assumed


def test_a_code_too_short_for_the_data_gives_the_range_and_asks_for_a_longer_code():
    found = duty_for(SHIPPED, "0902", "US")
    assert found.tariff is None and [t.hs for t in found.narrower] == ["090210", "090230", "090240"]
    words = export_routes.duty_words(found, "US")
    assert words == ("import duty in US depends on the subheading (0 % - 6.4 % in the data): give the item a longer "
                     "HSN code")
    # ginger: free whole, a cent a kilogram ground (not a percentage: said as published)
    assert export_routes.duty_words(duty_for(SHIPPED, "0910", "US"), "US").startswith(
        "import duty in US depends on the subheading (0 %; 1 US cent per kg (column 1 General) in the data)")
    assert duty_for(SHIPPED, "09023020", "US").tariff.rate_bp == 0  # 0902.30: black tea up to 3 kg, free


@pytest.mark.parametrize(("hsn", "market", "rate"), [
    ("09023020", "SG", 0), ("22030000", "SG", None), ("24022010", "SG", None), ("19053100", "SG", 0),
    ("19053100", "AE", 500), ("24022010", "AE", 10_000), ("09103020", "AU", 0), ("09023020", "GB", 0),
    ("09021090", "US", 640), ("09103030", "US", 0), ("09103030", "GB", 0), ("09101210", "US", None)])
def test_shipped_rates_as_published(hsn, market, rate):
    """Each figure as its source gives it (see docs/trade.md, "Import duties abroad")."""
    found = duty_for(SHIPPED, hsn, market)
    assert found.tariff is not None and found.tariff.rate_bp == rate


def test_every_shipped_entry_has_its_source_and_date():
    for t in SHIPPED:
        # 6 digits at most: the digits after the sixth are each country's own, not comparable with India's
        assert t.market in COUNTRY_NAMES and re.fullmatch(r"(\d{2}|\d{4}|\d{6})?", t.hs)
        assert t.source and t.url.startswith("https://") and t.checked == "2026-12-05" and t.as_published
        assert t.rate_bp is None or 0 <= t.rate_bp <= 10_000
    # the US figures are the MFN column only: each says the additional duties on Indian goods are not in it
    assert all("additional duties" in t.note for t in SHIPPED if t.market == "US")
    assert [t.upper_bound for t in SHIPPED if t.market == "AE" and t.hs == ""] == [True]


def test_the_route_score_says_the_duty_in_place_of_not_in_the_data():
    rules = export_routes.reference()["routes"]["postal"]
    common = dict(sku="TEA8", price_paise=40_000, cost_paise=25_000, pack_size="250 g", route="postal",
                  route_rules=rules, quote=Quote(route="postal", country="AE", per_kg_paise=45_000))
    found = score(country="AE", market=export_routes.reference()["markets"]["AE"],
                  duty=duty_for(SHIPPED, "09023020", "AE"), **common)
    assert "duty_rate" in found.notes and "duties" not in found.notes
    assert found.margin_paise == 40_000 - 25_000 - 11_250  # said, not taken off: the buyer pays it
    text = export_routes.explain(found)
    assert ("import duty in AE: up to 5 % on most goods (GCC Unified Customs Tariff), on the CIF value "
            "(most-favoured-nation rate, checked 2026-12-05)") in text
    assert "duties not in the shipped data" not in text
    assert found.duty is not None and found.duty.tariff.url.startswith("https://u.ae/")  # the source, in the JSON
    bare = score(country="NP", market=None, duty=duty_for(SHIPPED, "09023020", "NP"), **common)
    assert "duties" in bare.notes and "duty_rate" not in bare.notes
    assert "duties not in the shipped data" in export_routes.explain(bare)
