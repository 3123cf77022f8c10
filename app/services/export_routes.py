"""Export routes for the shop's items: the seller's logistics quotes, and each item's route and market scored
from them and the shipped reference data (``resources/data/export_routes.json``), or said to be too thin."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Sequence
from dataclasses import asdict
from datetime import timedelta
from functools import cache

from app import config
from app.domain.money import format_inr
from app.domain.trade.demand import Demand, demand_for
from app.domain.trade.market_prices import MarketPrice, market_unit_paise, reference_for
from app.domain.trade.routes import Postage, Quote, RouteScore, export_floor, logistics_per_unit, pack_weight_g, score
from app.domain.trade.tariffs import DutyFinding, Tariff, duty_for
from app.errors import InputError, NotFound
from app.i18n import _
from app.paths import resources_dir
from app.services import settings as settings_service
from app.services.changes import Changes
from app.services.context import SELLER, Origin, ServiceContext
from app.store import catalog as catalog_store
from app.store import exports as export_store
from app.store.db import Store

__all__ = ["SCORED_ROUTES", "add_quote", "barrier_words", "demand", "demand_words", "duty_words", "explain",
           "export_channels", "export_floors", "low_value_words", "market_prices", "postage", "postage_words",
           "quote_from_text", "quotes", "rank_words", "reference", "route_name", "score_cells", "scores", "tariffs"]

SCORED_ROUTES = ("courier", "postal", "marketplace")
MAX_QUOTE_PAISE = 1_00_000_00  # ₹1 lakh a kg or a parcel: far above any courier's rate, below absurd


@cache
def reference() -> dict:
    """The shipped route facts, with their sources and the date they were collected."""
    return json.loads((resources_dir() / "data" / "export_routes.json").read_text(encoding="utf-8"))


@cache
def market_prices() -> tuple[MarketPrice, ...]:
    """The shipped reference prices abroad, each with its source and period (see docs/trade.md)."""
    raw = json.loads((resources_dir() / "data" / "export_market_prices.json").read_text(encoding="utf-8"))
    return tuple(MarketPrice(**entry) for entry in raw["prices"])


@cache
def tariffs() -> tuple[Tariff, ...]:
    """The shipped import duties abroad by HS code, each with its source and the date checked (see docs/trade.md)."""
    raw = json.loads((resources_dir() / "data" / "export_tariffs.json").read_text(encoding="utf-8"))
    return tuple(Tariff(**entry) for entry in raw["tariffs"])


@cache
def demand() -> tuple[Demand, ...]:
    """The shipped demand signals abroad (India's exports of a kind of goods to a market), each with its source."""
    raw = json.loads((resources_dir() / "data" / "export_demand.json").read_text(encoding="utf-8"))
    return tuple(Demand.from_json(entry) for entry in raw["demand"])


@cache
def postage() -> dict[str, Postage]:
    """India Post's published International Speed Post tariff by market (shipped, dated: see its ``about``)."""
    raw = json.loads((resources_dir() / "data" / "export_postage.json").read_text(encoding="utf-8"))
    return {row["market"]: Postage(market=row["market"], first_paise=row["first_paise"], next_paise=row["next_paise"],
                                   slab_g=raw["slab_g"], in_force_from=raw["in_force_from"]) for row in raw["rates"]}


def _market_side(db, product, market: str, rates: dict[str, int | None]) -> dict:
    """The keyword arguments ``score`` takes for the market's reference price of one unit of ``product``."""
    ref = reference_for(market_prices(), product.hsn_code or "", market)
    weight = pack_weight_g(product.pack_size)
    if ref is None or weight is None:
        return {"market_gap": "market_price"}
    if ref.currency not in rates:
        rates[ref.currency] = export_store.latest_rate(db, ref.currency)
    fx = rates[ref.currency]
    if fx is None:
        return {"market_gap": "market_fx", "market_ref": ref.currency}
    return {"market_price_paise": market_unit_paise(ref, weight, fx),
            "market_ref": f"{ref.what}, {ref.period}; {ref.source}"}


def quotes(store: Store) -> list[Quote]:
    raw = settings_service.get(store, config.TRADE_ROUTE_QUOTES)
    try:
        return [Quote(**item) for item in json.loads(raw or "[]")]
    except (ValueError, TypeError):  # a hand-edited setting that no longer reads: no quotes, not a crash
        return []


def quote_from_text(*, route: str, country: str, per_kg: str, per_parcel: str = "0", fee: str = "0",
                    duty: str = "0") -> Quote:
    """A quote from what the seller typed (rupees; percents like 15 or 7.5), refusing what is not a plain figure."""
    from app.domain.money import parse_inr

    if not re.fullmatch(r"\d{1,2}(\.\d{1,2})?", (fee or "0").strip()):  # a plain percent like 15 or 7.5
        raise InputError(_("'{rate}' is not a rate in percent.").format(rate=fee[:20]))
    if not re.fullmatch(r"\d{1,3}(\.\d{1,2})?", (duty or "0").strip()):
        raise InputError(_("'{rate}' is not a rate in percent.").format(rate=duty[:20]))
    return Quote(route=route, country=country, per_kg_paise=parse_inr(per_kg or "0"),
                 per_parcel_paise=parse_inr(per_parcel or "0"), fee_bp=round(float(fee or "0") * 100),
                 duty_bp=round(float(duty or "0") * 100))


def add_quote(ctx: ServiceContext, quote: Quote, origin: Origin = SELLER) -> Changes:
    """Keep the seller's quote for a route and country (replacing the one before for the same pair)."""
    if quote.route not in SCORED_ROUTES:
        raise InputError(_("'{route}' is not an export route.").format(route=quote.route),
                         hint=", ".join(SCORED_ROUTES))
    country = quote.country.strip().upper()
    if len(country) != 2 or not country.isalpha():
        raise InputError(_("'{code}' is not a country of destination; write its two-letter code, for example AE "
                           "or US.").format(code=quote.country))
    if not 0 < quote.per_kg_paise <= MAX_QUOTE_PAISE or not 0 <= quote.per_parcel_paise <= MAX_QUOTE_PAISE \
            or not 0 <= quote.fee_bp <= 5000:
        raise InputError(_("A quote needs a price per kg above zero, a parcel charge (each up to ₹1 lakh) and a "
                           "fee of 0 to 50 %."))
    if not 0 <= quote.duty_bp <= 10_000:
        raise InputError(_("The duty the seller pays is a percent of the price, from 0 to 100."))
    kept = [q for q in quotes(ctx.store) if (q.route, q.country) != (quote.route, country)]
    kept.append(Quote(route=quote.route, country=country, per_kg_paise=quote.per_kg_paise,
                      per_parcel_paise=quote.per_parcel_paise, fee_bp=quote.fee_bp, duty_bp=quote.duty_bp))
    return settings_service.set_setting(ctx, config.TRADE_ROUTE_QUOTES.key,
                                        json.dumps([asdict(q) for q in kept]), origin=origin)


def scores(store: Store, today, *, sku: str | None = None, country: str | None = None, units: int = 10,
           items: int = 10) -> list[RouteScore]:
    """Every (item, route, market) for the item or the shop's best sellers of the last 90 days: those with a route
    score first, best first; then those with a margin only, best margin first; then those too thin to score."""
    db = store.db()
    skus = [sku.strip().upper()] if sku else export_store.top_sellers(db, (today - timedelta(days=90)).isoformat(),
                                                                       items)
    products = catalog_store.get_many(db, skus)
    if sku and not products:
        raise NotFound(_("There is no item with the code '{sku}'.").format(sku=sku))
    data, known = reference(), quotes(store)
    countries = [country.strip().upper()] if country else sorted({q.country for q in known} or set(data["markets"]))
    out = []
    rates: dict[str, int | None] = {}
    for code in skus:
        product = products.get(code)
        if product is None:
            continue
        for route in SCORED_ROUTES:
            for market in countries:
                quote = next((q for q in known if q.route == route and q.country == market), None)
                out.append(score(sku=code, price_paise=product.price_paise, cost_paise=product.cost_paise,
                                 pack_size=product.pack_size, route=route, country=market,
                                 route_rules=data["routes"].get(route), market=data["markets"].get(market),
                                 quote=quote, units=units, duty=duty_for(tariffs(), product.hsn_code or "", market),
                                 hsn=product.hsn_code or "",
                                 demand=demand_for(demand(), product.hsn_code or "", market),
                                 postage=postage().get(market), today=today,
                                 **_market_side(db, product, market, rates)))
    # the route's score first (demand, barriers and duty weighed in), then routes with a margin but too thin to
    # score, by margin, then those without a margin
    return sorted(out, key=lambda s: (s.rank_bp is None, -(s.rank_bp or 0), not s.scored, -(s.margin_bp or 0),
                                      s.sku, s.route, s.country))


def explain(found: RouteScore, units: int = 10) -> str:
    """What stops a score, and what the seller should check, in words."""
    words = {
        "weight": _("the item's pack size gives no weight (write it like 250 g or 1 kg)"),
        "quote": _("no logistics quote for this route and country (add one: trade quote)"),
        "cost": _("the item has no cost price"),
        "route": _("the route is not in the shipped data"),
        "duties": _("duties not in the shipped data: check them before quoting"),
        "barriers": _("barriers not in the shipped data: check what the country allows"),
        "limit": _("a parcel of {units} is above the route's consignment limit").format(units=units),
    }
    if "low_value" in found.notes:
        words["low_value"] = low_value_words(found.country)
    if "barrier_rule" in found.notes:
        words["barrier_rule"] = barrier_words(found.country)
    if "duty_rate" in found.notes and found.duty is not None:
        words["duty_rate"] = duty_words(found.duty, found.country)
    words["demand"] = demand_words(found.demand, found.country) if found.demand else ""
    words["demand_missing"] = _("demand: no figure of India's exports of this kind to {country} in the shipped data"
                                ).format(country=found.country)
    words["postage_tariff"] = postage_words(found.postage) if found.postage else ""
    words["postage_stale"] = _("rate from {year}: check the current tariff").format(year=found.postage_stale_year)
    words["market_price"] = _("market price: too thin to score (no reference price abroad for this item in {country})"
                              ).format(country=found.country)
    words["market_fx"] = _("market price: no exchange rate for {currency} yet (it is taken from your last export in "
                           "it)").format(currency=found.market_ref)
    if found.market_price_paise is not None and found.market_margin_paise is not None:
        words["market"] = _("at the reference price in {country}, {price} a unit ({what}), the margin would be {margin}"
                            ).format(country=found.country, price=format_inr(found.market_price_paise),
                                     what=found.market_ref, margin=format_inr(found.market_margin_paise))
        found = dataclasses.replace(found, notes=(*found.notes, "market"))
    parts = [words[m] for m in found.missing] + [words[n] for n in found.notes]
    return "; ".join(parts)


def demand_words(found: Demand, country: str) -> str:
    """The demand signal in words: what India exports of the item's kind to the market, when, and who says so."""
    return _("demand in {country}: {figure} ({what}, {period}; {source}, checked {day})").format(
        country=country, figure=found.figure, what=found.what, period=found.period, source=found.source,
        day=found.checked)


def postage_words(tariff: Postage) -> str:
    """Says that a postal route was priced on the shipped tariff, and how old that tariff is."""
    return _("logistics priced on India Post's International Speed Post tariff in force from {day} (the last "
             "published in an official text found): ask the post office for today's rate and enter it as a quote"
             ).format(day=tariff.in_force_from)


def _rate(tariff: Tariff) -> str:
    if tariff.rate_bp is None:
        return tariff.as_published
    text = _("none (0 %)") if tariff.rate_bp == 0 else f"{tariff.rate_bp / 100:g} %"
    return _("up to {rate}").format(rate=text) if tariff.upper_bound else text


def duty_words(found: DutyFinding, country: str) -> str:
    """The market's import duty for an item, in words, with where the figure comes from."""
    if found.narrower:
        rates = sorted({t.rate_bp for t in found.narrower if t.rate_bp is not None})
        parts = [f"{rates[0] / 100:g} %" if rates[0] == rates[-1] else f"{rates[0] / 100:g} % - {rates[-1] / 100:g} %"
                 ] if rates else []
        parts += [t.as_published for t in found.narrower if t.rate_bp is None]  # a rate per kg, as published
        span = "; ".join(parts)
        return _("import duty in {country} depends on the subheading ({span} in the data): give the item a longer HSN "
                 "code").format(country=country, span=span)
    tariff = found.tariff
    assert tariff is not None
    # the source itself is long: it travels in the JSON (``duty``) and docs/trade.md, the line gives the date checked
    return _("import duty in {country}: {rate} on {what} (most-favoured-nation rate, checked {day})").format(
        country=country, what=tariff.what, rate=_rate(tariff), day=tariff.checked)


def route_name(route: str) -> str:
    """A route as the seller knows it, in the language chosen."""
    names = {"courier": _("courier (CSB-V)"), "postal": _("post (Dak Ghar Niryat Kendra)"),
             "marketplace": _("marketplace export programme")}
    return names.get(route, route)


def _points(value_bp: int) -> str:
    return f"{value_bp / 100:.1f}"


def rank_words(found: RouteScore) -> str:
    """The route's score in words: its parts and the confidence in it, or what is missing for one."""
    if found.rank_bp is None:
        names = {"margin": _("no margin (see what to check)"), "demand": _("no demand figure"),
                 "barriers": _("barriers not in the data"),
                 "duty": _("no duty in percent for this item")}
        return _("too thin to score: {missing}").format(missing=", ".join(names[m] for m in found.rank_missing))
    labels = {"margin": _("margin {points} %"), "demand": _("demand {points}"), "barriers": _("barriers {points}"),
              "duty": _("duty {points}")}
    parts = [labels[name].format(points=("+" if value >= 0 and name != "margin" else "") + _points(value))
             for name, value in found.rank_parts]
    confidence = (_("confidence low: the logistics is India Post's {year} rate").format(year=found.postage_stale_year)
                  if found.postage_stale_year is not None else
                  _("confidence: as good as the dated sources of each part"))
    return _("{parts} = {total}; {confidence}").format(parts=" ".join(parts), total=_points(found.rank_bp),
                                                       confidence=confidence)


def score_cells(found: RouteScore, units: int = 10) -> list[str]:
    """One scored (or too thin) route as the cells the CLI's table and the Trade page show: item, route, country,
    margin a unit, margin %, logistics a unit, the route's score, its parts, what to check."""
    return [found.sku, found.route, found.country,
            format_inr(found.margin_paise) if found.scored and found.margin_paise is not None
            else _("too thin to score"),
            f"{(found.margin_bp or 0) / 100:.1f}%" if found.scored else "-",
            format_inr(found.logistics_paise) if found.scored and found.logistics_paise is not None else "-",
            _points(found.rank_bp) if found.rank_bp is not None else _("too thin to score"),
            rank_words(found), explain(found, units)]


def barrier_words(country: str) -> str:
    """A market's known rule for the item's kind of goods, in words (the shipped data has its sources and date)."""
    rule = ((reference()["markets"].get(country) or {}).get("barriers") or {}).get("rule")
    if rule == "fda_prior_notice":
        return _("{country}: food needs an FDA prior notice before it is sent (by post, its confirmation number goes "
                 "on the customs declaration) and its maker or packer registered with the FDA; without them it is "
                 "refused at the border").format(country=country)
    if rule == "gso9_labelling":
        return _("{country}: packaged food needs an Arabic label under GSO 9 (ingredients, net weight, maker, origin, "
                 "printed production and expiry dates) and a UAE importer who registers the product with the "
                 "municipality (ZAD/FIRS) first; otherwise it is turned back at the port").format(country=country)
    if rule == "bicon":
        return _("{country}: plant products enter only under their BICON biosecurity import conditions (some need "
                 "an import permit; seeds and grains from India are checked for khapra beetle); otherwise they are "
                 "treated, sent back or destroyed").format(country=country)
    if rule == "eu_mrl":
        return _("{country}: EU pesticide residue limits apply (0.01 mg/kg where none is set; ethylene oxide 0.1 "
                 "mg/kg in spices), and some goods from India need a laboratory certificate; a lot above them is "
                 "refused at the border").format(country=country)
    return _("barriers not in the shipped data: check what the country allows")


def low_value_words(country: str) -> str:
    """What the market does with a low-value parcel, from the shipped data (see its sources and date)."""
    rule = (reference()["markets"].get(country) or {}).get("low_value") or {}
    since = rule.get("since", "")
    if rule.get("duty_free_up_to") is None:
        return _("{country}: no duty-free limit since {day}: duty is due on every parcel").format(
            country=country, day=since)
    text = _("{country}: no customs duty on a parcel worth up to {amount} {currency}").format(
        country=country, amount=rule["duty_free_up_to"], currency=rule.get("currency", ""))
    if rule.get("rule") == "vat_at_sale":
        text += _(", but its tax on such goods is charged at the sale by a seller registered there")
    return text



def export_channels(store: Store) -> list[str]:
    """The marketplace channels the seller marked as export programmes (setting ``trade.export_channels``)."""
    raw = settings_service.get(store, config.TRADE_EXPORT_CHANNELS) or ""
    return [code.strip().lower() for code in raw.split(",") if code.strip()]


def export_floors(store: Store, skus: Sequence[str], *, target_bp: int, units: int = 10) -> dict[str, int | None]:
    """The lowest price (whole rupees) each item on an export listing may have: its landed cost abroad (cost +
    its share of a parcel of ``units`` by the marketplace route) over what is left of the price after the
    programme's fee, the duty the seller pays and ``target_bp`` of margin, at the dearest market quoted.

    Only items listed on an export programme's channel are in the answer; ``None`` for one whose floor cannot be
    worked out (no marketplace quote, no weight from its pack size, no cost, or fees and duty taking it all),
    which the pricing agent then leaves at its price."""
    channels = export_channels(store)
    if not channels or not skus:
        return {}
    db = store.db()
    listed = export_store.listed_on(db, channels, list(skus))
    known = [q for q in quotes(store) if q.route == "marketplace"]
    products = catalog_store.get_many(db, listed)
    out: dict[str, int | None] = {}
    for sku in listed:
        product = products.get(sku)
        weight = pack_weight_g(product.pack_size) if product else None
        if product is None or weight is None or product.cost_paise <= 0 or not known:
            out[sku] = None
            continue
        floors = [export_floor(cost_paise=product.cost_paise, logistics_paise=logistics_per_unit(weight, q, units),
                               fee_bp=q.fee_bp + q.duty_bp, target_bp=target_bp) for q in known]
        out[sku] = None if any(f is None for f in floors) else max(f for f in floors if f is not None)
    return out
