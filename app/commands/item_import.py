"""``product import FILE``: bring an item list (CSV or XLSX) into the catalog, reporting each refused row."""

from __future__ import annotations

import argparse

from app.commands.common import emit, session
from app.errors import InputError
from app.i18n import _
from app.paths import DataDir
from app.services import item_import
from app.services.item_file import read_item_file
from app.services.item_presets import PRESETS


def register(psub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = psub.add_parser("import", parents=[common], help="add the items of a CSV or Excel (.xlsx) list")
    p.add_argument("file", help="the item list: .csv or .xlsx (Vyapar, Tally and Marg exports are understood)")
    p.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN",
                   help=f"match a column by hand; fields: {', '.join(item_import.FIELDS)}")
    p.add_argument("--check", action="store_true", help="only check the rows; add nothing")
    p.add_argument("--from", dest="source", default="auto", choices=["auto", "plain", *PRESETS],
                   help="the program the list was saved from (auto: told by its headings)")
    p.set_defaults(handler=cmd_import)


def _mapping(table_headers: list[str], remembered: dict[str, str], by_hand: list[str],
             preset: item_import.Preset | None = None) -> dict[str, str]:
    mapping = item_import.guess_mapping(table_headers, remembered, preset)
    for spec in by_hand:
        name, sep, header = spec.partition("=")
        if not sep or name not in item_import.FIELDS:
            raise InputError(_("Write --map FIELD=COLUMN, where FIELD is one of: {fields}.").format(
                fields=", ".join(item_import.FIELDS)))
        if header not in table_headers:
            raise InputError(_("The file has no column '{column}'.").format(column=header))
        mapping = {k: v for k, v in mapping.items() if v != header}
        mapping[name] = header
    return mapping


def cmd_import(args: argparse.Namespace, data: DataDir) -> int:
    table = read_item_file(args.file)
    with session(args, data) as s:
        preset = item_import.choose_preset(table.headers, args.source)
        mapping = _mapping(table.headers, item_import.remembered_mapping(s.store), args.map, preset)
        if args.check:
            checked = item_import.check_items(s.store, table, mapping)
            added, refused = len(checked.ready), checked.refused
        else:
            result = item_import.import_items(s.ctx, table, mapping)
            added, refused = result.added, result.refused
    lines = [_("Read as a list from {program}.").format(program=preset.title)] if preset else []
    lines += [(_("{n} items can be added.") if args.check else _("{n} items added.")).format(n=added)]
    if refused:
        lines.append(_("{n} rows refused:").format(n=len(refused)))
        lines += [_("line {line}: {reason}").format(line=r.line, reason=r.reason) for r in refused]
    emit(args, {"file": table.name, "from": preset.key if preset else "plain", "checked_only": args.check,
                "added": added, "mapping": mapping,
                "refused": item_import.refusal_rows(refused)}, "\n".join(lines))
    return 0
