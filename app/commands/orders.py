"""``orders``: marketplace orders from every channel, and fulfilling them; ``list-on``: put items on a channel.

    python -m app orders                       every marketplace order: ours beside the channel's, ship-by
    python -m app orders accept ID
    python -m app orders ship ID --carrier NAME --tracking AWB
    python -m app orders cancel ID [--reason TEXT]
    python -m app orders return ID [--damaged WHAT] [--part N]
                                               the returned parcel is in the shop: stock comes back
                                               (damaged: then written off with the reason; --part N: only
                                               that part, booked on its own; the last part back: returned)
    python -m app orders short ID SKU --found Q    stock short at picking: books corrected, the proposal
    python -m app orders plan ID               the operations agent's plan (also for home deliveries)
    python -m app orders rates ID [--pin P]    the courier aggregator's carriers for the parcel, cheapest first
    python -m app orders book ID [--carrier-id N] [--pin P]
                                               book the courier (the shop's account, ``courier set``): AWB,
                                               label PDF, pickup; the order ships
    python -m app orders track ID              where the parcel is
    python -m app orders ship-part ID SKU:Q [SKU:Q ...] --carrier NAME --tracking AWB
    python -m app orders ship-part ID SKU:Q [SKU:Q ...] --book [--carrier-id N] [--pin P]   the part booked with
                                                          the courier aggregator on its own (AWB, label, pickup)
                                               ship the units in stock now; the rest later (orders ship)
    python -m app orders cancel-rest ID [--reason TEXT]
                                               the customer agreed: the units not shipped are cancelled
    python -m app orders cod [--fetch] [--import FILE] [--days N]
                                               the courier's cash on delivery: remitted, short, missing
    python -m app orders cancel-booking ID [--part N] [--reason TEXT]
                                               cancel the courier booking before pickup (the order stays);
                                               --part: the booking of that part, booked on its own
    python -m app orders rebook ID [--part N] [--carrier-id N] [--pin P]
                                               cancel the booking, book another carrier; the channel hears
                                               the new AWB
    (``book`` and ``track`` also take --courier-url URL --email E --secret S: another account, not saved)
    python -m app list-on CHANNEL SKU [SKU ...]

Each action is saved at once with its command to the marketplace in the outbox; ``sync run`` (or the
app's sync worker) sends it.
"""

from __future__ import annotations

import argparse

