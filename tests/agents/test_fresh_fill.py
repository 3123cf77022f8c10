"""The seller's floor on how deep goods that expire are stocked (``agents.inventory.fresh_service_bp``): off, the
perishables are stocked as far as they pay; on, no item is stocked to a lower chance of its delivery lasting its
shelf life than the floor, so a thin-margin fast item is stocked deeper ("Issue 14, fifteenth session" in
docs/agents.md)."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from app import config
from app.agents import replenishment as rp
from app.agents.fresh_cases import order_quantities
from app.agents.limits import Limits
from app.services import settings

from .conftest import SELLER


def _levels(margin_share: float, floor: float) -> dict[str, np.ndarray]:
    """Milk: 12 a day, keeps 3 days, 2 days' lead time."""
    mean = np.full((1, 35), 12.0)
    return rp.levels(mean, mean * 1.3, lead_days=np.array([2]), lead_sd=np.array([0.5]), z=np.array([1.65]),
                     cover_days=np.array([7]), shelf_life=np.array([3]), margin_share=np.array([margin_share]),
                     service_floor=floor)


def _milk_cases(floor: float) -> int:
    """Cases of milk the newsvendor keeps: the village's milk (9 a day, keeps 4 days, 1 day's lead time), a case of 5
    at ₹27 sold at ₹29 (7% margin), an empty shelf, the order-up-to level set as the inventory agent sets it.
    (Until the nineteenth session this was milk selling 12 a day in cases of 12 that keeps 3 days from 2 days' lead
    time: judged against the next review's order, as a floor now is, no floor adds a case of that one.)"""
    mean = np.full((1, 35), 9.0)
    lv = rp.levels(mean, mean * 1.3, lead_days=np.array([1]), lead_sd=np.array([0.5]), z=np.array([1.65]),
                   cover_days=np.array([7]), shelf_life=np.array([4]), margin_share=np.array([200 / 2900]),
                   service_floor=floor)
    snap = SimpleNamespace(shelf_life=np.array([4]), price=np.array([2900]), on_hand=np.array([0]),
                           sales=np.full((1, 91), 9.0), history_days=91, prior_rate=None, sold_out=None)
    asked = np.array([int(np.ceil(lv["target"][0])) * 1000])
    qty, _probes, _unstocked = order_quantities(snap, np.array([0]), lv, np.array([0]), np.array([5_000]),
                                                np.array([5_000]), np.array([2700]), asked, service_floor=floor)
    return int(qty[0]) // 5_000


def test_off_the_perishable_is_stocked_as_far_as_it_pays_and_a_floor_stocks_it_deeper():
    plain, floor_below_margin, deeper = _milk_cases(0.0), _milk_cases(0.05), _milk_cases(0.17)
    assert plain >= 1
    assert floor_below_margin == plain  # a floor under the item's own margin share changes nothing
    assert deeper > plain  # fill bought with waste when the seller asks for it


def test_the_order_up_to_level_is_set_at_the_floor_when_the_margin_is_thinner():
    assert _levels(0.07, 0.0)["target"][0] < _levels(0.07, 0.3)["target"][0]
    # the floor replaces a thinner margin's ratio and leaves a wider one alone
    assert _levels(0.07, 0.3)["target"][0] == pytest.approx(_levels(0.3, 0.0)["target"][0])
    assert _levels(0.4, 0.3)["target"][0] == pytest.approx(_levels(0.4, 0.0)["target"][0])


def _milk_ordered(kirana, floor_bp: int | None) -> int:
    if floor_bp is not None:
        settings.set_setting(kirana.ctx, config.AGENT_FRESH_SERVICE_BP.key, floor_bp, origin=SELLER)
    default = config.AGENT_FRESH_SERVICE_BP.default
    assert Limits.load(kirana.store).fresh_service_bp == (default if floor_bp is None else floor_bp)
    kirana.engine().run_cycle(["inventory"])
    rows = kirana.store.db().execute("SELECT qty_milli FROM purchase_order_line WHERE sku = 'MILK'").fetchall()
    return sum(r[0] for r in rows)


def test_the_shops_setting_reaches_the_milk_order(fresh_copy):
    """The test shop's milk (12 a day, keeps 4 days, 10% margin, 30 on the shelf): the same morning, the shop that
    set a floor of 70% orders no less of it than the one that set it to 0 (only as far as it pays), and the one that
    left the setting alone reads the default (17% since the nineteenth session). Until then the floor judged an order
    against never ordering and the 70% shop ordered more; judged against the next review's order, as every
    perishable now is, a day's demand of 12 in cases of 12 with 30 on the shelf takes the same 2 cases either way."""
    plain_shop, keen_shop, default_shop = fresh_copy(), fresh_copy(), fresh_copy()
    try:
        plain = _milk_ordered(plain_shop, 0)
        keen = _milk_ordered(keen_shop, 7000)
        default = _milk_ordered(default_shop, None)
    finally:
        plain_shop.store.close()
        keen_shop.store.close()
        default_shop.store.close()
    assert keen >= default >= plain > 0
