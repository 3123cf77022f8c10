"""One plain sentence per event in the log: "Price of Tata Salt 1 kg changed from ₹28.00 to ₹27.00"."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app import config
from app.domain.money import format_inr
from app.domain.qty import qty_words
from app.domain.reasons import text_of
from app.domain.records import EventRow, Product
from app.i18n import _, ngettext
from app.store import Store, catalog, parties
from app.store import decisions as decision_store
from app.ui.agent_words import agent_name, belief_text, breaker_text, decision_text, status_text
from app.ui.formatting import actor_text
from app.ui.fulfilment_words import fulfilment_sentence


@dataclass
class Names:
    """What a page of events refers to, looked up once for the whole page (see ``ActivityModel``)."""

    products: dict[str, Product] = field(default_factory=dict)
    customers: dict[int, str] = field(default_factory=dict)
    suppliers: dict[int, str] = field(default_factory=dict)
    language: str = "en"

    def product(self, sku: str, fallback: str = "") -> str:
        found = self.products.get(sku)
        return found.name(self.language) if found else (fallback or sku)

    def qty(self, sku: str, qty_milli: int) -> str:
        found = self.products.get(sku)
        return qty_words(qty_milli, found.unit if found else "pcs")

    def customer(self, customer_id: int | None) -> str:
        if customer_id is None:
            return ""
        return self.customers.get(customer_id) or _("customer {id}").format(id=customer_id)

    def supplier(self, supplier_id: int) -> str:
        return self.suppliers.get(supplier_id) or _("supplier {id}").format(id=supplier_id)


def data_of(row: EventRow) -> dict[str, Any]:
    try:
        data = json.loads(row.data_json or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def referenced(rows: list[EventRow]) -> tuple[set[str], set[int], set[int]]:
    """(skus, customer ids, supplier ids) that the sentences for ``rows`` will name."""
    skus: set[str] = set()
    customers: set[int] = set()
    suppliers: set[int] = set()
    for row in rows:
        data = data_of(row)
        if isinstance(data.get("sku"), str):
            skus.add(data["sku"])
        elif row.type == "BeliefUpdated" and isinstance(data.get("key"), str):
            skus.add(data["key"].partition(":")[2])
        if isinstance(data.get("customer_id"), int):
            customers.add(data["customer_id"])
        if isinstance(data.get("supplier_id"), int):
            suppliers.add(data["supplier_id"])
    return skus, customers, suppliers


def _method(method: str) -> str:
    return {"cash": _("cash"), "upi": _("UPI"), "card": _("card"), "khata": _("khata"), "bank": _("bank transfer"),
            "other": _("other means")}.get(method, method)


def _percent(bp: int) -> str:
    return f"{bp / 100:g}%"


def _setting(key: str) -> str:
    setting = config.SETTINGS.get(key)
    return setting.description() if setting else key


def _value(value: Any) -> Any:
    """A setting's new value in words: a switch reads "on" or "off", not True or False."""
    if isinstance(value, bool):
        return _("on") if value else _("off")
    return value


def _stock_adjusted(d: dict[str, Any], n: Names) -> str:
    sku = d.get("sku", "")
    name, qty, on_hand = n.product(sku), n.qty(sku, abs(d.get("qty_milli", 0))), n.qty(sku, d.get("on_hand_milli", 0))
    kind = d.get("kind", "adjust")
    if kind == "opening":
        return _("Opening stock of {name}: {qty}").format(name=name, qty=qty)
    if kind == "count":
        return _("Stock of {name} counted: {on_hand}").format(name=name, on_hand=on_hand)
    if kind == "wastage":
        return _("{qty} of {name} written off as wasted (now {on_hand})").format(qty=qty, name=name, on_hand=on_hand)
    if d.get("qty_milli", 0) < 0:
        return _("Stock of {name} reduced by {qty} (now {on_hand})").format(name=name, qty=qty, on_hand=on_hand)
    return _("Stock of {name} increased by {qty} (now {on_hand})").format(name=name, qty=qty, on_hand=on_hand)


def _sale(d: dict[str, Any], n: Names) -> str:
    lines = int(d.get("line_count", 0))
    text = ngettext("Sale {invoice} of {total} ({count} item)", "Sale {invoice} of {total} ({count} items)",
                    lines).format(invoice=d.get("invoice_no") or "", total=format_inr(d.get("total_paise", 0)),
                                  count=lines)
    if d.get("customer_id") is not None:
        text += " " + _("to {customer}").format(customer=n.customer(d["customer_id"]))
    return text


