"""What the engine has learnt: each change of a belief is one row update and one event with its evidence."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from app.errors import InputError
from app.events import BeliefUpdated
from app.i18n import _
from app.services.changes import Changes
from app.services.context import Origin, ServiceContext, jsonable
from app.store import beliefs as belief_store

__all__ = ["BeliefChange", "update_beliefs"]


@dataclass(frozen=True, kw_only=True)
class BeliefChange:
    kind: str
    subject: str
    value: float
    spread: float | None = None
    evidence: dict[str, Any] = field(default_factory=dict)
    decision_id: int | None = None


def update_beliefs(ctx: ServiceContext, changes: Sequence[BeliefChange], *, origin: Origin) -> Changes:
    """Write new values (one transaction); each gets a ``BeliefUpdated`` event tied to its decision."""
    if not changes:
        return Changes()
    now = ctx.now_iso()
    events = []
    with ctx.store.write() as db:
        for change in changes:
            if change.kind not in belief_store.KINDS:
                raise InputError(_("'{kind}' is not something the agents learn.").format(kind=change.kind))
            if not math.isfinite(change.value):
                raise InputError(_("A belief must be a number."))
            old = belief_store.get(db, change.kind, change.subject)
            event = ctx.record(db, BeliefUpdated(
                key=f"{change.kind}:{change.subject}", kind=change.kind,
                old_value=None if old is None else old.value, new_value=float(change.value),
                evidence=jsonable(change.evidence)),
                Origin(actor=origin.actor, reason=origin.reason, goal_id=origin.goal_id,
                       decision_id=change.decision_id or origin.decision_id), at=now)
            belief_store.put(db, kind=change.kind, subject=change.subject, value=float(change.value),
                             spread=change.spread, at=now, event_id=event.event_id)
            events.append(event)
    return Changes(events=tuple(events))
