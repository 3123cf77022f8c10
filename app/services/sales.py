"""Selling: a counter sale, a marketplace order coming in, its status, and cancelling it.

A counter sale is one transaction: the order and its lines (with the GST split), the stock moves,
the payments, the khata entry for credit, the event, and the quantity updates for every marketplace
the items are listed on. It commits before anything is printed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from app import config
from app.domain import billing, bounds, fy, pricing
from app.domain.clock import to_iso
from app.domain.gst import check_place_of_supply, is_interstate
from app.domain.money import format_inr
from app.domain.qty import check_positive, check_whole
from app.domain.records import Product, ShopProfile
from app.errors import CreditLimitExceeded, InputError, InvalidAmount, InvalidState, NotFound
from app.events import OrderCancelled, OrderImported, OrderStatusChanged, PaymentRecorded, SaleRecorded
from app.i18n import _
from app.services import listings, stock_holds
from app.services import settings as settings_service
from app.services.changes import Changes
from app.services.context import SELLER, Origin, ServiceContext
from app.services.periods import check_open
from app.services.shop import profile as shop_profile
from app.services.taxes import product_rate, rate_table
from app.store import catalog as catalog_store
from app.store import channels, parties
from app.store import orders as order_store
from app.store import shop as shop_store
from app.store import stock as stock_store

PAYMENT_METHODS = ("cash", "upi", "card", "khata", "bank", "other")
# Marketplace order states, in the only order they may move (cancelled is reachable before shipping).
ORDER_FLOW = ("pending", "accepted", "packed", "shipped", "delivered")


@dataclass(frozen=True, kw_only=True)
class SaleLine:
    sku: str
    qty_milli: int
    unit_price_paise: int | None = None  # None: the item's current price
    discount_paise: int = 0


@dataclass(frozen=True, kw_only=True)
class PaymentIn:
    method: str
    amount_paise: int
    reference: str = ""
    tendered_paise: int | None = None  # cash handed over; the change is tendered - amount


@dataclass(frozen=True, kw_only=True)
class RemoteLine:
    sku: str
    qty_milli: int
    unit_price_paise: int
    remote_line_id: str


def _load_products(db: Database, skus: list[str]) -> dict[str, Product]:
    products = catalog_store.get_many(db, sorted(set(skus)))
    for sku in skus:
        product = products.get(sku)
        if product is None:
            raise NotFound(_("There is no item with the code '{sku}'.").format(sku=sku),
                           hint=_("Check the code, or search the item by its name."))
        if not product.active:
            raise InputError(_("{name} is no longer sold (archived).").format(name=product.name_en))
    return products


def _doc(profile: ShopProfile, prefix: str) -> tuple[str, str]:
    """(document type, number series) for a sale by this shop."""
    if profile.gst_scheme == "regular":
        return "tax_invoice", prefix
    if profile.gst_scheme == "composition":
        return "bill_of_supply", "BOS"
    return "none", "BILL"


@dataclass(frozen=True, kw_only=True)
class Quote:
    """A priced bill before it is saved: what the counter shows and what ``record_sale`` will write."""

    bill: billing.PricedBill
    lines: tuple[SaleLine, ...]
    inputs: tuple[billing.LineInput, ...]
    products: dict[str, Product]
    place_of_supply: str
    interstate: bool
    doc_type: str
    series: str

    @property
    def total_paise(self) -> int:
        return self.bill.total_paise


def _usual_line_qty(db: Database, sku: str) -> int | None:
    """The most of ``sku`` sold on one line lately (None before its first sales)."""
    return order_store.usual_line_qty(db, sku)


def _quote(ctx: ServiceContext, db: Database, lines: Sequence[SaleLine], *, place_of_supply: str | None,
           bill_discount_paise: int, day, confirmed: bool) -> Quote:
    if not lines:
        raise InputError(_("The bill has no items."))
    store = ctx.store
    profile = shop_profile(store)
    pos = check_place_of_supply(place_of_supply) if place_of_supply else profile.state_code
    interstate = is_interstate(profile.state_code, pos)
    if interstate and profile.gst_scheme == "composition":
        raise InputError(_("A composition dealer cannot sell to another state."))
    products = _load_products(db, [line.sku for line in lines])
    rates = rate_table(store)
    inputs = []
    for line in lines:
        product = products[line.sku]
        check_positive(line.qty_milli)
        check_whole(line.qty_milli, product.unit)
        price = product.price_paise if line.unit_price_paise is None else line.unit_price_paise
        pricing.check_price(price, product.mrp_paise, what=product.name_en)
        rate, cess = product_rate(rates, product, day) if profile.collects_gst else (0, 0)
        inputs.append(billing.LineInput(qty_milli=line.qty_milli, unit_price_paise=price,
                                        discount_paise=line.discount_paise, rate_bp=rate, cess_bp=cess))
    bounds.check_money(bill_discount_paise, limit=bounds.MAX_BILL_PAISE, what=_("Discount"))
    bill = billing.price_bill(
        inputs, interstate=interstate, collects_gst=profile.collects_gst, bill_discount_paise=bill_discount_paise,
        round_to_rupee=settings_service.get(store, config.ROUND_TO_RUPEE))
    for line, priced in zip(lines, bill.lines, strict=True):
        bounds.check_line(priced.total_paise, what=products[line.sku].name_en)
    bounds.check_bill(bill.total_paise)
    if not confirmed:
        for line in lines:
            bounds.confirm_usual_qty(line.qty_milli, _usual_line_qty(db, line.sku),
                                     what=products[line.sku].name_en, confirmed=False)
        for line, priced in zip(lines, bill.lines, strict=True):
            product = products[line.sku]
            pricing.confirm_not_below_cost(
                priced.total_paise, pricing.line_amount(product.cost_paise, line.qty_milli), confirmed=False,
                what=product.name_en)
    doc_type, series = _doc(profile, settings_service.get(store, config.INVOICE_PREFIX))
    return Quote(bill=bill, lines=tuple(lines), inputs=tuple(inputs), products=products, place_of_supply=pos,
                 interstate=interstate, doc_type=doc_type, series=series)


def quote_sale(ctx: ServiceContext, *, lines: Sequence[SaleLine], place_of_supply: str | None = None,
               bill_discount_paise: int = 0, at: datetime | None = None, confirmed: bool = True) -> Quote:
    """Price a bill without saving anything (the running total at the counter)."""
    day = ctx.business_date(at or ctx.now())
    return _quote(ctx, ctx.store.db(), lines, place_of_supply=place_of_supply,
                  bill_discount_paise=bill_discount_paise, day=day, confirmed=confirmed)


def record_sale(ctx: ServiceContext, *, lines: Sequence[SaleLine], payments: Sequence[PaymentIn],
                customer_id: int | None = None, place_of_supply: str | None = None, bill_discount_paise: int = 0,
                note: str = "", at: datetime | None = None, confirmed: bool = False, series: str | None = None,
                doc_type: str | None = None, origin: Origin = SELLER) -> Changes:
    """Record a completed counter sale and return its order id in ``Changes.id``.

    ``series`` and ``doc_type`` override the shop's usual invoice series and document (a cash memo for a
    small B2C sale that the day-end consolidated invoice will cover).

    Refuses (writing nothing) a price above MRP, a sale below cost unless ``confirmed``, payments that
    do not add up to the bill, khata beyond the customer's credit limit unless ``confirmed``, and a date
    in a closed financial year.
    """
    note = bounds.check_text(note, what=_("The note"), limit=bounds.NOTE_MAX, empty_ok=True)
    moment = at or ctx.now()
    now = to_iso(moment)
    day = ctx.business_date(moment)
    with ctx.store.write() as db:
        fiscal_year = check_open(db, day)
        quote = _quote(ctx, db, lines, place_of_supply=place_of_supply, bill_discount_paise=bill_discount_paise,
                       day=day, confirmed=confirmed)
        bill, products = quote.bill, quote.products
        customer = _check_payments(db, payments, bill.total_paise, customer_id, confirmed)
        _check_stock(db, lines, products, negative_ok=settings_service.get(ctx.store, config.ALLOW_NEGATIVE_STOCK))
        series_used = series or quote.series
        invoice_no = fy.doc_number(series_used, fiscal_year, shop_store.next_serial(db, series_used, fiscal_year))
        order_id = order_store.insert_counter_sale(
            db, (doc_type or quote.doc_type, invoice_no, fiscal_year, customer_id, customer.name if customer else "",
             customer.gstin if customer else None, quote.place_of_supply, int(quote.interstate), bill.gross_paise,
             bill.discount_paise, *bill.split.parts(), bill.round_off_paise, bill.total_paise, bill.total_paise, note,
             now, now, day.isoformat(), origin.actor))
        skus = tuple(dict.fromkeys(line.sku for line in lines))
        event = ctx.record(db, SaleRecorded(order_id=order_id, invoice_no=invoice_no, channel="counter",
                                            total_paise=bill.total_paise, line_count=len(lines),
                                            customer_id=customer_id, skus=skus), origin, at=now)
        _insert_lines(db, order_id, lines, quote.inputs, bill, products)
        for line_no, line in enumerate(lines, start=1):
            stock_store.add_move(db, sku=line.sku, qty_milli=-line.qty_milli, reason="sale", source="counter",
                                 source_ref=f"{order_id}:{line_no}", at=now, actor=origin.actor,
                                 event_id=event.event_id)
        events = [event]
        for payment in payments:
            events.extend(_insert_payment(ctx, db, order_id, customer_id, payment, now, origin)[1])
        queued = sum(listings.enqueue_quantity(db, sku, at=now, event_id=event.event_id)
                     for sku in _listed(db, skus))
    return Changes(orders=frozenset({order_id}), stock=frozenset(skus),
                   customers=frozenset({customer_id}) if customer_id else frozenset(),
                   outbox=queued, events=tuple(events), id=order_id)


def _listed(db: Database, skus: Sequence[str]) -> list[str]:
    """Which of these items are listed on any marketplace (usually none at a kirana counter)."""
    return channels.active_listed(db, skus)


def _insert_lines(db: Database, order_id: int, lines: Sequence, inputs: Sequence[billing.LineInput],
                  bill: billing.PricedBill, products: dict[str, Product],
                  remote_ids: Sequence[str | None] = (), line_nos: Sequence[int] = ()) -> None:
    """``line_nos``: the lines' numbers when not 1, 2, 3… (an order whose lines were changed keeps them)."""
    rows = []
    for n, (line, line_input, priced) in enumerate(zip(lines, inputs, bill.lines, strict=True), start=1):
        line_no = line_nos[n - 1] if line_nos else n
        product = products[line.sku]
        split = priced.split
        rows.append((order_id, line_no, line.sku, product.name_en, product.hsn_code, product.unit, line.qty_milli,
                     line_input.unit_price_paise, product.mrp_paise, priced.discount_paise, line_input.rate_bp,
                     line_input.cess_bp, split.taxable_paise, split.cgst_paise, split.sgst_paise, split.igst_paise,
                     split.cess_paise, split.total_paise, product.cost_paise,
                     remote_ids[n - 1] if remote_ids else None))
    order_store.insert_lines(db, rows)


