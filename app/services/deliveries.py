"""The shop's own home-delivery orders (a phone or WhatsApp order, taken at the counter or the Orders page):
taken, confirmed, packed, out for delivery with the shop's delivery person, delivered and paid at the door.

Every step is one transaction with its event. The order is an ``orders`` row on channel ``delivery`` with its
lines priced as at the counter (GST split, MRP and below-cost checks), and its stock is taken when the order is
taken (so the counter cannot sell the same packet twice), keyed ``delivery:<order>:<line>`` so it is taken
once; a cancellation puts it back once. The tax invoice is numbered when the goods leave the shop (out for
delivery: GST's time of supply for goods that move), and the payment, cash or UPI, is recorded once, on
delivery, which completes the sale. States only move forward (``app.domain.delivery``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from app import config
from app.domain import bounds
from app.domain import delivery as rules
from app.domain import fy as fiscal
from app.domain.codes import check_phone
from app.domain.money import format_inr
from app.errors import InputError, InvalidAmount, InvalidState, NotFound
from app.events import OrderCancelled, OrderImported, OrderStatusChanged, PaymentRecorded
from app.i18n import _, language
from app.services import customer_messages, listings, sales, stock_holds
from app.services import settings as settings_service
from app.services.changes import Changes
from app.services.context import SELLER, Origin, ServiceContext
from app.services.periods import check_open
from app.services.sales import PaymentIn, SaleLine
from app.services.shop import profile as shop_profile
from app.store import deliveries as store
from app.store import orders as order_store
from app.store import parties
from app.store import shop as shop_store
from app.store import stock as stock_store

__all__ = ["NewDelivery", "advance", "cancel", "create", "deliver", "delivery_orders", "pay_label", "run_for",
           "state_label"]

CHANNEL = store.CHANNEL


@dataclass(frozen=True, kw_only=True)
class NewDelivery:
    """What the seller writes down when a customer phones or sends a WhatsApp order."""

    customer_name: str
    address: str
    lines: Sequence[SaleLine]
    phone: str = ""
    area: str = ""
    pin: str = ""
    pay_by: str = "cash"
    source: str = "phone"
    deliver_on: date | None = None  # the day of the run; today when not said
    note: str = ""
    customer_id: int | None = None
    language: str = ""  # the customer's language for messages ('' = the shop's)


def state_label(status: str) -> str:
    """A delivery order's state in the seller's words."""
    return {"pending": _("taken"), "accepted": _("confirmed"), "packed": _("packed"),
            "shipped": _("out for delivery"), "delivered": _("delivered"), "cancelled": _("cancelled")}.get(
        status, status)


def pay_label(method: str) -> str:
    """How the customer pays at the door, in the seller's words."""
    return {"cash": _("cash"), "upi": _("UPI")}.get(method, method)


def _phone(text: str) -> str:
    return check_phone(text) if (text or "").strip() else ""


def _check(new: NewDelivery) -> tuple[str, str, str, str]:
    name = bounds.check_text(new.customer_name, what=_("The customer's name"))
    address = bounds.check_text(new.address, what=_("The address"), limit=bounds.NOTE_MAX)
    area = bounds.check_text(new.area, what=_("The area"), empty_ok=True)
    pin = rules.check_pin(new.pin)
    if pin is None:
        raise InputError(_("'{pin}' is not a PIN code (six digits).").format(pin=new.pin))
    if new.pay_by not in rules.PAY_METHODS:
        raise InputError(_("Payment at the door is cash or UPI."))
    if new.source not in rules.SOURCES:
        raise InputError(_("'{source}' is not a way of taking an order we know.").format(source=new.source))
    if not new.lines:
        raise InputError(_("The order has no items."))
    return name, address, area, pin


