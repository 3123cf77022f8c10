"""A perishable reviewed every day: its order is judged against the next review's order, not against never
("Issue 14, seventeenth session" in docs/agents.md).

One item, its demand known exactly (the forecast is right: a gamma-Poisson day of the simulator's kind, sold oldest
first, what expires thrown away), ordered through :func:`app.agents.fresh_cases.order_quantities` every morning its
position is below the reorder point, against the best order-up-to level found by trying every level on the same
days' demand."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from app.agents import replenishment as rp
from app.agents.fresh_cases import order_quantities


def _year(*, daily: float, life: int, case: int, price: int, cost: int, lead: int, dispersion: float, seed: int,
          level: int | None = None, days: int = 700, warm: int = 100) -> tuple[float, float]:
    """(profit in rupees a day, share of the asked-for units sold) after ``warm`` days; ``level``: order up to it
    in whole cases each morning instead of the agents' rule."""
    rng = np.random.default_rng(seed)
    asked_days = rng.poisson(daily * rng.gamma(1 / dispersion, dispersion, size=days))
    mean = np.full((1, 35), daily)
    lv = rp.levels(mean, mean + dispersion * mean ** 2, lead_days=np.array([lead]), lead_sd=np.array([0.0]),
                   z=np.array([1.65]), cover_days=np.array([7]), shelf_life=np.array([life]),
                   margin_share=np.array([(price - cost) / price]))
    rop, target = float(lv["rop"][0]), float(lv["target"][0])
    snap = SimpleNamespace(shelf_life=np.array([life]), price=np.array([price]), on_hand=np.array([1000]),
                           sales=np.full((1, 91), daily), history_days=91, prior_rate=None, sold_out=None)
    lots: list[list[float]] = []  # [day it expires, units], oldest first
    coming: list[tuple[int, float]] = []
    profit_paise, sold_units, asked_units = 0.0, 0.0, 0.0
    for day in range(days):
        lots += [[day + life, units] for arrives, units in coming if arrives == day]
        coming = [(arrives, units) for arrives, units in coming if arrives > day]
        lots = [lot for lot in lots if lot[0] > day]
        position = sum(units for _e, units in lots) + sum(units for _a, units in coming)
        ordered = 0.0
        if level is not None:
            ordered = max(np.ceil((level - position) / case), 0) * case
        elif position < rop:
            asked = max(np.ceil((target - position) / case), 1) * case * 1000
            qty, _probes, _unstocked = order_quantities(snap, np.array([int(position * 1000)]), lv, np.array([0]),
                                                        np.array([case * 1000]), np.array([case * 1000]),
                                                        np.array([cost]), np.array([int(asked)]))
            ordered = qty[0] / 1000
        if ordered:
            coming.append((day + lead, ordered))
        left = float(asked_days[day])
        sold = 0.0
        for lot in lots:
            take = min(lot[1], left)
            lot[1] -= take
            left -= take
            sold += take
        lots = [lot for lot in lots if lot[1] > 0]
        if day >= warm:
            profit_paise += price * sold - cost * ordered
            sold_units += sold
            asked_units += float(asked_days[day])
    return profit_paise / 100 / (days - warm), sold_units / max(asked_units, 1.0)


def _best_level(**item: float) -> float:
    top = int(item["daily"] * (item["life"] + 2) + item["case"])
    return max(_year(**item, level=s)[0] for s in range(top))  # type: ignore[arg-type]


VILLAGE_MILK = {"daily": 9.0, "life": 4, "case": 5, "price": 2800, "cost": 2480, "lead": 1, "dispersion": 0.45}


@pytest.mark.parametrize("seed", [1, 2])
def test_a_thin_margin_milk_read_right_earns_what_the_best_order_up_to_level_earns(seed):
    """The village haat's DAIR004 (sixteenth session): 9 a day, keeps 4 days, cases of 5, an 11% margin, next day's
    delivery. Judged alone, each order counted every unit the delivery would sell over its 4 days at its margin,
    though a unit sold after tomorrow's delivery could arrive only displaced a fresher one: it kept about two days'
    demand on the evening shelf and earned ₹16.25 a day where the best order-up-to level earns ₹21.37 (seed 1;
    seed 2: ₹18.11 and ₹22.19), selling 96% of the asked-for units against 88%."""
    item = {**VILLAGE_MILK, "seed": seed}
    agents, _fill = _year(**item)  # type: ignore[arg-type]
    assert agents >= 0.95 * _best_level(**item)


def test_a_slow_item_whose_case_lasts_days_is_still_stocked():
    """2 a day, keeps 7 days, a case of 12, a 25% margin: a case meets 2 units before the next delivery could come
    and throws some away, but waiting a day leaves the same choice with an empty shelf: it is ordered when the shelf
    runs out, as its case pays over its shelf life."""
    item = {"daily": 2.0, "life": 7, "case": 12, "price": 4000, "cost": 3000, "lead": 1, "dispersion": 0.3, "seed": 1}
    agents, fill = _year(**item)  # type: ignore[arg-type]
    assert fill > 0.8
    assert agents >= 0.85 * _best_level(**item)
