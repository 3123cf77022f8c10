"""A supplier none of whose items the shop stocks any more is still ordered from, on the issue's bound (issue 14,
twelfth session: the temple town's milk agent was never ordered all year on seeds 2 and 3)."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

import numpy as np

from app.agents.dropped_suppliers import KEEP_AFTER_DAYS, keep_orders
from app.agents.proposal import PURCHASE_ORDER, Action, Proposal
from app.agents.snapshot import Link

TODAY = date(2026, 6, 1)
MILK_AGENT, WHOLESALE = 7, 8


def shop(*, last_sent: int | None = 20, on_hand: tuple[int, int, int] = (0, 0, 50_000), pending: bool = False):
    """Three items: two of the milk agent (lead 1 day, ₹250 minimum), out of stock, their forecast fallen to 0.3 a
    day (read from a history with no day in stock): a case of 20 at ₹120 (₹2,400) and a case of 10 at ₹35.15
    (₹351.50); the third, the wholesaler's, on the shelf."""
    suppliers = {MILK_AGENT: SimpleNamespace(id=MILK_AGENT, name="Milk agent", min_order_paise=25_000,
                                             whatsapp="98", phone=None, order_via="whatsapp"),
                 WHOLESALE: SimpleNamespace(id=WHOLESALE, name="Wholesale", min_order_paise=400_000,
                                            whatsapp="99", phone=None, order_via="whatsapp")}
    snap = SimpleNamespace(
        today=TODAY, skus=["CURD", "GHEE", "ATTA"], names=["Curd", "Ghee", "Atta"], units=["pcs"] * 3,
        on_hand=np.array(on_hand), open_lines={}, pending_approval={"GHEE": 1} if pending else {},
        suppliers=suppliers, last_sent={} if last_sent is None else {MILK_AGENT: TODAY - timedelta(days=last_sent)},
        shelf_life=np.array([2, 2, 0]), price=np.array([13_100, 3_800, 30_000]),
        sales=np.full((3, 91), np.nan), directives=SimpleNamespace(service_level=0.95, goal_id=None))
    view = SimpleNamespace(position=np.array(on_hand), daily=np.array([0.3, 0.3, 2.0]), lead_days=np.array([1, 1, 2]),
                           rop=np.array([2000, 2000, 8000]), target=np.array([2000, 2000, 20_000]))
    lv = {"whole_life_mean": np.array([0.6, 0.6, 0.0])}
    chosen = [Link(MILK_AGENT, 12_000, 20_000, 20_000, 1), Link(MILK_AGENT, 3_515, 10_000, 10_000, 1),
              Link(WHOLESALE, 25_000, 5_000, 5_000, 2)]
    return snap, view, lv, chosen


def test_a_supplier_whose_items_are_all_left_out_is_ordered_once_its_lead_time_and_a_week_have_passed():
    snap, view, lv, chosen = shop()
    [order] = keep_orders(snap, view, lv, chosen, [], "inventory")
    params = order.action.params
    assert order.kind == PURCHASE_ORDER and params["supplier_id"] == MILK_AGENT and order.needs_seller is None
    # the line expected to lose least, within what a probe may cost (the ₹2,400 case is more), at the minimum
    assert params["lines"] == [{"sku": "GHEE", "qty_milli": 10_000, "cost_paise": 3_515}]
    assert params["total_paise"] >= 25_000 and order.context["keeps_supplier"]
    assert "Milk agent" in order.reasoning[0] and "20 days" in order.reasoning[0]


def test_no_such_order_before_the_bound_nor_while_the_supplier_is_still_stocked_ordered_or_awaited():
    assert not keep_orders(*shop(last_sent=1 + KEEP_AFTER_DAYS - 1), [], "inventory")  # lead 1 + 7 days not yet
    assert keep_orders(*shop(last_sent=1 + KEEP_AFTER_DAYS), [], "inventory")
    assert not keep_orders(*shop(on_hand=(0, 3000, 50_000)), [], "inventory")  # an item still on the shelf
    # the seller is deciding on the one item a probe can buy (the curd's case is dearer): not bought twice
    assert not keep_orders(*shop(pending=True), [], "inventory")
    snap, view, lv, chosen = shop()
    ordinary = Proposal(agent="inventory", decision_type="restock", expected={}, value_paise=0, reasoning=[],
                        action=Action(kind=PURCHASE_ORDER, params={"supplier_id": MILK_AGENT, "lines": [],
                                                                   "total_paise": 0}))
    assert keep_orders(snap, view, lv, chosen, [ordinary], "inventory") == [ordinary]  # ordered today already
    # never ordered in the memory of the snapshot: the days its items have been out of stock count instead
    snap, view, lv, chosen = shop(last_sent=None)
    assert keep_orders(snap, view, lv, chosen, [], "inventory")
    snap.sales[:, -3:] = 1.0  # on the shelf three days ago
    assert not keep_orders(snap, view, lv, chosen, [], "inventory")


def below_minimum(supplier_id: int, sku: str) -> Proposal:
    """An order the newsvendor cut below the supplier's minimum: it waits for the seller."""
    return Proposal(agent="inventory", decision_type="restock", expected={}, value_paise=0, reasoning=[],
                    action=Action(kind=PURCHASE_ORDER, params={"supplier_id": supplier_id, "total_paise": 7_030,
                                                               "lines": [{"sku": sku, "qty_milli": 2_000}]}),
                    needs_seller="The order is below the minimum.")


def test_orders_that_wait_for_a_seller_who_never_answers_in_time_do_not_keep_a_supplier():
    """Kota's milk agent (issue 14, fifteenth session): an order below its minimum was proposed every day and sent
    to the seller, who answers after four days, so every approval expired unanswered after three; the supplier went
    211 days with no order sent while the rule stood aside for the order proposed that day or the items awaiting
    the seller. While the seller sits on orders of its items, one more that waits for the seller is not an order:
    the one to the minimum goes out in its place, of an item the seller is not deciding on."""
    snap, view, lv, chosen = shop()
    snap.pending_approval = {"CURD": 3}  # yesterday's order, still waiting
    waiting, wholesale = below_minimum(MILK_AGENT, "GHEE"), below_minimum(WHOLESALE, "ATTA")
    out = keep_orders(snap, view, lv, chosen, [waiting, wholesale], "inventory")
    assert waiting not in out and wholesale in out  # only the kept supplier's waiting order gives way
    [order] = [p for p in out if p.context.get("keeps_supplier")]
    assert order.needs_seller is None and order.action.params["supplier_id"] == MILK_AGENT
    assert order.action.params["lines"] == [{"sku": "GHEE", "qty_milli": 10_000, "cost_paise": 3_515}]
    # an order proposed today that goes out without the seller still keeps it
    sent = below_minimum(MILK_AGENT, "GHEE")
    sent.needs_seller = None
    assert keep_orders(snap, view, lv, chosen, [sent], "inventory") == [sent]
    # a seller who has nothing of the supplier's still to answer gets today's waiting order where the supplier sells
    # something that keeps (it may make the order up to the minimum when it is carried out), as before
    snap.pending_approval = {}
    snap.shelf_life = np.array([2, 0, 0])
    assert keep_orders(snap, view, lv, chosen, [waiting], "inventory") == [waiting]
    # but where it sells only perishables the approved order would be held under the minimum (eighteenth session)
    snap.shelf_life = np.array([2, 2, 0])
    assert waiting not in keep_orders(snap, view, lv, chosen, [waiting], "inventory")
