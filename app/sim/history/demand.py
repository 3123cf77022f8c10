"""How many customers come on a day and what they reach for: the demo's demand model.

Pure functions of the date (and a seeded generator for the noise). The shape a kirana owner
recognises: Sundays and Saturdays busier; the first week of the month (salary) busier, with monthly
stocking-up of atta, dal and oil; summer for cold drinks, monsoon for mosquito repellents, winter for
tea; and the festivals: Diwali (sweets, dry fruits, ghee, oil, cleaning, puja goods), Holi, Eid
(sevai, dry fruits, milk), Raksha Bandhan (chocolates), Navratri (fasting foods), Chhath (fruit,
jaggery), Christmas (cakes). Uplifts apply to product groups, keyed by category and tag.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from app.domain.festivals import festival_calendar

__all__ = ["Day", "ShopperDemand", "poisson"]

WEEKDAY_BILLS = (0.95, 0.92, 0.95, 0.97, 1.03, 1.12, 1.16)  # Monday .. Sunday
MONTHLY_SHOPPING = ("staples", "loose", "oils", "sugar")  # bought in bulk after the salary comes


@dataclass(frozen=True, slots=True)
class Effect:
    """A festival's pull on demand from ``before`` days ahead to ``after`` days later."""

    before: int
    after: int
    bills: float  # the peak multiplier on the number of customers
    keys: dict[str, float] = field(default_factory=dict)  # category or tag -> peak multiplier
    flat: bool = False  # the same pull on every day of the window (Navratri), instead of a ramp


FESTIVAL_EFFECTS: dict[str, Effect] = {
    "diwali": Effect(-14, 0, 1.35, {
        "confectionery": 2.2, "sweets": 3.0, "gift": 6.0, "dry_fruits": 4.0, "ghee": 2.5, "oils": 1.6,
        "sugar": 1.5, "sweets_base": 1.8, "snacks": 1.7, "biscuits": 1.3, "household": 1.5, "cleaning": 1.6,
        "home_needs": 1.8, "puja": 3.0, "diwali_lights": 6.0, "beverages": 1.2, "staples": 1.2}),
    "holi": Effect(-4, 0, 1.25, {
        "snacks": 1.8, "namkeen": 1.5, "cold_drink": 1.6, "sweets": 2.0, "confectionery": 1.4, "milk": 1.4,
        "sugar": 1.3}),
    "eid_ul_fitr": Effect(-5, 0, 1.2, {
        "sevai": 6.0, "dry_fruits": 2.5, "milk": 1.5, "sugar": 1.4, "ghee": 1.5, "sweets_base": 1.5}),
    "eid_ul_adha": Effect(-3, 0, 1.1, {"sevai": 2.5, "dry_fruits": 1.6, "oils": 1.2}),
    "raksha_bandhan": Effect(-6, 0, 1.15, {"chocolate": 3.0, "gift": 4.0, "sweets": 2.0}),
    "navratri": Effect(0, 8, 1.1, {"fasting": 4.0, "fruit": 1.6, "ghee": 1.3, "puja": 1.8, "milk": 1.2},
                       flat=True),
    "dussehra": Effect(-1, 0, 1.1, {"sweets": 1.5, "puja": 1.5}),
    "chhath": Effect(-3, 0, 1.1, {"fruit": 2.5, "jaggery": 2.5, "sugar": 1.4, "ghee": 1.5, "puja": 2.0}),
    "christmas": Effect(-6, 0, 1.05, {"cake": 5.0, "chocolate": 1.8, "gift": 1.5}),
    "janmashtami": Effect(-1, 0, 1.05, {"milk": 1.5, "sweets": 1.3, "dairy": 1.3}),
    "maha_shivaratri": Effect(-1, 0, 1.05, {"fasting": 2.5, "milk": 1.5, "fruit": 1.3}),
    "ram_navami": Effect(-1, 0, 1.0, {"puja": 1.5, "fasting": 1.5}),
}

SEASON: dict[str, dict[int, float]] = {  # key -> {month: multiplier}
    "cold_drink": {1: .7, 2: .85, 3: 1.25, 4: 1.7, 5: 1.9, 6: 1.35, 7: .95, 8: .9, 9: .95, 10: 1.0, 11: .8, 12: .7},
    "summer": {1: .6, 2: .75, 3: 1.3, 4: 1.9, 5: 2.1, 6: 1.4, 11: .7, 12: .6},
    "winter": {11: 1.15, 12: 1.3, 1: 1.3, 2: 1.1, 4: .85, 5: .8, 6: .85},
    "monsoon": {1: .6, 2: .6, 3: .6, 6: 1.5, 7: 2.0, 8: 2.0, 9: 1.7, 10: 1.2, 12: .6},
    "dry_fruits": {11: 1.15, 12: 1.25, 1: 1.25, 5: .85},
}