def _khata(d: dict[str, Any], n: Names) -> str:
    who, amount = n.customer(d.get("customer_id")), format_inr(abs(d.get("amount_paise", 0)))
    balance = format_inr(d.get("balance_paise", 0))
    kind = d.get("kind", "")
    if kind == "credit_sale":
        text = _("{customer} bought {amount} on khata").format(customer=who, amount=amount)
    elif kind == "payment":
        text = _("{customer} paid {amount} towards khata").format(customer=who, amount=amount)
    elif kind == "opening":
        text = _("Opening khata balance of {customer}: {amount}").format(customer=who, amount=amount)
    elif kind == "return":
        text = _("Return of {amount} credited to {customer}'s khata").format(customer=who, amount=amount)
    else:
        text = _("Khata of {customer} corrected by {amount}").format(customer=who,
                                                                   amount=format_inr(d.get("amount_paise", 0)))
    return text + " " + _("(now owes {balance})").format(balance=balance)


def _decision_recorded(d: dict[str, Any], n: Names) -> str:
    return _("The {agent} proposed {what}: {status}").format(
        agent=agent_name(d.get("agent", "")), what=decision_text(d.get("decision_type", "")),
        status=status_text(d.get("status", "")))


def _belief(d: dict[str, Any], n: Names) -> str:
    subject = str(d.get("key", "")).partition(":")[2]
    if subject.startswith("cat:"):
        subject = _("the category {name}").format(name=subject[4:])
    elif d.get("kind") == "lead_time" and subject.isdigit():
        subject = n.supplier(int(subject))
    else:
        subject = n.product(subject)
    return _("The agents learnt {what}: {subject}").format(what=belief_text(d.get("kind", "")), subject=subject)


def _agent_run(d: dict[str, Any], n: Names) -> str:
    agent, status = agent_name(d.get("agent", "")), d.get("status", "")
    if status == "ok":
        return _("The {agent} looked at the shop: {proposals} ideas, {done} done, {waiting} waiting for you").format(
            agent=agent, proposals=d.get("proposals", 0), done=d.get("executed", 0), waiting=d.get("escalated", 0))
    if status == "skipped":
        return _("The {agent} did not run: {why}").format(agent=agent, why=d.get("error") or status_text(status))
    return _("The {agent} failed: {why}").format(agent=agent, why=d.get("error") or "")


Describe = Callable[[dict[str, Any], Names], str]

