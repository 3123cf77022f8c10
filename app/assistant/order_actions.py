"""Orders from the chat: a step of a marketplace or home-delivery order (accept, ship with courier and AWB, cancel),
a new home-delivery order for a known customer, and a message campaign to a group of customers.

Each becomes an :class:`~app.assistant.offers.Offer` first: what exactly would happen, checked against the order
or the shop as it is (the order's state allows the step, the customer has an address, the stock is there, what the
messages would cost). Nothing here is ever done without the seller's yes (the assistant never carries these out
on its own), and :func:`carry_out` goes through the services that the Orders and Marketing pages use:
``order_flow`` for marketplace orders, ``deliveries`` for the shop's own, ``campaigns`` for campaigns. A campaign
whose messages cost money is planned *unapproved* (it waits for the seller's approval on the Marketing page)
unless the seller has chosen the agents' limits and its cost fits in what is left of the week's marketing budget.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from app import config
from app.assistant import campaign_steps, fulfilment, parcels, substitutes
from app.assistant.books import customer_named
from app.assistant.offers import Done, Offer
from app.assistant.phrases import channel_name, rupees, tr
from app.assistant.reply import Answer, Button
from app.assistant.reports import item_name, qty
from app.assistant.text import HI
from app.domain import delivery as delivery_rules
from app.domain.qty import MILLI
from app.errors import InvalidState
from app.services import campaign_api_sends, campaigns, deliveries, order_flow
from app.services import settings as shop_settings
from app.services.context import Origin, ServiceContext
from app.services.sales import SaleLine
from app.store import campaigns as campaign_store
from app.store import catalog as catalog_store
from app.store import orders as order_store
from app.store import segments
from app.store import stock as stock_store

KINDS = frozenset({"order_step", "home_delivery", "plan_campaign"}) | fulfilment.KINDS | parcels.KINDS | \
    substitutes.KINDS | campaign_steps.KINDS
STEP_STATUS = {"accept": "accepted", "ship": "shipped", "cancel": "cancelled"}
STEP_WORDS = {"accept": tr("Accept", "Accept karo"), "ship": tr("Ship", "Bhejo"), "cancel": tr("Cancel order",
                                                                                                "Order cancel karo")}
STATE_WORDS = {"pending": tr("new", "naya"), "accepted": tr("accepted", "accept kiya hua"),
               "packed": tr("packed", "pack kiya hua"), "shipped": tr("shipped", "bheja hua"),
               "delivered": tr("delivered", "deliver ho chuka"), "cancelled": tr("cancelled", "cancel"),
               "returned": tr("returned", "wapas aaya")}
SEGMENT_WORDS = {
    "all": tr("all your customers", "sabhi grahakon"), "regulars": tr("your regular customers", "pakke grahakon"),
    "lapsed": tr("customers who stopped coming", "jo grahak aana band kar diye"),
    "high_value": tr("your biggest customers", "bade grahakon"), "new": tr("new customers", "naye grahakon"),
    "khata_dues": tr("customers with khata dues", "udhaar wale grahakon"),
}


def _state(status: str, lang: str) -> str:
    return STATE_WORDS[status].text(lang) if status in STATE_WORDS else status


def find_order(ctx: ServiceContext, order_id: str):
    """The order the seller named: a marketplace number ("AMZ-40211") or the shop's own order number."""
    db = ctx.store.db()
    if order_id.isdigit():
        return order_store.get(db, int(order_id))
    found = order_store.newest_by_remote_id(db, order_id)
    return order_store.get(db, found) if found is not None else None