from app.commands.common import common_options, emit, rupees, session
from app.i18n import _
from app.paths import DataDir


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("orders", parents=[common_options()], help="marketplace orders: list, accept, ship, cancel")
    actions = p.add_subparsers(dest="orders_action", metavar="ACTION")
    a = actions.add_parser("accept", parents=[common_options()], help="accept an order")
    a.add_argument("order_id", type=int)
    a.set_defaults(handler=cmd_accept)
    s = actions.add_parser("ship", parents=[common_options()], help="hand an order to the courier")
    s.add_argument("order_id", type=int)
    s.add_argument("--carrier", default="Other")
    s.add_argument("--tracking", default="")
    s.set_defaults(handler=cmd_ship)
    c = actions.add_parser("cancel", parents=[common_options()], help="cancel an order that has not shipped")
    c.add_argument("order_id", type=int)
    c.add_argument("--reason", default="INVENTORY", help="why (out of stock: INVENTORY)")
    c.set_defaults(handler=cmd_cancel)
    r = actions.add_parser("return", parents=[common_options()], help="a returned parcel arrived: stock back")
    r.add_argument("order_id", type=int)
    r.add_argument("--damaged", default=None, metavar="WHAT", help="the parcel came back damaged: write it off")
    r.add_argument("--part", type=int, default=None,
                   help="only that part, booked on its own, came back (RTO); with --damaged, only its units are "
                        "written off")
    r.set_defaults(handler=cmd_return)
    sh = actions.add_parser("short", parents=[common_options()], help="stock short at picking: what was found")
    sh.add_argument("order_id", type=int)
    sh.add_argument("sku")
    sh.add_argument("--found", required=True, help="how many were on the shelf (0 if none)")
    sh.set_defaults(handler=cmd_short)
    pl = actions.add_parser("plan", parents=[common_options()],
                            help="the operations agent's fulfilment plan: pick, pack, ship, by when")
    pl.add_argument("order_id", type=int)
    pl.set_defaults(handler=cmd_plan)
    for name, helptext, handler in (("book", "book the parcel with the courier aggregator: AWB, label, pickup",
                                     cmd_book),
                                    ("track", "ask the courier where the parcel is", cmd_track),
                                    ("rates", "the courier aggregator's carriers and prices for the parcel",
                                     cmd_rates)):
        b = actions.add_parser(name, parents=[common_options()], help=helptext)
        b.add_argument("order_id", type=int)
        if name != "rates":
            b.add_argument("--courier-url", default="", help="another aggregator account's API address (not saved)")
            b.add_argument("--email", default="", help="that account's e-mail")
            b.add_argument("--secret", default="", help="its password")
        if name != "track":
            b.add_argument("--pin", default="", help="the customer's PIN code, when the order does not carry it")
        if name == "book":
            b.add_argument("--carrier-id", type=int, default=None, help="the carrier to book (from: orders rates)")
        b.set_defaults(handler=handler)
    sp = actions.add_parser("ship-part", parents=[common_options()],
                            help="ship some units now (the rest later, or cancel the rest)")
    sp.add_argument("order_id", type=int)
    sp.add_argument("units", nargs="+", metavar="SKU:Q", help="item code and how many units ship now")
    sp.add_argument("--carrier", default="Other")
    sp.add_argument("--tracking", default="")
    sp.add_argument("--book", action="store_true", help="book this part with the courier aggregator on its own")
    sp.add_argument("--carrier-id", type=int, default=None, help="with --book: the carrier (from: orders rates)")
    sp.add_argument("--pin", default="", help="with --book: the customer's PIN code, when the order has none")
    sp.set_defaults(handler=cmd_ship_part)
    cr = actions.add_parser("cancel-rest", parents=[common_options()],
                            help="the customer agreed: cancel the units not shipped (stock back)")
    cr.add_argument("order_id", type=int)
    cr.add_argument("--reason", default="", help="what the customer agreed to")
    cr.set_defaults(handler=cmd_cancel_rest)
    cod = actions.add_parser("cod", parents=[common_options()],
                             help="cash on delivery collected by the courier: remitted, short or missing")
    cod.add_argument("--fetch", action="store_true", help="read the courier's remittance report from its API first")
    cod.add_argument("--import", dest="import_file", default=None, metavar="FILE",
                     help="the remittance CSV downloaded from the courier's panel (AWB, amount in rupees, ...)")
    cod.add_argument("--days", type=int, default=None, help="a parcel not remitted this many days after delivery "
                                                             "is missing")
    cod.set_defaults(handler=cmd_cod)
    cb = actions.add_parser("cancel-booking", parents=[common_options()],
                            help="cancel the courier booking before pickup (confirmed by the courier)")
    cb.add_argument("order_id", type=int)
    cb.add_argument("--part", type=int, default=None, help="the part booked on its own (its number, 1, 2, ...)")
    cb.add_argument("--reason", default="", help="why (e.g. the courier did not come)")
    cb.set_defaults(handler=cmd_cancel_booking)
    rb = actions.add_parser("rebook", parents=[common_options()],
                            help="cancel the courier booking and book another carrier in its place")
    rb.add_argument("order_id", type=int)
    rb.add_argument("--part", type=int, default=None, help="the part booked on its own (its number, 1, 2, ...)")
    rb.add_argument("--carrier-id", type=int, default=None, help="the carrier to book (from: orders rates)")
    rb.add_argument("--pin", default="", help="the customer's PIN code, when the order does not carry it")
    rb.add_argument("--reason", default="", help="why the first booking is cancelled")
    rb.set_defaults(handler=cmd_rebook)
    p.set_defaults(handler=cmd_list)

    lst = sub.add_parser("list-on", parents=[common_options()], help="list items on a marketplace channel")
    lst.add_argument("channel")
    lst.add_argument("skus", nargs="+")
    lst.set_defaults(handler=cmd_list_on)


