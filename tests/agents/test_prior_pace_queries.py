"""The pace of items out of stock for months is read in two queries for all of them (issue 14, fifteenth session):
the same figures as the one-item-at-a-time reading it replaced, which ran two queries per item every cycle."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from typing import Any

import numpy as np
import pytest

from app.agents.snapshot import PRIOR_RATE_DAYS, _local_offset_minutes, _rate_when_last_stocked, pace_when_last_stocked
from app.domain.clock import IST, to_iso
from app.services import inventory
from app.store import sales_history as history
from app.store import stock as stock_store

from .conftest import SELLER, START, at
from .test_edges import new_item, sell

# (sku, days it sold on, units a day, a restock on this day or None): curd and paneer out for months, buttermilk
# back on the shelf once in between, lassi never sold
ITEMS = (("CURD", range(-1, 4), 6, None), ("PANEER", (0, 2, 9, 10), 3, 8), ("CHAACH", range(-1, 12, 3), 2, 5),
         ("LASSI", (), 0, None))


class Counting:
    """A database that counts the statements run on it."""

    def __init__(self, db: Any) -> None:
        self.db, self.statements = db, 0

    def execute(self, *args: Any) -> Any:
        self.statements += 1
        return self.db.execute(*args)


def one_at_a_time(db: Any, skus: list[str], on_hand: np.ndarray, start: date,
                  now: datetime) -> dict[str, tuple[float, float]]:
    """The reading as it was before the fifteenth session: two queries per item."""
    out: dict[str, tuple[float, float]] = {}
    offset = _local_offset_minutes(now)
    before = (start - timedelta(days=1)).isoformat()
    for k, sku in enumerate(skus):
        sold = {date.fromisoformat(day): qty / 1000.0
                for day, qty in history.item_sales_by_day(db, sku, "0001-01-01", before) if qty > 0}
        if not sold:
            continue
        last = max(sold)
        since = datetime.combine(last - timedelta(days=PRIOR_RATE_DAYS - 1), datetime.min.time(), tzinfo=IST)
        moved: dict[date, float] = defaultdict(float)
        for day, qty in stock_store.item_moves(db, sku, to_iso(since), offset):
            if day is not None:
                moved[date.fromisoformat(day)] += qty / 1000.0
        out[sku] = pace_when_last_stocked(sold, last, moved, float(on_hand[k]) / 1000.0)
    return out


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