def create(ctx: ServiceContext, new: NewDelivery, *, confirmed: bool = False, origin: Origin = SELLER) -> Changes:
    """Take a home-delivery order; ``Changes.id`` is its order number. Its stock is set aside at once."""
    name, address, area, pin = _check(new)
    phone = _phone(new.phone)
    note = bounds.check_text(new.note, what=_("The note"), limit=bounds.NOTE_MAX, empty_ok=True)
    now = ctx.now_iso()
    today = ctx.business_date(ctx.now())
    run_day = new.deliver_on or today
    if run_day < today:
        raise InputError(_("A delivery cannot be planned for a day that has passed."))
    with ctx.store.write() as db:
        fiscal_year = check_open(db, today)
        quote = sales.quote_sale(ctx, lines=new.lines, confirmed=confirmed)
        _check_stock(ctx, db, new.lines, quote.products)
        customer = parties.get_customer(db, new.customer_id) if new.customer_id else None
        if new.customer_id and customer is None:
            raise NotFound(_("There is no customer number {id}.").format(id=new.customer_id))
        customer = customer or (parties.customer_by_phone(db, phone) if phone else None)
        bill = quote.bill
        order_id = store.insert_order(
            db, channel=CHANNEL, doc_type=quote.doc_type, fy=fiscal_year,
            customer_id=customer.id if customer else None, customer_name=name,
            customer_gstin=customer.gstin if customer else None, place_of_supply=quote.place_of_supply,
            interstate=quote.interstate, bill=bill, note=note, at=now, business_date=today.isoformat(),
            actor=origin.actor)
        skus = tuple(dict.fromkeys(line.sku for line in new.lines))
        event = ctx.record(db, OrderImported(order_id=order_id, channel=CHANNEL, remote_id=f"#{order_id}",
                                             total_paise=bill.total_paise, skus=skus), origin, at=now)
        sales._insert_lines(db, order_id, new.lines, quote.inputs, bill, quote.products)
        for line_no, line in enumerate(new.lines, start=1):
            stock_store.add_move(db, sku=line.sku, qty_milli=-line.qty_milli, reason="sale", source=CHANNEL,
                                 source_ref=f"{order_id}:{line_no}", at=now, actor=origin.actor,
                                 event_id=event.event_id)
        store.insert(db, order_id=order_id, source=new.source, phone=phone, address=address, area=area, pin=pin,
                     pay_by=new.pay_by, deliver_on=run_day.isoformat(), language=new.language, at=now)
        queued = sum(listings.enqueue_quantity(db, sku, at=now, event_id=event.event_id)
                     for sku in sales._listed(db, skus))
    return Changes(orders=frozenset({order_id}), stock=frozenset(skus),
                   customers=frozenset({customer.id}) if customer else frozenset(), outbox=queued, events=(event,),
                   id=order_id)


def _check_stock(ctx: ServiceContext, db, lines: Sequence[SaleLine], products) -> None:
    wanted: dict[str, int] = {}
    for line in lines:
        wanted[line.sku] = wanted.get(line.sku, 0) + line.qty_milli
    stock_holds.check_free(db, wanted, {sku: p.name_en for sku, p in products.items()},
                           negative_ok=settings_service.get(ctx.store, config.ALLOW_NEGATIVE_STOCK))


def _order(db, order_id: int):
    order = order_store.get(db, order_id)
    if order is None or order.channel != CHANNEL:
        raise NotFound(_("There is no home-delivery order number {id}.").format(id=order_id))
    return order


def _move(ctx: ServiceContext, db, order, status: str, origin: Origin, at: str) -> list:
    """Move the order forward to ``status`` (numbering its invoice when it leaves the shop); its events."""
    if not rules.can_move(order.status, status):
        raise InvalidState(_("Order {id} is {current}; it cannot become {new}.").format(
            id=order.id, current=state_label(order.status), new=state_label(status)))
    if status == order.status:
        return []
    if status in ("shipped", "delivered") and not order.invoice_no:
        day = ctx.business_date(ctx.now())
        fiscal_year = check_open(db, day)
        series = sales._doc(shop_profile(ctx.store), settings_service.get(ctx.store, config.INVOICE_PREFIX))[1]
        number = fiscal.doc_number(series, fiscal_year, shop_store.next_serial(db, series, fiscal_year))
        store.set_invoice(db, order.id, invoice_no=number, fy=fiscal_year, business_date=day.isoformat())
    store.set_status(db, order.id, status, completed_at=at if status == "delivered" else None)
    event = ctx.record(db, OrderStatusChanged(order_id=order.id, channel=CHANNEL, old_status=order.status,
                                              new_status=status), origin, at=at)
    customer_messages.queue_step(ctx, db, order.id, status, at=at, event_id=event.event_id)
    return [event]


def advance(ctx: ServiceContext, order_id: int, status: str, *, rider: str = "", origin: Origin = SELLER) -> Changes:
    """Confirm (``accepted``), pack (``packed``) or send out (``shipped``, with the delivery person's name)."""
    if status not in ("accepted", "packed", "shipped"):
        raise InputError(_("'{status}' is not a delivery step; use deliver or cancel.").format(status=status))
    rider = bounds.check_text(rider, what=_("The delivery person"), empty_ok=True)
    now = ctx.now_iso()
    with ctx.store.write() as db:
        order = _order(db, order_id)
        if rider and rules.can_move(order.status, status):
            store.set_rider(db, order_id, rider)  # before the move: the customer's message names them
        events = _move(ctx, db, order, status, origin, now)
    return Changes(orders=frozenset({order_id}) if events else frozenset(), events=tuple(events), id=order_id)


