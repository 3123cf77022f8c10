"""``product labels CODE... --pdf FILE``: barcode labels (EAN-13, name, MRP) on A4 sheets or a label roll;
``--printer-language tspl|zpl --to PRINTER``: the same labels as a label printer's own commands, sent raw."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.commands.common import emit, session
from app.domain.label_commands import LANGUAGES, LabelLine, label_commands
from app.domain.label_sheets import LAYOUTS
from app.errors import InputError
from app.i18n import _, language
from app.paths import DataDir


def register(psub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = psub.add_parser("labels", parents=[common], help="barcode labels for items, as a PDF to print")
    p.add_argument("skus", nargs="+", metavar="CODE", help="item codes; CODE:N for N labels of that item")
    p.add_argument("--pdf", help="the PDF file to write")
    p.add_argument("--printer-language", choices=LANGUAGES,
                   help="instead of a PDF: commands for a label printer without its driver (50 x 25 mm labels)")
    p.add_argument("--to", help="with --printer-language: file:PATH, tcp:HOST:PORT (port 9100) or a printer's name")
    p.add_argument("--dpi", type=int, default=203, choices=(203, 300), help="the label printer's dots per inch")
    p.add_argument("--layout", default="a4-65", choices=list(LAYOUTS),
                   help="a4-65 (38.1 x 21.2 mm), a4-24 (63.5 x 33.9 mm) or roll-50x25 (label printer)")
    p.add_argument("--copies", type=int, default=1, help="labels of each item (default 1)")
    p.add_argument("--skip", type=int, default=0, help="places already used on the first sheet")
    p.set_defaults(handler=cmd_labels)


def _wanted(specs: list[str], copies: int) -> dict[str, int]:
    wanted: dict[str, int] = {}
    for spec in specs:
        sku, sep, count = spec.rpartition(":") if ":" in spec else (spec, "", "")
        if sep and not count.isdigit():
            raise InputError(_("Write CODE:N, where N is how many labels."))
        wanted[sku] = wanted.get(sku, 0) + (int(count) if sep else copies)
    return wanted


def cmd_labels(args: argparse.Namespace, data: DataDir) -> int:
    if args.printer_language:
        return _printer_commands(args, data)
    if not args.pdf:
        raise InputError(_("Say where the labels go: --pdf FILE, or --printer-language tspl|zpl --to PRINTER."))
    from app.commands.counter import _qt  # Qt draws the labels; off-screen without a display

    _qt()
    from app.ui.printing.labels import label_items, write_labels_pdf

    wanted = _wanted(args.skus, args.copies)
    with session(args, data) as s:
        items, skipped = label_items(s.store.db(), list(wanted), hindi=language() == "hi")
    pages = write_labels_pdf(items, Path(args.pdf), args.layout, copies=wanted, skip=args.skip)
    count = sum(wanted[i.sku] for i in items)
    lines = [_("{n} labels on {pages} pages: {file}").format(n=count, pages=pages, file=args.pdf)]
    lines += [_("left out {sku}: {reason}").format(sku=sku, reason=why) for sku, why in skipped]
    emit(args, {"file": args.pdf, "layout": args.layout, "labels": count, "pages": pages,
                "skipped": [{"sku": sku, "reason": why} for sku, why in skipped]}, "\n".join(lines))
    return 0


def _printer_commands(args: argparse.Namespace, data: DataDir) -> int:
    """The labels as TSPL or ZPL, sent to a label printer (or written to a file) as they are."""
    from app.ui.printing.labels import label_items
    from app.ui.printing.thermal import send

    if not args.to:
        raise InputError(_("Say which printer: --to tcp:HOST:PORT, --to file:PATH or --to a printer's name."))
    wanted = _wanted(args.skus, args.copies)
    with session(args, data) as s:
        items, skipped = label_items(s.store.db(), list(wanted))  # printer fonts have no Hindi
    job = label_commands(args.printer_language, [LabelLine(i.name, i.barcode, i.mrp_paise, i.price_paise,
                                                           wanted[i.sku]) for i in items], dpi=args.dpi)
    if items:
        send(job, args.to)
    count = sum(wanted[i.sku] for i in items)
    lines = [_("{n} labels sent to {printer} in {language}").format(n=count, printer=args.to,
                                                                     language=args.printer_language.upper())]
    lines += [_("left out {sku}: {reason}").format(sku=sku, reason=why) for sku, why in skipped]
    emit(args, {"to": args.to, "language": args.printer_language, "labels": count, "bytes": len(job),
                "skipped": [{"sku": sku, "reason": why} for sku, why in skipped]}, "\n".join(lines))
    return 0
