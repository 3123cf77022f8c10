"""The simulated world around the shop: customers, competitors and suppliers, day by day.

Demand for item ``i`` on day ``t`` (units, drawn gamma-Poisson so days vary more than Poisson)::

    rate = base * (1 + trend * t / 365) * weekday * festival * shock * (p / p_ref) ** e * c(p, C_t) / c(p_ref, C_0)

with ``p_ref`` the reference price (MRP - 5%: the price the base rates were seen at; the shop itself prices at
MRP from the first day, as kiranas do), ``e`` the item's own elasticity and ``c(p, C)`` the
competitor effect: ``(p / C) ** k`` above the competitor's price ``C`` (customers walk to it) and
``(p / C) ** -0.5`` below (a few come over). Demand an empty shelf cannot serve is lost, except a share
that buys a substitute from the same group if it has stock. Every draw comes from a generator keyed by
(seed, day), so all policies meet the same customers (common random numbers). Customers who would have
come at the reference price but not at the shop's price are counted as priced away
(:meth:`Market.demand_and_priced_away`), so a price rise cannot flatter the fill rate.
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

import numpy as np

from app.domain.festivals import festival_calendar
from app.sim.scenario import Scenario

__all__ = ["Market"]

BELOW_COMPETITOR = -0.5
REFERENCE_SHARE = 0.95  # the reference price is MRP - 5%, the price the base rates were seen at


class Market:
    def __init__(self, scenario: Scenario, seed: int) -> None:
        self.scenario = scenario
        self.seed = seed
        items = scenario.items
        self.n = len(items)
        self.categories = scenario.categories
        self.cat_index = np.array([self.categories.index(it.category) for it in items])
        self.base = np.array([it.base_rate for it in items])
        self.trend = np.array([it.trend for it in items])
        self.elasticity = np.array([it.elasticity for it in items])
        self.k = np.array([it.comp_sensitivity for it in items])
        self.mrp = np.array([it.mrp_paise for it in items], dtype=np.float64)
        self.ref_price = np.round(self.mrp * REFERENCE_SHARE / 100) * 100
        self.comp0 = np.round(self.mrp * np.array([it.comp_index for it in items]) / 100) * 100
        self.group = np.array([it.group for it in items])
        self.substitution = np.array([it.substitution for it in items])
        self._festival = self._festival_table()
        self._shocks = self._shock_table()

    # --- calendars -----------------------------------------------------------------------------
    def _days(self) -> tuple[date, int]:
        s = self.scenario
        first = s.start - timedelta(days=s.warmup_days)
        return first, s.warmup_days + s.days

    def day_index(self, day: date) -> int:
        return (day - self.scenario.start).days

    def _festival_table(self) -> dict[date, np.ndarray]:
        first, total = self._days()
        table: dict[date, np.ndarray] = {}
        calendar = festival_calendar(first, first + timedelta(days=total + 30))
        for day, key in calendar.items():
            spec = self.scenario.festivals.get(key)
            if not spec:
                continue
            lift = np.ones(len(self.categories))
            for category, value in spec.get("lift", {}).items():
                if category in self.categories:
                    lift[self.categories.index(category)] = float(value)
            for back in range(int(spec.get("window", 5))):
                d = day - timedelta(days=back)
                table[d] = np.maximum(table.get(d, np.ones(len(self.categories))), lift)
        return table

    def _shock_table(self) -> list[tuple[int, int, np.ndarray, float]]:
        shocks = []
        for shock in self.scenario.shocks:
            cats = shock.get("categories") or self.categories
            mask = np.isin(self.cat_index, [self.categories.index(c) for c in cats if c in self.categories])
            shocks.append((int(shock["from_day"]), int(shock["to_day"]), mask, float(shock["multiplier"])))
        spec = self.scenario.random_shocks
        if spec.get("count"):
            rng = np.random.default_rng([self.seed, 7_777])
            for _k in range(int(spec["count"])):
                start = int(rng.integers(0, self.scenario.days))
                length = int(rng.integers(*spec.get("days", [3, 10])))
                chosen = rng.choice(len(self.categories), size=max(1, len(self.categories) // 4), replace=False)
                low, high = spec.get("multiplier", [0.6, 1.8])
                mult = float(rng.uniform(low, high))
                shocks.append((start, start + length - 1, np.isin(self.cat_index, chosen), mult))
        return shocks

    # --- the day's market ----------------------------------------------------------------------
    def competitor_prices(self, day: date) -> np.ndarray:
        t = self.day_index(day)
        index = self.comp0.copy()
        for move in self.scenario.competitor_moves:
            if int(move["from_day"]) <= t <= int(move["to_day"]):
                cats = move.get("categories") or self.categories
                mask = np.isin(self.cat_index, [self.categories.index(c) for c in cats if c in self.categories])
                moved = np.round(self.mrp * float(move["index"]) / 100) * 100
                index = np.where(mask, np.minimum(index, moved), index)
        return index

    def rates(self, day: date, prices: np.ndarray) -> np.ndarray:
        t = self.day_index(day)
        rate = self.base * np.maximum(1 + self.trend * t / 365, 0.1) * self.scenario.weekday[day.weekday()]
        festival = self._festival.get(day)
        if festival is not None:
            rate = rate * festival[self.cat_index]
        for start, end, mask, mult in self._shocks:
            if start <= t <= end:
                rate = np.where(mask, rate * mult, rate)
        comp = self.competitor_prices(day)
        p = np.asarray(prices, dtype=np.float64)
        effect = (p / self.ref_price) ** self.elasticity * _comp(p, comp, self.k) / _comp(self.ref_price, self.comp0,
                                                                                          self.k)
        return rate * effect

    def demand(self, day: date, prices: np.ndarray) -> np.ndarray:
        """Units each item's customers ask for on ``day`` at ``prices``."""
        return self.demand_and_priced_away(day, prices)[0]

    def demand_and_priced_away(self, day: date, prices: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(units asked for at ``prices``, units that would have been asked for at the reference price but
        were priced away). The customers at the higher of the two rates are drawn first, then thinned to the
        rate at ``prices`` (a thinned Poisson is Poisson), so the priced-away count is exact per day."""
        rng = np.random.default_rng([self.seed, (day - date(2000, 1, 1)).days])
        phi = self.scenario.dispersion
        lam = self.rates(day, prices)
        ref = self.rates(day, self.ref_price)
        high = np.maximum(lam, ref)
        if phi > 0:
            mult = rng.gamma(1 / phi, phi, size=self.n)
            lam, high = lam * mult, high * mult
        everyone = rng.poisson(high)
        with np.errstate(divide="ignore", invalid="ignore"):
            stay = np.where(high > 0, np.minimum(lam / high, 1.0), 1.0)
        asked = rng.binomial(everyone, stay)
        return asked, everyone - asked

    def lead_days(self, supplier_key: str, nominal: int, jitter: int, sent: date) -> int:
        """Days from sending an order to its delivery (jitter and outages included).

        The jitter is drawn for the supplier's truck of the day the order is sent, so orders sent to one supplier on
        one day come together, and two runs that send a supplier an order on the same day get the same delivery day
        (common random numbers). It was drawn from the shop-wide order number, so one order more in a run (a
        campaign's sale, an agent's change) renumbered every later order and threw every later delivery again: the
        noise that session 14 found in the marketing on/off pairs and in the agents' comparisons."""
        digest = hashlib.sha256(f"{self.seed}:{supplier_key}:{sent.isoformat()}".encode()).digest()
        rng = np.random.default_rng(int.from_bytes(digest[:8], "little"))
        days = max(1, nominal + (int(rng.integers(-jitter, jitter + 1)) if jitter else 0))
        spec = next(s for s in self.scenario.suppliers if s.key == supplier_key)
        t_sent = self.day_index(sent)
        arrive = t_sent + days
        for start, end in spec.outages:
            if start <= t_sent <= end:
                arrive = max(arrive, end + nominal)
            elif start <= arrive <= end:
                arrive = end + 1
        return arrive - t_sent


def _comp(price: np.ndarray, comp: np.ndarray, k: np.ndarray) -> np.ndarray:
    ratio = price / np.maximum(comp, 1.0)
    return np.where(ratio > 1, ratio ** k, ratio ** BELOW_COMPETITOR)
