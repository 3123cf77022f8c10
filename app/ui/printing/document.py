"""What a printed bill says, read once from the shop: the same facts feed the thermal receipt and the PDF.

A tax invoice carries the CGST Rule 46 fields: the supplier's name, address and GSTIN, a number unique
in the financial year, the date, the buyer's name, address and GSTIN when registered, HSN code,
description, quantity and unit, value, discount, taxable value, the CGST/SGST (or IGST) rate and
amount separately, place of supply with the state's name, and whether tax is on reverse charge. A
composition dealer's bill of supply says so instead of charging tax; a credit note names the invoice
it is against; a cash memo names the consolidated invoice that covers it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from fractions import Fraction

from app import config
from app.domain.clock import from_iso, shop_zone
from app.domain.gst import OTHER_COUNTRY, PLACES_OF_SUPPLY, STATES, TAX_FIELDS, format_rate, state_tax_name
from app.domain.money import format_inr
from app.domain.qty import format_qty
from app.domain.records import Order
from app.domain.trade.terms import endorsement
from app.errors import NotFound
from app.i18n import _, language
from app.services import settings as settings_service
from app.services.dayend import DayInvoice
from app.services.shop import profile as shop_profile
from app.session import Session
from app.store import catalog, counter_day, parties
from app.store import exports as export_store
from app.store import orders as order_store


@dataclass(frozen=True, kw_only=True)
class Line:
    no: int
    name: str
    hsn: str
    qty: str
    rate: str  # price per unit
    discount_paise: int
    taxable_paise: int
    gst_rate_bp: int
    tax_paise: int
    total_paise: int


@dataclass(frozen=True, kw_only=True)
class TaxRow:
    """Tax at one rate, for the summary under the lines."""

    rate_bp: int
    taxable_paise: int
    cgst_paise: int
    sgst_paise: int
    igst_paise: int
    cess_paise: int


@dataclass(frozen=True, kw_only=True)
class Document:
    title: str
    number: str
    when: str  # dd-mm-yyyy hh:mm in the shop's time zone
    shop_name: str
    shop_lines: tuple[str, ...]  # address, state, GSTIN, phone
    notice: str = ""  # "Composition taxable person ...", "Against invoice ...", "Covered by ..."
    buyer: tuple[str, ...] = ()
    place_of_supply: str = ""
    interstate: bool = False
    collects_tax: bool = True
    lines: tuple[Line, ...] = ()
    tax_rows: tuple[TaxRow, ...] = ()
    gross_paise: int = 0
    discount_paise: int = 0
    taxable_paise: int = 0
    cgst_paise: int = 0
    sgst_paise: int = 0
    igst_paise: int = 0
    cess_paise: int = 0
    round_off_paise: int = 0
    total_paise: int = 0
    state_tax: str = "SGST"
    payments: tuple[tuple[str, str], ...] = ()  # (label, amount) as printed
    change_paise: int = 0
    footer: str = ""
    extra: tuple[tuple[str, str], ...] = field(default_factory=tuple)  # Z report rows


def method_name(method: str) -> str:
    return {"cash": _("Cash"), "upi": _("UPI"), "card": _("Card"), "khata": _("Khata"), "bank": _("Bank"),
            "other": _("Other")}.get(method, method)


def local_time(at: str, session: Session) -> str:
    moment: datetime = from_iso(at).astimezone(shop_zone(session.ctx.timezone))
    return moment.strftime("%d-%m-%Y %H:%M")


def _shop_part(session: Session) -> tuple[str, tuple[str, ...], bool, str]:
    profile = shop_profile(session.store)
    lines = []
    if profile.legal_name and profile.legal_name != profile.name:
        lines.append(profile.legal_name)
    address = ", ".join(p for p in (profile.address, profile.city, profile.pincode) if p)
    if address:
        lines.append(address)
    lines.append(_("State: {name} ({code})").format(name=STATES.get(profile.state_code, ""),
                                                    code=profile.state_code))
    if profile.gstin:
        lines.append(_("GSTIN: {gstin}").format(gstin=profile.gstin))
    if profile.phone:
        lines.append(_("Phone: {phone}").format(phone=profile.phone))
    return profile.name, tuple(lines), profile.collects_gst, profile.gst_scheme


def _footer(session: Session) -> str:
    return settings_service.get(session.store, config.RECEIPT_FOOTER) or _("Thank you! Please visit again.")


def _title(order: Order, scheme: str, memo: bool) -> str:
    if order.doc_type == "credit_note":
        return _("Credit Note")
    if order.doc_type == "bill_of_supply":
        return _("Bill of Supply")
    if memo:
        return _("Cash Memo")
    if order.doc_type == "tax_invoice":
        return _("Tax Invoice")
    return _("Bill")


def _tax_rows(lines) -> tuple[TaxRow, ...]:
    rows: dict[int, list[int]] = {}
    for line in lines:
        acc = rows.setdefault(line.gst_rate_bp, [0, 0, 0, 0, 0])
        for i, name in enumerate(TAX_FIELDS):
            acc[i] += getattr(line, name)
    return tuple(TaxRow(rate_bp=rate, taxable_paise=a[0], cgst_paise=a[1], sgst_paise=a[2], igst_paise=a[3],
                        cess_paise=a[4]) for rate, a in sorted(rows.items()))


def order_document(session: Session, order_id: int, *, lang: str | None = None) -> Document:
    """The printable facts of a sale, a cash memo or a credit note (read on any thread)."""
    lang = lang or language()
    db = session.store.db()
    order = order_store.get(db, order_id)
    if order is None:
        raise NotFound(_("There is no order number {id}.").format(id=order_id))
    shop_name, shop_lines, collects, scheme = _shop_part(session)
    memo_row = counter_day.memo_day_invoice(db, order_id)
    notice = ""
    if order.doc_type == "bill_of_supply" or (order.kind == "return" and scheme == "composition"):
        notice = _("Composition taxable person, not eligible to collect tax on supplies")
    elif order.kind == "return" and order.original_order_id:
        original = order_store.get(db, order.original_order_id, with_lines=False)
        if original is not None:
            notice = _("Against invoice {number} dated {date}").format(
                number=original.invoice_no or original.id, date=local_time(original.created_at, session)[:10])
    elif memo_row is not None:
        notice = (_("Covered by the consolidated tax invoice {number}").format(number=memo_row[0]) if memo_row[0]
                  else _("Covered by the day's consolidated tax invoice"))
    export = export_store.export_row(db, order_id) if order.place_of_supply == OTHER_COUNTRY else None
    if export is not None:  # CGST Rule 46: an export invoice carries its endorsement (and the LUT's ARN)
        notice = endorsement(export["mode"], export["lut_arn"])
    buyer: list[str] = [export["buyer_name"], export["buyer_address"]] if export is not None else []
    if order.customer_id is not None:
        customer = parties.get_customer(db, order.customer_id)
        if customer is not None:
            buyer.append(customer.name_hi if lang == "hi" and customer.name_hi else customer.name)
            if customer.address:
                buyer.append(customer.address)
            if customer.gstin:
                buyer.append(_("GSTIN: {gstin}").format(gstin=customer.gstin))
    elif order.customer_name and export is None:
        buyer.append(order.customer_name)
    products = catalog.get_many(db, sorted({line.sku for line in order.lines}))
    lines = []
    for line in order.lines:
        product = products.get(line.sku)
        name = product.name(lang) if product is not None else line.name
        lines.append(Line(no=line.line_no, name=name, hsn=line.hsn_code, qty=format_qty(line.qty_milli, line.unit),
                          rate=format_inr(line.unit_price_paise), discount_paise=line.discount_paise,
                          taxable_paise=line.taxable_paise, gst_rate_bp=line.gst_rate_bp,
                          tax_paise=line.cgst_paise + line.sgst_paise + line.igst_paise + line.cess_paise,
                          total_paise=line.total_paise))
    payments = []
    change = 0
    for payment in order_store.payments(db, order_id):
        payments.append((method_name(payment.method), format_inr(abs(payment.amount_paise))))
        if payment.tendered_paise:
            payments.append((_("Cash given"), format_inr(payment.tendered_paise)))
            change += payment.tendered_paise - payment.amount_paise
    if order.customer_id is not None and any(p.method == "khata" for p in order_store.payments(db, order_id)):
        customer = parties.get_customer(db, order.customer_id)
        if customer is not None:
            payments.append((_("Khata balance now"), format_inr(customer.khata_balance_paise)))
    pos = order.place_of_supply
    return Document(
        title=_title(order, scheme, memo_row is not None), number=order.invoice_no or str(order.id),
        when=local_time(order.completed_at or order.created_at, session), shop_name=shop_name,
        shop_lines=shop_lines, notice=notice, buyer=tuple(buyer),
        place_of_supply=f"{PLACES_OF_SUPPLY.get(pos, pos)} ({pos})", interstate=order.interstate,
        collects_tax=collects and order.doc_type in ("tax_invoice", "credit_note", "none"), lines=tuple(lines),
        tax_rows=_tax_rows(order.lines), gross_paise=order.gross_paise, discount_paise=order.discount_paise,
        taxable_paise=order.taxable_paise, cgst_paise=order.cgst_paise, sgst_paise=order.sgst_paise,
        igst_paise=order.igst_paise, cess_paise=order.cess_paise, round_off_paise=order.round_off_paise,
        total_paise=order.total_paise, state_tax=state_tax_name(pos), payments=tuple(payments), change_paise=change,
        footer=_footer(session))


def day_invoice_document(session: Session, invoice: DayInvoice) -> Document:
    """The consolidated tax invoice for a day's cash memos, one line per HSN code and rate."""
    shop_name, shop_lines, _collects, _scheme = _shop_part(session)
    profile = shop_profile(session.store)
    lines = tuple(Line(no=i, name=_("Sales to unregistered buyers"), hsn=row.hsn_code, qty="", rate="",
                       discount_paise=0, taxable_paise=row.taxable_paise, gst_rate_bp=row.gst_rate_bp,
                       tax_paise=row.total_paise - row.taxable_paise, total_paise=row.total_paise)
                  for i, row in enumerate(invoice.lines, start=1))
    first, last = (invoice.memo_numbers[0], invoice.memo_numbers[-1]) if invoice.memo_numbers else ("", "")
    day = invoice.business_date
    return Document(
        title=_("Consolidated Tax Invoice"), number=invoice.invoice_no,
        when=f"{day[8:10]}-{day[5:7]}-{day[0:4]}", shop_name=shop_name, shop_lines=shop_lines,
        notice=_("Sales below the invoice limit on {date}: {count} cash memos, {first} to {last}").format(
            date=f"{day[8:10]}-{day[5:7]}-{day[0:4]}", count=invoice.bill_count, first=first, last=last),
        place_of_supply=f"{STATES.get(profile.state_code, '')} ({profile.state_code})", lines=lines,
        tax_rows=tuple(TaxRow(rate_bp=row.gst_rate_bp, taxable_paise=row.taxable_paise, cgst_paise=row.cgst_paise,
                              sgst_paise=row.sgst_paise, igst_paise=row.igst_paise, cess_paise=row.cess_paise)
                       for row in invoice.lines),
        gross_paise=invoice.total_paise, taxable_paise=invoice.taxable_paise, cgst_paise=invoice.cgst_paise,
        sgst_paise=invoice.sgst_paise, igst_paise=invoice.igst_paise, cess_paise=invoice.cess_paise,
        total_paise=invoice.total_paise, state_tax=state_tax_name(profile.state_code), footer="")


