"""A parcel come back, a courier booked again, an order shipped in parts: from the chat (issue 15, fifth session).

- **a return received** ("order 9 wapas aa gaya", "mark AMZ-40211 as returned"): a marketplace parcel that came
  back is in the shop: ``order_flow.receive_return`` (the order becomes returned and its stock comes back, once);
  came back damaged ("order 9 wapas aaya, packet phate hue"): ``order_issues.receive_damaged_return``, as the
  Orders page does (back once, then written off with the seller's words as the reason);
- **another courier** ("rebook the courier for order 16", "order 7 ka courier badlo", "change it to Blue Dart"):
  the live booking is cancelled at the courier and the carrier quoted is booked in its place,
  ``couriers.rebook`` (the desk of issue 17: never two live bookings for one parcel); the cheapest other carrier
  is quoted, or the one the seller named; booked only at a price no higher than the one quoted;
- **a part shipped** ("ship only 2 maggi of order 12", "order 12 me se abhi 3 parle g bhejo, baki baad me"):
  ``order_parts.ship_part`` with the courier and AWB of that part; the rest of the order waits;
- **the rest cancelled** ("cancel the rest of order 12", "order 12 ka baaki cancel karo"): after a part shipped and
  the customer agreed to receive only that, ``order_parts.cancel_rest`` (the marketplace refunds the units, their
  stock comes back once, the order is shipped);
- **a booking cancelled, none booked instead** ("cancel the courier booking of order 16", "order 16 ki booking
  cancel karo"): ``couriers.cancel`` before pickup; the order stays as it is (the sixth session);
- **a part come back** ("part 2 of order 123 came back damaged", "order 123 ka part 2 toot ke aaya"): one part booked
  with the courier on its own and come back: ``order_issues.receive_damaged_part`` (its units back once and written
  off with the seller's words) or, not damaged, ``order_parts.receive_part_return``; the rest of the order untouched.

Each is offered with exactly what would happen, checked against the order as it is now, carried out only on the
seller's yes (never alone, whatever ``assistant.autonomy`` says) through the services the Orders page uses, and
checked again at the yes. None is undone from the chat: each has told a marketplace or a courier, and undoing it
would need their side too (the Orders page shows what to do instead).
"""

from __future__ import annotations

from typing import Any

from app.assistant.offers import Done, Offer
from app.assistant.phrases import channel_name, rupees, tr
from app.assistant.reports import item_name
from app.domain.qty import MILLI
from app.errors import AppError, InvalidState
from app.services import couriers, deliveries, order_flow, order_issues, order_parts, shipments
from app.services.context import Origin, ServiceContext
from app.store import catalog as catalog_store
from app.store import orders as order_store
from app.store.actions import AssistantAction

__all__ = ["KINDS", "OUTSIDE_WRITE", "STEPS", "carry_out", "courier_outside_write", "offer"]

KINDS = frozenset({"order_return", "order_return_damaged", "courier_rebook", "order_ship_part", "order_cancel_rest",
                   "courier_cancel", "order_part_return", "order_part_damaged"})
STEPS = frozenset({"return", "rebook", "ship_part", "cancel_rest", "cancel_booking"})
OUTSIDE_WRITE = frozenset({"courier_rebook", "courier_cancel"})  # the courier is asked over the network


def _label(order) -> str:
    return order.remote_id or f"#{order.id}"


def _what(order) -> str:
    return f"{_label(order)} ({channel_name(order.channel)}, {order.customer_name}, {rupees(order.total_paise)})"


def _status(status: str, lang: str) -> str:
    """The order's state in the message's language (the Orders page's words are in the screen's)."""
    from app.assistant.order_actions import STATE_WORDS

    return STATE_WORDS[status].text(lang) if status in STATE_WORDS else order_flow.state_label(status)


def _changed(order_id: int, lang: str) -> InvalidState:
    return InvalidState(tr("Order {id} changed since I asked; ask me again.",
                           "Order {id} tab se badal gaya; phir se kaho.").say(lang, id=order_id))