SENTENCES: dict[str, Describe] = {
    "ShopProfileUpdated": lambda d, n: _("Shop details updated"),
    "SettingChanged": lambda d, n: _("Setting changed: {setting} is now {value}").format(
        setting=_setting(d.get("key", "")), value=_value(d.get("value"))),
    "GstRateAdded": lambda d, n: _("The GST rate table was loaded") if d.get("hsn_prefix") == "*" else _(
        "GST rate for HSN {hsn} set to {rate} from {date}").format(
        hsn=d.get("hsn_prefix", ""), rate=_percent(d.get("rate_bp", 0)), date=d.get("effective_from", "")),
    "FinancialYearClosed": lambda d, n: _("Financial year {fy} closed").format(fy=d.get("fy", "")),
    "PurchaseBillRecorded": lambda d, n: _("Purchase bill {no} of {supplier} recorded: {total}").format(
        no=d.get("bill_no", ""), supplier=d.get("supplier_name", ""), total=format_inr(d.get("total_paise", 0))),
    "DebitNoteIssued": lambda d, n: _("Debit note {no} on invoice {invoice}: {total} more").format(
        no=d.get("note_no", ""), invoice=d.get("invoice_no", ""), total=format_inr(d.get("total_paise", 0))),
    "ChannelAdded": lambda d, n: _("Sales channel {name} added").format(name=d.get("name", "")),
    "ShopRestored": lambda d, n: _("Shop restored from the backup {backup}").format(backup=d.get("backup", "")),
    "ProductCreated": lambda d, n: _("New item added: {name}").format(name=n.product(d.get("sku", ""), d.get("name"))),
    "ItemsImported": lambda d, n: ngettext(
        "{count} item imported from {file}", "{count} items imported from {file}", int(d.get("added", 0))).format(
        count=d.get("added", 0), file=d.get("file", "")),
    "PhotoConfirmed": lambda d, n: _("A photo was confirmed as {category}").format(category=d.get("category", "")),
    "ProductUpdated": lambda d, n: _("Details of {name} changed").format(name=n.product(d.get("sku", ""))),
    "PriceChanged": lambda d, n: _("Price of {name} changed from {old} to {new}").format(
        name=n.product(d.get("sku", "")), old=format_inr(d.get("old_price_paise", 0)),
        new=format_inr(d.get("new_price_paise", 0))),
    "StockReceived": lambda d, n: _("{qty} of {name} received (now {on_hand})").format(
        qty=n.qty(d.get("sku", ""), d.get("qty_milli", 0)), name=n.product(d.get("sku", "")),
        on_hand=n.qty(d.get("sku", ""), d.get("on_hand_milli", 0))),
    "StockAdjusted": _stock_adjusted,
    "SaleRecorded": _sale,
    "ReturnRecorded": lambda d, n: _("Return against invoice #{order}: credit note {note} for {total}").format(
        order=d.get("original_order_id", ""), note=d.get("credit_note_no", ""),
        total=format_inr(d.get("total_paise", 0))),
    "DayInvoiceIssued": lambda d, n: _("Day-end invoice {invoice} for {count} small bills of {day}: {total}").format(
        invoice=d.get("invoice_no", ""), count=d.get("bill_count", 0), day=d.get("business_date", ""),
        total=format_inr(d.get("total_paise", 0))),
    "DayClosed": lambda d, n: _("Day closed for {day} (Z report {z}); cash expected {cash}").format(
        day=d.get("business_date", ""), z=d.get("z_no", ""), cash=format_inr(d.get("expected_cash_paise", 0))),
    "OrderImported": lambda d, n: _("Order {remote_id} from {channel} for {total}").format(
        remote_id=d.get("remote_id", ""), channel=d.get("channel", ""), total=format_inr(d.get("total_paise", 0))),
    "OrderStatusChanged": lambda d, n: _("Order #{order} on {channel}: {old} → {new}").format(
        order=d.get("order_id", ""), channel=d.get("channel", ""), old=d.get("old_status", ""),
        new=d.get("new_status", "")),
    "OrderCancelled": lambda d, n: _("Order #{order} cancelled").format(order=d.get("order_id", "")),
    "FulfilmentUpdated": fulfilment_sentence,
    "OrderPartRecorded": lambda d, n: (
        _("Order #{order}: part {part} shipped ({items}) with {carrier} {tracking}") if d.get("kind") == "shipped"
        else _("Order #{order}: the units not shipped cancelled with the customer's consent ({items})")).format(
        order=d.get("order_id", ""), part=d.get("part_no", ""), items=d.get("items", ""),
        carrier=d.get("carrier", ""), tracking=d.get("tracking", "")),
    "ShipmentUpdated": lambda d, n: _("Order #{order}: parcel {awb} with {courier}, {status}").format(
        order=d.get("order_id", ""), awb=d.get("awb", ""), courier=d.get("courier", ""), status=d.get("status", "")),
    "PaymentRecorded": lambda d, n: _("Payment of {amount} received by {method}").format(
        amount=format_inr(d.get("amount_paise", 0)), method=_method(d.get("method", ""))),
    "KhataEntryAdded": _khata,
    "CustomerSaved": lambda d, n: (_("New customer: {name}") if d.get("created") else _("Customer {name} updated"))
    .format(name=n.customers.get(d.get("customer_id", 0)) or d.get("name", "")),
    "SupplierSaved": lambda d, n: (_("New supplier: {name}") if d.get("created") else _("Supplier {name} updated"))
    .format(name=d.get("name", "")),
    "SupplierProductLinked": lambda d, n: _("{supplier} now supplies {name}").format(
        supplier=n.supplier(d.get("supplier_id", 0)), name=n.product(d.get("sku", ""))),
    "SupplierPaid": lambda d, n: _("Paid {amount} to {supplier} by {method}").format(
        amount=format_inr(d.get("amount_paise", 0)), supplier=n.supplier(d.get("supplier_id", 0)),
        method=_method(d.get("method", ""))),
    "PurchaseOrderCreated": lambda d, n: _("Purchase order {po} for {total} made for {supplier}").format(
        po=d.get("po_no", ""), total=format_inr(d.get("total_paise", 0)), supplier=n.supplier(d.get("supplier_id", 0))),
    "PurchaseOrderSent": lambda d, n: _("Purchase order {po} sent by {via}").format(
        po=d.get("po_no", ""), via=d.get("via", "")),
    "PurchaseOrderReceived": lambda d, n: (
        _("Purchase order {po} received in full") if d.get("complete") else _("Purchase order {po} partly received")
    ).format(po=d.get("po_no", "")),
    "PurchaseOrderCancelled": lambda d, n: _("Purchase order {po} cancelled").format(po=d.get("po_no", "")),
    "GoalSaved": lambda d, n: (_("New goal: {goal}") if d.get("created") else _("Goal updated: {goal}")).format(
        goal=d.get("description", "")),
    "DecisionRecorded": _decision_recorded,
    "DecisionStatusChanged": lambda d, n: _("A decision of the {agent} is now: {status}").format(
        agent=agent_name(d.get("agent", "")), status=status_text(d.get("new_status", ""))),
    "DecisionEvaluated": lambda d, n: _("The {agent} compared {what} with what really happened").format(
        agent=agent_name(d.get("agent", "")), what=decision_text(d.get("decision_type", ""))),
    "BeliefUpdated": _belief,
    # the summary is kept as message and values (issue 14), so it reads in the language of the moment
    "ApprovalRequested": lambda d, n: _("Waiting for your approval: {summary}").format(
        summary=text_of(str(d.get("summary", "")))),
    "ApprovalDecided": lambda d, n: {
        "approved": _("A request was approved"), "rejected": _("A request was turned down"),
        "expired": _("A request lapsed unanswered")}.get(d.get("status", ""), _("A request was answered")),
    "CompetitorPriceSeen": lambda d, n: _("{name} seen at {price} at {source}").format(
        name=n.product(d.get("sku", "")), price=format_inr(d.get("price_paise", 0)), source=d.get("source", "")),
    "PromotionSaved": lambda d, n: _("Offer price of {name}: {price} from {start} to {end} ({status})").format(
        name=n.product(d.get("sku", "")), price=format_inr(d.get("price_paise", 0)), start=d.get("starts_on", ""),
        end=d.get("ends_on", ""), status=status_text(d.get("status", ""))),
    "PlanCreated": lambda d, n: _("A plan was made for a goal"),
    "GoalProgressMeasured": lambda d, n: _("Goal progress was measured"),
    "AgentRunFinished": _agent_run,
    "AgentBreakerChanged": lambda d, n: _("The {agent} is {state}").format(
        agent=agent_name(d.get("agent", "")), state=breaker_text(d.get("state", ""))),
    "AlertRaised": lambda d, n: _("Alert: {message}").format(message=text_of(str(d.get("message", "")))),
    "AlertResolved": lambda d, n: _("An alert was cleared"),
    "StockDayRecorded": lambda d, n: _("The day's stock picture was recorded"),
    "ShopCheckFailed": lambda d, n: _("A check found damage in the shop's data file."),
    "ConsentRecorded": lambda d, n: (_("{name} agreed to get offers on WhatsApp") if d.get("granted") else _(
        "{name} asked for no more offers")).format(name=n.customers.get(d.get("customer_id", 0)) or ""),
    "CampaignSaved": lambda d, n: _("Campaign {id} for {name}: {status}").format(
        id=d.get("campaign_id", ""), name=n.product(d.get("sku", "")), status=d.get("status", "")),
    "CampaignSent": lambda d, n: _("Campaign {id}: {count} messages ready, costing {cost}").format(
        id=d.get("campaign_id", ""), count=d.get("messages", 0), cost=format_inr(d.get("cost_paise", 0))),
    "CampaignRedeemed": lambda d, n: _("Code {code} of campaign {id} used on a bill of {total}").format(
        code=d.get("code", ""), id=d.get("campaign_id", ""), total=format_inr(d.get("total_paise", 0))),
    "CampaignPosted": lambda d, n: (
        _("Offer {code} of campaign {id} queued for the shop's Instagram (after its Facebook page)")
        if d.get("channel") == "instagram" else
        _("Offer {code} of campaign {id} queued for the shop's Google profile") if d.get("channel") == "google" else
        _("Offer {code} of campaign {id} queued for the shop's Facebook page")).format(
        code=d.get("code", ""), id=d.get("campaign_id", "")),
    "AdBudgetSet": lambda d, n: (_("Sponsored ads for {sku} on Amazon: {daily} a day").format(
        sku=d.get("sku", ""), daily=format_inr(int(d.get("daily_paise", 0)))) if d.get("daily_paise") else
        _("Sponsored ads for {sku} on Amazon stopped").format(sku=d.get("sku", ""))),
    "MessageReceipts": lambda d, n: _("WhatsApp reported offers delivered: {delivered}, read: {read}, failed: "
                                      "{failed}").format(delivered=d.get("delivered", 0), read=d.get("read", 0),
                                                         failed=d.get("failed", 0)),
    "BackupCopied": lambda d, n: (_("A copy of the backup was saved in {place}") if d.get("state") == "copied" else _(
        "The backup could not be copied to {place}")).format(place=d.get("place", "")),
    # exports (docs/trade.md)
    "LutRecorded": lambda d, n: _("LUT for {fy} recorded (ARN {arn})").format(fy=d.get("fy", ""), arn=d.get("arn", "")),
    "ExportInvoiced": lambda d, n: _("Export invoice {no} to {country}: {total}").format(
        no=d.get("invoice_no", ""), country=d.get("country", ""), total=format_inr(d.get("total_paise", 0))),
    "ExportPackagesSaved": lambda d, n: _("{count} package(s) recorded for export order {id}").format(
        count=d.get("packages", 0), id=d.get("order_id", "")),
    "ExportCarriageSaved": lambda d, n: _("Freight {freight} and insurance {insurance} recorded for export order {id}"
                                          ).format(freight=format_inr(d.get("freight_paise", 0)),
                                                   insurance=format_inr(d.get("insurance_paise", 0)),
                                                   id=d.get("order_id", "")),
    "ExportProofRecorded": lambda d, n: _("Proof of export {no} of {day} recorded for order {id}").format(
        no=d.get("number", ""), day=d.get("on", ""), id=d.get("order_id", "")),
    "ExportOrderPlaced": lambda d, n: (_("Export order {id} for {buyer} ({country}): holding {units} unit(s) is "
                                         "proposed to the agents") if d.get("hold_pending") else
                                       _("Export order {id} for {buyer} ({country}): {units} unit(s) held")).format(
        id=d.get("export_order_id", ""), buyer=d.get("buyer_name", ""), country=d.get("country", ""),
        units=d.get("units", 0)),
    "ExportOrderHeld": lambda d, n: _("Export order {id}: {units} unit(s) held, as the agents decided").format(
        id=d.get("export_order_id", ""), units=d.get("units", 0)),
    "ExportOrderCancelled": lambda d, n: _("Export order {id} cancelled: its units can be sold again").format(
        id=d.get("export_order_id", "")),
}


