"""Keeping the shop's data safe: backup, restore, check."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.commands.backup_place import register_place
from app.commands.common import common_options, emit, session, shop_name, table
from app.config import MachineConfig
from app.errors import BackupError, DatabaseDamaged, NeedsConfirmation, NotFound
from app.housekeeping import copy_to_second_place
from app.i18n import _
from app.paths import DataDir
from app.session import restore_shop
from app.store import parties
from app.store import stock as stock_store
from app.store.backup import verify_backup
from app.store.db import check_file
from app.store.odd_records import find as find_odd
from app.store.second_copy import chosen_place, every_backup, say_state


def register(sub: argparse._SubParsersAction) -> None:
    common = common_options()
    p = sub.add_parser("backup", parents=[common],
                       help="make a backup of the shop now (and copy it to the second place)")
    p.set_defaults(handler=cmd_backup)
    register_place(p.add_subparsers(dest="backup_action", metavar="ACTION"))
    p = sub.add_parser("restore", parents=[common], help="put a backup in the shop's place (the current file is kept)")
    p.add_argument("backup", nargs="?", help="backup file (default: the newest good one)")
    p.add_argument("--list", action="store_true", help="only list the backups")
    p.add_argument("--other-shop", action="store_true",
                   help="take a backup of another shop in this one's place (with --yes)")
    p.set_defaults(handler=cmd_restore)
    p = sub.add_parser("check", parents=[common], help="check the shop's file and its ledgers")
    p.add_argument("--full", action="store_true", help="the slow, complete integrity check")
    p.set_defaults(handler=cmd_check)


def cmd_backup(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        path = s.backup("manual")
        copied = copy_to_second_place(s)
    lines = [_("Backup made: {path}").format(path=path)]
    if copied.state != "not-set":
        lines.append(_("Second place: {state}").format(state=say_state(copied.state, copied.place)))
    emit(args, {"backup": str(path), "second_place": copied.state}, "\n".join(lines))
    return 0


def cmd_restore(args: argparse.Namespace, data: DataDir) -> int:
    shop = shop_name(args, data)
    # this PC's backups first, then those only the second place (a USB drive) still holds; with none chosen
    # (a new PC), the copies of this shop on any drive plugged in
    backups = every_backup(data.backups(shop), chosen_place(MachineConfig(data.machine_config)), shop, search=True)
    if args.list:
        where = {"here": _("this PC"), "second": _("second place")}
        rows = [[b.made_at.strftime("%Y-%m-%d %H:%M UTC"), b.kind, f"{b.size // 1024} KB", where[b.place],
                 b.path.name] for b in backups]
        emit(args, [{"path": str(b.path), "made_at": b.made_at.isoformat(), "kind": b.kind, "place": b.place}
                    for b in backups],
             table(rows, [_("Made"), _("Kind"), _("Size"), _("Where"), _("File")]) if rows
             else _("There are no backups yet."))
        return 0
    source = _choose(args.backup, backups)
    db_path = data.shop_db(shop)
    healthy = db_path.exists() and _healthy(db_path)
    if healthy and not args.yes:
        raise NeedsConfirmation(
            _("The shop's file is healthy; restoring puts the backup {name} in its place.").format(name=source.name),
            hint=_("Today's file is kept aside, not deleted. Add --yes to go ahead."))
    aside = restore_shop(data, shop, source, reason="replaced" if healthy else "damaged",
                         other_shop_ok=args.other_shop and args.yes)
    emit(args, {"restored_from": str(source), "previous_file": str(aside) if aside else None},
         _("Restored from {backup}.").format(backup=source.name)
         + (" " + _("The previous file is kept at {path}.").format(path=aside) if aside else ""))
    return 0


def _choose(name: str | None, backups) -> Path:
    """The named backup (a path or a file name in the backups folder), or the newest that checks out."""
    if name:
        path = Path(name)
        if not path.exists():
            matches = [b for b in backups if b.path.name == name]
            if not matches:
                raise NotFound(_("There is no backup '{name}'.").format(name=name))
            path = matches[0].path
        verify_backup(path)
        return path
    for backup in backups:
        try:
            verify_backup(backup.path)
            return backup.path
        except BackupError:
            continue
    raise NotFound(_("There is no good backup to restore."),
                   hint=_("Copy a backup file into the backups folder, or ask for help."))


def _healthy(path: Path) -> bool:
    import sqlite3

    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return not check_file(conn, full=False)
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def cmd_check(args: argparse.Namespace, data: DataDir) -> int:
    try:
        with session(args, data) as s:
            db = s.store.db()
            problems = s.store.integrity_check() if args.full else s.store.quick_check()
            stock_gaps = stock_store.mismatches(db)
            khata_gaps = parties.khata_mismatches(db)
            odd = find_odd(db.conn, limit=50)
    except DatabaseDamaged as exc:
        emit(args, {"ok": False, "damaged": True, "detail": exc.detail}, f"{exc}\n{exc.detail}")
        return 1
    result = {"ok": not (problems or stock_gaps or khata_gaps or odd), "file": problems,
              "stock_mismatches": stock_gaps, "khata_mismatches": khata_gaps,
              "out_of_bounds": [r.describe() for r in odd]}
    lines = [
        _("File check: {result}").format(result=_("ok") if not problems else "; ".join(problems[:5])),
        _("Stock balances equal their ledger: {result}").format(result=_("yes") if not stock_gaps else stock_gaps[:5]),
        _("Khata balances equal their ledger: {result}").format(result=_("yes") if not khata_gaps else khata_gaps[:5]),
        _("Records beyond what a shop can hold: {result}").format(
            result=_("none") if not odd else "\n  " + "\n  ".join(r.describe() for r in odd)),
    ]
    emit(args, result, "\n".join(lines))
    return 0 if result["ok"] else 1

