"""The festival calendar that drives kirana demand: Diwali, Holi, Eid, Raksha Bandhan and more.

Dates come from the ``holidays`` package (lunar dates there are estimates); festivals it does not
list are placed by their fixed distance from one it does (Dhanteras two days before Diwali,
Navratri nine days before Dussehra, Raksha Bandhan a week before Janmashtami, Chhath six days
after Diwali).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

__all__ = ["festival_calendar", "festivals"]

# holidays' English name -> our festival key
_LISTED = {
    "Diwali": "diwali", "Holi": "holi", "Eid al-Fitr": "eid_ul_fitr", "Eid al-Adha": "eid_ul_adha",
    "Dussehra": "dussehra", "Christmas": "christmas", "Janmashtami (Vaishnava)": "janmashtami",
    "Ram Navami": "ram_navami", "Guru Nanak's Birthday": "guru_nanak_jayanti",
    "Maha Shivaratri": "maha_shivaratri",
}
_DERIVED = {  # key: (anchor, days after the anchor)
    "dhanteras": ("diwali", -2), "bhai_dooj": ("diwali", 2), "chhath": ("diwali", 6),
    "navratri": ("dussehra", -9), "raksha_bandhan": ("janmashtami", -7),
}


@lru_cache(maxsize=32)
def festivals(year: int) -> dict[str, date]:
    """{festival key: date} for one calendar year."""
    import holidays  # 0.1-0.2 s: loaded when a calendar is first asked for, not when the window starts

    found: dict[str, date] = {}
    for day, names in holidays.India(years=year).items():
        for name in str(names).split("; "):
            if name in _LISTED:
                found[_LISTED[name]] = day
    for key, (anchor, offset) in _DERIVED.items():
        if anchor in found:
            found[key] = found[anchor] + timedelta(days=offset)
    return found


def festival_calendar(start: date, end: date) -> dict[date, str]:
    """Every festival day between ``start`` and ``end`` inclusive, as {date: key}."""
    days: dict[date, str] = {}
    for year in range(start.year, end.year + 1):
        for key, day in festivals(year).items():
            if start <= day <= end:
                days[day] = key
    return days
