""""Why did you do that?": an event or a decision, with its reasoning, the alternatives it turned down,
and the outcome it expected next to the one that came (``python -m app why EVENT_ID``)."""

from __future__ import annotations

import json
from typing import Any

from app.domain.reasons import text_of
from app.errors import NotFound
from app.i18n import _
from app.store import Store
from app.store import decisions as decision_store
from app.store import events as event_store


def explain(store: Store, event_id: int | None = None, *, decision_id: int | None = None) -> dict[str, Any]:
    """Everything known about why an event happened (or about one decision)."""
    db = store.db()
    event = None
    if event_id is not None:
        event = event_store.get(db, event_id)
        if event is None:
            raise NotFound(_("There is no event number {id}.").format(id=event_id))
        decision_id = decision_id or event.decision_id
    out: dict[str, Any] = {}
    if event is not None:
        out["event"] = {"id": event.id, "at": event.at, "type": event.type, "actor": event.actor,
                        "subject": f"{event.subject_type}:{event.subject_id}" if event.subject_type else "",
                        "reason": event.reason, "data": json.loads(event.data_json), "goal_id": event.goal_id}
    if decision_id is None:
        return out
    decision = decision_store.decision(db, decision_id)
    if decision is None:
        raise NotFound(_("There is no decision number {id}.").format(id=decision_id))
    out["decision"] = {
        "id": decision.id, "agent": decision.agent, "type": decision.decision_type, "status": decision.status,
        "goal_id": decision.goal_id, "confidence": decision.confidence, "created_at": decision.created_at,
        "decided_at": decision.decided_at, "reasoning": decision.reasoning, "actions": decision.actions,
        "alternatives": decision.alternatives, "expected": decision.expected, "realised": decision.realised,
        "evaluated_at": decision.evaluated_at, "context": decision.context}
    out["events"] = [{"id": e[0], "at": e[1], "type": e[2], "actor": e[3], "reason": e[4]} for e in db.execute(
        "SELECT id, at, type, actor, reason FROM event WHERE decision_id = ? ORDER BY id", (decision_id,))]
    approval = db.execute("SELECT id, status, summary, decided_by, note FROM agent_approval WHERE decision_id = ?",
                          (decision_id,)).fetchone()
    if approval:
        out["approval"] = dict(zip(("id", "status", "summary", "decided_by", "note"), approval, strict=True))
        out["approval"]["summary"] = text_of(str(out["approval"]["summary"]))  # in the language of the moment
    if decision.goal_id:
        row = db.execute("SELECT description, priority FROM goal WHERE id = ?", (decision.goal_id,)).fetchone()
        if row:
            out["goal"] = {"id": decision.goal_id, "description": row[0], "priority": row[1]}
    return out


def _value(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, dict):
        return ", ".join(f"{k} {_value(v)}" for k, v in value.items() if not isinstance(v, (dict, list)))
    return str(value)


def render(found: dict[str, Any]) -> str:
    """The explanation as text for the seller."""
    lines: list[str] = []
    event = found.get("event")
    if event:
        lines.append(_("Event {id} ({type}) at {at} by {actor}.").format(**event))
        if event["reason"]:
            lines.append(_("Reason: {reason}").format(reason=event["reason"]))
    decision = found.get("decision")
    if not decision:
        if event is not None and not event["reason"]:
            lines.append(_("No decision of an agent is behind this event; it was done directly."))
        return "\n".join(lines)
    lines.append(_("Decision {id} of the {agent} agent ({type}): {status}.").format(**decision))
    if found.get("goal"):
        lines.append(_("For goal {id}: {description} (priority {priority}).").format(**found["goal"]))
    lines.append(_("Why:"))
    lines += [f"  - {reason}" for reason in decision["reasoning"]]
    if decision["alternatives"]:
        lines.append(_("Alternatives turned down:"))
        for alternative in decision["alternatives"]:
            text = alternative.get("why") or ", ".join(alternative.get("reasoning", [])) or _value(alternative)
            lines.append(f"  - {text}")
    if decision["expected"]:
        lines.append(_("Expected: {what}").format(what=_value(decision["expected"])))
    if decision["realised"] is not None:
        lines.append(_("Realised: {what}").format(what=_value(decision["realised"])))
    elif decision["status"] == "executed":
        lines.append(_("Realised: not measured yet."))
    if found.get("approval"):
        lines.append(_("Approval request {id}: {status}.").format(**found["approval"]))
    lines.append(_("Events of this decision:"))
    lines += [f"  {e['id']}  {e['at']}  {e['type']}  {e['actor']}" for e in found.get("events", [])]
    return "\n".join(lines)
