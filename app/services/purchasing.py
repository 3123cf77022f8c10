"""Purchase orders: create (by the seller or the inventory agent), send to the supplier through the
outbox (WhatsApp text), receive in full or in part, cancel."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from app.domain import bounds, fy
from app.domain.money import format_inr
from app.domain.qty import check_positive, check_whole, format_qty
from app.domain.records import PurchaseOrder
from app.errors import InputError, InvalidQuantity, InvalidState, NeedsConfirmation, NotFound
from app.events import PurchaseOrderCancelled, PurchaseOrderCreated, PurchaseOrderReceived, PurchaseOrderSent
from app.i18n import _
from app.services import listings
from app.services.catalog import get_product
from app.services.changes import Changes
from app.services.context import SELLER, Origin, ServiceContext
from app.services.inventory import update_average_cost
from app.services.periods import check_open
from app.services.suppliers import get_supplier
from app.store import outbox, parties
from app.store import purchasing as po_store
from app.store import shop as shop_store
from app.store import stock as stock_store

SERIES = "PO"


@dataclass(frozen=True, kw_only=True)
class PoLine:
    sku: str
    qty_milli: int
    cost_paise: int | None = None  # None: the supplier's price for it, else the item's cost


def get_po(db, po_id: int) -> PurchaseOrder:
    po = po_store.get(db, po_id)
    if po is None:
        raise NotFound(_("There is no purchase order number {id}.").format(id=po_id))
    return po


def create_purchase_order(ctx: ServiceContext, *, supplier_id: int, lines: Sequence[PoLine],
                          expected_on: date | None = None, note: str = "", confirmed: bool = False,
                          origin: Origin = SELLER) -> Changes:
    """A draft order to one supplier. Quantities below the supplier's minimum or not in whole cases,
    and an order below the supplier's minimum value, need ``confirmed=True``."""
    if not lines:
        raise InputError(_("The purchase order has no items."))
    if len({line.sku for line in lines}) != len(lines):
        raise InputError(_("An item appears twice on the purchase order; put it on one line."))
    note = bounds.check_text(note, what=_("Note"), limit=bounds.NOTE_MAX, empty_ok=True)
    if expected_on is not None:
        bounds.check_day(expected_on, what=_("Expected delivery"))
    now = ctx.now_iso()
    with ctx.store.write() as db:
        fiscal_year = check_open(db, ctx.today())
        supplier = get_supplier(db, supplier_id)
        rows, total, warnings = [], 0, []
        for line in lines:
            product = get_product(db, line.sku)
            check_positive(line.qty_milli)
            check_whole(line.qty_milli, product.unit)
            link = parties.supplier_product(db, supplier_id, line.sku)
            cost = line.cost_paise if line.cost_paise is not None else (
                link.cost_paise if link and link.cost_paise is not None else product.cost_paise)
            if cost < 0:
                raise InputError(_("The cost cannot be negative."))
            bounds.check_unit_price(cost, what=product.name_en)
            if link is not None:
                if line.qty_milli < link.moq_milli:
                    warnings.append(_("{name}: {supplier} sells at least {moq}.").format(
                        name=product.name_en, supplier=supplier.name, moq=format_qty(link.moq_milli, product.unit)))
                if line.qty_milli % link.case_size_milli:
                    warnings.append(_("{name}: comes in cases of {case}.").format(
                        name=product.name_en, case=format_qty(link.case_size_milli, product.unit)))
            amount = cost * line.qty_milli // 1000
            total += amount
            rows.append((line.sku, line.qty_milli, cost))
        if total < supplier.min_order_paise:
            warnings.append(_("{supplier} takes orders of at least {minimum}; this one is {total}.").format(
                supplier=supplier.name, minimum=format_inr(supplier.min_order_paise), total=format_inr(total)))
        if warnings and not confirmed:
            raise NeedsConfirmation(" ".join(warnings), hint=_("Change the quantities, or confirm to order anyway."))
        po_no = fy.doc_number(SERIES, fiscal_year, shop_store.next_serial(db, SERIES, fiscal_year))
        expected = expected_on or date.fromordinal(ctx.today().toordinal() + supplier.lead_time_days)
        po_id = po_store.insert_order(db, po_no=po_no, supplier_id=supplier_id, total_paise=total, note=note,
                                      expected_on=expected.isoformat(), at=now, actor=origin.actor,
                                      decision_id=origin.decision_id, lines=rows)
        event = ctx.record(db, PurchaseOrderCreated(po_id=po_id, po_no=po_no, supplier_id=supplier_id,
                                                    total_paise=total, skus=tuple(r[0] for r in rows)), origin, at=now)
    return Changes(purchase_orders=frozenset({po_id}), events=(event,), id=po_id)


def order_message(db, po: PurchaseOrder) -> str:
    """The WhatsApp text a distributor reads: shop, PO number, one line per item."""
    shop = shop_profile_name(db)
    lines = [_("Order {po_no} from {shop}").format(po_no=po.po_no, shop=shop)]
    for line in po.lines:
        product = get_product(db, line.sku)
        name = f"{product.name_en} {product.pack_size}".rstrip()
        lines.append(f"- {name}: {format_qty(line.qty_milli, product.unit)}")
    lines.append(_("Total about {total}. Please deliver by {day}.").format(
        total=format_inr(po.total_paise), day=po.expected_on or "-"))
    return "\n".join(lines)


def shop_profile_name(db) -> str:
    found = shop_store.get_profile(db)
    return found.name if found else ""


