"""Buying: supplier add/list/link, po create/send/receive/cancel/list/show."""

from __future__ import annotations

import argparse

from app.commands.common import common_options, emit, money, parse_day, qty_for, rupees, session, split_item, table
from app.domain.qty import format_qty
from app.errors import InputError
from app.i18n import _
from app.paths import DataDir
from app.services import catalog as catalog_service
from app.services import purchasing, suppliers
from app.services.purchasing import PoLine
from app.store import parties
from app.store import purchasing as po_store


def register(sub: argparse._SubParsersAction) -> None:
    common = common_options()
    supplier = sub.add_parser("supplier", help="suppliers: add, list, link")
    ssub = supplier.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = ssub.add_parser("add", parents=[common], help="add a supplier")
    p.add_argument("name")
    p.add_argument("--phone")
    p.add_argument("--whatsapp")
    p.add_argument("--gstin")
    p.add_argument("--lead-days", type=int, dest="lead_time_days")
    p.add_argument("--min-order", dest="min_order", help="smallest order they take, in rupees")
    p.add_argument("--visit-days", dest="visit_days", help="e.g. mon,thu")
    p.set_defaults(handler=cmd_supplier_add)
    p = ssub.add_parser("list", parents=[common], help="list suppliers")
    p.set_defaults(handler=cmd_supplier_list)
    p = ssub.add_parser("link", parents=[common], help="a supplier sells an item (cost, case size, minimum)")
    p.add_argument("supplier_id", type=int)
    p.add_argument("sku")
    p.add_argument("--cost")
    p.add_argument("--case", help="pieces (or kg) per case")
    p.add_argument("--moq", help="minimum order quantity")
    p.add_argument("--lead-days", type=int, dest="lead_time_days")
    p.set_defaults(handler=cmd_supplier_link)

    po = sub.add_parser("po", help="purchase orders: create, send, receive, cancel, list, show")
    psub = po.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = psub.add_parser("create", parents=[common], help="po create SUPPLIER_ID SKU:QTY[@COST] ...")
    p.add_argument("supplier_id", type=int)
    p.add_argument("items", nargs="+")
    p.add_argument("--expected", help="delivery expected on, YYYY-MM-DD")
    p.add_argument("--note", default="")
    p.set_defaults(handler=cmd_po_create)
    p = psub.add_parser("send", parents=[common], help="send a purchase order to the supplier")
    p.add_argument("po_id", type=int)
    p.add_argument("--via", default="whatsapp", choices=("whatsapp", "sms", "email", "print"))
    p.set_defaults(handler=cmd_po_send)
    p = psub.add_parser("receive", parents=[common], help="goods arrived: all that is due, or SKU:QTY ...")
    p.add_argument("po_id", type=int)
    p.add_argument("items", nargs="*")
    p.set_defaults(handler=cmd_po_receive)
    p = psub.add_parser("cancel", parents=[common], help="cancel a purchase order")
    p.add_argument("po_id", type=int)
    p.set_defaults(handler=cmd_po_cancel)
    p = psub.add_parser("list", parents=[common], help="open purchase orders")
    p.set_defaults(handler=cmd_po_list)
    p = psub.add_parser("show", parents=[common], help="one purchase order")
    p.add_argument("po_id", type=int)
    p.set_defaults(handler=cmd_po_show)


def cmd_supplier_add(args: argparse.Namespace, data: DataDir) -> int:
    details = {k: v for k, v in {"phone": args.phone, "whatsapp": args.whatsapp, "gstin": args.gstin,
                                 "lead_time_days": args.lead_time_days, "visit_days": args.visit_days}.items()
               if v is not None}
    if args.min_order:
        details["min_order_paise"] = money(args.min_order)
    with session(args, data) as s:
        changes = suppliers.create_supplier(s.ctx, name=args.name, **details)
    emit(args, {"supplier_id": changes.id}, _("Supplier {id}: {name}.").format(id=changes.id, name=args.name))
    return 0


def cmd_supplier_list(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        found = parties.suppliers(s.store.db())
    rows = [[str(x.id), x.name, x.whatsapp or x.phone or "", str(x.lead_time_days), rupees(x.min_order_paise),
             x.visit_days] for x in found]
    emit(args, found, table(rows, ["#", _("Name"), _("Phone"), _("Lead days"), _("Min order"), _("Visits")]))
    return 0


def cmd_supplier_link(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        unit = catalog_service.get_product(s.store.db(), args.sku).unit
        suppliers.link_product(
            s.ctx, args.supplier_id, args.sku, cost_paise=money(args.cost) if args.cost else None,
            case_size_milli=qty_for(args.case, unit) if args.case else 1000,
            moq_milli=qty_for(args.moq, unit) if args.moq else 0, lead_time_days=args.lead_time_days)
    emit(args, {"linked": [args.supplier_id, args.sku]}, _("Linked."))
    return 0


def cmd_po_create(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        lines = []
        for spec in args.items:
            sku, qty, cost = split_item(spec)
            if not qty:
                raise InputError(_("Say how many of {sku} to order, like {sku}:24.").format(sku=sku))
            unit = catalog_service.get_product(s.store.db(), sku).unit
            lines.append(PoLine(sku=sku, qty_milli=qty_for(qty, unit), cost_paise=money(cost) if cost else None))
        changes = purchasing.create_purchase_order(
            s.ctx, supplier_id=args.supplier_id, lines=lines, note=args.note, confirmed=args.yes,
            expected_on=parse_day(args.expected) if args.expected else None)
        return _show(args, s, changes.id)


def cmd_po_send(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        purchasing.send_purchase_order(s.ctx, args.po_id, via=args.via)
        return _show(args, s, args.po_id)


def cmd_po_receive(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        received = None
        if args.items:
            received = {}
            for spec in args.items:
                sku, qty, _cost = split_item(spec)
                unit = catalog_service.get_product(s.store.db(), sku).unit
                received[sku] = qty_for(qty or "1", unit)
        purchasing.receive_purchase_order(s.ctx, args.po_id, received=received)
        return _show(args, s, args.po_id)


def cmd_po_cancel(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        purchasing.cancel_purchase_order(s.ctx, args.po_id)
        return _show(args, s, args.po_id)


def cmd_po_list(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        found = po_store.open_orders(s.store.db())
    rows = [[str(p.id), p.po_no, str(p.supplier_id), p.status, rupees(p.total_paise), p.expected_on or ""]
            for p in found]
    emit(args, found, table(rows, ["#", _("Number"), _("Supplier"), _("Status"), _("Total"), _("Expected")]))
    return 0


def cmd_po_show(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        return _show(args, s, args.po_id)


def _show(args: argparse.Namespace, s, po_id: int) -> int:
    po = purchasing.get_po(s.store.db(), po_id)
    db = s.store.db()
    rows = []
    for line in po.lines:
        product = catalog_service.get_product(db, line.sku)
        rows.append([line.sku, product.name_en, format_qty(line.qty_milli, product.unit),
                     format_qty(line.received_milli, product.unit), rupees(line.cost_paise)])
    emit(args, po, f"{po.po_no}  {po.status}  {rupees(po.total_paise)}  " + _("expected {day}").format(
        day=po.expected_on or "-") + "\n" + table(rows, [_("Code"), _("Item"), _("Ordered"), _("Received"), _("Cost")]))
    return 0
