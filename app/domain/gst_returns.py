"""GST return periods and the books as a return sees them: outward documents, purchase bills, sections.

A return covers a month (``2026-11``) or a quarter (``2026-Q3``: calendar quarter 3, July to
September 2026, which is also the GST portal's second quarter of FY 2026-27). The portal names a
period by its last month as ``MMYYYY`` (``fp`` in the GSTR-1 JSON).

Everything here is pure: the store reads the bills into :class:`OutwardDoc` and :class:`PurchaseBill`
records, and the GSTR-1, GSTR-3B and CMP-08 builders (``gstr1``, ``gst_summary``) turn them into figures.
Sources for each rule are cited in ``docs/gst-returns.md``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from app.domain.gst import OTHER_COUNTRY, TaxSplit
from app.errors import InputError
from app.i18n import _

__all__ = [
    "B2CL_LIMIT_BEFORE_PAISE", "B2CL_LIMIT_FROM", "B2CL_LIMIT_PAISE", "SIX_DIGIT_TURNOVER_PAISE", "UQC",
    "DocLine", "IssuedDoc", "OutwardDoc", "Period", "PurchaseBill", "b2cl_limit", "counted", "hsn_digits",
    "month_period", "negate", "parse_period", "period_of", "quarter_period", "signed", "sum_splits",
]

# Inter-state B2C invoices above this value are reported one by one (B2CL): ₹1 lakh from 1 Aug 2024
# (Notification 12/2024-CT); before that ₹2.5 lakh.
B2CL_LIMIT_PAISE = 1_00_000_00
B2CL_LIMIT_BEFORE_PAISE = 2_50_000_00
B2CL_LIMIT_FROM = date(2024, 8, 1)
# Aggregate turnover of the previous FY above which six HSN digits are needed (Notification 78/2020-CT)
SIX_DIGIT_TURNOVER_PAISE = 5_00_00_000_00

# Unit quantity codes (UQC) the portal accepts, for the units the shop sells in
UQC = {"pcs": "NOS", "pack": "PAC", "box": "BOX", "dozen": "DOZ", "kg": "KGS", "g": "GMS", "l": "LTR",
       "ml": "MLT"}

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-[Qq]([1-4])$")


@dataclass(frozen=True, slots=True)
class Period:
    """A return period: the first and last day (inclusive) and how the seller wrote it."""

    start: date
    end: date
    label: str

    @property
    def is_quarter(self) -> bool:
        return self.start.month != self.end.month

    @property
    def fp(self) -> str:
        """The portal's return period: the last month as MMYYYY."""
        return f"{self.end.month:02d}{self.end.year}"

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def months(self) -> list[Period]:
        out, first = [], self.start
        while first <= self.end:
            out.append(month_period(first.year, first.month))
            first = out[-1].end + timedelta(days=1)
        return out


