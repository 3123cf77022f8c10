"""Periods as the seller names them, turned into dates: "kal" is yesterday, "pichle hafte" the week before
this one (weeks start on Monday), "this Diwali" the run-up to Diwali for a goal and the festival week for a
report (the shop's busiest), "last 7 days" the seven days up to today."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from app.assistant.phrases import Phrase, tr
from app.domain.festivals import festivals

LABELS: dict[str, Phrase] = {
    "today": tr("today", "aaj"),
    "yesterday": tr("yesterday", "kal"),
    "day_before_yesterday": tr("the day before yesterday", "parso"),
    "this_week": tr("this week", "is hafte"),
    "last_week": tr("last week", "pichle hafte"),
    "next_week": tr("next week", "agle hafte"),
    "this_month": tr("this month", "is mahine"),
    "last_month": tr("last month", "pichle mahine"),
    "next_month": tr("next month", "agle mahine"),
    "this_quarter": tr("this quarter", "is timahi"),
    "last_quarter": tr("last quarter", "pichli timahi"),
    "this_year": tr("this year", "is saal"),
    "last_year": tr("last year", "pichle saal"),
    "diwali": tr("Diwali", "Diwali"),
    "dhanteras": tr("Dhanteras", "Dhanteras"),
    "holi": tr("Holi", "Holi"),
    "raksha_bandhan": tr("Raksha Bandhan", "Rakhi"),
    "eid_ul_fitr": tr("Eid", "Eid"),
    "navratri": tr("Navratri", "Navratri"),
    "dussehra": tr("Dussehra", "Dussehra"),
    "christmas": tr("Christmas", "Christmas"),
    "chhath": tr("Chhath", "Chhath"),
}
LAST_DAYS = tr("the last {n} days", "pichle {n} din")
_LAST_N = re.compile(r"^last_(\d+)_days$")


@dataclass(frozen=True)
class Span:
    key: str
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def label(self, lang: str) -> str:
        match = _LAST_N.match(self.key)
        if match:
            return LAST_DAYS.say(lang, n=int(match.group(1)))
        phrase = LABELS.get(self.key)
        return phrase.text(lang) if phrase else f"{self.start:%d %b} – {self.end:%d %b}"

    def previous(self) -> Span:
        """The span just before, of the same length (to compare with)."""
        if self.key == "this_month" or self.key == "last_month":
            end = self.start - timedelta(days=1)
            return Span("previous", end.replace(day=1), min(end, end.replace(day=1) + timedelta(days=self.days - 1)))
        return Span("previous", self.start - timedelta(days=self.days), self.start - timedelta(days=1))


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def _quarter_start(day: date) -> date:
    """The first day of the calendar quarter (January, April, July, October: GST's quarters too)."""
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def festival_day(key: str, today: date, *, upcoming: bool) -> date | None:
    """The festival's date this year or next (upcoming), or this year or last (past)."""
    for year in ((today.year, today.year + 1) if upcoming else (today.year, today.year - 1)):
        day = festivals(year).get(key)
        if day is not None and ((day >= today) if upcoming else (day <= today + timedelta(days=1))):
            return day
    return None


def report_span(key: str | None, today: date) -> Span:
    """The days a report covers (up to today, never in the future)."""
    key = key or "today"
    match = _LAST_N.match(key)
    if match:
        n = max(1, min(int(match.group(1)), 3660))
        return Span(key, today - timedelta(days=n - 1), today)
    monday = today - timedelta(days=today.weekday())
    if key == "yesterday":
        return Span(key, today - timedelta(days=1), today - timedelta(days=1))
    if key == "day_before_yesterday":
        return Span(key, today - timedelta(days=2), today - timedelta(days=2))
    if key in ("this_week", "next_week"):
        return Span("this_week", monday, today)
    if key == "last_week":
        return Span(key, monday - timedelta(days=7), monday - timedelta(days=1))
    if key in ("this_month", "next_month"):
        return Span("this_month", _month_start(today), today)
    if key == "last_month":
        end = _month_start(today) - timedelta(days=1)
        return Span(key, _month_start(end), end)
    if key == "this_quarter":
        return Span(key, _quarter_start(today), today)
    if key == "last_quarter":
        end = _quarter_start(today) - timedelta(days=1)
        return Span(key, _quarter_start(end), end)
    if key == "this_year":
        return Span(key, date(today.year, 1, 1), today)
    if key == "last_year":
        return Span(key, date(today.year - 1, 1, 1), date(today.year - 1, 12, 31))
    day = festival_day(key, today, upcoming=False)
    if day is not None:  # the festival week: the week before it and the day itself
        return Span(key, day - timedelta(days=7), min(day, today))
    return Span("today", today, today)


def goal_span(key: str | None, today: date) -> Span:
    """The days a goal runs (from today; a festival goal runs up to the festival)."""
    key = key or "this_month"
    monday = today - timedelta(days=today.weekday())
    match = _LAST_N.match(key)
    if match:
        return Span(key, today, today + timedelta(days=int(match.group(1)) - 1))
    if key in ("today", "yesterday", "day_before_yesterday"):
        return Span("today", today, today)
    if key == "this_week":
        return Span(key, today, monday + timedelta(days=6))
    if key == "next_week":
        return Span(key, monday + timedelta(days=7), monday + timedelta(days=13))
    if key in ("this_month", "last_month"):
        return Span("this_month", today, _next_month(today) - timedelta(days=1))
    if key == "next_month":
        start = _next_month(today)
        return Span(key, start, _next_month(start) - timedelta(days=1))
    if key in ("this_quarter", "last_quarter"):
        start = _quarter_start(today)
        return Span("this_quarter", today, _next_month(_next_month(_next_month(start))) - timedelta(days=1))
    if key in ("this_year", "last_year"):
        return Span("this_year", today, date(today.year, 12, 31))
    day = festival_day(key, today, upcoming=True)
    if day is not None:
        return Span(key, today, day)
    return Span("this_month", today, _next_month(today) - timedelta(days=1))
