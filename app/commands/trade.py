"""``trade``: exports. The LUT, an export sale, its packages and proof of export, its documents.

    python -m app trade lut --arn AD270326012345X --fy 2026-27 --filed 2026-04-02
    python -m app trade sell --line DRYF:5 --buyer "Gulf Foods LLC" --address "Al Karama, Dubai" --country AE \
        --currency AED --rate 22.90 --incoterm CIF --payment "advance" --route courier [--igst] [--pay bank]
    python -m app trade packages EXP/2627/00001 --package 4.2:4.6:40x30x20 [--package ...]
    python -m app trade freight EXP/2627/00001 --freight 650 [--insurance 40]
    python -m app trade docs EXP/2627/00001 --pdf docs.pdf --xlsx docs.xlsx [--only invoice]
    python -m app trade proof EXP/2627/00001 --no 1234567 --date 2026-08-20 [--port INBOM4]
    python -m app trade list
"""

from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path

from app.commands import export_orders as export_order_commands
from app.commands.common import common_options, emit, money, parse_day, rupees, session, table
from app.errors import InputError, NotFound
from app.i18n import _
from app.paths import DataDir

__all__ = ["register"]


def register(sub: argparse._SubParsersAction) -> None:
    common = common_options()
    top = sub.add_parser("trade", help="exports: the LUT, export sales, their documents and proof of export")
    tsub = top.add_subparsers(dest="trade_command", metavar="ACTION", required=True)

    p = tsub.add_parser("lut", parents=[common], help="record this year's LUT (RFD-11) acknowledgement, or list them")
    p.add_argument("--arn", help="the ARN the GST portal gave (AD...)")
    p.add_argument("--fy", help="the financial year it covers, e.g. 2026-27")
    p.add_argument("--filed", help="the date it was filed (default today)")
    p.set_defaults(handler=cmd_lut)

    p = tsub.add_parser("sell", parents=[common], help="an export sale: zero-rated under the LUT, or --igst")
    export_order_commands.add_terms_arguments(p)
    p.add_argument("--pay", default="bank", choices=("bank", "upi", "card", "cash", "other"),
                   help="how the buyer paid")
    p.set_defaults(handler=cmd_sell)

    p = tsub.add_parser("packages", parents=[common], help="the packages of an export order, for the packing list")
    p.add_argument("ref", help="the export invoice number or order id")
    p.add_argument("--package", action="append", default=[], required=True,
                   help="NET_KG:GROSS_KG:LxWxH (cm)[:contents]; repeat for each package")
    p.set_defaults(handler=cmd_packages)

    p = tsub.add_parser("freight", parents=[common],
                        help="the freight and insurance paid on a CIF/CFR/CPT/CIP/D-term export (for its FOB value)")
    p.add_argument("ref", help="the export invoice number or order id")
    p.add_argument("--freight", required=True, help="rupees paid for the carriage abroad")
    p.add_argument("--insurance", default="0", help="rupees paid to insure the goods in transit")
    p.set_defaults(handler=cmd_freight)

    p = tsub.add_parser("docs", parents=[common], help="commercial invoice, packing list, CSB-V/PBE data: PDF, XLSX")
    p.add_argument("ref")
    p.add_argument("--pdf", help="write the documents as PDF here")
    p.add_argument("--xlsx", help="write them as an XLSX workbook here")
    p.add_argument("--only", choices=("invoice", "packing", "shipping"), action="append",
                   help="only this document (repeat)")
    p.set_defaults(handler=cmd_docs)

    p = tsub.add_parser("proof", parents=[common], help="record the proof of export (CSB-V / PBE / shipping bill)")
    p.add_argument("ref")
    p.add_argument("--no", dest="number", required=True, help="its number")
    p.add_argument("--date", required=True, help="its date, YYYY-MM-DD")
    p.add_argument("--port", default="", help="customs port code (6 characters), for GSTR-1")
    p.add_argument("--kind", choices=("csb", "pbe", "shipping_bill"), help="default: by the export's route")
    p.set_defaults(handler=cmd_proof)

    p = tsub.add_parser("list", parents=[common], help="export invoices and where their proof of export stands")
    p.set_defaults(handler=cmd_list)

    p = tsub.add_parser("quote", parents=[common], help="keep a logistics quote for a route and country")
    p.add_argument("--route", required=True, choices=("courier", "postal", "marketplace"))
    p.add_argument("--country", required=True, help="two letters, e.g. AE")
    p.add_argument("--per-kg", required=True, help="rupees per kg")
    p.add_argument("--per-parcel", default="0", help="rupees per parcel on top")
    p.add_argument("--fee", default="0", help="a marketplace programme's fee, percent of the price")
    p.add_argument("--duty", default="0", help="import duty and taxes you pay (DDP), percent of the price")
    p.set_defaults(handler=cmd_quote)

    p = tsub.add_parser("routes", parents=[common], help="score export routes for items and markets (or say why not)")
    p.add_argument("--sku", help="one item (default: the best sellers of the last 90 days)")
    p.add_argument("--country", help="one market (default: the countries you have quotes for)")
    p.add_argument("--units", type=int, default=10, help="units in one parcel (default 10)")
    p.set_defaults(handler=cmd_routes)
    export_order_commands.register_into(tsub)  # order, orders, invoice, cancel


