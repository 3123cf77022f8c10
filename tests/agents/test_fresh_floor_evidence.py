"""The seller's floor on goods that expire, item by item (``app.agents.fresh_cases.item_floors``): an item whose own
shelf closed empty on at least half of its last four weeks (emptied by customers, or empty all day: left unstocked)
is stocked to at least 25% if it keeps two weeks or less, among the lines that lost the most customers up to 2% of the
shop's; every other item keeps the seller's floor ("Issue 14, twentieth session" in docs/agents.md: 25% on every item
bought the highway store 1.1 points of fill for 1.8% of its profit; "twenty-first session": raised on every line out
half the time, the fresh supermarket and quick commerce bought fill they did not need for 4.5% of their profit)."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from app.agents import fresh_cases
from app.agents import replenishment as rp
from app.agents.fresh_cases import LOST_DAYS, RAISED_FLOOR, item_floors, order_quantities

HISTORY = 91


def _shelf(*, empty_days: int = 0, sold_out_days: int = 0, daily: float = 3.0,
           sold_out_sold: float = 2.0) -> tuple[np.ndarray, np.ndarray]:
    """A row of sales and one of sold-out days: the last ``empty_days`` days empty all day (unknown sales), the
    ``sold_out_days`` days before them emptied by customers after selling ``sold_out_sold``."""
    sales = np.full(HISTORY, daily, dtype=np.float32)
    sold_out = np.zeros(HISTORY, dtype=bool)
    if empty_days:
        sales[-empty_days:] = np.nan
    if sold_out_days:
        sold_out[HISTORY - empty_days - sold_out_days:HISTORY - empty_days] = True
        sales[sold_out] = sold_out_sold
    return sales, sold_out


def _out_before_the_window() -> tuple[np.ndarray, np.ndarray]:
    """Emptied by customers on every day but the last four weeks'."""
    return np.full(HISTORY, 3.0, dtype=np.float32), np.arange(HISTORY) < HISTORY - LOST_DAYS


def _snap(*shelves: tuple[np.ndarray, np.ndarray], **extra) -> SimpleNamespace:
    extra.setdefault("shelf_life", np.full(len(shelves), 4))
    return SimpleNamespace(size=len(shelves), sales=np.stack([s for s, _ in shelves]),
                           sold_out=np.stack([o for _, o in shelves]), history_days=HISTORY, prior_rate=None, **extra)