@dataclass(frozen=True, slots=True)
class Day:
    """One simulated day: how busy it is and which product groups are pulled up or down."""

    day: date
    open: bool
    bills_mean: float
    keys: dict[str, float]  # category or tag -> multiplier (absent = 1)
    festive: float = 1.0  # the part of the bills multiplier that festivals account for
    festival: str = ""
    note: str = ""


class ShopperDemand:
    """The demo's customers: how busy each day is and which product groups they reach for (not a
    forecast: the agents' estimate of demand is :class:`app.agents.demand.DemandForecaster`)."""

    def __init__(self, start: date, end: date, *, base_bills: float, seed: int) -> None:
        self.start, self.end = start, end
        self.base_bills = base_bills
        # festivals a little outside the window still pull the first and last days
        self.festivals = festival_calendar(start - timedelta(days=20), end + timedelta(days=20))
        self._described: dict[date, Day] = {}
        self._outlooks: dict[tuple, float] = {}
        rng = random.Random(f"tavyonix-demo:{seed}:calendar")
        span = max(1, (end - start).days)
        self.closed: dict[date, str] = {}
        self.shocks: dict[date, tuple[float, str]] = {}
        for fday, key in self.festivals.items():
            if key == "diwali":  # most kiranas shut the day after Diwali (Padwa)
                self.closed[fday + timedelta(days=1)] = "padwa"
        for _ in range(max(0, round(span / 365 * 2))):  # a family function now and then
            self.closed.setdefault(start + timedelta(days=rng.randrange(span)), "family")
        for offset in range(span + 1):
            roll = rng.random()
            if roll < 0.012:
                self.shocks[start + timedelta(days=offset)] = (0.45, "heavy rain")
            elif roll < 0.02:
                self.shocks[start + timedelta(days=offset)] = (1.3, "local fair")
        self.noise = [math.exp(rng.gauss(0, 0.07)) for _ in range(span + 1)]

    def years_in(self, day: date) -> float:
        return (day - self.start).days / 365.0

    def describe(self, day: date) -> Day:
        found = self._described.get(day)
        if found is None:
            found = self._described[day] = self._describe(day)
        return found

    def _describe(self, day: date) -> Day:
        if day in self.closed:
            return Day(day, False, 0.0, {}, note=self.closed[day])
        keys: dict[str, float] = {}
        bills = self.base_bills * (1 + 0.07 * self.years_in(day)) * WEEKDAY_BILLS[day.weekday()]
        bills *= 1.08 if day.day <= 5 else 1.03 if day.day <= 10 else 0.96 if day.day >= 26 else 1.0
        if day.day <= 7:
            for key in MONTHLY_SHOPPING:
                keys[key] = 1.35
        elif day.day >= 25:
            for key in MONTHLY_SHOPPING:
                keys[key] = 0.9
        for key, months in SEASON.items():
            if day.month in months:
                keys[key] = keys.get(key, 1.0) * months[day.month]
        festival, festive = "", 1.0
        for fday, name in self.festivals.items():
            effect = FESTIVAL_EFFECTS.get(name)
            if effect is None:
                continue
            offset = (day - fday).days
            if not effect.before <= offset <= effect.after:
                continue
            strength = 1.0 if effect.flat or offset == 0 else (
                (offset - effect.before + 1) / (1 - effect.before) if offset < 0 else 0.3)
            festive *= 1 + (effect.bills - 1) * strength
            for key, mult in effect.keys.items():
                keys[key] = keys.get(key, 1.0) * (1 + (mult - 1) * strength)
            if offset == 0:
                festival = name
        if festival == "holi":  # colours in the morning: the shutters stay down till afternoon
            bills *= 0.55
        elif festival == "diwali":  # puja in the evening
            bills *= 0.85
        bills *= festive
        note = ""
        if day in self.shocks:
            mult, note = self.shocks[day]
            bills *= mult
        offset = (day - self.start).days
        bills *= self.noise[offset] if 0 <= offset < len(self.noise) else 1.0
        return Day(day, True, bills, keys, festive=festive, festival=festival, note=note)

    def group_multiplier(self, day: Day, category: str, tags: tuple[str, ...]) -> float:
        mult = day.keys.get(category, 1.0)
        for tag in tags:
            mult *= day.keys.get(tag, 1.0)
        return mult

    def outlook(self, day: date, horizon: int, category: str, tags: tuple[str, ...]) -> float:
        """How much more than usual a group will sell over the next ``horizon`` days (at least 1): what
        the owner stocks up for before a festival. Ordinary ups and downs are left to the recent average."""
        memo = (day, horizon, category, tags)
        found = self._outlooks.get(memo)
        if found is None:
            total = 0.0
            for ahead in range(1, horizon + 1):
                described = self.describe(day + timedelta(days=ahead))
                if described.open:
                    total += self.group_multiplier(described, category, tags) * described.festive
            found = self._outlooks[memo] = max(1.0, total / max(1, horizon))
        return found


def poisson(rng: random.Random, mean: float) -> int:
    """A Poisson draw (Knuth for small means, a rounded normal for large ones)."""
    if mean <= 0:
        return 0
    if mean > 30:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, k, p = math.exp(-mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1
