"""Demand per item and day over the coming weeks, with its spread: what inventory and pricing plan on.

Forecasts come from :func:`app.ml.forecast.forecast` (demand classes, Croston/TSB for intermittent items,
backtested choice, p10/p90). Items sold on fewer than ``ML_MIN_SALE_DAYS`` known days of the history are
too sparse for its backtest; they get a plain rate (units per known day) with a Poisson spread. Days that
closed out of stock are unknown, not zero (see :mod:`app.agents.snapshot`), and so are days sold under a
promotion (``Snapshot.promoted``): a clearance's cheap days are not the demand to stock for.

A forecast is kept for ``refresh_days`` and recomputed sooner when the item's price changed or its sales
drifted out of the forecast's band, so the daily cycle forecasts only what changed. On top of the
forecast the model applies what the engine has learnt and what it knows is coming: the item's forecast
bias, festival lifts (unless the forecaster's own model already saw the calendar), the price now against
the price in the history (a running promotion's price only through its last day, the regular price after),
and planned promotions.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from app.agents import price_model
from app.agents.festival_priors import PRIORS, windows
from app.agents.snapshot import Snapshot
from app.ml.forecast import RegularDates, SeriesHistory, forecast

log = logging.getLogger(__name__)

HORIZON = 35
ML_MIN_SALE_DAYS = 4
RATE_DAYS = 56
# app.ml.forecast names methods per row in O(series²); calls of this size keep that negligible
CHUNK = 256
PROMO_LIFT = 1.3  # extra sales a promoted price brings beyond its price effect, before anything is learnt
Z80 = 2.5631  # p90 - p10 of a normal is 2.563 sigma


@dataclass
class Demand:
    mean: np.ndarray  # (items, HORIZON) expected units per day from today, everything applied
    var: np.ndarray  # variance of each day's units
    festival: np.ndarray  # (items, HORIZON) festival multiplier applied
    method: list[str]
    festival_days: list[tuple[str, date, date]]  # festival windows in the horizon

    def total(self, i: int, days: int) -> float:
        return float(self.mean[i, :days].sum())


@dataclass
class _Cached:
    computed_on: date
    mean: np.ndarray
    var: np.ndarray
    method: str
    price: int
    sold_out_share: float = 0.0  # share of the known days that sold out, where they were read at their demand


class DemandForecaster:
    """Forecasts per item, cached between cycles (one instance lives as long as the engine): what the
    agents expect to sell, not the simulated shoppers of :mod:`app.sim`."""

    def __init__(self, *, horizon: int = HORIZON, refresh_days: int = 7, use_model: bool = True) -> None:
        self.horizon = horizon
        self.refresh_days = refresh_days
        self.use_model = use_model
        self._cache: dict[str, _Cached] = {}
        self.last_refreshed = 0
        self.clamped = 0  # forecasts pulled back into the band of recent sales (see _within_band)

    def clear(self) -> None:
        self._cache.clear()

    def demand(self, snap: Snapshot) -> Demand:
        if snap.promoted:  # days sold under a promotion are not demand at the regular price: unknown, as sold-out days
            sales = snap.sales.copy()
            for i, spans in snap.promoted.items():
                for a, b in spans:
                    sales[i, a:b + 1] = np.nan
            snap = dataclasses.replace(snap, sales=sales)
        stale = self._stale(snap)
        self.last_refreshed = len(stale)
        if stale:
            self._refresh(snap, stale)
        n, horizon = snap.size, self.horizon
        # float32: on a 100,000-item shop each of these arrays is 14 MB instead of 28
        mean = np.zeros((n, horizon), dtype=np.float32)
        var = np.zeros((n, horizon), dtype=np.float32)
        methods = []
        for i, sku in enumerate(snap.skus):
            cached = self._cache[sku]
            k = (snap.today - cached.computed_on).days
            mean[i] = _shift(cached.mean, k, horizon)
            var[i] = _shift(cached.var, k, horizon)
            methods.append(cached.method)
        bias = np.array([snap.belief("forecast_bias", sku, 1.0) for sku in snap.skus])
        # the learnt bias (app.agents.learning) sets a forecast against what sold on the days that closed with stock
        # left: for an item that sells out on most days those are its low days, under any forecast of its demand by
        # selection alone, so a bias under 1 would read the history's sold-out days back down to their sales (the
        # village's three fastest dairy items: 1.0 -> 0.5 in 60 days, forecast below main's; sixteenth session).
        # Its evidence of more demand than forecast holds. A bias under 1 is learnt from the share of days that kept
        # stock, so it is held in that share: none where every day sold out, all of it where none did (paneer that
        # stopped selling, one sold-out day in nine).
        share = np.array([self._cache[sku].sold_out_share for sku in snap.skus])
        bias = np.where(bias < 1.0, bias + share * (1.0 - bias), bias)
        mean *= bias[:, None]
        var *= (bias ** 2)[:, None]
        self._price_effect(snap, mean, var)
        festival, festival_days = self._festival(snap, methods)
        mean *= festival
        var *= festival  # twice in place: festival ** 2 would be another n x horizon temporary
        var *= festival
        self._promotions(snap, mean, var)
        np.maximum(var, mean, out=var)
        return Demand(mean=mean, var=var, festival=festival, method=methods,
                      festival_days=festival_days)

    # --- which items to forecast again -----------------------------------------------------
    def _stale(self, snap: Snapshot) -> list[int]:
        out = []
        for i, sku in enumerate(snap.skus):
            cached = self._cache.get(sku)
            if cached is None or cached.price != int(snap.price[i]):
                out.append(i)
                continue
            k = (snap.today - cached.computed_on).days
            if k >= self.refresh_days or k < 0:
                out.append(i)
            elif k > 0:
                actual = snap.sales[i, -k:]
                known = ~np.isnan(actual)
                if known.any():
                    expected = cached.mean[:k][known].sum()
                    spread = np.sqrt(cached.var[:k][known].sum())
                    if abs(float(np.nansum(actual)) - expected) > 3 * spread + 2:
                        out.append(i)
        return out

    def _refresh(self, snap: Snapshot, items: list[int]) -> None:
        demand, spread = unconstrained(snap, items)
        share = _sold_out_share(snap, spread)
        known = ~np.isnan(demand)
        sale_days = ((np.nan_to_num(demand) > 0) & known).sum(axis=1)
        rich = [i for i in items if sale_days[i] >= ML_MIN_SALE_DAYS]
        sparse = [i for i in items if sale_days[i] < ML_MIN_SALE_DAYS]
        for i in sparse:
            window = demand[i, -RATE_DAYS:]
            seen = ~np.isnan(window)
            days = int(seen.sum())
            if days >= 7:
                rate = float(np.nansum(window)) / days
            elif known[i].any():  # pooled with the pace before the history: one day back on the shelf is not a level
                weight = float(snap.prior_days[i]) if snap.prior_days is not None else 0.0
                prior = weight * float(snap.prior_rate[i]) if weight and snap.prior_rate is not None else 0.0
                rate = (float(np.nansum(demand[i])) + prior) / (int(known[i].sum()) + weight)
            else:  # out of stock through the whole history: what it sold when last on the shelf
                rate = float(snap.prior_rate[i]) if snap.prior_rate is not None else 0.0
            self._cache[snap.skus[i]] = _Cached(snap.today, np.full(self.horizon, rate, dtype=np.float32),
                                                np.full(self.horizon, rate, dtype=np.float32),
                                                "rate", int(snap.price[i]), share.get(i, 0.0))
        if rich:
            self._forecast(snap, rich, demand, spread, share)

    def _forecast(self, snap: Snapshot, items: list[int], demand: np.ndarray | None = None,
                  spread: dict[int, float] | None = None, share: dict[int, float] | None = None) -> None:
        """Forecast ``items`` from ``demand`` (the history with sold-out days read at their demand; the snapshot's
        sales when None); an item in ``spread`` keeps at least that negative binomial's variance (see
        :func:`unconstrained`); ``share``: of those, the share of known days that sold out (:meth:`demand`)."""
        demand = snap.sales if demand is None else demand
        spread = spread or {}
        share = share or {}
        days = snap.history_days
        dates = RegularDates(snap.history_start, days, "D")
        end = snap.today - timedelta(days=1)
        for start in range(0, len(items), CHUNK):
            chunk = items[start:start + CHUNK]
            # the price each day's units sold at, chunk by chunk: for the whole shop at once these temporaries
            # alone would take a few hundred MB on a 100,000-item shop
            sold, value = snap.sales[chunk], snap.sold_value[chunk]
            with np.errstate(invalid="ignore", divide="ignore"):
                unit_price = np.where(sold > 0, value / np.maximum(sold, 1e-9) / 100.0, np.nan)
            series = [SeriesHistory(snap.skus[i], dates, demand[i].astype(np.float64),
                                    price=unit_price[pos].astype(np.float64)) for pos, i in enumerate(chunk)]
            try:
                results = forecast(series, self.horizon, "D", end=end, use_model=self.use_model)
            except Exception:  # the forecaster is another room's code: keep the shop running on rates
                log.exception("forecast failed for %d items; using sales rates", len(chunk))
                results = None
            for pos, i in enumerate(chunk):
                sku = snap.skus[i]
                level, recent_var = robust_level(demand[i])
                if results is None:
                    rate = float(np.nanmean(demand[i, -RATE_DAYS:])) if np.isfinite(
                        demand[i, -RATE_DAYS:]).any() else 0.0
                    self._cache[sku] = _Cached(snap.today, np.full(self.horizon, rate, dtype=np.float32),
                                               np.full(self.horizon, rate * 1.5, dtype=np.float32), "rate",
                                               int(snap.price[i]))
                    continue
                res = results[pos]
                mean = np.asarray(res.mean, dtype=np.float64)
                sigma = (np.asarray(res.p90, dtype=np.float64) - np.asarray(res.p10, dtype=np.float64)) / Z80
                mean, var = _within_band(mean, sigma ** 2, level, recent_var)
                if not np.allclose(mean, res.mean):
                    self.clamped += 1
                if i in spread:  # the days read at their demand are means: the spread of a day is the count's
                    var = np.maximum(var, mean + spread[i] * mean ** 2)
                self._cache[sku] = _Cached(snap.today, mean.astype(np.float32), var.astype(np.float32), res.method,
                                           int(snap.price[i]), share.get(i, 0.0))

    # --- what the engine knows beyond the history ---------------------------------------------
    def _price_effect(self, snap: Snapshot, mean: np.ndarray, var: np.ndarray) -> None:
        """Scale each day's demand by its price against the price the recent history was sold at: today's
        price while a running promotion lasts, the regular price it returns to after its last day. Read at
        today's (promoted) price for the whole horizon, a clearance's few days of cheap sales became weeks of
        demand that the inventory agent ordered fresh stock for, which then expired."""
        regular = snap.price.copy()
        ends: dict[int, int] = {}
        for sku, promo in snap.promotions.items():
            i = snap.index.get(sku)
            last = (date.fromisoformat(promo.ends_on) - snap.today).days
            if i is None or promo.regular_price_paise is None or last >= self.horizon - 1:
                continue
            regular[i] = promo.regular_price_paise
            ends[i] = max(last, -1)
        after = self._price_factor(snap, regular)
        mean *= after[:, None]
        var *= (after ** 2)[:, None]
        if not ends:
            return
        rows = np.array(list(ends))
        during = self._price_factor(snap, snap.price)[rows] / np.maximum(after[rows], 1e-9)
        for i, ratio in zip(rows, during, strict=True):
            mean[i, :ends[int(i)] + 1] *= ratio
            var[i, :ends[int(i)] + 1] *= ratio ** 2

    @staticmethod
    def _price_factor(snap: Snapshot, price: np.ndarray) -> np.ndarray:
        """Sales at ``price`` against the price the recent history was sold at."""
        recent_qty = np.nansum(snap.sales[:, -14:], axis=1)
        recent_value = np.nansum(np.where(np.isnan(snap.sales[:, -14:]), 0, snap.sold_value[:, -14:]), axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            recent_price = np.where(recent_qty > 0, recent_value / np.maximum(recent_qty, 1e-9), price)
        elasticity, sensitivity = elasticities(snap)
        factor = price_model.response(price.astype(np.float64), recent_price, elasticity,
                                      snap.competitor.astype(np.float64), sensitivity)
        return np.clip(np.nan_to_num(factor, nan=1.0), 0.2, 5.0)

    def _festival(self, snap: Snapshot, methods: list[str]) -> tuple[np.ndarray, list[tuple[str, date, date]]]:
        lift = np.ones((snap.size, self.horizon), dtype=np.float32)
        found = windows(snap.today, snap.today + timedelta(days=self.horizon - 1))
        if not found:
            return lift, found
        by_category: dict[str, list[int]] = {}
        for i, category in enumerate(snap.categories):
            if methods[i] != "global":  # the forecaster's model already knows the festival calendar
                by_category.setdefault(category, []).append(i)
        for key, first, day in found:
            a = max((first - snap.today).days, 0)
            b = min((day - snap.today).days, self.horizon - 1)
            if b < a:
                continue
            for category, prior in PRIORS[key][1].items():
                members = by_category.get(category)
                if not members:
                    continue
                value = snap.belief("festival_lift", f"{key}:{category}", prior)
                rows = np.array(members)
                lift[rows, a:b + 1] = np.maximum(lift[rows, a:b + 1], value)
        return lift, found

    def _promotions(self, snap: Snapshot, mean: np.ndarray, var: np.ndarray) -> None:
        for promo in snap.planned_promotions:
            i = snap.index.get(promo.sku)
            if i is None:
                continue
            a = max((date.fromisoformat(promo.starts_on) - snap.today).days, 0)
            b = min((date.fromisoformat(promo.ends_on) - snap.today).days, self.horizon - 1)
            if b < a:
                continue
            e, k = elasticities(snap, [i])
            factor = float(price_model.response(np.array([promo.price_paise]), np.array([snap.price[i]]), e,
                                                snap.competitor[[i]].astype(np.float64), k)[0]) * PROMO_LIFT
            mean[i, a:b + 1] *= factor
            var[i, a:b + 1] *= factor ** 2


def elasticities(snap: Snapshot, items: list[int] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(own elasticity, competitor sensitivity) per item: the item's belief, else its category's, else the prior."""
    rows = range(snap.size) if items is None else items
    own, comp = [], []
    for i in rows:
        category = snap.categories[i]
        prior = snap.belief("elasticity", f"cat:{category}", price_model.PRIOR_ELASTICITY)
        own.append(snap.belief("elasticity", snap.skus[i], prior))
        comp.append(snap.belief("competitor_sensitivity", category, price_model.PRIOR_COMPETITOR))
    return np.array(own, dtype=np.float64), np.array(comp, dtype=np.float64)


