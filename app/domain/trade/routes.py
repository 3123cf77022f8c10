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

The route's score (``rank``, in hundredths of a point, on the scale of the margin in percent) starts from that margin
and is moved by the rest of the issue's criteria, each a plain published datum: up to 10 points for the demand signal
(the market's rank among India's buyers of that kind, 11 - rank, or its share in percent, whichever is more), minus 5
points for each known barrier rule that applies, minus the market's import duty in percent (unless the seller's quote
already carries it in the margin). A route whose margin, demand, barriers or duty is not in the data has no score,
and ``rank_missing`` says which (see docs/trade.md, "The route's score").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from app.domain.money import div_round
from app.domain.trade.demand import Demand
from app.domain.trade.tariffs import DutyFinding

__all__ = ["BARRIER_POINTS_BP", "DEMAND_POINTS_MAX_BP", "STALE_POSTAGE_YEARS", "TARGET_MARGIN_BP", "Postage", "Quote",
           "Rank", "RouteScore", "demand_points", "export_floor", "logistics_per_unit", "pack_weight_g",
           "postage_per_unit", "rank", "score"]

TARGET_MARGIN_BP = 1000  # the export price floor keeps 10 % of the price as margin after logistics and fees
# The score's weights, in hundredths of a point of margin %. Demand is worth at most 10 points: a sign that Indian goods
# of the kind sell there, not an order, so it reorders routes of close margins without hiding a poor one. A known
# barrier costs 5 points: each shipped rule (FDA prior notice, GSO 9 labels, BICON, EU residue limits) turns a parcel
# back when it is not met, and meeting it is work and risk a margin does not show.
DEMAND_POINTS_MAX_BP = 1000
BARRIER_POINTS_BP = 500
STALE_POSTAGE_YEARS = 3  # a shipped postal tariff older than this is flagged on the line; the confidence is low

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
    rank_bp: int | None = None  # the route's score (see ``rank``); None when a datum is missing (``rank_missing``)
    rank_parts: tuple[tuple[str, int], ...] = field(default=())  # (margin|demand|barriers|duty, signed points in bp)
    rank_missing: tuple[str, ...] = field(default=())  # margin, demand, barriers, duty: what stops the score
    postage_stale_year: int | None = None  # the year of a shipped postal tariff older than STALE_POSTAGE_YEARS


@dataclass(frozen=True, slots=True, kw_only=True)
class Rank:
    """A route's score and its parts, or what is missing for one."""

    points_bp: int | None
    parts: tuple[tuple[str, int], ...]
    missing: tuple[str, ...]


def demand_points(found: Demand) -> int | None:
    """The demand signal's points (hundredths): 11 - the market's rank among India's buyers (1st: 10 points, 10th and
    below: 1 or 0), or its share of India's exports in percent, whichever is more, at most 10 points; None when the
    entry has neither figure. A better rank or a larger share never gives fewer points."""
    options = []
    if found.rank is not None:
        options.append(max(0, 11 - found.rank) * 100)
    if found.share_bp is not None:
        options.append(max(0, found.share_bp))
    return min(DEMAND_POINTS_MAX_BP, max(options)) if options else None


def rank(*, margin_bp: int | None, demand: Demand | None, barrier_rules: int | None, duty_bp: int | None) -> Rank:
    """The route's score: the margin in percent (``margin_bp``), plus the demand's points, minus BARRIER_POINTS_BP for
    each known barrier rule, minus the duty in percent (``duty_bp``; 0 when the seller's quote already carries it).
    ``None`` for a datum means it is not in the data: the score is then None, and ``missing`` names each one."""
    points = demand_points(demand) if demand is not None else None
    missing = [name for name, value in (("margin", margin_bp), ("demand", points), ("barriers", barrier_rules),
                                        ("duty", duty_bp)) if value is None]
    if missing:
        return Rank(points_bp=None, parts=(), missing=tuple(missing))
    assert margin_bp is not None and points is not None and barrier_rules is not None and duty_bp is not None
    parts = (("margin", margin_bp), ("demand", points), ("barriers", -BARRIER_POINTS_BP * max(0, barrier_rules)),
             ("duty", -max(0, duty_bp)))
    return Rank(points_bp=sum(value for _name, value in parts), parts=parts, missing=())


