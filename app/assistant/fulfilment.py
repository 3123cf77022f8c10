"""Packing, delivery at the door and courier booking from the chat.

- **pack** a home-delivery order ("order 12 pack kar do"): ``deliveries.advance(.., "packed")``; a marketplace
  order ("pack order 123", "AMZ-40211 pack karo"): ``sales.set_order_status(.., "packed")``, the state
  ``order_flow`` moves orders through, after ``order_flow.accept_order`` when it is still new (sixth session);
- **delivered and paid** at the door, in cash or by UPI ("order 14 deliver ho gaya, UPI se paisa aaya", or by the
  customer's name: "Ramesh ne UPI se diya"): ``deliveries.deliver`` with one payment of what is due, so the sale
  is complete and the payment recorded once;
- **book a courier** for an order ("AMZ-40211 ke liye courier book karo"): the aggregator's carriers through
  :mod:`app.services.couriers` (the desk issue 17 built), the cheapest quoted with its price; booked only on the
  seller's yes, and only at a price no higher than the one the seller said yes to.

Each is an :class:`~app.assistant.offers.Offer` checked against the order as it is now, carried out only after the
seller's yes (never alone, whatever ``assistant.autonomy`` says), and each checks again that the order has not
moved since it asked. The courier is asked over the network, so a booking is quoted and made outside any write
transaction (:func:`talks_to_courier`, :func:`book_outside_write`): the counter never waits on a courier.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app import config
from app.assistant import parcels
from app.assistant.books import customer_named
from app.assistant.offers import Done, Offer
from app.assistant.phrases import channel_name, rupees, tr
from app.domain import delivery as delivery_rules
from app.errors import AppError, InvalidState
from app.services import couriers, deliveries, order_flow, sales
from app.services import settings as shop_settings
from app.services.context import Origin, ServiceContext
from app.services.sales import PaymentIn
from app.store import deliveries as delivery_store
from app.store import orders as order_store
from app.store.actions import AssistantAction

if TYPE_CHECKING:
    from app.assistant.understand import Understanding

KINDS = frozenset({"order_pack", "order_deliver", "courier_booking"})
STEPS = frozenset({"pack", "deliver", "book"})
PAY_NAMES = {"cash": tr("in cash", "cash me"), "upi": tr("by UPI", "UPI se")}


def talks_to_courier(found: Understanding, offers: list[AssistantAction]) -> bool:
    """The message asks the courier (a quote) or confirms a booking: answered outside one shared write."""
    return (found.intent == "order_action" and found.slots.get("step") in ("book", "rebook")) or (
        found.intent == "approve" and bool(offers) and offers[-1].kind in {"courier_booking"} | parcels.OUTSIDE_WRITE)


def _label(order) -> str:
    return order.remote_id or f"#{order.id}"


def _what(order, lang: str) -> str:
    own = order.channel == deliveries.CHANNEL
    where = tr("home delivery", "home delivery").text(lang) if own else channel_name(order.channel)
    return tr("{order} ({where}, {name}, {total})", "{order} ({where}, {name}, {total})").say(
        lang, order=_label(order), where=where, name=order.customer_name, total=rupees(order.total_paise))


def customers_open_orders(ctx: ServiceContext, name: str) -> list:
    """The delivery orders of the customer called ``name`` still on their way."""
    customer = customer_named(ctx, name)
    if customer is None:
        return []
    db = ctx.store.db()
    orders = [order_store.get(db, row.order_id) for row in deliveries.delivery_orders(ctx, open_only=True)]
    return [order for order in orders if order is not None and order.customer_id == customer.id]


def offer(ctx: ServiceContext, lang: str, slots: dict[str, Any], order) -> Offer | str:
    """The question for packing, delivering (and being paid) or booking a courier for ``order``; or why not."""
    step = slots["step"]
    own = order.channel == deliveries.CHANNEL
    base = {"order_id": order.id, "status": order.status}
    if step == "book":
        return _offer_booking(ctx, lang, order, base)
    if not own and step == "pack":
        return _offer_market_pack(lang, order, base)
    if not own:  # a marketplace parcel is delivered by its courier, who reports the delivery
        return (tr("Order {order} is a marketplace order: its courier reports the delivery.",
                   "Order {order} marketplace ka hai: delivery courier batayega.")).say(lang, order=_label(order))
    if step == "pack":
        if order.status not in ("pending", "accepted"):
            return tr("Order {order} is {status} now, so it cannot be packed.",
                      "Order {order} abhi {status} hai, pack nahi ho sakta.").say(
                lang, order=_label(order), status=deliveries.state_label(order.status))
        question = tr("Mark order {what} as packed?", "Order {what} pack ho gaya, likh doon?")
        return Offer("order_pack", base, question.say(lang, what=_what(order, lang)),
                     tr("Packed", "Pack ho gaya").text(lang))
    if order.status not in delivery_rules.OPEN:
        return tr("Order {order} is {status} now, so it cannot be delivered.",
                  "Order {order} abhi {status} hai, deliver nahi ho sakta.").say(
            lang, order=_label(order), status=deliveries.state_label(order.status))
    method = slots.get("payment") or delivery_store.pay_by(ctx.store.db(), order.id)
    due = order.total_paise - order.paid_paise
    name = order.customer_name
    summary = tr("Order {order} delivered to {name}, and {due} received {how}? The sale is then complete.",
                 "Order {order} {name} ko deliver ho gaya, aur {due} {how} mil gaye? Phir bikri poori.").say(
        lang, order=_label(order), name=name, due=rupees(due), how=PAY_NAMES[method].text(lang))
    return Offer("order_deliver", {**base, "method": method, "due_paise": due}, summary,
                 tr("Delivered and paid", "Deliver aur paisa mila").text(lang))


def _offer_market_pack(lang: str, order, base: dict[str, Any]) -> Offer | str:
    """Pack a marketplace order ("pack order 123", "AMZ-40211 pack karo"): the state the Orders page's steps move
    through (``order_flow``); a new order is accepted at its marketplace first, as shipping it would be."""
    if not order.remote_id:
        return tr("Order {id} is a counter bill, not an online or delivery order.",
                  "Order {id} counter ka bill hai, online ya delivery order nahi.").say(lang, id=order.id)
    if order.status not in ("pending", "accepted"):
        return tr("Order {order} is {status} now, so it cannot be packed.",
                  "Order {order} abhi {status} hai, pack nahi ho sakta.").say(
            lang, order=_label(order), status=order_flow.state_label(order.status))
    question = tr("Mark order {what} as packed?", "Order {what} pack ho gaya, likh doon?").say(
        lang, what=_what(order, lang))
    if order.status == "pending":
        question += " " + tr("It is accepted at {channel} first.", "Pehle {channel} par accept hoga.").say(
            lang, channel=channel_name(order.channel))
    return Offer("order_pack", {**base, "market": True}, question, tr("Packed", "Pack ho gaya").text(lang))


def _offer_booking(ctx: ServiceContext, lang: str, order, base: dict[str, Any]) -> Offer | str:
    if order.status not in ("pending", "accepted", "packed"):
        return tr("Order {order} is {status} now: no courier is booked for it.",
                  "Order {order} abhi {status} hai: courier book nahi hoga.").say(
            lang, order=_label(order), status=deliveries.state_label(order.status))
    try:
        rates = couriers.rates(ctx, order.id)
    except AppError as error:
        return tr("The courier could not be asked: {why}", "Courier se pooch nahi paye: {why}").say(
            lang, why=str(error))
    if not rates:
        return tr("No courier can take order {order} now.", "Order {order} abhi koi courier nahi le sakta.").say(
            lang, order=_label(order))
    best = min(rates, key=lambda r: (r.cost_paise, r.days))
    limit = shop_settings.get(ctx.store, config.OPERATIONS_AUTO_SHIP_LIMIT_PAISE)
    summary = tr("Book {carrier} for order {what} at {cost} (about {days} days)? It is the cheapest of {n} "
                 "carriers; the agents may book alone only up to {limit} a parcel.",
                 "Order {what} ke liye {carrier} {cost} me book karun (lagbhag {days} din)? {n} courier me sabse "
                 "sasta; agent khud sirf {limit} tak ka parcel book karte hai.").say(
        lang, carrier=best.name, what=_what(order, lang), cost=rupees(best.cost_paise), days=best.days, n=len(rates),
        limit=rupees(limit))
    return Offer("courier_booking", {**base, "courier_id": best.courier_id, "carrier": best.name,
                                     "cost_paise": best.cost_paise}, summary,
                 tr("Book {carrier}", "{carrier} book karo").say(lang, carrier=best.name))


def book_outside_write(ctx: ServiceContext, action: AssistantAction, params: dict[str, Any],
                       lang: str) -> Done | None:
    """Book the courier the seller said yes to, before the assistant's write (None for every other offer, and
    for one already answered). The price is asked again first: nothing is booked above the price the seller saw."""
    if action.kind in parcels.OUTSIDE_WRITE:  # another courier, or none, in place of the one booked: parcels.py
        return parcels.courier_outside_write(ctx, action, params, lang)
    if action.kind != "courier_booking" or action.status != "open":
        return None
    order_id = int(params["order_id"])
    current = order_store.get(ctx.store.db(), order_id)
    if current is None or current.status != params["status"]:
        raise InvalidState(tr("Order {id} changed since I asked; ask me again.",
                              "Order {id} tab se badal gaya; phir se kaho.").say(lang, id=order_id))
    now = {r.courier_id: r for r in couriers.rates(ctx, order_id)}
    rate = now.get(int(params["courier_id"]))
    if rate is None or rate.cost_paise > int(params["cost_paise"]):
        raise InvalidState(tr("{carrier}'s price changed since I asked; ask me again.",
                              "{carrier} ka daam tab se badal gaya; phir se kaho.").say(
            lang, carrier=params["carrier"]))
    booked = couriers.book(ctx, order_id, courier_id=int(params["courier_id"]))
    done = tr("Done: {carrier} is booked for order {order}, AWB {awb}, for {cost}. The label is in {label}.",
              "Ho gaya: order {order} ke liye {carrier} book hua, AWB {awb}, {cost} me. Label {label} me hai.")
    return Done(done.say(
        lang, carrier=booked.courier, order=_label(current), awb=booked.awb, cost=rupees(rate.cost_paise),
        label=str(booked.label)), {"order_id": order_id, "awb": booked.awb, "courier": booked.courier,
                                   "cost_paise": rate.cost_paise}, undoable=False)


def carry_out(ctx: ServiceContext, kind: str, params: dict[str, Any], lang: str, origin: Origin) -> Done:
    """Pack, or deliver and record the payment (the caller has the seller's yes and holds the write)."""
    order_id = int(params["order_id"])
    current = order_store.get(ctx.store.db(), order_id)
    if current is None or current.status != params["status"] or (
            kind == "order_deliver" and current.total_paise - current.paid_paise != int(params["due_paise"])):
        raise InvalidState(tr("Order {id} changed since I asked; ask me again.",
                              "Order {id} tab se badal gaya; phir se kaho.").say(lang, id=order_id))
    if kind == "order_pack" and params.get("market"):  # the marketplace hears of the acceptance, not the packing
        if current.status == "pending":
            order_flow.accept_order(ctx, order_id, origin=origin)
        sales.set_order_status(ctx, order_id, "packed", origin=origin)
        return Done(tr("Done: order {order} is packed.", "Ho gaya: order {order} pack ho gaya.").say(
            lang, order=_label(current)), {"order_id": order_id}, undoable=False)
    if kind == "order_pack":
        deliveries.advance(ctx, order_id, "packed", origin=origin)
        return Done(tr("Done: order {order} is packed.", "Ho gaya: order {order} pack ho gaya.").say(
            lang, order=_label(current)), {"order_id": order_id}, undoable=False)
    if kind == "order_deliver":
        deliveries.deliver(ctx, order_id, [PaymentIn(method=params["method"], amount_paise=int(params["due_paise"]))],
                           origin=origin)
        return Done(tr("Done: order {order} is delivered and {due} received {how}.",
                       "Ho gaya: order {order} deliver hua aur {due} {how} mil gaye.").say(
            lang, order=_label(current), due=rupees(int(params["due_paise"])),
            how=PAY_NAMES[params["method"]].text(lang)), {"order_id": order_id}, undoable=False)
    raise ValueError(f"unknown action {kind}")