BAND = (0.6, 1.6)


def robust_level(sales: np.ndarray) -> tuple[float, float]:
    """The item's recent pace (units a day) and the variance of its days, from the days it was in stock:
    the last two weeks count double; with fewer than 5 known days in six weeks, the whole history."""
    recent = sales[-42:]
    known = ~np.isnan(recent)
    if known.sum() < 5:
        everything = sales[~np.isnan(sales)]
        if everything.size == 0:
            return 0.0, 0.0
        return float(everything.mean()), float(everything.var())
    weights = np.where(np.arange(recent.size) >= recent.size - 14, 2.0, 1.0)[known]
    values = recent[known]
    level = float((values * weights).sum() / weights.sum())
    return level, float(values.var())


def _within_band(mean: np.ndarray, var: np.ndarray, level: float, spread: float) -> tuple[np.ndarray, np.ndarray]:
    """Keep a forecast within ``BAND`` of the recent pace, and its variance within three times the recent
    day-to-day variance (never under the mean: counts vary at least like Poisson).

    The forecaster fits on whatever history it gets; a history cut up by stock-out days (unknown, not zero)
    and by short promotions can make a method extrapolate far from anything the shop has seen."""
    if level > 0:
        mean = np.clip(mean, BAND[0] * level, BAND[1] * level)
    var = np.minimum(var, max(3 * spread, 1.5 * float(mean.mean()) if mean.size else 0.0))
    return mean, np.maximum(var, mean)


