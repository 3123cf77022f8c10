"""GSTR-2B, the statement of input credit the GST portal builds from the suppliers' returns, read from the file
the seller downloaded and matched with the month's purchase bills (the matching itself: ``app.domain.gstr2b``),
and the match as rows and a sentence for the GST returns page and the command line.

Nothing is written to the books.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from app.domain import gstr2b
from app.domain.gst_returns import Period
from app.domain.money import format_inr
from app.errors import InputError
from app.i18n import _
from app.services.shop import profile as shop_profile
from app.store import Store
from app.store import gst_returns as returns_store

__all__ = ["GSTR2B_MAX_BYTES", "match_gstr2b", "match_headers", "match_rows", "match_summary", "no_credit_reason"]

GSTR2B_MAX_BYTES = 50 * 1024 * 1024  # a month's 2B of a shop is kilobytes; refuse before reading a stray file


def match_gstr2b(store: Store, period: Period, path: Path) -> gstr2b.Match:
    """Read the GSTR-2B JSON the seller downloaded and match it with the month's purchase bills.

    Every way the file can be wrong (missing, not JSON, not a 2B, another month, another GSTIN) is an
    ``InputError`` in the seller's words; nothing is written to the books.
    """
    if period.is_quarter:
        raise InputError(_("GSTR-2B is made for each month: choose a month such as {example}.").format(
            example=period.end.strftime("%Y-%m")))
    try:
        if path.stat().st_size > GSTR2B_MAX_BYTES:
            raise InputError(_("{path} is too big to be a GSTR-2B file.").format(path=str(path)))
        raw = path.read_bytes()
    except OSError:
        raise InputError(_("The file {path} cannot be read.").format(path=str(path))) from None
    try:
        document = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise InputError(_("{path} is not a JSON file. Download GSTR-2B as JSON from the GST portal.").format(
            path=str(path))) from None
    statement = gstr2b.parse(document)
    if statement.fp != period.fp:
        raise InputError(_("This GSTR-2B is for {found}, not {period}: choose the file of {period}.").format(
            found=f"{statement.fp[2:]}-{statement.fp[:2]}", period=period.label))
    own = (shop_profile(store).gstin or "").upper()
    if own and statement.gstin and statement.gstin != own:
        raise InputError(_("This GSTR-2B is for GSTIN {found}, not this shop's {own}.").format(
            found=statement.gstin, own=own))
    db = store.db()
    bills = returns_store.purchase_bills(db, period.start, period.end)
    # a supplier may report a bill in a later month's GSTR-1: say where such a bill is in the books
    around = returns_store.purchase_bills(db, period.start - timedelta(days=366), period.end + timedelta(days=62))
    others = [b for b in around if not period.contains(b.day)]
    return gstr2b.match(period, statement, bills, others)


def no_credit_reason(code: str) -> str:
    """GSTR-2B's reason (``rsn``) for giving no credit on a document, in words; "" when it gives none."""
    return {"P": _("its place of supply and the supplier's state are the same but yours is different"),
            "C": _("the supplier's return was filed after the annual cut-off for credit")}.get(code, "")


