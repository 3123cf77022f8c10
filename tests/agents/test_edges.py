"""Edges of the engine and the inventory agent found by running the simulator and the CLI: a limit that
tightens before the seller approves, the shop's service level, pricing run on its own, and a slow
perishable whose need is smaller than a case."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import ClassVar

from app import config
from app.agents.inventory import InventoryAgent
from app.agents.pricing import PricingAgent
from app.services import beliefs, catalog, inventory, market, sales, settings, suppliers
from app.services.market import CompetitorSighting
from app.services.sales import PaymentIn, SaleLine
from app.store import decisions as decision_store

from .conftest import SELLER, START, TODAY, at


def new_item(kirana, sku: str, name: str, category: str, *, price: int, mrp: int, cost: int, case: int,
             opening: int, shelf_life: int | None = None) -> None:
    """An item from the main supplier, in cases of ``case`` units, with ``opening`` units on the shelf the day
    before the history starts."""
    kirana.clock.set(at(START - timedelta(days=1)))
    catalog.create_product(kirana.ctx, sku=sku, name_en=name, category=category, price_paise=price, mrp_paise=mrp,
                           cost_paise=cost, shelf_life_days=shelf_life)
    suppliers.link_product(kirana.ctx, kirana.supplier_id, sku, cost_paise=cost, case_size_milli=case * 1000,
                           moq_milli=case * 1000)
    inventory.receive_stock(kirana.ctx, sku, opening * 1000, unit_cost_paise=cost, source_ref=f"opening:{sku}",
                            expires_on=START + timedelta(days=60) if shelf_life else None, origin=SELLER)


def sell(kirana, sku: str, day_offset: int, units: int) -> None:
    """One bill for ``units`` of ``sku`` in the evening of the history's day ``day_offset``."""
    kirana.clock.set(at(START + timedelta(days=day_offset), 18))
    line = [SaleLine(sku=sku, qty_milli=units * 1000)]
    total = sales.quote_sale(kirana.ctx, lines=line).total_paise
    sales.record_sale(kirana.ctx, lines=line, payments=[PaymentIn(method="cash", amount_paise=total)],
                      origin=SELLER)

def test_an_approval_that_now_crosses_a_hard_limit_is_refused_not_stuck(kirana):
    settings.set_setting(kirana.ctx, "agents.pricing.max_change_bp", 0)  # every move needs the seller
    market.record_competitor_prices(kirana.ctx, [CompetitorSighting(  # evidence for a move
        sku="ATTA5", price_paise=29900, source="marketplace", seen_on=TODAY)], origin=SELLER)
    engine = kirana.engine()
    engine.run_cycle(["pricing"])
    pending = decision_store.approvals(kirana.store.db())
    assert pending, "the pricing agent should have asked for a price move"
    approval = pending[0]
    decision = decision_store.decision(kirana.store.db(), approval.decision_id)
    action = json.loads(decision.actions_json)[0]
    sku, before = action["params"]["sku"], kirana.price(action["params"]["sku"])
    # the seller raises the margin floor far above any price the agent could have asked for, then approves
    settings.set_setting(kirana.ctx, config.MARGIN_FLOOR_BP.key, 9000)
    assert engine.approve(approval.id, note="ok") == "rejected"
    assert kirana.price(sku) == before
    assert decision_store.decision(kirana.store.db(), approval.decision_id).status == "rejected"
    assert approval.id not in {a.id for a in decision_store.approvals(kirana.store.db())}


def _reorder_point(kirana, sku: str) -> int:
    engine = kirana.engine([InventoryAgent()])
    seen = {}

    class Probe:
        NAME = "probe"
        TRIGGER: ClassVar[dict] = {"trigger": "interval", "hours": 1}

        def propose(self, snap, board):
            view = board.notes["inventory"]
            seen["rop"] = int(view.rop[snap.skus.index(sku)])
            return []

    engine.agents["probe"] = Probe()
    engine.breakers["probe"] = engine.breakers["inventory"].__class__("probe", threshold=3,
                                                                       cooldown=timedelta(hours=1))
    engine.run_cycle(["probe"])  # the inventory agent only observes: no orders
    assert not kirana.store.db().execute("SELECT count(*) FROM purchase_order").fetchone()[0]
    return seen["rop"]


