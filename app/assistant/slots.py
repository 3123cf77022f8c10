"""From what the rule layer found to the slots of one intent.

Each intent takes the slots of its schema and nothing else ("bread 10 mangwa do kal subah ke liye" is a
reorder of 10 breads; its "kal" is not a report period). A bare number becomes what the intent needs:
the new price of ``change_price``, the quantity of ``reorder``, the order of ``order_status``.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from app.assistant.people import new_name, phone_in
from app.assistant.plausible import plausible
from app.assistant.tagger import Quantity, Tagged

INTENTS = ("set_goal", "goal_progress", "sales_report", "profit_report", "gst_payable", "stock_query", "low_stock",
           "reorder", "change_price", "start_campaign", "campaign_report", "order_status", "khata_balance",
           "khata_payment", "add_customer", "explain_decision", "approve", "reject", "sync_status", "help",
           "compliance_due", "unknown")
# intents read by rule only (app.assistant.order_commands), never by the classifier: a step of an order, a delivery
RULE_INTENTS = ("order_action", "home_delivery")
# intents that change the shop: each passes the gate of app.assistant.gate before anything is offered
WRITES = frozenset({"set_goal", "reorder", "change_price", "start_campaign", "khata_payment", "add_customer",
                    "order_action", "home_delivery"})
SCHEMA: dict[str, tuple[str, ...]] = {
    "set_goal": ("metric", "percent", "amount", "period"),
    "goal_progress": (),
    "sales_report": ("period", "product"),
    "profit_report": ("period", "product", "category"),
    "gst_payable": ("period",),
    "stock_query": ("product",),
    "low_stock": ("category",),
    "reorder": ("product", "quantity"),
    "change_price": ("product", "amount", "percent", "direction"),
    "start_campaign": ("product", "category", "channel", "percent", "amount", "period", "segment"),
    "campaign_report": ("product", "category"),
    "order_status": ("order_id",),
    "khata_balance": ("customer",),
    "khata_payment": ("customer", "amount"),
    "add_customer": ("customer", "phone"),
    "explain_decision": ("product",),
    "approve": ("request",),
    "reject": ("request",),
    "sync_status": ("channel",),
    "help": (),
    "compliance_due": (),
    "unknown": (),
    "order_action": ("order_id", "step", "carrier", "tracking"),
    "home_delivery": ("customer", "lines", "address"),
}
PREFER_CATEGORY = frozenset({"start_campaign", "low_stock", "campaign_report", "profit_report"})
# slots a follow-up may change while keeping the intent of the message before ("and last week?")
FOLLOW_UP_SLOTS = frozenset({"period", "product", "customer", "category", "channel"})


def number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


# a price said as where it goes ("to 36", "to ₹36") or by how much it moves ("by 5", "by rs 2")
TO_A_PRICE = re.compile(r"\bto (?:rs\.? ?|₹ ?|inr )?\d")
BY_SO_MUCH = re.compile(r"\bby (?:rs\.? ?|₹ ?|inr )?\d")


def paise(rupees: Decimal) -> int:
    return int((rupees * 100).to_integral_value())


def assemble(intent: str, tagged: Tagged) -> dict[str, Any]:
    """The slots of ``intent``; a number outside plausible bounds fills none (see :func:`implausible`)."""
    slots = raw_slots(intent, tagged)
    for name in implausible(intent, slots):
        slots.pop(name, None)
    slots.pop("_bad_number", None)
    if intent == "change_price" and "direction" in slots and "amount" not in slots and "percent" not in slots \
            and slots["direction"] == "set":
        del slots["direction"]
    return slots


def implausible(intent: str, slots: dict[str, Any]) -> list[str]:
    """The slots of ``intent`` whose numbers no shop would mean (all of them when one was garbled: "-5", "1e309")."""
    if slots.get("_bad_number"):
        numeric = ("quantity", "percent", "amount", "request")
        given = [name for name in numeric if name in slots]
        return given or [name for name in numeric if name in SCHEMA.get(intent, ())][:1]
    bad = []
    if "quantity" in slots and not plausible("quantity", Decimal(str(slots["quantity"]).partition(" ")[0])):
        bad.append("quantity")
    if "percent" in slots:
        kind = {"change_price": "price_percent", "start_campaign": "offer_percent"}.get(intent, "goal_percent")
        if intent == "set_goal" and slots.get("metric") == "fill_rate":
            kind = "fill_rate"
        if not plausible(kind, slots["percent"]):
            bad.append("percent")
    if "amount" in slots:
        rupees = Decimal(int(slots["amount"])) / 100
        kind = {"change_price": "price" if slots.get("direction", "set") == "set" else "price_change",
                "start_campaign": "offer_amount", "set_goal": "goal_amount", "khata_payment": "payment"}.get(
            intent, "payment")
        if not plausible(kind, rupees):
            bad.append("amount")
    if "request" in slots and not plausible("request", slots["request"]):
        bad.append("request")
    return bad


def raw_slots(intent: str, tagged: Tagged) -> dict[str, Any]:
    """The slots as the message gives them, believable or not."""
    wanted = SCHEMA.get(intent, ())
    slots: dict[str, Any] = {"_bad_number": True} if tagged.bad_number else {}
    bare = list(tagged.bare)
    if intent == "add_customer":
        name = new_name([t for p, t in enumerate(tagged.tokens) if tagged.spans.get(p) not in ("number", "unit")])
        if name:
            slots["customer"] = name
        phone = phone_in(tagged.tokens)
        if phone:
            slots["phone"] = phone
        return slots
    catalog = tagged.catalog
    product = tagged.product_sku
    if "category" in wanted and catalog.category and intent in PREFER_CATEGORY and (
            product is None or tagged.only_category_words):
        slots["category"] = catalog.category
    elif "product" in wanted and product:
        slots["product"] = product
    if "period" in wanted and tagged.period:
        slots["period"] = tagged.period
    if "channel" in wanted and tagged.channel:
        slots["channel"] = tagged.channel
    if "customer" in wanted and len(tagged.customers) == 1:
        slots["customer"] = tagged.customers[0].name
    if "order_id" in wanted:
        if tagged.order_ref:
            slots["order_id"] = tagged.order_ref
        elif bare and bare[0].whole:
            slots["order_id"] = str(int(bare.pop(0).value))
    if "request" in wanted and bare and bare[0].whole:
        slots["request"] = int(bare.pop(0).value)
    if "quantity" in wanted:
        if tagged.quantities:
            slots["quantity"] = tagged.quantities[0].text()
        elif bare:
            slots["quantity"] = Quantity(bare.pop(0).value, None).text()
    if "percent" in wanted and tagged.percents:
        value = tagged.percents[0]
        if intent == "set_goal" and tagged.direction == "down" and tagged.metric != "fill_rate":
            value = -value
        slots["percent"] = number(value)
    elif intent == "set_goal" and "half" in tagged.tokens:
        slots["percent"] = -50 if tagged.direction == "down" else 50
    if "amount" in wanted:
        if tagged.amounts:
            slots["amount"] = paise(tagged.amounts[0])
        elif bare and intent in ("change_price", "set_goal", "khata_payment") and "percent" not in slots:
            slots["amount"] = paise(bare.pop(0).value)
    if "direction" in wanted:
        if tagged.direction and intent == "change_price" and TO_A_PRICE.search(tagged.norm) and \
                not BY_SO_MUCH.search(tagged.norm):
            slots["direction"] = "set"  # "lower the price of coke to 36": the new price, not a cut of 36
        elif tagged.direction:
            slots["direction"] = tagged.direction
        elif "amount" in slots:
            slots["direction"] = "set"
    if "metric" in wanted:
        slots["metric"] = tagged.metric or "revenue"
    return slots
