"""A substitute for an item a home delivery is short of, from the chat (issue 15): asked of the customer, and
their answer recorded, through the substitution service the Orders page uses (:mod:`app.services.substitutions`).

- **ask** ("Ramesh ke order mein maggi nahi hai, yippee de do", "give ramesh yippee instead of maggi", "order 31
  mein maggi ki jagah kuch aur de do"): the customer's delivery order with that item, not yet gone; the substitute
  named (or the nearest the service proposes: same kind and unit, priced within the band, in stock) is offered
  with its price and the difference; on the seller's yes the customer is asked on WhatsApp (``propose``). Nothing
  in the order changes until the customer says yes.
- **the customer's answer** ("Ramesh substitute ke liye maan gaya", "ramesh refused the substitute"): the open
  question of that order is answered (``answer``: yes changes the line and the stock once; no sends the rest
  without the item, or cancels the order when nothing else is left).

Each is offered first and done once, on the seller's yes; neither is undone from the chat (the customer has been
told).
"""

from __future__ import annotations

from typing import Any

from app.assistant.fulfilment import customers_open_orders
from app.assistant.offers import Done, Offer
from app.assistant.phrases import rupees, tr
from app.assistant.reports import item_name
from app.errors import InvalidState
from app.services import substitutions
from app.services.context import Origin, ServiceContext
from app.store import catalog as catalog_store
from app.store import orders as order_store

__all__ = ["KINDS", "STEPS", "carry_out", "offer"]

STEPS = frozenset({"substitute", "substitute_answer"})
KINDS = frozenset({"substitute_ask", "substitute_answer"})


def _name(ctx: ServiceContext, sku: str, lang: str) -> str:
    product = catalog_store.get(ctx.store.db(), sku)
    return item_name(product, lang) if product is not None else sku


def _difference(lang: str, paise: int) -> str:
    if paise > 0:
        return tr("{amount} more", "{amount} zyada").say(lang, amount=rupees(paise))
    if paise < 0:
        return tr("{amount} less", "{amount} kam").say(lang, amount=rupees(-paise))
    return tr("the same price", "utne hi daam").text(lang)


def _orders(ctx: ServiceContext, slots: dict[str, Any]) -> list:
    if "order_id" in slots:
        from app.assistant.order_actions import find_order

        found = find_order(ctx, str(slots["order_id"]))
        return [found] if found is not None else []
    return customers_open_orders(ctx, str(slots["customer"]))


def offer(ctx: ServiceContext, lang: str, slots: dict[str, Any]) -> Offer | str:
    """Ask the customer about a substitute, or record their answer; or a sentence saying why not."""
    orders = _orders(ctx, slots)
    who = slots.get("customer") or f"#{slots.get('order_id')}"
    if slots["step"] == "substitute_answer":
        waiting = [o for o in orders if substitutions.open_question(ctx, o.id) is not None]
        if not waiting:
            return tr("No question about a substitute waits for {who}'s answer.",
                      "{who} ke jawab ka koi substitute wala sawal baki nahi.").say(lang, who=who)
        if len(waiting) > 1:
            return tr("{who} has several questions about substitutes waiting: say the order number.",
                      "{who} ke kai substitute wale sawal baki hai: order number batao.").say(lang, who=who)
        return _offer_answer(ctx, lang, waiting[0], bool(slots["yes"]))
    sku = str(slots["item"])
    theirs = [o for o in orders if any(line.sku == sku for line in o.lines)]
    item = _name(ctx, sku, lang)
    if not theirs:
        return tr("{who} has no order on its way with {item} in it.",
                  "{who} ka koi raste wala order nahi jisme {item} ho.").say(lang, who=who, item=item)
    if len(theirs) > 1:
        return tr("{who} has {n} orders with {item}: {orders}. Which one? For example: order {first} mein {item} ki "
                  "jagah kuch aur de do.", "{who} ke {n} order me {item} hai: {orders}. Kaunsa? Jaise: order {first} "
                  "mein {item} ki jagah kuch aur de do.").say(
            lang, who=who, n=len(theirs), item=item, orders=", ".join(f"#{o.id}" for o in theirs), first=theirs[0].id)
    order = theirs[0]
    why = substitutions.refusal(ctx, order.id)
    if why:
        return why
    if substitutions.open_question(ctx, order.id) is not None:
        return tr("Order #{id} already waits for the customer's answer on a substitute; tell me their answer first "
                  "(for example: {name} substitute ke liye maan gaya).",
                  "Order #{id} pehle se substitute par grahak ke jawab ka intezaar kar raha hai; pehle unka jawab "
                  "batao (jaise: {name} substitute ke liye maan gaya).").say(lang, id=order.id,
                                                                              name=order.customer_name)
    line_no = substitutions.line_for(ctx, order.id, sku)
    candidates = substitutions.candidates(ctx, order.id, line_no)
    wanted = slots.get("substitute")
    chosen = next((c for c in candidates if c.sku == wanted), None) if wanted else \
        (candidates[0] if candidates else None)
    if chosen is None:
        others = ", ".join(_name(ctx, c.sku, lang) for c in candidates[:3]) or tr("none", "koi nahi").text(lang)
        return tr("{substitute} cannot take the place of {item}: a substitute is of the same kind and unit, priced "
                  "near it and in stock. Items that fit: {others}.",
                  "{substitute} {item} ki jagah nahi de sakte: substitute usi kism aur unit ka, lagbhag utne daam ka "
                  "aur stock me hona chahiye. Jo chal sakte hai: {others}.").say(
            lang, substitute=_name(ctx, wanted, lang) if wanted else tr("Nothing", "Kuch bhi").text(lang), item=item,
            others=others)
    summary = tr("Ask {name} on WhatsApp whether {substitute} at {price} may take the place of {item} in order #{id} "
                 "({difference})? Nothing in the order changes until they say yes.",
                 "{name} se WhatsApp par poochun ki order #{id} me {item} ki jagah {substitute} {price} me chalega "
                 "({difference})? Jab tak wo haan na kahe, order me kuch nahi badlega.").say(
        lang, name=order.customer_name, substitute=_name(ctx, chosen.sku, lang),
        price=rupees(chosen.unit_price_paise), item=item, id=order.id,
        difference=_difference(lang, chosen.difference_paise))
    return Offer("substitute_ask", {"order_id": order.id, "status": order.status, "line_no": line_no,
                                    "substitute": chosen.sku}, summary,
                 tr("Ask on WhatsApp", "WhatsApp par poochho").text(lang))