def _duty_for_rank(duty: DutyFinding | None, quote: Quote | None) -> int | None:
    """The duty the score takes off: none when the seller's quote pays it (it is in the margin already), the market's
    percent rate (an upper bound taken as is), or None when the data has no single percent for the item."""
    if quote is not None and quote.duty_bp:
        return 0
    if duty is None or duty.tariff is None or duty.tariff.rate_bp is None:
        return None  # not in the data, a range over subheadings, or a rate per kg: not a percent to take off
    return duty.tariff.rate_bp


def _stale_year(postage: Postage | None, today: date | None) -> int | None:
    if postage is None or today is None:
        return None
    since = date.fromisoformat(postage.in_force_from)
    old = (today.year - since.year) - ((today.month, today.day) < (since.month, since.day))
    return since.year if old >= STALE_POSTAGE_YEARS else None


def score(*, sku: str, price_paise: int, cost_paise: int, pack_size: str, route: str, country: str,
          route_rules: dict | None, market: dict | None, quote: Quote | None, units: int = 10,
          market_price_paise: int | None = None, market_ref: str = "",
          market_gap: str = "market_price", duty: DutyFinding | None = None, hsn: str = "",
          demand: Demand | None = None, postage: Postage | None = None, today: date | None = None) -> RouteScore:
    """Score one (item, route, market); ``missing`` names each fact that stops the score. With the market's
    reference price for a unit (``market_price_paise``) the margin at that price is given too; without it the
    note ``market_gap`` says why the market side is too thin to score (no reference price, or no exchange rate).
    The market's import duty for the item (``duty``, from the shipped tariffs) is noted as ``duty_rate`` when the
    data has it, in place of "duties not in the data"; it is said, not taken off the margin, because the buyer pays
    it unless the seller ships duty paid (then the seller's quote carries it as ``duty_bp``). The demand signal
    (``demand``, India's exports of the item's kind to the market) is noted as ``demand`` or, when the data has none,
    ``demand_missing``. Without the seller's quote, a postal route is priced on the shipped tariff (``postage``) when
    there is one, and noted ``postage_tariff`` with its date (and ``postage_stale`` when it is older than
    STALE_POSTAGE_YEARS on ``today``); the seller's quote always takes its place. The route's score (``rank_bp``) is
    worked out by ``rank`` from the margin, the demand, the barrier rules known for the item and the duty."""
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
    barrier_rules: int | None = None  # how many known rules apply; None: this item's barriers are not in the data
    if isinstance(barriers, dict) and (hsn or "")[:2] in barriers.get("chapters", ()):
        notes.append("barrier_rule")  # a known rule for goods of the item's chapter (shipped, with sources)
        barrier_rules = 1
    else:  # nothing known, or what is known is for other goods: this item's barriers are not in the data
        notes.append("barriers")
    if (market or {}).get("low_value"):  # the market's rule for low-value parcels is known (shipped, with sources)
        notes.append("low_value")
    notes.append("demand" if demand is not None else "demand_missing")
    stale = _stale_year(postage, today)
    if postage is not None:
        notes.append("postage_tariff")
    if stale is not None:
        notes.append("postage_stale")
    if market_price_paise is None:
        notes.append(market_gap)
    limit = (route_rules or {}).get("consignment_limit_paise")
    if limit and price_paise * units > limit:
        notes.append("limit")
    duty_off = _duty_for_rank(duty, quote)
    if missing:
        thin = rank(margin_bp=None, demand=demand, barrier_rules=barrier_rules, duty_bp=duty_off)
        return RouteScore(sku=sku, route=route, country=country, scored=False, missing=tuple(missing),
                          notes=tuple(notes), duty=duty, demand=demand, rank_missing=thin.missing)
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
    margin_bp = div_round(margin * 10_000, price_paise) if price_paise else None
    ranked = rank(margin_bp=margin_bp, demand=demand, barrier_rules=barrier_rules, duty_bp=duty_off)
    return RouteScore(sku=sku, route=route, country=country, scored=True, margin_paise=margin, margin_bp=margin_bp,
                      logistics_paise=logistics, fee_paise=fee, notes=tuple(notes),
                      market_price_paise=market_price_paise, market_margin_paise=market_margin, market_ref=market_ref,
                      duty=duty, demand=demand, postage=postage, rank_bp=ranked.points_bp, rank_parts=ranked.parts,
                      rank_missing=ranked.missing, postage_stale_year=stale)


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
