"""A substitute, with the customer's consent, for an item of a home-delivery order the shop cannot send.

The seller picks the short line; the shop proposes items that could take its place — the same category and
unit, a price within a band of the ordered one (``deliveries.substitute_band_pct``, 20% unless set), and free
stock for the whole quantity — nearest in price first. When none in its own category fits, items of a
neighbouring category by the same rules (``resources/data/category_neighbours.csv``, and categories sharing a
parent in the shop's category tree), each named with its category so the seller sees it is another kind. A
substitute keeps the discount of the units it replaces (the same rupees off). The customer is asked, on WhatsApp
through the outbox (in their language, like every step's message) or by the seller on the phone; the answer is
recorded here:

- **yes**: the order's line is changed in one transaction — the ordered units go back to stock (reason
  ``cancel``, keyed ``<order>:<line>:sub<n>``) and the substitute is taken (reason ``sale``, keyed by its own,
  never reused, line number), so each moves once; the order is priced again and the customer told the new total.
- **no**: the rest of the order goes without that item (``drop``: its units back once, priced again; when
  nothing else is left the order is cancelled), or the whole order is cancelled (``cancel``).

Only before the goods leave the shop (taken, confirmed or packed): the invoice is numbered when they leave,
so it shows what was sent. Marketplace orders are refused in plain words: Amazon, Flipkart, Shopify stores,
WooCommerce and ONDC orders are the buyer's contract with the marketplace, which allows no change of item by
the seller — send what there is and cancel the rest, or cancel the order.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from app import config
from app.domain.money import format_inr
from app.domain.qty import check_whole, format_qty, to_milli
from app.domain.qty import format_count as count
from app.errors import AppError, InputError, InvalidQuantity, InvalidState, NotFound
from app.events import FulfilmentUpdated
from app.i18n import _, language
from app.paths import resources_dir
from app.services import alerts, customer_messages, deliveries, listings, sales, stock_holds
from app.services import settings as settings_service
from app.services.changes import Changes
from app.services.context import SELLER, Origin, ServiceContext
from app.services.sales import SaleLine
from app.store import catalog as catalog_store
from app.store import orders as order_store
from app.store import stock as stock_store
from app.store import substitutions as store
from app.store.substitutions import Substitution

__all__ = ["ASK_BY", "Candidate", "Proposal", "Substitution", "answer", "candidates", "difference_label", "history",
           "line_for", "lines", "neighbours", "open_question", "propose", "qty_for_line", "read_reply",
           "refusal", "reply_from", "shown_name", "waiting"]

ASK_BY = ("whatsapp", "phone")
OPEN = ("pending", "accepted", "packed")  # before the goods leave the shop


@dataclass(frozen=True)
class Candidate:
    """An item that could take the place of an order line."""

    sku: str
    name: str
    unit_price_paise: int
    free_milli: int  # on hand less what export orders hold
    difference_paise: int  # for the line's quantity: positive when the substitute costs more
    other_kind: str = ""  # from a neighbouring category (none fitted in the item's own): its name; '' otherwise


@dataclass(frozen=True)
class Proposal:
    """What was asked, as the seller reads it (the open question of an order)."""

    substitution: Substitution
    item: str
    substitute: str
    difference_paise: int
    message: str  # one sentence in the seller's words


def refusal(ctx: ServiceContext, order_id: int) -> str | None:
    """Why this order's items cannot be substituted (a marketplace order, or goods already left); None if they can."""
    order = order_store.get(ctx.store.db(), order_id, with_lines=False)
    if order is None:
        return _("There is no order number {id}.").format(id=order_id)
    return _refusal(order)


def _refusal(order) -> str | None:
    if order.channel == "counter":
        return _("Order {id} was sold at the counter; there is nothing to deliver.").format(id=order.id)
    if order.channel != deliveries.CHANNEL:
        return _("{channel} does not allow a seller to substitute an item of an order: the buyer ordered that item "
                 "from {channel}. Ship what you have and cancel the rest (Ship part…, then Cancel the rest), or "
                 "cancel order {id}.").format(channel=order.channel, id=order.id)
    if order.status not in OPEN:
        return _("Order {id} is {state}: an item can be substituted only before the order leaves the shop.").format(
            id=order.id, state=deliveries.state_label(order.status))
    return None


def _order(db, order_id: int):
    order = order_store.get(db, order_id)
    if order is None:
        raise NotFound(_("There is no order number {id}.").format(id=order_id))
    why = _refusal(order)
    if why:
        raise InvalidState(why)
    return order


