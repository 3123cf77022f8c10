"""Goods with a shelf life of months count as goods that keep when an order is made up to a supplier's minimum,
where everything a top-up may bring them to sells well within their shelf life (issue 14, nineteenth session): by
the perishable flag alone the highway store's drinks (90-240 days) and snacks (60-120 days) never joined a top-up,
so an order under the ₹5,000-₹8,000 minimum of a supplier of such goods went to the seller and, approved, was held
(or, where the supplier sold nothing else, was made up by the newsvendor's reckoning for goods that spoil)."""

from __future__ import annotations

from app.agents.inventory import InventoryAgent
from app.services import catalog, suppliers

from .test_agents import snapshot_and_board
from .test_order_minimum import ask_order, orders


def _snacks_agency(kirana, minimum: int) -> int:
    """Soap (keeps; 1 a day, none left) and chips (keep 60 days, 4 a day) from an agency with a minimum, a rupee
    cheaper than at Gupta Traders, whose own minimum no order this small reaches, so nothing moves there."""
    suppliers.update_supplier(kirana.ctx, kirana.supplier_id, min_order_paise=100_000_000)
    agency = suppliers.create_supplier(kirana.ctx, name="Snacks agency", whatsapp="9822000002", lead_time_days=1,
                                       min_order_paise=minimum).id
    suppliers.link_product(kirana.ctx, agency, "SOAP", cost_paise=3_500, case_size_milli=6_000, moq_milli=6_000)
    suppliers.link_product(kirana.ctx, agency, "CHIPS", cost_paise=1_400, case_size_milli=24_000, moq_milli=24_000)
    kirana.set_stock("SOAP", 0)
    return agency


def test_a_top_up_adds_goods_that_keep_months_and_sell_within_them(kirana):
    agency = _snacks_agency(kirana, 70_000)  # ₹700: the soap the shop needs comes to ₹420
    kirana.set_stock("CHIPS", 40_000)  # ten days of chips: not low enough to be ordered by itself
    snap, board = snapshot_and_board(kirana)
    [order] = [p for p in InventoryAgent().propose(snap, board)
               if p.kind == "purchase_order" and p.action.params["supplier_id"] == agency]
    params = order.action.params
    lines = {line["sku"]: line["qty_milli"] for line in params["lines"]}
    # a case of chips (24, about five days of sales: the stock they come to lasts a fraction of their 60 days) makes
    # the order up; the old code added only goods without a shelf life, so the soap's ₹420 went to the seller and,
    # approved, would have been held
    assert order.needs_seller is None
    assert params["total_paise"] >= 70_000 and lines["CHIPS"] == 24_000 and lines["SOAP"] > 0
    view = board.notes["inventory"]
    i = snap.index["CHIPS"]
    assert (view.position[i] + lines["CHIPS"]) / 1000 / view.daily[i] <= 60 / 2


def test_a_good_whose_stock_would_not_sell_within_half_its_shelf_life_is_not_added(kirana):
    agency = _snacks_agency(kirana, 70_000)
    kirana.set_stock("CHIPS", 40_000)
    catalog.update_product(kirana.ctx, "CHIPS", shelf_life_days=20)  # the stock a top-up may bring lasts ~17 days
    snap, board = snapshot_and_board(kirana)
    [order] = [p for p in InventoryAgent().propose(snap, board)
               if p.kind == "purchase_order" and p.action.params["supplier_id"] == agency]
    assert "CHIPS" not in {line["sku"] for line in order.action.params["lines"]}
    assert order.needs_seller is not None


def test_an_approved_order_is_made_up_at_execution_with_goods_that_keep_months(kirana):
    """Carried out (order_minimum.fit), an order under the minimum is made up with chips (keep 60 days; the stock
    with a case added lasts about 16 days at the four weeks' pace) when nothing without a shelf life is needed
    within 30 days; the old code left them out by their flag and held the order."""
    suppliers.update_supplier(kirana.ctx, kirana.supplier_id, min_order_paise=100_000)
    for sku, units in (("ATTA5", 200), ("OIL1", 100), ("SOAP", 60), ("CHIPS", 40)):
        kirana.set_stock(sku, units * 1000)
    approval = ask_order(kirana, kirana.supplier_id, {"TEA": 6000})  # ₹690 against a ₹1,000 minimum
    assert kirana.engine().approve(approval) == "executed"
    [(supplier, total, lines)] = orders(kirana)
    assert supplier == kirana.supplier_id and total >= 100_000
    assert lines == {"TEA": 6000, "CHIPS": 24000}  # never the 4-day milk


def test_at_execution_a_case_that_would_outlast_half_the_shelf_life_is_not_added(kirana):
    suppliers.update_supplier(kirana.ctx, kirana.supplier_id, min_order_paise=100_000)
    for sku, units in (("ATTA5", 200), ("OIL1", 100), ("SOAP", 60), ("CHIPS", 120)):
        kirana.set_stock(sku, units * 1000)  # chips: 26 days in stock, a case more lasts past 30 of their 60 days
    approval = ask_order(kirana, kirana.supplier_id, {"TEA": 6000})
    assert kirana.engine().approve(approval) == "failed"
    assert orders(kirana) == []
