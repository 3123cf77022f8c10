"""The operations agent (seed: ``OperationsAgent.processOrder``): for an order, a :class:`FulfillmentPlan` —
the picking list, the packing spec, the shipping method chosen by cost, speed and PIN-code serviceability
among the shop's own delivery, India Post Speed Post and a courier aggregator, and a timeline against the
channel's deadline. Reads only: it proposes.

What it may do alone is decided by :func:`decide` within the seller's limits: nothing that costs money
until the seller has chosen the agents' limits (``agents.limits_chosen``, as for prices and purchase
orders); then a method that reaches the customer in time and costs no more than
``operations.auto_ship_limit_paise``. Anything else waits for the seller, with the reason.

The rate cards are data (``resources/data/rate_cards.json``), each with its source, the date it was read
and which figures are illustrative; the rules that read them are in ``app.domain.fulfilment``.
"""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta
from functools import cache
from typing import Any

from app import config
from app.domain import fulfilment as rules
from app.domain.clock import from_iso, shop_zone
from app.domain.delivery import check_pin
from app.domain.money import format_inr
from app.errors import NotFound
from app.i18n import _, language
from app.paths import resources_dir
from app.services import fulfilment_plans, order_flow
from app.services import settings as settings_service
from app.services.context import ServiceContext
from app.services.fulfilment_plans import PlanView, Verdict
from app.services.shop import profile as shop_profile
from app.store import catalog as catalog_store
from app.store import deliveries as delivery_store
from app.store import orders as order_store

__all__ = ["NAME", "deadlines", "decide", "plan_order", "rate_cards", "register"]

NAME = "operations"
# days a marketplace usually promises the customer after the hand-over, when the order names no date
# (illustrative: the channels' promises vary by seller and PIN code)
PROMISE_DAYS = 4
RUN_ENDS = time(21, 0)  # the shop's own deliveries are due by the evening of their run day
_PIN_KEYS = ("PostalCode", "postal_code", "zip", "postcode", "area_code", "pincode")


@cache
def rate_cards() -> dict[str, Any]:
    """The shipped rate cards (read once a process)."""
    return json.loads((resources_dir() / "data" / "rate_cards.json").read_text(encoding="utf-8"))


def _find_pin(raw: Any) -> str:
    """A six-digit PIN code anywhere in the marketplace's order (its shipping address), or ''."""
    if isinstance(raw, dict):
        for key, value in raw.items():
            if key in _PIN_KEYS and isinstance(value, str | int):
                pin = check_pin(str(value))
                if pin:
                    return pin
            found = _find_pin(value)
            if found:
                return found
    elif isinstance(raw, list):
        for value in raw:
            found = _find_pin(value)
            if found:
                return found
    return ""


def _where_and_when(ctx: ServiceContext, order: Any) -> tuple[str, datetime, datetime, bool]:
    """(customer's PIN, hand over by, with the customer by, cash on delivery) of an order."""
    db = ctx.store.db()
    if order.channel == delivery_store.CHANNEL:
        where = delivery_store.destination(db, order.id)
        day = datetime.fromisoformat(where[1]).date() if where else ctx.today()
        hand_over = datetime.combine(day, RUN_ENDS, tzinfo=shop_zone(ctx.timezone))
        return (where[0] if where else ""), hand_over, hand_over, True
    raw = order_flow.remote_raw(db, order)
    hand_over = from_iso(order_flow.ship_by_for(db, order))
    latest = raw.get("LatestDeliveryDate") if isinstance(raw, dict) else None
    deliver_by = from_iso(latest) if isinstance(latest, str) and latest else hand_over + timedelta(days=PROMISE_DAYS)
    return _find_pin(raw), hand_over, deliver_by, False  # the marketplace collects the money


def deadlines(ctx: ServiceContext, order_id: int) -> tuple[datetime, datetime]:
    """(hand over by, with the customer by) of an open order: the channel's deadlines."""
    order = order_store.get(ctx.store.db(), order_id, with_lines=False)
    if order is None or order.channel == "counter":
        raise NotFound(_("There is no order number {id} to deliver.").format(id=order_id))
    _pin, hand_over, deliver_by, _cod = _where_and_when(ctx, order)
    return hand_over, deliver_by


