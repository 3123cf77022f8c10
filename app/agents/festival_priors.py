"""What the agents assume about festival demand before they have learnt it from the shop's own sales.

Generic kirana knowledge, deliberately rough: for each festival, the days before it (the festival day
included) when shoppers stock up, and how much more of each category sells then. The engine learns each
shop's own lift per (festival, category) after the festival has passed (belief ``festival_lift``) and
uses that from then on. Categories are the codes of ``resources/data/categories.csv``.
"""

from __future__ import annotations

from datetime import date, timedelta

from app.domain.festivals import festival_calendar

# festival -> (days of shopping up to and including the day, {category: lift})
PRIORS: dict[str, tuple[int, dict[str, float]]] = {
    "diwali": (10, {"dry_fruits": 2.2, "confectionery": 2.0, "oils": 1.5, "sugar": 1.5, "snacks": 1.5,
                    "home_needs": 1.7, "household": 1.4, "biscuits": 1.3, "beverages": 1.2, "staples": 1.15}),
    "holi": (4, {"beverages": 1.5, "snacks": 1.4, "confectionery": 1.3, "sugar": 1.2, "dairy": 1.2}),
    "raksha_bandhan": (4, {"confectionery": 1.7, "dry_fruits": 1.4}),
    "eid_ul_fitr": (6, {"dry_fruits": 1.7, "sugar": 1.3, "dairy": 1.3, "instant": 1.2, "staples": 1.15}),
    "eid_ul_adha": (4, {"staples": 1.15, "spices": 1.2}),
    "navratri": (5, {"staples": 1.15, "dry_fruits": 1.2, "dairy": 1.15}),
    "dussehra": (3, {"confectionery": 1.3}),
    "christmas": (4, {"biscuits": 1.3, "confectionery": 1.3}),
    "janmashtami": (2, {"dairy": 1.3, "confectionery": 1.2}),
}


def windows(start: date, end: date) -> list[tuple[str, date, date]]:
    """(festival, first shopping day, festival day) for festivals whose shopping overlaps [start, end]."""
    found = []
    for day, key in sorted(festival_calendar(start, end + timedelta(days=15)).items()):
        if key not in PRIORS:
            continue
        first = day - timedelta(days=PRIORS[key][0] - 1)
        if first <= end and day >= start:
            found.append((key, first, day))
    return found
