"""An order to a supplier that sells only perishables, under its minimum, is made up to the minimum with its own
perishables when that pays (issue 14, eighteenth session): approved as it was, it was held under the minimum when
carried out (nothing that keeps could make it up), and the Pune chicken centre's pav bakery went 259 days with
nothing sent while an order was asked for every day."""

from __future__ import annotations

from app.agents import fresh_cases
from app.agents.inventory import InventoryAgent
from app.services import suppliers

from .test_agents import snapshot_and_board


def _dairy(kirana, minimum: int) -> int:
    """Milk (12 a day, keeps 4 days, case 12 at ₹25) from a dairy that sells nothing else, lead 1 day; the
    wholesaler that also sells it (at ₹26) takes no order this small either, so nothing can be moved there."""
    suppliers.update_supplier(kirana.ctx, kirana.supplier_id, min_order_paise=100_000_000)
    dairy = suppliers.create_supplier(kirana.ctx, name="Dairy", whatsapp="9822000001", lead_time_days=1,
                                      min_order_paise=minimum).id
    suppliers.link_product(kirana.ctx, dairy, "MILK", cost_paise=2_500, case_size_milli=12_000, moq_milli=12_000)
    kirana.set_stock("MILK", 0)
    return dairy


def _milk_orders(kirana, dairy: int):
    snap, board = snapshot_and_board(kirana)
    orders = [p for p in InventoryAgent().propose(snap, board)
              if p.kind == "purchase_order" and p.action.params["supplier_id"] == dairy]
    return snap, board, orders


def test_an_order_under_a_perishable_suppliers_minimum_is_made_up_with_its_perishables_when_that_pays(kirana):
    dairy = _dairy(kirana, 90_000)  # ₹900: three cases; the newsvendor's order alone is less
    snap, board, [order] = _milk_orders(kirana, dairy)
    params = order.action.params
    assert order.needs_seller is None  # the old code sent it to the seller, who approved it, and it was held
    assert params["total_paise"] >= 90_000
    [line] = params["lines"]
    assert line["sku"] == "MILK" and line["qty_milli"] % 12_000 == 0
    # the order pays over the milk's shelf life, as the top-up asks
    lv = board.notes["inventory_levels"]
    i = snap.index["MILK"]
    assert fresh_cases.profit(float(lv["whole_life_mean"][i]), float(lv["whole_life_var"][i]), 0.0,
                              line["qty_milli"] / 1000, float(snap.price[i]), 2_500) > 0


def test_a_minimum_that_would_throw_most_of_the_order_away_still_goes_to_the_seller(kirana):
    dairy = _dairy(kirana, 1_000_000)  # ₹10,000: 34 cases of a 4-day milk that sells 12 a day
    _snap, _board, [order] = _milk_orders(kirana, dairy)
    assert order.needs_seller is not None and order.action.params["total_paise"] < 1_000_000