def cmd_list(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import order_flow

    with session(args, data) as s:
        rows = order_flow.board(s.ctx)
    lines = [_("{n} marketplace orders").format(n=len(rows))]
    for row in rows:
        lines.append(_("#{id} {channel} {remote}: ours {ours}, {channel} {theirs}; {total}; {items}; ship by {by}")
                     .format(id=row.order_id, channel=row.channel, remote=row.remote_id,
                             ours=order_flow.state_label(row.status),
                             theirs=order_flow.state_label(row.channel_status), total=rupees(row.total_paise),
                             items=row.items, by=row.ship_by[:16].replace("T", " "))
                     + (" " + _("({n} waiting to be sent)").format(n=row.waiting) if row.waiting else ""))
    emit(args, {"orders": rows}, "\n".join(lines))
    return 0


def _done(args: argparse.Namespace, changes, text: str) -> int:
    emit(args, {"order_id": args.order_id, "queued": changes.outbox}, text + (
        " " + _("The marketplace hears of it at the next sync.") if changes.outbox else ""))
    return 0


def cmd_accept(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import order_flow as fulfilment

    with session(args, data) as s:
        changes = fulfilment.accept_order(s.ctx, args.order_id)
    return _done(args, changes, _("Order {id} accepted.").format(id=args.order_id))


def cmd_ship(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import order_flow as fulfilment

    with session(args, data) as s:
        changes = fulfilment.ship_order(s.ctx, args.order_id, carrier=args.carrier, tracking=args.tracking)
    return _done(args, changes, _("Order {id} shipped.").format(id=args.order_id))


def cmd_cancel(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import order_flow as fulfilment

    with session(args, data) as s:
        changes = fulfilment.cancel_order(s.ctx, args.order_id, reason=args.reason)
    return _done(args, changes, _("Order {id} cancelled; its stock is back.").format(id=args.order_id))


def cmd_return(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import order_flow as fulfilment
    from app.services import order_issues

    with session(args, data) as s:
        if args.part is not None:
            from app.services import order_parts

            if args.damaged is not None:
                changes = order_issues.receive_damaged_part(s.ctx, args.order_id, args.part, reason=args.damaged)
                return _done(args, changes, _("Part {part} of order {id} received damaged and written off.").format(
                    part=args.part, id=args.order_id))
            changes = order_parts.receive_part_return(s.ctx, args.order_id, args.part)
            return _done(args, changes, _("Part {part} of order {id} is back in the shop; its stock is back.").format(
                part=args.part, id=args.order_id))
        if args.damaged is not None:
            changes = order_issues.receive_damaged_return(s.ctx, args.order_id, reason=args.damaged)
            return _done(args, changes, _("Return of order {id} received and written off.").format(id=args.order_id))
        changes = fulfilment.receive_return(s.ctx, args.order_id)
    return _done(args, changes, _("Return of order {id} received; its stock is back.").format(id=args.order_id))


def cmd_short(args: argparse.Namespace, data: DataDir) -> int:
    from app.domain.qty import to_milli
    from app.services import order_issues
    from app.store import catalog as catalog_store

    with session(args, data) as s:
        product = catalog_store.get(s.store.db(), args.sku)
        found = to_milli(args.found, product.unit if product else "pcs")
        report = order_issues.report_short(s.ctx, args.order_id, args.sku, found)
    emit(args, {"order_id": args.order_id, "sku": args.sku, "needed_milli": report.needed_milli,
                "found_milli": report.found_milli, "proposal": report.proposal}, report.proposal)
    return 0


def cmd_list_on(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import order_flow

    with session(args, data) as s:
        queued = order_flow.list_items(s.ctx, args.channel, args.skus)  # all or nothing
    emit(args, {"channel": args.channel, "skus": args.skus, "queued": queued},
         _("{n} items listed on {channel}; {q} changes wait for the next sync.").format(
             n=len(args.skus), channel=args.channel, q=queued))
    return 0


def cmd_plan(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import fulfilment_plans

    with session(args, data) as s:
        view = fulfilment_plans.plan_for(s.ctx, args.order_id)
        lines = fulfilment_plans.plan_lines(view, s.ctx)
    emit(args, {"plan": view.plan, "alone": view.verdict.alone, "verdict": view.verdict.reason},
         _("Plan for order {id}").format(id=args.order_id) + "\n" + "\n".join(lines))
    return 0


def _client(args: argparse.Namespace):
    """A one-off account given on the command line, else None (the shop's saved account)."""
    if not args.courier_url:
        return None
    from app.sync.courier import CourierClient

    return CourierClient(args.courier_url, args.email, args.secret)


def cmd_rates(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import couriers

    with session(args, data) as s:
        found = couriers.rates(s.ctx, args.order_id, pin=args.pin)
    lines = [_("Carriers for order {id}, cheapest first:").format(id=args.order_id)] + [
        _("{n}. {carrier}: {cost}, {days} days (book with --carrier-id {n})").format(
            n=rate.courier_id, carrier=rate.name, cost=rupees(rate.cost_paise), days=rate.days) for rate in found]
    if not found:
        lines = [_("No carrier of the courier serves this PIN code.")]
    emit(args, {"order_id": args.order_id, "rates": found}, "\n".join(lines))
    return 0


def cmd_book(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import couriers

    client = _client(args)
    with session(args, data) as s:
        if client is None:
            done = couriers.book(s.ctx, args.order_id, courier_id=args.carrier_id, pin=args.pin)
        else:
            from app.sync.courier import book

            one_off = book(s.ctx, args.order_id, client, labels_dir=data.root / "labels", pin=args.pin,
                           courier_id=args.carrier_id)
            done = couriers.Booked(one_off.order_id, one_off.shipment_id, one_off.awb, one_off.courier,
                                   one_off.label, one_off.pickup)
    emit(args, {"order_id": done.order_id, "awb": done.awb, "courier": done.courier, "label": str(done.label),
                "pickup": done.pickup},
         _("Order {id} booked with {courier}: AWB {awb}, pickup {pickup}; label {label}. The marketplace hears of "
           "it at the next sync.").format(id=done.order_id, courier=done.courier, awb=done.awb, pickup=done.pickup,
                                          label=done.label))
    return 0


def cmd_track(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import couriers
    from app.services.shipments import status_label

    client = _client(args)
    with session(args, data) as s:
        if client is None:
            status = couriers.track(s.ctx, args.order_id)
        else:
            from app.sync.courier import track

            status = track(s.ctx, args.order_id, client)
    text = _("Order {id}: the parcel is {status}.").format(id=args.order_id, status=status_label(status))
    if status == "rto_delivered":
        text += " " + _("When you have it in the shop, say so with: orders return {id}").format(id=args.order_id)
    emit(args, {"order_id": args.order_id, "status": status}, text)
    return 0


def cmd_cancel_booking(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import couriers

    with session(args, data) as s:
        if args.part is not None:
            awb = couriers.cancel_part(s.ctx, args.order_id, args.part, reason=args.reason)
        else:
            awb = couriers.cancel(s.ctx, args.order_id, reason=args.reason)
    if args.part is not None:
        emit(args, {"order_id": args.order_id, "part": args.part, "cancelled_awb": awb},
             _("The courier cancelled booking {awb} of part {part} of order {id}. The parcel still has to go: book "
               "another with 'orders rebook {id} --part {part}'.").format(awb=awb, part=args.part, id=args.order_id))
        return 0
    emit(args, {"order_id": args.order_id, "cancelled_awb": awb},
         _("The courier cancelled booking {awb} of order {id}. The parcel still has to go: book another with "
           "'orders rebook {id}' or 'orders book {id}'.").format(awb=awb, id=args.order_id))
    return 0


def cmd_rebook(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import couriers

    with session(args, data) as s:
        if args.part is not None:
            done = couriers.rebook_part(s.ctx, args.order_id, args.part, courier_id=args.carrier_id, pin=args.pin,
                                        reason=args.reason)
        else:
            done = couriers.rebook(s.ctx, args.order_id, courier_id=args.carrier_id, pin=args.pin, reason=args.reason)
    if args.part is not None:
        emit(args, {"order_id": done.order_id, "part": args.part, "awb": done.awb, "courier": done.courier,
                    "label": str(done.label), "pickup": done.pickup},
             _("Part {part} of order {id} booked again with {courier}: AWB {awb}, pickup {pickup}; label {label}. "
               "Its first booking is cancelled.").format(part=args.part, id=done.order_id, courier=done.courier,
                                                          awb=done.awb, pickup=done.pickup, label=done.label))
        return 0
    emit(args, {"order_id": done.order_id, "awb": done.awb, "courier": done.courier, "label": str(done.label),
                "pickup": done.pickup},
         _("Order {id} booked again with {courier}: AWB {awb}, pickup {pickup}; label {label}. The first booking "
           "is cancelled.").format(id=done.order_id, courier=done.courier, awb=done.awb, pickup=done.pickup,
                                   label=done.label))
    return 0


def _left_text(left: dict[str, int]) -> str:
    return ", ".join(f"{sku} × {qty // 1000}" for sku, qty in left.items())


def cmd_ship_part(args: argparse.Namespace, data: DataDir) -> int:
    from app.errors import InputError
    from app.services import order_parts

    units: dict[str, int] = {}
    for given in args.units:
        sku, _sep, qty = given.rpartition(":")
        if not sku or not qty.isdigit():
            raise InputError(_("Write each item as CODE:UNITS, for example ATTA5:1 (not '{given}').").format(
                given=given))
        units[sku] = units.get(sku, 0) + int(qty) * 1000
    booked = None
    with session(args, data) as s:
        if args.book:
            from app.services import couriers

            booked = couriers.book_part(s.ctx, args.order_id, units, courier_id=args.carrier_id, pin=args.pin)
            queued = 1  # a new part of a channel that takes parts (checked before booking) is always queued
        else:
            queued = order_parts.ship_part(s.ctx, args.order_id, units, carrier=args.carrier,
                                           tracking=args.tracking).outbox
        left = order_parts.remaining(s.ctx, args.order_id)
    text = _("Part of order {id} shipped.").format(id=args.order_id) + " " + (_(
        "Booked with {courier}: AWB {awb}, pickup {pickup}; label {label}.").format(
        courier=booked.courier, awb=booked.awb, pickup=booked.pickup, label=booked.label) + " " if booked else "") + (
        _("Still to ship: {items}.").format(items=_left_text(left)) if left else _("Nothing else waits."))
    emit(args, {"order_id": args.order_id, "queued": queued, "remaining_milli": left,
                "awb": booked.awb if booked else None, "label": str(booked.label) if booked else None}, text + (
        " " + _("The marketplace hears of it at the next sync.") if queued else ""))
    return 0


def cmd_cancel_rest(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import order_parts

    with session(args, data) as s:
        changes = order_parts.cancel_rest(s.ctx, args.order_id, reason=args.reason)
    return _done(args, changes, _("The units of order {id} not shipped are cancelled; their stock is back.").format(
        id=args.order_id))


def cmd_cod(args: argparse.Namespace, data: DataDir) -> int:
    from pathlib import Path

    from app.services import cod_remittances, couriers

    lines_in: list[str] = []
    with session(args, data) as s:
        for source, found in (("courier", couriers.fetch_remittances(s.ctx) if args.fetch else None),
                              ("file", cod_remittances.parse_csv(Path(args.import_file).read_text(encoding="utf-8"))
                               if args.import_file else None)):
            if found is None:
                continue
            done = cod_remittances.record(s.ctx, found, source=source)
            lines_in.append(_("{n} remittances recorded, {m} already in the books.").format(n=done.matched,
                                                                                            m=done.already))
            if done.unknown:
                lines_in.append(_("Not parcels of this shop's cash on delivery: {awbs}").format(
                    awbs=", ".join(done.unknown)))
        rows = cod_remittances.report(s.ctx, days=args.days or cod_remittances.REMIT_DAYS)
    lines = [*lines_in, cod_remittances.summary(rows)] + [
        _("#{id} {awb} {customer}: {due}, remitted {paid} — {state}").format(
            id=r.order_id, awb=r.awb, customer=r.customer, due=rupees(r.due_paise), paid=rupees(r.remitted_paise),
            state=cod_remittances.state_label(r.state)) for r in rows]
    emit(args, {"parcels": rows}, "\n".join(lines))
    return 0
