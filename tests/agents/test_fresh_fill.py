"""The seller's choice to buy fill with waste on goods that expire (``agents.inventory.fresh_fill_bp``): off, the
perishables are ordered for profit alone; on, each unit sold counts that share of its price more, so a thin-margin
fast item is stocked deeper ("Issue 14, fifteenth session" in docs/agents.md)."""

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


def _milk_cases(fill_share: float) -> int:
    """Cases of milk the newsvendor keeps: 12 a day, keeps 3 days, a case of 12 at ₹27 sold at ₹29 (7% margin),
    2 days' lead time, an empty shelf, the order-up-to level set as the inventory agent sets it."""
    mean = np.full((1, 35), 12.0)
    lv = rp.levels(mean, mean * 1.3, lead_days=np.array([2]), lead_sd=np.array([0.5]), z=np.array([1.65]),
                   cover_days=np.array([7]), shelf_life=np.array([3]), margin_share=np.array([200 / 2900]),
                   fill_share=fill_share)
    snap = SimpleNamespace(shelf_life=np.array([3]), price=np.array([2900]), on_hand=np.array([0]),
                           sales=np.full((1, 91), 12.0), history_days=91, prior_rate=None, sold_out=None)
    asked = np.array([int(np.ceil(lv["target"][0])) * 1000])
    qty, _probes, _unstocked = order_quantities(snap, np.array([0]), lv, np.array([0]), np.array([12_000]),
                                                np.array([12_000]), np.array([2700]), asked, fill_share=fill_share)
    return int(qty[0]) // 12_000


def test_off_the_perishable_is_ordered_for_profit_alone_and_on_it_is_stocked_deeper():
    plain, more, most = _milk_cases(0.0), _milk_cases(0.1), _milk_cases(0.5)
    assert plain >= 1
    assert plain <= more <= most
    assert most > plain  # fill bought with waste when the seller asks for it


def test_the_order_up_to_level_rises_with_the_worth_put_on_a_unit_served():
    mean = np.full((1, 35), 12.0)

    def target(fill_share: float) -> float:
        return float(rp.levels(mean, mean * 1.3, lead_days=np.array([2]), lead_sd=np.array([0.5]),
                               z=np.array([1.65]), cover_days=np.array([7]), shelf_life=np.array([3]),
                               margin_share=np.array([0.07]), fill_share=fill_share)["target"][0])

    assert target(0.0) < target(0.1) < target(0.5)
    # f = 0.1: the critical ratio (0.07 + 0.1) / 1.1, as if the margin were that share of the price
    same = rp.levels(mean, mean * 1.3, lead_days=np.array([2]), lead_sd=np.array([0.5]), z=np.array([1.65]),
                     cover_days=np.array([7]), shelf_life=np.array([3]), margin_share=np.array([0.17 / 1.1]))
    assert target(0.1) == pytest.approx(float(same["target"][0]))


def _milk_ordered(kirana, fill_bp: int | None) -> int:
    if fill_bp is not None:
        settings.set_setting(kirana.ctx, config.AGENT_FRESH_FILL_BP.key, fill_bp, origin=SELLER)
    assert Limits.load(kirana.store).fresh_fill_bp == (fill_bp or 0)
    kirana.engine().run_cycle(["inventory"])
    rows = kirana.store.db().execute("SELECT qty_milli FROM purchase_order_line WHERE sku = 'MILK'").fetchall()
    return sum(r[0] for r in rows)


def test_the_shops_setting_reaches_the_milk_order(fresh_copy):
    """The test shop's milk (12 a day, keeps 4 days, 10% margin, 30 on the shelf): the same morning, the shop that
    counts a unit sold at twice its price (the most the setting allows) orders more of it."""
    plain_shop, keen_shop = fresh_copy(), fresh_copy()
    try:
        plain = _milk_ordered(plain_shop, None)
        keen = _milk_ordered(keen_shop, 10_000)
    finally:
        plain_shop.store.close()
        keen_shop.store.close()
    assert keen > plain > 0
