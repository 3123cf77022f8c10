"""Purchase orders the seller can live with: split to the autonomy limit, never asked again unchanged after a
refusal, and (a property) every item short of stock has an order proposed or on its way within its lead time,
whatever the seller answered."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.agents import order_fit
from app.agents.base import Board
from app.agents.inventory import InventoryAgent
from app.agents.planner import Directives
from app.agents.snapshot import build_snapshot
from app.services import settings, suppliers
from app.store import decisions as records
from app.store.refused_orders import RefusedOrder

from .conftest import ITEMS, TODAY, Shop, at, open_copy

LASTING = tuple(sku for sku, spec in ITEMS.items() if not spec[8])
ORDER_TYPES = ("restock", "prestock_festival")


def po_decisions(shop: Shop, since: str | None = None) -> list[tuple[int, str, dict]]:
    rows = shop.store.db().execute(
        "SELECT id, status, actions_json, created_at FROM agent_decision WHERE decision_type IN (?, ?) ORDER BY id",
        ORDER_TYPES).fetchall()
    return [(i, status, json.loads(actions)[0]["params"]) for i, status, actions, created in rows
            if since is None or created >= since]


def lines_of(params: dict) -> dict[str, int]:
    return {line["sku"]: line["qty_milli"] for line in params["lines"]}


def test_fit_to_cap_keeps_the_most_urgent_lines_in_whole_cases():
    qty = np.array([24_000, 10_000, 12_000])
    case = np.array([6_000, 5_000, 12_000])
    cost = np.array([10_000, 20_000, 5_000])  # paise a unit: 2400, 2000, 600 rupees a line
    order = np.array([1, 0, 2])
    out = order_fit.fit_to_cap(qty, case, case, cost, order, 300_000)  # 3000 rupees
    assert out.tolist() == [6_000, 10_000, 0]  # line 1 whole, one case of line 0, nothing of line 2
    assert int((out * cost // 1000).sum()) <= 300_000


def test_the_same_order_is_not_asked_again_within_a_lead_time_after_a_refusal():
    skus = ["A", "B"]
    refused = [RefusedOrder(decision_id=1, supplier_id=1, lines={"A": 6_000}, total_paise=1,
                            refused_at=(TODAY - timedelta(days=1)).isoformat() + "T10:00:00+00:00")]
    common = dict(skus=skus, qty=np.array([12_000, 6_000]), short=np.array([True, False]),
                  to_rop=np.array([2_000, 0]), case=np.array([6_000, 6_000]), moq=np.array([6_000, 6_000]),
                  today=TODAY)
    assert order_fit.after_refusal(refused, lead_days=3, **common) is None  # the very same, a day later
    again = order_fit.after_refusal(refused, lead_days=1, **common)  # a lead time later: asked again
    assert again is not None and again.tolist() == [6_000, 0]


def test_an_order_over_the_autonomy_limit_is_split_over_days(kirana):
    limit = 200_000  # 2000 rupees: less than the shop's first order, more than a case of anything
    settings.set_setting(kirana.ctx, "agents.inventory.max_po_paise", limit)
    for sku in LASTING:
        kirana.set_stock(sku, 0)
    engine = kirana.engine()
    first = engine.run_cycle(["inventory"])
    assert first.escalated == 0 and first.executed >= 1
    day_one = [d for d in po_decisions(kirana) if d[1] == "executed"]
    assert day_one and all(d[2]["total_paise"] <= limit for d in day_one)
    ordered = set().union(*(lines_of(d[2]) for d in day_one))
    assert ordered < set(LASTING)  # not everything fitted in one order
    kirana.clock.set(at(TODAY + timedelta(days=1)))
    engine.run_cycle(["inventory"])
    day_two = [d for d in po_decisions(kirana) if d[1] == "executed" and d[0] not in {x[0] for x in day_one}]
    assert day_two and all(d[2]["total_paise"] <= limit for d in day_two)
    assert set().union(*(lines_of(d[2]) for d in day_two)) - ordered  # the next items the next day
    assert not records.approvals(kirana.store.db())


def test_a_refused_order_is_not_proposed_again_unchanged(kirana):
    settings.set_setting(kirana.ctx, "agents.inventory.max_po_paise", 100)  # everything asks
    suppliers.update_supplier(kirana.ctx, kirana.supplier_id, lead_time_days=3)
    engine = kirana.engine()
    engine.run_cycle(["inventory"])
    asked = records.approvals(kirana.store.db())
    assert asked
    refused = {a.decision_id for a in asked}
    for approval in asked:
        engine.reject(approval.id, note="too much")
    refused_lines = [lines_of(d[2]) for d in po_decisions(kirana) if d[0] in refused]
    for offset in (1, 2):
        kirana.clock.set(at(TODAY + timedelta(days=offset)))
        engine.run_cycle(["inventory"])
        for approval in records.approvals(kirana.store.db()):
            engine.reject(approval.id, note="still no")
    later = [lines_of(d[2]) for d in po_decisions(kirana) if d[0] not in refused]
    assert later, "the short items were never asked for again"
    asked_all = refused_lines + later
    # within the supplier's lead time (3 days) no order is asked for twice, refused or not
    assert all(asked_all.count(lines) == 1 for lines in asked_all), asked_all
    assert len(later[0]) <= max(len(lines) for lines in refused_lines)


@contextmanager
def _copy(template, factory) -> Iterator[Shop]:
    folder = factory.mktemp("fit")
    found = open_copy(template, folder)
    try:
        yield found
    finally:
        found.store.close()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def shop_copy(template, tmp_path_factory):
    return lambda: _copy(template, tmp_path_factory)


def short_items(shop: Shop, engine) -> dict[str, int]:
    """{sku: lead days} of the lasting items whose stock and orders on the way are below the reorder point the
    inventory agent reports."""
    ctx = shop.ctx
    snap = build_snapshot(shop.store, now=ctx.now(), today=ctx.today(), limits=engine.limits(),
                          directives=Directives())
    board = Board(demand=engine.demand_model.demand(snap))
    view, _chosen = InventoryAgent().observe(snap, board)
    return {sku: int(view.lead_days[snap.index[sku]]) for sku in LASTING
            if view.position[snap.index[sku]] < view.rop[snap.index[sku]]}


@pytest.mark.slow
@given(answers=st.lists(st.booleans(), min_size=1, max_size=4),
       low=st.dictionaries(st.sampled_from(LASTING), st.integers(0, 8), min_size=1, max_size=4),
       lead=st.integers(1, 3), limit=st.sampled_from([100, 60_000]))
def test_after_any_approvals_and_refusals_every_short_item_has_an_order_within_its_lead_time(shop_copy, answers,
                                                                                            low, lead, limit):
    """Feature: tavyonix-seller-os, Property 5: Inventory Monitoring and Restocking.
    After any sequence of approvals and refusals of the inventory agent's purchase orders (with an autonomy limit
    that sends every order to the seller, or one that splits them), every item whose stock and orders on the way are
    below its reorder point has a purchase order proposed within its lead time, awaiting approval, or on its way."""
    with shop_copy() as shop:
        ctx = shop.ctx
        settings.set_setting(ctx, "agents.inventory.max_po_paise", limit)
        suppliers.update_supplier(ctx, shop.supplier_id, lead_time_days=lead)
        for sku, units in low.items():
            shop.set_stock(sku, units * 1000)
        engine = shop.engine()
        for day, approve in enumerate(answers):
            shop.clock.set(at(TODAY + timedelta(days=day)))
            engine.run_cycle(["inventory"])
            for approval in records.approvals(shop.store.db()):
                if approve:
                    engine.approve(approval.id, note="ok")
                else:
                    engine.reject(approval.id, note="no")
            db = shop.store.db()
            on_order = {r[0] for r in db.execute(
                "SELECT l.sku FROM purchase_order_line l JOIN purchase_order o ON o.id = l.po_id"
                " WHERE o.status IN ('draft', 'sent', 'partly_received') AND l.qty_milli > l.received_milli")}
            pending = set(records.pending_approval_skus(db))
            for sku, lead_days in short_items(shop, engine).items():
                since = at(TODAY + timedelta(days=day - max(lead_days, 1) + 1), 0).isoformat()
                proposed = set().union(*(lines_of(p) for _i, _s, p in po_decisions(shop, since)), set())
                assert sku in on_order | pending | proposed, (day, sku, answers, low, lead, limit)
