"""GST returns from the books: prepare a period's GSTR-1, GSTR-3B or CMP-08 with its checks and due
dates, record the suppliers' tax invoices that give input tax credit, and send due-date reminders.

Nothing is filed for the seller: this prepares, checks and reminds (see ``docs/gst-returns.md``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from app import config
from app.domain import gst_calendar, gst_checks, gst_summary, gstr1
from app.domain.codes import check_gstin
from app.domain.fy import check_fy, fy_bounds
from app.domain.gst import STATES, TaxSplit
from app.domain.gst_calendar import CalendarProfile, DueDate
from app.domain.gst_returns import (
    IssuedDoc,
    OutwardDoc,
    Period,
    PurchaseBill,
    hsn_digits,
    period_of,
    quarter_period,
)
from app.domain.money import div_round
from app.domain.records import ShopProfile
from app.errors import AppError, Duplicate, InputError, NotFound
from app.events import DebitNoteIssued, PurchaseBillRecorded
from app.i18n import _
from app.paths import resources_dir
from app.services import alerts
from app.services import settings as settings_service
from app.services.changes import Changes
from app.services.context import SELLER, SYSTEM, Origin, ServiceContext
from app.services.shop import profile as shop_profile
from app.services.taxes import rate_table
from app.store import Store, parties
from app.store import exports as exports_store
from app.store import gst_returns as returns_store

__all__ = [
    "DEBIT_NOTE_SERIES", "REMINDER_ALERT", "SCHEMA_FILE", "BillLine", "DebitLine", "Prepared", "calendar_profile",
    "current_period", "debit_notes", "gstr1_schema", "gstr4", "parse_debit_line", "prepare", "record_debit_note",
    "record_purchase_bill", "reminder_text", "schema_errors", "send_due_reminders", "tax_between", "valid_gstin",
]

SCHEMA_FILE = "gstr1_schema.json"
REMINDER_ALERT = "gst_due"


def valid_gstin(text: str) -> bool:
    try:
        check_gstin(text)
    except AppError:
        return False
    return True


@lru_cache(maxsize=1)
def gstr1_schema() -> dict:
    with open(resources_dir() / "data" / SCHEMA_FILE, encoding="utf-8") as f:
        return json.load(f)


def schema_errors(document: dict) -> list[str]:
    """Where ``document`` departs from the GSTR-1 schema (empty when it conforms)."""
    import jsonschema  # only when a GSTR-1 is checked: the Reports page's GST summary needs none of it

    validator = jsonschema.Draft202012Validator(gstr1_schema())
    return [f"{'/'.join(str(p) for p in e.absolute_path) or '(top)'}: {e.message}"
            for e in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))]


def calendar_profile(store: Store, profile: ShopProfile | None = None) -> CalendarProfile:
    profile = profile or shop_profile(store)
    return CalendarProfile(scheme=profile.gst_scheme, quarterly=settings_service.get(store, config.GST_QUARTERLY),
                           state_code=profile.state_code, exports=settings_service.get(store, config.GST_EXPORTS))


@dataclass(frozen=True, kw_only=True)
class Prepared:
    """A period's books and what the returns make of them."""

    period: Period
    profile: ShopProfile
    docs: tuple[OutwardDoc, ...]
    issued: tuple[IssuedDoc, ...]
    purchases: tuple[PurchaseBill, ...]
    hsn_digits: int
    issues: tuple[gst_checks.Issue, ...]
    due: tuple[DueDate, ...]
    quarterly: bool = False

    @property
    def is_iff(self) -> bool:
        """A month of a QRMP shop: the optional Invoice Furnishing Facility (B2B invoices and notes only)."""
        return self.quarterly and not self.period.is_quarter

    @property
    def scheme(self) -> str:
        return self.profile.gst_scheme

    def gstr1(self) -> dict:
        if self.scheme != "regular":
            raise InputError(_("Only a regular GST shop files GSTR-1; this shop is '{scheme}'.").format(
                scheme=self.scheme))
        document = gstr1.build(gstin=self.profile.gstin or "", period=self.period, docs=self.docs,
                               issued=self.issued)
        if self.is_iff:
            return {k: v for k, v in document.items() if k in ("gstin", "fp", "version", "hash", "b2b", "cdnr")}
        return document

    def gstr3b(self) -> gst_summary.Gstr3b:
        if self.scheme != "regular":
            raise InputError(_("Only a regular GST shop files GSTR-3B; this shop is '{scheme}'.").format(
                scheme=self.scheme))
        return gst_summary.gstr3b(self.period, self.docs, self.purchases, valid_gstin=valid_gstin)

    def cmp08(self) -> gst_summary.Cmp08:
        if self.scheme != "composition":
            raise InputError(_("CMP-08 is for composition shops; this shop is '{scheme}'.").format(
                scheme=self.scheme))
        if not self.period.is_quarter:
            raise InputError(_("CMP-08 is filed for a quarter: write the period like 2026-Q3."))
        return gst_summary.cmp08(self.period, self.docs)