def debit_note_document(session: Session, note_id: int) -> Document:
    """A debit note (CGST Rule 53): the shop, the buyer and place of supply of the invoice it adds to, that invoice's
    number and date, the reason, and per item the extra taxable value, rate and tax."""
    from types import SimpleNamespace

    from app.store import gst_returns as returns_store

    note = returns_store.debit_note(session.store.db(), note_id)
    if note is None:
        raise NotFound(_("There is no debit note number {id}.").format(id=note_id))
    invoice = order_document(session, note["original_order_id"])  # its buyer, place of supply and tax names
    day = note["business_date"]
    lines = tuple(Line(no=i, name=line["name"], hsn=line["hsn_code"], qty="", rate="", discount_paise=0,
                       taxable_paise=line["taxable_paise"], gst_rate_bp=line["gst_rate_bp"],
                       tax_paise=sum(line[f] for f in TAX_FIELDS if f != "taxable_paise"),
                       total_paise=sum(line[f] for f in TAX_FIELDS))
                  for i, line in enumerate(note["lines"], start=1))
    sums = {f: sum(line[f] for line in note["lines"]) for f in TAX_FIELDS}
    return Document(
        title=_("Debit Note"), number=note["note_no"], when=f"{day[8:10]}-{day[5:7]}-{day[0:4]}",
        shop_name=invoice.shop_name, shop_lines=invoice.shop_lines,
        notice=_("Against invoice {number} dated {date}. Reason: {reason}").format(
            number=invoice.number, date=invoice.when[:10], reason=note["reason"]),
        buyer=invoice.buyer, place_of_supply=invoice.place_of_supply, interstate=invoice.interstate, lines=lines,
        tax_rows=_tax_rows(SimpleNamespace(**line) for line in note["lines"]), gross_paise=note["total_paise"],
        total_paise=note["total_paise"], state_tax=invoice.state_tax, footer="", **sums)


def half_rate(rate_bp: int) -> str:
    """The CGST (or SGST) half of a GST rate: 500 -> '2.5%'."""
    return format_rate(Fraction(rate_bp, 2))
