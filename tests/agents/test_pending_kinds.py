"""What a decision waiting for the seller holds back: an order waiting keeps its items out of today's orders (the
seller is still deciding on them); a price change waiting does not, or an item whose cut the seller has not answered
goes unordered for as long as the approval waits (docs/agents.md, "Issue 14, twenty-third session (lead)")."""

from __future__ import annotations

from datetime import timedelta

from app.agents.inventory import InventoryAgent
from app.services import decisions

from .test_agents import snapshot_and_board
from .test_order_minimum import ask_order


def ask_price(shop, sku: str, price_paise: int) -> None:
    """A price change waiting for the seller, as the engine leaves one."""
    decision = decisions.record_decision(shop.ctx, agent="pricing", decision_type="competitive_price",
                                         status="awaiting_approval", reasoning=["A cut."],
                                         actions=[{"kind": "set_price", "params": {"sku": sku,
                                                                                  "price_paise": price_paise}}])
    decisions.request_approval(shop.ctx, int(decision.id), summary="A cut.", kind="competitive_price",
                               expires=shop.ctx.now() + timedelta(days=3))


def ordered_skus(shop) -> set[str]:
    snap, board = snapshot_and_board(shop)
    proposals = InventoryAgent().propose(snap, board)
    return {line["sku"] for p in proposals if p.kind == "purchase_order" for line in p.action.params["lines"]}


def test_a_price_change_waiting_for_the_seller_does_not_hold_back_the_items_order(kirana):
    kirana.set_stock("ATTA5", 0)
    assert "ATTA5" in ordered_skus(kirana)
    ask_price(kirana, "ATTA5", 27000)
    snap, _board = snapshot_and_board(kirana)
    assert "ATTA5" in snap.pending_approval and "ATTA5" not in snap.pending_order
    assert "ATTA5" in ordered_skus(kirana)  # fails where any pending approval held the item back


def test_an_order_waiting_for_the_seller_still_holds_its_items_back(kirana):
    kirana.set_stock("ATTA5", 0)
    ask_order(kirana, kirana.supplier_id, {"ATTA5": 5000})
    snap, _board = snapshot_and_board(kirana)
    assert "ATTA5" in snap.pending_order
    assert "ATTA5" not in ordered_skus(kirana)
