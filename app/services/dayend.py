"""The close of the day: the consolidated tax invoice for small B2C sales, and the cash-up (Z report).

Consolidated invoice (CGST Act s.31(3)(b), Rule 46 proviso): the day's cash memos (bills below the
threshold to unregistered buyers who did not ask for an invoice) are covered by one tax invoice,
summed per HSN code and rate. Its number comes from the shop's tax-invoice series, so invoice numbers
stay consecutive and unique in the financial year. A day can have more than one if bills are made
after it was issued; each cash memo is covered exactly once.

Z report: what the counter took on a day, by way of payment, with returns, taxes and the cash that
should be in the drawer. ``day_summary`` reads it at any time (an "X" reading); ``close_day`` stores it,
numbered, with the cash counted, and never changes it again.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta

from sqlite_utils import Database

from app import config
from app.domain import fy
from app.domain.clock import shop_zone, to_iso
from app.domain.gst import TaxSplit
from app.errors import InputError, InvalidState, NotFound
from app.events import DayClosed, DayInvoiceIssued
from app.i18n import _
from app.services import settings as settings_service
from app.services.changes import Changes
from app.services.context import SELLER, Origin, ServiceContext
from app.services.periods import check_open
from app.store import Store, counter_day
from app.store import shop as shop_store


@dataclass(frozen=True, kw_only=True)
class DayInvoiceLine:
    hsn_code: str
    gst_rate_bp: int
    cess_bp: int
    taxable_paise: int
    cgst_paise: int
    sgst_paise: int
    igst_paise: int
    cess_paise: int

    @property
    def total_paise(self) -> int:
        return self.taxable_paise + self.cgst_paise + self.sgst_paise + self.igst_paise + self.cess_paise


@dataclass(frozen=True, kw_only=True)
class DayInvoice:
    id: int
    fy: str
    invoice_no: str
    business_date: str
    bill_count: int
    taxable_paise: int
    cgst_paise: int
    sgst_paise: int
    igst_paise: int
    cess_paise: int
    total_paise: int
    lines: tuple[DayInvoiceLine, ...]
    created_at: str
    memo_numbers: tuple[str, ...] = ()


def pending_dates(db: Database) -> list[str]:
    """Business dates with cash memos not yet covered by a consolidated invoice, oldest first."""
    return counter_day.pending_dates(db)


def _memo_lines(db: Database, day: str) -> tuple[list[int], list[DayInvoiceLine]]:
    ids = counter_day.open_memo_ids(db, day)
    if not ids:
        return [], []
    rows = counter_day.memo_lines(db, ids)
    return ids, [DayInvoiceLine(hsn_code=r[0], gst_rate_bp=r[1], cess_bp=r[2], taxable_paise=r[3], cgst_paise=r[4],
                                sgst_paise=r[5], igst_paise=r[6], cess_paise=r[7]) for r in rows]


def issue_day_invoices(ctx: ServiceContext, *, through: date | None = None, origin: Origin = SELLER) -> Changes:
    """Issue the consolidated invoice for every day up to ``through`` (default today) whose cash memos
    are not yet covered; ``Changes.events`` has one ``DayInvoiceIssued`` per invoice."""
    last = (through or ctx.today()).isoformat()
    now = ctx.now_iso()
    events = []
    with ctx.store.write() as db:
        prefix = settings_service.get(ctx.store, config.INVOICE_PREFIX)
        for day in pending_dates(db):
            if day > last:
                break
            ids, lines = _memo_lines(db, day)
            if not ids:
                continue
            fiscal_year = check_open(db, date.fromisoformat(day))
            number = fy.doc_number(prefix, fiscal_year, shop_store.next_serial(db, prefix, fiscal_year))
            sums = TaxSplit.total(TaxSplit.of(line) for line in lines)
            total = sums.total_paise
            invoice_id = counter_day.insert_day_invoice(
                db, fiscal_year=fiscal_year, number=number, day=day, bill_count=len(ids), parts=sums.parts(),
                total_paise=total, lines_json=json.dumps([asdict(line) for line in lines]), at=now,
                actor=origin.actor)
            counter_day.mark_covered(db, invoice_id, ids)
            events.append(ctx.record(db, DayInvoiceIssued(day_invoice_id=invoice_id, invoice_no=number,
                                                          business_date=day, bill_count=len(ids),
                                                          total_paise=total), origin, at=now))
    return Changes(events=tuple(events), id=events[-1].day_invoice_id if events else None)


def day_invoices(db: Database, day: str | None = None) -> list[DayInvoice]:
    found = []
    for r in counter_day.day_invoice_rows(db, day):
        memos = counter_day.memo_numbers(db, r[0])
        found.append(DayInvoice(id=r[0], fy=r[1], invoice_no=r[2], business_date=r[3], bill_count=r[4],
                                taxable_paise=r[5], cgst_paise=r[6], sgst_paise=r[7], igst_paise=r[8],
                                cess_paise=r[9], total_paise=r[10],
                                lines=tuple(DayInvoiceLine(**line) for line in json.loads(r[11])),
                                created_at=r[12], memo_numbers=memos))
    return found


def get_day_invoice(db: Database, invoice_no: str) -> DayInvoice:
    for found in day_invoices(db):
        if found.invoice_no == invoice_no:
            return found
    raise NotFound(_("There is no consolidated invoice {number}.").format(number=invoice_no))


# --- the cash-up ---------------------------------------------------------------------------------
@dataclass(frozen=True, kw_only=True)
class DaySummary:
    business_date: str
    bills: int
    sales_paise: int
    returns: int
    returns_paise: int
    taxable_paise: int
    cgst_paise: int
    sgst_paise: int
    igst_paise: int
    cess_paise: int
    round_off_paise: int
    by_method: dict[str, int] = field(default_factory=dict)  # net money in, per way of paying
    khata_received_paise: int = 0  # khata paid off at the counter that day (in by_method too)
    opening_cash_paise: int = 0
    pending_memos: int = 0

    @property
    def net_sales_paise(self) -> int:
        return self.sales_paise - self.returns_paise

    @property
    def expected_cash_paise(self) -> int:
        return self.opening_cash_paise + self.by_method.get("cash", 0)


def _utc_bounds(ctx: ServiceContext, day: date) -> tuple[str, str]:
    zone = shop_zone(ctx.timezone)
    start = datetime.combine(day, time(0), tzinfo=zone)
    return to_iso(start), to_iso(start + timedelta(days=1))


def day_summary(ctx: ServiceContext, day: date | None = None, *, opening_cash_paise: int = 0) -> DaySummary:
    """What the counter took on ``day`` (default today); reads only."""
    day = day or ctx.today()
    text = day.isoformat()
    start, end = _utc_bounds(ctx, day)
    with ctx.store.read() as db:
        sales_row = counter_day.day_sales(db, text)
        ret = counter_day.day_returns(db, text)
        by_method = counter_day.payments_by_method(db, start, end)
        khata_in = counter_day.khata_received(db, start, end)
        pending = counter_day.pending_memos(db, text)
    return DaySummary(
        business_date=text, bills=sales_row[0], sales_paise=sales_row[1], returns=ret[0], returns_paise=ret[1],
        taxable_paise=sales_row[2] - ret[2], cgst_paise=sales_row[3] - ret[3], sgst_paise=sales_row[4] - ret[4],
        igst_paise=sales_row[5] - ret[5], cess_paise=sales_row[6] - ret[6], round_off_paise=sales_row[7] - ret[7],
        by_method=by_method, khata_received_paise=khata_in, opening_cash_paise=opening_cash_paise,
        pending_memos=pending)


@dataclass(frozen=True, kw_only=True)
class ZReport:
    z_no: int
    summary: DaySummary
    counted_cash_paise: int | None
    created_at: str

    @property
    def difference_paise(self) -> int | None:
        """Counted minus expected cash: negative when cash is short."""
        if self.counted_cash_paise is None:
            return None
        return self.counted_cash_paise - self.summary.expected_cash_paise


def close_day(ctx: ServiceContext, day: date | None = None, *, counted_cash_paise: int | None = None,
              opening_cash_paise: int = 0, origin: Origin = SELLER) -> Changes:
    """Take the Z report for ``day``: stored, numbered, never changed. ``Changes.id`` is its number.

    The day's cash memos are covered by their consolidated invoice first, so a Z report never leaves
    small sales without one."""
    day = day or ctx.today()
    if counted_cash_paise is not None and counted_cash_paise < 0:
        raise InputError(_("Counted cash cannot be negative."))
    if opening_cash_paise < 0:
        raise InputError(_("Opening cash cannot be negative."))
    if day > ctx.today():
        raise InvalidState(_("A day that has not come yet cannot be closed."))
    with ctx.store.write() as db:
        invoices = issue_day_invoices(ctx, through=day, origin=origin)
        summary = day_summary(ctx, day, opening_cash_paise=opening_cash_paise)
        z_no = counter_day.next_z_no(db)
        now = ctx.now_iso()
        report = asdict(summary) | {"net_sales_paise": summary.net_sales_paise,
                                    "expected_cash_paise": summary.expected_cash_paise}
        counter_day.insert_zreport(db, day=summary.business_date, z_no=z_no, opening_cash_paise=opening_cash_paise,
                                   expected_cash_paise=summary.expected_cash_paise,
                                   counted_cash_paise=counted_cash_paise, report_json=json.dumps(report), at=now,
                                   actor=origin.actor)
        event = ctx.record(db, DayClosed(z_no=z_no, business_date=summary.business_date,
                                         expected_cash_paise=summary.expected_cash_paise,
                                         counted_cash_paise=counted_cash_paise), origin, at=now)
    return Changes(events=(*invoices.events, event), id=z_no)


def z_reports(store: Store, day: str | None = None) -> list[ZReport]:
    db = store.db()
    reports = []
    for z_no, report_json, counted, created_at in counter_day.zreport_rows(db, day):
        data = json.loads(report_json)
        data.pop("net_sales_paise", None)
        data.pop("expected_cash_paise", None)
        reports.append(ZReport(z_no=z_no, summary=DaySummary(**data), counted_cash_paise=counted,
                               created_at=created_at))
    return reports