def _shift(values: np.ndarray, k: int, horizon: int) -> np.ndarray:
    """The forecast made ``k`` days ago, seen from today (its last day repeated past its end)."""
    if k <= 0:
        return values[:horizon]
    if k >= len(values):
        return np.full(horizon, values[-1])
    tail = values[k:]
    return np.concatenate([tail, np.full(horizon - len(tail), values[-1])])


# --- sold-out days of short-life items, read at their demand ------------------------------------------------------
UNCENSOR_MAX_LIFE = 14  # days: the items whose sold-out days are read at their demand
UNCENSOR_HALF_WINDOW = 14  # days either side of a sold-out day whose pace it is read at
UNCENSOR_ROUNDS = 10
UNCENSOR_MIN_SEEN = 1  # days with stock left over in a sold-out day's window for it to be read above its sales
DISPERSION_DEFAULT = 0.25  # a day's variance is mean + this x mean² where the shop's own items cannot tell
DISPERSION_RANGE = (0.02, 1.0)
DISPERSION_MIN_DAYS = 28


def unconstrained(snap: Snapshot, items: list[int]) -> tuple[np.ndarray, dict[int, float]]:
    """The sales history with each sold-out day of the short-life ``items`` read at its expected demand, and the
    dispersion ``k`` (a day's variance: mean + k x mean²) of each item so read.

    A day customers emptied the shelf sold what was there, a lower bound on what they asked for (the snapshot keeps
    it so). For a perishable with a thin margin that is most days: the newsvendor of :mod:`app.agents.fresh_cases`
    stocks the shelf life's demand only to the quantile of its margin share (7% for milk), so the shelf is *meant*
    to empty on most days, and a history of lower bounds reads the item at about its stock. The next order is cut
    to that, the shelf empties sooner, and the reading falls with it, down to one case a day (the dairy town's
    fastest milk forecast at 5 a day over six months while customers asked for 20; sixteenth session).

    The sales are one bill a day here (the simulator's evening; a shop that enters one bill at closing), so when
    in the day the shelf emptied is not known. What is known is the item's pace on the days around (the days with
    stock left over at their count, the sold-out days at their current estimate, over ``UNCENSOR_HALF_WINDOW``
    days either side: a surge is not carried weeks past its end), the shop's weekday pattern, and how the counts
    of the shop's items that never sold out spread about their mean. A sold-out day is then read as
    ``E[D | D >= sold]`` for a negative binomial of that mean and spread, and the pace read again with it (an EM).
    The spread matters as much as the mean: the sixth session's Poisson read a dispersed item low, and a spread
    too narrow would stock a thin margin's low quantile too deep, so the forecast of an item so read keeps at
    least this variance (:meth:`DemandForecaster._forecast`).

    Goods that keep, or keep longer than ``UNCENSOR_MAX_LIFE`` days, are left as they are: their reorder point aims
    at a high service level, so sold-out days are few, and the sixth session's chemist imputed a fever surge's pace
    into the beverages' sold-out days after it."""
    if snap.sold_out is None or not items:
        return snap.sales, {}
    life = snap.shelf_life
    rows = [i for i in items if 0 < int(life[i]) <= UNCENSOR_MAX_LIFE
            and (snap.sold_out[i] & ~np.isnan(snap.sales[i])).any()]
    if not rows:
        return snap.sales, {}
    days = snap.history_days
    weekday = (np.arange(days) + snap.history_start.weekday()) % 7
    factors = weekday_factors(snap.sales, weekday)[weekday]
    k = shop_dispersion(snap.sales, snap.sold_out, factors)
    demand = snap.sales.copy()
    for i in rows:
        demand[i] = read_sold_out(snap.sales[i].astype(np.float64), snap.sold_out[i], factors, k)
    return demand, {i: k for i in rows}


