"""Items and stock: product add/edit/price/show/find/list/archive/scan, stock show/receive/adjust/count/waste/low."""

from __future__ import annotations

import argparse

from app.commands import item_import, labels
from app.commands.common import common_options, emit, money, parse_day, qty_for, rupees, session, table
from app.domain.qty import format_qty
from app.errors import InputError, NotFound
from app.i18n import _
from app.paths import DataDir
from app.services import catalog as catalog_service
from app.services import inventory
from app.services.stock_holds import hold_sentence, item_hold
from app.store import catalog
from app.store import stock as stock_store

DETAIL_OPTIONS = {  # option -> (field, kind)
    "hindi": ("name_hi", str), "brand": ("brand", str), "category": ("category", str), "unit": ("unit", str),
    "pack": ("pack_size", str), "barcode": ("barcode", str), "hsn": ("hsn_code", str), "keywords": ("keywords", str),
    "cost": ("cost_paise", "money"), "gst": ("gst_rate_bp", "percent"), "supplier": ("preferred_supplier_id", int),
    "shelf_life": ("shelf_life_days", int),
}
LEVEL_OPTIONS = {"reorder_point": "reorder_point_milli", "reorder_qty": "reorder_qty_milli",
                 "max_stock": "max_stock_milli"}


def _add_detail_options(p: argparse.ArgumentParser) -> None:
    for option in DETAIL_OPTIONS:
        p.add_argument(f"--{option.replace('_', '-')}", dest=option)
    for option in LEVEL_OPTIONS:
        p.add_argument(f"--{option.replace('_', '-')}", dest=option)


def register(sub: argparse._SubParsersAction) -> None:
    common = common_options()
    product = sub.add_parser("product", help="items: add, edit, price, show, find, list, archive, scan")
    psub = product.add_subparsers(dest="action", metavar="ACTION", required=True)

    p = psub.add_parser("add", parents=[common], help="add an item")
    p.add_argument("sku", help="item code")
    p.add_argument("name", help="name in English, with the pack size")
    p.add_argument("--price", required=True, help="selling price in rupees (including GST)")
    p.add_argument("--mrp", help="MRP printed on the pack (leave out for loose goods)")
    p.add_argument("--stock", help="opening stock")
    _add_detail_options(p)
    p.set_defaults(handler=cmd_add)

    p = psub.add_parser("edit", parents=[common], help="change an item's details")
    p.add_argument("sku")
    p.add_argument("--name")
    p.add_argument("--active", choices=("yes", "no"))
    _add_detail_options(p)
    p.set_defaults(handler=cmd_edit)

    p = psub.add_parser("price", parents=[common], help="change an item's price (and MRP)")
    p.add_argument("sku")
    p.add_argument("price")
    p.add_argument("--mrp")
    p.set_defaults(handler=cmd_price)

    for name, helptext, handler in (("show", "an item's details and stock", cmd_show),
                                    ("archive", "stop selling an item (its history stays)", cmd_archive)):
        p = psub.add_parser(name, parents=[common], help=helptext)
        p.add_argument("sku")
        p.set_defaults(handler=handler)

    p = psub.add_parser("find", parents=[common], help="search by name (English, Hindi, romanised), code or barcode")
    p.add_argument("text", nargs="+")
    p.add_argument("--limit", type=int, default=20)
    p.set_defaults(handler=cmd_find)

    item_import.register(psub, common)
    labels.register(psub, common)

    p = psub.add_parser("scan", parents=[common], help="look an item up by its barcode")
    p.add_argument("barcode")
    p.set_defaults(handler=cmd_scan)

    p = psub.add_parser("list", parents=[common], help="list items")
    p.add_argument("--category")
    p.add_argument("--limit", type=int, default=100)
    p.set_defaults(handler=cmd_list)

    stock = sub.add_parser("stock", help="stock: show, receive, adjust, count, waste, low")
    ssub = stock.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = ssub.add_parser("show", parents=[common], help="stock on hand and the latest movements")
    p.add_argument("sku")
    p.set_defaults(handler=cmd_stock_show)
    p = ssub.add_parser("receive", parents=[common], help="goods arrived (without a purchase order)")
    p.add_argument("sku")
    p.add_argument("qty")
    p.add_argument("--cost", help="cost per unit in rupees")
    p.add_argument("--expires", help="best before, YYYY-MM-DD")
    p.add_argument("--ref", help="delivery note number (the same one is never received twice)")
    p.set_defaults(handler=cmd_receive)
    p = ssub.add_parser("adjust", parents=[common], help="correct the books: +found or -missing")
    p.add_argument("sku")
    p.add_argument("delta", help="e.g. +2 or -1 (or -250g for loose goods)")
    p.add_argument("--note", required=True, help="why")
    p.set_defaults(handler=cmd_adjust)
    p = ssub.add_parser("count", parents=[common], help="set the books to a shelf count")
    p.add_argument("sku")
    p.add_argument("qty")
    p.set_defaults(handler=cmd_count)
    p = ssub.add_parser("waste", parents=[common], help="thrown away: expired or damaged")
    p.add_argument("sku")
    p.add_argument("qty")
    p.add_argument("--note", default="")
    p.set_defaults(handler=cmd_waste)
    p = ssub.add_parser("low", parents=[common], help="items at or below their reorder point")
    p.add_argument("--limit", type=int, default=50)
    p.set_defaults(handler=cmd_low)


