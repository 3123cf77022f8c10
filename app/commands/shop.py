"""Shop-level commands: init, shops, info, settings, gst, close-year, events."""

from __future__ import annotations

import argparse
import json
from typing import Any

from app.commands import gst_returns
from app.commands.common import common_options, emit, parse_day, rupees, session, shop_name, table
from app.config import get_setting
from app.domain.gst import STATES, format_rate
from app.errors import InputError
from app.i18n import _
from app.paths import DataDir
from app.services import periods, taxes
from app.services import settings as settings_service
from app.services import shop as shop_service
from app.session import open_session
from app.store import catalog, orders, outbox, parties
from app.store import events as event_log
from app.store import stock as stock_store


def register(sub: argparse._SubParsersAction) -> None:
    common = common_options()
    p = sub.add_parser("init", parents=[common], help="set up a new shop (name, state, GSTIN)")
    p.add_argument("--name", required=True)
    p.add_argument("--state", required=True, help="GST state code, e.g. 27 for Maharashtra")
    p.add_argument("--gstin")
    p.add_argument("--scheme", choices=("regular", "composition", "unregistered"), default="regular")
    p.add_argument("--upi", help="UPI id for QR payments, e.g. shop@okhdfcbank")
    p.add_argument("--phone")
    p.add_argument("--address", default="")
    p.add_argument("--city", default="")
    p.add_argument("--pincode", default="", help="the shop's PIN code (couriers pick up from it)")
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("shops", parents=[common], help="list the shops in the data folder")
    p.set_defaults(handler=cmd_shops)

    p = sub.add_parser("info", parents=[common], help="the shop at a glance")
    p.set_defaults(handler=cmd_info)

    p = sub.add_parser("settings", parents=[common],
                       help="every shop setting (the agents' too): show, or set KEY VALUE")
    p.add_argument("action", nargs="?", choices=("show", "set"), default="show")
    p.add_argument("key", nargs="?")
    p.add_argument("value", nargs="?")
    p.set_defaults(handler=cmd_settings)

    p = sub.add_parser("gst", parents=[common], help="the dated GST rate table; GST returns and due dates")
    p.add_argument("action", choices=("rates", "rate", "add", *gst_returns.ACTIONS))
    p.add_argument("hsn", nargs="?", help="HSN code or prefix")
    p.add_argument("rate", nargs="?", help="for add: the rate in percent, e.g. 5 or 0.25")
    p.add_argument("--date", help="for rate: the day (default today); for purchase-bill: the bill's date")
    p.add_argument("--from", dest="from_", help="for add: first day the rate applies")
    p.add_argument("--cess", default="0", help="for add: cess in percent")
    p.add_argument("--note", default="", help="for add: what the rate covers / the notification")
    gst_returns.add_arguments(p)
    p.set_defaults(handler=cmd_gst)

    p = sub.add_parser("close-year", parents=[common], help="close a financial year (e.g. 2024-25)")
    p.add_argument("fy")
    p.set_defaults(handler=cmd_close_year)

    p = sub.add_parser("events", parents=[common], help="what happened, newest first")
    p.add_argument("--limit", type=int, default=30)
    p.add_argument("--subject", help="only events about one thing, e.g. product:SALT1 or order:12")
    p.set_defaults(handler=cmd_events)


def cmd_init(args: argparse.Namespace, data: DataDir) -> int:
    name = args.shop
    if not name:
        raise InputError(_("Choose a name for the new shop's file with --shop, for example --shop sharma-kirana."))
    if data.shop_db(name).exists():
        raise InputError(_("A shop called '{name}' already exists.").format(name=name))
    opened = open_session(data, name, create=True)
    try:
        shop_service.create_shop(opened.ctx, name=args.name, state_code=args.state, gstin=args.gstin,
                                 gst_scheme=args.scheme, upi_id=args.upi, phone=args.phone, address=args.address,
                                 city=args.city, pincode=args.pincode)
    except BaseException:
        opened.close()
        data.shop_db(name).unlink(missing_ok=True)
        raise
    opened.close()
    emit(args, {"shop": name, "path": str(data.shop_db(name))},
         _("Shop '{name}' is ready: {path}").format(name=name, path=data.shop_db(name)))
    return 0


def cmd_shops(args: argparse.Namespace, data: DataDir) -> int:
    shops = data.list_shops()
    emit(args, {"shops": shops, "data_dir": str(data.root)},
         "\n".join(shops) if shops else _("No shops yet in {path}.").format(path=data.root))
    return 0