def _check_payments(db: Database, payments: Sequence[PaymentIn], total: int, customer_id: int | None,
                    confirmed: bool):
    if not payments:
        raise InvalidAmount(_("Say how the bill of {total} was paid.").format(total=format_inr(total)))
    customer = None
    if customer_id is not None:
        customer = parties.get_customer(db, customer_id)
        if customer is None:
            raise NotFound(_("There is no customer number {id}.").format(id=customer_id))
    paid = 0
    for payment in payments:
        if payment.method not in PAYMENT_METHODS:
            raise InputError(_("'{method}' is not a way of paying we know.").format(method=payment.method))
        if not isinstance(payment.amount_paise, int) or payment.amount_paise <= 0:
            raise InvalidAmount(_("A payment must be more than zero."))
        bounds.check_money(payment.amount_paise, limit=bounds.MAX_BILL_PAISE, what=_("Payment"))
        if payment.tendered_paise is not None:
            bounds.check_money(payment.tendered_paise, limit=bounds.MAX_BILL_PAISE, what=_("Cash given"))
        if payment.tendered_paise is not None and payment.tendered_paise < payment.amount_paise:
            raise InvalidAmount(_("The cash given ({given}) is less than the amount ({amount}).").format(
                given=format_inr(payment.tendered_paise), amount=format_inr(payment.amount_paise)))
        paid += payment.amount_paise
    if paid != total:
        raise InvalidAmount(_("The payments add up to {paid}, but the bill is {total}.").format(
            paid=format_inr(paid), total=format_inr(total)))
    credit = sum(p.amount_paise for p in payments if p.method == "khata")
    if credit:
        if customer is None:
            raise InputError(_("Choose the customer whose khata this goes on."))
        if customer.khata_balance_paise + credit > customer.credit_limit_paise and not confirmed:
            raise CreditLimitExceeded(
                _("{name} would owe {owed}, above the credit limit of {limit}.").format(
                    name=customer.name, owed=format_inr(customer.khata_balance_paise + credit),
                    limit=format_inr(customer.credit_limit_paise)),
                hint=_("Take part of it in cash, or confirm to allow it this once."))
    return customer


