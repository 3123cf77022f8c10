"""Event records: Goals, decisions, approvals, beliefs and the agents' own bookkeeping."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from app.events.base import Event, subject

__all__ = ["AgentBreakerChanged", "AgentRunFinished", "AlertRaised", "AlertResolved", "ApprovalDecided",
           "ApprovalRequested", "BeliefUpdated", "CompetitorPriceSeen", "DecisionEvaluated", "DecisionRecorded",
           "DecisionStatusChanged", "GoalProgressMeasured", "GoalSaved", "PlanCreated", "PromotionSaved",
           "ShopCheckFailed", "StockDayRecorded"]


@subject("goal", "goal_id")
@dataclass(frozen=True, kw_only=True)
class GoalSaved(Event):
    description: str
    status: str
    created: bool = False


@subject("decision", "decision_id")
@dataclass(frozen=True, kw_only=True)
class DecisionRecorded(Event):
    agent: str
    decision_type: str
    status: str


@dataclass(frozen=True, kw_only=True)
class ShopCheckFailed(Event):
    """Not written to the event table (the file is in doubt): the background check of a large shop
    found damage after it opened. The UI offers to restore the last good backup."""

    problems: tuple[str, ...] = ()
    subject_type: ClassVar[str] = "shop"


@subject("decision", "decision_id")
@dataclass(frozen=True, kw_only=True)
class DecisionStatusChanged(Event):
    """A decision moved on (executed, rejected, failed, approved, superseded); ``reason`` says why."""

    agent: str
    old_status: str
    new_status: str


@subject("decision", "decision_id")
@dataclass(frozen=True, kw_only=True)
class DecisionEvaluated(Event):
    """Expected against realised, measured after the decision's horizon."""

    agent: str
    decision_type: str
    expected: dict[str, Any]
    realised: dict[str, Any]


@subject("belief", "key")
@dataclass(frozen=True, kw_only=True)
class BeliefUpdated(Event):
    key: str  # "<kind>:<subject>"
    kind: str
    old_value: float | None
    new_value: float
    evidence: dict[str, Any]


@subject("approval", "approval_id")
@dataclass(frozen=True, kw_only=True)
class ApprovalRequested(Event):
    approval_id: int
    agent: str
    kind: str
    summary: str


@subject("approval", "approval_id")
@dataclass(frozen=True, kw_only=True)
class ApprovalDecided(Event):
    approval_id: int
    status: str  # approved | rejected | expired


@subject("product", "sku")
@dataclass(frozen=True, kw_only=True)
class CompetitorPriceSeen(Event):
    sku: str
    source: str
    price_paise: int


@subject("promotion", "promotion_id")
@dataclass(frozen=True, kw_only=True)
class PromotionSaved(Event):
    promotion_id: int
    sku: str
    kind: str
    price_paise: int
    status: str
    starts_on: str
    ends_on: str


@subject("goal", "goal_id")
@dataclass(frozen=True, kw_only=True)
class PlanCreated(Event):
    strategies: tuple[str, ...] = ()
    revision: int = 1


@subject("goal", "goal_id")
@dataclass(frozen=True, kw_only=True)
class GoalProgressMeasured(Event):
    on_track: bool
    metrics: dict[str, Any]


@subject("agent", "agent")
@dataclass(frozen=True, kw_only=True)
class AgentRunFinished(Event):
    agent: str
    status: str
    proposals: int = 0
    executed: int = 0
    escalated: int = 0
    error: str | None = None


@subject("agent", "agent")
@dataclass(frozen=True, kw_only=True)
class AgentBreakerChanged(Event):
    agent: str
    state: str  # closed | open | half_open
    failures: int = 0
    retry_at: str | None = None


@subject("alert", "alert_id")
@dataclass(frozen=True, kw_only=True)
class AlertRaised(Event):
    alert_id: int
    kind: str
    subject: str
    severity: str
    message: str


@subject("alert", "alert_id")
@dataclass(frozen=True, kw_only=True)
class AlertResolved(Event):
    alert_id: int
    kind: str
    subject: str


@dataclass(frozen=True, kw_only=True)
class StockDayRecorded(Event):
    business_date: str
    out_of_stock: int
    inventory_value_paise: int
    subject_type: ClassVar[str] = "shop"