def describe(row: EventRow, names: Names) -> str:
    """The event as one sentence, ending with who did it."""
    sentence = SENTENCES.get(row.type)
    data = data_of(row)
    what = sentence(data, names) if sentence else _("{event} ({subject})").format(
        event=row.type, subject=f"{row.subject_type} {row.subject_id}".strip())
    return _("{what} — by {actor}").format(what=what, actor=actor_text(row.actor))


def reasons_for(store: Store, rows: list[EventRow]) -> dict[int, str]:
    """Why each event happened, by event id, in the language the seller reads now. An agent's event gives its
    decision's reasons, which are kept as message and values (the event's own reason is them as English text, cut
    at 500 characters, and for a request that waits, that cut is the middle of the kept message); anything else
    gives the reason it was written with."""
    db = store.db()
    decided: dict[int, str] = {}
    out: dict[int, str] = {}
    for row in rows:
        if row.type == "AgentRunFinished":  # its reason is the word that started the run
            out[row.id] = _trigger(row.reason or "")
        elif row.decision_id is not None and row.actor.startswith("agent:"):
            if row.decision_id not in decided:
                decision = decision_store.decision(db, row.decision_id)
                decided[row.decision_id] = ("; ".join(decision.reasoning) if decision is not None
                                            else text_of(row.reason or ""))
            out[row.id] = decided[row.decision_id]
        else:
            out[row.id] = text_of(row.reason or "")
    return out


def _trigger(word: str) -> str:
    return {"cycle": _("regular round"), "daily": _("daily round"), "manual": _("started by hand"),
            "": ""}.get(word, _("its own schedule"))


def names_for(store: Store, rows: list[EventRow], lang: str) -> Names:
    """Look up, once per page, every product, customer and supplier the sentences name (any thread)."""
    db = store.db()
    skus, customer_ids, supplier_ids = referenced(rows)
    customers = {}
    for customer_id in customer_ids:
        customer = parties.get_customer(db, customer_id)
        if customer is not None:
            customers[customer_id] = customer.name_hi if lang == "hi" and customer.name_hi else customer.name
    suppliers = {}
    for supplier_id in supplier_ids:
        supplier = parties.get_supplier(db, supplier_id)
        if supplier is not None:
            suppliers[supplier_id] = supplier.name
    return Names(products=catalog.get_many(db, sorted(skus)), customers=customers, suppliers=suppliers,
                 language=lang)