def _line(order, line_no: int):
    line = next((line for line in order.lines if line.line_no == line_no), None)
    if line is None:
        raise InputError(_("Order {id} has no line {line}.").format(id=order.id, line=line_no))
    return line


def line_for(ctx: ServiceContext, order_id: int, item: str) -> int:
    """The line number of ``item`` (an item code, or a line number) in the order."""
    order = _order(ctx.store.db(), order_id)
    if item.isdigit() and any(line.line_no == int(item) for line in order.lines):
        return int(item)
    found = [line.line_no for line in order.lines if line.sku.casefold() == item.strip().casefold()]
    if not found:
        raise InputError(_("Order {id} has no {sku}.").format(id=order_id, sku=item))
    return found[0]


def lines(ctx: ServiceContext, order_id: int) -> list[tuple[int, str]]:
    """The order's lines as the seller reads them: (line number, "item × quantity") in the seller's language."""
    db = ctx.store.db()
    order = order_store.get(db, order_id)
    lang = language()
    return [(line.line_no, f"{_name(db, line.sku, lang)} × {count(line.qty_milli, line.unit)}")
            for line in order.lines] if order else []


def qty_for_line(ctx: ServiceContext, order_id: int, line_no: int, text: str) -> int:
    """``text`` ("2", "0.5") read in the unit of the order's line, as qty_milli."""
    order = _order(ctx.store.db(), order_id)
    return to_milli(text.strip(), _line(order, line_no).unit)


def _band(ctx: ServiceContext) -> int:
    return int(settings_service.get(ctx.store, config.SUBSTITUTE_BAND_PCT))


def _candidates(ctx: ServiceContext, db, order, line, qty_milli: int) -> list[Candidate]:
    product = catalog_store.get(db, line.sku)
    if product is None or not product.category:
        return []
    found = _fitting(ctx, db, line, qty_milli, [product.category])
    if found:
        return found
    return _fitting(ctx, db, line, qty_milli, neighbours(db, product.category), other_kind=True)


def _fitting(ctx: ServiceContext, db, line, qty_milli: int, categories: list[str], *,
             other_kind: bool = False) -> list[Candidate]:
    """Items of these categories that fit the line: same unit, priced within the band, free for the quantity."""
    band = _band(ctx)
    low, high = line.unit_price_paise * (100 - band) / 100, line.unit_price_paise * (100 + band) / 100
    others = [p for category in categories for p in catalog_store.list_products(db, category=category)
              if p.sku != line.sku and p.active and p.unit == line.unit and low <= p.price_paise <= high]
    if not others:
        return []
    skus = [str(p.sku) for p in others]
    free = stock_holds.free_many(db, skus)
    lang = language()
    kinds = {c: _category_name(db, c, lang) for c in categories} if other_kind else {}
    out = [Candidate(p.sku, p.name(lang), p.price_paise, free[p.sku],
                     _amount(p.price_paise, qty_milli) - _amount(line.unit_price_paise, qty_milli),
                     kinds.get(p.category or "", ""))
           for p in others if free[p.sku] >= qty_milli]
    return sorted(out, key=lambda c: (abs(c.difference_paise), c.name.casefold()))