def test_the_shops_service_level_sets_the_safety_stock(kirana):
    settings.set_setting(kirana.ctx, "agents.inventory.service_level_bp", 8000)
    low = _reorder_point(kirana, "ATTA5")
    settings.set_setting(kirana.ctx, "agents.inventory.service_level_bp", 9900)
    high = _reorder_point(kirana, "ATTA5")
    assert high > low


def test_pricing_alone_still_knows_what_runs_out_before_a_delivery(kirana):
    seen = {}

    class Probe:
        NAME = "pricing_probe"
        TRIGGER: ClassVar[dict] = {"trigger": "interval", "hours": 1}

        def propose(self, snap, board):
            seen["view"] = board.notes.get("inventory")
            return []

    engine = kirana.engine([InventoryAgent(), PricingAgent(), Probe()])
    engine.run_cycle(["pricing_probe"])
    view = seen["view"]
    assert view is not None
    # TEA: 2 in stock, half a unit a day, two days to a delivery: not out; SOAP with 5 and one a day neither;
    # the picture is the inventory agent's, made without any order being placed
    assert view.rop.shape[0] == len(kirana.store.db().execute("SELECT sku FROM product").fetchall())
    assert not kirana.store.db().execute("SELECT count(*) FROM purchase_order").fetchone()[0]


def test_a_slow_perishable_gets_a_whole_case_when_the_case_sells_before_it_expires(kirana):
    """Namkeen: about 0.8 a day, 50 days of shelf life, sold in cases of 24. Its need (about 10) is less
    than 60% of a case; the case sells in a month, well within the shelf life, so a case is ordered."""
    new_item(kirana, "NAMKEEN", "Namkeen 200 g", "snacks", price=4800, mrp=5000, cost=4000, case=24, opening=40,
             shelf_life=50)
    pattern = [1, 0, 1, 1, 0, 1, 2, 0, 1, 1]  # 0.8 a day
    for offset in range((TODAY - START).days):
        if pattern[offset % len(pattern)]:
            sell(kirana, "NAMKEEN", offset, pattern[offset % len(pattern)])
    ctx, clock = kirana.ctx, kirana.clock
    clock.set(at(TODAY - timedelta(days=1), 21))
    inventory.count_stock(ctx, "NAMKEEN", 1000, origin=SELLER)
    clock.set(at(TODAY))
    kirana.engine().run_cycle(["inventory"])
    lines = kirana.store.db().execute("SELECT qty_milli FROM purchase_order_line WHERE sku = 'NAMKEEN'").fetchall()
    assert lines == [(24_000,)]


def test_an_order_over_the_money_left_is_cut_to_its_most_urgent_lines(kirana):
    from app.agents.proposal import PURCHASE_ORDER, Action, Proposal

    from .test_engine import FixedAgent

    settings.set_setting(kirana.ctx, "agents.inventory.weekly_budget_paise", 200_000)
    lines = [{"sku": "SOAP", "qty_milli": 6000, "cost_paise": 25_000},  # 1,50,000 paise
             {"sku": "TEA", "qty_milli": 6000, "cost_paise": 20_000},  # 1,20,000: runs out first
             {"sku": "ATTA5", "qty_milli": 5000, "cost_paise": 10_000}]  # 50,000
    facts = {"SOAP": {"runs_out_first": False, "position_milli": 4000, "rop_milli": 5000},
             "TEA": {"runs_out_first": True, "position_milli": 0, "rop_milli": 3000},
             "ATTA5": {"runs_out_first": False, "position_milli": 9000, "rop_milli": 10_000}}
    order = Proposal(agent="buyer", decision_type="restock", reasoning=["three items low"], urgent=True,
                     action=Action(kind=PURCHASE_ORDER, params={"supplier_id": kirana.supplier_id,
                                                                "total_paise": 320_000, "via": "whatsapp",
                                                                "lines": lines}),
                     expected={"spend_paise": 320_000, "lines": facts}, value_paise=9000)
    report = kirana.engine([FixedAgent("buyer", [order])]).run_cycle()
    assert report.executed == 1
    bought = dict(kirana.store.db().execute("SELECT sku, qty_milli FROM purchase_order_line").fetchall())
    assert bought == {"TEA": 6000, "ATTA5": 5000}  # the urgent line first, then what still fits: 1,70,000
    decision = decision_store.decisions(kirana.store.db(), status="executed")[0]
    assert "Cut to fit the purchase money: 2 of 3 items" in decision.reasoning[-1]


