"""``backup target set|show|clear|copy``: the second place (a USB drive or any folder) that gets a checked
copy of every daily backup."""

from __future__ import annotations

import argparse
from pathlib import Path

from app import config
from app.commands.common import common_options, emit, session, shop_name
from app.config import MachineConfig
from app.errors import BackupError
from app.housekeeping import copy_to_second_place
from app.i18n import _
from app.paths import DataDir
from app.store.second_copy import check_place, chosen_place, last_copy, place_backups, place_dir, say_state


def register_place(actions: argparse._SubParsersAction) -> None:
    p = actions.add_parser("target", aliases=["place"], parents=[common_options()],
                           help="the second place for backups (a USB drive or folder): set, show, clear, copy")
    what = p.add_subparsers(dest="place_action", metavar="ACTION")
    s = what.add_parser("set", parents=[common_options()], help="choose the folder (it is checked now)")
    s.add_argument("path", help="a full folder path, e.g. E:\\ or /media/usb")
    s.set_defaults(handler=cmd_set)
    what.add_parser("show", parents=[common_options()], help="where, its state and the last copy"
                    ).set_defaults(handler=cmd_show)
    what.add_parser("clear", parents=[common_options()], help="stop copying (the copies stay there)"
                    ).set_defaults(handler=cmd_clear)
    what.add_parser("copy", parents=[common_options()], help="copy the newest backup there now"
                    ).set_defaults(handler=cmd_copy)
    p.set_defaults(handler=cmd_show)


def cmd_set(args: argparse.Namespace, data: DataDir) -> int:
    machine = MachineConfig(data.machine_config)
    value = config.BACKUP_SECOND_PLACE.parse(args.path)  # refuses a relative path or control characters
    state = check_place(Path(value))
    if state != "ok" and not args.yes:
        raise BackupError(say_state(state, value),
                          hint=_("Plug the drive in and try again, or add --yes to choose it anyway."))
    machine.set(config.BACKUP_SECOND_PLACE, value)
    emit(args, {"place": value, "state": state},
         _("Each daily backup will also be copied to {place}.").format(place=value)
         + ("" if state == "ok" else " " + say_state(state, value)))
    return 0


def cmd_clear(args: argparse.Namespace, data: DataDir) -> int:
    MachineConfig(data.machine_config).set(config.BACKUP_SECOND_PLACE, "")
    emit(args, {"place": None}, _("Backups are no longer copied to a second place; the copies made stay there."))
    return 0


def cmd_show(args: argparse.Namespace, data: DataDir) -> int:
    shop = shop_name(args, data)
    place = chosen_place(MachineConfig(data.machine_config))
    last = last_copy(data.backups(shop)) or {}
    if place is None:
        emit(args, {"place": None, "state": "not-set"}, say_state("not-set", ""))
        return 0
    state = check_place(place)
    copies = place_backups(place, shop)
    result = {"place": str(place), "folder": str(place_dir(place, shop)), "state": state,
              "copies": len(copies), "newest_copy": copies[0].path.name if copies else None,
              "last_attempt": last.get("at"), "last_result": last.get("state"), "last_ok_at": last.get("last_ok_at")}
    lines = [_("Second place: {place}").format(place=place),
             say_state("copied" if state == "ok" else state, str(place)) if state != "ok"
             else _("It is there and can be written to."),
             _("Copies of this shop there: {count}; newest: {name}").format(
                 count=len(copies), name=copies[0].path.name if copies else _("none"))]
    if last.get("state") and last["state"] != "copied":
        lines.append(_("The last copy failed: {why}").format(why=say_state(last["state"], str(place))))
    emit(args, result, "\n".join(lines))
    return 0 if state == "ok" else 1


def cmd_copy(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        if not s.backups():
            s.backup("manual")
        result = copy_to_second_place(s)
    emit(args, {"state": result.state, "place": result.place, "file": result.file, "detail": result.detail},
         say_state(result.state, result.place))
    return 0 if result.ok else 1