def send_purchase_order(ctx: ServiceContext, po_id: int, *, via: str = "whatsapp",
                        origin: Origin = SELLER) -> Changes:
    """Mark the order sent and queue the message for the supplier (sent when online)."""
    if via not in ("whatsapp", "sms", "email", "print"):
        raise InputError(_("A purchase order is sent by whatsapp, sms, email or print."))
    now = ctx.now_iso()
    with ctx.store.write() as db:
        po = get_po(db, po_id)
        if po.status != "draft":
            raise InvalidState(_("Purchase order {po_no} was already sent.").format(po_no=po.po_no))
        supplier = get_supplier(db, po.supplier_id)
        to = supplier.whatsapp or supplier.phone if via in ("whatsapp", "sms") else supplier.email
        if via != "print" and not to:
            raise InputError(_("{supplier} has no number or address to send to.").format(supplier=supplier.name),
                             hint=_("Add the supplier's WhatsApp number, or print the order."))
        po_store.mark_sent(db, po_id, now)
        event = ctx.record(db, PurchaseOrderSent(po_id=po_id, po_no=po.po_no, via=via), origin, at=now)
        queued = 0
        if via != "print":
            outbox.enqueue(db, channel=via, kind="command", op="purchase_order.send", entity_id=po.po_no,
                           payload={"po_no": po.po_no, "to": to, "supplier": supplier.name,
                                    "text": order_message(db, po)}, at=now,
                           order_key=f"po:{po.po_no}", idem_key=f"po-send:{po.po_no}", event_id=event.event_id)
            queued = 1
    return Changes(purchase_orders=frozenset({po_id}), outbox=queued, events=(event,))


def receive_purchase_order(ctx: ServiceContext, po_id: int, *, received: Mapping[str, int] | None = None,
                           costs: Mapping[str, int] | None = None, expires_on: Mapping[str, date] | None = None,
                           origin: Origin = SELLER) -> Changes:
    """Goods arrived against an order: everything still due, or only ``received`` {sku: qty_milli}.

    Each receipt is its own stock move (``po:<number>:<sku>:<n>``), so receiving in parts works and the
    same receipt can never be counted twice."""
    now = ctx.now_iso()
    costs, expires_on = costs or {}, expires_on or {}
    for sku, day in expires_on.items():
        bounds.check_day(day, what=_("Expiry date of {sku}").format(sku=sku))
    for sku, cost in costs.items():
        bounds.check_unit_price(cost, what=sku)
    with ctx.store.write() as db:
        check_open(db, ctx.today())
        po = get_po(db, po_id)
        if po.status not in ("sent", "partly_received", "draft"):
            raise InvalidState(_("Purchase order {po_no} is {status}; nothing can be received on it.").format(
                po_no=po.po_no, status=po.status))
        by_sku = {line.sku: line for line in po.lines}
        wanted = dict(received) if received is not None else {
            line.sku: line.qty_milli - line.received_milli for line in po.lines if line.qty_milli > line.received_milli}
        unknown = set(wanted) - set(by_sku)
        if unknown:
            raise InputError(_("{skus} is not on purchase order {po_no}.").format(skus=", ".join(sorted(unknown)),
                                                                                 po_no=po.po_no))
        if not wanted:
            raise InvalidState(_("Everything on {po_no} has already arrived.").format(po_no=po.po_no))
        event = ctx.record(db, PurchaseOrderReceived(po_id=po_id, po_no=po.po_no, complete=False,
                                                     skus=tuple(sorted(wanted))), origin, at=now)
        queued = 0
        for sku, qty in wanted.items():
            line = by_sku[sku]
            product = get_product(db, sku)
            if not isinstance(qty, int) or qty <= 0:
                raise InvalidQuantity(_("The quantity must be more than zero."))
            check_whole(qty, product.unit)
            cost = costs.get(sku, line.cost_paise)
            receipt_no = stock_store.receipt_count(db, "po", f"{po.po_no}:{sku}:") + 1
            before = stock_store.on_hand(db, sku)
            stock_store.add_move(db, sku=sku, qty_milli=qty, reason="purchase", source="po",
                                 source_ref=f"{po.po_no}:{sku}:{receipt_no}", at=now, actor=origin.actor,
                                 unit_cost_paise=cost,
                                 expires_on=expires_on[sku].isoformat() if sku in expires_on else None,
                                 event_id=event.event_id)
            po_store.add_received(db, line.id, qty)
            update_average_cost(db, sku, before, qty, cost, product.cost_paise, now)
            queued += listings.enqueue_quantity(db, sku, at=now, event_id=event.event_id)
        complete = po_store.fully_received(db, po_id)
        po_store.set_received(db, po_id, complete=complete, at=now)
    return Changes(purchase_orders=frozenset({po_id}), stock=frozenset(wanted), products=frozenset(wanted),
                   outbox=queued, events=(event,))


def cancel_purchase_order(ctx: ServiceContext, po_id: int, *, origin: Origin = SELLER) -> Changes:
    with ctx.store.write() as db:
        po = get_po(db, po_id)
        if po.status not in ("draft", "sent"):
            raise InvalidState(_("Purchase order {po_no} is {status} and cannot be cancelled.").format(
                po_no=po.po_no, status=po.status))
        po_store.mark_cancelled(db, po_id, ctx.now_iso())
        event = ctx.record(db, PurchaseOrderCancelled(po_id=po_id, po_no=po.po_no), origin)
    return Changes(purchase_orders=frozenset({po_id}), events=(event,))
