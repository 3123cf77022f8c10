"""Changes the assistant makes for the seller: offered first, carried out only when allowed.

A command ("Maggi ka daam 2 rupay kam karo", "reorder Tata salt", "10% off on biscuits") becomes an
:class:`Offer`: what exactly would happen, in the seller's words, with the numbers checked (never above
the MRP, a price below cost said out loud, the supplier's minimums). :func:`carry_out` is the only code of
the assistant that changes the shop through the services, and it runs only for an offer the seller
confirmed in this conversation, or, for a clear, small change (within the agents' autonomy limits) when
the shop lets the assistant act within its limits (``assistant.autonomy``). Every offer and what became of
it is kept in ``assistant_action``; a done change can be undone.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta
from typing import Any

from app import config
from app.assistant.offers import Done, Offer
from app.assistant.periods import goal_span
from app.assistant.phrases import channel_name, day, percent, rupees, tr
from app.assistant.reports import METRIC_NAMES, item_name, qty
from app.domain.money import div_round
from app.domain.qty import MILLI
from app.domain.records import Product
from app.errors import AppError, InvalidState
from app.i18n import _
from app.services import catalog, goals, market, purchasing
from app.services import settings as shop_settings
from app.services.context import Origin, ServiceContext
from app.services.purchasing import PoLine
from app.store import catalog as catalog_store
from app.store import parties
from app.store import stock as stock_store

log = logging.getLogger(__name__)

OFFER_MINUTES = 15
DEFAULT_OFFER_DAYS = 7


def autonomy_allowed(ctx: ServiceContext) -> bool:
    return shop_settings.get(ctx.store, config.ASSISTANT_AUTONOMY) == "within_limits"


FAR_BELOW = 3  # a new price under a third of the old one is asked again


def round_price(paise: int) -> int:
    """To the nearest 50 paise, as shelf prices are."""
    return max(50, div_round(paise, 50) * 50)


# --- price -------------------------------------------------------------------------------------
def offer_price(ctx: ServiceContext, lang: str, product: Product, slots: dict[str, Any], *,
                sure: bool) -> Offer | str:
    """The new price the seller asked for, checked; or a sentence saying why it cannot be."""
    old = product.price_paise
    direction = slots.get("direction")
    if "percent" in slots:
        step = div_round(old * round(float(slots["percent"]) * 100), 10_000)
        new = round_price(old + step if direction == "up" else old - step)
    elif direction == "up":
        new = old + int(slots["amount"])
    elif direction == "down":
        new = old - int(slots["amount"])
    else:
        new = int(slots["amount"])
    name = item_name(product, lang)
    if new <= 0:
        return tr("{item} cannot cost {price}.", "{item} ka daam {price} nahi ho sakta.").say(
            lang, item=name, price=rupees(new))
    if new == old:
        return tr("{item} already costs {price}.", "{item} pehle se {price} ka hai.").say(lang, item=name,
                                                                                          price=rupees(old))
    if new * FAR_BELOW < old or (product.cost_paise and new * 2 < product.cost_paise):
        # two thirds off, or under half the cost: a misheard number far more often than a price (the gate's
        # bounds know no item; "is9 l 4" once became Fortune oil at Rs 4), so it is asked again, never offered
        return tr("{price} does not look right for {item}, which sells at {old} and costs you {cost}. Please say the "
                  "new price again.",
                  "{item} ke liye {price} sahi nahi lagta: abhi {old} me bikta hai, laagat {cost} hai. Naya daam "
                  "phir se batao.").say(lang, item=name, price=rupees(new), old=rupees(old),
                                        cost=rupees(product.cost_paise))
    if product.mrp_paise is not None and new > product.mrp_paise:
        return tr("{item} cannot be sold above its MRP of {mrp}; {price} is more than that.",
                  "{item} MRP {mrp} se zyada me nahi bik sakta; {price} zyada hai.").say(
            lang, item=name, mrp=rupees(product.mrp_paise), price=rupees(new))
    notes = []
    below_cost = product.cost_paise and new < product.cost_paise
    if below_cost:
        notes.append(tr("That is below your cost of {cost}: you lose {loss} on each one.",
                        "Ye aapki laagat {cost} se kam hai: har ek par {loss} ka nuksaan.").say(
            lang, cost=rupees(product.cost_paise), loss=rupees(product.cost_paise - new)))
    limit_bp = shop_settings.get(ctx.store, config.AGENT_MAX_PRICE_CHANGE_BP)
    small = abs(new - old) * 10_000 <= limit_bp * old
    summary = tr("Change the price of {item} from {old} to {new}?", "{item} ka daam {old} se {new} kar doon?").say(
        lang, item=name, old=rupees(old), new=rupees(new))
    return Offer("change_price", {"sku": product.sku, "old_price_paise": old, "price_paise": new,
                                  "below_cost": bool(below_cost)},
                 " ".join([summary, *notes]), tr("Change price", "Daam badlo").text(lang),
                 within_limits=sure and small and not below_cost, notes=notes)


# --- purchase orders ---------------------------------------------------------------------------
def order_quantity(product: Product, slots: dict[str, Any], case_milli: int, moq_milli: int) -> int:
    """What to order: the seller's number (a count of the item, or of cases/boxes), else the item's reorder
    quantity, else enough for two reorder levels; then whole cases and the supplier's minimum."""
    text = slots.get("quantity")
    if text:
        number, _sep, unit = str(text).partition(" ")
        value = float(number)
        if unit == "box" and case_milli > MILLI:
            milli = int(value * case_milli)
        elif unit == "dozen":
            milli = int(value * 12 * MILLI)
        elif unit in ("kg", "g", "l", "ml") and product.unit in ("kg", "l"):
            milli = int(value * (MILLI if unit in ("kg", "l") else 1))
        else:
            milli = int(value * MILLI)
        return max(milli, MILLI if product.unit not in ("kg", "l") else 1)
    milli = product.reorder_qty_milli or 2 * product.reorder_point_milli or case_milli or 10 * MILLI
    if case_milli > MILLI:
        milli = -(-milli // case_milli) * case_milli
    return max(milli, moq_milli, MILLI)


def offer_reorder(ctx: ServiceContext, lang: str, products: list[tuple[Product, dict[str, Any]]], *,
                  sure: bool) -> Offer | str:
    """A purchase order (one per supplier is too many questions: the first supplier's items go in one)."""
    db = ctx.store.db()
    by_supplier: dict[int, list[tuple[Product, int, int]]] = {}
    missing = []
    for product, slots in products:
        links = parties.suppliers_of(db, product.sku)
        supplier_id = product.preferred_supplier_id or (links[0].supplier_id if links else None)
        if supplier_id is None:
            missing.append(item_name(product, lang))
            continue
        link = next((x for x in links if x.supplier_id == supplier_id), None)
        quantity = order_quantity(product, slots, link.case_size_milli if link else MILLI,
                                  link.moq_milli if link else 0)
        cost = link.cost_paise if link and link.cost_paise is not None else product.cost_paise
        by_supplier.setdefault(supplier_id, []).append((product, quantity, cost))
    if not by_supplier:
        return tr("No supplier is set up for {items}; add one on the Items screen first.",
                  "{items} ka koi supplier nahi hai; pehle Items screen par supplier jodo.").say(
            lang, items=", ".join(missing))
    supplier_id, lines = max(by_supplier.items(), key=lambda kv: len(kv[1]))
    supplier = parties.get_supplier(db, supplier_id)
    assert supplier is not None
    total = sum(cost * quantity // MILLI for _p, quantity, cost in lines)
    via = supplier.order_via
    items = ", ".join(f"{qty(quantity, p.unit, lang)} {item_name(p, lang)}" for p, quantity, _c in lines[:6])
    if len(lines) > 6:
        items += tr(" and {n} more", " aur {n} aur").say(lang, n=len(lines) - 6)
    summary = (tr("Order {items} from {supplier} for about {total}, sent on WhatsApp?",
                  "{supplier} se {items} mangwaun, lagbhag {total}, WhatsApp par bhejkar?") if via == "whatsapp" else
               tr("Order {items} from {supplier} for about {total}? (No WhatsApp number: print the order.)",
                  "{supplier} se {items} mangwaun, lagbhag {total}? (WhatsApp number nahi hai: order print karo.)")
               ).say(lang, items=items, supplier=supplier.name, total=rupees(total, exact=False))
    notes = []
    if total < supplier.min_order_paise:
        notes.append(tr("{supplier} takes orders of at least {minimum}.",
                        "{supplier} kam se kam {minimum} ka order leta hai."
                        ).say(lang, supplier=supplier.name, minimum=rupees(supplier.min_order_paise)))
    other = [i for sid, group in by_supplier.items() if sid != supplier_id for i in group]
    if other:
        notes.append(tr("{n} other items are from other suppliers; ask for them separately.",
                        "{n} aur item dusre supplier ke hai; unhe alag se mangao.").say(lang, n=len(other)))
    if missing:
        notes.append(tr("No supplier for {items}.",
                        "{items} ka supplier nahi hai.").say(lang, items=", ".join(missing)))
    limit = shop_settings.get(ctx.store, config.AGENT_MAX_PO_PAISE)
    params = {"supplier_id": supplier_id, "via": via, "total_paise": total,
              "lines": [{"sku": p.sku, "qty_milli": quantity, "cost_paise": cost} for p, quantity, cost in lines]}
    return Offer("reorder", params, " ".join([summary, *notes]), tr("Send order", "Order bhejo").text(lang),
                 within_limits=sure and total <= limit and len(lines) == 1 and total >= supplier.min_order_paise,
                 notes=notes)


# --- offers to customers -----------------------------------------------------------------------
def offer_campaign(ctx: ServiceContext, lang: str, products: list[Product], slots: dict[str, Any],
                   what: str) -> Offer | str:
    today = ctx.today()
    key = slots.get("period")
    if key and key not in ("today", "yesterday", "this_week", "this_month"):
        span = goal_span(key, today)
        start, end = span.start, span.end
    elif key == "this_month":
        start, end = today, goal_span("this_month", today).end
    elif key == "this_week":
        start, end = today, goal_span("this_week", today).end
    else:
        start, end = today, today + timedelta(days=DEFAULT_OFFER_DAYS - 1)
    prices, skipped = {}, []
    for product in products:
        if "percent" in slots:
            new = round_price(product.price_paise - div_round(product.price_paise * int(float(slots["percent"]) * 100),
                                                               10_000))
        else:
            new = product.price_paise - int(slots["amount"])
        if new <= 0 or (product.cost_paise and new < product.cost_paise) or new >= product.price_paise:
            skipped.append(item_name(product, lang))
            continue
        prices[product.sku] = new
    if not prices:
        return tr("That offer would sell {what} below cost; choose a smaller discount.",
                  "Is offer se {what} laagat se kam me bikega; chhoti chhoot chuno.").say(lang, what=what)
    discount = percent(float(slots["percent"])) if "percent" in slots else rupees(int(slots["amount"]))
    channel = slots.get("channel")
    summary = tr("Start an offer: {discount} off {what} ({n} items) from {start} to {end}?",
                 "Offer lagaun: {what} par {discount} chhoot ({n} item), {start} se {end} tak?").say(
        lang, discount=discount, what=what, n=len(prices), start=day(start, lang), end=day(end, lang))
    notes = []
    if skipped:
        notes.append(tr("Left out (it would sell below cost): {items}.", "Chhode (laagat se kam ho jata): {items}."
                        ).say(lang, items=", ".join(skipped[:5])))
    if channel:
        notes.append(tr("I will write the {channel} message for you to send to your customers.",
                        "Grahakon ko bhejne ke liye {channel} message likh dunga.").say(
            lang, channel=channel_name(channel)))
    params = {"prices": prices, "starts_on": start.isoformat(), "ends_on": end.isoformat(), "channel": channel,
              "kind": "festival" if key and key not in report_span_keys() else "campaign", "what": what,
              "discount": discount}
    return Offer("start_campaign", params, " ".join([summary, *notes]), tr("Start offer", "Offer lagao").text(lang),
                 notes=notes)


def report_span_keys() -> set[str]:
    return {"today", "yesterday", "this_week", "last_week", "this_month", "last_month", "this_year", "last_year",
            "next_week", "next_month", "day_before_yesterday", "this_quarter", "last_quarter"}


# --- goals -------------------------------------------------------------------------------------
def goal_metrics(slots: dict[str, Any]) -> list[dict[str, Any]]:
    metric = slots.get("metric", "revenue")
    if metric == "fill_rate":
        return [{"metric": "fill_rate", "target": min(0.995, float(slots.get("percent", 97)) / 100)}]
    if "amount" in slots and metric in ("revenue", "profit"):
        return [{"metric": metric, "target_paise": int(slots["amount"])}]
    return [{"metric": metric, "change_pct": float(slots.get("percent", 10))}]


def offer_goal(ctx: ServiceContext, lang: str, slots: dict[str, Any], text: str) -> Offer:
    span = goal_span(slots.get("period"), ctx.today())
    metrics = goal_metrics(slots)
    metric = metrics[0]
    name = METRIC_NAMES.get(metric["metric"], METRIC_NAMES["revenue"]).text(lang)
    if "target_paise" in metric:
        target = rupees(metric["target_paise"])
    elif "target" in metric:
        target = percent(metric["target"] * 100)
    else:
        target = ("+" if metric["change_pct"] >= 0 else "") + percent(metric["change_pct"])
    summary = tr("Set the goal {metric} {target}, {start} to {end}?",
                 "Goal set karun: {metric} {target}, {start} se {end}?"
                 ).say(lang, metric=name, target=target, start=day(span.start, lang), end=day(span.end, lang))
    params = {"description": text.strip()[:200], "metrics": metrics, "starts_on": span.start.isoformat(),
              "ends_on": span.end.isoformat()}
    return Offer("set_goal", params, summary, tr("Set goal", "Goal set karo").text(lang))


# --- carrying out ------------------------------------------------------------------------------
def carry_out(ctx: ServiceContext, engine, kind: str, params: dict[str, Any], lang: str, origin: Origin) -> Done:
    """Do what an offer said, through the services (the caller has checked that it may)."""
    from app.assistant import books, order_actions, undoing

    if kind in order_actions.KINDS:
        return order_actions.carry_out(ctx, kind, params, lang, origin)
    if kind in books.KINDS:
        return books.carry_out(ctx, kind, params, lang, origin)
    if kind in undoing.KINDS:
        return undoing.carry_out(ctx, kind, params, lang, origin)
    db = ctx.store.db()
    if kind == "change_price":
        product = catalog_store.get(db, params["sku"])
        if product is None or product.price_paise != params["old_price_paise"]:
            raise InvalidState(_("The price changed since I asked; ask me again."))
        changes = catalog.change_price(ctx, params["sku"], price_paise=int(params["price_paise"]),
                                       confirmed=bool(params.get("below_cost")), origin=origin)
        return Done(tr("Done: {item} now costs {price}.", "Ho gaya: {item} ab {price} ka hai.").say(
            lang, item=item_name(product, lang), price=rupees(int(params["price_paise"]))),
            {"event_ids": [e.event_id for e in changes.events]})
    if kind == "reorder":
        with ctx.store.write():
            created = purchasing.create_purchase_order(
                ctx, supplier_id=int(params["supplier_id"]), confirmed=True, origin=origin,
                lines=[PoLine(sku=x["sku"], qty_milli=int(x["qty_milli"]), cost_paise=x.get("cost_paise"))
                       for x in params["lines"]])
            purchasing.send_purchase_order(ctx, int(created.id), via=params.get("via", "whatsapp"), origin=origin)
        po = purchasing.get_po(ctx.store.db(), int(created.id))
        sent = (tr("Purchase order {no} is saved and will go out on WhatsApp.",
                   "Purchase order {no} ban gaya, WhatsApp par chala jayega.") if params.get("via") == "whatsapp"
                else tr("Purchase order {no} is saved; print it for the supplier.",
                        "Purchase order {no} ban gaya; supplier ke liye print karo.")).say(lang, no=po.po_no)
        return Done(sent, {"po_id": po.id, "po_no": po.po_no})
    if kind == "start_campaign":
        ids = []
        with ctx.store.write():
            for sku, price in params["prices"].items():
                changes = market.plan_promotion(
                    ctx, sku=sku, price_paise=int(price), starts_on=date.fromisoformat(params["starts_on"]),
                    ends_on=date.fromisoformat(params["ends_on"]), kind=params.get("kind", "campaign"),
                    reason=origin.reason, origin=origin)
                ids.append(int(changes.id))
        text = tr("Offer started on {n} items.", "{n} item par offer lag gaya.").say(lang, n=len(ids))
        if params.get("channel"):
            text += " " + tr("Message for your customers: \"{what}: {discount} off till {end}. Come soon!\"",
                             "Grahakon ke liye message: \"{what}: {discount} chhoot, {end} tak. Jaldi aaiye!\"").say(
                lang, what=params["what"], discount=params["discount"],
                end=day(params["ends_on"], lang))
        return Done(text, {"promotion_ids": ids})
    if kind == "set_goal":
        created = goals.create_goal(ctx, description=params["description"], metrics=params["metrics"],
                                    starts_on=date.fromisoformat(params["starts_on"]),
                                    ends_on=date.fromisoformat(params["ends_on"]), origin=origin)
        goal_id = int(created.id)
        plan = engine.process_business_goal(goal_id) if engine is not None else None
        return Done(explain_plan(goal_id, plan, lang), {"goal_id": goal_id})
    if kind == "approve_request":
        status = engine.approve(int(params["approval_id"]), note=_("Approved in the assistant."), origin=origin)
        text = (tr("Approved and done.", "Manzoor, ho gaya.") if status == "executed" else
                tr("Approved, but it could not be done now ({status}).", "Manzoor, par abhi ho nahi paya ({status}).")
                ).say(lang, status=status)
        return Done(text, {"approval_id": params["approval_id"], "status": status}, undoable=False)
    raise ValueError(f"unknown action {kind}")


PLAN_WORDS = {
    "optimise_margins": tr("prices set where margin times sales is highest", "daam wahan jahan munafa sabse zyada"),
    "avoid_stockouts": tr("reorder before shelves run empty", "shelf khali hone se pehle order"),
    "reduce_waste": tr("clear near-expiry stock in time", "expiry se pehle maal nikalna"),
    "grow_volume": tr("prices that bring more customers", "zyada grahak laane wale daam"),
    "raise_service_level": tr("more safety stock", "zyada safety stock"),
    "prestock_festivals": tr("stock up before festivals", "tyohar se pehle stock"),
    "cap_perishable_cover": tr("no more perishables than sell in time", "jaldi kharab hone wala maal kam"),
    "lean_inventory": tr("smaller, more frequent orders", "chhote aur jaldi jaldi order"),
    "protect_margin": tr("margin before volume", "munafa pehle"),
}


def explain_plan(goal_id: int, plan: dict[str, Any] | None, lang: str) -> str:
    text = tr("Goal {id} is set.", "Goal {id} set ho gaya.").say(lang, id=goal_id)
    if not plan:
        return text + " " + tr("The agents will plan for it at their next run.",
                               "Agent agli baar iska plan banayenge.").text(lang)
    strategies = [PLAN_WORDS[s["name"]].text(lang) if s["name"] in PLAN_WORDS else s["name"]
                  for s in plan.get("strategies", [])]
    text += " " + tr("The plan: {strategies}.", "Plan: {strategies}.").say(lang, strategies="; ".join(strategies))
    budget = plan.get("resources", {}).get("weekly_purchase_budget_paise")
    if budget:
        text += " " + tr("Weekly buying budget {amount}.", "Har hafte kharid ka budget {amount}.").say(
            lang, amount=rupees(budget, exact=False))
    milestones = [m for m in plan.get("milestones", []) if "cumulative_paise" in m]
    if milestones:
        first = milestones[0]
        text += " " + tr("First check on {day}: {amount} by then.", "Pehli jaanch {day} ko: tab tak {amount}.").say(
            lang, day=day(first["on"], lang), amount=rupees(first["cumulative_paise"], exact=False))
    return text


def undo(ctx: ServiceContext, kind: str, params: dict[str, Any], result: dict[str, Any], lang: str,
         origin: Origin) -> str:
    """Take back a change the assistant made (while nothing else has changed it since)."""
    db = ctx.store.db()
    if kind == "change_price":
        product = catalog_store.get(db, params["sku"])
        if product is None or product.price_paise != params["price_paise"]:
            raise InvalidState(_("The price was changed again since; nothing was undone."))
        catalog.change_price(ctx, params["sku"], price_paise=int(params["old_price_paise"]), confirmed=True,
                             origin=origin)
        return tr("Undone: {item} costs {price} again.", "Wapas: {item} phir se {price} ka.").say(
            lang, item=item_name(product, lang), price=rupees(int(params["old_price_paise"])))
    if kind == "reorder":
        purchasing.cancel_purchase_order(ctx, int(result["po_id"]), origin=origin)
        return tr("Purchase order {no} is cancelled.", "Purchase order {no} cancel ho gaya.").say(
            lang, no=result.get("po_no", result["po_id"]))
    if kind == "start_campaign":
        with ctx.store.write():
            for promotion_id in result.get("promotion_ids", []):
                market.end_promotion(ctx, int(promotion_id), cancel=True, origin=origin)
        return tr("The offer is called off.", "Offer hata diya.").text(lang)
    if kind == "set_goal":
        goals.set_goal_status(ctx, int(result["goal_id"]), "cancelled", origin=origin)
        return tr("Goal {id} is cancelled.", "Goal {id} cancel ho gaya.").say(lang, id=result["goal_id"])
    raise InvalidState(_("This cannot be undone."))


def stock_lines_running_low(ctx: ServiceContext) -> list[Product]:
    db = ctx.store.db()
    rows = stock_store.low_stock(db, limit=60)
    products = catalog_store.get_many(db, [r[0] for r in rows])
    from app.store import purchasing as po_store

    return [products[sku] for sku, _h, _p in rows if sku in products and not po_store.on_order(db, sku)]


def failure(error: AppError, lang: str) -> str:
    return tr("That could not be done: {why}", "Ye nahi ho paya: {why}").say(lang, why=str(error))