# --- a step of an order ---------------------------------------------------------------------------
def offer_step(ctx: ServiceContext, lang: str, slots: dict[str, Any]) -> Offer | str:
    """Accept, ship or cancel one order, checked against its state now; or a sentence saying why not."""
    step = slots["step"]
    if step in campaign_steps.STEPS:  # a planned campaign sent, or one stopped: app/assistant/campaign_steps.py
        return campaign_steps.offer(ctx, lang, slots)
    if step in substitutes.STEPS:  # a substitute asked of the customer, or their answer: app/assistant/substitutes.py
        return substitutes.offer(ctx, lang, slots)
    if step in parcels.STEPS:  # a return received, another courier, a part shipped: app/assistant/parcels.py
        order = find_order(ctx, str(slots["order_id"]))
        return parcels.offer(ctx, lang, slots, order) if order is not None else \
            tr("There is no order {id}.", "Order {id} nahi mila.").say(lang, id=slots["order_id"])
    if step in fulfilment.STEPS:  # pack, delivered and paid, a courier: app/assistant/fulfilment.py
        theirs = [] if "order_id" in slots else fulfilment.customers_open_orders(ctx, str(slots.get("customer")))
        if len(theirs) > 1:
            return tr("{name} has {n} orders on their way: {orders}. Which one? For example: order {first} delivered.",
                      "{name} ke {n} order raste me hai: {orders}. Kaunsa? Jaise: order {first} deliver ho gaya.").say(
                lang, name=slots.get("customer", ""), n=len(theirs), orders=", ".join(f"#{o.id}" for o in theirs),
                first=theirs[0].id)
        order = find_order(ctx, str(slots["order_id"])) if "order_id" in slots else (theirs or [None])[0]
        if order is None and "order_id" not in slots:
            return tr("{name} has no delivery order on its way. (A khata payment? Say how much: {name} ne 200 diye.)",
                      "{name} ka koi delivery order raste me nahi hai. (Khata ka paisa? Kitna, ye batao: {name} ne "
                      "200 diye.)").say(lang, name=slots.get("customer", ""))
        return fulfilment.offer(ctx, lang, slots, order) if order is not None else \
            tr("There is no order {id}.", "Order {id} nahi mila.").say(lang, id=slots["order_id"])
    order = find_order(ctx, str(slots["order_id"]))
    if order is None:
        return tr("There is no order {id}.", "Order {id} nahi mila.").say(lang, id=slots["order_id"])
    own = order.channel == deliveries.CHANNEL
    if not own and not order.remote_id:
        return tr("Order {id} is a counter bill, not an online or delivery order.",
                  "Order {id} counter ka bill hai, online ya delivery order nahi.").say(lang, id=order.id)
    label = f"#{order.id}" if own else order.remote_id
    new = STEP_STATUS[step]
    allowed = delivery_rules.can_move(order.status, new) if own else order_flow.can_move(order.status, new)
    if order.status == new or not allowed:
        return tr("Order {order} is {status} now, so it cannot be {step}.",
                  "Order {order} abhi {status} hai, isliye {step} nahi ho sakta.").say(
            lang, order=label, status=_state(order.status, lang), step=_state(new, lang))
    where = tr("home delivery", "home delivery").text(lang) if own else channel_name(order.channel)
    what = tr("{order} ({where}, {name}, {total})", "{order} ({where}, {name}, {total})").say(
        lang, order=label, where=where, name=order.customer_name, total=rupees(order.total_paise))
    params: dict[str, Any] = {"order_id": order.id, "step": step, "own": own, "status": order.status}
    if step == "accept":
        summary = tr("Accept order {what}?", "Order {what} accept karun?").say(lang, what=what)
    elif step == "cancel":
        summary = tr("Cancel order {what}? Its stock comes back to the shelf.",
                     "Order {what} cancel karun? Iska maal wapas stock me aayega.").say(lang, what=what)
    elif own:
        summary = tr("Send order {what} out for delivery?", "Order {what} delivery ke liye bhejun?").say(
            lang, what=what)
    else:
        carrier, tracking = slots.get("carrier"), slots.get("tracking")
        if not carrier or not tracking:  # the marketplace needs both to tell the buyer where the parcel is
            return tr("Which courier, and what is the AWB (tracking) number? For example: order {order} ship karo, "
                      "Delhivery, AWB 1234567890.",
                      "Kaunsa courier, aur AWB (tracking) number kya hai? Jaise: order {order} ship karo, Delhivery, "
                      "AWB 1234567890.").say(lang, order=label)
        params.update(carrier=carrier, tracking=tracking)
        summary = tr("Mark order {what} as shipped with {carrier}, AWB {tracking}?",
                     "Order {what} {carrier} se bhej diya, AWB {tracking}, likh doon?").say(
            lang, what=what, carrier=carrier, tracking=tracking)
    return Offer("order_step", params, summary, STEP_WORDS[step].text(lang))


