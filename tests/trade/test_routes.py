"""Export route scoring: margin after logistics and fees from the seller's quotes and the shipped route facts,
or "too thin to score" naming what is missing; from the CLI on a real shop file."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from app.domain.trade.routes import Quote, pack_weight_g, score
from app.main import run
from app.services import catalog, export_routes
from app.services.sales import PaymentIn, SaleLine, record_sale


@pytest.mark.parametrize(("text", "grams"), [("250 g", 250), ("1 kg", 1000), ("1.5kg", 1500), ("500 ml", 500),
                                             ("2 L", 2000), ("12 pcs", None), ("", None)])
def test_weight_from_the_pack_size(text, grams):
    assert pack_weight_g(text) == grams


def test_margin_after_logistics_and_fees():
    rules = export_routes.reference()["routes"]["marketplace"]
    found = score(sku="TEA", price_paise=40_000, cost_paise=25_000, pack_size="250 g", route="marketplace",
                  country="AE", route_rules=rules, market={"duties": None, "barriers": None},
                  quote=Quote(route="marketplace", country="AE", per_kg_paise=60_000, per_parcel_paise=20_000,
                              fee_bp=1500), units=10)
    # parcel: 10 x 0.25 kg x Rs 600 + Rs 200 = Rs 1,700 -> Rs 170 a unit; fee 15 % of Rs 400 = Rs 60
    assert (found.logistics_paise, found.fee_paise) == (17_000, 6_000)
    assert found.margin_paise == 40_000 - 25_000 - 17_000 - 6_000 == -8_000
    assert found.margin_bp == -2000 and found.scored
    assert set(found.notes) == {"duties", "barriers", "demand_missing", "market_price"}  # said, never guessed


def test_too_thin_names_what_is_missing():
    found = score(sku="X", price_paise=100, cost_paise=0, pack_size="1 dozen", route="courier", country="US",
                  route_rules=None, market=None, quote=None)
    assert not found.scored and found.margin_paise is None
    assert set(found.missing) == {"weight", "route", "quote", "cost"}


def test_a_route_limit_is_flagged_and_the_courier_cap_is_gone_since_april_2026():
    parcel = dict(sku="GOLD", price_paise=20_00_000_00, cost_paise=1, pack_size="10 g", route="courier", country="AE",
                  market={}, quote=Quote(route="courier", country="AE", per_kg_paise=1))
    assert "limit" in score(route_rules={"consignment_limit_paise": 100000000}, **parcel).notes
    # Notification 33/2026-Customs (N.T.) removed the Rs 10 lakh cap per courier consignment from 1 Apr 2026
    rules = export_routes.reference()["routes"]["courier"]
    assert rules["consignment_limit_paise"] is None and rules["limit_history"][0]["until"] == "2026-03-31"
    assert "limit" not in score(route_rules=rules, **parcel).notes


@pytest.mark.parametrize(("country", "words"), [
    ("GB", "GB: no customs duty on a parcel worth up to 135 GBP, but its tax on such goods is charged at the sale"),
    ("US", "US: no duty-free limit since 2025-08-29: duty is due on every parcel"),
    ("AE", None)])
def test_the_markets_low_value_rule_is_said_with_its_source(country, words):
    market = export_routes.reference()["markets"][country]
    found = score(sku="TEA8", price_paise=40_000, cost_paise=25_000, pack_size="250 g", route="postal",
                  country=country, route_rules=export_routes.reference()["routes"]["postal"], market=market,
                  quote=Quote(route="postal", country=country, per_kg_paise=45_000))
    if words is None:  # nothing shipped for this market: the score says so, it does not guess
        assert "low_value" not in found.notes and "duties" in found.notes
        return
    assert words in export_routes.explain(found)
    rule = market["low_value"]
    assert rule["sources"] and rule["checked"] == "2026-12-05"


def test_routes_from_the_cli(session, ctx, data, capsys):
    catalog.create_product(ctx, sku="TEA8", name_en="Assam tea", price_paise=40_000, mrp_paise=45_000,
                           cost_paise=25_000, hsn_code="09023020", unit="pack", pack_size="250 g",
                           opening_stock_milli=100_000)
    catalog.create_product(ctx, sku="SOAP", name_en="Soap", price_paise=4_000, mrp_paise=4_500, cost_paise=3_000,
                           hsn_code="3401", unit="pcs", opening_stock_milli=100_000)
    record_sale(ctx, lines=[SaleLine(sku="TEA8", qty_milli=2000), SaleLine(sku="SOAP", qty_milli=1000)],
                payments=[PaymentIn(method="cash", amount_paise=84_000)], confirmed=True,
                at=datetime.now(UTC))  # the CLI below runs on the real clock: a sale within its last 90 days
    session.close()

    def cli(*argv: str) -> str:
        assert run(["--data-dir", str(data.root), "--shop", "test", *argv]) == 0
        return capsys.readouterr().out

    cli("trade", "quote", "--route", "courier", "--country", "AE", "--per-kg", "650", "--per-parcel", "150")
    cli("trade", "quote", "--route", "postal", "--country", "AE", "--per-kg", "450")
    found = json.loads(cli("trade", "routes", "--json"))
    scored = [f for f in found if f["scored"]]
    assert [(f["sku"], f["route"]) for f in scored] == [("TEA8", "postal"), ("TEA8", "courier")]
    # postal: 10 x 0.25 kg x Rs 450 / 10 = Rs 112.50 a unit
    assert scored[0]["logistics_paise"] == 11_250 and scored[0]["margin_paise"] == 40_000 - 25_000 - 11_250
    thin = {(f["sku"], f["route"]): f["missing"] for f in found if not f["scored"]}
    assert thin[("SOAP", "courier")] == ["weight"] and thin[("TEA8", "marketplace")] == ["quote"]
    text = cli("trade", "routes", "--sku", "TEA8")
    assert "too thin to score" in text and "import duty in AE" in text and "up to 5 %" in text  # shipped tariffs
    assert "2026-12-05" in text


def test_a_known_barrier_is_said_for_the_goods_it_covers():
    """US: food needs an FDA prior notice and a registered maker (fda.gov, shipped with its sources); a soap does not
    fall under that rule, so its barriers stay "not in the shipped data"."""
    data = export_routes.reference()
    rule = data["markets"]["US"]["barriers"]
    assert rule["sources"] and all(u.startswith("http") for u in rule["sources"]) and rule["checked"] == "2026-12-05"
    common = dict(sku="X", price_paise=40_000, cost_paise=25_000, pack_size="250 g", route="courier", country="US",
                  route_rules=data["routes"]["courier"], market=data["markets"]["US"],
                  quote=Quote(route="courier", country="US", per_kg_paise=65_000))
    tea = score(hsn="09023020", **common)
    assert "barrier_rule" in tea.notes and "barriers" not in tea.notes
    assert "US: food needs an FDA prior notice before it is sent" in export_routes.explain(tea)
    soap = score(hsn="34011190", **common)
    assert "barriers" in soap.notes and "barrier_rule" not in soap.notes
    assert "FDA" not in export_routes.explain(soap)
    assert "barriers" in score(hsn="09023020", **{**common, "country": "CA", "market": data["markets"]["CA"]}).notes