def test_an_item_out_of_stock_for_months_is_ordered_again_from_what_it_sold_before(kirana):
    """Out of stock through the whole history the agents read (91 days), an item's days are all unknown; it
    is ordered again at the pace it sold when it was last on the shelf, not forgotten for good."""
    new_item(kirana, "GHEE", "Ghee 500 ml", "dairy", price=32000, mrp=34000, cost=28000, case=6, opening=60)
    for offset in range(20):  # two a day for twenty days, then the shelf is empty
        sell(kirana, "GHEE", offset, 2)
    ctx, clock = kirana.ctx, kirana.clock
    clock.set(at(START + timedelta(days=20), 21))
    inventory.count_stock(ctx, "GHEE", 0, origin=SELLER)
    clock.set(at(START + timedelta(days=20 + 95)))  # three months on, never restocked
    kirana.engine().run_cycle(["inventory"])
    lines = kirana.store.db().execute("SELECT qty_milli FROM purchase_order_line WHERE sku = 'GHEE'").fetchall()
    assert lines and lines[0][0] >= 6000


def test_overstock_alerts_name_the_money_tied_up_most_first_and_stay_readable(kirana, monkeypatch):
    import app.agents.inventory as inventory_agent

    monkeypatch.setattr(inventory_agent, "ALERTS_OPEN_MAX", 2)
    for sku, units in (("ATTA5", 400), ("OIL1", 400), ("SOAP", 200), ("TEA", 100)):  # months of stock each
        kirana.set_stock(sku, units * 1000)
    kirana.engine().run_cycle(["inventory"])
    db = kirana.store.db()
    open_now = {row[0] for row in db.execute("SELECT subject FROM agent_alert WHERE kind = 'overstock'"
                                             " AND resolved_at IS NULL")}
    assert open_now == {"ATTA5", "OIL1"}  # ₹1,02,000 and ₹61,200 of stock; soap and tea wait their turn
    kirana.set_stock("ATTA5", 20_000)  # sold off: its alert goes, and the next one in line takes its place
    kirana.engine().run_cycle(["inventory"])
    open_now = {row[0] for row in db.execute("SELECT subject FROM agent_alert WHERE kind = 'overstock'"
                                             " AND resolved_at IS NULL")}
    assert open_now == {"OIL1", "TEA"}


def test_a_perishable_whose_case_never_paid_is_not_stocked_nor_probed(kirana):
    """Paneer sold half a piece a day: a case of 10 that keeps five days sells about 2.5 before it expires and
    loses money, so the agent lets it run out and, two weeks on, does not try a case either (it never paid)."""
    new_item(kirana, "PANEER", "Paneer 200 g", "dairy", price=9000, mrp=9500, cost=8000, case=10, opening=5,
             shelf_life=5)
    for offset in (1, 3, 5, 7, 9):
        sell(kirana, "PANEER", offset, 1)
    assert _ordered_after_two_cycles(kirana, "PANEER", 25) == []  # the last piece went on day 9: 16 days empty
    db = kirana.store.db()
    # the supplier's order for the other items says why (the seller would otherwise wonder where the paneer is)
    reasons = [r for d in decision_store.decisions(db) for r in d.reasoning]
    assert any(r.startswith("Not stocked: Paneer 200 g. A case of 10 pcs would sell about ")
               and "before it expires (5 days) and lose about ₹" in r for r in reasons), reasons


def test_a_perishable_out_for_two_weeks_is_tried_again_with_one_case(kirana):
    """Paneer sold three a day, which paid for its case, until the shelf ran empty; the engine has since learnt
    that its forecasts ran five times too high, so at the forecast a case no longer pays. Two weeks out of stock,
    with nothing to learn from, it tries one case to see whether it sells again, once (the case on order stops a
    second try)."""
    new_item(kirana, "PANEER", "Paneer 200 g", "dairy", price=9000, mrp=9500, cost=6000, case=10, opening=30,
             shelf_life=5)
    for offset in range(1, 10):
        sell(kirana, "PANEER", offset, 3)
    kirana.clock.set(at(START + timedelta(days=9), 21))
    inventory.count_stock(kirana.ctx, "PANEER", 0, origin=SELLER)  # the last three went off: empty from day 9
    beliefs.update_beliefs(kirana.ctx, [beliefs.BeliefChange(kind="forecast_bias", subject="PANEER", value=0.2,
                                                             spread=0.1)], origin=SELLER)
    kirana.clock.set(at(START + timedelta(days=25)))
    engine = kirana.engine()
    engine.run_cycle(["inventory"])
    engine.run_cycle(["inventory"])
    db = kirana.store.db()
    assert db.execute("SELECT qty_milli FROM purchase_order_line WHERE sku = 'PANEER'").fetchall() == [(10_000,)]
    reasons = [r for d in decision_store.decisions(db, status="executed") for r in d.reasoning]
    # day 9 sold its three before the shelf was counted empty: a known day (demand at least three), so the
    # streak of days out runs from day 10
    assert any("Paneer 200 g has been out of stock for 15 days" in r for r in reasons), reasons