def _carry_out_step(ctx: ServiceContext, params: dict[str, Any], lang: str, origin: Origin) -> Done:
    order_id, step = int(params["order_id"]), params["step"]
    current = order_store.get(ctx.store.db(), order_id)
    if current is None or current.status != params["status"]:
        raise InvalidState(tr("Order {id} changed since I asked; ask me again.",
                              "Order {id} tab se badal gaya; phir se kaho.").say(lang, id=order_id))
    if params["own"]:
        if step == "cancel":
            deliveries.cancel(ctx, order_id, reason="cancelled in the assistant", origin=origin)
        else:
            deliveries.advance(ctx, order_id, STEP_STATUS[step], origin=origin)
    elif step == "accept":
        order_flow.accept_order(ctx, order_id, origin=origin)
    elif step == "ship":
        order_flow.ship_order(ctx, order_id, carrier=params["carrier"], tracking=params["tracking"], origin=origin)
    else:
        order_flow.cancel_order(ctx, order_id, origin=origin)
    text = {"accept": tr("Done: order {id} is accepted.", "Ho gaya: order {id} accept ho gaya."),
            "ship": tr("Done: order {id} is marked as shipped.", "Ho gaya: order {id} bhej diya gaya."),
            "cancel": tr("Done: order {id} is cancelled.", "Ho gaya: order {id} cancel ho gaya.")}[step]
    return Done(text.say(lang, id=current.remote_id or f"#{order_id}"), {"order_id": order_id}, undoable=False)


# --- a home delivery ------------------------------------------------------------------------------
def line_milli(text: str, unit: str) -> int:
    """A delivery line's quantity in milli-units of the item ("2 kg" of loose sugar, "3" packets, "1 dozen")."""
    number, _sep, said = str(text).partition(" ")
    value = Decimal(number)
    if said == "dozen":
        value *= 12
    if unit in ("kg", "l") and said in ("g", "ml"):
        value /= 1000
    return max(1, int(value * MILLI))


def which_line(ctx: ServiceContext, lang: str, slots: dict[str, Any], unclear: dict[str, Any]) -> Answer:
    """A delivery line that names two items alike ("1 tel"): ask which, keeping the rest of the order."""
    products = catalog_store.get_many(ctx.store.db(), unclear["choices"])
    names = [item_name(products[sku], lang) for sku in unclear["choices"] if sku in products]
    return Answer(tr("Which one do you mean?", "Kaunsa wala?").text(lang),
                  buttons=[Button(id=f"ask:{name}", label=name, kind="ask") for name in names], awaiting="line",
                  awaiting_slots={**slots, "_line": unclear["line"]})


