"""The agents' decisions: recorded (what was decided and why), then moved on (executed, rejected, failed,
sent for approval, evaluated), each with an event that says why, so the activity log and ``why`` can
tell the whole story.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from app.domain.clock import to_iso
from app.domain.reasons import stored
from app.errors import InputError, InvalidState, NotFound
from app.events import ApprovalDecided, ApprovalRequested, DecisionEvaluated, DecisionRecorded, DecisionStatusChanged
from app.i18n import _
from app.services.changes import Changes
from app.services.context import SELLER, Origin, ServiceContext, jsonable
from app.store import decisions as decision_store

__all__ = ["DECISION_STATUSES", "NEXT", "decide_approval", "expire_approvals", "record_decision", "record_outcome",
           "request_approval", "set_decision_status"]

DECISION_STATUSES = ("proposed", "executed", "rejected", "awaiting_approval", "approved", "failed", "superseded")

# which status may follow which (a decision never goes back)
NEXT = {
    "proposed": {"executed", "rejected", "awaiting_approval", "failed", "superseded"},
    "awaiting_approval": {"approved", "rejected", "superseded"},
    "approved": {"executed", "failed", "superseded", "rejected"},  # rejected: a hard limit crossed since
    "executed": set(),
    "rejected": set(),
    "failed": set(),
    "superseded": set(),
}


def record_decision(ctx: ServiceContext, *, agent: str, decision_type: str, status: str,
                    reasoning: Sequence[str], actions: Sequence[dict[str, Any]] = (),
                    alternatives: Sequence[dict[str, Any]] = (), expected: dict[str, Any] | None = None,
                    context: dict[str, Any] | None = None, confidence: float | None = None,
                    goal_id: int | None = None, origin: Origin | None = None) -> Changes:
    """Write down what an agent decided and why, before or as it acts."""
    if status not in DECISION_STATUSES:
        raise InputError(_("'{status}' is not a decision status.").format(status=status))
    if not reasoning:
        raise InputError(_("A decision must say why it was taken."))
    if confidence is not None and not 0 <= confidence <= 1:
        raise InputError(_("Confidence goes from 0 to 1."))
    now = ctx.now_iso()
    dump = lambda value: json.dumps(jsonable(value), ensure_ascii=False)  # noqa: E731
    with ctx.store.write() as db:
        decision_id = decision_store.insert_decision(
            db, agent=agent, decision_type=decision_type, goal_id=goal_id, status=status, confidence=confidence,
            context_json=dump(context or {}), reasoning_json=dump(stored(reasoning)), actions_json=dump(list(actions)),
            alternatives_json=dump(list(alternatives)), expected_json=dump(expected or {}), created_at=now,
            decided_at=now if status != "proposed" else None)
        event = ctx.record(
            db, DecisionRecorded(agent=agent, decision_type=decision_type, status=status),
            Origin(actor=(origin.actor if origin else f"agent:{agent}"), reason="; ".join(reasoning)[:500],
                   goal_id=goal_id, decision_id=decision_id), at=now)
    return Changes(decisions=frozenset({decision_id}), events=(event,), id=decision_id)


def _decision(db, decision_id: int) -> decision_store.Decision:
    found = decision_store.decision(db, decision_id)
    if found is None:
        raise NotFound(_("There is no decision number {id}.").format(id=decision_id))
    return found


def set_decision_status(ctx: ServiceContext, decision_id: int, status: str, *, reason: str,
                        origin: Origin | None = None, actions: list[dict[str, Any]] | None = None) -> Changes:
    """Move a decision to ``status`` (optionally replacing its actions with what was really done)."""
    if status not in DECISION_STATUSES:
        raise InputError(_("'{status}' is not a decision status.").format(status=status))
    now = ctx.now_iso()
    with ctx.store.write() as db:
        current = _decision(db, decision_id)
        if status not in NEXT[current.status]:
            raise InvalidState(_("Decision {id} is {old}; it cannot become {new}.").format(
                id=decision_id, old=current.status, new=status))
        decision_store.set_status(db, decision_id, status, now,
                                  None if actions is None else json.dumps(jsonable(actions), ensure_ascii=False))
        who = origin or Origin(actor=f"agent:{current.agent}")
        event = ctx.record(db, DecisionStatusChanged(agent=current.agent, old_status=current.status,
                                                     new_status=status),
                           Origin(actor=who.actor, reason=reason[:500], goal_id=current.goal_id,
                                  decision_id=decision_id), at=now)
    return Changes(decisions=frozenset({decision_id}), events=(event,))


def record_outcome(ctx: ServiceContext, decision_id: int, realised: dict[str, Any], *, reason: str = "",
                   origin: Origin | None = None) -> Changes:
    """What really happened after the decision, next to what it expected."""
    now = ctx.now_iso()
    with ctx.store.write() as db:
        current = _decision(db, decision_id)
        decision_store.set_outcome(db, decision_id, json.dumps(jsonable(realised), ensure_ascii=False), now)
        who = origin or Origin(actor=f"agent:{current.agent}")
        event = ctx.record(db, DecisionEvaluated(agent=current.agent, decision_type=current.decision_type,
                                                 expected=current.expected, realised=jsonable(realised)),
                           Origin(actor=who.actor, reason=reason[:500], goal_id=current.goal_id,
                                  decision_id=decision_id), at=now)
    return Changes(decisions=frozenset({decision_id}), events=(event,))


def request_approval(ctx: ServiceContext, decision_id: int, *, summary: str, kind: str,
                     expires: datetime | None = None) -> Changes:
    """Put a decision in the seller's approvals inbox (it must be ``awaiting_approval``)."""
    now = ctx.now_iso()
    with ctx.store.write() as db:
        current = _decision(db, decision_id)
        if current.status != "awaiting_approval":
            raise InvalidState(_("Decision {id} is not waiting for approval.").format(id=decision_id))
        approval_id = decision_store.insert_approval(db, decision_id=decision_id, agent=current.agent, kind=kind,
                                                     summary=summary, at=now,
                                                     expires_at=to_iso(expires) if expires else None)
        event = ctx.record(db, ApprovalRequested(approval_id=approval_id, agent=current.agent, kind=kind,
                                                 summary=summary),
                           Origin(actor=f"agent:{current.agent}", reason=summary[:500], goal_id=current.goal_id,
                                  decision_id=decision_id), at=now)
    return Changes(decisions=frozenset({decision_id}), events=(event,), id=approval_id)