def _check_stock(db: Database, lines: Sequence[SaleLine], products: dict[str, Product], *, negative_ok: bool) -> None:
    wanted: dict[str, int] = {}
    for line in lines:
        wanted[line.sku] = wanted.get(line.sku, 0) + line.qty_milli
    stock_holds.check_free(db, wanted, {sku: p.name_en for sku, p in products.items()}, negative_ok=negative_ok)


def _insert_payment(ctx: ServiceContext, db: Database, order_id: int | None, customer_id: int | None,
                    payment: PaymentIn, now: str, origin: Origin) -> tuple[int, list]:
    """Write one payment; a khata payment also goes on the customer's khata. Returns (id, events)."""
    payment_id = order_store.insert_payment(
        db, order_id=order_id, customer_id=customer_id, method=payment.method, amount_paise=payment.amount_paise,
        tendered_paise=payment.tendered_paise, reference=payment.reference, at=now, actor=origin.actor)
    events = []
    if payment.method == "khata":
        from app.services.khata import add_entry

        events.append(add_entry(ctx, db, customer_id, payment.amount_paise, kind="credit_sale", order_id=order_id,
                                payment_id=payment_id, note="", at=now, origin=origin))
    return payment_id, events


def record_order_payment(ctx: ServiceContext, order_id: int, payment: PaymentIn, *,
                         origin: Origin = SELLER) -> Changes:
    """Money received later for an order (a marketplace payout, the rest of a part-paid bill)."""
    now = ctx.now_iso()
    with ctx.store.write() as db:
        order = order_store.get(db, order_id, with_lines=False)
        if order is None:
            raise NotFound(_("There is no order number {id}.").format(id=order_id))
        if payment.method == "khata" or payment.amount_paise <= 0:
            raise InvalidAmount(_("A payment must be more than zero."))
        due = order.total_paise - order.paid_paise
        if payment.amount_paise > due:
            raise InvalidAmount(_("Only {due} is due on this order.").format(due=format_inr(due)))
        payment_id, _events = _insert_payment(ctx, db, order_id, order.customer_id, payment, now, origin)
        order_store.add_paid(db, order_id, payment.amount_paise)
        event = ctx.record(db, PaymentRecorded(payment_id=payment_id, method=payment.method,
                                               amount_paise=payment.amount_paise, order_id=order_id,
                                               customer_id=order.customer_id), origin, at=now)
    return Changes(orders=frozenset({order_id}), events=(event,))


