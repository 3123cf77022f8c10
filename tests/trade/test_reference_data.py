"""The reference data that scores export routes beyond the seller's own quotes (session 6): the demand signal abroad
(``export_demand.json``), India Post's dated tariff (``export_postage.json``) and the barriers by market
(``export_routes.json``): each entry with its source and date, matched as documented, and said on the route line."""

from __future__ import annotations

import json

import pytest

from app.domain.trade.demand import Demand, demand_for
from app.domain.trade.routes import Postage, Quote, postage_per_unit, score
from app.paths import resources_dir
from app.services import export_routes

RULES = export_routes.reference()["routes"]


def _raw(name: str) -> dict:
    return json.loads((resources_dir() / "data" / name).read_text(encoding="utf-8"))


def test_every_demand_and_postage_row_has_its_source_and_date():
    for entry in _raw("export_demand.json")["demand"]:
        assert entry["url"].startswith("http") and entry["source"] and entry["checked"] == "2026-12-06"
        assert entry["period"] and entry["figure"] and entry["codes"]
        assert entry["share_bp"] is not None or entry["rank"] is not None  # a figure, never only a word
    postage = _raw("export_postage.json")
    assert postage["in_force_from"] == "2013-05-01" and all(u.startswith("http") for u in postage["urls"])
    assert "US" not in {r["market"] for r in postage["rates"]}  # India Post suspended US parcels (Aug 2025)
    for row in postage["rates"]:  # each figure is the published row, in paise
        _name, first, further = row["as_published"].rsplit(" ", 2)
        assert (int(first) * 100, int(further) * 100) == (row["first_paise"], row["next_paise"])
    for market in ("US", "AE", "AU", "DE"):
        rule = export_routes.reference()["markets"][market]["barriers"]
        assert rule["sources"] and all(u.startswith("http") for u in rule["sources"]) and rule["checked"]
        assert rule["chapters"] and export_routes.barrier_words(market) != export_routes.barrier_words("CA")


def test_the_longest_code_that_begins_the_items_hsn_wins_and_tea_is_not_a_spice():
    entries = export_routes.demand()
    assert demand_for(entries, "09103020", "US").what == "spices"  # turmeric: heading 0910
    assert demand_for(entries, "09023020", "US").what == "tea"
    assert demand_for(entries, "10063020", "US").rank == 4  # basmati, subheading 100630
    assert demand_for(entries, "1006", "US") is None  # rice of any kind: the basmati figure does not cover it
    assert demand_for(entries, "09023020", "SG") is None and demand_for(entries, "", "US") is None
    made = Demand(market="US", codes=("09", "0902"), what="x", figure="f", period="p", source="s", url="u", checked="c")
    assert demand_for([made], "090230", "US") is made


@pytest.mark.parametrize(("units", "grams", "paise"), [
    (1, 250, 36_500),  # one slab
    (1, 251, 40_000),  # a gram over: a second slab, Rs 365 + Rs 35
    (10, 250, 6_800),  # 2.5 kg: Rs 365 + 9 x Rs 35 = Rs 680, Rs 68 a unit
    (4, 1000, 22_250),  # 4 kg: Rs 365 + 15 x Rs 35 = Rs 890, Rs 222.50 a unit
])
def test_postage_by_slab(units, grams, paise):
    nepal = Postage(market="NP", first_paise=36_500, next_paise=3_500, slab_g=250, in_force_from="2013-05-01")
    assert postage_per_unit(grams, nepal, units) == paise


def test_post_priced_on_the_tariff_only_without_a_quote_and_only_by_post():
    tariff = export_routes.postage()["AU"]
    common = dict(sku="TUR", price_paise=40_000, cost_paise=25_000, pack_size="250 g", country="AU", hsn="09103020",
                  market=export_routes.reference()["markets"]["AU"], postage=tariff, units=10)
    post = score(route="postal", route_rules=RULES["postal"], quote=None, **common)
    # 2.5 kg to Australia: Rs 630 + 9 x Rs 155 = Rs 2,025 -> Rs 202.50 a unit; Rs 400 - 250 - 202.50 = -Rs 52.50
    assert post.scored and post.logistics_paise == 20_250 and post.margin_paise == -5_250
    assert "postage_tariff" in post.notes and "barrier_rule" in post.notes
    assert "2013-05-01" in export_routes.explain(post) and "BICON" in export_routes.explain(post)
    courier = score(route="courier", route_rules=RULES["courier"], quote=None, **common)
    assert not courier.scored and "quote" in courier.missing and "postage_tariff" not in courier.notes
    mine = score(route="postal", route_rules=RULES["postal"], **common,
                 quote=Quote(route="postal", country="AU", per_kg_paise=40_000))
    assert mine.logistics_paise == 10_000 and "postage_tariff" not in mine.notes  # the seller's quote wins


def test_the_demand_signal_is_said_with_its_period_and_source_or_said_missing():
    common = dict(sku="TUR", price_paise=40_000, cost_paise=25_000, pack_size="250 g", route="courier", hsn="09103020",
                  route_rules=RULES["courier"])
    us = score(country="US", market=export_routes.reference()["markets"]["US"],
               quote=Quote(route="courier", country="US", per_kg_paise=65_000),
               demand=demand_for(export_routes.demand(), "09103020", "US"), **common)
    text = export_routes.explain(us)
    assert "demand in US: 14 % of India's spice export earnings" in text
    assert "2022-23" in text and "Spices Board" in text
    sg = score(country="SG", market=export_routes.reference()["markets"]["SG"],
               quote=Quote(route="courier", country="SG", per_kg_paise=65_000), demand=None, **common)
    assert "demand: no figure of India's exports of this kind to SG in the shipped data" in export_routes.explain(sg)


def test_eu_residue_limits_for_spices_to_germany():
    found = score(sku="CHILLI", price_paise=10_000, cost_paise=6_000, pack_size="100 g", route="courier",
                  country="DE", route_rules=RULES["courier"], hsn="09042211",
                  market=export_routes.reference()["markets"]["DE"],
                  quote=Quote(route="courier", country="DE", per_kg_paise=90_000))
    assert "barrier_rule" in found.notes
    assert "ethylene oxide 0.1 mg/kg in spices" in export_routes.explain(found)
