"""From what the rule layer found to the slots of one intent.

Each intent takes the slots of its schema and nothing else ("bread 10 mangwa do kal subah ke liye" is a
reorder of 10 breads; its "kal" is not a report period). A bare number becomes what the intent needs:
the new price of ``change_price``, the quantity of ``reorder``, the order of ``order_status``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from app.assistant.tagger import Quantity, Tagged

INTENTS = ("set_goal", "goal_progress", "sales_report", "stock_query", "low_stock", "reorder", "change_price",
           "start_campaign", "campaign_report", "order_status", "khata_balance", "explain_decision", "approve",
           "reject", "sync_status", "help", "unknown")
SCHEMA: dict[str, tuple[str, ...]] = {
    "set_goal": ("metric", "percent", "amount", "period"),
    "goal_progress": (),
    "sales_report": ("period", "product"),
    "stock_query": ("product",),
    "low_stock": ("category",),
    "reorder": ("product", "quantity"),
    "change_price": ("product", "amount", "percent", "direction"),
    "start_campaign": ("product", "category", "channel", "percent", "amount", "period"),
    "campaign_report": ("product", "category"),
    "order_status": ("order_id",),
    "khata_balance": ("customer",),
    "explain_decision": ("product",),
    "approve": ("request",),
    "reject": ("request",),
    "sync_status": ("channel",),
    "help": (),
    "unknown": (),
}
PREFER_CATEGORY = frozenset({"start_campaign", "low_stock", "campaign_report"})
# slots a follow-up may change while keeping the intent of the message before ("and last week?")
FOLLOW_UP_SLOTS = frozenset({"period", "product", "customer", "category", "channel"})


def number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def paise(rupees: Decimal) -> int:
    return int((rupees * 100).to_integral_value())


def assemble(intent: str, tagged: Tagged) -> dict[str, Any]:
    wanted = SCHEMA.get(intent, ())
    slots: dict[str, Any] = {}
    bare = list(tagged.bare)
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
        elif bare and intent in ("change_price", "set_goal") and "percent" not in slots:
            slots["amount"] = paise(bare.pop(0).value)
    if "direction" in wanted:
        if tagged.direction:
            slots["direction"] = tagged.direction
        elif "amount" in slots:
            slots["direction"] = "set"
    if "metric" in wanted:
        slots["metric"] = tagged.metric or "revenue"
    return slots
