"""``gst gstr1|gstr3b|cmp08|check|calendar|purchase-bill|debit-note|debit-notes|match-2b``: GST returns from the books,
beside the rate table commands of ``gst`` (``app.commands.shop``).

    python -m app gst gstr1 --period 2026-11 --out gstr1.json [--xlsx gstr1.xlsx]
    python -m app gst gstr3b --period 2026-Q3
    python -m app gst gstr4 --fy 2026-27
    python -m app gst calendar --json
    python -m app gst debit-note --invoice INV/2627/00012 --line TEA8:40 --reason "price revised after sale"
    python -m app gst match-2b --period 2026-11 --file 2B.json [--json]
"""

from __future__ import annotations

import argparse
import json
from datetime import timedelta
from pathlib import Path

from app.commands.common import emit, money, parse_day, rupees, session, table
from app.domain import gst_calendar
from app.domain.gst import format_rate
from app.domain.gst_returns import Period, parse_period
from app.errors import InputError
from app.i18n import _
from app.paths import DataDir
from app.services import gst_returns, gstr2b_match
from app.services.gst_returns import BillLine

ACTIONS = ("gstr1", "gstr3b", "cmp08", "gstr4", "check", "calendar", "purchase-bill", "debit-note", "debit-notes",
           "match-2b")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--period", help="for returns: a month (2026-11) or a quarter (2026-Q3 = July-September)")
    p.add_argument("--out", help="for gstr1: write the portal's JSON to this file")
    p.add_argument("--xlsx", help="for gstr1: write the workbook for the accountant to this file")
    p.add_argument("--fy", help="for gstr4: the financial year, e.g. 2026-27")
    p.add_argument("--days", type=int, default=120, help="for calendar: how many days ahead")
    p.add_argument("--supplier", type=int, help="for purchase-bill: the supplier's number")
    p.add_argument("--supplier-name", default="", help="for purchase-bill: a supplier not in the list")
    p.add_argument("--gstin", help="for purchase-bill: the supplier's GSTIN as printed on the bill")
    p.add_argument("--no", dest="bill_no", help="for purchase-bill: the supplier's bill number")
    p.add_argument("--line", action="append", default=[],
                   help="for purchase-bill: RATE:TAXABLE[:TAX] in percent and rupees, e.g. 5:8000 (repeat); "
                        "for debit-note: SKU:EXTRA, the extra rupees (tax included) on an item, e.g. TEA8:40")
    p.add_argument("--invoice", help="for debit-note: the shop's tax invoice the price rise is on")
    p.add_argument("--reason", default="", help="for debit-note: why the price rose (kept with the note)")
    p.add_argument("--file", help="for match-2b: the GSTR-2B JSON downloaded from the GST portal")
    p.add_argument("--pdf", help="for debit-note: also print the note as a PDF here; for debit-notes, with --no "
                                 "DN/...: print that note")


def _debit_note_pdf(s, note_id: int, path: Path) -> None:
    from app.commands.counter import _qt

    _qt()
    from app.ui.printing.document import debit_note_document
    from app.ui.printing.pdf import write_pdf

    write_pdf(debit_note_document(s, note_id), path)


def _period(args: argparse.Namespace, s) -> Period:
    if args.period:
        return parse_period(args.period)
    return gst_returns.current_period(s.store, s.ctx.today())


def _issues_text(prepared: gst_returns.Prepared) -> str:
    if not prepared.issues:
        return _("Checks: no problems found.")
    lines = [_("Checks: {count} problem(s) to fix before filing:").format(count=len(prepared.issues))]
    for issue in prepared.issues:
        shown = ", ".join(issue.documents[:8]) + (" ..." if len(issue.documents) > 8 else "")
        lines.append(f"  - {issue.message}\n      {shown}")
    return "\n".join(lines)


def _due_text(prepared: gst_returns.Prepared) -> str:
    return "\n".join(_("Due: {form} for {period} on {day}").format(form=d.form, period=d.period,
                                                                   day=d.due.strftime("%d-%m-%Y"))
                     for d in prepared.due)