def test_a_day_customers_emptied_the_shelf_keeps_what_it_sold_and_an_empty_day_stays_unknown(kirana):
    """Bread, five on the shelf each morning and all five sold by the evening for two weeks, then a week with an
    empty shelf. The sold-out days say demand was at least five: they are kept (dropped, the item read as never
    known and its pace came from before the history). The empty week sold nothing because nothing was there:
    unknown, not zero."""
    from app.agents.limits import Limits
    from app.agents.planner import Directives
    from app.agents.snapshot import build_snapshot

    new_item(kirana, "BREAD", "Bread 400 g", "dairy", price=4500, mrp=4500, cost=3800, case=5, opening=5,
             shelf_life=3)
    sell(kirana, "BREAD", -1, 5)  # the opening five sold the day before the history
    for offset in range(14):
        kirana.clock.set(at(START + timedelta(days=offset), 8))
        inventory.receive_stock(kirana.ctx, "BREAD", 5000, unit_cost_paise=3800, source_ref=f"bake:{offset}",
                                expires_on=START + timedelta(days=offset + 3), origin=SELLER)
        sell(kirana, "BREAD", offset, 5)
    kirana.clock.set(at(START + timedelta(days=21), 9))
    snap = build_snapshot(kirana.store, now=kirana.ctx.now(), today=kirana.ctx.today(),
                          limits=Limits.load(kirana.store), directives=Directives())
    row = snap.sales[snap.index["BREAD"]]
    first = (START - snap.history_start).days
    assert list(row[first:first + 14]) == [5.0] * 14  # closed empty every evening, after selling five
    assert all(v != v for v in row[first + 14:first + 21])  # NaN: the shelf was empty all day
    milk = snap.sales[snap.index["MILK"]]
    assert (milk[first:first + 14] > 0).any()  # an item that was in stock keeps its days as before


def test_a_perishable_whose_every_day_in_stock_sold_out_is_tried_again_with_one_case(kirana):
    """Milk, four on the shelf each morning and all four gone by the evening for three days, then two weeks
    without. At four a day its case of ten, keeping two days, would lose money; but four is only what the shelf
    held, a floor on what customers wanted, so nothing shows a case would not pay: it is tried again with one."""
    new_item(kirana, "MILK2", "Aavin milk 500 ml", "dairy", price=3800, mrp=3800, cost=3515, case=10, opening=4,
             shelf_life=2)
    sell(kirana, "MILK2", -1, 4)
    for offset in range(2):
        kirana.clock.set(at(START + timedelta(days=offset), 8))
        inventory.receive_stock(kirana.ctx, "MILK2", 4000, unit_cost_paise=3515, source_ref=f"milk:{offset}",
                                expires_on=START + timedelta(days=offset + 2), origin=SELLER)
        sell(kirana, "MILK2", offset, 4)
    # the last four went on day 1: fifteen days closed empty
    assert _ordered_after_two_cycles(kirana, "MILK2", 17) == [(10_000,)]


def _ordered_after_two_cycles(kirana, sku: str, day: int) -> list[tuple[int]]:
    """The purchase-order lines for ``sku`` after two inventory cycles on ``day`` days from the start."""
    kirana.clock.set(at(START + timedelta(days=day)))
    engine = kirana.engine()
    engine.run_cycle(["inventory"])
    engine.run_cycle(["inventory"])
    return kirana.store.db().execute("SELECT qty_milli FROM purchase_order_line WHERE sku = ?", (sku,)).fetchall()
