"""Export orders: a buyer abroad's order, taken before its export invoice, that holds (reserves) its stock.

While an export order is open its units are held: the counter and home delivery refuse to sell them
(``stock_holds.check_free``) and each marketplace is told a quantity without them. Invoicing the order frees the
units and sells them in the same transaction, through the usual export invoice (``exports.record_export_sale``:
zero-rated under the LUT or with IGST paid, so it is in GSTR-1's ``exp`` table and GSTR-3B 3.1 (b));
cancelling it frees them. So a held unit is sold exactly once. See docs/trade.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from app.domain.gst import OTHER_COUNTRY
from app.domain.trade.terms import ExportTerms
from app.errors import InputError, InvalidQuantity, InvalidState, NotFound
from app.events.trade import ExportOrderCancelled, ExportOrderHeld, ExportOrderPlaced
from app.i18n import _
from app.services import exports, listings, sales, stock_holds
from app.services.changes import Changes
from app.services.context import SELLER, Origin, ServiceContext
from app.services.shop import profile as shop_profile
from app.store import catalog as catalog_store
from app.store import export_orders as export_order_store
from app.store.db import Store

__all__ = ["PAY_METHODS", "cancel_export_order", "export_order", "export_orders", "hold_export_order",
           "invoice_export_order", "place_export_order"]

PAY_METHODS = ("bank", "upi", "card", "cash", "other")


def place_export_order(ctx: ServiceContext, *, lines: Sequence[sales.SaleLine], terms: ExportTerms,
                       confirmed: bool = False, through_agents: bool = False, origin: Origin = SELLER) -> Changes:
    """Take an export order and hold its units; refuses (writing nothing) what its invoice would refuse, and more
    units than are free (on hand and not held by another export order). Its id is in ``Changes.id``.

    With ``through_agents`` the order holds nothing yet: the trade agent proposes the hold at its next run and the
    decision engine decides it (within the limits, or as an approval for the seller), see ``hold_export_order``."""
    terms = terms.checked()
    if shop_profile(ctx.store).gst_scheme != "regular":
        raise InputError(_("Only a shop registered for regular GST can make a zero-rated export invoice."))
    if not lines:
        raise InputError(_("Write at least one item as CODE:QUANTITY."))
    # the same checks as its invoice (known items, prices within MRP, not below cost unless confirmed)
    quote = sales.quote_sale(ctx, lines=lines, place_of_supply=OTHER_COUNTRY, confirmed=confirmed)
    wanted: dict[str, int] = {}
    for line in lines:
        wanted[line.sku] = wanted.get(line.sku, 0) + line.qty_milli
    skus = list(wanted)
    now = ctx.now_iso()
    with ctx.store.write() as db:
        free = stock_holds.free_many(db, skus)
        for sku in skus:
            if free[sku] < wanted[sku] and not through_agents:  # through the agents: the engine checks when holding
                raise InvalidQuantity(_("Only {free} of {name} is free to hold for this order.").format(
                    free=max(free[sku], 0) // 1000, name=quote.products[sku].name_en),
                    hint=_("Other export orders already hold some; receive more stock or order fewer."))
        order_id = export_order_store.insert_order(
            db, terms, [(line.sku, line.qty_milli, priced.unit_price_paise)  # the price agreed now, kept
                        for line, priced in zip(lines, quote.inputs, strict=True)], created_at=now, actor=origin.actor)
        if through_agents:
            export_order_store.request_hold(db, order_id, at=now)
        event = ctx.record(db, ExportOrderPlaced(export_order_id=order_id, buyer_name=terms.buyer_name,
                                                 country=terms.country, skus=tuple(skus),
                                                 units=sum(wanted.values()) // 1000, hold_pending=through_agents),
                           origin, at=now)
        # nothing is held yet through the agents, so the marketplaces' quantities are unchanged until the engine holds
        queued = 0 if through_agents else sum(listings.enqueue_quantity(db, sku, at=now, event_id=event.event_id)
                                               for sku in skus)
    return Changes(stock=frozenset(skus), outbox=queued, events=(event,), id=order_id)


def hold_export_order(ctx: ServiceContext, export_order_id: int, *, origin: Origin) -> Changes:
    """Hold the units of an open export order whose hold waits for the decision engine (the engine's decision, carried
    out in its transaction). Refused when the order's hold is not pending, or when fewer units are free than it
    needs (then nothing is held and the decision says why)."""
    now = ctx.now_iso()
    with ctx.store.write() as db:
        _open_order(db, export_order_id)
        if not export_order_store.hold_pending(db, export_order_id):
            raise InvalidState(_("Export order {id} already holds its units.").format(id=export_order_id))
        wanted: dict[str, int] = {}
        for sku, qty, _price in export_order_store.order_lines(db, export_order_id):
            wanted[sku] = wanted.get(sku, 0) + qty
        free = stock_holds.free_many(db, list(wanted))  # this order holds nothing yet, so it is not counted
        short = [sku for sku in wanted if free[sku] < wanted[sku]]
        if short:
            raise InvalidQuantity(_("Only {free} of {sku} is free to hold for export order {id}.").format(
                free=max(free[short[0]], 0) // 1000, sku=short[0], id=export_order_id))
        export_order_store.mark_held(db, export_order_id, at=now, decision_id=origin.decision_id)
        skus = tuple(wanted)
        event = ctx.record(db, ExportOrderHeld(export_order_id=export_order_id, skus=skus,
                                               units=sum(wanted.values()) // 1000), origin, at=now)
        queued = sum(listings.enqueue_quantity(db, sku, at=now, event_id=event.event_id) for sku in skus)
    return Changes(stock=frozenset(skus), outbox=queued, events=(event,), id=export_order_id)


def _open_order(db, export_order_id: int) -> dict[str, Any]:
    row = export_order_store.order_row(db, export_order_id)
    if row is None:
        raise NotFound(_("There is no export order number {id}.").format(id=export_order_id))
    if row["state"] != "open":
        raise InvalidState(_("Export order {id} is already {state}.").format(
            id=export_order_id, state=_("invoiced") if row["state"] == "invoiced" else _("cancelled")))
    return row


def _terms(row: dict[str, Any]) -> ExportTerms:
    return ExportTerms(buyer_name=row["buyer_name"], buyer_address=row["buyer_address"], country=row["country"],
                       currency=row["currency"], fx_paise=row["fx_paise"], incoterm=row["incoterm"],
                       payment_terms=row["payment_terms"], route=row["route"], mode=row["mode"],
                       port_code=row["port_code"])


def invoice_export_order(ctx: ServiceContext, export_order_id: int, *, pay: str = "bank", at: datetime | None = None,
                         confirmed: bool = True, origin: Origin = SELLER) -> Changes:
    """Make the export invoice of an open order (its held units are sold by it, in one transaction); the invoice's
    order id is in ``Changes.id``. Under the LUT it needs the LUT of the invoice's financial year."""
    if pay not in PAY_METHODS:
        raise InputError(_("'{method}' is not a way of paying we know.").format(method=pay))
    now = ctx.now_iso()
    with ctx.store.write() as db:
        row = _open_order(db, export_order_id)
        lines = [sales.SaleLine(sku=sku, qty_milli=qty, unit_price_paise=price)
                 for sku, qty, price in export_order_store.order_lines(db, export_order_id)]
        # free the held units first: the invoice below takes them (a refusal rolls both back)
        export_order_store.set_state(db, export_order_id, "invoiced", at=now)
        total = sales.quote_sale(ctx, lines=lines, place_of_supply=OTHER_COUNTRY, at=at,
                                 confirmed=confirmed).total_paise
        sale = exports.record_export_sale(ctx, lines=lines, terms=_terms(row), at=at, confirmed=confirmed,
                                          payments=[sales.PaymentIn(method=pay, amount_paise=total)],
                                          export_order_id=export_order_id, origin=origin)
        export_order_store.set_sale(db, export_order_id, sale.id)
    return sale


