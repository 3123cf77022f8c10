"""What an agent proposes: an action, why, what it expects, how sure it is. The engine decides.

An :class:`Action` is plain data (kind + JSON-able params) so it can be stored in the decision, sent to
the approvals inbox and carried out later exactly as proposed (:mod:`app.agents.execute`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SET_PRICE = "set_price"
START_PROMOTION = "start_promotion"
END_PROMOTION = "end_promotion"
PURCHASE_ORDER = "purchase_order"
ALERT = "alert"
CAMPAIGN = "campaign"  # the marketing agent's: plan and send a campaign (app.agents.marketing_decisions)
AD_BUDGET = "ad_budget"  # the marketing agent's: an item's Amazon sponsored-ads budget (app.agents.ad_proposals)
HOLD_STOCK = "hold_stock"  # the trade agent's: hold (reserve) the units of an export order (app.agents.trade)
KINDS = (SET_PRICE, START_PROMOTION, END_PROMOTION, PURCHASE_ORDER, ALERT, CAMPAIGN, AD_BUDGET, HOLD_STOCK)
PRICE_KINDS = (SET_PRICE, START_PROMOTION, END_PROMOTION)


@dataclass(frozen=True, kw_only=True)
class Action:
    kind: str
    params: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "params": self.params}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Action:
        return cls(kind=data["kind"], params=dict(data.get("params", {})))

    @property
    def skus(self) -> tuple[str, ...]:
        if self.kind == PURCHASE_ORDER:
            return tuple(line["sku"] for line in self.params.get("lines", ()))
        if self.kind == HOLD_STOCK:  # "items", not "lines": a waiting hold must not read as a pending price or order
            return tuple(line["sku"] for line in self.params.get("items", ()))
        # a campaign quotes the shelf price, an ads budget leaves the item as it is and a courier booking names
        # no item: none claims an item
        if self.kind in (ALERT, CAMPAIGN, AD_BUDGET) or "sku" not in self.params:
            return ()
        return (self.params["sku"],)

    @property
    def new_price(self) -> int | None:
        """The selling price the action puts on the item (None when it does not set one)."""
        if self.kind in (SET_PRICE, START_PROMOTION):
            return int(self.params["price_paise"])
        if self.kind == END_PROMOTION:
            return self.params.get("restore_price_paise")
        return None

    @property
    def spend_paise(self) -> int:
        return int(self.params.get("total_paise", 0)) if self.kind == PURCHASE_ORDER else 0


@dataclass(kw_only=True)
class Proposal:
    """One proposal. ``value_paise`` is the expected gain (profit-equivalent, over ``expected['horizon_days']``)
    the engine weighs against other proposals; ``expected`` holds the effect on the goal's metrics."""

    agent: str
    decision_type: str
    action: Action
    reasoning: list[str]
    expected: dict[str, Any]
    value_paise: int
    confidence: float = 0.6
    alternatives: list[dict[str, Any]] = field(default_factory=list)
    context: dict[str, Any] = field(default_factory=dict)
    goal_id: int | None = None
    urgent: bool = False
    needs_seller: str | None = None  # a reason the seller must approve, whatever the autonomy limits

    @property
    def skus(self) -> tuple[str, ...]:
        return self.action.skus

    @property
    def kind(self) -> str:
        return self.action.kind

    def resources(self) -> set[tuple[str, str]]:
        """What the proposal claims: an item's price, an item's stock (ordering it), an alert subject."""
        if self.kind in PRICE_KINDS:
            return {("price", sku) for sku in self.skus}
        if self.kind == PURCHASE_ORDER:
            return {("stock", sku) for sku in self.skus}
        if self.kind == HOLD_STOCK:  # one export order's hold: it never stands in the way of a purchase or a price
            return {("export_hold", str(self.action.params.get("export_order_id", "")))}
        return {("alert", str(self.action.params.get("kind", "")))}

    def summary(self) -> dict[str, Any]:
        """A short form for the other side of a conflict, kept in the decision's alternatives."""
        return {"agent": self.agent, "decision_type": self.decision_type, "action": self.action.to_json(),
                "value_paise": self.value_paise, "confidence": round(self.confidence, 3),
                "reasoning": self.reasoning[:2]}