def _gstr1(args: argparse.Namespace, prepared: gst_returns.Prepared) -> None:
    document = prepared.gstr1()
    errors = gst_returns.schema_errors(document)
    if errors:  # a bug in the builder, never the seller's doing: stop before writing a file the portal refuses
        raise RuntimeError("GSTR-1 JSON does not match its schema: " + "; ".join(errors[:5]))
    written = []
    if args.out:
        Path(args.out).write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
        written.append(args.out)
    if args.xlsx:
        from app.services.gst_workbook import write_workbook

        write_workbook(prepared, Path(args.xlsx))
        written.append(args.xlsx)
    counts = [[name, str(sum(len(g.get("inv", g.get("nt", [g]))) for g in document.get(name, [])))]
              for name in ("b2b", "b2cl", "b2cs", "cdnr", "cdnur")]
    text = "\n".join([
        (_("IFF for {period} (GSTIN {gstin}): B2B invoices and notes only") if prepared.is_iff else
         _("GSTR-1 for {period} (GSTIN {gstin})")).format(period=prepared.period.label, gstin=document["gstin"]),
        table(counts, [_("Table"), _("Rows")]),
        *[_("Written: {path}").format(path=p) for p in written], _issues_text(prepared), _due_text(prepared)])
    emit(args, document if not args.out else {"written": written, "issues": [i.as_dict() for i in prepared.issues]},
         text)


def _gstr3b(args: argparse.Namespace, prepared: gst_returns.Prepared) -> None:
    summary = prepared.gstr3b()
    heads = ("igst", "cgst", "sgst", "cess")
    rows = [[format_rate(rate), rupees(s.taxable_paise), *[rupees(getattr(s, f"{h}_paise")) for h in heads]]
            for rate, s in sorted(summary.by_rate.items())]
    rows.append([_("Total"), rupees(summary.outward.taxable_paise),
                 *[rupees(getattr(summary.outward, f"{h}_paise")) for h in heads]])
    rows.append([_("Input credit"), "", *[rupees(getattr(summary.itc, h)) for h in heads]])
    rows.append([_("To pay in cash"), "", *[rupees(getattr(summary.cash_rupees, h)) for h in heads]])
    text = "\n".join([
        _("GSTR-3B figures for {period}").format(period=prepared.period.label),
        table(rows, [_("Rate"), _("Taxable"), "IGST", "CGST", "SGST", _("Cess")]),
        _("Nil-rated and exempt sales: {amount}").format(amount=rupees(summary.nil_exempt_paise)),
        _("Input credit from {count} purchase bill(s); check it against your GSTR-2B before filing.").format(
            count=summary.itc_bills),
        _issues_text(prepared), _due_text(prepared)])
    emit(args, {**summary.as_dict(), "issues": [i.as_dict() for i in prepared.issues]}, text)


def _cmp08(args: argparse.Namespace, prepared: gst_returns.Prepared) -> None:
    figures = prepared.cmp08()
    text = "\n".join([
        _("CMP-08 for {period}").format(period=prepared.period.label),
        _("Turnover: {amount}").format(amount=rupees(figures.turnover_paise)),
        _("CGST {cgst}, SGST {sgst}: pay {total}").format(
            cgst=rupees(figures.cgst_paise), sgst=rupees(figures.sgst_paise),
            total=rupees(figures.payable_rupees * 100)),
        _issues_text(prepared), _due_text(prepared)])
    emit(args, figures.as_dict(), text)


def _calendar(args: argparse.Namespace, s) -> None:
    today = s.ctx.today()
    items = gst_calendar.due_dates(gst_returns.calendar_profile(s.store), today, today + timedelta(days=args.days))
    rows = [[d.due.strftime("%d-%m-%Y"), d.form + (" " + _("(optional)") if d.optional else ""), d.period]
            for d in items]
    emit(args, [{"form": d.form, "period": d.period, "due": d.due.isoformat(), "optional": d.optional}
                for d in items],
         table(rows, [_("Due"), _("Return"), _("Period")]) if rows else _("Nothing falls due in these days."))


def _line(spec: str) -> BillLine:
    parts = spec.split(":")
    if len(parts) not in (2, 3):
        raise InputError(_("'{spec}' is not a bill line; write RATE:TAXABLE, for example 5:8000.").format(spec=spec))
    try:
        rate_bp = round(float(parts[0]) * 100)
    except ValueError:
        raise InputError(_("'{rate}' is not a rate in percent.").format(rate=parts[0])) from None
    return BillLine(rate_bp=rate_bp, taxable_paise=money(parts[1]),
                    tax_paise=money(parts[2]) if len(parts) == 3 else None)


