"""What the shop owes its suppliers, from the command line (as the Suppliers tab shows it):

    python -m app payable list
    python -m app payable show SUPPLIER_ID
    python -m app payable pay SUPPLIER_ID AMOUNT [--method cash|upi|bank|cheque] [--reference UTR] [--date D]

Purchase bills are recorded with ``python -m app gst purchase-bill --supplier ID --no N --line RATE:TAXABLE``.
"""

from __future__ import annotations

import argparse

from app.commands.common import common_options, emit, money, parse_day, rupees, session, table
from app.i18n import _
from app.paths import DataDir
from app.services import supplier_payments
from app.services.suppliers import get_supplier
from app.store import supplier_ledger


def register(sub: argparse._SubParsersAction) -> None:
    common = common_options()
    payable = sub.add_parser("payable", help="what the shop owes suppliers: list, show, pay")
    psub = payable.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = psub.add_parser("list", parents=[common], help="every supplier: billed, paid, owed")
    p.set_defaults(handler=cmd_list)
    p = psub.add_parser("show", parents=[common], help="a supplier's bills and payments")
    p.add_argument("supplier_id", type=int)
    p.set_defaults(handler=cmd_show)
    p = psub.add_parser("pay", parents=[common], help="record money paid to a supplier")
    p.add_argument("supplier_id", type=int)
    p.add_argument("amount", help="in rupees")
    p.add_argument("--method", default="cash", choices=supplier_payments.METHODS)
    p.add_argument("--reference", default="")
    p.add_argument("--note", default="")
    p.add_argument("--date", help="the day it was paid (default today)")
    p.set_defaults(handler=cmd_pay)


def cmd_list(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        found = supplier_ledger.balances(s.store.db())
    rows = [[str(b.supplier_id), b.name, rupees(b.billed_paise), rupees(b.paid_paise), rupees(b.owed_paise)]
            for b in found]
    total = sum(max(b.owed_paise, 0) for b in found)
    emit(args, {"suppliers": [{**b.__dict__, "owed_paise": b.owed_paise} for b in found], "total_owed_paise": total},
         table(rows, ["#", _("Supplier"), _("Billed"), _("Paid"), _("Owes")]) + "\n"
         + _("The shop owes {total} in all.").format(total=rupees(total)))
    return 0


def cmd_show(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        supplier = get_supplier(s.store.db(), args.supplier_id)
        entries = supplier_ledger.entries(s.store.db(), supplier.id)
    rows = [[e.on, _("Bill") if e.kind == "bill" else _("Payment"), e.reference, rupees(abs(e.amount_paise)),
             rupees(e.balance_paise)] for e in entries]
    owed = entries[-1].balance_paise if entries else 0
    emit(args, {"supplier": supplier.name, "entries": entries, "owed_paise": owed},
         supplier.name + "\n" + table(rows, [_("Date"), _("What"), _("Number or reference"), _("Amount"),
                                             _("Owed after")]))
    return 0


def cmd_pay(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        changes = supplier_payments.pay_supplier(
            s.ctx, args.supplier_id, money(args.amount), method=args.method, reference=args.reference,
            note=args.note, paid_on=parse_day(args.date) if args.date else None, confirmed=args.yes)
        owed = supplier_ledger.owed(s.store.db(), args.supplier_id)
        name = get_supplier(s.store.db(), args.supplier_id).name
    emit(args, {"payment_id": changes.id, "owed_paise": owed},
         _("Paid {amount} to {supplier}; the shop now owes {owed}.").format(
             amount=rupees(money(args.amount)), supplier=name, owed=rupees(owed)))
    return 0