@cache
def _neighbour_pairs() -> dict[str, tuple[str, ...]]:
    """The neighbouring categories of the seed's, both ways (``resources/data/category_neighbours.csv``)."""
    found: dict[str, list[str]] = {}
    with open(resources_dir() / "data" / "category_neighbours.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            found.setdefault(row["category"], []).append(row["neighbour"])
            found.setdefault(row["neighbour"], []).append(row["category"])
    return {k: tuple(v) for k, v in found.items()}


def neighbours(db, category: str) -> list[str]:
    """Categories whose items could stand in when none of ``category`` fits: the listed neighbours, then its
    parent, its children and those sharing its parent in the shop's category tree."""
    return list(dict.fromkeys([*_neighbour_pairs().get(category, ()), *catalog_store.category_relatives(db, category)]))


def shown_name(candidate: Candidate) -> str:
    """The candidate's name as the seller reads it: with its category when it is another kind."""
    if not candidate.other_kind:
        return candidate.name
    return _("{name} (another kind: {category})").format(name=candidate.name, category=candidate.other_kind)


def _category_name(db, code: str, lang: str) -> str:
    found = catalog_store.get_category(db, code)
    if found is None:
        return code
    return (found.name_hi or found.name_en) if lang == "hi" else found.name_en


def _amount(unit_price_paise: int, qty_milli: int) -> int:
    return unit_price_paise * qty_milli // 1000


def _qty(line, qty_milli: int | None) -> int:
    """The units to replace: the whole line, or some of it (the rest of the line still goes)."""
    if qty_milli is None:
        return line.qty_milli
    check_whole(qty_milli, line.unit)
    if not 0 < qty_milli <= line.qty_milli:
        raise InputError(_("Replace from 1 up to the {qty} the order has.").format(qty=count(line.qty_milli,
                                                                                          line.unit)))
    return qty_milli


def candidates(ctx: ServiceContext, order_id: int, line_no: int, qty_milli: int | None = None) -> list[Candidate]:
    """Items that could take the place of the order's line (or of ``qty_milli`` of it), nearest in price first
    (empty when none fits)."""
    db = ctx.store.db()
    order = _order(db, order_id)
    line = _line(order, line_no)
    return _candidates(ctx, db, order, line, _qty(line, qty_milli))


def _difference_words(lang: str, difference_paise: int) -> str:
    say, tr = customer_messages.say, customer_messages.tr
    if difference_paise > 0:
        return say(lang, tr("{amount} more")).format(amount=format_inr(difference_paise))
    if difference_paise < 0:
        return say(lang, tr("{amount} less")).format(amount=format_inr(-difference_paise))
    return say(lang, tr("the same price"))


def _name(db, sku: str, lang: str) -> str:
    product = catalog_store.get(db, sku)
    return product.name(lang) if product else sku


def propose(ctx: ServiceContext, order_id: int, line_no: int, sku: str, *, ask_by: str = "whatsapp",
            qty_milli: int | None = None, origin: Origin = SELLER) -> Changes:
    """Ask the customer whether ``sku`` may take the place of the order's line (or of ``qty_milli`` of it: the
    units short, when some were found); ``Changes.id`` is the question's
    number. WhatsApp: the question is queued through the outbox (or, without a phone or WhatsApp, a task says to
    call); phone: the seller asks and records the answer with :func:`answer`."""
    if ask_by not in ASK_BY:
        raise InputError(_("Ask the customer on WhatsApp or by phone."))
    now = ctx.now_iso()
    with ctx.store.write() as db:
        order = _order(db, order_id)
        line = _line(order, line_no)
        qty = _qty(line, qty_milli)
        if store.open_for(db, order_id) is not None:
            raise InvalidState(_("Order {id} already waits for the customer's answer on a substitute; record it "
                                 "first.").format(id=order_id))
        chosen = next((c for c in _candidates(ctx, db, order, line, qty) if c.sku.casefold() == sku.strip().casefold()),
                      None)
        if chosen is None:
            raise InputError(_("{sku} cannot take the place of {item}: a substitute is of the same kind and unit, "
                               "priced within {band}% and in stock for the quantity.").format(
                sku=sku, item=line.name, band=_band(ctx)))
        sub_id = store.insert(db, order_id=order_id, line_no=line_no, sku_from=line.sku, qty_milli=qty,
                              price_from_paise=line.unit_price_paise, sku_to=chosen.sku,
                              price_to_paise=chosen.unit_price_paise, asked_by=ask_by, at=now)
        note = _("{item} → {substitute}, {difference}").format(item=line.name, substitute=chosen.name,
                                                              difference=difference_label(chosen.difference_paise))
        event = ctx.record(db, FulfilmentUpdated(order_id=order_id, status="substitute_asked", note=note), origin,
                           at=now)
        queued = 0
        if ask_by == "whatsapp":
            lang = customer_messages.language_of(db, order_id)
            queued = customer_messages.queue_step(
                ctx, db, order_id, "substitute", at=now, event_id=event.event_id, key=str(sub_id), values={
                    "item": _name(db, line.sku, lang), "substitute": _name(db, chosen.sku, lang),
                    "qty": count(qty, line.unit), "price": format_inr(chosen.unit_price_paise),
                    "difference": _difference_words(lang, chosen.difference_paise)})
    return Changes(orders=frozenset({order_id}), outbox=queued, events=(event,), id=sub_id)


def difference_label(difference_paise: int) -> str:
    """The price difference in the seller's words: '₹30.00 more', '₹5.00 less', 'the same price'."""
    if difference_paise > 0:
        return _("{amount} more").format(amount=format_inr(difference_paise))
    if difference_paise < 0:
        return _("{amount} less").format(amount=format_inr(-difference_paise))
    return _("the same price")


def open_question(ctx: ServiceContext, order_id: int) -> Proposal | None:
    """The substitute the customer has been asked about and not yet answered, in the seller's words."""
    db = ctx.store.db()
    asked = store.open_for(db, order_id)
    if asked is None:
        return None
    lang = language()
    item, substitute = _name(db, asked.sku_from, lang), _name(db, asked.sku_to, lang)
    difference = _amount(asked.price_to_paise, asked.qty_milli) - _amount(asked.price_from_paise, asked.qty_milli)
    how = _("on WhatsApp") if asked.asked_by == "whatsapp" else _("by phone")
    return Proposal(asked, item, substitute, difference, _(
        "Asked {how}: {substitute} at {price} in place of {item} ({difference}). What did the customer say?").format(
        how=how, substitute=substitute, price=format_inr(asked.price_to_paise), item=item,
        difference=difference_label(difference)))


def waiting(ctx: ServiceContext) -> set[int]:
    """Orders whose customer has not yet answered about a substitute (the Home delivery list marks them)."""
    return store.waiting(ctx.store.db())


def history(ctx: ServiceContext, order_id: int) -> list[Substitution]:
    return store.by_order(ctx.store.db(), order_id)


def answer(ctx: ServiceContext, order_id: int, *, yes: bool, then: str = "drop", origin: Origin = SELLER) -> Changes:
    """Record the customer's answer to the open question. Yes: the line becomes the substitute. No: ``then`` is
    ``drop`` (the rest of the order goes without the item) or ``cancel`` (the whole order is cancelled)."""
    if not yes and then not in ("drop", "cancel"):
        raise InputError(_("Say what happens on a no: send the rest, or cancel the order."))
    now = ctx.now_iso()
    with ctx.store.write() as db:
        asked = _asked(db, order_id)
        order = _order(db, order_id)
        line = _line(order, asked.line_no)
        rest = line.qty_milli - asked.qty_milli  # units of the line that still go (some were found)
        kept = [old for old in order.lines if old.line_no != asked.line_no or rest > 0]
        if not yes and (then == "cancel" or not kept):  # a no that leaves nothing to deliver: the order goes
            store.set_answer(db, asked.id, status="declined", outcome="cancel", at=now)
            _queue_answer(ctx, db, order_id, asked, "substitute_cancel")
            return deliveries.cancel(ctx, order_id, reason=_("the customer declined a substitute"), origin=origin)
        new_no = store.next_line_no(db, order_id) if yes else None
        lines = [SaleLine(sku=old.sku, qty_milli=rest if old.line_no == asked.line_no else old.qty_milli,
                          unit_price_paise=old.unit_price_paise,
                          discount_paise=_share(old.discount_paise, rest, old.qty_milli)
                          if old.line_no == asked.line_no else old.discount_paise) for old in kept]
        numbers = [old.line_no for old in kept]
        if yes:
            assert new_no is not None
            free = stock_holds.free_many(db, [asked.sku_to])[asked.sku_to]
            if free < asked.qty_milli:
                raise InvalidQuantity(_("Only {have} of {name} is free now; propose another substitute.").format(
                    have=format_qty(max(free, 0), line.unit), name=_name(db, asked.sku_to, language())))
            # the price the customer was quoted, even if the shelf price changed while they thought it over; the
            # discount the replaced units had goes with them (the same rupees off, never more than the new line)
            carried = line.discount_paise - _share(line.discount_paise, rest, line.qty_milli)
            lines.append(SaleLine(sku=asked.sku_to, qty_milli=asked.qty_milli, unit_price_paise=asked.price_to_paise,
                                  discount_paise=min(carried, _amount(asked.price_to_paise, asked.qty_milli))))
            numbers.append(new_no)
        quote = sales._quote(ctx, db, lines, place_of_supply=order.place_of_supply, bill_discount_paise=0,
                             day=ctx.business_date(ctx.now()), confirmed=True)
        event = ctx.record(db, FulfilmentUpdated(
            order_id=order_id, status="substituted" if yes else "substitute_declined",
            note=_("{item} → {substitute}; now {total}").format(
                item=line.name, substitute=_name(db, asked.sku_to, language()), total=format_inr(quote.total_paise))
            if yes else _("{item} left out; now {total}").format(item=line.name,
                                                                  total=format_inr(quote.total_paise))),
            origin, at=now)
        store.replace_lines(db, order_id, quote.bill)
        sales._insert_lines(db, order_id, lines, quote.inputs, quote.bill, quote.products, line_nos=numbers)
        stock_store.add_move(db, sku=line.sku, qty_milli=asked.qty_milli, reason="cancel",
                             source=deliveries.CHANNEL, source_ref=f"{order_id}:{line.line_no}:sub{asked.id}",
                             at=now, actor=origin.actor, event_id=event.event_id)
        if yes:
            stock_store.add_move(db, sku=asked.sku_to, qty_milli=-asked.qty_milli, reason="sale",
                                 source=deliveries.CHANNEL, source_ref=f"{order_id}:{new_no}", at=now,
                                 actor=origin.actor, event_id=event.event_id)
        store.set_answer(db, asked.id, status="accepted" if yes else "declined", outcome="" if yes else "drop",
                         new_line_no=new_no, at=now)
        step = "substitute_yes" if yes else "substitute_drop_part" if rest > 0 else "substitute_drop"
        queued = _queue_answer(ctx, db, order_id, asked, step, qty=count(rest, line.unit))
        skus = tuple(dict.fromkeys((line.sku, asked.sku_to) if yes else (line.sku,)))
        queued += sum(listings.enqueue_quantity(db, sku, at=now, event_id=event.event_id)
                      for sku in sales._listed(db, skus))
    return Changes(orders=frozenset({order_id}), stock=frozenset(skus), outbox=queued, events=(event,), id=order_id)


YES_WORDS = frozenset({"yes", "y", "ok", "okay", "haan", "han", "ha", "ji", "हाँ", "हां", "हा", "जी", "ठीक"})
NO_WORDS = frozenset({"no", "n", "nahi", "nahin", "nai", "na", "नहीं", "नही", "ना"})


def read_reply(text: str) -> bool | None:
    """A customer's WhatsApp answer to the question: True for yes, False for no, None when it is neither (then
    the seller reads it and records the answer)."""
    words = " ".join(text.casefold().replace("!", " ").replace(".", " ").replace(",", " ").split())
    if words in YES_WORDS:
        return True
    if words in NO_WORDS:
        return False
    return None


def reply_from(ctx: ServiceContext, phone: str, text: str, *, origin: Origin) -> int | None:
    """A WhatsApp reply from ``phone`` (as WhatsApp writes it, 91XXXXXXXXXX): when it is a plain yes or no and that
    number has exactly one question open that was asked on WhatsApp, the answer is recorded (no: the rest goes
    without the item) and the order number returned. A yes that cannot be done now (the substitute was sold
    meanwhile) becomes a call for the seller to make; anything else is left to the seller."""
    said = read_reply(text)
    digits = "".join(ch for ch in phone if ch.isdigit())[-10:]
    if said is None or len(digits) != 10:
        return None
    db = ctx.store.db()
    open_ = store.asked_on_whatsapp(db, digits)
    if len(open_) != 1:
        return None
    order_id = int(open_[0])
    try:
        answer(ctx, order_id, yes=said, origin=origin)
    except AppError as exc:
        alerts.raise_alert(ctx, kind="customer_message", subject=f"order:{order_id}", severity="warning",
                           message=_("The customer of order {id} said {answer} to the substitute on WhatsApp, but "
                                     "it cannot be done: {why} Call them.").format(
                               id=order_id, answer=_("yes") if said else _("no"), why=exc.message), origin=origin)
        return None
    return order_id


def _share(discount_paise: int, qty_milli: int, of_milli: int) -> int:
    """A line's discount for the part of it that stays."""
    return discount_paise * qty_milli // of_milli


def _asked(db, order_id: int) -> Substitution:
    asked = store.open_for(db, order_id)
    if asked is None:
        raise InvalidState(_("Order {id} waits for no answer on a substitute.").format(id=order_id))
    _order(db, order_id)
    return asked


def _queue_answer(ctx: ServiceContext, db, order_id: int, asked: Substitution, step: str, qty: str = "") -> int:
    """Tell the customer what was settled — only when they were asked on WhatsApp (a phone answer was spoken)."""
    if asked.asked_by != "whatsapp":
        return 0
    lang = customer_messages.language_of(db, order_id)
    return customer_messages.queue_step(ctx, db, order_id, step, at=ctx.now_iso(), key=str(asked.id), values={
        "item": _name(db, asked.sku_from, lang), "substitute": _name(db, asked.sku_to, lang), "qty": qty})