def run(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        if args.action == "calendar":
            _calendar(args, s)
            return 0
        if args.action == "gstr4":
            if not args.fy:
                raise InputError(_("Write: gst gstr4 --fy 2026-27"))
            figures = gst_returns.gstr4(s.store, args.fy)
            rows = [[q.period.label, rupees(q.turnover_paise), rupees(q.cgst_paise), rupees(q.sgst_paise)]
                    for q in figures.quarters]
            emit(args, figures.as_dict(), "\n".join([
                _("GSTR-4 figures for {fy}").format(fy=figures.fy),
                table(rows, [_("Quarter"), _("Turnover"), "CGST", "SGST"]),
                _("Purchases from {count} registered supplier(s).").format(count=len(figures.inward_by_supplier))]))
            return 0
        if args.action == "purchase-bill":
            if not (args.bill_no and args.date and args.line):
                raise InputError(_("Write: gst purchase-bill --supplier N --no BILL --date YYYY-MM-DD --line 5:8000"))
            changes = gst_returns.record_purchase_bill(
                s.ctx, supplier_id=args.supplier, supplier_name=args.supplier_name, supplier_gstin=args.gstin,
                bill_no=args.bill_no, bill_date=parse_day(args.date), lines=[_line(x) for x in args.line])
            emit(args, {"purchase_bill": changes.id}, _("Purchase bill recorded (number {id}).").format(id=changes.id))
            return 0
        if args.action == "debit-note":
            if not (args.invoice and args.line):
                raise InputError(_("Write: gst debit-note --invoice INV/2627/00012 --line SKU:EXTRA --reason TEXT"))
            changes = gst_returns.record_debit_note(s.ctx, invoice_no=args.invoice, reason=args.reason,
                                                    lines=[gst_returns.parse_debit_line(x) for x in args.line])
            note = next(n for n in gst_returns.debit_notes(s.store) if n["id"] == changes.id)
            if args.pdf:
                _debit_note_pdf(s, note["id"], Path(args.pdf))
            emit(args, note, _("Debit note {no} on invoice {invoice}: {total} more, in the returns of {day}.").format(
                no=note["note_no"], invoice=note["invoice_no"], total=rupees(note["total_paise"]),
                day=note["business_date"]))
            return 0
        if args.action == "debit-notes":
            notes = gst_returns.debit_notes(s.store)
            if args.pdf:
                chosen = next((n for n in notes if n["note_no"] == (args.bill_no or "").strip()), None)
                if chosen is None:
                    raise InputError(_("Write: gst debit-notes --no DN/2627/00001 --pdf note.pdf"))
                _debit_note_pdf(s, chosen["id"], Path(args.pdf))
                emit(args, {"written": [args.pdf]}, _("Written: {path}").format(path=args.pdf))
                return 0
            emit(args, notes, table([[n["note_no"], n["business_date"], n["invoice_no"], n["customer_name"],
                                      rupees(n["total_paise"]), n["reason"]] for n in notes],
                                    [_("Note"), _("Date"), _("Invoice"), _("Buyer"), _("Total"), _("Reason")])
                 if notes else _("No debit notes yet."))
            return 0
        if args.action == "match-2b":
            if not (args.period and args.file):
                raise InputError(_("Write: gst match-2b --period 2026-11 --file 2B.json"))
            result = gstr2b_match.match_gstr2b(s.store, parse_period(args.period), Path(args.file))
            rows = gstr2b_match.match_rows(result)
            emit(args, result.as_dict(), "\n".join([gstr2b_match.match_summary(result),
                                                     table(rows, gstr2b_match.match_headers())]))
            return 0
        prepared = gst_returns.prepare(s.store, _period(args, s))
        if args.action == "gstr1":
            _gstr1(args, prepared)
        elif args.action == "gstr3b":
            _gstr3b(args, prepared)
        elif args.action == "cmp08":
            _cmp08(args, prepared)
        else:
            emit(args, [i.as_dict() for i in prepared.issues], _issues_text(prepared))
    return 0