def import_marketplace_order(ctx: ServiceContext, *, channel: str, remote_id: str, lines: Sequence[RemoteLine],
                             status: str = "pending", customer_name: str = "", place_of_supply: str | None = None,
                             at: datetime | None = None, origin: Origin | None = None) -> Changes:
    """Bring a marketplace order into the books, exactly once.

    Importing the same ``(channel, remote_id)`` again changes nothing; each line's stock move is keyed
    by the marketplace's line id, so no retry or overlap window can take stock twice.
    """
    origin = origin or Origin(actor=f"sync:{channel}")
    if status not in ORDER_FLOW:
        raise InputError(_("'{status}' is not an order status we know.").format(status=status))
    if not lines:
        raise InputError(_("The order has no items."))
    moment = at or ctx.now()
    now = to_iso(moment)
    day = ctx.business_date(moment)
    store = ctx.store
    with store.write() as db:
        existing = order_store.by_remote(db, channel, remote_id)
        if existing is not None:
            return Changes(id=existing.id)
        if not channels.has_channel(db, channel):
            raise NotFound(_("There is no marketplace '{code}'.").format(code=channel))
        fiscal_year = check_open(db, day)
        profile = shop_profile(store)
        pos = check_place_of_supply(place_of_supply) if place_of_supply else profile.state_code
        interstate = is_interstate(profile.state_code, pos)
        products = _load_products(db, [line.sku for line in lines])
        rates = rate_table(store)
        inputs = []
        for line in lines:
            check_positive(line.qty_milli)
            product = products[line.sku]
            pricing.check_price(line.unit_price_paise, product.mrp_paise, what=product.name_en)
            rate, cess = product_rate(rates, product, day) if profile.collects_gst else (0, 0)
            inputs.append(billing.LineInput(qty_milli=line.qty_milli, unit_price_paise=line.unit_price_paise,
                                            rate_bp=rate, cess_bp=cess))
        bill = billing.price_bill(inputs, interstate=interstate, collects_gst=profile.collects_gst,
                                  round_to_rupee=False)
        order_id = order_store.insert_marketplace_order(
            db, (channel, remote_id, status, fiscal_year, customer_name, pos, int(interstate), bill.gross_paise,
             bill.discount_paise, *bill.split.parts(), bill.total_paise, now, day.isoformat(), origin.actor))
        skus = tuple(dict.fromkeys(line.sku for line in lines))
        event = ctx.record(db, OrderImported(order_id=order_id, channel=channel, remote_id=remote_id,
                                             total_paise=bill.total_paise, skus=skus), origin, at=now)
        _insert_lines(db, order_id, lines, inputs, bill, products, [line.remote_line_id for line in lines])
        for line in lines:
            stock_store.add_move(db, sku=line.sku, qty_milli=-line.qty_milli, reason="mkt_order", source=channel,
                                 source_ref=line.remote_line_id, at=now, actor=origin.actor, event_id=event.event_id)
        # every channel hears the new quantity, the selling one included: with an allocation cap its own
        # count is ours to set, not simply one less than before
        queued = sum(listings.enqueue_quantity(db, sku, at=now, event_id=event.event_id)
                     for sku in _listed(db, skus))
    return Changes(orders=frozenset({order_id}), stock=frozenset(skus), outbox=queued, events=(event,), id=order_id)


