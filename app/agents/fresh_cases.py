"""How many whole cases of a perishable to order: the newsvendor over the shelf life that is left at arrival.

A unit of a perishable that does not sell before it expires is thrown away (it costs its cost); a unit not
stocked loses at most its margin. So the number of cases is the one with the highest expected profit::

    profit(k cases) = price * E[units of the k cases sold before they expire] - cost * k * case

where the units of the new delivery sell after what is left on the shelf when it arrives (oldest first), over
the shelf life they have from the day they arrive. Demand over that window comes from the forecast's mean and
variance (a negative binomial with that mean and variance; Poisson when the variance is no larger than the
mean), so a slow item whose case cannot sell before expiry is not ordered at all unless the margin of what
does sell pays for what is thrown away, and a fast item is ordered in as many cases as pay.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from app.agents.snapshot import Snapshot

__all__ = ["against_next_delivery", "best_cases", "days_out", "expected_sold", "item_floors", "lost_units",
           "order_quantities", "profit"]

_MAX_UNITS = 20_000  # support of the demand distribution; a window of a perishable never sells this many cases


def _survival(mean: float, var: float, top: int) -> np.ndarray:
    """``P(D > j)`` for ``j = 0 .. top - 1`` for a count with this mean and variance."""
    j = np.arange(top, dtype=np.float64)
    if mean <= 0:
        return np.zeros(top)
    if var > mean * 1.0001:  # negative binomial: r = mean² / (var - mean), success p = mean / var
        r = mean * mean / (var - mean)
        p = mean / var
        steps = np.log((j[:-1] + r) / (j[:-1] + 1)) + math.log1p(-p)
        log_pmf = np.concatenate([[r * math.log(p)], r * math.log(p) + np.cumsum(steps)])
    else:  # Poisson
        steps = math.log(mean) - np.log(j[:-1] + 1)
        log_pmf = np.concatenate([[-mean], -mean + np.cumsum(steps)])
    cdf = np.minimum(np.cumsum(np.exp(log_pmf)), 1.0)
    return np.maximum(1.0 - cdf, 0.0)


def expected_sold(mean: float, var: float, ahead: float, qty: float) -> float:
    """Expected units of ``qty`` sold in a window whose demand has this mean and variance, when ``ahead``
    units (what is left on the shelf) sell first: ``E[min(ahead + qty, D)] - E[min(ahead, D)]``."""
    if qty <= 0 or mean <= 0:
        return 0.0
    top = int(min(math.ceil(ahead + qty) + 2, _MAX_UNITS))
    tail = _survival(mean, max(var, 1e-9), top)
    cum = np.concatenate([[0.0], np.cumsum(tail)])  # cum[x] = E[min(x, D)] for whole x

    def e_min(x: float) -> float:
        x = min(max(x, 0.0), top - 1.0)
        lo = math.floor(x)
        return float(cum[lo] + (x - lo) * tail[min(lo, top - 1)])

    return max(e_min(ahead + qty) - e_min(ahead), 0.0)


def profit(mean: float, var: float, ahead: float, qty: float, price_paise: float, cost_paise: float) -> float:
    """Expected paise earned by ``qty`` units over their shelf life: what sells at ``price`` less what all cost."""
    return price_paise * expected_sold(mean, var, ahead, qty) - cost_paise * qty


def against_next_delivery(mean: float, var: float, review_mean: float, review_var: float, ahead: float, qty: float,
                          price_paise: float, cost_paise: float) -> float:
    """Expected paise ``qty`` units earn over ordering them at the next review instead: the margin of what they sell
    before a delivery ordered then could arrive (demand ``review_mean``, ``review_var``), less the cost of what
    they throw away over their shelf life (demand ``mean``, ``var``). A unit that would sell after that delivery
    arrives earns nothing more than that delivery's unit would have, fresher."""
    sold_first = expected_sold(review_mean, review_var, ahead, qty)
    thrown = qty - expected_sold(mean, var, ahead, qty)
    return (price_paise - cost_paise) * sold_first - cost_paise * thrown


