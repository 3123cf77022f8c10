"""``delivery``: the shop's own home-delivery orders (a customer phones or sends a WhatsApp order).

    python -m app delivery                                the delivery orders, newest first [--open] [--date D]
    python -m app delivery new --name NAME --address TEXT [--phone N] [--area A] [--pin P]
                               [--pay cash|upi] [--source phone|whatsapp] [--date D] [--note T] CODE:QTY ...
    python -m app delivery confirm ID | pack ID
    python -m app delivery out ID [--by NAME]             out for delivery with the shop's delivery person
    python -m app delivery done ID [--pay METHOD[:AMOUNT]] delivered; paid at the door (default: as agreed)
    python -m app delivery cancel ID [--reason TEXT]      called off or refused: the stock is back
    python -m app delivery run [--date D] [--by NAME] [--pdf FILE] [--png FILE]   the day's run sheet
    python -m app delivery substitute ID CODE|LINE        the items that could take its place (same kind, price
                                                          within the band, in stock)
    python -m app delivery substitute ID CODE|LINE --with CODE [--qty Q] [--ask whatsapp|phone]   ask the
                                                          customer (--qty: only the units short)
    python -m app delivery answer ID yes|no [--then drop|cancel]   the customer's answer (no: send the rest
                                                          without it, or cancel the order)
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app.commands.common import common_options, emit, money, parse_day, qty_for, rupees, session, split_item, table
from app.i18n import _
from app.paths import DataDir


def register(sub: argparse._SubParsersAction) -> None:
    common = common_options()
    p = sub.add_parser("delivery", parents=[common], help="the shop's own home deliveries: new, out, done, run")
    p.add_argument("--open", action="store_true", help="only those not yet delivered or cancelled")
    p.add_argument("--date", help="only the run of this day (YYYY-MM-DD)")
    p.set_defaults(handler=cmd_list)
    acts = p.add_subparsers(dest="delivery_action", metavar="ACTION")
    n = acts.add_parser("new", parents=[common], help="take a phone or WhatsApp order for home delivery")
    n.add_argument("items", nargs="+", help="CODE, CODE:QTY or CODE:QTY@PRICE")
    n.add_argument("--name", required=True, help="the customer's name")
    n.add_argument("--address", required=True)
    n.add_argument("--phone", default="")
    n.add_argument("--area", default="", help="locality or lane, to group the run")
    n.add_argument("--pin", default="", help="six-digit PIN code")
    n.add_argument("--pay", default="cash", choices=("cash", "upi"), help="how the customer will pay at the door")
    n.add_argument("--source", default="phone", choices=("phone", "whatsapp", "counter", "chat"))
    n.add_argument("--date", help="day of delivery (default today)")
    n.add_argument("--note", default="")
    n.set_defaults(handler=cmd_new)
    for name, status, text in (("confirm", "accepted", "confirmed to the customer"), ("pack", "packed", "packed"),
                               ("out", "shipped", "out for delivery")):
        a = acts.add_parser(name, parents=[common], help=text)
        a.add_argument("order_id", type=int)
        if name == "out":
            a.add_argument("--by", default="", help="the delivery person")
        a.set_defaults(handler=cmd_step, status=status)
    d = acts.add_parser("done", parents=[common], help="delivered and paid at the door")
    d.add_argument("order_id", type=int)
    d.add_argument("--pay", action="append", default=[], help="METHOD or METHOD:AMOUNT (cash, upi)")
    d.add_argument("--reference", default="", help="the UPI reference (UTR)")
    d.set_defaults(handler=cmd_done)
    c = acts.add_parser("cancel", parents=[common], help="called off or refused at the door: stock back")
    c.add_argument("order_id", type=int)
    c.add_argument("--reason", default="")
    c.set_defaults(handler=cmd_cancel)
    r = acts.add_parser("run", parents=[common], help="the day's delivery run for the delivery person")
    r.add_argument("--date", help="the day (default today)")
    r.add_argument("--by", default="", help="the delivery person's name, printed on the sheet")
    r.add_argument("--pdf", help="write the A4 run sheet here")
    r.add_argument("--png", help="write the receipt-printer run here (PNG)")
    r.add_argument("--paper", type=int, choices=(58, 80), default=80)
    r.set_defaults(handler=cmd_run)
    sb = acts.add_parser("substitute", parents=[common], help="propose a substitute for an item that is short")
    sb.add_argument("order_id", type=int)
    sb.add_argument("item", help="the short item's code, or its line number")
    sb.add_argument("--with", dest="with_sku", default="", help="the substitute's code (without it: the choices)")
    sb.add_argument("--qty", default="", help="how many to replace (the units short; default the whole line)")
    sb.add_argument("--ask", default="whatsapp", choices=("whatsapp", "phone"),
                    help="WhatsApp: the question goes out now; phone: you ask, then record the answer")
    sb.set_defaults(handler=cmd_substitute)
    an = acts.add_parser("answer", parents=[common], help="the customer's answer about the substitute")
    an.add_argument("order_id", type=int)
    an.add_argument("reply", choices=("yes", "no"))
    an.add_argument("--then", default="drop", choices=("drop", "cancel"),
                    help="on no: drop the item and send the rest, or cancel the whole order")
    an.set_defaults(handler=cmd_answer)


def _row_text(row, zone_label) -> list[str]:
    from app.services.deliveries import state_label

    return [f"#{row.order_id}", row.customer, row.area or "-", row.items, rupees(row.total_paise),
            zone_label(row.pay_by), state_label(row.status), row.deliver_on, row.invoice_no or "-"]


def cmd_list(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import deliveries
    from app.services.deliveries import pay_label

    with session(args, data) as s:
        rows = deliveries.delivery_orders(s.ctx, day=parse_day(args.date) if args.date else None,
                                          open_only=args.open)
    text = _("{n} home-delivery orders").format(n=len(rows)) + "\n" + table(
        [_row_text(r, pay_label) for r in rows],
        [_("Order"), _("Customer"), _("Area"), _("Items"), _("Total"), _("Pay by"), _("State"), _("Day"),
         _("Invoice")])
    emit(args, {"orders": rows}, text)
    return 0


def cmd_new(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import catalog as catalog_service
    from app.services import deliveries
    from app.services.sales import SaleLine

    with session(args, data) as s:
        db = s.store.db()
        lines = []
        for spec in args.items:
            sku, qty, price = split_item(spec)
            product = catalog_service.get_product(db, sku)
            lines.append(SaleLine(sku=product.sku, qty_milli=qty_for(qty or "1", product.unit),
                                  unit_price_paise=money(price) if price else None))
        new = deliveries.NewDelivery(customer_name=args.name, address=args.address, phone=args.phone, area=args.area,
                                     pin=args.pin, pay_by=args.pay, source=args.source, note=args.note, lines=lines,
                                     deliver_on=parse_day(args.date) if args.date else None)
        changes = deliveries.create(s.ctx, new, confirmed=args.yes)
        row = deliveries.delivery_orders(s.ctx, limit=1)[0]
    emit(args, {"order_id": changes.id, "total_paise": row.total_paise},
         _("Home-delivery order {id} taken for {name}: {total}, to collect by {pay} on {day}.").format(
             id=changes.id, name=row.customer, total=rupees(row.total_paise), pay=args.pay, day=row.deliver_on))
    return 0


def cmd_step(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import deliveries

    with session(args, data) as s:
        deliveries.advance(s.ctx, args.order_id, args.status, rider=getattr(args, "by", ""))
    emit(args, {"order_id": args.order_id, "status": args.status},
         _("Order {id}: {state}.").format(id=args.order_id, state=deliveries.state_label(args.status)))
    return 0


def cmd_done(args: argparse.Namespace, data: DataDir) -> int:
    from app.errors import InputError
    from app.services import deliveries
    from app.services.sales import PaymentIn
    from app.store import orders

    with session(args, data) as s:
        order = orders.get(s.store.db(), args.order_id, with_lines=False)
        due = order.total_paise - order.paid_paise if order else 0
        payments = []
        for spec in args.pay:
            method, _sep, amount = spec.partition(":")
            payments.append(PaymentIn(method=method.strip().lower(), amount_paise=money(amount) if amount else -1,
                                      reference=args.reference if method.strip().lower() == "upi" else ""))
        open_ended = [i for i, p in enumerate(payments) if p.amount_paise == -1]
        if len(open_ended) > 1:
            raise InputError(_("Give the amount for every way of paying but one."))
        if open_ended:
            rest = due - sum(p.amount_paise for p in payments if p.amount_paise != -1)
            p = payments[open_ended[0]]
            payments[open_ended[0]] = PaymentIn(method=p.method, amount_paise=rest, reference=p.reference)
        deliveries.deliver(s.ctx, args.order_id, payments)
        order = orders.get(s.store.db(), args.order_id, with_lines=False)
    emit(args, {"order_id": args.order_id, "invoice_no": order.invoice_no if order else None},
         _("Order {id} delivered and paid ({total}); invoice {invoice}.").format(
             id=args.order_id, total=rupees(order.total_paise if order else 0),
             invoice=order.invoice_no if order else "-"))
    return 0


def cmd_cancel(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import deliveries

    with session(args, data) as s:
        deliveries.cancel(s.ctx, args.order_id, reason=args.reason)
    emit(args, {"order_id": args.order_id}, _("Order {id} cancelled; its stock is back.").format(id=args.order_id))
    return 0


def cmd_run(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import deliveries
    from app.services.shop import profile

    with session(args, data) as s:
        day = parse_day(args.date) if args.date else s.ctx.today()
        stops = deliveries.run_for(s.ctx, day)
        shop = profile(s.store).name
    written = []
    if args.pdf or args.png:
        from app.commands.counter import _qt
        from app.ui.printing.delivery_run import run_receipt, write_run_pdf

        _qt()
        if args.pdf:
            written.append(str(write_run_pdf(stops, Path(args.pdf), shop=shop, day=day.isoformat(), rider=args.by)))
        if args.png:
            run_receipt(stops, day=day.isoformat(), paper_mm=args.paper).save(args.png)
            written.append(args.png)
    from app.services.deliveries import pay_label

    lines = [_("Delivery run, {day}").format(day=day.isoformat()) + (f" — {args.by}" if args.by else "")]
    for n, stop in enumerate(stops, start=1):
        lines.append(f"{n}. #{stop.order_id} {stop.customer} {stop.phone} | "
                     f"{', '.join(x for x in (stop.address, stop.area, stop.pin) if x)} | {stop.items} | "
                     f"{rupees(stop.due_paise)} {pay_label(stop.pay_by)}")
    lines.append(_("{n} stops; to collect {total}.").format(n=len(stops),
                                                           total=rupees(sum(s.due_paise for s in stops))))
    emit(args, {"day": day.isoformat(), "stops": stops, "written": written}, "\n".join(lines + written))
    return 0


def cmd_substitute(args: argparse.Namespace, data: DataDir) -> int:
    from app.errors import InvalidState
    from app.services import substitutions

    with session(args, data) as s:
        why = substitutions.refusal(s.ctx, args.order_id)
        if why:
            raise InvalidState(why)
        line_no = substitutions.line_for(s.ctx, args.order_id, args.item)
        qty = substitutions.qty_for_line(s.ctx, args.order_id, line_no, args.qty) if args.qty else None
        if not args.with_sku:
            found = substitutions.candidates(s.ctx, args.order_id, line_no, qty)
            text = _("{n} items could take its place (nearest in price first):").format(n=len(found)) + "\n" + table(
                [[c.sku, substitutions.shown_name(c), rupees(c.unit_price_paise), str(c.free_milli // 1000),
                  substitutions.difference_label(c.difference_paise)] for c in found],
                [_("Code"), _("Item"), _("Price"), _("Free"), _("Difference")]) if found else _(
                "No item of the same or a neighbouring kind, priced near it and in stock, can take its place: send "
                "the rest without it, or cancel the order.")
            emit(args, {"order_id": args.order_id, "line": line_no, "candidates": found}, text)
            return 0
        changes = substitutions.propose(s.ctx, args.order_id, line_no, args.with_sku, ask_by=args.ask, qty_milli=qty)
        question = substitutions.open_question(s.ctx, args.order_id)
    tail = _("The question is on its way on WhatsApp.") if changes.outbox else _(
        "Call the customer, then record the answer: delivery answer {id} yes|no.").format(id=args.order_id)
    emit(args, {"order_id": args.order_id, "substitution": changes.id, "queued": changes.outbox},
         f"{question.message if question else ''} {tail}".strip())
    return 0


def cmd_answer(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import deliveries, substitutions
    from app.store import orders

    with session(args, data) as s:
        substitutions.answer(s.ctx, args.order_id, yes=args.reply == "yes", then=args.then)
        order = orders.get(s.store.db(), args.order_id, with_lines=False)
    assert order is not None  # answer found it
    if order.status == "cancelled":
        text = _("Order {id} cancelled; its stock is back.").format(id=args.order_id)
    else:
        text = _("Order {id} changed: now {total} ({state}).").format(
            id=args.order_id, total=rupees(order.total_paise), state=deliveries.state_label(order.status))
    emit(args, {"order_id": args.order_id, "status": order.status, "total_paise": order.total_paise}, text)
    return 0
