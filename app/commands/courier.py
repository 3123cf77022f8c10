"""``courier``: the shop's courier aggregator account (the password only in the system keyring) and the
operations agent's run.

    python -m app courier set --url URL --email E [--password P]   (asked for when not given)
    python -m app courier show
    python -m app courier test        sign in and ask one harmless question; says plainly what is wrong
    python -m app courier run         the operations agent once: plan new orders, book within your limits,
                                      ask for approval otherwise, read tracking
"""

from __future__ import annotations

import argparse
import getpass

from app.commands.common import common_options, emit, session
from app.i18n import _
from app.paths import DataDir


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("courier", parents=[common_options()], help="the courier aggregator account; the agent's run")
    actions = p.add_subparsers(dest="courier_action", metavar="ACTION", required=True)
    s = actions.add_parser("set", parents=[common_options()], help="keep the account (password in the keyring)")
    s.add_argument("--url", required=True, help="the aggregator's API address, https://...")
    s.add_argument("--email", required=True)
    s.add_argument("--password", default=None, help="asked for when not given (it is not shown)")
    s.set_defaults(handler=cmd_set)
    for name, helptext in (("show", "the account's address and e-mail"),
                           ("test", "sign in and say plainly what is wrong"),
                           ("run", "run the operations agent once")):
        a = actions.add_parser(name, parents=[common_options()], help=helptext)
        a.set_defaults(handler={"show": cmd_show, "test": cmd_test, "run": cmd_run}[name])


def cmd_set(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import couriers

    password = args.password if args.password is not None else getpass.getpass(_("Courier password: "))
    with session(args, data) as s:
        couriers.save_account(s.ctx, url=args.url, email=args.email, password=password)
        ok, message = couriers.test_account(s.ctx)
    emit(args, {"ok": ok, "message": message}, message)
    return 0 if ok else 2


def cmd_show(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import couriers

    with session(args, data) as s:
        url, email = couriers.account(s.ctx)
    text = _("Courier account: {email} at {url} (password in the system keyring)").format(email=email, url=url) \
        if url else _("No courier account is set up yet: enter it on the Sync page.")
    emit(args, {"url": url, "email": email}, text)
    return 0


def cmd_test(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import couriers

    with session(args, data) as s:
        ok, message = couriers.test_account(s.ctx)
    emit(args, {"ok": ok, "message": message}, message)
    return 0 if ok else 2


def cmd_run(args: argparse.Namespace, data: DataDir) -> int:
    from app.agents import fulfilment_cycle

    with session(args, data) as s:
        result = fulfilment_cycle.run(s.ctx)
    text = _("Operations agent: {planned} planned, {asked} waiting for your approval, {booked} booked, {failed} "
             "failed, {escalated} cannot arrive in time, {tracked} parcels tracked, {late} couriers late for the "
             "pickup.").format(planned=len(result.planned), asked=len(result.asked), booked=len(result.booked),
                              failed=len(result.failed), escalated=len(result.escalated), tracked=result.tracked,
                              late=len(result.late_pickups))
    emit(args, result.__dict__, text)
    return 0
