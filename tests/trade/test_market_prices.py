"""Market data in the export margin: the shipped reference prices abroad (with source and period) give the margin a
unit would keep if it sold there at that price; an item with no reference price for the market, or a currency the shop
has no exchange rate for, is said to be too thin to score on that count. Figures worked by hand."""

from __future__ import annotations

import json

from app.domain.trade.market_prices import MarketPrice, market_unit_paise, reference_for
from app.domain.trade.routes import Quote, score
from app.main import run
from app.services import catalog, export_orders, export_routes
from app.services.sales import SaleLine
from trade.books import terms

RICE = MarketPrice(market="US", hs="1006", what="rice", per_kg_minor=222, currency="USD", period="2025-01",
                   source="BLS")


def test_the_shipped_prices_carry_their_source_and_period():
    shipped = export_routes.market_prices()
    assert shipped and all(p.source and p.period and p.url and p.checked and len(p.hs) >= 4 for p in shipped)
    rice = reference_for(shipped, "10063020", "US")
    assert rice is not None and rice.per_kg_minor == 222 and rice.as_published == "100.8 US cents per lb"
    # 100.8 cents a pound is 222.2 cents a kilogram (1 lb = 0.45359237 kg)
    assert round(100.8 / 0.45359237) == rice.per_kg_minor
    assert reference_for(shipped, "10063020", "AE") is None and reference_for(shipped, "0902", "US") is None


def test_the_uk_prices_are_the_published_pack_prices_per_kg():
    """ONS lowest-cost items, Sept 2022: 97p for 125 g of tea, 54p for 400 g of biscuits, 61p for 500 g of pasta."""
    shipped = export_routes.market_prices()
    found = {hs: reference_for(shipped, hs + "0000", "GB") for hs in ("0902", "1905", "1902")}
    assert {hs: (p.per_kg_minor, p.currency, p.period) for hs, p in found.items() if p} == {
        "0902": (97 * 8, "GBP", "2022-09"), "1905": (54 * 1000 // 400, "GBP", "2022-09"),
        "1902": (61 * 2, "GBP", "2022-09")}
    # a 250 g pack of tea at the UK price, at ₹110.00 a pound: 7.76 GBP/kg x 0.25 kg x 110 = ₹213.40
    assert market_unit_paise(found["0902"], 250, 110_00) == 213_40  # type: ignore[arg-type]


def test_the_longest_matching_heading_wins():
    basmati = MarketPrice(market="US", hs="100630", what="basmati", per_kg_minor=500, currency="USD", period="x",
                          source="y")
    assert reference_for([RICE, basmati], "10063020", "US") is basmati
    assert reference_for([RICE, basmati], "10061010", "US") is RICE


def test_a_unit_at_the_reference_price_in_rupees():
    # $2.22 a kg x 1 kg x ₹84.10 = ₹186.702 -> 18,670 paise; 250 g -> ₹46.68
    assert market_unit_paise(RICE, 1000, 8410) == 18_670
    assert market_unit_paise(RICE, 250, 8410) == 4_668
    yen = MarketPrice(market="JP", hs="1006", what="rice", per_kg_minor=600, currency="JPY", period="x", source="y")
    assert market_unit_paise(yen, 1000, 57) == 34_200  # ¥600 a kg at ₹0.57: JPY has no minor unit


def test_margin_at_the_market_price_beside_the_shop_price():
    quote = Quote(route="courier", country="US", per_kg_paise=65_000, per_parcel_paise=15_000, fee_bp=500)
    found = score(sku="RICE", price_paise=9_000, cost_paise=7_000, pack_size="1 kg", route="courier", country="US",
                  route_rules={}, market=None, quote=quote, market_price_paise=18_670, market_ref="rice")
    # logistics: (10 x 1 kg x ₹650 + ₹150) / 10 = ₹665; fee 5 % of the price
    assert found.logistics_paise == 66_500
    assert found.margin_paise == 9_000 - 7_000 - 66_500 - 450
    assert found.market_margin_paise == 18_670 - 7_000 - 66_500 - 934  # 5 % of ₹186.70, rounded
    assert "market_price" not in found.notes
    thin = score(sku="RICE", price_paise=9_000, cost_paise=7_000, pack_size="1 kg", route="courier", country="US",
                 route_rules={}, market=None, quote=quote)
    assert thin.market_margin_paise is None and "market_price" in thin.notes


def test_routes_with_market_data_from_the_cli(session, ctx, data, capsys):
    catalog.create_product(ctx, sku="RICE", name_en="Sona Masoori rice 1 kg", price_paise=9_000, mrp_paise=9_500,
                           cost_paise=7_000, hsn_code="10063020", unit="pack", pack_size="1 kg",
                           opening_stock_milli=100_000)
    catalog.create_product(ctx, sku="SOAP", name_en="Soap 100 g", price_paise=4_000, mrp_paise=4_500,
                           cost_paise=3_000, hsn_code="3401", unit="pcs", pack_size="100 g",
                           opening_stock_milli=100_000)
    session.close()

    def cli(*argv: str) -> str:
        assert run(["--data-dir", str(data.root), "--shop", "test", *argv]) == 0
        return capsys.readouterr().out

    cli("trade", "quote", "--route", "postal", "--country", "US", "--per-kg", "300")
    found = {f["sku"]: f for f in json.loads(cli("trade", "routes", "--sku", "RICE", "--json")) if f["scored"]}
    assert found["RICE"]["market_price_paise"] is None and "market_fx" in found["RICE"]["notes"]
    text = cli("trade", "routes", "--sku", "RICE")
    assert "no exchange rate for USD yet" in text
    # an export order in dollars gives the shop its rate: ₹84.10
    from app.session import open_session

    reopened = open_session(data, "test")
    export_orders.place_export_order(reopened.ctx, lines=[SaleLine(sku="RICE", qty_milli=1000)],
                                     terms=terms(country="US", currency="USD", fx_paise=8410, mode="igst"))
    reopened.close()
    rice = next(f for f in json.loads(cli("trade", "routes", "--sku", "RICE", "--json")) if f["scored"])
    # postal: ₹300 a kg -> ₹300 a unit; at the US price ₹186.70: 186.70 - 70 - 300 = -₹183.30
    assert rice["market_price_paise"] == 18_670 and rice["market_margin_paise"] == 18_670 - 7_000 - 30_000
    assert "Bureau of Labor Statistics" in rice["market_ref"]
    text = cli("trade", "routes", "--sku", "RICE")
    assert "at the reference price in US, ₹186.70 a unit" in text and "-₹183.30" in text
    soap = next(f for f in json.loads(cli("trade", "routes", "--sku", "SOAP", "--json")) if f["scored"])
    assert soap["market_margin_paise"] is None and "market_price" in soap["notes"]
    assert "no reference price abroad for this item in US" in cli("trade", "routes", "--sku", "SOAP")
