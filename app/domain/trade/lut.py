"""The Letter of Undertaking and its 3-month rule (CGST Rule 96A).

- An LUT (form GST RFD-11) is furnished for one financial year; a new one is needed for each year before
  the first export under it (Rule 96A(1); the calendar reminds of it before 1 April).
- Goods exported under an LUT must leave India within three months of the export invoice's date (or a
  longer time the Commissioner allows); if they do not, the exporter pays the IGST with interest within
  15 days after the three months (Rule 96A(1)(a)). Proof of export is the shipping bill, the postal bill
  of export or the courier's CSB-V with its number and date.
- Reminders for each open export: 30 and 7 days before its deadline, each once (keys ``EXPORT:<invoice>:30``).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["EXPORT_LEAD_DAYS", "EXPORT_MONTHS", "OpenExport", "export_deadline", "export_reminders", "pay_by"]

EXPORT_MONTHS = 3
PAY_WITHIN_DAYS = 15
EXPORT_LEAD_DAYS = (30, 7)


def export_deadline(invoice_day: date) -> date:
    """Three months from the invoice's date: 30 Nov -> 28 Feb (or 29), 15 Jan -> 15 Apr."""
    month = invoice_day.month - 1 + EXPORT_MONTHS
    year, month = invoice_day.year + month // 12, month % 12 + 1
    return date(year, month, min(invoice_day.day, calendar.monthrange(year, month)[1]))


def pay_by(invoice_day: date) -> date:
    """If the goods have not left by the deadline: the last day to pay the IGST with interest."""
    return export_deadline(invoice_day) + timedelta(days=PAY_WITHIN_DAYS)


@dataclass(frozen=True, slots=True, kw_only=True)
class OpenExport:
    """An export invoice under the LUT and where its proof of export stands."""

    order_id: int
    invoice_no: str
    invoice_day: date
    igst_due_paise: int  # the IGST the shop would owe at the goods' rates if they are not exported in time
    proof_no: str | None = None
    proof_on: date | None = None

    @property
    def deadline(self) -> date:
        return export_deadline(self.invoice_day)

    def state(self, today: date) -> str:
        """'proved' (exported on time), 'late' (exported after the deadline), 'open', or 'overdue'."""
        if self.proof_on is not None:
            return "proved" if self.proof_on <= self.deadline else "late"
        return "open" if today <= self.deadline else "overdue"

    def days_left(self, today: date) -> int:
        return (self.deadline - today).days


def export_reminders(exports: list[OpenExport], today: date, sent: frozenset[str] | set[str]) -> list[
        tuple[str, OpenExport]]:
    """(key, export) for each open export whose reminder falls due today and was not sent before."""
    due = []
    for item in exports:
        if item.proof_on is not None or today > item.deadline:
            continue
        left = item.days_left(today)
        leads = [lead for lead in EXPORT_LEAD_DAYS if left <= lead]
        if leads:  # the nearest lead only: a PC off for weeks gives one reminder, not two in a row
            key = f"EXPORT:{item.invoice_no}:{min(leads)}"
            if key not in sent:
                due.append((key, item))
    return due