def _offer_answer(ctx: ServiceContext, lang: str, order, yes: bool) -> Offer:
    asked = substitutions.open_question(ctx, order.id)
    assert asked is not None
    values = {"name": order.customer_name, "substitute": _name(ctx, asked.substitution.sku_to, lang),
              "item": _name(ctx, asked.substitution.sku_from, lang), "id": order.id,
              "difference": _difference(lang, asked.difference_paise)}
    if yes:
        summary = tr("Record {name}'s yes: {substitute} in place of {item} in order #{id} ({difference}); the order "
                     "is priced again and its stock moved once?",
                     "{name} ki haan likh doon: order #{id} me {item} ki jagah {substitute} ({difference}); order ka "
                     "daam phir se lagega aur stock ek baar badlega?").say(lang, **values)
    else:
        summary = tr("Record {name}'s no: order #{id} goes without {item} (cancelled if nothing else is left)?",
                     "{name} ki naa likh doon: order #{id} {item} ke bina jayega (aur kuch na bache to cancel)?").say(
            lang, **values)
    return Offer("substitute_answer", {"order_id": order.id, "status": order.status,
                                       "substitution": asked.substitution.id, "yes": yes}, summary,
                 tr("Record the answer", "Jawab likho").text(lang))


def carry_out(ctx: ServiceContext, kind: str, params: dict[str, Any], lang: str, origin: Origin) -> Done:
    """Ask the customer, or record their answer (the caller has the seller's yes and holds the write)."""
    order_id = int(params["order_id"])
    current = order_store.get(ctx.store.db(), order_id, with_lines=False)
    asked = substitutions.open_question(ctx, order_id)
    if current is None or current.status != params["status"] or (
            kind == "substitute_answer" and (asked is None or asked.substitution.id != int(params["substitution"]))):
        raise InvalidState(tr("Order {id} changed since I asked; ask me again.",
                              "Order {id} tab se badal gaya; phir se kaho.").say(lang, id=order_id))
    if kind == "substitute_ask":
        substitutions.propose(ctx, order_id, int(params["line_no"]), str(params["substitute"]), ask_by="whatsapp",
                              origin=origin)
        return Done(tr("Done: {name} is asked on WhatsApp. Tell me their answer (for example: {name} substitute ke "
                       "liye maan gaya); a plain YES or NO they send back is recorded by itself.",
                       "Ho gaya: {name} se WhatsApp par poochha. Unka jawab batao (jaise: {name} substitute ke liye "
                       "maan gaya); wo seedha YES ya NO bhejen to apne aap likh jayega.").say(
            lang, name=current.customer_name), {"order_id": order_id}, undoable=False)
    if kind == "substitute_answer":
        yes = bool(params["yes"])
        substitutions.answer(ctx, order_id, yes=yes, then="drop", origin=origin)
        now = order_store.get(ctx.store.db(), order_id, with_lines=False)
        total = rupees(now.total_paise) if now is not None else ""
        return Done((tr("Done: order #{id} has the substitute now, {total} in all; the customer is told.",
                        "Ho gaya: order #{id} me ab substitute hai, kul {total}; grahak ko bata diya.") if yes else
                     tr("Done: order #{id} goes without that item; the customer is told.",
                        "Ho gaya: order #{id} us saamaan ke bina jayega; grahak ko bata diya.")).say(
            lang, id=order_id, total=total), {"order_id": order_id}, undoable=False)
    raise ValueError(f"unknown action {kind}")