def offer(ctx: ServiceContext, lang: str, slots: dict[str, Any], order) -> Offer | str:
    """The question for a return, another courier or a part shipment of ``order``; or a sentence saying why not."""
    step = slots["step"]
    if order.channel == deliveries.CHANNEL and step in ("cancel_rest", "cancel_booking"):
        return tr("Order {order} is a home delivery: it goes out whole with the shop's own rider, so it has no rest "
                  "to cancel and no courier booking. To cancel the whole order: cancel order {order}.",
                  "Order {order} home delivery hai: ye dukaan ke apne aadmi ke saath poora jaata hai, iska na baaki "
                  "cancel hota hai na courier booking. Poora order cancel karne ke liye: order {order} cancel karo."
                  ).say(lang, order=_label(order))
    if order.channel == deliveries.CHANNEL:  # the shop's own deliveries come back and go out whole, at the counter
        return tr("Order {order} is a home delivery: goods it brings back are a return against its bill at the "
                  "counter, and it goes out whole.",
                  "Order {order} home delivery hai: wapas aaya maal counter par uske bill ke against return hota hai, "
                  "aur ye poora hi jaata hai.").say(lang, order=_label(order))
    if not order.remote_id:
        return tr("Order {id} is a counter bill, not an online order.",
                  "Order {id} counter ka bill hai, online order nahi.").say(lang, id=order.id)
    base = {"order_id": order.id, "status": order.status}
    if step == "cancel_rest":
        return _offer_cancel_rest(ctx, lang, order, base)
    if step == "cancel_booking":
        return _offer_cancel_booking(ctx, lang, order, base)
    if step == "return" and "part" in slots:
        return _offer_part_return(ctx, lang, order, base, int(slots["part"]), slots.get("damaged"))
    if step == "return":
        return _offer_return(lang, order, base, slots.get("damaged"))
    if step == "rebook":
        return _offer_rebook(ctx, lang, order, base, slots.get("carrier"))
    return _offer_part(ctx, lang, order, base, slots)


def _offer_return(lang: str, order, base: dict[str, Any], damaged: str | None = None) -> Offer | str:
    if order.status == "returned":
        return tr("Order {order} is already recorded as returned; its stock came back then.",
                  "Order {order} pehle se return likha hai; maal tabhi stock me aa gaya tha.").say(
            lang, order=_label(order))
    if order.status not in ("shipped", "delivered"):
        return tr("Order {order} is {status}: only a shipped order can come back as a return.",
                  "Order {order} abhi {status} hai: sirf bheja hua order return aa sakta hai.").say(
            lang, order=_label(order), status=_status(order.status, lang))
    units = sum(line.qty_milli for line in order.lines) // MILLI
    if damaged:  # as the Orders page's damaged return: back once, then written off with the reason
        return Offer("order_return_damaged", {**base, "reason": damaged}, tr(
            "Has the parcel of order {what} come back damaged? Its {n} units come back once and are written off at "
            "once as waste, with the reason: \"{reason}\".",
            "Order {what} ka parcel kharab haalat me wapas aaya? Iske {n} piece ek baar wapas judkar turant "
            "barbaadi me likh diye jayenge, is wajah ke saath: \"{reason}\".").say(
            lang, what=_what(order), n=units, reason=damaged),
            tr("Received damaged: write off", "Kharab mila: barbaadi likho").text(lang))
    return Offer("order_return", base, tr(
        "Has the parcel of order {what} come back to the shop? Its {n} units go back on the shelf, once.",
        "Order {what} ka parcel dukaan me wapas aa gaya? Iske {n} piece stock me wapas judenge, ek baar.").say(
        lang, what=_what(order), n=units), tr("Return received", "Return mil gaya").text(lang))


