"""Event records of the autonomy core, in the style of ``app.events`` (frozen, keyword-only, past tense).

They live here rather than in ``app.events`` so that the agents' capability stays in its own files;
the lead may move them next to the others. Each is written to the event table by a service in
``app.services.agents_*`` and published on the bus after its transaction commits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from app.events import Event


def _about(kind: str, attr: str) -> Callable[[type], type]:
    def decorate(cls: type) -> type:
        cls.subject_type = kind
        cls.subject_id = property(lambda self: str(getattr(self, attr)))  # type: ignore[attr-defined]
        return cls

    return decorate


@_about("decision", "decision_id")
@dataclass(frozen=True, kw_only=True)
class DecisionStatusChanged(Event):
    """A decision moved on (executed, rejected, failed, approved, superseded); ``reason`` says why."""

    agent: str
    old_status: str
    new_status: str


@_about("decision", "decision_id")
@dataclass(frozen=True, kw_only=True)
class DecisionEvaluated(Event):
    """Expected against realised, measured after the decision's horizon."""

    agent: str
    decision_type: str
    expected: dict[str, Any]
    realised: dict[str, Any]


@_about("belief", "key")
@dataclass(frozen=True, kw_only=True)
class BeliefUpdated(Event):
    key: str  # "<kind>:<subject>"
    kind: str
    old_value: float | None
    new_value: float
    evidence: dict[str, Any]


@_about("approval", "approval_id")
@dataclass(frozen=True, kw_only=True)
class ApprovalRequested(Event):
    approval_id: int
    agent: str
    kind: str
    summary: str


@_about("approval", "approval_id")
@dataclass(frozen=True, kw_only=True)
class ApprovalDecided(Event):
    approval_id: int
    status: str  # approved | rejected | expired


@_about("product", "sku")
@dataclass(frozen=True, kw_only=True)
class CompetitorPriceSeen(Event):
    sku: str
    source: str
    price_paise: int


@_about("promotion", "promotion_id")
@dataclass(frozen=True, kw_only=True)
class PromotionSaved(Event):
    promotion_id: int
    sku: str
    kind: str
    price_paise: int
    status: str
    starts_on: str
    ends_on: str


@_about("goal", "goal_id")
@dataclass(frozen=True, kw_only=True)
class PlanCreated(Event):
    """``goal_id`` (a base field) names the goal."""

    strategies: tuple[str, ...] = ()
    revision: int = 1


@_about("goal", "goal_id")
@dataclass(frozen=True, kw_only=True)
class GoalProgressMeasured(Event):
    """``goal_id`` (a base field) names the goal."""

    on_track: bool
    metrics: dict[str, Any]


@_about("agent", "agent")
@dataclass(frozen=True, kw_only=True)
class AgentRunFinished(Event):
    agent: str
    status: str
    proposals: int = 0
    executed: int = 0
    escalated: int = 0
    error: str | None = None


@_about("agent", "agent")
@dataclass(frozen=True, kw_only=True)
class AgentBreakerChanged(Event):
    agent: str
    state: str  # closed | open | half_open
    failures: int = 0
    retry_at: str | None = None


@_about("alert", "alert_id")
@dataclass(frozen=True, kw_only=True)
class AlertRaised(Event):
    alert_id: int
    kind: str
    subject: str
    severity: str
    message: str


@_about("alert", "alert_id")
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
