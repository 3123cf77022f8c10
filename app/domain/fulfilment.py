"""Fulfilment plans: what to pick, how to pack it, how to send it and by when (pure; no storage, no I/O).

The operations agent (``app.agents.operations``) builds a :class:`FulfillmentPlan` for an order from these
rules and the rate cards in ``resources/data/rate_cards.json``. Weights come from the catalog: loose goods
sold by kg or litre weigh what was sold (a litre taken as a kilogram); packs from a size in the item's pack
size or name ("Tata Salt 1 kg", "Amul Taaza 500 ml"); anything else is counted at ``DEFAULT_PIECE_G`` and
the plan says so. The catalog holds no box sizes, so the box is the smallest of ``BOXES`` for the weight,
also said in the plan. Courier charges use the higher of actual and volumetric weight.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

__all__ = ["BOXES", "DEFAULT_PIECE_G", "FulfillmentPlan", "PackingSpec", "PickLine", "ShippingOption", "Timeline",
           "choose", "item_weight_g", "pack", "quote", "zone_between"]

DEFAULT_PIECE_G = 500  # a piece whose weight the catalog does not say
PACKING_G = 150  # the box, tape and filler
# (inner length, width, height in cm, the most it holds in grams): the usual kirana corrugated boxes
BOXES = ((20, 15, 10, 1000), (30, 20, 15, 3000), (40, 30, 20, 8000), (50, 40, 30, 20000), (60, 45, 40, 35000))
_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*(kg|g|gm|gms|l|ltr|litre|ml)\b", re.IGNORECASE)
_GRAMS = {"kg": 1000, "g": 1, "gm": 1, "gms": 1, "l": 1000, "ltr": 1000, "litre": 1000, "ml": 1}


@dataclass(frozen=True)
class PickLine:
    sku: str
    name: str
    qty_milli: int
    unit: str
    weight_g: int
    weight_known: bool


@dataclass(frozen=True)
class PackingSpec:
    box_cm: tuple[int, int, int]
    weight_g: int  # goods and packing
    volumetric_g: int
    fragile: bool
    assumptions: tuple[str, ...]  # what was not in the catalog and was assumed (the page shows them)

    @property
    def chargeable_g(self) -> int:
        return max(self.weight_g, self.volumetric_g)


@dataclass(frozen=True)
class ShippingOption:
    code: str
    name: str
    serviceable: bool
    cost_paise: int  # GST included
    days: int
    reason: str = ""  # why not serviceable, or what the cost is made of
    illustrative: bool = False


@dataclass(frozen=True)
class Timeline:
    pick_by: str
    pack_by: str
    hand_over_by: str  # the channel's deadline (ship-by) or the delivery run
    deliver_by: str  # expected, with the chosen method
    on_time: bool


@dataclass(frozen=True)
class FulfillmentPlan:
    order_id: int
    channel: str
    picking: tuple[PickLine, ...]
    packing: PackingSpec
    options: tuple[ShippingOption, ...]
    chosen: ShippingOption | None
    timeline: Timeline | None
    zone: str
    why: tuple[str, ...] = field(default=())
    customer_pin: str = ""


def item_weight_g(*, unit: str, qty_milli: int, pack_size: str, name: str) -> tuple[int, bool]:
    """(grams, known) for a line: sold by weight or volume it is the quantity; a pack its stated size."""
    if unit in ("kg", "l"):
        return qty_milli, True
    if unit in ("g", "ml"):
        return qty_milli // 1000, True
    pieces = max(1, math.ceil(qty_milli / 1000))
    for text in (pack_size, name):
        found = _SIZE.search(text or "")
        if found:
            return int(float(found.group(1)) * _GRAMS[found.group(2).lower()]) * pieces, True
    return DEFAULT_PIECE_G * pieces, False


def pack(lines: Sequence[PickLine], *, divisor_cm3_per_kg: int = 5000) -> PackingSpec:
    """The box and weights for the picked lines, with what had to be assumed."""
    goods = sum(line.weight_g for line in lines)
    total = goods + PACKING_G
    box = next((b for b in BOXES if b[3] >= goods), BOXES[-1])
    length, width, height = box[:3]
    assumptions = [f"weight:{line.sku}:{line.weight_g}" for line in lines if not line.weight_known]
    assumptions.append(f"box:{length}x{width}x{height}")
    fragile = any(re.search(r"\b(glass|bottle|egg|eggs|jar)\b", line.name, re.IGNORECASE) for line in lines)
    volumetric = length * width * height * 1000 // divisor_cm3_per_kg
    return PackingSpec((length, width, height), total, volumetric, fragile, tuple(assumptions))


def zone_between(shop_pin: str, customer_pin: str, neighbours: Mapping[str, str]) -> str:
    """local | regional | zone | national | far from two PIN codes ('' when either is unknown)."""
    if len(shop_pin) != 6 or len(customer_pin) != 6:
        return ""
    if shop_pin[:3] == customer_pin[:3]:
        return "local"
    if shop_pin[:2] == customer_pin[:2]:
        return "regional"
    if shop_pin[0] == customer_pin[0]:
        return "zone"
    if customer_pin[0] in neighbours.get(shop_pin[0], ""):
        return "national"
    return "far"


def _with_gst(paise: int, gst_bp: int) -> int:
    return paise + (paise * gst_bp + 5000) // 10_000


def quote(card: Mapping[str, Any], *, zone: str, customer_pin: str, packing: PackingSpec, order_paise: int,
          cod: bool, gst_bp: int, self_cost_paise: int) -> ShippingOption:
    """One rate card's answer for a parcel: serviceable or why not, its cost with GST, and its days."""
    code, name, illustrative = card["code"], card["name"], bool(card.get("illustrative"))

    def refuse(reason: str) -> ShippingOption:
        return ShippingOption(code, name, False, 0, 0, reason, illustrative)

    if not zone:
        return refuse("pin_unknown")
    if packing.weight_g > card["max_weight_g"]:
        return refuse("too_heavy")
    if card["kind"] == "self":
        if zone not in card["zones"]:
            return refuse("too_far")
        return ShippingOption(code, name, True, self_cost_paise, card["days"][zone], "flat", illustrative)
    if any(customer_pin.startswith(p) for p in card.get("not_served_pin_prefixes", ())):
        return refuse("pin_not_served")
    if cod and not card.get("cod"):
        return refuse("no_cod")
    if card["kind"] == "post":
        weight = packing.weight_g
        slabs = card["slabs_g"]
        rates = card["rates"][zone]
        if weight <= slabs[-1]:
            base = next(rate for slab, rate in zip(slabs, rates, strict=True) if weight <= slab)
        else:
            base = rates[-1] + math.ceil((weight - slabs[-1]) / 500) * card["extra_per_500g"][zone]
    else:
        weight = packing.chargeable_g
        base = card["first_500g"][zone] + max(0, math.ceil((weight - 500) / 500)) * card["extra_per_500g"][zone]
        if cod:
            rule = card["cod"]
            base += max(rule["min_paise"], order_paise * rule["bp"] // 10_000)
    return ShippingOption(code, name, True, _with_gst(base, gst_bp), card["days"][zone], f"weight:{weight}",
                          illustrative)


def choose(options: Sequence[ShippingOption], *, now: datetime, hand_over_by: datetime, deliver_by: datetime,
           ready_hours: int = 2) -> tuple[ShippingOption | None, Timeline | None, tuple[str, ...]]:
    """The cheapest serviceable option that reaches the customer by ``deliver_by`` (the faster of two equal
    costs); when none can, the fastest, marked late. The parcel is ready ``ready_hours`` from now (picked in
    the first half), and never later than the channel's ``hand_over_by``. Returns (chosen, timeline, why)."""
    usable = [o for o in options if o.serviceable]
    if not usable:
        return None, None, ("none_serviceable",)
    ready = now + timedelta(hours=ready_hours)

    def arrives(o: ShippingOption) -> datetime:
        return ready + timedelta(days=o.days)

    on_time = [o for o in usable if arrives(o) <= deliver_by and ready <= hand_over_by]
    if on_time:
        best = min(on_time, key=lambda o: (o.cost_paise, o.days))
        reasons: tuple[str, ...] = ("cheapest_on_time",)
    else:
        best = min(usable, key=lambda o: (o.days, o.cost_paise))
        reasons = ("late_fastest",)
    pick_by = now + timedelta(hours=ready_hours / 2)
    timeline = Timeline(pick_by.isoformat(), ready.isoformat(), hand_over_by.isoformat(),
                        arrives(best).isoformat(), bool(on_time))
    return best, timeline, reasons
