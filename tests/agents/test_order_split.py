"""Orders split across suppliers to fit the seller's limits (issue 14, ninth session): when the usual supplier's
order cannot go out alone (its minimum is above the autonomy limit, or the purchase money left is under its
minimum), the items about to run out go to another supplier that sells them, in an order within the limit and
the money left; the rest waits for the seller, so nothing goes out alone beyond the limit."""

from __future__ import annotations

import json
from datetime import timedelta
from types import SimpleNamespace

from app import i18n
from app.agents import order_fit
from app.agents.inventory import InventoryAgent
from app.agents.limits import Budget, Limits
from app.services import settings, suppliers
from app.store import decisions as records

from .conftest import TODAY, Shop, at
from .test_agents import snapshot_and_board

LIMIT = 2_000_000  # ₹20,000 the agent may spend alone on one order
GUPTA_MINIMUM = 10_000_000  # ₹1 lakh: above the limit, so no order to Gupta can go out alone
METRO_MINIMUM = 100_000  # ₹1,000


def _short_shop(shop: Shop) -> None:
    """Atta and oil (which Metro sells too, at 4% more) are out and run out before any order could come; the rest
    is low, so Gupta's order is large."""
    suppliers.update_supplier(shop.ctx, shop.supplier_id, min_order_paise=GUPTA_MINIMUM)
    suppliers.update_supplier(shop.ctx, shop.backup_supplier_id, min_order_paise=METRO_MINIMUM)
    for sku in ("ATTA5", "OIL1", "SOAP", "TEA"):
        shop.set_stock(sku, 0)


def _orders(shop: Shop, **limits) -> list:
    snap, board = snapshot_and_board(shop, **limits)
    return [p for p in InventoryAgent().propose(snap, board) if p.kind == "purchase_order"]


def _sent(shop: Shop) -> list[dict]:
    """Every purchase order the engine carried out alone (the orders each decision sent)."""
    rows = shop.store.db().execute(
        "SELECT actions_json FROM agent_decision WHERE status = 'executed' AND decision_type IN "
        "('restock', 'prestock_festival')").fetchall()
    return [order for (actions,) in rows for order in json.loads(actions)[0]["params"].get("orders", [])]


def test_items_running_out_go_to_a_supplier_whose_order_fits_the_limit_the_rest_waits(kirana):
    _short_shop(kirana)
    orders = _orders(kirana, max_po_paise=LIMIT)
    by_supplier = {p.action.params["supplier_id"]: p for p in orders}
    assert set(by_supplier) == {kirana.supplier_id, kirana.backup_supplier_id}
    moved, rest = by_supplier[kirana.backup_supplier_id], by_supplier[kirana.supplier_id]
    assert {line["sku"] for line in moved.action.params["lines"]} == {"ATTA5", "OIL1"}
    assert moved.needs_seller is None and METRO_MINIMUM <= moved.action.spend_paise <= LIMIT
    assert any("cannot go out without you" in r and "Metro" in r and "above the ₹20,000.00" in r
               for r in moved.reasoning), moved.reasoning
    # the rest stays with Gupta and waits for the seller: it never goes out alone beside the moved order
    assert rest.needs_seller is not None and not {"ATTA5", "OIL1"} & set(rest.skus)
    assert {"SOAP", "TEA"} <= set(rest.skus)
    assert any("Metro takes the 2 items that run out first" in r for r in rest.reasoning), rest.reasoning


def test_through_the_engine_the_moved_order_goes_out_and_the_total_alone_stays_within_the_limit(kirana):
    _short_shop(kirana)
    settings.set_setting(kirana.ctx, "agents.inventory.max_po_paise", LIMIT)
    report = kirana.engine().run_cycle(["inventory"])
    sent = _sent(kirana)
    assert report.executed >= 1 and sent
    assert {order["supplier_id"] for order in sent} == {kirana.backup_supplier_id}
    assert sum(order["total_paise"] for order in sent) <= LIMIT
    assert {line["sku"] for order in sent for line in order["lines"]} >= {"ATTA5", "OIL1"}
    [approval] = records.approvals(kirana.store.db())  # Gupta's rest, for the seller
    [(actions,)] = kirana.store.db().execute("SELECT actions_json FROM agent_decision WHERE id = ?",
                                             (approval.decision_id,)).fetchall()
    rest = json.loads(actions)[0]["params"]
    assert rest["supplier_id"] == kirana.supplier_id and not {"ATTA5", "OIL1"} & {line["sku"] for line in rest["lines"]}


