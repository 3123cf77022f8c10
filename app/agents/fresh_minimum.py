"""A perishable supplier's order made up to its minimum with its own perishables (issue 14, eighteenth session).

An order under a supplier's minimum is topped up at the agent (:meth:`InventoryAgent._top_up`) and again when it is
carried out (:mod:`app.agents.order_minimum`) only with goods that keep: a perishable case added "to reach the
minimum" would be bought to be thrown away. When the supplier sells nothing that keeps, nothing can be added, the
order goes to the seller, and when the seller approves it, it is held as under the minimum: never sent. The Pune
chicken centre's pav bakery (four 3-4-day pav, case 1, a ₹500 minimum, the day's order ₹38-488) was asked for on
every day from 15 July and nothing was sent for 259 days, though orders to the minimum pay: made up, 2,814 pav sold
over the year for ₹6,341 thrown away. So such an order is made up to the minimum with whole cases of the supplier's own
perishables, each case the one expected to earn most (lose least) over its shelf life, no item beyond the bound the
top-up with goods that keep has (twice its cover), and goes out without the seller when the order as a whole is
still expected to pay; otherwise it goes to the seller as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from app.agents import fresh_cases

if TYPE_CHECKING:
    from app.agents.inventory import InventoryView
    from app.agents.snapshot import Snapshot

__all__ = ["nothing_keeps", "top_up"]

MAX_CASES = 200  # a minimum this many cases away is not made up with perishables


def nothing_keeps(snap: Snapshot, view: InventoryView, rows: np.ndarray) -> bool:
    """Whether none of ``rows`` is a good that keeps and sells, the only kind a top-up to the minimum may add."""
    return bool(((snap.shelf_life[rows] > 0) | (view.daily[rows] <= 0)).all())


def top_up(snap: Snapshot, view: InventoryView, lv: dict, rows: np.ndarray, case: np.ndarray, moq: np.ndarray,
           unit_cost: np.ndarray, qty: np.ndarray, minimum: int, cover: float) -> np.ndarray | None:
    """``qty`` (milli-units per row) with whole cases of the rows' perishables added, one at a time the case with the
    highest expected profit over its shelf life, never beyond ``cover`` times an item's cover (the bound of the top-up
    with goods that keep), until the order's value reaches ``minimum`` (paise); None when it cannot, or when the
    perishable lines together are then expected to lose money."""
    qty = qty.copy()
    # without the bound the chicken centre's frozen goods (keep 6-10 months, ₹8,000 minimum, a fifth of a unit a day
    # an item) were bought to the minimum whenever one ran short: five times the stock, thirty times the waste
    limit = view.top_up_limit(rows, cover)
    fresh = [k for k in range(rows.size) if snap.shelf_life[rows[k]] > 0 and view.daily[rows[k]] > 0
             and unit_cost[k] > 0]
    if not fresh:
        return None

    def earns(k: int, milli: int) -> float:
        i = int(rows[k])
        ahead = max(float(view.position[i]) / 1000 - float(lv["demand_lead"][i]), 0.0)
        return fresh_cases.profit(float(lv["whole_life_mean"][i]), float(lv["whole_life_var"][i]), ahead,
                                  milli / 1000, float(snap.price[i]), float(unit_cost[k]))

    def step(k: int) -> int:
        unit = max(int(case[k]), 1)
        return unit if qty[k] else max(-(-int(moq[k]) // unit), 1) * unit

    value = {k: earns(k, int(qty[k])) for k in fresh}
    total = int((qty * unit_cost // 1000).sum())
    for _ in range(MAX_CASES):
        room = [k for k in fresh if view.position[rows[k]] + qty[k] + step(k) <= limit[k]]
        if total >= minimum or not room:
            break
        gains = {k: earns(k, int(qty[k]) + step(k)) - value[k] for k in room}
        k = max(gains, key=lambda m: (gains[m], -int(rows[m])))
        added = step(k)
        qty[k] += added
        value[k] += gains[k]
        total += int(added * unit_cost[k] // 1000)
    if total < minimum:
        return None
    return qty if sum(value[k] for k in fresh if qty[k]) > 0 else None