def _sold_out_share(snap: Snapshot, read: dict[int, float]) -> dict[int, float]:
    """Of the items whose sold-out days were read at their demand, the share of their known days that sold out."""
    if snap.sold_out is None:
        return {}
    out = {}
    for i in read:
        known = ~np.isnan(snap.sales[i])
        out[i] = float((snap.sold_out[i] & known).sum()) / max(int(known.sum()), 1)
    return out


def read_sold_out(sales: np.ndarray, sold_out: np.ndarray, factors: np.ndarray, k: float) -> np.ndarray:
    """One item's days (``NaN`` unknown) with its sold-out days read at ``E[D | D >= sold]`` (see
    :func:`unconstrained`); ``factors``: each day's weekday factor."""
    known = ~np.isnan(sales)
    censored = sold_out & known
    if not censored.any():
        return sales
    floor = sales[censored]
    out = sales.copy()
    kernel = np.ones(2 * UNCENSOR_HALF_WINDOW + 1)
    weight = np.convolve(known.astype(np.float64), kernel, mode="same")[censored]
    # a window whose every day sold out says only "more than the stock", by how much nothing: there the EM has no
    # fixed point (each round reads the days higher), so such days stay at what they sold
    seen = np.convolve((known & ~sold_out).astype(np.float64), kernel, mode="same")[censored] >= UNCENSOR_MIN_SEEN
    if not seen.any():
        return sales
    for _ in range(UNCENSOR_ROUNDS):
        level = np.convolve(np.where(known, out / factors, 0.0), kernel, mode="same")[censored] / weight
        new = np.where(seen, at_least(floor, level * factors[censored], k), floor)
        done = np.allclose(new, out[censored], rtol=1e-3, atol=1e-3)
        out[censored] = new
        if done:
            break
    return out


