"""The shop's books in the chat: profit and margin, GST on sales, a khata payment received, a new customer.

Profit is sales before tax less what the sold goods cost (each bill line keeps the item's cost when it was
sold); GST payable is the GSTR-3B figure of :mod:`app.services.gst_returns`: the sales' tax less the input tax
credit of the purchase bills recorded. A payment and a new customer are *offered* first, like every change
(see :mod:`app.assistant.actions`), and written through :mod:`app.services.khata` on the seller's yes.
"""

from __future__ import annotations

import weakref
from datetime import date
from typing import Any

from app.assistant.periods import report_span
from app.assistant.phrases import HINDI_MONTHS, percent, rupees, tr
from app.assistant.reply import Answer, Table
from app.assistant.reports import col, item_name
from app.assistant.text import HI
from app.domain import gst_summary
from app.domain.gst_returns import Period, month_period, quarter_period
from app.errors import InvalidState
from app.i18n import _
from app.services import gst_returns, khata
from app.services.context import Origin, ServiceContext
from app.store import Store, earnings, parties
from app.store import catalog as catalog_store
from app.store import gst_returns as gst_returns_store
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


def _return_period(key: str | None, today: date, store) -> tuple[Period, str | None]:
    """The GST return period a question names: a month or a quarter as the returns have them (the whole month
    or quarter: the days not yet come have no bills), other spans as they are; no period: the one to file next
    (a quarter for a QRMP or composition shop). Also the period's key for its label (None: named by its dates)."""
    if not key:
        return gst_returns.current_period(store, today), None
    span = report_span(key, today)
    if span.key in ("this_month", "last_month"):
        return month_period(span.start.year, span.start.month), span.key
    if span.key in ("this_quarter", "last_quarter"):
        return quarter_period(span.start.year, (span.start.month - 1) // 3 + 1), span.key
    return Period(span.start, span.end, f"{span.start.isoformat()}..{span.end.isoformat()}"), span.key


def _period_label(period: Period, key: str | None, today: date, lang: str) -> str:
    if key is not None:
        return report_span(key, today).label(lang)
    first, last = period.start, period.end
    def month(day: date) -> str:
        return f"{HINDI_MONTHS[day.month - 1]} {day.year}" if lang == HI else f"{day:%B %Y}"
    named = month(first) if first.month == last.month else f"{month(first)} – {month(last)}"
    return tr("for {month}", "{month} ka").say(lang, month=named)


# a period's GSTR-3B reads every bill of the period (a quarter of a busy shop: about 0.2 s): kept per shop until
# anything is recorded (every change of the books writes an event) or a bill or purchase bill is added
_GSTR3B: weakref.WeakKeyDictionary[Store, dict[tuple, gst_summary.Gstr3b]] = weakref.WeakKeyDictionary()


def _gstr3b(ctx: ServiceContext, period: Period) -> gst_summary.Gstr3b:
    mark = gst_returns_store.books_mark(ctx.store.db())
    key = (period.start, period.end, mark)
    kept = _GSTR3B.setdefault(ctx.store, {})
    if key not in kept:
        if len(kept) >= 8:
            kept.clear()
        kept[key] = gst_returns.prepare(ctx.store, period).gstr3b()
    return kept[key]


def gst_payable(ctx: ServiceContext, lang: str, slots: dict[str, Any]) -> Answer:
    """GST to pay for a period: the output tax of the sales less the input tax credit of the purchase bills
    recorded with a valid GSTIN, set off head by head as GSTR-3B does (``gst_returns``, the GST page's own
    computation); a composition shop's CMP-08 for a quarter."""
    profile = shop_store.get_profile(ctx.store.db())
    scheme = profile.gst_scheme if profile else "regular"
    if scheme == "unregistered":
        return Answer(tr("The shop is not registered for GST, so there is no GST to pay.",
                         "Dukan GST me registered nahi hai, isliye GST nahi bharna.").text(lang))
    today = ctx.today()
    period, key = _return_period(slots.get("period"), today, ctx.store)
    label = _period_label(period, key, today, lang)
    if scheme == "composition":
        if not period.is_quarter:
            period = quarter_period(period.start.year, (period.start.month - 1) // 3 + 1)
            label = _period_label(period, None, today, lang)
        paid = gst_returns.prepare(ctx.store, period).cmp08()
        return Answer(tr("GST {period} (composition, 1% of sales of {sales}): {tax}, paid with CMP-08. A "
                         "composition shop takes no input tax credit.",
                         "GST {period} (composition, {sales} bikri ka 1%): {tax}, CMP-08 se bharna. Composition "
                         "me input credit nahi milta.").say(
            lang, period=label, sales=rupees(paid.turnover_paise, exact=False),
            tax=rupees(paid.cgst_paise + paid.sgst_paise)))
    summary = _gstr3b(ctx, period)
    cash, used, left = summary.cash, summary.credit_used, summary.credit_left
    text = tr("GST {period}: tax on sales {output} (sales of {sales} before tax), less input tax credit {itc} from "
              "{bills} purchase bills: {cash} to pay in cash (CGST {cgst}, SGST {sgst}, IGST {igst}, cess {cess}).",
              "GST {period}: bikri par tax {output} (bikri {sales}, tax ke bina), kharid ke {bills} bill ka input "
              "credit {itc} ghata kar: {cash} cash me bharna (CGST {cgst}, SGST {sgst}, IGST {igst}, cess {cess})."
              ).say(lang, period=label, output=rupees(used.total + cash.total),
        sales=rupees(summary.outward.taxable_paise + summary.zero_rated.taxable_paise, exact=False),
        itc=rupees(summary.itc.total), bills=summary.itc_bills, cash=rupees(cash.total), cgst=rupees(cash.cgst),
        sgst=rupees(cash.sgst), igst=rupees(cash.igst), cess=rupees(cash.cess))
    if left.total:
        text += " " + tr("Credit left over for the next period: {left}.",
                         "Agle period ke liye bacha credit: {left}.").say(lang, left=rupees(left.total))
    if not summary.itc_bills:
        text += " " + tr("No purchase bill with the supplier's GSTIN is recorded for this period: record them on the "
                         "GST page to claim their credit.",
                         "Is period ka koi kharid bill supplier ke GSTIN ke saath nahi likha: credit ke liye GST page "
                         "par likho.").text(lang)
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