def _offer_part_return(ctx: ServiceContext, lang: str, order, base: dict[str, Any], part_no: int,
                       damaged: str | None) -> Offer | str:
    """One part booked with the courier on its own came back (RTO): its units only, as the Orders page's *Part
    back in the shop* (``order_parts.receive_part_return``) or *Part back damaged*
    (``order_issues.receive_damaged_part``)."""
    booked = order_parts.bookings(ctx, order.id).get(part_no)
    if booked is None:
        return tr("Part {part} of order {order} was not booked with the courier on its own. If the whole parcel came "
                  "back: order {order} wapas aaya.",
                  "Order {order} ka hissa {part} courier ke saath alag book nahi hua tha. Poora parcel wapas aaya ho "
                  "to: order {order} wapas aaya.").say(lang, part=part_no, order=_label(order))
    if booked.received_at:
        return tr("Part {part} of order {order} was already received; its stock came back then.",
                  "Order {order} ka hissa {part} pehle hi mil chuka; maal tabhi stock me aa gaya tha.").say(
            lang, part=part_no, order=_label(order))
    if booked.status not in ("rto", "rto_delivered") or order.status == "returned":
        return tr("The parcel of part {part} of order {order} is not coming back (the courier says {status}); only a "
                  "parcel coming back can be received.",
                  "Order {order} ke hisse {part} ka parcel wapas nahi aa raha (courier: {status}); sirf wapas aata "
                  "parcel hi liya ja sakta hai.").say(lang, part=part_no, order=_label(order), status=booked.status)
    part = next((p for p in order_parts.parts(ctx, order.id) if p.part_no == part_no), None)
    units = sum(part.lines.values()) // MILLI if part is not None else 0
    params = {**base, "part": part_no}
    if damaged:
        return Offer("order_part_damaged", {**params, "reason": damaged}, tr(
            "Has part {part} of order {what} come back damaged? Its {n} units come back once and are written off at "
            "once as waste, with the reason: \"{reason}\". The rest of the order is untouched.",
            "Order {what} ka hissa {part} kharab haalat me wapas aaya? Iske {n} piece ek baar wapas judkar turant "
            "barbaadi me likh diye jayenge, is wajah ke saath: \"{reason}\". Order ka baaki hissa waisa hi rahega."
        ).say(lang, part=part_no, what=_what(order), n=units, reason=damaged),
            tr("Received damaged: write off", "Kharab mila: barbaadi likho").text(lang))
    return Offer("order_part_return", params, tr(
        "Has part {part} of order {what} come back to the shop? Its {n} units go back on the shelf, once.",
        "Order {what} ka hissa {part} dukaan me wapas aa gaya? Iske {n} piece stock me wapas judenge, ek baar.").say(
        lang, part=part_no, what=_what(order), n=units), tr("Part received", "Hissa mil gaya").text(lang))


def _offer_rebook(ctx: ServiceContext, lang: str, order, base: dict[str, Any], wanted: str | None) -> Offer | str:
    live = shipments.shipment(ctx, order.id)
    if live is None and not shipments.rebooking(ctx.store.db(), order.id):
        return tr("Order {order} has no courier booked to change. To book one: book a courier for order {order}.",
                  "Order {order} ka koi courier book nahi hai. Book karne ke liye: order {order} ke liye courier "
                  "book karo.").say(lang, order=_label(order))
    try:
        rates = couriers.rates(ctx, order.id)
    except AppError as error:
        return tr("The courier could not be asked: {why}", "Courier se pooch nahi paye: {why}").say(
            lang, why=str(error))
    old = live.courier if live is not None else ""
    others = [r for r in rates if r.name != old]
    if wanted:  # "change it to Blue Dart": that carrier, if it can take the parcel
        others = [r for r in others if wanted.lower().replace(" ", "") in r.name.lower().replace(" ", "")]
    if not others:
        return (tr("{carrier} cannot take order {order} now.", "{carrier} abhi order {order} nahi le sakta.").say(
            lang, carrier=wanted, order=_label(order)) if wanted else
            tr("No other courier can take order {order} now.", "Order {order} abhi koi aur courier nahi le sakta.").say(
                lang, order=_label(order)))
    best = min(others, key=lambda r: (r.cost_paise, r.days))
    values = {"carrier": best.name, "what": _what(order), "cost": rupees(best.cost_paise), "days": best.days}
    if live is not None:
        summary = tr("Cancel {old} (AWB {awb}) and book {carrier} for order {what} at {cost} (about {days} days)? "
                     "The courier cancels only before pickup.",
                     "{old} (AWB {awb}) cancel karke {carrier} order {what} ke liye {cost} me book karun (lagbhag "
                     "{days} din)? Courier pickup se pehle hi cancel karta hai.").say(
            lang, old=old, awb=live.awb, **values)
    else:
        summary = tr("Book {carrier} for order {what} at {cost} (about {days} days), in place of the cancelled "
                     "booking?", "Cancel hui booking ki jagah {carrier} order {what} ke liye {cost} me book karun "
                     "(lagbhag {days} din)?").say(lang, **values)
    return Offer("courier_rebook", {**base, "courier_id": best.courier_id, "carrier": best.name,
                                    "cost_paise": best.cost_paise, "old_awb": live.awb if live else ""},
                 summary, tr("Book {carrier}", "{carrier} book karo").say(lang, carrier=best.name))