def test_when_the_budget_left_is_under_the_usual_suppliers_minimum_the_moved_order_fits_the_budget(kirana):
    suppliers.update_supplier(kirana.ctx, kirana.supplier_id, min_order_paise=500_000)  # ₹5,000, under the limit
    suppliers.update_supplier(kirana.ctx, kirana.backup_supplier_id, min_order_paise=METRO_MINIMUM)
    for sku in ("ATTA5", "OIL1", "SOAP", "TEA"):
        kirana.set_stock(sku, 0)
    budget = 400_000  # ₹4,000 a week: under Gupta's minimum, enough for a case or two at Metro
    settings.set_setting(kirana.ctx, "agents.inventory.weekly_budget_paise", budget)
    orders = _orders(kirana)
    [moved] = [p for p in orders if p.action.params["supplier_id"] == kirana.backup_supplier_id]
    assert METRO_MINIMUM <= moved.action.spend_paise <= budget and moved.needs_seller is None
    assert any("purchase money" in r for r in moved.reasoning), moved.reasoning
    kirana.engine().run_cycle(["inventory"])
    sent = _sent(kirana)
    assert sent and {order["supplier_id"] for order in sent} == {kirana.backup_supplier_id}
    assert sum(order["total_paise"] for order in sent) <= budget


def test_no_split_when_the_other_supplier_cannot_fit_is_slower_or_the_limits_are_not_chosen(kirana):
    _short_shop(kirana)
    suppliers.update_supplier(kirana.ctx, kirana.backup_supplier_id, min_order_paise=LIMIT + 100)
    [order] = _orders(kirana, max_po_paise=LIMIT)  # Metro's minimum is above the limit too: Gupta's waits as before
    assert order.action.params["supplier_id"] == kirana.supplier_id and "ATTA5" in order.skus
    suppliers.update_supplier(kirana.ctx, kirana.backup_supplier_id, min_order_paise=METRO_MINIMUM)
    [order] = _orders(kirana, max_po_paise=LIMIT, chosen=False)  # nothing goes out alone: no reason to split
    assert order.action.params["supplier_id"] == kirana.supplier_id and "ATTA5" in order.skus
    # Metro takes 3 days, Gupta 2: Gupta's order approved a day later comes as soon, at Gupta's price
    suppliers.update_supplier(kirana.ctx, kirana.backup_supplier_id, lead_time_days=3)
    [order] = _orders(kirana, max_po_paise=LIMIT)
    assert order.action.params["supplier_id"] == kirana.supplier_id and "ATTA5" in order.skus


def test_after_the_seller_refused_the_usual_supplier_a_slower_one_still_takes_what_runs_out(kirana):
    _short_shop(kirana)
    suppliers.update_supplier(kirana.ctx, kirana.backup_supplier_id, lead_time_days=3)  # slower than Gupta's 2
    settings.set_setting(kirana.ctx, "agents.inventory.max_po_paise", LIMIT)
    engine = kirana.engine()
    engine.run_cycle(["inventory"])
    assert not _sent(kirana)  # the seller may approve Gupta's order tomorrow: as fast as Metro, cheaper
    for approval in records.approvals(kirana.store.db()):
        engine.reject(approval.id, note="not now")
    kirana.clock.set(at(TODAY + timedelta(days=1)))
    engine.run_cycle(["inventory"])
    sent = _sent(kirana)
    assert {order["supplier_id"] for order in sent} == {kirana.backup_supplier_id}
    assert sum(order["total_paise"] for order in sent) <= LIMIT


def test_blocked_and_room_read_the_limit_per_order_and_the_money_left():
    def snap(cap: int, week: int | None = None, cash: int | None = None, chosen: bool = True):
        return SimpleNamespace(limits=Limits(max_po_paise=cap, chosen=chosen),
                               budget=Budget(week_left_paise=week, cash_left_paise=cash))

    supplier = SimpleNamespace(min_order_paise=50_000)
    assert order_fit.room(snap(20_000)) == 20_000
    assert order_fit.room(snap(20_000, week=9_000, cash=12_000)) == 9_000
    assert order_fit.room(snap(20_000, week=-5)) == 0
    assert order_fit.blocked(snap(20_000), supplier, 10_000) is not None  # its minimum is above the limit
    assert order_fit.blocked(snap(60_000), supplier, 70_000) is not None  # over the limit, not cut
    assert order_fit.blocked(snap(60_000), supplier, 55_000) is None
    assert order_fit.blocked(snap(60_000, cash=40_000), supplier, 30_000) is not None  # money under its minimum
    assert order_fit.blocked(snap(60_000, week=55_000), supplier, 52_000) is None
    assert order_fit.blocked(snap(20_000, chosen=False), supplier, 10_000) is None  # everything waits anyway
    assert order_fit.blocked(snap(0), supplier, 10_000) is None


def test_the_split_reads_in_hindi(kirana):
    _short_shop(kirana)
    i18n.set_language("hi")
    try:
        orders = _orders(kirana, max_po_paise=LIMIT)
    finally:
        i18n.set_language("en")
    [moved] = [p for p in orders if p.action.params["supplier_id"] == kirana.backup_supplier_id]
    said = moved.reasoning[-1]
    assert "Metro" in said and "cannot go out" not in said and any("\u0900" <= ch <= "\u097f" for ch in said)