def at_least(floor: np.ndarray, mean: np.ndarray, k: float) -> np.ndarray:
    """``E[D | D >= floor]`` for counts ``D`` with this mean and variance ``mean + k x mean²`` (Poisson at k = 0),
    never under ``floor``."""
    t = np.floor(floor)
    m = np.maximum(mean, 1e-9)
    # E[D | D >= t] = m x P(D' >= t - 1) / P(D >= t), D' the count with one more success (r + 1) for the negative
    # binomial, the same Poisson for k = 0
    r = 1.0 / k if k > 1e-9 else None
    above = _at_least_prob(t, m, r)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = m * _at_least_prob(t - 1, m, None if r is None else r + 1.0, m_is_of=r) / above
    # with the floor far in the tail the ratio is 0/0: the floor is the best reading there
    value = np.where((above > 1e-12) & np.isfinite(value), value, floor)
    return np.maximum(value, floor)


_TAIL_SDS = 40  # a count's probabilities summed this many standard deviations past the floor: the rest is < 1e-18
_MAX_TERMS = 20_000


def _at_least_prob(t: np.ndarray, m: np.ndarray, r: float | None, m_is_of: float | None = None) -> np.ndarray:
    """``P(D >= t)`` for each element: ``D`` Poisson of mean ``m`` (``r`` None), or negative binomial with ``r``
    successes and ``p = s / (s + m)``, ``s`` being ``m_is_of`` when given (the same ``p`` with one more success), else
    ``r``. Summed from the probabilities term by term in numpy (the run-time stack has no scipy): below the floor
    where that side is the smaller, over the tail past it otherwise, so a small tail keeps its digits."""
    t = np.asarray(t, dtype=np.float64)
    out = np.ones(t.shape)
    if not t.size:
        return out
    s = r if m_is_of is None else m_is_of
    if r is None:
        var = m
    else:
        assert s is not None
        p = s / (s + m)
        var = m / p
    top = int(min(max(float(t.max()), 0.0) + _TAIL_SDS * float(np.sqrt(var).max()) + 50.0, _MAX_TERMS))
    j = np.arange(top, dtype=np.float64)
    if r is None:
        log_j_fact = np.concatenate([[0.0], np.cumsum(np.log(np.arange(1, top, dtype=np.float64)))])
        log_pmf = -m[:, None] + j[None, :] * np.log(m)[:, None] - log_j_fact[None, :]
    else:
        steps = np.concatenate([[0.0], np.cumsum(np.log(j[:-1] + r) - np.log(j[:-1] + 1.0))])
        log_pmf = r * np.log(p)[:, None] + steps[None, :] + j[None, :] * np.log1p(-p)[:, None]
    pmf = np.exp(log_pmf)
    below = np.where(j[None, :] < t[:, None], pmf, 0.0).sum(axis=1)
    tail = np.where(j[None, :] >= t[:, None], pmf, 0.0).sum(axis=1)
    out = np.where(below < 0.5, 1.0 - below, tail)
    return np.clip(np.where(t <= 0, 1.0, out), 0.0, 1.0)


