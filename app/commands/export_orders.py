"""``trade order`` / ``orders`` / ``invoice`` / ``cancel``: export orders, whose units are held until invoiced.

    python -m app trade order --line TEA:6 --buyer "Gulf Foods LLC" --address "Al Karama, Dubai" --country AE \
        --currency AED --rate 22.90 --incoterm CIF --payment "advance" --route courier [--igst]
    python -m app trade orders [--json]
    python -m app trade invoice 1 [--pay bank]
    python -m app trade cancel 1
"""

from __future__ import annotations

import argparse

from app.commands.common import common_options, emit, money, rupees, session, table
from app.i18n import _
from app.paths import DataDir

__all__ = ["add_terms_arguments", "register_into", "terms_from"]


def add_terms_arguments(p: argparse.ArgumentParser) -> None:
    """The export terms an export sale or order carries (the buyer abroad, the money, the delivery terms)."""
    p.add_argument("--line", action="append", default=[], required=True,
                   help="SKU:QTY[:PRICE] (price in rupees per unit; default the item's price); repeat")
    p.add_argument("--buyer", required=True, help="the buyer's name")
    p.add_argument("--address", required=True, help="the buyer's address abroad")
    p.add_argument("--country", required=True, help="country of destination, two letters (AE, US, GB...)")
    p.add_argument("--currency", default="USD", help="invoice currency (ISO code)")
    p.add_argument("--rate", required=True, help="rupees for one unit of the currency (the notified rate you use)")
    p.add_argument("--incoterm", default="FOB", help="Incoterms 2020: EXW FCA CPT CIP DAP DPU DDP FAS FOB CFR CIF")
    p.add_argument("--payment", required=True, help="payment terms, e.g. 'advance by bank transfer'")
    p.add_argument("--route", choices=("courier", "postal", "cargo"), default="courier")
    p.add_argument("--port", default="", help="customs port code, e.g. INBOM4")
    p.add_argument("--igst", action="store_true", help="pay IGST on it instead of using the LUT")


def terms_from(args: argparse.Namespace):
    from app.domain.trade.terms import ExportTerms

    return ExportTerms(buyer_name=args.buyer, buyer_address=args.address, country=args.country,
                       currency=args.currency, fx_paise=money(args.rate), incoterm=args.incoterm,
                       payment_terms=args.payment, route=args.route, port_code=args.port,
                       mode="igst" if args.igst else "lut")


def register_into(tsub: argparse._SubParsersAction) -> None:
    common = common_options()
    p = tsub.add_parser("order", parents=[common], help="take an export order: its units are held until invoiced")
    add_terms_arguments(p)
    p.add_argument("--through-agents", action="store_true",
                   help="let the trade agent propose the hold and the agents' engine decide it (within the limits, "
                        "else an approval) instead of holding now")
    p.set_defaults(handler=cmd_order)

    p = tsub.add_parser("orders", parents=[common], help="export orders and the units they hold")
    p.set_defaults(handler=cmd_orders)

    p = tsub.add_parser("invoice", parents=[common], help="make the export invoice of an open export order")
    p.add_argument("id", type=int, help="the export order's number")
    p.add_argument("--pay", default="bank", choices=("bank", "upi", "card", "cash", "other"),
                   help="how the buyer paid")
    p.set_defaults(handler=cmd_invoice)

    p = tsub.add_parser("cancel", parents=[common], help="cancel an open export order: its units can be sold again")
    p.add_argument("id", type=int, help="the export order's number")
    p.set_defaults(handler=cmd_cancel)


def _summary(row: dict) -> str:
    return ", ".join(f"{line['sku']} x {line['qty_milli'] / 1000:g}" for line in row["lines"])


def cmd_order(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import export_orders, exports

    lines = [exports.parse_line(x) for x in args.line]
    terms = terms_from(args)
    with session(args, data) as s:
        changes = export_orders.place_export_order(s.ctx, lines=lines, terms=terms, confirmed=args.yes,
                                                   through_agents=args.through_agents)
        row = export_orders.export_order(s.store, int(changes.id))  # type: ignore[arg-type]
    emit(args, row, (_("Export order {id} for {buyer}: {items}; the trade agent proposes holding them at the agents' "
                       "next run, and the engine decides (within your limits, or in Approvals).")
                     if args.through_agents else
                     _("Export order {id} for {buyer}: {items} held until it is invoiced or cancelled.")).format(
        id=row["id"], buyer=row["buyer_name"], items=_summary(row)))
    return 0


def _state(row: dict) -> str:
    if row["state"] == "open":
        return _("open: hold proposed to the agents") if row.get("hold_pending") else _("open: units held")
    if row["state"] == "invoiced":
        return _("invoiced {no}").format(no=row["invoice_no"])
    return _("cancelled")


def cmd_orders(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import export_orders

    with session(args, data) as s:
        rows = export_orders.export_orders(s.store)
    emit(args, rows, table([[str(r["id"]), r["created_at"][:10], r["buyer_name"], r["country"], _summary(r),
                             rupees(r["value_paise"]), r["mode"].upper(), _state(r)] for r in rows],
                           [_("Order"), _("Date"), _("Buyer"), _("Country"), _("Items"), _("Value"), _("Tax"),
                            _("State")]) if rows else _("No export orders yet."))
    return 0


def cmd_invoice(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import export_orders, exports

    with session(args, data) as s:
        changes = export_orders.invoice_export_order(s.ctx, args.id, pay=args.pay)
        row = exports.export(s.store, int(changes.id))  # type: ignore[arg-type]
    emit(args, row, _("Export invoice {no} made from order {id}: {total}, {mode}.").format(
        no=row["invoice_no"], id=args.id, total=rupees(row["total_paise"]),
        mode=_("under the LUT, no IGST") if row["mode"] == "lut" else _("IGST paid {igst}").format(
            igst=rupees(row["igst_paise"]))))
    return 0


def cmd_cancel(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import export_orders

    with session(args, data) as s:
        export_orders.cancel_export_order(s.ctx, args.id)
    emit(args, {"id": args.id, "state": "cancelled"},
         _("Export order {id} cancelled: its units can be sold again.").format(id=args.id))
    return 0