def _order_id(s, ref: str) -> int:
    from app.store import exports as export_store

    found = export_store.export_order_id(s.store.db(), ref)
    if found is None:
        raise NotFound(_("There is no export invoice {ref}.").format(ref=ref))
    return int(found)


def cmd_lut(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import exports
    from app.store import exports as export_store

    with session(args, data) as s:
        if args.arn is not None:  # an empty ARN given is refused, not taken as 'list'
            if not args.fy:
                raise InputError(_("Write: trade lut --arn AD... --fy 2026-27"))
            filed = parse_day(args.filed) if args.filed else s.ctx.today()
            exports.record_lut(s.ctx, arn=args.arn, fy=args.fy, filed_on=filed)
        rows = export_store.luts(s.store.db())
    emit(args, rows, table([[r["fy"], r["arn"], r["filed_on"]] for r in rows], [_("Year"), "ARN", _("Filed")])
         if rows else _("No LUT is recorded."))
    return 0


def cmd_sell(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import exports
    from app.services.sales import PaymentIn, quote_sale

    lines = [exports.parse_line(x) for x in args.line]
    terms = export_order_commands.terms_from(args)
    with session(args, data) as s:
        total = quote_sale(s.ctx, lines=lines, place_of_supply="96").total_paise
        changes = exports.record_export_sale(s.ctx, lines=lines, payments=[PaymentIn(method=args.pay,
                                                                                     amount_paise=total)],
                                             terms=terms, confirmed=args.yes)
        row = exports.export(s.store, int(changes.id))  # type: ignore[arg-type]
    text = _("Export invoice {no}: {total}, {mode}.").format(
        no=row["invoice_no"], total=rupees(row["total_paise"]),
        mode=_("under the LUT, no IGST") if row["mode"] == "lut" else _("IGST paid {igst}").format(
            igst=rupees(row["igst_paise"])))
    emit(args, row, text)
    return 0


def cmd_packages(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import exports

    packages = [exports.parse_package(x) for x in args.package]
    with session(args, data) as s:
        order_id = _order_id(s, args.ref)
        exports.record_packages(s.ctx, order_id, packages)
    emit(args, {"order_id": order_id, "packages": len(packages)},
         _("{count} package(s) recorded.").format(count=len(packages)))
    return 0


def cmd_freight(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import export_documents, exports

    freight, insurance = money(args.freight), money(args.insurance)
    with session(args, data) as s:
        order_id = _order_id(s, args.ref)
        exports.record_carriage(s.ctx, order_id, freight_paise=freight, insurance_paise=insurance)
        fob = export_documents.read(s.store, order_id).fob_paise
    emit(args, {"order_id": order_id, "freight_paise": freight, "insurance_paise": insurance, "fob_paise": fob},
         _("Freight {freight} and insurance {insurance} recorded; FOB value {fob}.").format(
             freight=rupees(freight), insurance=rupees(insurance), fob=rupees(fob)))
    return 0


def cmd_docs(args: argparse.Namespace, data: DataDir) -> int:
    from app.domain.trade.documents import DOCUMENTS
    from app.services import export_documents

    which = tuple(args.only) if args.only else DOCUMENTS
    with session(args, data) as s:
        docs = export_documents.read(s.store, _order_id(s, args.ref))
    issues = export_documents.check(docs, which)
    if issues or not (args.pdf or args.xlsx):
        emit(args, {"issues": [{"field": i.field, "documents": list(i.documents), "message": i.message}
                               for i in issues]},
             "\n".join([_("Missing before the documents can be made:")] + [f"  - {i.message}" for i in issues])
             if issues else _("Every required field is there; give --pdf or --xlsx to write the documents."))
        return 2 if issues else 0
    written = []
    if args.xlsx:
        export_documents.write_xlsx(docs, Path(args.xlsx), which)
        written.append(args.xlsx)
    if args.pdf:
        from app.commands.counter import _qt

        _qt()
        from app.ui.printing.export_pdf import write_export_pdf

        write_export_pdf(export_documents.ready(docs, which), Path(args.pdf), title=docs.invoice_no)
        written.append(args.pdf)
    emit(args, {"written": written}, "\n".join(_("Written: {path}").format(path=p) for p in written))
    return 0


def cmd_proof(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import exports

    with session(args, data) as s:
        order_id = _order_id(s, args.ref)
        exports.record_proof(s.ctx, order_id, number=args.number, on=parse_day(args.date), kind=args.kind,
                             port_code=args.port)
        row = exports.export(s.store, order_id)
    emit(args, row, _("Proof of export recorded for {no}.").format(no=row["invoice_no"]))
    return 0


def cmd_list(args: argparse.Namespace, data: DataDir) -> int:
    from datetime import date

    from app.domain.trade.lut import export_deadline, pay_by
    from app.services import exports

    with session(args, data) as s:
        rows = exports.exports(s.store)
        today = s.ctx.today()
    out = []
    for r in rows:
        day = date.fromisoformat(r["business_date"])
        deadline = export_deadline(day) if r["mode"] == "lut" else None
        if r["proof_on"]:
            state = _("exported {day}").format(day=r["proof_on"])
        elif deadline is None:
            state = _("IGST paid; no deadline")
        elif today <= deadline:
            state = _("{days} days left").format(days=(deadline - today).days)
        else:
            state = _("OVERDUE: pay IGST with interest by {day}").format(day=pay_by(day).isoformat())
        out.append({**r, "deadline": deadline.isoformat() if deadline else None, "state": state})
    emit(args, out, table([[r["invoice_no"], r["business_date"], r["country"], rupees(r["total_paise"]),
                            r["mode"].upper(), r["deadline"] or "-", r["state"]] for r in out],
                          [_("Invoice"), _("Date"), _("Country"), _("Total"), _("Tax"), _("Deadline"), _("State")])
         if out else _("No export invoices yet."))
    return 0


def cmd_quote(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import export_routes

    quote = export_routes.quote_from_text(route=args.route, country=args.country, per_kg=args.per_kg,
                                          per_parcel=args.per_parcel, fee=args.fee, duty=args.duty)
    with session(args, data) as s:
        export_routes.add_quote(s.ctx, quote)
        kept = export_routes.quotes(s.store)
    emit(args, kept, _("{count} quote(s) kept.").format(count=len(kept)))
    return 0


def cmd_routes(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import export_routes

    if not 1 <= args.units <= 10_000:
        raise InputError(_("Units in a parcel must be from 1 to 10000."))
    with session(args, data) as s:
        found = export_routes.scores(s.store, s.ctx.today(), sku=args.sku, country=args.country, units=args.units)
    rows = [export_routes.score_cells(f, args.units) for f in found]
    data_date = export_routes.reference()["as_of"]
    emit(args, [{**asdict(f), "score_words": export_routes.rank_words(f)} for f in found],
         "\n".join([table(rows, [_("Item"), _("Route"), _("Country"), _("Margin a unit"), _("Margin"),
                                 _("Logistics a unit"), _("Score"), _("How it is scored"), _("What to check")])
                    if rows else _("No items to score."),
                    _("Route facts as collected on {day}; see docs/trade.md for their sources.").format(
                        day=data_date)]))
    return 0
