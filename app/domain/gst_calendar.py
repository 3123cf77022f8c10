"""The compliance calendar: which return or renewal is due when, for this shop's scheme and state.

Due dates as the law sets them (sources in ``docs/gst-returns.md``); the government often extends
them by notification, which the calendar does not know about:

- regular, monthly: GSTR-1 on the 11th and GSTR-3B on the 20th of the next month;
- regular, quarterly (QRMP): IFF (optional) on the 13th and PMT-06 (tax payment) on the 25th after
  each of the first two months; GSTR-1 on the 13th and GSTR-3B on the 22nd or the 24th after the
  quarter, by the state of registration (Rule 61(5) proviso / Notification 82/2020-CT);
- composition: CMP-08 on the 18th after each quarter, GSTR-4 on 30 June after the financial year
  (Rule 62 as amended by Notification 12/2024-CT, from FY 2024-25; it was 30 April before);
- a shop that exports: the LUT (RFD-11) before the financial year starts, the IEC update from 1 April
  to 30 June every year.

Reminders come a few days before each date, and once only: :func:`due_reminders` leaves out the keys
already sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from app.domain.gst_returns import month_period, quarter_period

__all__ = [
    "FORMS", "LEAD_DAYS", "QRMP_22ND_STATES", "CalendarProfile", "DueDate", "due_dates", "due_reminders",
    "qrmp_3b_day",
]

# States whose QRMP GSTR-3B is due on the 22nd; every other state and UT files by the 24th.
# Chhattisgarh, MP, Gujarat, Daman and Diu, DNH and DD, Maharashtra, Karnataka, Goa, Lakshadweep,
# Kerala, Tamil Nadu, Puducherry, Andaman and Nicobar, Telangana, Andhra Pradesh (old and new codes).
QRMP_22ND_STATES = frozenset({"22", "23", "24", "25", "26", "27", "28", "29", "30", "31", "32", "33", "34",
                              "35", "36", "37"})

FORMS = ("GSTR-1", "IFF", "GSTR-3B", "PMT-06", "CMP-08", "GSTR-4", "LUT", "IEC")
# How many days ahead the reminder comes
LEAD_DAYS = {"GSTR-1": 5, "IFF": 5, "GSTR-3B": 5, "PMT-06": 5, "CMP-08": 7, "GSTR-4": 15, "LUT": 20, "IEC": 30}


@dataclass(frozen=True, slots=True)
class CalendarProfile:
    scheme: str  # regular | composition | unregistered
    quarterly: bool  # QRMP (regular shops up to ₹5 crore)
    state_code: str
    exports: bool = False


@dataclass(frozen=True, slots=True)
class DueDate:
    form: str
    period: str  # '2026-11', '2026-Q3', FY '2026-27', or the year for the IEC
    due: date
    optional: bool = False

    @property
    def key(self) -> str:
        return f"{self.form}:{self.period}"

    @property
    def remind_on(self) -> date:
        return self.due - timedelta(days=LEAD_DAYS[self.form])


def qrmp_3b_day(state_code: str) -> int:
    return 22 if state_code in QRMP_22ND_STATES else 24


def _next_month(year: int, month: int, day: int) -> date:
    return date(year + month // 12, month % 12 + 1, day)


def _for_month(profile: CalendarProfile, year: int, month: int) -> list[DueDate]:
    """Dates that fall due because of the month ``year-month``."""
    out: list[DueDate] = []
    label = month_period(year, month).label
    quarter_end = month % 3 == 0
    q_label = quarter_period(year, (month - 1) // 3 + 1).label
    if profile.scheme == "regular":
        if not profile.quarterly:
            out += [DueDate("GSTR-1", label, _next_month(year, month, 11)),
                    DueDate("GSTR-3B", label, _next_month(year, month, 20))]
        elif quarter_end:
            out += [DueDate("GSTR-1", q_label, _next_month(year, month, 13)),
                    DueDate("GSTR-3B", q_label, _next_month(year, month, qrmp_3b_day(profile.state_code)))]
        else:
            out += [DueDate("IFF", label, _next_month(year, month, 13), optional=True),
                    DueDate("PMT-06", label, _next_month(year, month, 25))]
    elif profile.scheme == "composition":
        if quarter_end:
            out.append(DueDate("CMP-08", q_label, _next_month(year, month, 18)))
        if month == 3:
            out.append(DueDate("GSTR-4", f"{year - 1}-{year % 100:02d}", date(year, 6, 30)))
    if profile.exports:
        if month == 3:
            out.append(DueDate("LUT", f"{year}-{(year + 1) % 100:02d}", date(year, 3, 31)))
        if month == 6:
            out.append(DueDate("IEC", str(year), date(year, 6, 30)))
    return out


def due_dates(profile: CalendarProfile, start: date, end: date) -> list[DueDate]:
    """Every date falling due from ``start`` to ``end`` (inclusive), in date order."""
    out: list[DueDate] = []
    year, month = start.year - 1, start.month  # a month's returns fall due at most ~13 months later
    while (year, month) <= (end.year, end.month):
        out += [d for d in _for_month(profile, year, month) if start <= d.due <= end]
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return sorted(out, key=lambda d: (d.due, FORMS.index(d.form)))


def due_reminders(profile: CalendarProfile, today: date, sent: set[str] | frozenset[str]) -> list[DueDate]:
    """The dates to remind of today: from a few days before the due date until the day before it,
    each only if its key is not among ``sent``."""
    ahead = max(LEAD_DAYS.values())
    return [d for d in due_dates(profile, today + timedelta(days=1), today + timedelta(days=ahead))
            if d.remind_on <= today < d.due and d.key not in sent]
