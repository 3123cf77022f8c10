"""The shop's books in the chat: profit and margin, GST on sales, a khata payment received, a new customer.

Profit is sales before tax less what the sold goods cost (each bill line keeps the item's cost when it was
sold); GST is what the sales carried. A payment and a new customer are *offered* first, like every change
(see :mod:`app.assistant.actions`), and written through :mod:`app.services.khata` on the seller's yes.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from app.assistant.periods import report_span
from app.assistant.phrases import HINDI_MONTHS, percent, rupees, tr
from app.assistant.reply import Answer, Table
from app.assistant.reports import col, item_name
from app.assistant.text import HI
from app.errors import InvalidState
from app.i18n import _
from app.services import khata
from app.services.context import Origin, ServiceContext
from app.store import catalog as catalog_store
from app.store import earnings, parties
from app.store import shop as shop_store

KINDS = frozenset({"khata_payment", "add_customer"})


def _margin(sales: int, profit: int) -> str:
    return percent(profit * 100 / sales) if sales > 0 else "–"


def profit_report(ctx: ServiceContext, lang: str, slots: dict[str, Any]) -> Answer:
    db = ctx.store.db()
    span = report_span(slots.get("period") or ("this_month" if slots.get("product") or slots.get("category")
                                               else None), ctx.today())
    start, end, label = span.start.isoformat(), span.end.isoformat(), span.label(lang)
    product = catalog_store.get(db, slots["product"]) if slots.get("product") else None
    category = slots.get("category") if product is None else None
    sales, cost, unknown = earnings.profit_between(db, start, end, sku=product.sku if product else None,
                                                   category=category)
    profit = sales - cost
    if product is not None:
        unit_margin = product.price_paise - product.cost_paise if product.cost_paise else None
        text = tr("{item}: profit {profit} {period} on sales of {sales} before tax (margin {margin}).",
                  "{item}: {period} munafa {profit}, bikri {sales} (tax ke bina), margin {margin}.").say(
            lang, item=item_name(product, lang), profit=rupees(profit), period=label, sales=rupees(sales),
            margin=_margin(sales, profit))
        if unit_margin is not None:
            text += " " + tr("Each one earns {amount} over its cost of {cost}.",
                             "Har ek par laagat {cost} se {amount} upar.").say(
                lang, amount=rupees(unit_margin), cost=rupees(product.cost_paise))
        return Answer(text)
    if sales == 0:
        return Answer(tr("No sales {period}, so no profit yet.", "{period} koi bikri nahi, isliye munafa nahi.").say(
            lang, period=label))
    text = tr("Profit {period}: {profit} on sales of {sales} before tax (margin {margin}).",
              "{period} ka munafa: {profit}, bikri {sales} (tax ke bina), margin {margin}.").say(
        lang, period=label, profit=rupees(profit, exact=False), sales=rupees(sales, exact=False),
        margin=_margin(sales, profit))
    if unknown:
        text += " " + tr("{n} bill lines had no cost price and count as all profit.",
                         "{n} bill line me laagat nahi thi, poora munafa gina.").say(lang, n=unknown)
    rows = [[name if lang != HI else _hindi_name(db, sku, name), rupees(earned), _margin(line_sales, earned)]
            for sku, name, line_sales, earned in earnings.profit_by_item(db, start, end, category=category)]
    table = Table([*col(lang, "item"), tr("Profit", "Munafa").text(lang), tr("Margin", "Margin").text(lang)], rows,
                  ["l", "r", "r"]) if rows else None
    return Answer(text, table=table)


def _hindi_name(db, sku: str, name: str) -> str:
    product = catalog_store.get(db, sku)
    return item_name(product, HI) if product else name


def _due_month(today: date) -> tuple[date, date]:
    """The month whose GST is paid next: last month until its return is due (the 20th), then this month."""
    first = today.replace(day=1)
    if today.day <= 20:
        end = first - timedelta(days=1)
        return end.replace(day=1), end
    return first, today


def gst_payable(ctx: ServiceContext, lang: str, slots: dict[str, Any]) -> Answer:
    db = ctx.store.db()
    if slots.get("period"):
        span = report_span(slots["period"], ctx.today())
        start, end, label = span.start, span.end, span.label(lang)
    else:
        start, end = _due_month(ctx.today())
        month = f"{HINDI_MONTHS[start.month - 1]} {start.year}" if lang == HI else f"{start:%B %Y}"
        label = tr("for {month}", "{month} ka").say(lang, month=month)
    sales, local, igst, cess = earnings.gst_between(db, start.isoformat(), end.isoformat())
    profile = shop_store.get_profile(db)
    scheme = profile.gst_scheme if profile else "regular"
    if scheme == "unregistered":
        return Answer(tr("The shop is not registered for GST, so there is no GST to pay.",
                         "Dukan GST me registered nahi hai, isliye GST nahi bharna.").text(lang))
    if scheme == "composition":
        tax = (sales + 50) // 100  # 1% of turnover for a trader under composition
        return Answer(tr("GST {period} (composition, 1% of sales of {sales}): about {tax}, paid with CMP-08.",
                         "GST {period} (composition, {sales} bikri ka 1%): lagbhag {tax}, CMP-08 se bharna.").say(
            lang, period=label, sales=rupees(sales, exact=False), tax=rupees(tax)))
    total = local + igst + cess
    text = tr("GST {period} on sales of {sales}: {total} (CGST+SGST {local}, IGST {igst}, cess {cess}). "
              "Input tax credit on your purchase bills is not recorded here, so subtract it before paying.",
              "GST {period}, bikri {sales} par: {total} (CGST+SGST {local}, IGST {igst}, cess {cess}). "
              "Kharid ke bill ka input credit yahan nahi hai, bharne se pehle wo ghatao.").say(
        lang, period=label, sales=rupees(sales, exact=False), total=rupees(total), local=rupees(local),
        igst=rupees(igst), cess=rupees(cess))
    return Answer(text)


def customer_named(ctx: ServiceContext, name: str):
    return next((c for c in parties.find_customers(ctx.store.db(), name, limit=5) if c.name == name), None)


def offer_payment(ctx: ServiceContext, lang: str, slots: dict[str, Any]):
    """A payment received on a customer's khata, to confirm."""
    from app.assistant.offers import Offer

    customer = customer_named(ctx, slots["customer"])
    if customer is None:
        return tr("I do not know a customer called {name}.", "{name} naam ka grahak nahi mila.").say(
            lang, name=slots["customer"])
    amount = int(slots["amount"])
    name = customer.name_hi if lang == HI and customer.name_hi else customer.name
    summary = tr("Record {amount} received from {name}? Their khata goes from {before} to {after}.",
                 "{name} se {amount} mile, likh doon? Khata {before} se {after} ho jayega.").say(
        lang, amount=rupees(amount), name=name, before=rupees(customer.khata_balance_paise),
        after=rupees(customer.khata_balance_paise - amount))
    if amount > max(customer.khata_balance_paise, 0):
        summary += " " + tr("That is more than they owe; the rest stays as an advance.",
                            "Ye baki se zyada hai; bacha hua advance rahega.").text(lang)
    return Offer("khata_payment", {"customer_id": customer.id, "amount_paise": amount,
                                   "balance_paise": customer.khata_balance_paise}, summary,
                 tr("Record payment", "Payment likho").text(lang))