def test_an_item_that_lost_its_demand_on_half_of_the_last_four_weeks_is_stocked_deeper(monkeypatch):
    monkeypatch.setattr(fresh_cases, "RAISED_REACH", 1.0)  # every such line (the reach: the test below)
    snap = _snap(_shelf(),  # never out
                 _shelf(sold_out_days=LOST_DAYS // 2),  # customers emptied it on half the days
                 _shelf(empty_days=LOST_DAYS),  # left unstocked: empty every day
                 _shelf(empty_days=5, sold_out_days=8),  # out on 13 of the 28 days: under half
                 _out_before_the_window())
    assert item_floors(snap, 0.17).tolist() == [0.17, RAISED_FLOOR, RAISED_FLOOR, 0.17, 0.17]
    snap.shelf_life = np.array([4, 30, 60, 4, 4])  # drinks out for weeks are out for their supplier, not the depth
    assert item_floors(snap, 0.17).tolist() == [0.17] * 5
    snap.shelf_life = np.array([4, 14, 0, 4, 4])  # goods that keep two weeks are raised; goods that keep are not
    assert item_floors(snap, 0.17).tolist() == [0.17, RAISED_FLOOR, 0.17, 0.17, 0.17]
    assert item_floors(snap, 0.30).tolist() == [0.30] * 5  # never under the seller's own floor
    assert item_floors(snap, 0.0).tolist() == [0.0] * 5  # "as far as it pays": no item is stocked deeper


@pytest.mark.parametrize(("daily", "life", "case"), [(3, 3, 10), (4, 4, 20), (8, 2, 20)])
def test_an_item_left_unstocked_at_the_sellers_floor_gets_its_first_case_once_its_shelf_has_been_empty(daily, life,
                                                                                                        case):
    price, cost = 2900, 2640  # milk at a 9% margin, under the floor: its first case does not pay at 17%

    def cases(empty_days: int) -> int:
        snap = _snap(_shelf(empty_days=empty_days, daily=daily), shelf_life=np.array([life]),
                     price=np.array([price]), on_hand=np.array([0]))
        floors = item_floors(snap, 0.17)
        mean = np.full((1, 35), float(daily))
        lv = rp.levels(mean, mean * 1.3, lead_days=np.array([1]), lead_sd=np.array([0.5]), z=np.array([1.65]),
                       cover_days=np.array([7]), shelf_life=np.array([life]),
                       margin_share=np.array([(price - cost) / price]), service_floor=floors)
        asked = np.array([int(np.ceil(lv["target"][0])) * 1000])
        qty, _probes, _unstocked = order_quantities(snap, np.array([0]), lv, np.array([0]), np.array([case * 1000]),
                                                    np.array([case * 1000]), np.array([cost]), asked,
                                                    service_floor=floors)
        return int(qty[0]) // (case * 1000)

    assert cases(empty_days=0) == 0  # an empty shelf today after selling every day: the seller's floor
    assert cases(empty_days=LOST_DAYS) == 1  # four weeks unstocked: its demand is being lost, one case pays at 25%


def test_where_many_lines_run_out_only_those_that_lost_the_most_customers_are_stocked_deeper():
    healthy = [_shelf() for _ in range(200)]  # 200 lines selling 3 a day, never out
    unstocked = [_shelf(empty_days=LOST_DAYS, daily=pace) for pace in (1.0, 6.0, 2.0, 5.0, 3.0, 4.0)]
    snap = _snap(*healthy, *unstocked)
    raised = item_floors(snap, 0.17)[200:]
    # the customers lost over four weeks: 6 and 5 a day make 308 units, within 2% of the shop's 16,800 sold and 588
    # lost; the next line, 4 a day, would take the raised lines past it
    assert raised.tolist() == [0.17, RAISED_FLOOR, 0.17, RAISED_FLOOR, 0.17, 0.17]
    # one line out in a shop where it alone lost more than 2% of the customers is raised all the same
    snap = _snap(*healthy[:10], _shelf(empty_days=LOST_DAYS, daily=2.0))
    assert item_floors(snap, 0.17).tolist() == [0.17] * 10 + [RAISED_FLOOR]
    # nor has one that customers emptied at its usual pace (what it sold there is all it lost no customers on)
    snap = _snap(*healthy[:10], _shelf(sold_out_days=LOST_DAYS, sold_out_sold=3.0))
    assert item_floors(snap, 0.17).tolist() == [0.17] * 11
    # nor a line that never sold (no pace, none before the history)
    silent = (np.full(HISTORY, np.nan, dtype=np.float32), np.zeros(HISTORY, dtype=bool))
    snap = _snap(*healthy[:10], silent)
    assert item_floors(snap, 0.17).tolist() == [0.17] * 11


def test_a_line_no_case_of_which_pays_even_raised_does_not_take_the_place_of_one_that_does():
    from app.agents.snapshot import Link

    healthy = [_shelf() for _ in range(100)]
    # milk keeping 2 days at 9% margin: 6 a day in cases of 40 (no case pays at 25%), 5 a day in cases of 10; the
    # two lost 308 units in four weeks, within 2% of the shop's (8,708) only one of them
    snap = _snap(*healthy, _shelf(empty_days=LOST_DAYS, daily=6.0), _shelf(empty_days=LOST_DAYS, daily=5.0),
                 shelf_life=np.array([4] * 100 + [2, 2]))
    snap.price = np.full(102, 2900)
    snap.preferred_supplier = np.full(102, 1)
    snap.links = {100: [Link(1, 2640, 40_000, 40_000, 1)], 101: [Link(1, 2640, 10_000, 10_000, 1)]}
    assert item_floors(snap, 0.17)[100:].tolist() == [0.17, RAISED_FLOOR]
    snap.links[100] = [Link(1, 2640, 10_000, 10_000, 1)]  # in cases of 10 it is the first raised, and alone
    assert item_floors(snap, 0.17)[100:].tolist() == [RAISED_FLOOR, 0.17]


def test_a_line_out_for_months_is_judged_at_its_categorys_pace_where_that_is_higher():
    from app.agents.snapshot import Link

    # the village's milk: read at 3 a day from its last days on the shelf, no case of 10 sells in its two days; its
    # category's lines on the shelf sell 6 a day, at which a case pays at 25%
    shelves = [_shelf(daily=6.0) for _ in range(4)] + [_shelf(empty_days=LOST_DAYS, daily=3.0)]
    snap = _snap(*shelves, shelf_life=np.array([2] * 5))
    snap.price, snap.preferred_supplier = np.full(5, 2500), np.full(5, 1)
    snap.links = {4: [Link(1, 2307, 10_000, 10_000, 1)]}
    snap.categories = ["dairy"] * 5
    assert item_floors(snap, 0.17)[4] == RAISED_FLOOR
    snap.categories = ["bakery"] * 4 + ["dairy"]  # no line of its own category on the shelf: its own pace
    assert item_floors(snap, 0.17)[4] == 0.17