def cancel_export_order(ctx: ServiceContext, export_order_id: int, *, origin: Origin = SELLER) -> Changes:
    """Cancel an open export order: its units can be sold again (and the marketplaces are told so)."""
    now = ctx.now_iso()
    with ctx.store.write() as db:
        _open_order(db, export_order_id)
        skus = tuple(dict.fromkeys(sku for sku, _qty, _price in export_order_store.order_lines(db, export_order_id)))
        export_order_store.set_state(db, export_order_id, "cancelled", at=now)
        event = ctx.record(db, ExportOrderCancelled(export_order_id=export_order_id, skus=skus), origin, at=now)
        queued = sum(listings.enqueue_quantity(db, sku, at=now, event_id=event.event_id) for sku in skus)
    return Changes(stock=frozenset(skus), outbox=queued, events=(event,), id=export_order_id)


def export_order(store: Store, export_order_id: int) -> dict[str, Any]:
    """One export order with its lines (sku, name, quantity, price) and, once invoiced, its invoice number."""
    found = export_orders(store, ids=[export_order_id])
    if not found:
        raise NotFound(_("There is no export order number {id}.").format(id=export_order_id))
    return found[0]


def export_orders(store: Store, *, ids: Sequence[int] | None = None) -> list[dict[str, Any]]:
    """Every export order, newest first, with its lines and what its units are worth at their prices."""
    db = store.db()
    rows = [r for r in export_order_store.order_rows(db) if ids is None or r["id"] in ids]
    out = []
    for row in rows:
        raw = export_order_store.order_lines(db, row["id"])
        products = catalog_store.get_many(db, list(dict.fromkeys(sku for sku, _q, _p in raw)))
        lines: list[dict[str, Any]] = []
        for sku, qty, price in raw:
            product = products.get(sku)
            each = price if price is not None else (product.price_paise if product else 0)
            lines.append({"sku": sku, "name": product.name_en if product else sku,
                          "unit": product.unit if product else "pc", "qty_milli": qty, "unit_price_paise": each,
                          "amount_paise": each * qty // 1000})
        invoice = exports.export(store, row["order_id"]) if row["order_id"] else None
        out.append({**row, "lines": lines, "value_paise": sum(int(line["amount_paise"]) for line in lines),
                    "invoice_no": invoice["invoice_no"] if invoice else None,
                    "hold_pending": row["state"] == "open" and export_order_store.hold_pending(db, row["id"])})
    return out
