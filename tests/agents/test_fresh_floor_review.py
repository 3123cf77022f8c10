"""The seller's floor on goods that expire (``agents.inventory.fresh_service_bp``) is on by default at the "fuller"
choice, and a thin-margin item under it is ordered as an item with the floor's margin would be: judged against the
next review's order, as every perishable is, not against never ordering ("Issue 14, nineteenth session" in
docs/agents.md). Judged against never, the floor bought cases days early: on kirana_300 over a year a floor of 12%
cost 4.6% of the profit for 2.0 points of fill."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from app import config
from app.agents import replenishment as rp
from app.agents.fresh_cases import order_quantities
from app.agents.limits import Limits
from app.services import autonomy


def _cases(price: int, cost: int, floor: float, *, daily: float, life: int, lead: int, case: int, on_hand: int) -> int:
    """Cases the newsvendor orders of an item selling ``daily`` a day that keeps ``life`` days, with the order-up-to
    level set as the inventory agent sets it."""
    mean = np.full((1, 35), daily)
    lv = rp.levels(mean, mean * 1.3, lead_days=np.array([lead]), lead_sd=np.array([0.5]), z=np.array([1.65]),
                   cover_days=np.array([7]), shelf_life=np.array([life]),
                   margin_share=np.array([(price - cost) / price]), service_floor=floor)
    snap = SimpleNamespace(shelf_life=np.array([life]), price=np.array([price]), on_hand=np.array([on_hand * 1000]),
                           sales=np.full((1, 91), daily), history_days=91, prior_rate=None, sold_out=None)
    asked = np.array([int(np.ceil(lv["target"][0])) * 1000])
    qty, _probes, _unstocked = order_quantities(snap, np.array([on_hand * 1000]), lv, np.array([0]),
                                                np.array([case * 1000]), np.array([case * 1000]), np.array([cost]),
                                                asked, service_floor=floor)
    return int(qty[0]) // (case * 1000)


@pytest.mark.parametrize(("daily", "life", "lead", "case", "on_hand"), [
    (9, 4, 1, 5, 0),  # the village's milk of the seventeenth session, an empty shelf
    (20, 4, 1, 10, 10),
    (6, 5, 1, 6, 3),
    (30, 3, 1, 10, 10),
])
@pytest.mark.parametrize("floor", [0.12, 0.17, 0.25])
def test_a_thin_margin_item_under_the_floor_is_ordered_as_one_with_the_floors_margin(daily, life, lead, case,
                                                                                      on_hand, floor):
    cost = 2700  # milk at ₹27 sold at ₹29: a 7% margin, under every floor here
    thin = _cases(2900, cost, floor, daily=daily, life=life, lead=lead, case=case, on_hand=on_hand)
    wide = _cases(round(cost / (1 - floor)), cost, 0.0, daily=daily, life=life, lead=lead, case=case, on_hand=on_hand)
    plain = _cases(2900, cost, 0.0, daily=daily, life=life, lead=lead, case=case, on_hand=on_hand)
    assert thin == wide  # judged against never, the thin item took 4 to 8 cases where the wide one took 2 to 5
    assert thin >= plain


def test_by_default_goods_that_expire_are_kept_fuller(fresh_copy):
    shop = fresh_copy()
    try:
        assert config.AGENT_FRESH_SERVICE_BP.default == autonomy.FRESH_STOCKING["fuller"] == 1700
        assert Limits.load(shop.store).fresh_service_bp == 1700  # what the inventory agent reads
        assert autonomy.controls(shop.store).fresh_service_bp == 1700  # what the seller's page shows
    finally:
        shop.store.close()
