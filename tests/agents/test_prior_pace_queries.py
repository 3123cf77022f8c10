"""The pace of items out of stock for months is read in two queries for all of them (issue 14, fifteenth session):
the same figures as the one-item-at-a-time reading it replaced, which ran two queries per item every cycle."""

from __future__ import annotations

import importlib.util
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest

from app.agents.snapshot import _rate_when_last_stocked
from app.services import inventory
from app.store import stock as stock_store

from .conftest import SELLER, START, at
from .test_edges import new_item, sell

ROOT = Path(__file__).resolve().parents[2]

# (sku, days it sold on, units a day, a restock on this day or None): curd and paneer out for months, buttermilk
# back on the shelf once in between, lassi never sold
ITEMS = (("CURD", range(-1, 4), 6, None), ("PANEER", (0, 2, 9, 10), 3, 8), ("CHAACH", range(-1, 12, 3), 2, 5),
         ("LASSI", (), 0, None))


def _bench():
    """bench/agents/snapshot_priors.py, which keeps the one-item-at-a-time reading to time and check against."""
    spec = importlib.util.spec_from_file_location("snapshot_priors", ROOT / "bench" / "agents" / "snapshot_priors.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BENCH = _bench()
Counting = BENCH.Counting
one_at_a_time = BENCH.one_at_a_time


@pytest.fixture
def dairy_out_for_months(kirana):
    for sku, days, units, restock in ITEMS:
        new_item(kirana, sku, sku.title(), "dairy", price=4000, mrp=4000, cost=3400, case=10, opening=30,
                 shelf_life=5)
        for offset in days:
            if restock is not None and offset == restock:
                kirana.clock.set(at(START + timedelta(days=offset), 8))
                inventory.receive_stock(kirana.ctx, sku, 10_000, unit_cost_paise=3400, source_ref=f"back:{sku}",
                                        expires_on=START + timedelta(days=offset + 5), origin=SELLER)
            sell(kirana, sku, offset, units)
    return kirana


def test_every_item_is_read_in_two_queries_with_the_figures_of_one_at_a_time(dairy_out_for_months):
    kirana = dairy_out_for_months
    now = at(START + timedelta(days=120), 9)
    kirana.clock.set(now)
    start = START + timedelta(days=30)
    skus = [sku for sku, *_ in ITEMS]
    db = kirana.store.db()
    on_hand = np.array([stock_store.on_hand(db, sku) for sku in skus], dtype=np.int64)
    counting = Counting(db)
    batched = _rate_when_last_stocked(counting, skus, on_hand, start, now)
    assert counting.statements <= 2  # was two per item sold before (seven here)
    assert batched == one_at_a_time(db, skus, on_hand, start, now)  # the same figures, exactly
    assert set(batched) == {"CURD", "PANEER", "CHAACH"}  # an item never sold has none
    assert _rate_when_last_stocked(counting, [], on_hand[:0], start, now) == {}