def best_cases(*, mean: float, var: float, ahead: float, case: float, least_cases: int, most_cases: int,
               price_paise: float, cost_paise: float, review_mean: float | None = None,
               review_var: float | None = None) -> tuple[int, float]:
    """(cases, expected profit in paise) with the highest expected profit among 0 and ``least_cases`` ..
    ``most_cases`` (units: ``case`` units a case); 0 when no number of cases pays for what it throws away.
    With ``review_mean`` (the demand before a delivery ordered at the next review could arrive) each number of
    cases is judged against ordering at that review (:func:`against_next_delivery`), not against never."""
    best, best_value = 0, 0.0
    for k in range(max(least_cases, 1), max(most_cases, 0) + 1):
        if review_mean is None:
            value = profit(mean, var, ahead, k * case, price_paise, cost_paise)
        else:
            value = against_next_delivery(mean, var, review_mean, review_var if review_var is not None else review_mean,
                                          ahead, k * case, price_paise, cost_paise)
        if value > best_value + 1e-6:
            best, best_value = k, value
    return best, best_value


# --- the seller's floor, item by item ----------------------------------------------------------------------------
# where the seller asked for a fuller shelf than pays (agents.inventory.fresh_service_bp > 0), an item whose own
# shelf closed empty on at least LOST_SHARE of its last LOST_DAYS days (emptied by customers, or empty all day:
# also an item left unstocked because its first case did not pay at the seller's floor) is stocked to at least
# RAISED_FLOOR: its demand is being lost, so what a deeper stock adds is mostly customers served; an item that runs
# out less often keeps the seller's floor, where a deeper stock would mostly be thrown away (twentieth session: 25%
# on every item bought the highway store 1.1 points of fill for 1.8% of its profit, spent on milk it stocked and
# sold out of on a third of the days; the village's milk it left unstocked, 8 a day, came back for ₹0.90 a unit).
# Only goods that keep at most RAISED_MAX_LIFE days: a drink that keeps a month and is out for weeks is out for
# its supplier's stoppage or its case, not for how deep it is stocked (the chemist's drinks, after its supplier's
# three-week stoppage, cost it 0.56% of its profit when raised)
LOST_DAYS = 28
LOST_SHARE = 0.5
RAISED_FLOOR = 0.25
RAISED_MAX_LIFE = 14
# and only on the lines that turn the most customers away, until the customers those lines lost over the LOST_DAYS
# make up RAISED_REACH of the shop's (what it sold and what its lines lost, at each line's own pace): the line that
# lost the most is raised in any case. The raise is for the few lines the seller's floor leaves emptier than the
# rest; where many lines run out, stocking every one deeper buys fill wholesale with waste, which is the "rarely run
# out" choice, not "fuller" (twenty-first session: raised on every line out half the time, the fresh supermarket and
# quick commerce, with 20 to 45 such lines, bought 1.8 and 4.1 points of fill they did not need for 4.5% of their
# profit each; the village's came from one line of milk)
RAISED_REACH = 0.02