def match_rows(result: gstr2b.Match) -> list[list[str]]:
    """The match as rows for people (the CLI and the tab): what, supplier, bill, date, books, 2B, why."""
    def tax(split) -> str:
        return "-" if split is None else format_inr(split.total_paise - split.taxable_paise)

    def heads(line: gstr2b.Line) -> str:
        names = {"taxable": _("taxable value"), "igst": "IGST", "cgst": "CGST", "sgst": "SGST", "cess": _("cess")}
        return ", ".join(names[h] for h in line.differences)

    def no_credit(line: gstr2b.Line | gstr2b.InwardDoc, why: str) -> str:
        if line.credit_available:
            return why
        warning = _("2B says this invoice gives no input credit")
        said = no_credit_reason(line.reason)
        if said:
            warning = _("{warning}: {reason}").format(warning=warning, reason=said)
        return f"{why}; {warning}" if why else warning

    def supplier(line: gstr2b.Line) -> str:
        return f"{line.supplier_name} {line.gstin}".strip()

    rows = []
    for line in result.differing:
        rows.append([_("Differs"), supplier(line), line.number, line.day.strftime("%d-%m-%Y"), tax(line.books),
                     tax(line.gstr2b), no_credit(line, _("differs by more than ₹1 in: {heads}").format(
                         heads=heads(line)))])
    for line in result.only_in_books:
        rows.append([_("Not in 2B"), supplier(line), line.number, line.day.strftime("%d-%m-%Y"), tax(line.books),
                     "-", _("credit at risk: ask the supplier to report it in their GSTR-1")])
    for line in result.only_in_2b:
        why = (_("in your books on {day}, another month").format(day=line.booked_on.strftime("%d-%m-%Y"))
               if line.booked_on else _("record the bill if you received it"))
        rows.append([_("Not in books"), supplier(line), line.number, line.day.strftime("%d-%m-%Y"), "-",
                     tax(line.gstr2b), no_credit(line, why)])
    for line in result.amended:
        if line.books is None:
            why = _("record the bill if you received it")
        elif line.differences:
            why = _("differs by more than ₹1 in: {heads}").format(heads=heads(line))
        else:
            why = _("agrees with your books")
        if line.booked_on:
            why += "; " + _("in your books on {day}, another month").format(day=line.booked_on.strftime("%d-%m-%Y"))
        rows.append([_("Amended"), supplier(line), line.number, line.day.strftime("%d-%m-%Y"), tax(line.books),
                     tax(line.gstr2b), no_credit(line, _("the supplier amended invoice {original}: {why}").format(
                         original=line.amends, why=why))])
    for note in result.notes:
        what = _("Credit note") if note.kind == "C" else _("Debit note")
        why = (_("the supplier amended note {original}: changes your input credit").format(original=note.amends)
               if note.amends else _("from the supplier: changes your input credit"))
        rows.append([what, f"{note.supplier_name} {note.gstin}".strip(), note.number, note.day.strftime("%d-%m-%Y"),
                     "-", tax(note.split), no_credit(note, why)])
    for doc in result.other_credit:
        tax_text = tax(doc.split)
        if doc.kind == "BOE":
            what, who = _("Import (bill of entry)"), _("port {code}").format(code=doc.supplier_name or "-")
            why = _("IGST paid at customs on imported goods: input credit {amount}").format(amount=tax_text)
        else:
            what = _("ISD credit note") if doc.kind == "ISDC" else _("From the ISD")
            who = f"{doc.supplier_name} {doc.gstin}".strip()
            why = (_("reduces your input credit by {amount}") if doc.kind == "ISDC" else
                   _("input credit distributed to you: {amount}")).format(amount=tax_text)
            if not doc.credit_available:
                why = _("2B says this document gives no input credit")
        rows.append([what, who, doc.number, doc.day.strftime("%d-%m-%Y"), "-", tax_text, why])
    for line in result.matched:
        rows.append([_("Matched"), supplier(line), line.number, line.day.strftime("%d-%m-%Y"), tax(line.books),
                     tax(line.gstr2b), no_credit(line, "")])
    return rows


def match_summary(result: gstr2b.Match) -> str:
    text = _("GSTR-2B for {period}: {matched} matched, {differing} differ, {books} in your books but not in 2B "
             "(credit at risk {risk}), {portal} in 2B but not in your books.").format(
        period=result.period.label, matched=len(result.matched), differing=len(result.differing),
        books=len(result.only_in_books), risk=format_inr(result.credit_at_risk_paise), portal=len(result.only_in_2b))
    if result.amended:
        text += " " + _("{count} invoice(s) amended by the suppliers.").format(count=len(result.amended))
    return text


def match_headers() -> list[str]:
    return [_("What"), _("Supplier"), _("Bill"), _("Date"), _("Tax in books"), _("Tax in 2B"), _("Why")]
