"""Selling and credit: sale, order show/list/cancel/status, customer add/list/show/pay/adjust, khata."""

from __future__ import annotations

import argparse

from app.commands.common import common_options, emit, money, qty_for, rupees, session, split_item, table
from app.domain.gst import format_rate
from app.domain.qty import format_qty
from app.errors import InputError, NotFound
from app.i18n import _
from app.paths import DataDir
from app.services import campaigns, khata, sales
from app.services import catalog as catalog_service
from app.services.sales import PaymentIn, SaleLine
from app.store import orders, parties


def register(sub: argparse._SubParsersAction) -> None:
    common = common_options()
    p = sub.add_parser("sale", parents=[common], help="record a counter sale: sale SKU:QTY[@PRICE] ... [--pay ...]")
    p.add_argument("items", nargs="+", help="CODE, CODE:QTY or CODE:QTY@PRICE (QTY like 2, 0.5kg or 250g)")
    p.add_argument("--pay", action="append", default=[],
                   help="METHOD or METHOD:AMOUNT (cash, upi, card, khata, bank); default: all in cash")
    p.add_argument("--customer", help="customer number or phone (needed for khata)")
    p.add_argument("--discount", help="discount on the whole bill, in rupees")
    p.add_argument("--tendered", help="cash handed over, to show the change")
    p.add_argument("--note", default="")
    p.add_argument("--code", help="a campaign code the customer said (counts the bill for that campaign)")
    p.set_defaults(handler=cmd_sale)

    order = sub.add_parser("order", help="orders: show, list, cancel, status")
    osub = order.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = osub.add_parser("show", parents=[common], help="an order or bill, by number or invoice number")
    p.add_argument("ref")
    p.set_defaults(handler=cmd_order_show)
    p = osub.add_parser("list", parents=[common], help="the latest orders")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--status")
    p.set_defaults(handler=cmd_order_list)
    p = osub.add_parser("cancel", parents=[common], help="cancel a marketplace order that has not shipped")
    p.add_argument("order_id", type=int)
    p.set_defaults(handler=cmd_order_cancel)
    p = osub.add_parser("status", parents=[common], help="move a marketplace order on (accepted, packed, ...)")
    p.add_argument("order_id", type=int)
    p.add_argument("status")
    p.set_defaults(handler=cmd_order_status)

    customer = sub.add_parser("customer", help="customers and khata: add, list, show, pay, adjust")
    csub = customer.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = csub.add_parser("add", parents=[common], help="add a customer")
    p.add_argument("name")
    p.add_argument("--phone")
    p.add_argument("--hindi", help="name in Hindi")
    p.add_argument("--limit", help="credit limit in rupees")
    p.add_argument("--opening", help="what they already owe (from the paper khata)")
    p.add_argument("--gstin")
    p.add_argument("--address", default="")
    p.set_defaults(handler=cmd_customer_add)
    p = csub.add_parser("list", parents=[common], help="find customers")
    p.add_argument("text", nargs="?", default="")
    p.set_defaults(handler=cmd_customer_list)
    p = csub.add_parser("show", parents=[common], help="a customer's khata")
    p.add_argument("customer")
    p.set_defaults(handler=cmd_customer_show)
    p = csub.add_parser("pay", parents=[common], help="the customer pays off khata")
    p.add_argument("customer")
    p.add_argument("amount")
    p.add_argument("--method", default="cash", choices=("cash", "upi", "card", "bank", "other"))
    p.add_argument("--reference", default="")
    p.set_defaults(handler=cmd_customer_pay)
    p = csub.add_parser("adjust", parents=[common], help="correct a khata (+ owes more, - owes less)")
    p.add_argument("customer")
    p.add_argument("amount")
    p.add_argument("--note", required=True)
    p.set_defaults(handler=cmd_customer_adjust)

    p = sub.add_parser("khata", parents=[common], help="who owes money, most first")
    p.add_argument("--limit", type=int, default=30)
    p.set_defaults(handler=cmd_khata)


