"""A small real shop with a sales history, for the agents' tests: built once per test session through the
services, then copied (a plain file copy of the closed SQLite file) for each test or Hypothesis example,
so every example starts from the same books in a few milliseconds."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from shops import SELLER, Copies, at, copy_shop, open_shop_file

from app import config
from app.agents.engine import DecisionEngine
from app.domain.clock import ManualClock
from app.services import catalog, inventory, sales, settings, shop, suppliers
from app.services.context import ServiceContext
from app.services.sales import PaymentIn, SaleLine
from app.store import Store

logging.getLogger("app.ml.forecast._model").setLevel(logging.ERROR)

START = date(2026, 6, 1)  # first day of history
TODAY = date(2026, 6, 29)  # the agents' day: four weeks of history behind it
HISTORY_DAYS = (TODAY - START).days

# sku: (name, category, mrp, cost, price, daily rate, case, moq, shelf life, stock at the end)
ITEMS: dict[str, tuple] = {
    "ATTA5": ("Atta 5 kg", "staples", 30000, 25500, 28500, 3.0, 5, 5, None, 40),
    "OIL1": ("Sunflower oil 1 l", "oils", 18000, 15300, 17100, 2.0, 12, 12, None, 6),
    "MILK": ("Toned milk 500 ml", "dairy", 3000, 2600, 2900, 12.0, 12, 12, 4, 30),
    "SOAP": ("Bath soap", "personal_care", 4500, 3600, 4300, 1.0, 6, 6, None, 5),
    "CHIPS": ("Potato chips", "snacks", 2000, 1500, 1900, 4.0, 24, 24, 60, 60),
    "TEA": ("Tea 250 g", "breakfast", 14000, 11500, 13300, 0.5, 6, 6, None, 2),
}


@dataclass
class Shop:
    store: Store
    ctx: ServiceContext
    clock: ManualClock
    supplier_id: int
    backup_supplier_id: int

    def engine(self, agents=None, **kwargs: Any) -> DecisionEngine:
        kwargs.setdefault("sleep", lambda _s: None)
        return DecisionEngine(self.ctx, agents, **kwargs)

    def on_hand(self, sku: str) -> int:
        return self.store.db().execute("SELECT on_hand_milli FROM stock WHERE sku = ?", (sku,)).fetchone()[0]

    def price(self, sku: str) -> int:
        return self.store.db().execute("SELECT price_paise FROM product WHERE sku = ?", (sku,)).fetchone()[0]

    def set_stock(self, sku: str, qty_milli: int) -> None:
        inventory.count_stock(self.ctx, sku, qty_milli, origin=SELLER)

    def decisions(self, status: str | None = None) -> list[tuple]:
        sql = "SELECT id, agent, decision_type, status, actions_json FROM agent_decision"
        if status:
            return self.store.db().execute(sql + " WHERE status = ? ORDER BY id", (status,)).fetchall()
        return self.store.db().execute(sql + " ORDER BY id").fetchall()


def _build(path: Path) -> None:
    store, ctx, clock = open_shop_file(path, at(START - timedelta(days=1)), create=True)
    shop.create_shop(ctx, name="Test Kirana", state_code="27", gst_scheme="unregistered")
    # the seller has chosen the agents' limits (the defaults): these tests are about acting within them
    settings.set_setting(ctx, config.AGENT_LIMITS_CHOSEN.key, True)
    main = suppliers.create_supplier(ctx, name="Gupta Traders", whatsapp="9812345678", lead_time_days=2).id
    backup = suppliers.create_supplier(ctx, name="Metro", whatsapp="9898989898", lead_time_days=1).id
    rng = np.random.default_rng(7)
    for sku, (name, category, mrp, cost, price, _rate, case, moq, shelf, _end) in ITEMS.items():
        catalog.create_product(ctx, sku=sku, name_en=name, category=category, price_paise=price, mrp_paise=mrp,
                               cost_paise=cost, shelf_life_days=shelf)
        suppliers.link_product(ctx, main, sku, cost_paise=cost, case_size_milli=case * 1000, moq_milli=moq * 1000)
        if sku in ("ATTA5", "OIL1"):
            suppliers.link_product(ctx, backup, sku, cost_paise=round(cost * 1.04), case_size_milli=case * 1000,
                                   moq_milli=moq * 1000)
        inventory.receive_stock(ctx, sku, 10_000_000, unit_cost_paise=cost, source_ref=f"opening:{sku}",
                                origin=SELLER)
    for offset in range(HISTORY_DAYS):
        day = START + timedelta(days=offset)
        clock.set(at(day, 19))
        lines = []
        for sku, spec in ITEMS.items():
            qty = int(rng.poisson(spec[5]))
            if qty:
                lines.append(SaleLine(sku=sku, qty_milli=qty * 1000))
        if lines:
            total = sales.quote_sale(ctx, lines=lines).total_paise
            sales.record_sale(ctx, lines=lines, payments=[PaymentIn(method="cash", amount_paise=total)],
                              origin=SELLER)
    clock.set(at(TODAY - timedelta(days=1), 21))
    for sku, spec in ITEMS.items():
        inventory.count_stock(ctx, sku, spec[9] * 1000, origin=SELLER)
    store.close()


@pytest.fixture(scope="session")
def template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("agents-template") / "template.db"
    _build(path)
    return path


def open_copy(template: Path, directory: Path) -> Shop:
    store, ctx, clock = open_shop_file(copy_shop(template, directory), at(TODAY))
    db = store.db()
    return Shop(store=store, ctx=ctx, clock=clock,
                supplier_id=db.execute("SELECT id FROM supplier WHERE name = 'Gupta Traders'").fetchone()[0],
                backup_supplier_id=db.execute("SELECT id FROM supplier WHERE name = 'Metro'").fetchone()[0])


@pytest.fixture
def kirana(template, tmp_path) -> Iterator[Shop]:
    """A fresh copy of the shop, its clock on the agents' day."""
    found = open_copy(template, tmp_path / "shop")
    yield found
    found.store.close()


@pytest.fixture
def fresh_copy(template, tmp_path_factory) -> Callable[[], Shop]:
    """For Hypothesis: a new copy per example (the caller closes it)."""
    return Copies(lambda folder: open_copy(template, folder), tmp_path_factory.mktemp)
