"""Scoring export routes for an item and a market: margin after logistics and fees, or plainly "too thin".

A route is scored only from what is known: the item's price and cost, its weight (from its pack size),
a logistics quote the seller entered for that route and country, and the route's rules from the shipped
reference data (``resources/data/export_routes.json``, with sources and date). Without the seller's quote, a postal
route is priced on India Post's published tariff where one is shipped (``export_postage.json``, dated 2013 and said
so). Anything missing makes the score "too thin" with the list of what is missing; nothing is guessed. The demand
signal abroad (``export_demand.json``) and the market's barriers for the item's chapter are said on the line.

Margin for one unit sent in a parcel of ``units``: export price - cost - (units x weight x per-kg rate +
per-parcel charge) / units - the programme's fee and any duty the seller pays, both on the price. Under an
LUT there is no IGST on the export price, so the price is the shop's price taken as the export value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.domain.money import div_round
from app.domain.trade.demand import Demand
from app.domain.trade.tariffs import DutyFinding

__all__ = ["TARGET_MARGIN_BP", "Postage", "Quote", "RouteScore", "export_floor", "logistics_per_unit", "pack_weight_g",
           "postage_per_unit", "score"]

TARGET_MARGIN_BP = 1000  # the export price floor keeps 10 % of the price as margin after logistics and fees

_PACK = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(kg|g|gm|gms|l|ltr|ml)\s*$", re.IGNORECASE)
_GRAMS = {"kg": 1000, "g": 1, "gm": 1, "gms": 1, "l": 1000, "ltr": 1000, "ml": 1}


def pack_weight_g(pack_size: str) -> int | None:
    """'250 g' -> 250, '1 kg' -> 1000, '500 ml' -> 500 (a litre of a liquid taken as a kilogram); else None."""
    found = _PACK.match(pack_size or "")
    if not found:
        return None
    return round(float(found.group(1)) * _GRAMS[found.group(2).lower()])


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote:
    """A logistics quote the seller got for a route and country."""

    route: str
    country: str
    per_kg_paise: int
    per_parcel_paise: int = 0
    fee_bp: int = 0  # a marketplace programme's fee on the price, in hundredths of a percent
    duty_bp: int = 0  # import duty and taxes the seller pays on the price (DDP, or a programme collecting them)


@dataclass(frozen=True, slots=True, kw_only=True)
class Postage:
    """A published postal tariff to one market (shipped, dated): a charge for the first slab of ``slab_g`` grams or
    part, and one for every further slab or part."""

    market: str
    first_paise: int
    next_paise: int
    slab_g: int
    in_force_from: str  # the date the tariff took effect: a route scored on it says how old it is


@dataclass(frozen=True, slots=True, kw_only=True)
class RouteScore:
    sku: str
    route: str
    country: str
    scored: bool
    margin_paise: int | None = None  # per unit
    margin_bp: int | None = None  # of the export price
    logistics_paise: int | None = None
    fee_paise: int | None = None
    missing: tuple[str, ...] = field(default=())
    notes: tuple[str, ...] = field(default=())
    market_price_paise: int | None = None  # a unit at the market's reference price (shipped data), in rupees
    market_margin_paise: int | None = None  # the margin a unit if it sold there at that price
    market_ref: str = ""  # what the reference price is for, its period and source
    duty: DutyFinding | None = None  # the market's import duty for the item's HS code (shipped data), when known
    demand: Demand | None = None  # India's exports of the item's kind to the market (shipped data), when known
    postage: Postage | None = None  # the shipped postal tariff the logistics was priced on (no quote of the seller's)


def score(*, sku: str, price_paise: int, cost_paise: int, pack_size: str, route: str, country: str,
          route_rules: dict | None, market: dict | None, quote: Quote | None, units: int = 10,
          market_price_paise: int | None = None, market_ref: str = "",
          market_gap: str = "market_price", duty: DutyFinding | None = None, hsn: str = "",
          demand: Demand | None = None, postage: Postage | None = None) -> RouteScore:
    """Score one (item, route, market); ``missing`` names each fact that stops the score. With the market's
    reference price for a unit (``market_price_paise``) the margin at that price is given too; without it the
    note ``market_gap`` says why the market side is too thin to score (no reference price, or no exchange rate).
    The market's import duty for the item (``duty``, from the shipped tariffs) is noted as ``duty_rate`` when the
    data has it, in place of "duties not in the data"; it is said, not taken off the margin, because the buyer pays
    it unless the seller ships duty paid (then the seller's quote carries it as ``duty_bp``). The demand signal
    (``demand``, India's exports of the item's kind to the market) is noted as ``demand`` or, when the data has none,
    ``demand_missing``. Without the seller's quote, a postal route is priced on the shipped tariff (``postage``) when
    there is one, and noted ``postage_tariff`` with its date; the seller's quote always takes its place."""
    if quote is not None or route != "postal":
        postage = None  # the seller's own quote is newer than any shipped tariff; the tariff is the post's only
    missing = []
    weight = pack_weight_g(pack_size)
    if weight is None:
        missing.append("weight")
    if route_rules is None:
        missing.append("route")
    if quote is None and postage is None:
        missing.append("quote")
    if cost_paise <= 0:
        missing.append("cost")
    notes = []
    if duty is not None and duty.known:
        notes.append("duty_rate")
    elif (market is None or market.get("duties") is None) and not (quote and quote.duty_bp):
        notes.append("duties")
    barriers = (market or {}).get("barriers")
    if isinstance(barriers, dict) and (hsn or "")[:2] in barriers.get("chapters", ()):
        notes.append("barrier_rule")  # a known rule for goods of the item's chapter (shipped, with sources)
    else:  # nothing known, or what is known is for other goods: this item's barriers are not in the data
        notes.append("barriers")
    if (market or {}).get("low_value"):  # the market's rule for low-value parcels is known (shipped, with sources)
        notes.append("low_value")
    notes.append("demand" if demand is not None else "demand_missing")
    if postage is not None:
        notes.append("postage_tariff")
    if market_price_paise is None:
        notes.append(market_gap)
    limit = (route_rules or {}).get("consignment_limit_paise")
    if limit and price_paise * units > limit:
        notes.append("limit")
    if missing:
        return RouteScore(sku=sku, route=route, country=country, scored=False, missing=tuple(missing),
                          notes=tuple(notes), duty=duty, demand=demand)
    assert weight is not None
    if quote is not None:
        logistics = logistics_per_unit(weight, quote, units)
        charges_bp = quote.fee_bp + quote.duty_bp
    else:  # the post's published tariff: no programme fee, and no duty the seller pays
        assert postage is not None
        logistics, charges_bp = postage_per_unit(weight, postage, units), 0
    fee = div_round(price_paise * charges_bp, 10_000)
    margin = price_paise - cost_paise - logistics - fee
    market_margin = None
    if market_price_paise is not None:  # sold there at the reference price: the fee and duty fall on that price
        market_margin = market_price_paise - cost_paise - logistics - div_round(market_price_paise * charges_bp, 10_000)
    return RouteScore(sku=sku, route=route, country=country, scored=True, margin_paise=margin,
                      margin_bp=div_round(margin * 10_000, price_paise) if price_paise else None,
                      logistics_paise=logistics, fee_paise=fee, notes=tuple(notes),
                      market_price_paise=market_price_paise, market_margin_paise=market_margin, market_ref=market_ref,
                      duty=duty, demand=demand, postage=postage)


def logistics_per_unit(weight_g: int, quote: Quote, units: int) -> int:
    """One unit's share of a parcel of ``units``: weight x per-kg rate plus the per-parcel charge, split evenly."""
    parcel = div_round(units * weight_g * quote.per_kg_paise, 1000) + quote.per_parcel_paise
    return div_round(parcel, units)


def postage_per_unit(weight_g: int, postage: Postage, units: int) -> int:
    """One unit's share of one parcel of ``units`` at a slab tariff: the first slab (or part) and each further slab
    (or part) of the parcel's weight, split evenly."""
    parcel_g = units * weight_g
    further = max(0, -(-(parcel_g - postage.slab_g) // postage.slab_g))
    return div_round(postage.first_paise + further * postage.next_paise, units)


def export_floor(*, cost_paise: int, logistics_paise: int, fee_bp: int,
                 target_bp: int = TARGET_MARGIN_BP) -> int | None:
    """The lowest export price (whole rupees, rounded up) that keeps ``target_bp`` of it after cost, logistics and
    a fee charged on the price: p - cost - logistics - fee x p >= target x p. None if fee and target take it all."""
    keep = 10_000 - fee_bp - target_bp
    if keep <= 0:
        return None
    paise = -(-(cost_paise + logistics_paise) * 10_000 // keep)
    return -(-paise // 100) * 100
