"""What the assistant offers to do (an ``Offer``, asked before anything is written) and what it did
(``Done``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["MONEY_KINDS", "Done", "Offer"]

# what moves money: asked for confirmation above the small threshold, never done on noise
MONEY_KINDS = frozenset({"change_price", "reorder", "start_campaign", "approve_request", "khata_payment",
                         "undo_khata_payment", "order_step", "home_delivery", "plan_campaign", "order_deliver",
                         "courier_booking", "courier_rebook", "order_ship_part", "order_return",
                         "order_cancel_rest", "courier_cancel", "substitute_ask", "substitute_answer",
                         "order_return_damaged", "order_part_return", "order_part_damaged", "campaign_send",
                         "campaign_stop"})


@dataclass
class Offer:
    kind: str
    params: dict[str, Any]
    summary: str  # the whole question, in the seller's language
    confirm_label: str
    within_limits: bool = False  # small and clear enough to do without asking, if the shop allows that
    notes: list[str] = field(default_factory=list)

    @property
    def moves_money(self) -> bool:
        return self.kind in MONEY_KINDS


@dataclass
class Done:
    text: str
    result: dict[str, Any]
    undoable: bool = True