def prepare(store: Store, period: Period) -> Prepared:
    """Read the period's books and run every check on them."""
    profile = shop_profile(store)
    db = store.db()
    # credit notes may point at bills of earlier periods: read the originals' dates through the join
    docs = tuple(returns_store.outward_docs(db, period.start, period.end))
    issued = tuple(returns_store.day_invoices(db, period.start, period.end))
    purchases = tuple(returns_store.purchase_bills(db, period.start, period.end))
    digits = hsn_digits(settings_service.get(store, config.GST_PRIOR_TURNOVER_PAISE))
    table = rate_table(store)
    issues = gst_checks.run_checks(period=period, docs=docs, issued=issued, purchases=purchases, digits=digits,
                                   lookup=table.lookup, valid_gstin=valid_gstin,
                                   collects_gst=profile.gst_scheme == "regular")
    due = gst_calendar.due_dates(calendar_profile(store, profile), period.start, period.end + timedelta(days=62))
    return Prepared(period=period, profile=profile, docs=docs, issued=issued, purchases=purchases,
                    hsn_digits=digits, issues=tuple(issues),
                    quarterly=settings_service.get(store, config.GST_QUARTERLY),
                    due=tuple(d for d in due if d.period in (period.label, *[m.label for m in period.months()])))


def tax_between(store: Store, start: date, end: date) -> gst_summary.Gstr3b:
    """GSTR-3B's figures for any run of days (the Reports page's GST summary, ``report gst``): output tax net of
    credit notes, input tax credit from the purchase bills, the set-off and the tax left to pay in cash. The same
    reads and sums as a return period's :meth:`Prepared.gstr3b`, without the checks and due dates a return needs;
    the shop's scheme is the caller's to check (only a regular shop files GSTR-3B)."""
    db = store.db()
    period = Period(start, end, f"{start.isoformat()}..{end.isoformat()}")
    return gst_summary.gstr3b(period, returns_store.outward_docs(db, start, end),
                              returns_store.purchase_bills(db, start, end), valid_gstin=valid_gstin)


def gstr4(store: Store, fy: str) -> gst_summary.Gstr4:
    """A composition shop's annual GSTR-4 figures for the financial year ``fy`` ('2026-27')."""
    profile = shop_profile(store)
    if profile.gst_scheme != "composition":
        raise InputError(_("GSTR-4 is for composition shops; this shop is '{scheme}'.").format(
            scheme=profile.gst_scheme))
    start, end = fy_bounds(check_fy(fy))
    quarters = [quarter_period(start.year, 2), quarter_period(start.year, 3), quarter_period(start.year, 4),
                quarter_period(end.year, 1)]
    db = store.db()
    return gst_summary.gstr4(fy, quarters, returns_store.outward_docs(db, start, end),
                             returns_store.purchase_bills(db, start, end), valid_gstin=valid_gstin)


def current_period(store: Store, today: date) -> Period:
    """The last complete return period before ``today`` (the one to file next)."""
    quarterly = settings_service.get(store, config.GST_QUARTERLY) or shop_profile(store).gst_scheme == "composition"
    this = period_of(today, quarterly=quarterly)
    return period_of(this.start - timedelta(days=1), quarterly=quarterly)


@dataclass(frozen=True, kw_only=True)
class BillLine:
    """One rate on a supplier's bill: the taxable value, and the tax if the bill states it."""

    rate_bp: int
    taxable_paise: int
    tax_paise: int | None = None
    cess_paise: int = 0


def _split(line: BillLine, interstate: bool) -> TaxSplit:
    tax = div_round(line.taxable_paise * line.rate_bp, 10_000) if line.tax_paise is None else line.tax_paise
    if interstate:
        return TaxSplit(line.taxable_paise, igst_paise=tax, cess_paise=line.cess_paise)
    half = tax // 2
    return TaxSplit(line.taxable_paise, cgst_paise=tax - half, sgst_paise=half, cess_paise=line.cess_paise)