def _offer_part(ctx: ServiceContext, lang: str, order, base: dict[str, Any], slots: dict[str, Any]) -> Offer | str:
    from app.assistant.order_actions import line_milli  # the same reading of "2", "1 dozen", "2 kg"

    if order.status not in order_parts.OPEN:
        return tr("Order {order} is {status}: only an order not yet shipped can ship in parts.",
                  "Order {order} abhi {status} hai: sirf na bheja gaya order hisson me jaata hai.").say(
            lang, order=_label(order), status=_status(order.status, lang))
    db = ctx.store.db()
    if not order_flow.takes(db, order.channel, "order.ship_part"):
        return tr("{channel} takes no shipment in parts from TAVYONIX: ship order {order} whole, or cancel what is "
                  "short on the Orders page.", "{channel} TAVYONIX se hisson me shipment nahi leta: order {order} "
                  "poora bhejo, ya jo kam hai wo Orders page par cancel karo.").say(
            lang, channel=channel_name(order.channel), order=_label(order))
    left = order_parts.remaining(ctx, order.id)
    products = catalog_store.get_many(db, [line["product"] for line in slots["lines"]])
    units: dict[str, int] = {}
    for line in slots["lines"]:
        product = products.get(line["product"])
        if product is None:
            continue
        milli = line_milli(line["quantity"], product.unit)
        if product.sku not in left:
            return tr("Order {order} has no {item} waiting to ship.", "Order {order} me {item} bhejna baki nahi.").say(
                lang, order=_label(order), item=item_name(product, lang))
        if milli % MILLI or milli > left[product.sku]:
            return tr("Order {order} waits for {n} of {item}: say whole units, up to that.",
                      "Order {order} me {item} ke {n} baki hai: utne tak poore piece batao.").say(
                lang, order=_label(order), n=left[product.sku] // MILLI, item=item_name(product, lang))
        units[product.sku] = milli
    carrier, tracking = slots.get("carrier"), slots.get("tracking")
    if not carrier or not tracking:  # the marketplace tells the buyer where this part is
        return tr("Which courier, and what is the AWB (tracking) number of this part? For example: order {order} me "
                  "se 2 Maggi bhejo, Delhivery, AWB 1234567890.",
                  "Is hisse ka courier kaunsa, aur AWB (tracking) number kya hai? Jaise: order {order} me se 2 Maggi "
                  "bhejo, Delhivery, AWB 1234567890.").say(lang, order=_label(order))
    items = ", ".join(f"{item_name(products[sku], lang)} × {milli // MILLI}" for sku, milli in units.items())
    rest = sum(left.values()) - sum(units.values())
    summary = tr("Ship part of order {what} now: {items}, with {carrier}, AWB {tracking}? {rest} units wait for a "
                 "later part.", "Order {what} ka hissa abhi bhejun: {items}, {carrier} se, AWB {tracking}? {rest} "
                 "piece baad me jayenge.").say(lang, what=_what(order), items=items, carrier=carrier,
                                               tracking=tracking, rest=rest // MILLI)
    return Offer("order_ship_part", {**base, "units": units, "carrier": carrier, "tracking": tracking}, summary,
                 tr("Ship this part", "Ye hissa bhejo").text(lang))


def _offer_cancel_rest(ctx: ServiceContext, lang: str, order, base: dict[str, Any]) -> Offer | str:
    db = ctx.store.db()
    shipped = [p for p in order_parts.parts(ctx, order.id) if p.kind == "shipped"]
    if order.status not in order_parts.OPEN or not shipped:
        return tr("Nothing of order {order} has shipped in parts and waits: cancel the whole order instead (cancel "
                  "order {order}), or ship a part first.",
                  "Order {order} ka koi hissa bheja hua aur baaki intezaar me nahi: poora order cancel karo (order "
                  "{order} cancel karo), ya pehle ek hissa bhejo.").say(lang, order=_label(order))
    if not order_flow.takes(db, order.channel, "order.cancel_rest"):
        return tr("{channel} takes no cancellation of some units from TAVYONIX: cancel them in its seller portal.",
                  "{channel} TAVYONIX se kuch piece cancel nahi leta: unhe uske seller portal me cancel karo.").say(
            lang, channel=channel_name(order.channel))
    left = order_parts.remaining(ctx, order.id)
    products = catalog_store.get_many(db, list(left))
    items = ", ".join(f"{item_name(products[sku], lang) if sku in products else sku} × {milli // MILLI}"
                      for sku, milli in left.items())
    summary = tr("The customer agreed to receive only what shipped: cancel the rest of order {what} ({items})? "
                 "{channel} refunds them, their stock comes back to the shelf once, and the order is shipped.",
                 "Grahak sirf bheja hua maal lene ko maan gaya: order {what} ka baaki ({items}) cancel karun? "
                 "{channel} unka paisa lautayega, maal ek baar stock me wapas aayega, aur order bheja hua ho "
                 "jayega.").say(lang, what=_what(order), items=items, channel=channel_name(order.channel))
    return Offer("order_cancel_rest", {**base, "left": left}, summary,
                 tr("Cancel the rest", "Baaki cancel karo").text(lang))


def _offer_cancel_booking(ctx: ServiceContext, lang: str, order, base: dict[str, Any]) -> Offer | str:
    live = shipments.shipment(ctx, order.id)
    if live is None:
        return tr("Order {order} has no courier booked to cancel.",
                  "Order {order} ka koi courier book nahi hai jo cancel ho.").say(lang, order=_label(order))
    summary = tr("Cancel the {carrier} booking (AWB {awb}) of order {what}, and book no other? The courier cancels "
                 "only before pickup; the order stays {status} and still has to go out (book a courier again, or "
                 "ship it yourself).",
                 "Order {what} ki {carrier} booking (AWB {awb}) cancel karun, aur koi doosri book na karun? Courier "
                 "pickup se pehle hi cancel karta hai; order {status} hi rahega aur use phir bhi bhejna hai (phir se "
                 "courier book karo, ya khud bhejo).").say(
        lang, carrier=live.courier, awb=live.awb, what=_what(order), status=_status(order.status, lang))
    return Offer("courier_cancel", {**base, "old_awb": live.awb, "carrier": live.courier}, summary,
                 tr("Cancel the booking", "Booking cancel karo").text(lang))


def courier_outside_write(ctx: ServiceContext, action: AssistantAction, params: dict[str, Any],
                          lang: str) -> Done | None:
    """Cancel the booking, or book the other courier, the seller said yes to, outside any write (the courier is
    asked over the network); None for every other offer and for one already answered."""
    if action.kind not in OUTSIDE_WRITE or action.status != "open":
        return None
    if action.kind == "courier_rebook":
        return _rebook(ctx, params, lang)
    order_id = int(params["order_id"])
    current = order_store.get(ctx.store.db(), order_id)
    live = shipments.shipment(ctx, order_id)
    if current is None or current.status != params["status"] or (live.awb if live else "") != params["old_awb"]:
        raise _changed(order_id, lang)
    awb = couriers.cancel(ctx, order_id, reason="asked in the assistant")
    return Done(tr("Done: the {carrier} booking of order {order} is cancelled (AWB {awb}); no other is booked.",
                   "Ho gaya: order {order} ki {carrier} booking cancel hui (AWB {awb}); koi doosri book nahi hui.").say(
        lang, carrier=params["carrier"], order=_label(current), awb=awb), {"order_id": order_id, "awb": awb},
        undoable=False)


def _rebook(ctx: ServiceContext, params: dict[str, Any], lang: str) -> Done:
    """Book the other courier: the price is asked again first, nothing is booked above the price quoted."""
    order_id = int(params["order_id"])
    current = order_store.get(ctx.store.db(), order_id)
    live = shipments.shipment(ctx, order_id)
    if current is None or current.status != params["status"] or (live.awb if live else "") != params["old_awb"]:
        raise _changed(order_id, lang)
    rate = {r.courier_id: r for r in couriers.rates(ctx, order_id)}.get(int(params["courier_id"]))
    if rate is None or rate.cost_paise > int(params["cost_paise"]):
        raise InvalidState(tr("{carrier}'s price changed since I asked; ask me again.",
                              "{carrier} ka daam tab se badal gaya; phir se kaho.").say(
            lang, carrier=params["carrier"]))
    booked = couriers.rebook(ctx, order_id, courier_id=int(params["courier_id"]), reason="asked in the assistant")
    return Done(tr("Done: {carrier} is booked for order {order} in place of the last booking, AWB {awb}, for {cost}. "
                   "The label is in {label}.", "Ho gaya: order {order} ke liye {carrier} book hua, pichhli booking ki "
                   "jagah, AWB {awb}, {cost} me. Label {label} me hai.").say(
        lang, carrier=booked.courier, order=_label(current), awb=booked.awb, cost=rupees(rate.cost_paise),
        label=str(booked.label)), {"order_id": order_id, "awb": booked.awb, "courier": booked.courier,
                                   "cost_paise": rate.cost_paise}, undoable=False)


def carry_out(ctx: ServiceContext, kind: str, params: dict[str, Any], lang: str, origin: Origin) -> Done:
    """A return received or a part shipped (the caller has the seller's yes and holds the write)."""
    order_id = int(params["order_id"])
    current = order_store.get(ctx.store.db(), order_id)
    if current is None or current.status != params["status"]:
        raise _changed(order_id, lang)
    if kind == "order_return":
        order_flow.receive_return(ctx, order_id, origin=origin)
        return Done(tr("Done: order {order} is returned and its stock is back on the shelf.",
                       "Ho gaya: order {order} return hua, maal wapas stock me.").say(lang, order=_label(current)),
                    {"order_id": order_id}, undoable=False)
    if kind == "order_return_damaged":
        order_issues.receive_damaged_return(ctx, order_id, reason=str(params["reason"]), origin=origin)
        return Done(tr("Done: order {order} is returned damaged; its stock came back and is written off, with the "
                       "reason.", "Ho gaya: order {order} kharab return hua; maal wapas judkar barbaadi me likha gaya, "
                       "wajah ke saath.").say(lang, order=_label(current)), {"order_id": order_id}, undoable=False)
    if kind in ("order_part_return", "order_part_damaged"):
        part_no = int(params["part"])
        booked = order_parts.bookings(ctx, order_id).get(part_no)
        if booked is None or booked.received_at:  # received meanwhile (the Orders page, or a yes said twice)
            raise InvalidState(tr("Part {part} of order {order} was already received.",
                                  "Order {order} ka hissa {part} pehle hi mil chuka.").say(
                lang, part=part_no, order=_label(current)))
        if kind == "order_part_return":
            order_parts.receive_part_return(ctx, order_id, part_no, origin=origin)
            return Done(tr("Done: part {part} of order {order} is back; its stock is on the shelf.",
                           "Ho gaya: order {order} ka hissa {part} wapas aaya, maal stock me.").say(
                lang, part=part_no, order=_label(current)), {"order_id": order_id, "part": part_no}, undoable=False)
        order_issues.receive_damaged_part(ctx, order_id, part_no, reason=str(params["reason"]), origin=origin)
        return Done(tr("Done: part {part} of order {order} came back damaged; its stock came back and is written "
                       "off, with the reason.", "Ho gaya: order {order} ka hissa {part} kharab wapas aaya; maal wapas "
                       "judkar barbaadi me likha gaya, wajah ke saath.").say(lang, part=part_no, order=_label(current)),
                    {"order_id": order_id, "part": part_no}, undoable=False)
    if kind == "order_cancel_rest":
        if order_parts.remaining(ctx, order_id) != {sku: int(milli) for sku, milli in params["left"].items()}:
            raise _changed(order_id, lang)
        order_parts.cancel_rest(ctx, order_id, reason="cancelled in the assistant (customer agreed)", origin=origin)
        return Done(tr("Done: the rest of order {order} is cancelled; its stock is back on the shelf and the order is "
                       "shipped.", "Ho gaya: order {order} ka baaki cancel hua; maal wapas stock me, order bheja hua."
                       ).say(lang, order=_label(current)), {"order_id": order_id}, undoable=False)
    if kind == "order_ship_part":
        units = {sku: int(milli) for sku, milli in params["units"].items()}
        if any(order_parts.remaining(ctx, order_id).get(sku, 0) < milli for sku, milli in units.items()):
            raise _changed(order_id, lang)
        order_parts.ship_part(ctx, order_id, units, carrier=params["carrier"], tracking=params["tracking"],
                              origin=origin)
        return Done(tr("Done: part of order {order} is shipped with {carrier}, AWB {tracking}; the rest waits.",
                       "Ho gaya: order {order} ka hissa {carrier} se gaya, AWB {tracking}; baaki baad me.").say(
            lang, order=_label(current), carrier=params["carrier"], tracking=params["tracking"]),
            {"order_id": order_id}, undoable=False)
    raise ValueError(f"unknown action {kind}")