def offer_delivery(ctx: ServiceContext, lang: str, slots: dict[str, Any]) -> Offer | Answer | str:
    """A home-delivery order for a known customer, priced as at the counter, paid at the door; the question for
    the address when the khata has none; or why not."""
    customer = customer_named(ctx, slots["customer"])
    if customer is None:
        return tr("I do not know a customer called {name}.", "{name} naam ka grahak nahi mila.").say(
            lang, name=slots["customer"])
    name = customer.name_hi if lang == HI and customer.name_hi else customer.name
    address = str(slots.get("address") or customer.address).strip()
    if not address:  # the next message is the address (kept on this order only, not in the khata)
        return Answer(tr("What is {name}'s address?", "{name} ka pata kya hai?").say(lang, name=name),
                      awaiting="address", awaiting_slots=dict(slots))
    db = ctx.store.db()
    products = catalog_store.get_many(db, [line["product"] for line in slots["lines"]])
    lines, said, total = [], [], 0
    on_hand = stock_store.on_hand_many(db, list(products))
    for line in slots["lines"]:
        product = products.get(line["product"])
        if product is None:
            continue
        milli = line_milli(line["quantity"], product.unit)
        if on_hand.get(product.sku, 0) < milli and not shop_settings.get(ctx.store, config.ALLOW_NEGATIVE_STOCK):
            return tr("Only {have} of {item} is in stock.", "{item} sirf {have} bacha hai.").say(
                lang, have=qty(max(0, on_hand.get(product.sku, 0)), product.unit, lang), item=item_name(product, lang))
        lines.append({"sku": product.sku, "qty_milli": milli, "price_paise": product.price_paise})
        said.append(f"{qty(milli, product.unit, lang)} {item_name(product, lang)}")
        total += product.price_paise * milli // MILLI
    if not lines:
        return tr("Which items should go? For example: 2 packet Maggi aur 1 tel.",
                  "Kaunsa saamaan bhejna hai? Jaise: 2 packet Maggi aur 1 tel.").text(lang)
    pay_by = "upi" if slots.get("payment") == "upi" else "cash"
    summary = (tr("Home delivery to {name} ({address}): {items}, about {total}, paid at the door by UPI. Take the "
                  "order?", "{name} ke ghar ({address}) delivery: {items}, lagbhag {total}, paisa ghar par UPI se. "
                  "Order le lun?") if pay_by == "upi" else
               tr("Home delivery to {name} ({address}): {items}, about {total}, paid at the door in cash. Take the "
                  "order?", "{name} ke ghar ({address}) delivery: {items}, lagbhag {total}, paisa ghar par cash me. "
                  "Order le lun?")).say(lang, name=name, address=address, items=", ".join(said), total=rupees(total))
    params = {"customer_id": customer.id, "name": customer.name, "address": address,
              "phone": customer.phone or "", "lines": lines, "pay_by": pay_by}
    return Offer("home_delivery", params, summary, tr("Take order", "Order lo").text(lang))


def _carry_out_delivery(ctx: ServiceContext, params: dict[str, Any], lang: str, origin: Origin) -> Done:
    products = catalog_store.get_many(ctx.store.db(), [x["sku"] for x in params["lines"]])
    if any(products[x["sku"]].price_paise != x["price_paise"] for x in params["lines"] if x["sku"] in products):
        raise InvalidState(tr("A price changed since I asked; ask me again.",
                              "Tab se daam badal gaya; phir se kaho.").text(lang))
    new = deliveries.NewDelivery(customer_name=params["name"], address=params["address"], phone=params["phone"],
                                 customer_id=int(params["customer_id"]), source="phone",
                                 pay_by=str(params.get("pay_by", "cash")),
                                 lines=[SaleLine(sku=x["sku"], qty_milli=int(x["qty_milli"])) for x in params["lines"]])
    created = deliveries.create(ctx, new, origin=origin)
    return Done(tr("Done: home-delivery order #{id} is taken; its stock is set aside. It is on the Orders page.",
                   "Ho gaya: home delivery order #{id} le liya; maal alag rakh diya. Orders page par hai.").say(
        lang, id=created.id), {"order_id": int(created.id)}, undoable=False)


# --- a message campaign ---------------------------------------------------------------------------
def which_item(lang: str, slots: dict[str, Any]) -> Answer:
    """A message campaign is about one item: asked when the message named a category or none."""
    return Answer(tr("Which item is the campaign about?", "Campaign kis item ka hai?").text(lang),
                  awaiting="product", awaiting_slots={k: v for k, v in slots.items() if k != "category"})