def record_purchase_bill(ctx: ServiceContext, *, bill_no: str, bill_date: date, lines: Sequence[BillLine],
                         supplier_id: int | None = None, supplier_name: str = "", supplier_gstin: str | None = None,
                         origin: Origin = SELLER) -> Changes:
    """Record a supplier's tax invoice (the input tax credit in GSTR-3B comes from these).

    The supplier's GSTIN is kept as written, even when it fails its check: the check before filing
    lists such bills, and they give no credit until corrected.
    """
    bill_no = bill_no.strip()
    if not bill_no or len(bill_no) > 16:
        raise InputError(_("A bill number has 1 to 16 characters."))
    if not lines:
        raise InputError(_("The purchase bill has no amounts."))
    rates = [line.rate_bp for line in lines]
    if len(set(rates)) != len(rates):
        raise InputError(_("Give each GST rate on the bill once."))
    for line in lines:
        if line.taxable_paise < 0 or not 0 <= line.rate_bp <= 10_000 or (line.tax_paise or 0) < 0:
            raise InputError(_("Amounts and rates on a purchase bill cannot be negative."))
    with ctx.store.write() as db:
        if supplier_id is not None:
            supplier = parties.get_supplier(db, supplier_id)
            if supplier is None:
                raise NotFound(_("There is no supplier number {id}.").format(id=supplier_id))
            supplier_name = supplier_name or supplier.name
            supplier_gstin = supplier_gstin or supplier.gstin
        if not supplier_name.strip():
            raise InputError(_("Name the supplier of the bill."))
        gstin = (supplier_gstin or "").strip().upper() or None
        home = shop_profile(ctx.store).state_code
        their_state = gstin[:2] if gstin and gstin[:2].isdigit() else home
        interstate = their_state in STATES and their_state != home
        if returns_store.purchase_bill_exists(db, supplier_name, bill_no, bill_date.isoformat()):
            raise Duplicate(_("Bill {no} of {supplier} on {day} is already recorded.").format(
                no=bill_no, supplier=supplier_name, day=bill_date.isoformat()))
        splits = [(line.rate_bp, _split(line, interstate)) for line in lines]
        total = sum(s.total_paise for _rate, s in splits)
        now = ctx.now_iso()
        bill_id = returns_store.insert_purchase_bill(
            db, supplier_id=supplier_id, supplier_name=supplier_name, supplier_gstin=gstin, bill_no=bill_no,
            bill_date=bill_date.isoformat(), interstate=interstate, total_paise=total, lines=splits,
            created_at=now, actor=origin.actor)
        event = ctx.record(db, PurchaseBillRecorded(bill_id=bill_id, supplier_name=supplier_name, bill_no=bill_no,
                                                    total_paise=total), origin, at=now)
    return Changes(events=(event,), id=bill_id)


def reminder_text(due: DueDate) -> str:
    return _("{form} for {period} is due on {day}.").format(form=due.form, period=due.period,
                                                            day=due.due.strftime("%d-%m-%Y"))


def send_due_reminders(ctx: ServiceContext, *, origin: Origin = SYSTEM) -> list[DueDate]:
    """Raise an alert (chat, Today page) for each date coming up in the next days, once per date."""
    today = ctx.today()
    profile = calendar_profile(ctx.store)
    sent_now = []
    with ctx.store.write() as db:
        for due in gst_calendar.due_reminders(profile, today, returns_store.sent_reminders(db)):
            if returns_store.mark_reminder_sent(db, due.key, due.due.isoformat(), ctx.now_iso()):
                alerts.raise_alert(ctx, kind=REMINDER_ALERT, subject=due.key, message=reminder_text(due),
                                       severity="warning",
                                       data={"form": due.form, "period": due.period, "due": due.due.isoformat()},
                                       origin=origin)
                sent_now.append(due)
    return sent_now


DEBIT_NOTE_SERIES = "DN"


@dataclass(frozen=True, slots=True, kw_only=True)
class DebitLine:
    """The extra amount (tax included, as the shop's prices are) on one item of the invoice."""

    sku: str
    amount_paise: int


