"""A top-up to a supplier's minimum takes the items that supplier sells at their best price first: one it sells
dearer than another supplier (a second source's premium) comes only when nothing else makes the minimum
(docs/agents.md, "Issue 14, nineteenth session")."""

from __future__ import annotations

from app.agents import order_minimum
from app.services import suppliers
from tests.agents.test_order_minimum import ask_order, orders


def test_a_top_up_leaves_out_an_item_another_supplier_sells_cheaper(kirana):
    # soap (5 in stock, about one sold a day) runs out soonest after the oil; Metro sells it cheaper than Gupta
    suppliers.link_product(kirana.ctx, kirana.backup_supplier_id, "SOAP", cost_paise=3000, case_size_milli=6000,
                           moq_milli=6000)
    suppliers.update_supplier(kirana.ctx, kirana.supplier_id, min_order_paise=300_000)
    approval = ask_order(kirana, kirana.supplier_id, {"TEA": 6000})  # Rs 690 against a Rs 3,000 minimum
    assert kirana.engine().approve(approval) == "executed"
    [(supplier, total, lines)] = orders(kirana)
    assert supplier == kirana.supplier_id and total >= 300_000
    assert "OIL1" in lines
    assert "SOAP" not in lines  # topped up with Gupta's own-price items instead of paying it over Metro's price


def test_an_item_sold_dearer_here_still_makes_up_a_minimum_nothing_else_reaches(kirana):
    suppliers.link_product(kirana.ctx, kirana.backup_supplier_id, "SOAP", cost_paise=3000, case_size_milli=6000,
                           moq_milli=6000)
    db = kirana.store.db()
    assert order_minimum._dearer_here(db, kirana.supplier_id) == {"SOAP"}
    assert order_minimum._dearer_here(db, kirana.backup_supplier_id) == {"ATTA5", "OIL1"}
    # atta and oil have months of stock: only soap (5 left, about one a day) is needed soon enough to add, so it
    # comes at Gupta's dearer price rather than the order being held
    kirana.set_stock("ATTA5", 500_000)
    kirana.set_stock("OIL1", 500_000)
    suppliers.update_supplier(kirana.ctx, kirana.supplier_id, min_order_paise=100_000)
    approval = ask_order(kirana, kirana.supplier_id, {"TEA": 6000})  # Rs 690 against a Rs 1,000 minimum
    assert kirana.engine().approve(approval) == "executed"
    [(supplier, total, lines)] = orders(kirana)
    assert supplier == kirana.supplier_id and total >= 100_000
    assert set(lines) == {"TEA", "SOAP"}