def offer_customer(ctx: ServiceContext, lang: str, slots: dict[str, Any]):
    from app.assistant.offers import Offer

    name, phone = slots["customer"], slots.get("phone")
    if customer_named(ctx, name) is not None:
        return tr("{name} is already a customer.", "{name} pehle se grahak hai.").say(lang, name=name)
    summary = (tr("Add the customer {name} ({phone})?", "Naya grahak {name} ({phone}) jodun?") if phone else
               tr("Add the customer {name}?", "Naya grahak {name} jodun?")).say(lang, name=name, phone=phone)
    return Offer("add_customer", {"name": name, "phone": phone or ""}, summary,
                 tr("Add customer", "Grahak jodo").text(lang))


def carry_out(ctx: ServiceContext, kind: str, params: dict[str, Any], lang: str, origin: Origin):
    from app.assistant.offers import Done

    if kind == "khata_payment":
        customer = khata.get_customer(ctx.store.db(), int(params["customer_id"]))
        if customer.khata_balance_paise != params["balance_paise"]:
            raise InvalidState(_("The khata changed since I asked; ask me again."))
        changes = khata.receive_payment(ctx, customer.id, int(params["amount_paise"]), confirmed=True, origin=origin)
        after = khata.get_customer(ctx.store.db(), customer.id).khata_balance_paise
        return Done(tr("Done: {amount} received from {name}; the khata now shows {after}.",
                       "Ho gaya: {name} se {amount} mile; ab khata {after}.").say(
            lang, amount=rupees(int(params["amount_paise"])), name=customer.name, after=rupees(after)),
            {"payment_id": changes.id})
    if kind == "add_customer":
        details = {"phone": params["phone"]} if params.get("phone") else {}
        created = khata.create_customer(ctx, name=params["name"], origin=origin, **details)
        return Done(tr("Done: {name} is added as a customer.", "Ho gaya: {name} grahak ban gaye.").say(
            lang, name=params["name"]), {"customer_id": created.id})
    raise ValueError(f"unknown action {kind}")