def lost_units(snap: Snapshot, pace: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(units each item's customers asked for and did not get over the last :data:`LOST_DAYS` days, units it sold
    there): a day its shelf was empty all day lost a day at the item's pace (its mean over the days of the history
    it was on the shelf, or where there are none the pace it sold at when last on the shelf), a day customers
    emptied it what that pace exceeds what it sold (a line that sells out at its usual pace lost little).
    ``pace``: that pace, where the caller has it already."""
    recent = snap.sales[:, -LOST_DAYS:]
    unknown = np.isnan(recent)
    if pace is None:
        pace = _pace(snap)
    sold = np.where(unknown, 0.0, recent)
    lost = pace * unknown.sum(axis=1)
    if snap.sold_out is not None:
        lost = lost + np.where(snap.sold_out[:, -LOST_DAYS:], np.maximum(pace[:, None] - sold, 0.0), 0.0).sum(axis=1)
    return lost, sold.sum(axis=1)


def _pace(snap: Snapshot) -> np.ndarray:
    """Units a day per item: its mean over the days of the history it was on the shelf, or where there are none
    the pace it sold at when last on the shelf (0 where neither)."""
    known = ~np.isnan(snap.sales)
    days = known.sum(axis=1)
    pace = np.where(known, snap.sales, 0.0).sum(axis=1) / np.maximum(days, 1)
    if snap.prior_rate is not None:
        pace = np.where(days > 0, pace, np.asarray(snap.prior_rate, dtype=np.float64))
    return pace


def item_floors(snap: Snapshot, floor: float) -> np.ndarray:
    """The least critical ratio per item: the seller's ``floor``, raised to :data:`RAISED_FLOOR` on an item that
    keeps at most :data:`RAISED_MAX_LIFE` days and closed empty on at least :data:`LOST_SHARE` of the last
    :data:`LOST_DAYS` days, among those the customers lost to the most, up to :data:`RAISED_REACH` of the shop's
    (0 everywhere when the seller's floor is 0: stocked as far as it pays)."""
    out = np.full(snap.size, float(floor))
    if floor <= 0 or snap.sales.shape[1] == 0:
        return out
    recent = snap.sales[:, -LOST_DAYS:]
    empty = np.isnan(recent)
    if snap.sold_out is not None:
        empty |= snap.sold_out[:, -LOST_DAYS:]
    short = (snap.shelf_life > 0) & (snap.shelf_life <= RAISED_MAX_LIFE)
    candidates = short & (empty.mean(axis=1) >= LOST_SHARE)
    if not candidates.any():
        return out
    pace = _pace(snap)
    lost, sold = lost_units(snap, pace)
    usual = _category_pace(snap, pace, (~np.isnan(recent)).mean(axis=1) >= LOST_SHARE)
    reach = RAISED_REACH * float(lost.sum() + sold.sum())
    taken = 0.0
    for i in sorted(np.nonzero(candidates & (lost > 0))[0], key=lambda i: -lost[i]):
        # judged at its category's usual pace where that is higher: a line out for months is read from the few days
        # it was last on the shelf (the village's milk, 8 a day, read at 2 to 3 from its opening stock's days, no
        # case of 10 paid for at its own pace, and the line that bought the village its fill was never raised)
        if not _raise_can_stock(snap, int(i), max(float(pace[i]), float(usual[i]))):
            continue
        if taken and taken + lost[i] > reach:
            break
        taken += float(lost[i])
        out[i] = max(float(floor), RAISED_FLOOR)
    return out


def _category_pace(snap: Snapshot, pace: np.ndarray, on_shelf: np.ndarray) -> np.ndarray:
    """Per item, the median pace of the lines of its category that were on the shelf (``on_shelf``); 0 where none
    were, or where the snapshot names no categories."""
    categories = getattr(snap, "categories", None)
    out = np.zeros(snap.size)
    if not categories:
        return out
    paces: dict[str, list[float]] = {}
    for j in np.nonzero(on_shelf)[0]:
        paces.setdefault(categories[j], []).append(float(pace[j]))
    median = {category: float(np.median(values)) for category, values in paces.items()}
    return np.array([median.get(category, 0.0) for category in categories])


def _raise_can_stock(snap: Snapshot, i: int, pace: float) -> bool:
    """Would the least order of the item (its usual supplier's, or its cheapest's) pay over its shelf life at
    ``pace`` when judged at :data:`RAISED_FLOOR`? Where it would not, raising it stocks nothing and only takes the
    place of a line it would (twenty-first session: the highway store's milk that no case of 20 pays for in its two
    days, 5 a day unstocked all year, ranked first every day and left its neighbour, which 25% stocks, unraised).
    A snapshot that names no supplier for it is not judged."""
    links = getattr(snap, "links", None)
    if not links or not links.get(i):
        return True
    usual = [link for link in links[i] if link.supplier_id == int(snap.preferred_supplier[i])]
    link = usual[0] if usual else min(links[i], key=lambda link: link.cost_paise)
    case = max(link.case_milli, 1) / 1000
    least = max(-(-link.moq_milli // max(link.case_milli, 1)), 1) * case
    worth = max(float(snap.price[i]), link.cost_paise / (1.0 - RAISED_FLOOR))
    return _pays_over_life(snap, i, pace, least, worth, float(link.cost_paise))


# --- a supplier's order: the perishable lines ------------------------------------------------------------------
# a perishable that does not pay for a case at its forecast is tried again with one case after this many days
# out of stock, and every PROBE_EVERY_DAYS of a longer outage, if the case costs at most PROBE_MAX_PAISE and
# would have paid at the pace it sold at over the history (with no day in stock there: when it was last on the
# shelf; or it never sold at all): with no sales there is nothing to learn from, and demand that came back
# would never be seen (the shock year's dairy after a slow monsoon)
PROBE_AFTER_DAYS = 14
PROBE_EVERY_DAYS = 28
PROBE_MAX_PAISE = 200_000
PROBE_WINDOW_DAYS = 3


def order_quantities(snap: Snapshot, position: np.ndarray, lv: dict, rows: np.ndarray, case: np.ndarray,
                     moq: np.ndarray, unit_cost: np.ndarray, qty: np.ndarray, *,
                     service_floor: float | np.ndarray = 0.0
                     ) -> tuple[np.ndarray, list[int], list[tuple[int, float, float]]]:
    """The perishable lines of an order (milli-units, whole cases): the number of cases with the highest expected
    profit over the shelf life left at arrival, never more than the order-up-to level asked for; none when no
    number of cases pays for what it throws away (the item is left out, or probed with one case after a while
    out of stock). ``service_floor`` (the seller's ``agents.inventory.fresh_service_bp``) is the least critical
    ratio: a unit sold counts at no less than ``cost / (1 - floor)``, so a thin-margin item is stocked as deep as
    one with that margin would be (judged, as every perishable is, against the next review's order), and fill is
    bought with waste (0: as far as it pays).
    Returns (quantities, probed items, [(item, units a case sells before it expires, expected loss in paise)]
    for items left unstocked)."""
    qty = qty.copy()
    probes: list[int] = []
    unstocked: list[tuple[int, float, float]] = []
    for k in np.nonzero((snap.shelf_life[rows] > 0) & (qty > 0))[0]:
        i = int(rows[k])
        if int(position[i]) >= math.ceil(float(lv["rop"][i])) * 1000:  # not below the reorder point in whole units
            # above its reorder point a perishable only joins an order another item of the supplier set off (the
            # can-order rule of app.agents.inventory): for goods that keep that saves an order, but a perishable's
            # case bought then sits on the shelf for days it was not needed, and its own reorder point, a day or
            # two later, orders it fresher. Judged against "never ordered" instead of "ordered when due", the
            # newsvendor above bought those early cases whenever they paid at all (twelfth session: how a truer
            # forecast of the slow items, which set off more orders, cost the fresh shops their waste)
            qty[k] = 0
            continue
        unit = int(case[k]) / 1000
        least = max(-(-int(moq[k]) // int(case[k])), 1)
        mean, var = float(lv["whole_life_mean"][i]), float(lv["whole_life_var"][i])
        ahead = max(int(position[i]) / 1000 - float(lv["demand_lead"][i]), 0.0)
        price, cost = float(snap.price[i]), float(unit_cost[k])
        # what a unit sold counts at: its price, or more where the seller asked for a deeper stock than pays
        floor = float(service_floor[i]) if isinstance(service_floor, np.ndarray) else float(service_floor)
        worth = max(price, cost / (1.0 - min(floor, 0.99))) if floor > 0 else price
        most = max(int(qty[k]) // int(case[k]), least)
        # reviewed every day, an order is judged against the next review's order, not against never: judged alone
        # it counted every unit sold over the shelf life at its margin, though a unit sold after the next delivery
        # could arrive only displaces a fresher one, and stocked the village's milk (9 a day, keeps 4 days, 11%
        # margin) to two days' demand on the evening shelf, a quarter less profit than the best order-up-to level
        # on the same demand (seventeenth session)
        # also where the seller's floor asks for a deeper stock than pays: judged against never, a floor of 12% bought
        # kirana_300 2.0 points of fill for 4.6% of its profit over a year, each dairy unit more sold costing about
        # ₹25, five times its margin (cases bought days early); judged against the next review at the floor's worth
        # it buys only the units that sell before a later delivery could come (nineteenth session)
        review_mean = float(lv["review_mean"][i])
        cases, _value = best_cases(mean=mean, var=var, ahead=ahead, case=unit, least_cases=least,
                                   most_cases=most, price_paise=worth, cost_paise=cost, review_mean=review_mean,
                                   review_var=float(lv["review_var"][i]))
        if not cases and review_mean is not None and ahead < review_mean \
                and profit(mean, var, ahead, least * unit, worth, cost) > 0:
            # the shelf is expected empty before a later delivery could come: waiting a review leaves the same choice
            # then, so the first case is judged against never ordering, by what it earns over its shelf life
            cases = least
        qty[k] = cases * int(case[k])
        if cases:
            continue
        if _probe_due(snap, i, int(position[i])) and least * int(case[k]) * cost / 1000 <= PROBE_MAX_PAISE \
                and _paid_before(snap, i, least * unit, worth, cost):
            qty[k] = least * int(case[k])
            probes.append(i)
            continue
        loss = -profit(mean, var, 0.0, least * unit, price, cost)
        if loss >= 0:  # not only waiting for the shelf to empty: a case does not pay even on an empty shelf
            unstocked.append((i, expected_sold(mean, var, 0.0, least * unit), loss))
    return qty, probes, unstocked


def _paid_before(snap: Snapshot, i: int, units: float, price: float, cost: float) -> bool:
    """Would ``units`` have paid at the pace the item sold at on the days it was in stock in the history, or, with
    no such day, at the pace it sold at when it was last on the shelf before the history (``prior_rate``)? Only
    an item that never sold has no evidence either way: a probe is how the shop learns. Nor has one whose shelf
    customers emptied on every day it was there: what sold is only a floor on its pace (thirteenth session).

    Without the second reading every item out through the whole history was probed every few months, and a slow
    one threw most of each case away each time (on ``hill_town_monsoon`` over 365 days the agents lost about
    ₹10,000 on the dairy items the textbook (s,S) never stocks, item by item)."""
    seen = ~np.isnan(snap.sales[i])
    if seen.any():
        if snap.sold_out is not None and snap.sold_out[i][seen].all():
            return True  # every day it was on the shelf customers emptied it: demand was more, by how much unknown
        pace = float(snap.sales[i][seen].mean())
    elif snap.prior_rate is not None and snap.prior_rate[i] > 0:
        pace = float(snap.prior_rate[i])
    else:
        return True
    return _pays_over_life(snap, i, pace, units, price, cost)


def _pays_over_life(snap: Snapshot, i: int, pace: float, units: float, price: float, cost: float) -> bool:
    """Would ``units`` of item ``i`` pay at ``price`` if it sold ``pace`` a day, its shelf life's demand taken as
    known (mean and variance both that demand: a Poisson reading)?"""
    life = pace * max(int(snap.shelf_life[i]), 1)
    return profit(life, life, 0.0, units, price, cost) > 0


def days_out(snap: Snapshot, i: int) -> int:
    """Days in a row, up to yesterday, that closed with the item out of stock (unknown sales)."""
    row = snap.sales[i]
    known = np.nonzero(~np.isnan(row))[0]
    return int(row.size - 1 - known[-1]) if known.size else int(row.size)


def _probe_due(snap: Snapshot, i: int, position: int) -> bool:
    if position > 0 or snap.on_hand[i] > 0:
        return False
    days = days_out(snap, i)
    if days < PROBE_AFTER_DAYS:
        return False
    # a few days' window, so a PC that was off on the day does not skip a probe; what is on order then stops
    # a second one. Beyond the history's length the streak no longer grows: the calendar takes over.
    step = days - PROBE_AFTER_DAYS if days < snap.history_days else snap.today.toordinal()
    return step % PROBE_EVERY_DAYS < PROBE_WINDOW_DAYS