def weekday_factors(sales: np.ndarray, weekday: np.ndarray) -> np.ndarray:
    """The shop's demand on each weekday (Monday first) over its average day, from every item's known days."""
    known = ~np.isnan(sales)
    units = np.where(known, sales, 0.0).sum(axis=0)
    count = known.sum(axis=0)
    per_day = np.array([units[weekday == d].sum() / max(count[weekday == d].sum(), 1) for d in range(7)])
    if per_day.mean() <= 0:
        return np.ones(7)
    return np.clip(per_day / per_day.mean(), 0.5, 2.0)


def shop_dispersion(sales: np.ndarray, sold_out: np.ndarray, factors: np.ndarray) -> float:
    """How a day's count spreads about its mean on the shop's items that never sold out over the history and sold
    at least a unit a day: ``k`` of ``variance = mean + k x mean²`` over their known days, pooled (weekday
    pattern taken out); ``DISPERSION_DEFAULT`` where no item qualifies."""
    known = ~np.isnan(sales)
    whole = known.sum(axis=1) >= DISPERSION_MIN_DAYS
    whole &= ~(sold_out & known).any(axis=1)
    rows = np.nonzero(whole)[0]
    if rows.size == 0:
        return DISPERSION_DEFAULT
    values = np.where(known[rows], sales[rows] / factors, np.nan)
    mean = np.nanmean(values, axis=1)
    var = np.nanvar(values, axis=1)
    fast = mean >= 1.0
    if not fast.any():
        return DISPERSION_DEFAULT
    # pooled (a ratio of sums), not a median of each item's: an item's own over 91 days is noisy and skewed
    k = float((var[fast] - mean[fast]).sum() / (mean[fast] ** 2).sum())
    return float(np.clip(k, *DISPERSION_RANGE))