def cmd_info(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        db = s.store.db()
        profile = shop_service.profile(s.store)
        today = s.ctx.today()
        bills, takings = orders.day_totals(db, today.isoformat())
        low = stock_store.low_stock(db, limit=10_000)
        backups = s.backups()
        info: dict[str, Any] = {
            "shop": shop_name(args, data), "name": profile.name, "gstin": profile.gstin,
            "state": STATES.get(profile.state_code, profile.state_code), "scheme": profile.gst_scheme,
            "items": catalog.count(db), "low_stock_items": len(low), "today": today.isoformat(),
            "bills_today": bills, "sales_today_paise": takings, "khata_outstanding_paise": parties.khata_total(db),
            "changes_waiting_to_sync": outbox.waiting_count(db),
            "last_backup": backups[0].made_at.isoformat() if backups else None,
        }
    text = "\n".join([
        f"{profile.name}  ({info['state']}, GSTIN {profile.gstin or '-'}, {profile.gst_scheme})",
        _("Items: {n}, at or below reorder point: {low}").format(n=info["items"], low=info["low_stock_items"]),
        _("Today ({day}): {bills} bills, {total}").format(day=today.strftime("%d-%m-%Y"), bills=bills,
                                                        total=rupees(takings)),
        _("Khata outstanding: {total}").format(total=rupees(info["khata_outstanding_paise"])),
        _("Changes waiting to sync: {n}").format(n=info["changes_waiting_to_sync"]),
        _("Last backup: {when}").format(when=info["last_backup"] or _("never")),
    ])
    emit(args, info, text)
    return 0


def cmd_settings(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        if args.action == "set":
            if not args.key or args.value is None:
                raise InputError(_("Write: settings set KEY VALUE"))
            settings_service.set_setting(s.ctx, args.key, args.value)
        values = settings_service.all_values(s.store)
    rows = [[key, json.dumps(value, ensure_ascii=False), get_setting(key).description()]
            for key, value in sorted(values.items())]
    emit(args, values, table(rows, [_("Setting"), _("Value"), _("Meaning")]))
    return 0


def _percent_bp(text: str) -> int:
    try:
        value = float(text)
    except (TypeError, ValueError):
        raise InputError(_("'{rate}' is not a rate in percent.").format(rate=text)) from None
    bp = round(value * 100)
    if abs(bp - value * 100) > 1e-6 or not 0 <= bp <= 10_000:
        raise InputError(_("'{rate}' is not a rate in percent.").format(rate=text))
    return bp


def cmd_gst(args: argparse.Namespace, data: DataDir) -> int:
    if args.action in gst_returns.ACTIONS:
        return gst_returns.run(args, data)
    with session(args, data) as s:
        if args.action == "rates":
            rates = sorted(taxes.rate_table(s.store).rates, key=lambda r: (r.hsn_prefix, r.effective_from))
            if args.hsn:
                rates = [r for r in rates if r.hsn_prefix.startswith(args.hsn) or args.hsn.startswith(r.hsn_prefix)]
            rows = [[r.hsn_prefix, format_rate(r.rate_bp), format_rate(r.cess_bp) if r.cess_bp else "",
                     r.effective_from.isoformat(), r.description] for r in rates]
            emit(args, rates, table(rows, [_("HSN"), _("GST"), _("Cess"), _("From"), _("Goods")]))
        elif args.action == "rate":
            if not args.hsn:
                raise InputError(_("Write: gst rate HSN [--date YYYY-MM-DD]"))
            day = parse_day(args.date) if args.date else s.ctx.today()
            found = taxes.rate_for(s.store, args.hsn, day)
            emit(args, found, _("HSN {hsn} on {day}: GST {rate} (from {start}; {desc})").format(
                hsn=args.hsn, day=day.isoformat(), rate=format_rate(found.rate_bp),
                start=found.effective_from.isoformat(), desc=found.description))
        else:
            if not (args.hsn and args.rate and args.from_):
                raise InputError(_("Write: gst add HSN RATE --from YYYY-MM-DD [--cess C] [--note TEXT]"))
            taxes.add_rate(s.ctx, hsn_prefix=args.hsn, rate_bp=_percent_bp(args.rate), cess_bp=_percent_bp(args.cess),
                           effective_from=parse_day(args.from_), description=args.note)
            emit(args, {"added": args.hsn}, _("Added: HSN {hsn} at {rate} from {day}.").format(
                hsn=args.hsn, rate=f"{args.rate}%", day=args.from_))
    return 0


def cmd_close_year(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        periods.close_financial_year(s.ctx, args.fy)
    emit(args, {"closed": args.fy}, _("Financial year {fy} is closed.").format(fy=args.fy))
    return 0


def cmd_events(args: argparse.Namespace, data: DataDir) -> int:
    subject_type = subject_id = None
    if args.subject:
        subject_type, _sep, subject_id = args.subject.partition(":")
    with session(args, data) as s:
        rows = event_log.recent(s.store.db(), limit=args.limit, subject_type=subject_type,
                                subject_id=subject_id or None)
    text = "\n".join(f"#{e.id} {e.at[:19].replace('T', ' ')} {e.type} {e.subject_type}:{e.subject_id} "
                     f"by {e.actor} {e.data_json}" + (f" — {e.reason}" if e.reason else "") for e in rows)
    emit(args, rows, text or _("Nothing has happened yet."))
    return 0

