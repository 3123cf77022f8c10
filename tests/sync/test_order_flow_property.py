"""Property 7: fulfilment of marketplace orders, for any order and any sequence of events."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.errors import AppError
from app.services import catalog, order_flow, order_parts, sales
from app.services.context import Origin
from app.services.sales import RemoteLine
from app.store import orders as order_store
from app.sync import fulfilment, setup
from app.sync.marketplaces import adapter_class

from .conftest import CHANNEL, SECRETS

EVENTS = ("accept", "ship", "cancel", "return", "remote_cancel", "remote_delivered", "remote_packed", "ship_part",
          "cancel_rest")
STEP_OPS = {"accept": ("order.accept",), "ship": ("order.accept", "order.ship"), "cancel": ("order.cancel",)}
_ids = itertools.count(1)


def _ledger_matches(db) -> bool:
    rows = db.execute("SELECT s.sku, s.on_hand_milli, COALESCE((SELECT SUM(qty_milli) FROM stock_move m"
                      " WHERE m.sku = s.sku), 0) FROM stock s").fetchall()
    return all(on_hand == moved for _sku, on_hand, moved in rows)


@pytest.mark.slow  # about 7 s: 100 orders, each through up to 8 events
@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(market=st.sampled_from(("amazon", "shopify", "woocommerce", "ondc")),
       qty=st.integers(1, 3), events=st.lists(st.sampled_from(EVENTS), max_size=8))
def test_property_7_order_state_only_moves_forward_and_each_step_is_queued_once(
        ctx, credentials, make_product, market, qty, events):
    """Feature: tavyonix-seller-os, Property 7: for any order and any sequence of events, the order's
    state only moves forward, every step the channel must hear of is queued exactly once, and stock
    equals the ledger. Partial shipments included: a part of one unit shipped now (each part queued once),
    the rest shipped later or cancelled with the customer's consent (its stock back once); whatever follows,
    the stock taken is exactly the units that went."""
    code = CHANNEL[market]
    db = ctx.store.db()
    if not db.execute("SELECT 1 FROM channel WHERE code = ?", (code,)).fetchone():
        catalog.add_channel(ctx, code=code, name=market)
        # never contacted: this property is about what is queued, the simulator tests cover the sending
        setup.connect(ctx, channel=code, adapter=market, base_url="http://127.0.0.1:9", secrets=SECRETS[market],
                      credentials=credentials, account={"seller_id": "A1SELLER"} if market == "amazon" else {})
    if not db.execute("SELECT 1 FROM product WHERE sku = 'P7'").fetchone():
        make_product("P7", opening_stock_milli=1_000_000)
    remote = f"R{next(_ids)}"
    start = db.execute("SELECT on_hand_milli FROM stock WHERE sku = 'P7'").fetchone()[0]
    order_id = sales.import_marketplace_order(ctx, channel=code, remote_id=remote, lines=[RemoteLine(
        sku="P7", qty_milli=qty * 1000, unit_price_paise=2800, remote_line_id=f"{remote}:1")]).id
    covers = adapter_class(market).covers
    expected: list[str] = []
    status = "pending"
    shipped_in_parts = cancelled_rest = 0  # units (milli), as the steps that succeeded say
    remote_origin = Origin(actor=f"sync:{code}")
    for event in events:
        before = order_store.get(db, order_id, with_lines=False).status
        try:
            if event == "accept":
                fulfilment.accept_order(ctx, order_id)
            elif event == "ship":
                fulfilment.ship_order(ctx, order_id, carrier="India Post", tracking="EE1IN")
            elif event == "ship_part":
                order_parts.ship_part(ctx, order_id, {"P7": 1000}, carrier="India Post", tracking="EE2IN")
            elif event == "cancel_rest":
                changed = order_parts.cancel_rest(ctx, order_id, reason="customer agreed")
            elif event == "cancel":
                fulfilment.cancel_order(ctx, order_id)
            elif event == "return":
                fulfilment.receive_return(ctx, order_id)
            elif event == "remote_cancel":
                sales.cancel_order(ctx, order_id, origin=remote_origin)
            else:
                sales.set_order_status(ctx, order_id, event.removeprefix("remote_"), origin=remote_origin)
        except AppError:
            assert order_store.get(db, order_id, with_lines=False).status == before  # refused: nothing moved
            continue
        status = order_store.get(db, order_id, with_lines=False).status
        assert order_flow.can_move(before, status), (before, event, status)
        accept = ["order.accept"] if before == "pending" and covers.get("order.accept") else []
        if event == "ship_part":  # a part always goes (or the step was refused above)
            expected += [*accept, "order.ship_part"]
            shipped_in_parts += 1000
        elif event == "cancel_rest":
            if changed.events:  # the first time; a second changes nothing
                expected.append("order.cancel_rest")
                cancelled_rest = qty * 1000 - shipped_in_parts
        elif event == "ship" and status != before and shipped_in_parts:  # the units still waiting, as a part
            expected.append("order.ship_part")
            shipped_in_parts = qty * 1000
        elif status != before:  # the seller's step: the channel hears of it if it takes that command
            expected += [op for op in STEP_OPS.get(event, ()) if covers.get(op)
                         and not (op == "order.accept" and before != "pending")]
        assert shipped_in_parts + cancelled_rest <= qty * 1000
        assert _ledger_matches(db)
    queued = [r[0] for r in db.execute("SELECT op FROM outbox WHERE kind = 'command' AND entity_id = ?", (remote,))]
    assert sorted(queued) == sorted(expected), (market, events, queued)
    if status == "returned":
        taken = 0  # what went came back; what never went came back when it was cancelled
    elif status == "cancelled":
        taken = shipped_in_parts  # a cancellation brings back only the units still in the shop
    else:
        taken = qty * 1000 - cancelled_rest
    assert db.execute("SELECT on_hand_milli FROM stock WHERE sku = 'P7'").fetchone()[0] == start - taken
    assert _ledger_matches(db)
