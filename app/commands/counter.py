"""The counter without its screen: receipt (preview, PDF, reprint), return, day-end, z-report, bills.

    python -m app receipt INV/2627/00042 --png receipt.png --paper 58
    python -m app receipt INV/2627/00042 --pdf bill.pdf --page A5
    python -m app receipt INV/2627/00042 --print
    python -m app return INV/2627/00042 1:2 3:0.5kg [--refund cash|upi|khata ...]
    python -m app day-end [--date 2026-06-15]
    python -m app z-report [--date ...] [--opening 500] [--counted 4325.50] [--close]
    python -m app bills
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from app import config
from app.commands.common import common_options, emit, money, parse_day, rupees, session, table
from app.domain.qty import format_qty, to_milli
from app.errors import InputError, NotFound
from app.events import DayInvoiceIssued
from app.i18n import _
from app.paths import DataDir
from app.services import counter, dayend, returns
from app.services.sales import PaymentIn
from app.store import orders as order_store


def register(sub: argparse._SubParsersAction) -> None:
    common = common_options()
    p = sub.add_parser("receipt", parents=[common], help="a bill's receipt: preview (PNG), PDF, or print again")
    p.add_argument("ref", help="invoice, cash memo or credit note number, or order number")
    p.add_argument("--png", help="write the thermal receipt picture here")
    p.add_argument("--pdf", help="write the invoice as PDF here")
    p.add_argument("--page", choices=("A4", "A5"), default="A4")
    p.add_argument("--paper", type=int, choices=(58, 80), help="receipt paper width (default: this PC's)")
    p.add_argument("--escpos", help="write the ESC/POS bytes here")
    p.add_argument("--print", dest="send", action="store_true", help="print on this PC's receipt printer")
    p.set_defaults(handler=cmd_receipt)

    p = sub.add_parser("return", parents=[common], help="goods back against a bill: LINE:QTY ... (credit note)")
    p.add_argument("ref", help="the invoice (or order number) the goods were sold on")
    p.add_argument("items", nargs="+", help="LINE or LINE:QTY (the bill's line number; QTY like 2 or 250g)")
    p.add_argument("--refund", action="append", default=[],
                   help="METHOD or METHOD:AMOUNT (cash, upi, card, khata, bank); default: as it was paid")
    p.add_argument("--reason", default="")
    p.set_defaults(handler=cmd_return)

    p = sub.add_parser("day-end", parents=[common], help="issue the consolidated invoice for small bills")
    p.add_argument("--date", help="up to this day (default today)")
    p.set_defaults(handler=cmd_day_end)

    p = sub.add_parser("z-report", parents=[common], help="the day's takings; --close stores it as the Z report")
    p.add_argument("--date", help="the day (default today)")
    p.add_argument("--opening", help="cash in the drawer when the day began, in rupees")
    p.add_argument("--counted", help="cash counted in the drawer now, in rupees")
    p.add_argument("--close", action="store_true", help="store this as the day's Z report (cannot be changed)")
    p.set_defaults(handler=cmd_z_report)

    p = sub.add_parser("bills", parents=[common], help="bills open or held at the counter")
    p.set_defaults(handler=cmd_bills)


def _find_order(db, ref: str):
    order = order_store.by_invoice(db, ref)
    if order is None and ref.isdigit():
        order = order_store.get(db, int(ref))
    if order is None:
        raise NotFound(_("There is no bill {ref}.").format(ref=ref))
    return order


def _qt() -> None:
    """Qt paints the receipt and the PDF; without a screen it paints off-screen."""
    if sys.platform.startswith("linux") and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:  # a full QApplication: an in-process caller may show widgets later
        QApplication.setApplicationName("TAVYONIX")
        _qt.app = QApplication([])  # type: ignore[attr-defined]


def cmd_receipt(args: argparse.Namespace, data: DataDir) -> int:
    _qt()
    from app.ui.printing import print_receipt
    from app.ui.printing.document import order_document
    from app.ui.printing.pdf import write_pdf
    from app.ui.printing.receipt import render_receipt
    from app.ui.printing.thermal import receipt_bytes

    with session(args, data) as s:
        order = _find_order(s.store.db(), args.ref)
        paper = args.paper or s.machine.get(config.PAPER_MM)
        doc = order_document(s, order.id)
        written = []
        if args.png:
            render_receipt(doc, paper).save(args.png)
            written.append(args.png)
        if args.escpos:
            Path(args.escpos).write_bytes(receipt_bytes(render_receipt(doc, paper), paper_mm=paper))
            written.append(args.escpos)
        if args.pdf:
            write_pdf(doc, Path(args.pdf), page=args.page)
            written.append(args.pdf)
        if args.send:
            print_receipt(s, order.id, open_drawer=False)
            written.append(s.machine.get(config.PRINTER))
    text = "\n".join([f"{doc.title} {doc.number}  {doc.when}  {rupees(doc.total_paise)}", *written])
    emit(args, {"order_id": order.id, "number": doc.number, "written": written}, text)
    return 0


def _refunds(specs: list[str], total: int) -> list[PaymentIn] | None:
    if not specs:
        return None
    parsed = []
    for spec in specs:
        method, _sep, amount = spec.partition(":")
        parsed.append((method.strip().lower(), money(amount) if amount else None))
    fixed = sum(a for _m, a in parsed if a is not None)
    open_ended = [i for i, (_m, a) in enumerate(parsed) if a is None]
    if len(open_ended) > 1:
        raise InputError(_("Give the amount for every way of paying but one."))
    if open_ended:
        parsed[open_ended[0]] = (parsed[open_ended[0]][0], total - fixed)
    return [PaymentIn(method=m, amount_paise=a or 0) for m, a in parsed]


def cmd_return(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        db = s.store.db()
        order = _find_order(db, args.ref)
        by_no = {line.line_no: line for line in order.lines}
        wanted = []
        for spec in args.items:
            no, _sep, qty = spec.partition(":")
            if not no.isdigit() or int(no) not in by_no:
                raise NotFound(_("Bill {bill} has no line {line}.").format(bill=args.ref, line=no))
            line = by_no[int(no)]
            wanted.append(returns.ReturnLine(line_no=line.line_no,
                                             qty_milli=to_milli(qty, line.unit) if qty else line.qty_milli))
        refunds = None
        if args.refund:
            already = returns.returned_so_far(db, order.id)
            parts = returns.price_return(order, wanted, already)
            from app.domain.gst import round_off

            before = sum(p.total_paise for p in parts)
            refunds = _refunds(args.refund, before + round_off(before))
        changes = returns.record_return(s.ctx, order.id, lines=wanted, refunds=refunds, reason=args.reason)
        note = order_store.get(s.store.db(), changes.id)
        assert note is not None  # the credit note was written just above
    rows = [[str(line.line_no), line.name, format_qty(line.qty_milli, line.unit), rupees(line.total_paise)]
            for line in note.lines]
    text = "\n".join([_("Credit note {number} against {invoice}").format(number=note.invoice_no,
                                                                         invoice=order.invoice_no),
                      table(rows, ["#", _("Item"), _("Qty"), _("Amount")]),
                      _("Refund {total}").format(total=rupees(note.total_paise))])
    emit(args, {"credit_note": note}, text)
    return 0


def cmd_day_end(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        changes = dayend.issue_day_invoices(s.ctx, through=parse_day(args.date) if args.date else None)
        issued = [e for e in changes.events if isinstance(e, DayInvoiceIssued)]
        invoices = [inv for inv in dayend.day_invoices(s.store.db()) if inv.invoice_no in
                    {e.invoice_no for e in issued}]
    if not invoices:
        emit(args, {"issued": []}, _("No small bills are waiting for a consolidated invoice."))
        return 0
    text = "\n".join(_("{number} for {date}: {count} cash memos, {total}").format(
        number=inv.invoice_no, date=inv.business_date, count=inv.bill_count, total=rupees(inv.total_paise))
        for inv in invoices)
    emit(args, {"issued": invoices}, text)
    return 0


def cmd_z_report(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        day = parse_day(args.date) if args.date else None
        opening = money(args.opening) if args.opening else 0
        counted = money(args.counted) if args.counted else None
        z_no = None
        if args.close:
            z_no = dayend.close_day(s.ctx, day, counted_cash_paise=counted, opening_cash_paise=opening).id
            report = dayend.z_reports(s.store, None)[-1]
            summary = report.summary
        else:
            summary = dayend.day_summary(s.ctx, day, opening_cash_paise=opening)
    rows = [[_("Bills"), str(summary.bills)], [_("Sales"), rupees(summary.sales_paise)],
            [_("Returns"), f"{summary.returns}  {rupees(summary.returns_paise)}"],
            [_("Net sales"), rupees(summary.net_sales_paise)], ["CGST", rupees(summary.cgst_paise)],
            ["SGST", rupees(summary.sgst_paise)], ["IGST", rupees(summary.igst_paise)]]
    rows += [[_("Received by {method}").format(method=m), rupees(v)] for m, v in sorted(summary.by_method.items())]
    rows.append([_("Cash expected in the drawer"), rupees(summary.expected_cash_paise)])
    if counted is not None:
        rows.append([_("Cash counted"), rupees(counted)])
        rows.append([_("Difference"), rupees(counted - summary.expected_cash_paise)])
    head = (_("Z report {n} for {date}").format(n=z_no, date=summary.business_date) if z_no
            else _("Takings so far on {date} (not closed)").format(date=summary.business_date))
    emit(args, {"z_no": z_no, "summary": summary, "expected_cash_paise": summary.expected_cash_paise},
         head + "\n" + table(rows, [_("What"), _("Amount")]))
    return 0


def cmd_bills(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        found = counter.bills(s.store)
    rows = [[str(b.id), b.status, b.label, str(len(b.lines)), b.updated_at] for b in found]
    emit(args, {"bills": found}, table(rows, ["#", _("Status"), _("Label"), _("Lines"), _("Saved at")]))
    return 0