def parse_debit_line(text: str) -> DebitLine:
    """'TEA8:40' -> the item and its extra amount in rupees (tax included)."""
    from app.domain.money import parse_inr

    sku, _sep, amount = text.partition(":")
    if not sku.strip() or not amount.strip():
        raise InputError(_("'{line}' is not CODE:EXTRA, e.g. TEA8:40.").format(line=text[:40]))
    return DebitLine(sku=sku, amount_paise=parse_inr(amount))


def record_debit_note(ctx: ServiceContext, *, invoice_no: str, lines: Sequence[DebitLine], reason: str,
                      origin: Origin = SELLER) -> Changes:
    """Issue a debit note on one of the shop's tax invoices: the price was found short after the sale (CGST Act
    s.34(3)), so each named item's extra amount is taxed at the rate its invoice line carried, split intra/inter-state
    as the invoice was (under an LUT an export's note carries no tax). It adds to GSTR-1 (``cdnr``/``cdnur`` with
    ``ntty`` D, or ``b2cs``) and GSTR-3B of the period of its own date. Numbered in the ``DN`` series."""
    from app.domain import fy as fy_rules
    from app.domain.bounds import check_text
    from app.domain.gst import split_inclusive
    from app.services.periods import check_open
    from app.store import orders as order_store
    from app.store import shop as shop_store

    reason = " ".join(check_text(reason, what=_("Why the price rose"), limit=200, empty_ok=True).split())
    if not reason:
        raise InputError(_("Say why the price rose, in up to 200 characters (it is kept with the note)."))
    if not lines:
        raise InputError(_("Name at least one item of the invoice and the extra amount on it."))
    skus = [line.sku.strip().upper() for line in lines]
    if len(set(skus)) != len(skus):
        raise InputError(_("Give each item once."))
    for line in lines:
        if not 0 < line.amount_paise <= 1_00_00_000_00:
            raise InputError(_("The extra amount on an item must be above zero (and at most ₹1 crore)."))
    day = ctx.today()
    with ctx.store.write() as db:
        original = order_store.by_invoice(db, invoice_no.strip())
        if original is None:
            raise NotFound(_("There is no invoice numbered '{no}'.").format(no=invoice_no.strip()))
        if original.kind != "sale" or original.doc_type != "tax_invoice" or original.status in (
                "cancelled", "draft", "held"):
            raise InputError(_("A debit note adds to a tax invoice of a completed sale; {no} is not one.").format(
                no=original.invoice_no))
        if original.business_date > day.isoformat():
            raise InputError(_("A debit note cannot be dated before its invoice."))
        fiscal_year = check_open(db, day)
        export_mode = exports_store.export_mode(db, original.id)
        by_sku = {str(line.sku): line for line in original.lines}
        parts = []
        for sku, line in zip(skus, lines, strict=True):
            on_invoice = by_sku.get(sku)
            if on_invoice is None:
                raise InputError(_("Item {sku} is not on invoice {no}.").format(sku=sku, no=original.invoice_no))
            split = (TaxSplit(line.amount_paise) if export_mode == "lut" else  # zero-rated, no IGST
                     split_inclusive(line.amount_paise, on_invoice.gst_rate_bp, interstate=original.interstate,
                                     cess_bp=on_invoice.cess_bp))
            parts.append((on_invoice.line_no, sku, on_invoice.hsn_code, on_invoice.name, on_invoice.unit,
                          on_invoice.gst_rate_bp, on_invoice.cess_bp, split))
        number = fy_rules.doc_number(DEBIT_NOTE_SERIES, fiscal_year,
                                     shop_store.next_serial(db, DEBIT_NOTE_SERIES, fiscal_year))
        now = ctx.now_iso()
        note_id = returns_store.insert_debit_note(
            db, note_no=number, fy=fiscal_year, business_date=day.isoformat(), original_order_id=original.id,
            reason=reason, lines=parts, created_at=now, actor=origin.actor)
        total = sum(p[-1].total_paise for p in parts)
        event = ctx.record(db, DebitNoteIssued(note_id=note_id, note_no=number, invoice_no=original.invoice_no or "",
                                               total_paise=total), origin, at=now)
    return Changes(events=(event,), id=note_id)


def debit_notes(store: Store) -> list[dict]:
    """Every debit note, newest first: number, date, the invoice it adds to, buyer, reason, total."""
    return [dict(zip(("id", "note_no", "business_date", "invoice_no", "customer_name", "reason", "total_paise"), r,
                     strict=True)) for r in returns_store.debit_note_rows(store.db())]