def deliver(ctx: ServiceContext, order_id: int, payments: Sequence[PaymentIn] = (), *,
            origin: Origin = SELLER) -> Changes:
    """Delivered and paid at the door: the payment is recorded once and the sale is complete.

    Without ``payments`` the whole amount is taken the way the customer said they would pay. Delivering an
    order already delivered changes nothing (a second tap records no second payment)."""
    now = ctx.now_iso()
    with ctx.store.write() as db:
        order = _order(db, order_id)
        if order.status == "delivered":
            return Changes(id=order_id)
        due = order.total_paise - order.paid_paise
        if not payments:
            pay_by = store.pay_by(db, order_id)
            payments = [PaymentIn(method=pay_by, amount_paise=due)]
        for payment in payments:
            if payment.method not in rules.PAY_METHODS:
                raise InputError(_("Payment at the door is cash or UPI."))
            if not isinstance(payment.amount_paise, int) or payment.amount_paise <= 0:
                raise InvalidAmount(_("A payment must be more than zero."))
        paid = sum(p.amount_paise for p in payments)
        if paid != due:
            raise InvalidAmount(_("The payments add up to {paid}, but {due} is due.").format(
                paid=format_inr(paid), due=format_inr(due)))
        events = []
        if order.status in ("pending", "accepted", "packed"):
            events += _move(ctx, db, order, "shipped", origin, now)
            order = _order(db, order_id)
        for payment in payments:
            payment_id, _extra = sales._insert_payment(ctx, db, order_id, order.customer_id, payment, now, origin)
            events.append(ctx.record(db, PaymentRecorded(payment_id=payment_id, method=payment.method,
                                                         amount_paise=payment.amount_paise, order_id=order_id,
                                                         customer_id=order.customer_id), origin, at=now))
        order_store.add_paid(db, order_id, paid)
        events += _move(ctx, db, order, "delivered", origin, now)
    return Changes(orders=frozenset({order_id}), customers=frozenset({order.customer_id}) if order.customer_id
                   else frozenset(), events=tuple(events), id=order_id)


def cancel(ctx: ServiceContext, order_id: int, *, reason: str = "", origin: Origin = SELLER) -> Changes:
    """Cancel before delivery (the customer called off, or refused at the door): the stock comes back once."""
    reason = bounds.check_text(reason, what=_("The reason"), empty_ok=True)
    now = ctx.now_iso()
    with ctx.store.write() as db:
        order = _order(db, order_id)
        if order.status == "cancelled":
            return Changes(id=order_id)
        if not rules.can_move(order.status, "cancelled"):
            raise InvalidState(_("Order {id} was delivered and paid; take it back as a return at the counter.")
                               .format(id=order_id))
        store.set_status(db, order_id, "cancelled", note=reason)
        skus = tuple(dict.fromkeys(line.sku for line in order.lines))
        event = ctx.record(db, OrderCancelled(order_id=order_id, channel=CHANNEL, skus=skus), origin, at=now)
        for line in order.lines:
            stock_store.add_move(db, sku=line.sku, qty_milli=line.qty_milli, reason="cancel", source=CHANNEL,
                                 source_ref=f"{order_id}:{line.line_no}", at=now, actor=origin.actor,
                                 event_id=event.event_id)
        queued = sum(listings.enqueue_quantity(db, sku, at=now, event_id=event.event_id)
                     for sku in sales._listed(db, skus))
    return Changes(orders=frozenset({order_id}), stock=frozenset(skus), outbox=queued, events=(event,), id=order_id)


def delivery_orders(ctx: ServiceContext, *, day: date | None = None, open_only: bool = False,
                    limit: int = 200) -> list[store.DeliveryRow]:
    """The shop's delivery orders, newest first (one run day, or only those still to deliver), the items named in
    the seller's language."""
    return store.list_orders(ctx.store.db(), day=day.isoformat() if day else None,
                             statuses=rules.OPEN if open_only else (), limit=limit, lang=language())


def run_for(ctx: ServiceContext, day: date | None = None) -> list[rules.RunStop]:
    """The day's delivery run: every order for that day not yet delivered or cancelled, lane by lane; the items
    named in the seller's language (Hindi names where the catalog has them), on the screen and on paper."""
    rows = store.list_orders(ctx.store.db(), day=(day or ctx.today()).isoformat(), statuses=rules.OPEN,
                             limit=1000, lang=language())
    return rules.run_order(rules.RunStop(
        order_id=r.order_id, customer=r.customer, phone=r.phone, address=r.address, area=r.area, pin=r.pin,
        items=r.items, due_paise=r.total_paise - r.paid_paise, pay_by=r.pay_by, status=r.status, note=r.note)
        for r in rows)