def offer_campaign_plan(ctx: ServiceContext, lang: str, slots: dict[str, Any]) -> Offer | str:
    """A campaign about one item to one group of customers, with what its messages would cost."""
    db = ctx.store.db()
    product = catalog_store.get(db, slots["product"])
    if product is None:
        return tr("Which item is the campaign about?", "Campaign kis item ka hai?").text(lang)
    segment = slots["segment"]
    lapsed = shop_settings.get(ctx.store, config.MARKETING_LAPSED_WEEKS)
    members = segments.members(db, segment, ctx.today(), lapsed_weeks=lapsed)
    reach = len(campaign_store.reachable(db, members))
    via = campaign_api_sends.channel_for(db, shop_settings.get(ctx.store, config.MARKETING_SEND_VIA))
    cost = shop_settings.get(ctx.store, config.MARKETING_MESSAGE_COST_PAISE) if via == "whatsapp_api" else 0
    spend = reach * cost
    left = max(0, shop_settings.get(ctx.store, config.MARKETING_WEEKLY_BUDGET_PAISE) - campaigns.weekly_spend(ctx))
    within = spend == 0 or (bool(shop_settings.get(ctx.store, config.AGENT_LIMITS_CHOSEN)) and spend <= left)
    group = SEGMENT_WORDS[segment].text(lang)
    summary = tr("Plan a campaign for {item} to {group}: {reach} of them can be messaged now.",
                 "{item} ka campaign {group} ke liye banaun: abhi {reach} ko message ja sakta hai.").say(
        lang, item=item_name(product, lang), group=group, reach=reach)
    if spend:
        summary += " " + tr("Sending costs about {spend} (WhatsApp Business charges each message).",
                            "Bhejne me lagbhag {spend} lagega (WhatsApp Business har message ka paisa leta hai).").say(
            lang, spend=rupees(spend))
    else:
        summary += " " + tr("The messages go from your own phone, free.",
                            "Message aapke phone se jayenge, muft.").text(lang)
    if not within:
        summary += " " + tr("It will wait for your approval on the Marketing page before anything is sent.",
                            "Kuch bhi bhejne se pehle ye Marketing page par aapki manzoori ka intezaar karega.").text(
            lang)
    params = {"sku": product.sku, "segment": segment, "spend_paise": spend, "approved": within}
    return Offer("plan_campaign", params, summary, tr("Plan campaign", "Campaign banao").text(lang),
                 notes=[] if within else ["approval"])


def _carry_out_campaign(ctx: ServiceContext, params: dict[str, Any], lang: str, origin: Origin) -> Done:
    created = campaigns.plan_campaign(ctx, sku=params["sku"], segment=params["segment"],
                                      budget_paise=int(params["spend_paise"]), approved=bool(params["approved"]),
                                      origin=origin)
    text = (tr("Done: campaign {id} is planned; send it from the Marketing page.",
               "Ho gaya: campaign {id} ban gaya; Marketing page se bhejo.") if params["approved"] else
            tr("Campaign {id} is planned and waits for your approval on the Marketing page.",
               "Campaign {id} ban gaya, Marketing page par aapki manzoori ka intezaar hai.")).say(lang, id=created.id)
    return Done(text, {"campaign_id": int(created.id)}, undoable=False)


def carry_out(ctx: ServiceContext, kind: str, params: dict[str, Any], lang: str, origin: Origin) -> Done:
    """Do what an offer of this module said (the caller has the seller's confirmation)."""
    if kind == "order_step":
        return _carry_out_step(ctx, params, lang, origin)
    if kind == "home_delivery":
        return _carry_out_delivery(ctx, params, lang, origin)
    if kind == "plan_campaign":
        return _carry_out_campaign(ctx, params, lang, origin)
    if kind in fulfilment.KINDS:
        return fulfilment.carry_out(ctx, kind, params, lang, origin)
    if kind in parcels.KINDS:
        return parcels.carry_out(ctx, kind, params, lang, origin)
    if kind in substitutes.KINDS:
        return substitutes.carry_out(ctx, kind, params, lang, origin)
    if kind in campaign_steps.KINDS:
        return campaign_steps.carry_out(ctx, kind, params, lang, origin)
    raise ValueError(f"unknown action {kind}")