def _month_end(year: int, month: int) -> date:
    return (date(year + month // 12, month % 12 + 1, 1)) - timedelta(days=1)


def month_period(year: int, month: int) -> Period:
    return Period(date(year, month, 1), _month_end(year, month), f"{year}-{month:02d}")


def quarter_period(year: int, quarter: int) -> Period:
    first = 3 * (quarter - 1) + 1
    return Period(date(year, first, 1), _month_end(year, first + 2), f"{year}-Q{quarter}")


def parse_period(text: str) -> Period:
    """'2026-11' (a month) or '2026-Q3' (July to September 2026)."""
    text = text.strip()
    month, quarter = _MONTH.match(text), _QUARTER.match(text)
    if month and 1 <= int(month.group(2)) <= 12:
        return month_period(int(month.group(1)), int(month.group(2)))
    if quarter:
        return quarter_period(int(quarter.group(1)), int(quarter.group(2)))
    raise InputError(_("'{text}' is not a return period.").format(text=text),
                     hint=_("Write a month like 2026-11, or a quarter like 2026-Q3 (July to September)."))


def period_of(day: date, *, quarterly: bool) -> Period:
    if quarterly:
        return quarter_period(day.year, (day.month - 1) // 3 + 1)
    return month_period(day.year, day.month)


def hsn_digits(prior_turnover_paise: int) -> int:
    """HSN digits a shop must give: 4 up to ₹5 crore of last year's turnover, 6 above."""
    return 6 if prior_turnover_paise > SIX_DIGIT_TURNOVER_PAISE else 4


def b2cl_limit(day: date) -> int:
    return B2CL_LIMIT_PAISE if day >= B2CL_LIMIT_FROM else B2CL_LIMIT_BEFORE_PAISE


@dataclass(frozen=True, slots=True, kw_only=True)
class DocLine:
    """One line of a bill or credit note as the return needs it (amounts in paise, positive)."""

    hsn: str
    name: str
    unit: str
    qty_milli: int
    rate_bp: int
    cess_bp: int
    split: TaxSplit
    own_rate_bp: int | None = None  # the item's own rate, set by the seller over the table's

    @property
    def uqc(self) -> str:
        return UQC.get(self.unit, "OTH")


@dataclass(frozen=True, slots=True, kw_only=True)
class OutwardDoc:
    """A sale (tax invoice, bill of supply, cash memo) or a credit note, with its lines.

    ``number`` is empty for nothing; a cash memo (``doc_type == 'none'``) is covered by the day's
    consolidated invoice, so it counts in the figures but not as a document.
    """

    order_id: int
    kind: str  # sale | return | debit
    doc_type: str  # tax_invoice | bill_of_supply | credit_note | debit_note | none
    number: str
    day: date
    status: str
    customer_name: str
    customer_gstin: str | None
    place_of_supply: str
    interstate: bool
    total_paise: int
    lines: tuple[DocLine, ...]
    original_id: int | None = None
    original_number: str = ""
    original_day: date | None = None
    original_total_paise: int = 0
    export_mode: str = ""  # lut | igst for an export (place of supply 96), from its export terms
    shipping_bill: tuple[str, str, date] | None = None  # (port code, number, date) once proof is recorded

    @property
    def is_export(self) -> bool:
        return self.place_of_supply == OTHER_COUNTRY

    @property
    def export_type(self) -> str:
        """GSTR-1's ``exp_typ``: WOPAY under an LUT, WPAY with IGST paid ('' for a sale at home)."""
        if not self.is_export:
            return ""
        if self.export_mode:
            return "WOPAY" if self.export_mode == "lut" else "WPAY"
        return "WPAY" if self.split.igst_paise else "WOPAY"

    @property
    def cancelled(self) -> bool:
        return self.status == "cancelled"

    @property
    def is_credit_note(self) -> bool:
        return self.kind == "return"

    @property
    def is_debit_note(self) -> bool:
        """A debit note on one of the shop's invoices (a price rise after the sale): it adds to the period."""
        return self.kind == "debit"

    @property
    def is_note(self) -> bool:
        return self.is_credit_note or self.is_debit_note

    @property
    def b2b(self) -> bool:
        return bool(self.customer_gstin)

    @property
    def split(self) -> TaxSplit:
        return sum_splits(line.split for line in self.lines)


@dataclass(frozen=True, slots=True, kw_only=True)
class IssuedDoc:
    """A numbered document that is not an order: the day's consolidated tax invoice."""

    number: str
    day: date


@dataclass(frozen=True, slots=True, kw_only=True)
class PurchaseBill:
    """A supplier's tax invoice the shop received: the source of input tax credit."""

    bill_id: int
    supplier_name: str
    supplier_gstin: str | None
    number: str
    day: date
    split: TaxSplit
    rate_splits: tuple[tuple[int, TaxSplit], ...] = field(default=())


def sum_splits(splits) -> TaxSplit:
    t = c = s = i = x = 0
    for part in splits:
        t += part.taxable_paise
        c += part.cgst_paise
        s += part.sgst_paise
        i += part.igst_paise
        x += part.cess_paise
    return TaxSplit(t, c, s, i, x)


def negate(split: TaxSplit) -> TaxSplit:
    return TaxSplit(-split.taxable_paise, -split.cgst_paise, -split.sgst_paise, -split.igst_paise,
                    -split.cess_paise)


def signed(doc: OutwardDoc, split: TaxSplit) -> TaxSplit:
    """A credit note's amounts count against the period's sales."""
    return negate(split) if doc.is_credit_note else split


def counted(docs) -> list[OutwardDoc]:
    """The documents whose amounts a return reports: not cancelled."""
    return [d for d in docs if not d.cancelled]
