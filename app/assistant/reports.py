"""Answers to questions: sales, stock, what is running out, khata, orders, offers, goals, sync.

Each function reads the shop (never writes) and returns an :class:`~app.assistant.reply.Answer` in the
language of the seller's message, with a small table or chart where a list or a trend helps.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from app.assistant import operations
from app.assistant.periods import LABELS, goal_span, report_span
from app.assistant.phrases import channel_name, day, percent, quantity, rupees, tr
from app.assistant.reply import Answer, Button, Chart, Table
from app.assistant.text import HI
from app.domain.records import Product
from app.services.context import ServiceContext
from app.store import catalog as catalog_store
from app.store import goals as goal_store
from app.store import market as market_store
from app.store import orders as order_store
from app.store import outbox, parties, sales_history
from app.store import purchasing as po_store
from app.store import reports as reads
from app.store import stock as stock_store

COLUMNS = {
    "item": tr("Item", "Item"), "qty": tr("Qty", "Qty"), "amount": tr("Amount", "Rakam"),
    "stock": tr("In stock", "Stock"), "reorder_at": tr("Reorder at", "Reorder at"),
    "on_order": tr("On order", "Order me"), "customer": tr("Customer", "Grahak"), "owes": tr("Owes", "Baki"),
    "offer": tr("Offer price", "Offer daam"), "from": tr("From", "Se"), "to": tr("To", "Tak"),
    "sold": tr("Sold", "Bika"), "before": tr("Before", "Pehle"), "goal": tr("Goal", "Goal"),
    "target": tr("Target", "Target"), "so_far": tr("So far", "Ab tak"), "status": tr("Status", "Status"),
    "order": tr("Order", "Order"), "day": tr("Day", "Din"), "channel": tr("Channel", "Channel"),
    "waiting": tr("Waiting", "Baki"), "failed": tr("Failed", "Fail"),
}


def col(lang: str, *names: str) -> list[str]:
    return [COLUMNS[n].text(lang) for n in names]


def item_name(product: Product, lang: str) -> str:
    return product.name("hi" if lang == HI else "en")


def qty(milli: int, unit: str, lang: str = "en") -> str:
    return quantity(milli, unit, lang)


def ask_button(label: str, text: str) -> Button:
    return Button(id=f"ask:{text}", label=label, kind="ask")


# --- sales -------------------------------------------------------------------------------------
def sales_report(ctx: ServiceContext, lang: str, slots: dict[str, Any]) -> Answer:
    db = ctx.store.db()
    today = ctx.today()
    span = report_span(slots.get("period"), today)
    label = span.label(lang)
    start, end = span.start.isoformat(), span.end.isoformat()
    if slots.get("product"):
        product = catalog_store.get(db, slots["product"])
        if product is not None:
            sold, amount, bills = sales_history.item_sales_total(db, product.sku, start, end)
            text = tr("{item}: {qty} sold {period}, for {amount} ({bills} bills).",
                      "{item}: {period} {qty} bike, {amount} ke ({bills} bill).").say(
                lang, item=item_name(product, lang), qty=qty(sold, product.unit, lang), period=label,
                amount=rupees(amount), bills=bills)
            return Answer(text)
    bills, total = reads.sales_between(db, start, end)
    text = tr("Sales {period}: {amount} from {bills} bills.", "{period} ki bikri: {amount}, {bills} bill.").say(
        lang, period=label, amount=rupees(total, exact=False), bills=bills)
    previous = span.previous()
    _pb, before = reads.sales_between(db, previous.start.isoformat(), previous.end.isoformat())
    if before > 0 and span.key != "today":
        change = (total - before) * 100 / before
        if previous.days == 1:
            phrase = tr("That is {pct} more than the day before.", "Usse pichle din se {pct} zyada.") if change >= 0 \
                else tr("That is {pct} less than the day before.", "Usse pichle din se {pct} kam.")
        else:
            phrase = tr("That is {pct} more than the {days} days before.",
                        "Usse pehle ke {days} din se {pct} zyada.") if change >= 0 else tr(
                "That is {pct} less than the {days} days before.", "Usse pehle ke {days} din se {pct} kam.")
        text += " " + phrase.say(lang, pct=percent(abs(change)), days=previous.days)
    elif span.key == "today" and before > 0:
        text += " " + tr("Yesterday: {amount}.", "Kal: {amount}.").say(lang, amount=rupees(before, exact=False))
    top = reads.top_items(db, start, end, limit=5)
    table = None
    if top:
        products = catalog_store.get_many(db, [row[0] for row in top])
        rows = []
        for sku, name, sold, amount in top:
            product = products.get(sku)
            rows.append([item_name(product, lang) if product else name,
                         qty(sold, product.unit if product else "pcs", lang), rupees(amount)])
        table = Table(col(lang, "item", "sold", "amount"), rows, ["l", "r", "r"])
    chart = None
    if 2 <= span.days <= 31:
        by_day = reads.sales_by_day(db, start, end)
        days = [span.start + timedelta(days=i) for i in range(span.days)]
        chart = Chart(tr("Sales by day", "Roz ki bikri").text(lang), [f"{d:%d}" for d in days],
                      [by_day.get(d.isoformat(), 0) / 100 for d in days])
    buttons = []
    if span.key == "today":
        buttons.append(ask_button(tr("Yesterday", "Kal").text(lang), LABELS["yesterday"].text(lang) + "?"))
    return Answer(text, buttons=buttons, table=table, chart=chart)


# --- stock -------------------------------------------------------------------------------------
def days_left(db, product: Product, today: date, on_hand: int) -> float | None:
    rate = reads.daily_rate(db, product.sku, (today - timedelta(days=28)).isoformat(),
                            (today - timedelta(days=1)).isoformat(), 28)
    return on_hand / rate if rate > 0 else None


def stock_query(ctx: ServiceContext, lang: str, slots: dict[str, Any]) -> Answer:
    db = ctx.store.db()
    product = catalog_store.get(db, slots["product"])
    assert product is not None
    on_hand = stock_store.on_hand(db, product.sku)
    name = item_name(product, lang)
    if on_hand <= 0:
        text = tr("{item} is out of stock.", "{item} khatam hai, stock nahi hai.").say(lang, item=name)
    else:
        text = tr("{item}: {qty} in stock.", "{item}: {qty} stock me hai.").say(
            lang, item=name, qty=qty(on_hand, product.unit, lang))
        left = days_left(db, product, ctx.today(), on_hand)
        if left is not None:
            text += " " + tr("At the usual pace that is about {days} days.",
                             "Roz ki bikri se lagbhag {days} din chalega."
                             ).say(lang, days=max(1, round(left)))
    ordered = po_store.on_order(db, product.sku)
    if ordered:
        text += " " + tr("{qty} more on order.", "{qty} aur order me hai.").say(
            lang, qty=qty(ordered, product.unit, lang))
    buttons = []
    if product.reorder_point_milli and on_hand <= product.reorder_point_milli and not ordered:
        text += " " + tr("It is at or below its reorder level ({level}).", "Reorder level ({level}) tak aa gaya hai."
                         ).say(lang, level=qty(product.reorder_point_milli, product.unit, lang))
        buttons.append(ask_button(tr("Reorder", "Order karo").text(lang), f"reorder {product.sku}"))
    return Answer(text, buttons=buttons)


def low_stock(ctx: ServiceContext, lang: str, slots: dict[str, Any]) -> Answer:
    db = ctx.store.db()
    rows = stock_store.low_stock(db, limit=200)
    products = catalog_store.get_many(db, [r[0] for r in rows])
    category = slots.get("category")
    found = [(products[sku], on_hand, point) for sku, on_hand, point in rows if sku in products
             and (category is None or products[sku].category == category)]
    if not found:
        return Answer(tr("Nothing is running low: every item is above its reorder level.",
                         "Kuch kam nahi hai: sab item reorder level se upar hai.").text(lang))
    found.sort(key=lambda r: (r[1] > 0, r[1] / max(r[2], 1)))
    out = sum(1 for _p, on_hand, _r in found if on_hand <= 0)
    text = tr("{n} items are at or below their reorder level ({out} out of stock).",
              "{n} item reorder level tak aa gaye hai ({out} khatam).").say(lang, n=len(found), out=out)
    table_rows = []
    for product, on_hand, point in found[:12]:
        ordered = po_store.on_order(db, product.sku)
        table_rows.append([item_name(product, lang), qty(on_hand, product.unit, lang), qty(point, product.unit, lang),
                           qty(ordered, product.unit, lang) if ordered else "-"])
    table = Table(col(lang, "item", "stock", "reorder_at", "on_order"), table_rows, ["l", "r", "r", "r"])
    buttons = [Button(id="ask:reorder-low", label=tr("Reorder these", "Ye sab order karo").text(lang), kind="ask")]
    return Answer(text, buttons=buttons, table=table)


# --- khata -------------------------------------------------------------------------------------
def khata_balance(ctx: ServiceContext, lang: str, slots: dict[str, Any]) -> Answer:
    db = ctx.store.db()
    if slots.get("customer"):
        customer = next((c for c in parties.find_customers(db, slots["customer"], limit=5)
                         if c.name == slots["customer"]), None)
        if customer is not None:
            name = customer.name_hi if lang == HI and customer.name_hi else customer.name
            if customer.khata_balance_paise > 0:
                text = tr("{name} owes {amount} (credit limit {limit}).",
                          "{name} ka {amount} baki hai (limit {limit}).").say(
                    lang, name=name, amount=rupees(customer.khata_balance_paise),
                    limit=rupees(customer.credit_limit_paise))
                last = next((e for e in parties.khata_entries(db, customer.id, limit=50) if e.amount_paise < 0), None)
                if last is not None:
                    text += " " + tr("Last payment {amount} on {day}.", "Aakhri payment {amount}, {day} ko.").say(
                        lang, amount=rupees(-last.amount_paise), day=last.at[:10])
            else:
                text = tr("{name} owes nothing.", "{name} ka kuch baki nahi hai.").say(lang, name=name)
            return Answer(text)
    debtors = parties.debtors(db, limit=10)
    total = parties.khata_total(db)
    if not debtors:
        return Answer(tr("Nobody owes you money.", "Kisi ka udhaar baki nahi hai.").text(lang))
    text = tr("{n} customers owe you {total} in all.", "{n} grahakon ka kul {total} udhaar baki hai.").say(
        lang, n=len(parties.debtors(db, limit=100_000)), total=rupees(total, exact=False))
    rows = [[c.name_hi if lang == HI and c.name_hi else c.name, rupees(c.khata_balance_paise)] for c in debtors]
    return Answer(text, table=Table(col(lang, "customer", "owes"), rows, ["l", "r"]))


# --- orders ------------------------------------------------------------------------------------
ORDER_STATES = {
    "pending": tr("waiting to be accepted", "accept hona baki"), "accepted": tr("accepted", "accept ho gaya"),
    "packed": tr("packed", "pack ho gaya"), "shipped": tr("shipped", "bhej diya"),
    "delivered": tr("delivered", "pahunch gaya"), "cancelled": tr("cancelled", "cancel ho gaya"),
    "completed": tr("completed", "poora hua"), "returned": tr("returned", "wapas aaya"),
    "draft": tr("a draft, not sent yet",
                "draft, abhi bheja nahi"), "sent": tr("sent to the supplier", "supplier ko bheja"),
    "partly_received": tr("partly received", "thoda maal aaya"), "received": tr("received", "maal aa gaya"),
}


def _state(status: str, lang: str) -> str:
    phrase = ORDER_STATES.get(status)
    return phrase.text(lang) if phrase else status


def order_status(ctx: ServiceContext, lang: str, slots: dict[str, Any]) -> Answer:
    db = ctx.store.db()
    ref = slots.get("order_id")
    if ref:
        po = po_store.by_number(db, ref) if "/" in ref and ref.upper().startswith("PO") else None
        if po is None and ref.isdigit() and not order_store.get(db, int(ref), with_lines=False):
            po = po_store.get(db, int(ref))
        if po is not None:
            supplier = parties.get_supplier(db, po.supplier_id)
            text = tr("Purchase order {no} to {supplier} ({amount}) is {status}.",
                      "Purchase order {no} ({supplier}, {amount}): {status}.").say(
                lang, no=po.po_no, supplier=supplier.name if supplier else "-", amount=rupees(po.total_paise),
                status=_state(po.status, lang))
            if po.status in ("sent", "partly_received") and po.expected_on:
                text += " " + tr("Expected on {day}.", "{day} tak aana chahiye.").say(lang, day=po.expected_on)
            return Answer(text)
        order = None
        if ref.isdigit():
            order = order_store.get(db, int(ref), with_lines=False)
        if order is None:
            order = reads.order_by_remote(db, ref) or order_store.by_invoice(db, ref)
        if order is None:
            return Answer(tr("I found no order {ref}.", "Order {ref} nahi mila.").say(lang, ref=ref),
                          buttons=[ask_button(tr("Open orders", "Khule order").text(lang), "pending orders")])
        where = channel_name(order.channel) if order.channel != "counter" else tr("the counter", "counter").text(lang)
        text = tr("Order {ref} ({where}, {amount}) is {status}.", "Order {ref} ({where}, {amount}): {status}.").say(
            lang, ref=order.remote_id or order.invoice_no or order.id, where=where, amount=rupees(order.total_paise),
            status=_state(order.status, lang))
        return Answer(text)
    online = reads.open_marketplace_orders(db)
    pos = [p for p in po_store.open_orders(db) if p.status != "draft"]
    waiting = operations.orders_waiting(ctx, lang)  # "how many orders wait / ship by today": the order board
    if waiting is not None:
        if pos:
            waiting.text += " " + tr("{pos} purchase orders are on their way from suppliers.",
                                     "{pos} purchase order supplier se raste me hai.").say(lang, pos=len(pos))
        return waiting
    if not online and not pos:
        return Answer(tr("No orders are open: nothing to pack and nothing on its way from suppliers.",
                         "Koi order khula nahi hai.").text(lang))
    rows = [[o.remote_id or str(o.id), channel_name(o.channel), _state(o.status, lang), rupees(o.total_paise)]
            for o in online]
    for po in pos:
        supplier = parties.get_supplier(db, po.supplier_id)
        rows.append([po.po_no, supplier.name if supplier else "-", _state(po.status, lang), rupees(po.total_paise)])
    text = tr("{online} online orders open and {pos} purchase orders on their way.",
              "{online} online order khule hai aur {pos} purchase order raste me hai.").say(
        lang, online=len(online), pos=len(pos))
    return Answer(text, table=Table(col(lang, "order", "channel", "status", "amount"), rows, ["l", "l", "l", "r"]))


# --- offers ------------------------------------------------------------------------------------
def campaign_report(ctx: ServiceContext, lang: str, slots: dict[str, Any]) -> Answer:
    db = ctx.store.db()
    today = ctx.today()
    promos = market_store.open_promotions(db)
    if slots.get("product"):
        promos = [p for p in promos if p.sku == slots["product"]] or \
            [p for p in market_store.promotions(db, sku=slots["product"], limit=1)]
    elif slots.get("category"):
        skus = {p.sku for p in catalog_store.list_products(db, category=slots["category"], limit=5000)}
        promos = [p for p in promos if p.sku in skus]
    campaigns = operations.campaigns_answer(ctx, lang, slots)  # the marketing agent's campaigns, beside offers
    if not promos:
        if campaigns is not None:
            return Answer(campaigns[0], table=campaigns[1])
        return Answer(tr("No offers are running.", "Abhi koi offer nahi chal raha.").text(lang),
                      buttons=[ask_button(tr("Start an offer", "Offer lagao").text(lang), "start an offer")])
    products = catalog_store.get_many(db, [p.sku for p in promos])
    rows = []
    better = 0
    for promo in promos[:12]:
        product = products.get(promo.sku)
        unit = product.unit if product else "pcs"
        start = date.fromisoformat(promo.starts_on)
        end = min(date.fromisoformat(promo.ends_on), today)
        if promo.status == "planned" or end < start:
            sold_text, before_text = "-", "-"
        else:
            days = (end - start).days + 1
            sold, _a, _b = sales_history.item_sales_total(db, promo.sku, start.isoformat(), end.isoformat())
            before, _a, _b = sales_history.item_sales_total(db, promo.sku, (start - timedelta(days=days)).isoformat(),
                                              (start - timedelta(days=1)).isoformat())
            better += sold > before
            sold_text, before_text = qty(sold, unit, lang), qty(before, unit, lang)
        rows.append([item_name(product, lang) if product else promo.sku, rupees(promo.price_paise), promo.starts_on[5:],
                     promo.ends_on[5:], sold_text, before_text])
    text = tr("{n} offers running or planned; {better} sell more than in the same number of days before.",
              "{n} offer chal rahe ya lagne wale hai; {better} me pehle se zyada bikri hui.").say(
        lang, n=len(promos), better=better)
    table = Table(col(lang, "item", "offer", "from", "to", "sold", "before"), rows, ["l", "r", "l", "l", "r", "r"])
    if campaigns is not None:
        text += " " + campaigns[0]
    return Answer(text, table=table)


# --- goals -------------------------------------------------------------------------------------
METRIC_NAMES = {"revenue": tr("sales", "bikri"), "profit": tr("profit", "munafa"), "waste": tr("waste", "barbadi"),
                "fill_rate": tr("items in stock", "stock me item"), "margin": tr("margin", "margin"),
                "inventory_value": tr("stock value", "stock ki keemat")}


def goal_progress(ctx: ServiceContext, lang: str, slots: dict[str, Any]) -> Answer:
    db = ctx.store.db()
    today = ctx.today()
    goals = goal_store.active_goal_rows(db, today.isoformat())
    if not goals:
        return Answer(tr("You have no goal running. Tell me one, for example: grow sales 10% this month.",
                         "Abhi koi goal nahi hai. Batao, jaise: is mahine bikri 10% badhao.").text(lang))
    rows, lines = [], []
    for goal_id, description, metrics_json, starts_on, ends_on, plan_json, _priority in goals:
        plan = json.loads(plan_json) if plan_json else {}
        metrics = json.loads(metrics_json)
        start = date.fromisoformat(starts_on)
        elapsed = max(0, (min(today, date.fromisoformat(ends_on)) - start).days + 1)
        _bills, revenue = reads.sales_between(db, starts_on, today.isoformat())
        progress = goal_store.goal_progress(db, goal_id, limit=1)
        for metric in metrics:
            name = metric.get("metric", "revenue")
            milestones = [m for m in plan.get("milestones", []) if m.get("metric") == name and "cumulative_paise" in m]
            total_days = (date.fromisoformat(ends_on) - start).days + 1
            if name == "revenue" and milestones:
                target_total = milestones[-1]["cumulative_paise"]
                due_now = target_total * elapsed / max(total_days, 1)
                on_track = revenue >= 0.95 * due_now
                status = (tr("on track", "sahi raste par") if on_track else tr("behind", "peeche")).text(lang)
                rows.append([description[:40], rupees(target_total, exact=False), rupees(revenue, exact=False), status])
            elif progress:
                measured = progress[0]
                status = (tr("on track", "sahi raste par") if measured[2] else tr("behind", "peeche")).text(lang)
                rows.append([description[:40], METRIC_NAMES.get(name, METRIC_NAMES["revenue"]).text(lang), "-", status])
            else:
                rows.append([description[:40], METRIC_NAMES.get(name, METRIC_NAMES["revenue"]).text(lang), "-",
                             tr("not measured yet", "abhi napa nahi").text(lang)])
        lines.append(tr("Goal {id}: {description} ({start} to {end}, day {day}).",
                        "Goal {id}: {description} ({start} se {end}, din {day}).").say(
            lang, id=goal_id, description=description, start=day(starts_on, lang), end=day(ends_on, lang), day=elapsed))
    text = " ".join(lines[:3])
    return Answer(text, table=Table(col(lang, "goal", "target", "so_far", "status"), rows, ["l", "r", "r", "l"]))


def goal_window(key: str | None, today: date) -> tuple[date, date]:
    span = goal_span(key, today)
    return span.start, span.end


# --- sync --------------------------------------------------------------------------------------
def sync_status(ctx: ServiceContext, lang: str, slots: dict[str, Any]) -> Answer:
    db = ctx.store.db()
    counts = reads.sync_counts(db)
    channel = slots.get("channel")
    if channel:
        counts = [c for c in counts if c[0] == channel]
    waiting = sum(n for _c, status, n in counts if status not in ("failed", "dead"))
    failed = sum(n for _c, status, n in counts if status in ("failed", "dead"))
    if channel is None:
        waiting, failed = outbox.waiting_count(db), outbox.failed_count(db)
    if not waiting and not failed:
        text = tr("Everything is sent: no changes are waiting.", "Sab bhej diya, kuch baki nahi hai.").text(lang)
        last = reads.last_applied_at(db)
        if last:
            text += " " + tr("Last sent at {at}.",
                             "Aakhri baar {at} ko gaya.").say(lang, at=last[:16].replace("T", " "))
        return Answer(text)
    parts = []
    if waiting:
        parts.append(tr("{n} changes are waiting to be sent; they go out by themselves when the internet is back.",
                        "{n} badlav bhejne baki hai; internet aate hi apne aap chale jayenge.").say(lang, n=waiting))
    if failed:
        parts.append(tr("{n} failed and need a look.", "{n} fail hue, dekhna padega.").say(lang, n=failed))
    per_channel: dict[str, list[int]] = {}
    for name, status, n in counts:
        entry = per_channel.setdefault(name, [0, 0])
        entry[1 if status in ("failed", "dead") else 0] += n
    rows = [[channel_name(name), str(w), str(f)] for name, (w, f) in sorted(per_channel.items())]
    table = Table(col(lang, "channel", "waiting", "failed"), rows, ["l", "r", "r"]) if rows else None
    for name, op, entity, error in reads.sync_failures(db, limit=3):
        if channel is None or name == channel:
            parts.append(f"{channel_name(name)}: {error or op} ({op} {entity})")
    return Answer(" ".join(parts), table=table)
