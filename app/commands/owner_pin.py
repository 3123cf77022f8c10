"""The owner's PIN from the command line (the owner's own tool on the shop's PC):

    python -m app pin set 1234 [--current 9999]
    python -m app pin clear --current 1234
    python -m app pin status
"""

from __future__ import annotations

import argparse

from app.commands.common import common_options, emit, session
from app.i18n import _
from app.paths import DataDir
from app.services import owner_pin


def register(sub: argparse._SubParsersAction) -> None:
    pin = sub.add_parser("pin", help="the owner's PIN that keeps prices and settings from the staff role")
    psub = pin.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = psub.add_parser("set", parents=[common_options()], help="set or change the owner's PIN (4 to 8 digits)")
    p.add_argument("pin")
    p.add_argument("--current", default="", help="the PIN now, when one is set")
    p.set_defaults(handler=cmd_set)
    p = psub.add_parser("clear", parents=[common_options()], help="remove the owner's PIN")
    p.add_argument("--current", required=True)
    p.set_defaults(handler=cmd_clear)
    p = psub.add_parser("status", parents=[common_options()], help="is an owner's PIN set?")
    p.set_defaults(handler=cmd_status)


def cmd_set(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        owner_pin.set_pin(s.ctx, args.pin, current_pin=args.current)
    emit(args, {"pin_set": True}, _("The owner's PIN is saved."))
    return 0


def cmd_clear(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        owner_pin.clear_pin(s.ctx, current_pin=args.current)
    emit(args, {"pin_set": False}, _("The PIN is removed."))
    return 0


def cmd_status(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        has = owner_pin.has_pin(s.store)
    emit(args, {"pin_set": has}, _("An owner's PIN is set.") if has else _("No owner's PIN is set."))
    return 0
