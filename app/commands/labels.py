"""``product labels CODE... --pdf FILE``: barcode labels (EAN-13, name, MRP) on A4 sheets or a label roll."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.commands.common import emit, session
from app.domain.label_sheets import LAYOUTS
from app.errors import InputError
from app.i18n import _, language
from app.paths import DataDir


def register(psub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = psub.add_parser("labels", parents=[common], help="barcode labels for items, as a PDF to print")
    p.add_argument("skus", nargs="+", metavar="CODE", help="item codes; CODE:N for N labels of that item")
    p.add_argument("--pdf", required=True, help="the PDF file to write")
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