def plan_order(ctx: ServiceContext, order_id: int) -> rules.FulfillmentPlan:
    """The fulfilment plan for one open order (a marketplace order or the shop's own delivery)."""
    db = ctx.store.db()
    order = order_store.get(db, order_id)
    if order is None or order.channel == "counter":
        raise NotFound(_("There is no order number {id} to deliver.").format(id=order_id))
    products = catalog_store.get_many(db, sorted({line.sku for line in order.lines}))
    picking = []
    for line in order.lines:
        product = products.get(line.sku)
        grams, known = rules.item_weight_g(unit=line.unit, qty_milli=line.qty_milli,
                                           pack_size=product.pack_size if product else "", name=line.name)
        name = product.name(language()) if product else line.name
        picking.append(rules.PickLine(line.sku, name, line.qty_milli, line.unit, grams, known))
    cards = rate_cards()
    packing = rules.pack(picking, divisor_cm3_per_kg=cards["volumetric_divisor_cm3_per_kg"])
    shop_pin = check_pin(shop_profile(ctx.store).pincode or "") or ""
    now = ctx.now()
    customer_pin, hand_over, deliver_by, cod = _where_and_when(ctx, order)
    zone = rules.zone_between(shop_pin, customer_pin, cards["zones"]["neighbours"])
    assumed: tuple[str, ...] = ()
    if not customer_pin and order.channel != delivery_store.CHANNEL and shop_pin:
        # the marketplace did not send the address: priced as the farthest zone, an upper bound, and said so
        zone, assumed = "far", ("pin_assumed_far",)
    self_cost = settings_service.get(ctx.store, config.OPERATIONS_SELF_DELIVERY_PAISE)
    options = tuple(rules.quote(card, zone=zone, customer_pin=customer_pin, packing=packing,
                                order_paise=order.total_paise, cod=cod, gst_bp=cards["gst_bp"],
                                self_cost_paise=self_cost) for card in cards["cards"])
    chosen, timeline, why = rules.choose(options, now=now, hand_over_by=hand_over, deliver_by=deliver_by)
    return rules.FulfillmentPlan(order_id, order.channel, tuple(picking), packing, options, chosen, timeline, zone,
                                 assumed + why, customer_pin)


def decide(ctx: ServiceContext, plan: rules.FulfillmentPlan) -> Verdict:
    """What the agent may do alone with this plan, within the seller's limits; otherwise why it waits."""
    if plan.chosen is None:
        return Verdict(False, _("No shipping method can take this order; it waits for you."))
    if plan.timeline is not None and not plan.timeline.on_time:
        return Verdict(False, _("No method reaches the customer in time; the fastest is proposed and waits for "
                                "you."))
    if plan.chosen.cost_paise == 0:
        return Verdict(True, _("Costs nothing extra: the agent may go ahead."))
    if not settings_service.get(ctx.store, config.AGENT_LIMITS_CHOSEN):
        return Verdict(False, _("You have not chosen yet what the agents may do on their own, so shipping that "
                                "costs money waits for you (choose with: agents limits)."))
    limit = settings_service.get(ctx.store, config.OPERATIONS_AUTO_SHIP_LIMIT_PAISE)
    if plan.chosen.cost_paise > limit:
        return Verdict(False, _("{method} costs {cost}, above your limit of {limit} a parcel; it waits for you.")
                       .format(method=fulfilment_plans.method_name(plan.chosen.code, plan.chosen.name),
                               cost=format_inr(plan.chosen.cost_paise),
                               limit=format_inr(limit)))
    return Verdict(True, _("{method} for {cost}, within your limit of {limit}: the agent may go ahead.").format(
        method=fulfilment_plans.method_name(plan.chosen.code, plan.chosen.name),
        cost=format_inr(plan.chosen.cost_paise), limit=format_inr(limit)))


def _planner(ctx: ServiceContext, order_id: int) -> PlanView:
    plan = plan_order(ctx, order_id)
    return PlanView(plan, decide(ctx, plan))


def register() -> None:
    """Let the pages and commands ask for plans (``app.services.fulfilment_plans``)."""
    fulfilment_plans.set_planner(_planner)