def decide_approval(ctx: ServiceContext, approval_id: int, *, approve: bool, note: str = "",
                    origin: Origin = SELLER) -> Changes:
    """The seller's answer. An approved decision becomes ``approved`` (the engine then carries it out);
    a rejected one ``rejected``."""
    now = ctx.now_iso()
    with ctx.store.write() as db:
        found = decision_store.approval(db, approval_id)
        if found is None:
            raise NotFound(_("There is no approval request number {id}.").format(id=approval_id))
        if found.status != "pending":
            raise InvalidState(_("Approval request {id} was already {status}.").format(id=approval_id,
                                                                                      status=found.status))
        status = "approved" if approve else "rejected"
        decision_store.decide_approval(db, approval_id, status=status, at=now, by=origin.actor, note=note)
        reason = note or (_("Approved by the seller.") if approve else _("Rejected by the seller."))
        changes = set_decision_status(ctx, found.decision_id, status, reason=reason, origin=origin)
        event = ctx.record(db, ApprovalDecided(approval_id=approval_id, status=status),
                           Origin(actor=origin.actor, reason=reason, decision_id=found.decision_id), at=now)
    return changes | Changes(events=(event,), id=found.decision_id)


def expire_approvals(ctx: ServiceContext, *, origin: Origin) -> Changes:
    """Lapse the requests past their expiry: what was asked may no longer fit the shop."""
    now = ctx.now_iso()
    changes = Changes()
    with ctx.store.write() as db:
        for approval_id, decision_id in decision_store.due_approvals(db, now):
            decision_store.expire_approval(db, approval_id, now)
            reason = _("Nobody answered the approval request in time.")
            changes = changes | set_decision_status(ctx, decision_id, "superseded", reason=reason, origin=origin)
            changes = changes | Changes(events=(ctx.record(db, ApprovalDecided(approval_id=approval_id,
                                                                               status="expired"),
                                                           Origin(actor=origin.actor, reason=reason,
                                                                  decision_id=decision_id), at=now),))
    return changes