def _customer_id(s, ref: str) -> int:
    db = s.store.db()
    if ref.isdigit() and len(ref) < 8:
        khata.get_customer(db, int(ref))
        return int(ref)
    from app.domain.codes import check_phone

    found = parties.customer_by_phone(db, check_phone(ref))
    if found is None:
        raise NotFound(_("No customer has the number {phone}.").format(phone=ref))
    return found.id


def cmd_sale(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        db = s.store.db()
        lines = []
        for spec in args.items:
            sku, qty, price = split_item(spec)
            product = catalog_service.get_product(db, sku)
            lines.append(SaleLine(sku=sku, qty_milli=qty_for(qty or "1", product.unit),
                                  unit_price_paise=money(price) if price else None))
        customer_id = _customer_id(s, args.customer) if args.customer else None
        discount = money(args.discount) if args.discount else 0
        total = sales.quote_sale(s.ctx, lines=lines, bill_discount_paise=discount).total_paise
        payments = _payments(args.pay or ["cash"], total, money(args.tendered) if args.tendered else None)
        if args.code:
            campaigns.check_code(s.ctx, args.code)  # a wrong code is refused before the bill is made
        changes = sales.record_sale(s.ctx, lines=lines, payments=payments, customer_id=customer_id,
                                    bill_discount_paise=discount, note=args.note, confirmed=args.yes)
        if args.code:
            campaigns.redeem(s.ctx, args.code, changes.id)
        order = orders.get(s.store.db(), changes.id)
    change_due = sum((p.tendered_paise or p.amount_paise) - p.amount_paise for p in payments)
    text = _bill_text(order) + (f"\n{_('Change to give')}: {rupees(change_due)}" if change_due else "")
    emit(args, {"order": order, "change_paise": change_due}, text)
    return 0


def _payments(specs: list[str], total: int, tendered: int | None) -> list[PaymentIn]:
    parsed: list[tuple[str, int | None]] = []
    for spec in specs:
        method, _sep, amount = spec.partition(":")
        parsed.append((method.strip().lower(), money(amount) if amount else None))
    open_ended = [i for i, (_m, a) in enumerate(parsed) if a is None]
    if len(open_ended) > 1:
        raise InputError(_("Give the amount for every way of paying but one."))
    fixed = sum(a for _m, a in parsed if a is not None)
    if open_ended:
        rest = total - fixed
        if rest <= 0:
            raise InputError(_("The amounts already cover the bill of {total}.").format(total=rupees(total)))
        parsed[open_ended[0]] = (parsed[open_ended[0]][0], rest)
    payments = [PaymentIn(method=m, amount_paise=a or 0) for m, a in parsed]
    if tendered is not None:
        cash = [i for i, p in enumerate(payments) if p.method == "cash"]
        if not cash:
            raise InputError(_("Cash handed over only makes sense with a cash payment."))
        first = payments[cash[0]]
        payments[cash[0]] = PaymentIn(method="cash", amount_paise=first.amount_paise, tendered_paise=tendered)
    return payments


def _bill_text(order) -> str:
    rows = [[str(line.line_no), line.name, format_qty(line.qty_milli, line.unit), rupees(line.unit_price_paise),
             format_rate(line.gst_rate_bp), rupees(line.total_paise)] for line in order.lines]
    tax = (f"CGST {rupees(order.cgst_paise)}  SGST {rupees(order.sgst_paise)}" if not order.interstate
           else f"IGST {rupees(order.igst_paise)}")
    head = f"{order.invoice_no or order.remote_id or order.id}  {order.business_date}  {order.channel}  {order.status}"
    return "\n".join([
        head, table(rows, ["#", _("Item"), _("Qty"), _("Rate"), _("GST"), _("Amount")]),
        _("Taxable {taxable}  {tax}  Round-off {round_off}").format(
            taxable=rupees(order.taxable_paise), tax=tax, round_off=rupees(order.round_off_paise)),
        _("TOTAL {total}").format(total=rupees(order.total_paise)),
    ])


def _find_order(s, ref: str):
    db = s.store.db()
    order = orders.by_invoice(db, ref)
    if order is None and ref.isdigit():
        order = orders.get(db, int(ref))
    if order is None:
        raise NotFound(_("There is no order or bill '{ref}'.").format(ref=ref))
    return order


def cmd_order_show(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        order = _find_order(s, args.ref)
        payments = orders.payments(s.store.db(), order.id)
    text = _bill_text(order) + "\n" + "\n".join(f"{_('Paid')} {p.method} {rupees(p.amount_paise)}" for p in payments)
    emit(args, {"order": order, "payments": payments}, text)
    return 0


def cmd_order_list(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        found = orders.recent(s.store.db(), limit=args.limit, status=args.status)
    rows = [[str(o.id), o.invoice_no or o.remote_id or "", o.business_date, o.channel, o.status, rupees(o.total_paise)]
            for o in found]
    emit(args, found, table(rows, ["#", _("Number"), _("Date"), _("Channel"), _("Status"), _("Total")]))
    return 0


def cmd_order_cancel(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        sales.cancel_order(s.ctx, args.order_id)
    emit(args, {"cancelled": args.order_id}, _("Order {id} is cancelled.").format(id=args.order_id))
    return 0


def cmd_order_status(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        sales.set_order_status(s.ctx, args.order_id, args.status)
    emit(args, {"order": args.order_id, "status": args.status},
         _("Order {id} is now {status}.").format(id=args.order_id, status=args.status))
    return 0


def cmd_customer_add(args: argparse.Namespace, data: DataDir) -> int:
    details = {k: v for k, v in {"phone": args.phone, "name_hi": args.hindi, "gstin": args.gstin,
                                 "address": args.address}.items() if v}
    if args.limit:
        details["credit_limit_paise"] = money(args.limit)
    with session(args, data) as s:
        changes = khata.create_customer(s.ctx, name=args.name,
                                        opening_balance_paise=money(args.opening) if args.opening else 0, **details)
    emit(args, {"customer_id": changes.id}, _("Customer {id}: {name}.").format(id=changes.id, name=args.name))
    return 0


def cmd_customer_list(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        found = parties.find_customers(s.store.db(), args.text)
    rows = [[str(c.id), c.name, c.name_hi, c.phone or "", rupees(c.khata_balance_paise), rupees(c.credit_limit_paise)]
            for c in found]
    emit(args, found, table(rows, ["#", _("Name"), _("Hindi"), _("Phone"), _("Owes"), _("Limit")]))
    return 0


def cmd_customer_show(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        customer = khata.get_customer(s.store.db(), _customer_id(s, args.customer))
        entries = parties.khata_entries(s.store.db(), customer.id, limit=20)
    rows = [[e.at[:10], e.kind, rupees(e.amount_paise), str(e.order_id or ""), e.note] for e in entries]
    emit(args, {"customer": customer, "entries": entries},
         _("{name} owes {owed} (limit {limit})").format(name=customer.name, owed=rupees(customer.khata_balance_paise),
                                                        limit=rupees(customer.credit_limit_paise))
         + "\n" + table(rows, [_("Date"), _("What"), _("Amount"), _("Bill"), _("Note")]))
    return 0


def cmd_customer_pay(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        customer_id = _customer_id(s, args.customer)
        khata.receive_payment(s.ctx, customer_id, money(args.amount), method=args.method, reference=args.reference,
                              confirmed=args.yes)
        customer = khata.get_customer(s.store.db(), customer_id)
    emit(args, customer, _("{name} now owes {owed}.").format(name=customer.name,
                                                              owed=rupees(customer.khata_balance_paise)))
    return 0


def cmd_customer_adjust(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        customer_id = _customer_id(s, args.customer)
        khata.adjust_khata(s.ctx, customer_id, money(args.amount), note=args.note)
        customer = khata.get_customer(s.store.db(), customer_id)
    emit(args, customer, _("{name} now owes {owed}.").format(name=customer.name,
                                                              owed=rupees(customer.khata_balance_paise)))
    return 0


def cmd_khata(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        found = parties.debtors(s.store.db(), limit=args.limit)
        total = parties.khata_total(s.store.db())
    rows = [[str(c.id), c.name, c.phone or "", rupees(c.khata_balance_paise)] for c in found]
    emit(args, {"total_paise": total, "customers": found},
         table(rows, ["#", _("Name"), _("Phone"), _("Owes")]) + "\n" + _("Total owed: {total}").format(
             total=rupees(total)))
    return 0