def _details(args: argparse.Namespace, unit: str) -> dict:
    out: dict = {}
    for option, (field, kind) in DETAIL_OPTIONS.items():
        value = getattr(args, option, None)
        if value is None:
            continue
        if kind == "money":
            out[field] = money(value)
        elif kind == "percent":
            try:
                out[field] = round(float(value) * 100)
            except ValueError:
                raise InputError(_("'{rate}' is not a rate in percent.").format(rate=value)) from None
        elif kind is int:
            try:
                out[field] = int(value)
            except ValueError:
                raise InputError(_("'{value}' is not a whole number.").format(value=value)) from None
        else:
            out[field] = value
    for option, field in LEVEL_OPTIONS.items():
        value = getattr(args, option, None)
        if value is not None:
            out[field] = qty_for(value, out.get("unit", unit))
    return out


def cmd_add(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        details = _details(args, args.unit or "pcs")
        unit = details.get("unit", "pcs")
        changes = catalog_service.create_product(
            s.ctx, sku=args.sku, name_en=args.name, price_paise=money(args.price),
            mrp_paise=money(args.mrp) if args.mrp else None,
            opening_stock_milli=qty_for(args.stock, unit) if args.stock else 0, confirmed=args.yes, **details)
    emit(args, {"sku": changes.id}, _("Added {sku}: {name}.").format(sku=args.sku, name=args.name))
    return 0


def cmd_edit(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        current = catalog_service.get_product(s.store.db(), args.sku)
        details = _details(args, current.unit)
        if args.name:
            details["name_en"] = args.name
        if args.active:
            details["active"] = args.active == "yes"
        if not details:
            raise InputError(_("Say what to change, for example --hindi or --cost."))
        catalog_service.update_product(s.ctx, args.sku, confirmed=args.yes, **details)
    emit(args, {"sku": args.sku, "changed": sorted(details)},
         _("Updated {sku}: {fields}.").format(sku=args.sku, fields=", ".join(sorted(details))))
    return 0


def cmd_price(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        mrp: dict[str, int] = {"mrp_paise": money(args.mrp)} if args.mrp else {}
        catalog_service.change_price(s.ctx, args.sku, price_paise=money(args.price), confirmed=args.yes,
                                     **mrp)  # type: ignore[arg-type]  # mypy reads **dict as every keyword
        product = catalog_service.get_product(s.store.db(), args.sku)
    emit(args, product, _("{name}: price {price} (MRP {mrp}).").format(
        name=product.name_en, price=rupees(product.price_paise), mrp=rupees(product.mrp_paise)))
    return 0


def _describe(s, sku: str) -> tuple[dict, str]:
    db = s.store.db()
    product = catalog_service.get_product(db, sku)
    on_hand = stock_store.on_hand(db, sku)
    text = "\n".join([
        f"{product.sku}  {product.name_en}" + (f"  /  {product.name_hi}" if product.name_hi else ""),
        _("Price {price}, MRP {mrp}, cost {cost}").format(
            price=rupees(product.price_paise), mrp=rupees(product.mrp_paise), cost=rupees(product.cost_paise)),
        _("Stock {qty}; reorder at {rop}").format(qty=format_qty(on_hand, product.unit),
                                                  rop=format_qty(product.reorder_point_milli, product.unit)),
        _("Barcode {barcode}, HSN {hsn}, category {category}").format(
            barcode=product.barcode or "-", hsn=product.hsn_code or "-", category=product.category or "-"),
    ] + ([_("Archived: no longer sold.")] if not product.active else []))
    hold = item_hold(db, sku)  # units kept for export orders (the Trade page)
    if hold.held_milli:
        text += "\n" + hold_sentence(hold, product.unit)
    return {"product": product, "on_hand_milli": on_hand, "held_for_export_milli": hold.held_milli,
            "export_orders": list(hold.orders)}, text


def cmd_show(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        payload, text = _describe(s, args.sku)
    emit(args, payload, text)
    return 0


def cmd_archive(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        catalog_service.archive_product(s.ctx, args.sku)
    emit(args, {"archived": args.sku}, _("{sku} is archived.").format(sku=args.sku))
    return 0


def _rows(s, products) -> list[list[str]]:
    stocks = stock_store.on_hand_many(s.store.db(), [p.sku for p in products])
    return [[p.sku, p.name_en, p.name_hi, rupees(p.price_paise), rupees(p.mrp_paise),
             format_qty(stocks[p.sku], p.unit)] for p in products]


HEADERS = ["Code", "Name", "Hindi", "Price", "MRP", "Stock"]


def cmd_find(args: argparse.Namespace, data: DataDir) -> int:
    text = " ".join(args.text)
    with session(args, data) as s:
        found = catalog.search(s.store.db(), text, limit=args.limit)
        rows = _rows(s, found)
    nothing = _("Nothing matches '{text}'.").format(text=text)
    emit(args, found, table(rows, [_(h) for h in HEADERS]) if rows else nothing)
    return 0 if found else 1


def cmd_scan(args: argparse.Namespace, data: DataDir) -> int:
    from app.domain.codes import check_barcode

    code = check_barcode(args.barcode)
    with session(args, data) as s:
        product = catalog.by_barcode(s.store.db(), code)
        if product is None:
            raise NotFound(_("No item has the barcode {code}.").format(code=code),
                           hint=_("Add it with: product add CODE NAME --price P --barcode {code}").format(code=code))
        payload, text = _describe(s, product.sku)
    emit(args, payload, text)
    return 0


def cmd_list(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        found = catalog.list_products(s.store.db(), category=args.category, limit=args.limit)
        rows = _rows(s, found)
    emit(args, found, table(rows, [_(h) for h in HEADERS]))
    return 0


def cmd_stock_show(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        db = s.store.db()
        product = catalog_service.get_product(db, args.sku)
        on_hand = stock_store.on_hand(db, args.sku)
        moves = stock_store.moves(db, args.sku, limit=15)
    rows = [[m.at[:16].replace("T", " "), m.reason, format_qty(m.qty_milli, product.unit), m.source_ref, m.actor]
            for m in moves]
    emit(args, {"sku": args.sku, "on_hand_milli": on_hand, "moves": moves},
         _("{name}: {qty} in stock").format(name=product.name_en, qty=format_qty(on_hand, product.unit)) + "\n"
         + table(rows, [_("When (UTC)"), _("Why"), _("Qty"), _("Reference"), _("By")]))
    return 0


def _unit(s, sku: str) -> str:
    return catalog_service.get_product(s.store.db(), sku).unit


def cmd_receive(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        qty = qty_for(args.qty, _unit(s, args.sku))
        inventory.receive_stock(s.ctx, args.sku, qty, unit_cost_paise=money(args.cost) if args.cost else None,
                                expires_on=parse_day(args.expires) if args.expires else None, source_ref=args.ref)
        return _report_stock(args, s)


def cmd_adjust(args: argparse.Namespace, data: DataDir) -> int:
    text = args.delta.strip()
    sign = -1 if text.startswith("-") else 1
    with session(args, data) as s:
        qty = qty_for(text.lstrip("+-"), _unit(s, args.sku))
        inventory.adjust_stock(s.ctx, args.sku, sign * qty, note=args.note)
        return _report_stock(args, s)


def cmd_count(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        inventory.count_stock(s.ctx, args.sku, qty_for(args.qty, _unit(s, args.sku)))
        return _report_stock(args, s)


def cmd_waste(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        inventory.record_wastage(s.ctx, args.sku, qty_for(args.qty, _unit(s, args.sku)), note=args.note)
        return _report_stock(args, s)


def _report_stock(args: argparse.Namespace, s) -> int:
    product = catalog_service.get_product(s.store.db(), args.sku)
    on_hand = stock_store.on_hand(s.store.db(), args.sku)
    emit(args, {"sku": args.sku, "on_hand_milli": on_hand},
         _("{name}: {qty} in stock").format(name=product.name_en, qty=format_qty(on_hand, product.unit)))
    return 0


def cmd_low(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        db = s.store.db()
        low = stock_store.low_stock(db, limit=args.limit)
        products = catalog.get_many(db, [sku for sku, _h, _r in low])
    rows = [[sku, products[sku].name_en, format_qty(have, products[sku].unit),
             format_qty(rop, products[sku].unit)] for sku, have, rop in low]
    emit(args, [{"sku": sku, "on_hand_milli": have, "reorder_point_milli": rop} for sku, have, rop in low],
         table(rows, [_("Code"), _("Name"), _("In stock"), _("Reorder at")]) if rows else _("Nothing is running low."))
    return 0
