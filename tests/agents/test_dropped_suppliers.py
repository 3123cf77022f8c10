"""A supplier none of whose items the shop stocks any more is still ordered from, on the issue's bound (issue 14,
twelfth session: the temple town's milk agent was never ordered all year on seeds 2 and 3)."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

import numpy as np

from app.agents.dropped_suppliers import KEEP_AFTER_DAYS, MADE_UP_MAX_COVER_DAYS, keep_orders
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
        today=TODAY, skus=["CURD", "GHEE", "ATTA"], index={"CURD": 0, "GHEE": 1, "ATTA": 2},
        names=["Curd", "Ghee", "Atta"], units=["pcs"] * 3,
        on_hand=np.array(on_hand), open_lines={}, pending_order={"GHEE": 1} if pending else {},
        suppliers=suppliers, last_sent={} if last_sent is None else {MILK_AGENT: TODAY - timedelta(days=last_sent)},
        shelf_life=np.array([2, 2, 0]), price=np.array([13_100, 3_800, 30_000]),
        sales=np.full((3, 91), np.nan), directives=SimpleNamespace(service_level=0.95, goal_id=None), refused={})
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
    snap.pending_order = {"CURD": 3}  # yesterday's order, still waiting
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
    # where the supplier sells something that keeps, today's waiting order is made up to the minimum with it
    # (twenty-second session, below): approved under the minimum it would be held, as for twenty days already
    snap.pending_order = {}
    snap.shelf_life = np.array([2, 0, 0])
    [made] = [p for p in keep_orders(snap, view, lv, chosen, [waiting], "inventory") if p.kind == PURCHASE_ORDER]
    assert made.needs_seller is None and made.action.params["total_paise"] >= 25_000
    assert made.action.params["lines"] == [{"sku": "GHEE", "qty_milli": 12_000, "cost_paise": 3_515}]
    # but where it sells only perishables the approved order would be held under the minimum (eighteenth session)
    snap.shelf_life = np.array([2, 2, 0])
    assert waiting not in keep_orders(snap, view, lv, chosen, [waiting], "inventory")


KITE_MAKER, LOCAL = 3, 4


def kite_shop(*, last_sent: int | None = 40, refused: bool = False):
    """The blind21 Jaipur festival-goods shop's kite maker (6 days, ₹15,000 minimum): four kites and reels that keep.
    Two are out of stock with nothing coming (0.5 and 0.1 a day), two still on the shelf (20 and 12 units, 0.25 and
    0.2 a day); a case is 10 at ₹458 (kites) or 5 at ₹529 (reels)."""
    suppliers = {KITE_MAKER: SimpleNamespace(id=KITE_MAKER, name="Kite maker", min_order_paise=1_500_000,
                                             whatsapp="97", phone=None, order_via="whatsapp"),
                 LOCAL: SimpleNamespace(id=LOCAL, name="Local", min_order_paise=300_000, whatsapp="96", phone=None,
                                        order_via="whatsapp")}
    on_hand = np.array([0, 0, 20_000, 12_000, 30_000])
    snap = SimpleNamespace(
        today=TODAY, skus=["KITE", "REEL", "FIGHTER", "FIRKI", "TOY"],
        index={"KITE": 0, "REEL": 1, "FIGHTER": 2, "FIRKI": 3, "TOY": 4},
        names=["Kite", "Reel", "Fighter", "Firki", "Toy"],
        units=["pcs"] * 5, on_hand=on_hand, open_lines={}, pending_order={}, suppliers=suppliers,
        last_sent={} if last_sent is None else {KITE_MAKER: TODAY - timedelta(days=last_sent)},
        shelf_life=np.zeros(5, dtype=np.int64), price=np.array([70_000, 80_000, 60_000, 90_000, 40_000]),
        sales=np.full((5, 91), np.nan), directives=SimpleNamespace(service_level=0.95, goal_id=None),
        refused={KITE_MAKER: ["refused"]} if refused else {})
    view = SimpleNamespace(position=on_hand.copy(), daily=np.array([0.5, 0.1, 0.25, 0.2, 1.0]),
                           lead_days=np.array([6, 6, 6, 6, 1]), rop=np.array([6000, 3000, 5000, 4000, 3000]),
                           target=np.array([8000, 3000, 6000, 5000, 10_000]))
    lv = {"whole_life_mean": np.zeros(5)}
    chosen = [Link(KITE_MAKER, 45_817, 10_000, 10_000, 6), Link(KITE_MAKER, 52_932, 5_000, 5_000, 6),
              Link(KITE_MAKER, 45_817, 10_000, 10_000, 6), Link(KITE_MAKER, 52_932, 5_000, 5_000, 6),
              Link(LOCAL, 25_000, 5_000, 5_000, 1)]
    # today's order: the two items out, to their targets, ₹7,228.60 against the ₹15,000 minimum
    waiting = Proposal(agent="inventory", decision_type="restock", expected={"lines": {}}, value_paise=0,
                       reasoning=["Kite maker: 2 items are below their reorder point."],
                       action=Action(kind=PURCHASE_ORDER, params={
                           "supplier_id": KITE_MAKER, "total_paise": 722_830,
                           "lines": [{"sku": "KITE", "qty_milli": 10_000, "cost_paise": 45_817},
                                     {"sku": "REEL", "qty_milli": 5_000, "cost_paise": 52_932}]}),
                       needs_seller="The order is below the minimum.")
    return snap, view, lv, chosen, waiting


def test_an_order_under_the_minimum_of_a_supplier_unsent_to_past_the_bound_is_made_up_with_goods_that_keep():
    """Twenty-second session, the blind21 Jaipur shop: the kite maker's order came to ₹7,000-₹14,700 against its
    ₹15,000 minimum every day from April to November; the seller approved it and it was held when carried out
    (none of its other kites was "needed soon"), so nothing was sent for 235 days while up to ten of its fourteen
    items were out, and the rule for a supplier none of whose items is stocked stood aside (some were). Once the
    supplier has gone unsent-to past its lead time plus a week, the order goes out made up to the minimum: a case
    at a time to the line with the fewest days of cover, never past ``MADE_UP_MAX_COVER_DAYS`` of it."""
    snap, view, lv, chosen, waiting = kite_shop()
    out = keep_orders(snap, view, lv, chosen, [waiting], "inventory")
    assert waiting not in out
    [made] = out
    params = made.action.params
    assert made.needs_seller is None and params["supplier_id"] == KITE_MAKER and made.context["made_up_to_minimum"]
    assert params["total_paise"] >= 1_500_000 and params["total_paise"] == sum(
        line["qty_milli"] * line["cost_paise"] // 1000 for line in params["lines"])
    qty = {line["sku"]: line["qty_milli"] for line in params["lines"]}
    assert qty["KITE"] >= 10_000 and qty["REEL"] >= 5_000 and "TOY" not in qty  # today's lines stay; not another's
    for k, sku in enumerate(snap.skus[:4]):  # never past MADE_UP_MAX_COVER_DAYS of cover
        assert (view.position[k] + qty.get(sku, 0)) / 1000 / view.daily[k] <= MADE_UP_MAX_COVER_DAYS
    assert "Kite maker" in made.reasoning[0] and "40 days" in made.reasoning[0]


def test_no_made_up_order_before_the_bound_after_a_refusal_or_where_the_cover_cannot_reach_the_minimum():
    snap, view, lv, chosen, waiting = kite_shop(last_sent=6 + KEEP_AFTER_DAYS - 1)
    assert keep_orders(snap, view, lv, chosen, [waiting], "inventory") == [waiting]
    snap, view, lv, chosen, waiting = kite_shop(refused=True)  # the seller said no: the seller decides
    assert keep_orders(snap, view, lv, chosen, [waiting], "inventory") == [waiting]
    snap, view, lv, chosen, waiting = kite_shop()
    view.daily[:4] = 0.01  # a year of every line is worth less than the minimum: a held order is no worse
    assert keep_orders(snap, view, lv, chosen, [waiting], "inventory") == [waiting]
    snap, view, lv, chosen, waiting = kite_shop()
    waiting.needs_seller = None  # an order that goes out today (within the limits) keeps the supplier
    assert keep_orders(snap, view, lv, chosen, [waiting], "inventory") == [waiting]
    snap, view, lv, chosen, waiting = kite_shop()
    view.position[:2] = 5000  # nothing out of stock: the ordinary orders keep it
    snap.on_hand[:2] = 5000
    assert keep_orders(snap, view, lv, chosen, [waiting], "inventory") == [waiting]
    snap, view, lv, chosen, waiting = kite_shop()
    snap.shelf_life[:2] = 3  # only perishables out: the newsvendor may leave them out on purpose (fresh_cases)
    assert keep_orders(snap, view, lv, chosen, [waiting], "inventory") == [waiting]
