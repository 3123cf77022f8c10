"""Hard limits (never crossed) and autonomy limits (crossed only with the seller's approval).

Hard limits: a price is never above the MRP nor below the margin floor (cost plus the seller's minimum
margin over cost, ``pricing.margin_floor_bp``); purchase spend stays within the week's budget and the
cash the shop can spare. Autonomy limits, per agent: a price move larger than
``agents.pricing.max_change_bp`` or a purchase order above ``agents.inventory.max_po_paise`` goes to the
approvals inbox instead of being done. Until the seller has chosen the limits (``agents.limits_chosen``),
every price change, promotion and purchase order waits for approval (:mod:`app.agents.autonomy`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from app import config
from app.agents.autonomy import waits_for_choice
from app.agents.proposal import END_PROMOTION, PURCHASE_ORDER, SET_PRICE, START_PROMOTION, Action, Proposal
from app.domain.money import format_inr
from app.domain.reasons import reason
from app.i18n import _
from app.services import settings as shop_settings
from app.store import Store


@dataclass(frozen=True, kw_only=True)
class Limits:
    enabled: bool = True
    margin_floor_bp: int = 500
    max_price_change_bp: int = 1000
    price_cooldown_days: int = 7
    max_po_paise: int = 2_500_000
    weekly_budget_paise: int = 0  # 0: the plan's budget (or none)
    opening_cash_paise: int = -1  # -1: cash unknown, no cash check
    cash_reserve_paise: int = 0
    service_level_bp: int = 9500
    fresh_service_bp: int = 0  # 0: perishables stocked as far as they pay (app.agents.fresh_cases)
    cover_days: int = 7
    approval_expiry_days: int = 3
    # False until the seller has chosen the limits: then every money-moving action waits (autonomy.py).
    # True by default here so a Limits built in code (tests, the simulator) acts within its numbers.
    chosen: bool = True

    @classmethod
    def load(cls, store: Store, **overrides: Any) -> Limits:
        """The shop's settings (defaults where unset), then ``overrides``."""
        values = {
            "enabled": shop_settings.get(store, config.AGENTS_ENABLED),
            "margin_floor_bp": shop_settings.get(store, config.MARGIN_FLOOR_BP),
            "max_price_change_bp": shop_settings.get(store, config.AGENT_MAX_PRICE_CHANGE_BP),
            "price_cooldown_days": shop_settings.get(store, config.AGENT_PRICE_COOLDOWN_DAYS),
            "max_po_paise": shop_settings.get(store, config.AGENT_MAX_PO_PAISE),
            "weekly_budget_paise": shop_settings.get(store, config.AGENT_WEEKLY_BUDGET_PAISE),
            "opening_cash_paise": shop_settings.get(store, config.AGENT_OPENING_CASH_PAISE),
            "cash_reserve_paise": shop_settings.get(store, config.AGENT_CASH_RESERVE_PAISE),
            "service_level_bp": shop_settings.get(store, config.AGENT_SERVICE_LEVEL_BP),
            "fresh_service_bp": shop_settings.get(store, config.AGENT_FRESH_SERVICE_BP),
            "cover_days": shop_settings.get(store, config.AGENT_COVER_DAYS),
            "approval_expiry_days": shop_settings.get(store, config.APPROVAL_EXPIRY_DAYS),
            "chosen": shop_settings.get(store, config.AGENT_LIMITS_CHOSEN),
        }
        return replace(cls(**values), **overrides)


def floor_price(cost_paise: int, margin_floor_bp: int) -> int:
    """The lowest price an agent may set: cost plus the minimum margin over cost, rounded up to the paisa."""
    return max(1, -(-cost_paise * (10_000 + margin_floor_bp) // 10_000))


def price_violations(price_paise: int, *, cost_paise: int, mrp_paise: int | None, limits: Limits,
                     name: str = "") -> list[str]:
    """Why a price may not be set by an agent (empty when it may)."""
    problems = []
    if mrp_paise is not None and price_paise > mrp_paise:
        problems.append(_("{name}: {price} is above the MRP {mrp}.").format(
            name=name, price=format_inr(price_paise), mrp=format_inr(mrp_paise)))
    floor = floor_price(cost_paise, limits.margin_floor_bp)
    if price_paise < floor:
        problems.append(_("{name}: {price} is below the margin floor {floor}.").format(
            name=name, price=format_inr(price_paise), floor=format_inr(floor)))
    return problems


@dataclass
class Budget:
    """Purchase money left for this cycle: the week's budget and the cash that can be spared."""

    week_left_paise: int | None  # None: no budget set
    cash_left_paise: int | None  # None: cash unknown

    def allows(self, spend_paise: int) -> bool:
        return all(left is None or spend_paise <= left for left in (self.week_left_paise, self.cash_left_paise))

    @property
    def left_paise(self) -> int | None:
        """The purchase money left this cycle: the lower of the week's budget and the cash to spare (None: neither
        set)."""
        left = [value for value in (self.week_left_paise, self.cash_left_paise) if value is not None]
        return max(min(left), 0) if left else None

    def take(self, spend_paise: int) -> None:
        if self.week_left_paise is not None:
            self.week_left_paise -= spend_paise
        if self.cash_left_paise is not None:
            self.cash_left_paise -= spend_paise

    def describe(self) -> str:
        parts = []
        if self.week_left_paise is not None:
            parts.append(_("{amount} left of this week's purchase budget").format(
                amount=format_inr(max(self.week_left_paise, 0))))
        if self.cash_left_paise is not None:
            parts.append(_("{amount} of cash to spare").format(amount=format_inr(max(self.cash_left_paise, 0))))
        return "; ".join(parts)


def autonomy_breach(proposal: Proposal, limits: Limits, *, current_price: int | None) -> str | None:
    """Why the seller must approve this proposal first (None when the agent may go ahead)."""
    if proposal.needs_seller:
        return proposal.needs_seller
    waiting = waits_for_choice(proposal, chosen=limits.chosen)
    if waiting is not None:
        return waiting
    action = proposal.action
    if action.kind in (SET_PRICE, START_PROMOTION, END_PROMOTION) and current_price:
        new = action.new_price
        if new is not None and abs(new - current_price) * 10_000 > limits.max_price_change_bp * current_price:
            return reason("The price moves by more than {pct}% ({old} to {new}).",
                          pct=format(limits.max_price_change_bp / 100, "g"), old=format_inr(current_price),
                          new=format_inr(new))
    if action.kind == PURCHASE_ORDER and action.spend_paise > limits.max_po_paise:
        return reason("The order is worth {total}, above the {limit} the agent may spend alone.",
                      total=format_inr(action.spend_paise), limit=format_inr(limits.max_po_paise))
    return None


def action_bounds_ok(action: Action, *, cost_paise: int, mrp_paise: int | None, limits: Limits) -> bool:
    new = action.new_price
    return new is None or not price_violations(new, cost_paise=cost_paise, mrp_paise=mrp_paise, limits=limits)