def set_order_status(ctx: ServiceContext, order_id: int, status: str, *, origin: Origin = SELLER) -> Changes:
    """Move a marketplace order forward (pending -> accepted -> packed -> shipped -> delivered)."""
    if status == "cancelled":
        return cancel_order(ctx, order_id, origin=origin)
    if status not in ORDER_FLOW:
        raise InputError(_("'{status}' is not an order status we know.").format(status=status))
    with ctx.store.write() as db:
        order = order_store.get(db, order_id, with_lines=False)
        if order is None:
            raise NotFound(_("There is no order number {id}.").format(id=order_id))
        if order.status not in ORDER_FLOW or ORDER_FLOW.index(status) < ORDER_FLOW.index(order.status):
            raise InvalidState(_("Order {id} is {current}; it cannot go back to {status}.").format(
                id=order_id, current=order.status, status=status))
        if status == order.status:
            return Changes()
        order_store.set_flow_status(db, order_id, status, ctx.now_iso())
        event = ctx.record(db, OrderStatusChanged(order_id=order_id, channel=order.channel,
                                                  old_status=order.status, new_status=status), origin)
    return Changes(orders=frozenset({order_id}), events=(event,))


def cancel_order(ctx: ServiceContext, order_id: int, *, origin: Origin = SELLER) -> Changes:
    """Cancel a marketplace order that has not shipped, or a bill that was never completed.

    Stock taken by the order comes back. A completed counter sale is not cancelled: it is returned,
    with a credit note, so the invoice series stays whole.
    """
    now = ctx.now_iso()
    with ctx.store.write() as db:
        order = order_store.get(db, order_id)
        if order is None:
            raise NotFound(_("There is no order number {id}.").format(id=order_id))
        if order.status == "cancelled":
            return Changes(id=order_id)
        if order.channel == "counter" and order.status == "completed":
            raise InvalidState(_("A completed bill cannot be cancelled; make a return (credit note) instead."))
        if order.status in ("shipped", "delivered", "returned"):
            raise InvalidState(_("Order {id} has already shipped; handle it as a return.").format(id=order_id))
        order_store.mark_cancelled(db, order_id)
        skus = tuple(dict.fromkeys(line.sku for line in order.lines))
        event = ctx.record(db, OrderCancelled(order_id=order_id, channel=order.channel, skus=skus), origin, at=now)
        if order.channel != "counter":
            from app.store.order_parts import units_by_line

            gone = units_by_line(db, order_id)  # units shipped in a part, or already back as "the rest"
            for line in order.lines:
                ref = line.remote_line_id or f"{order_id}:{line.line_no}"
                if line.qty_milli - gone.get(line.line_no, 0) <= 0:
                    continue
                stock_store.add_move(db, sku=line.sku, qty_milli=line.qty_milli - gone.get(line.line_no, 0),
                                     reason="mkt_cancel",
                                     source=order.channel, source_ref=ref, at=now, actor=origin.actor,
                                     event_id=event.event_id)
        queued = sum(listings.enqueue_quantity(db, sku, at=now, event_id=event.event_id) for sku in _listed(db, skus))
    return Changes(orders=frozenset({order_id}), stock=frozenset(skus), outbox=queued, events=(event,))
