"""The agents' decisions (``agent_decision``) and the approvals inbox (``agent_approval``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from app.domain.reasons import rendered, text_of
from app.store.rows import fetch_all, fetch_one

__all__ = ["Approval", "Decision", "approval", "approvals", "decide_approval", "decision", "decisions", "due_approvals",
           "expire_approval", "has_pending_approval", "insert_approval", "insert_decision", "pending_approval_params",
           "pending_approval_skus",
           "set_outcome", "set_status", "unevaluated", "was_approved"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Decision:
    id: int
    agent: str
    decision_type: str
    goal_id: int | None
    status: str
    confidence: float | None
    context_json: str
    reasoning_json: str
    actions_json: str
    alternatives_json: str
    expected_json: str
    realised_json: str | None
    created_at: str
    decided_at: str | None
    evaluated_at: str | None

    @property
    def context(self) -> dict[str, Any]:
        return json.loads(self.context_json)

    @property
    def reasoning(self) -> list[str]:
        """In the language the seller reads now (reasons kept as message and values; older ones as written)."""
        return [rendered(entry) for entry in json.loads(self.reasoning_json)]

    @property
    def actions(self) -> list[dict[str, Any]]:
        return json.loads(self.actions_json)

    @property
    def alternatives(self) -> list[dict[str, Any]]:
        return json.loads(self.alternatives_json)

    @property
    def expected(self) -> dict[str, Any]:
        return json.loads(self.expected_json)

    @property
    def realised(self) -> dict[str, Any] | None:
        return None if self.realised_json is None else json.loads(self.realised_json)


@dataclass(frozen=True, slots=True, kw_only=True)
class Approval:
    id: int
    decision_id: int
    agent: str
    kind: str
    summary: str
    status: str
    created_at: str
    expires_at: str | None
    decided_at: str | None
    decided_by: str | None
    note: str

    @property
    def text(self) -> str:
        """The summary in the language the seller reads now (kept as message and values since issue 14)."""
        return text_of(self.summary)


def decision(db: Database, decision_id: int) -> Decision | None:
    return fetch_one(db, Decision, "SELECT * FROM agent_decision WHERE id = ?", (decision_id,))


def decisions(db: Database, *, agent: str | None = None, status: str | None = None, limit: int = 100,
              since: str | None = None) -> list[Decision]:
    where, params = [], []
    for column, value in (("agent", agent), ("status", status)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    if since is not None:
        where.append("created_at >= ?")
        params.append(since)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    return fetch_all(db, Decision, f"SELECT * FROM agent_decision {clause} ORDER BY id DESC LIMIT ?",
                     (*params, limit))


def unevaluated(db: Database, *, decided_before: str, limit: int = 5000) -> list[Decision]:
    """Executed decisions whose outcome has not been measured yet, decided before ``decided_before``."""
    return fetch_all(db, Decision, "SELECT * FROM agent_decision WHERE status = 'executed' AND evaluated_at IS NULL"
                     " AND decided_at < ? ORDER BY id LIMIT ?", (decided_before, limit))


def approval(db: Database, approval_id: int) -> Approval | None:
    return fetch_one(db, Approval, "SELECT * FROM agent_approval WHERE id = ?", (approval_id,))


def approvals(db: Database, *, status: str | None = "pending", limit: int = 200) -> list[Approval]:
    if status is None:
        return fetch_all(db, Approval, "SELECT * FROM agent_approval ORDER BY id DESC LIMIT ?", (limit,))
    return fetch_all(db, Approval, "SELECT * FROM agent_approval WHERE status = ? ORDER BY id LIMIT ?",
                     (status, limit))


def pending_approval_actions(db: Database) -> list[tuple[str, int, str]]:
    """(sku, decision id, action kind) for every item some pending approval's actions are about, oldest first."""
    found: list[tuple[str, int, str]] = []
    for decision_id, actions in db.execute(
            "SELECT d.id, d.actions_json FROM agent_approval a JOIN agent_decision d ON d.id = a.decision_id"
            " WHERE a.status = 'pending'"):
        for action in json.loads(actions):
            params = action.get("params", {})
            for sku in [params.get("sku"), *[line.get("sku") for line in params.get("lines", [])]]:
                if sku:
                    found.append((sku, decision_id, str(action.get("kind", ""))))
    return found


def pending_approval_skus(db: Database, kind: str | None = None) -> dict[str, int]:
    """{sku: decision id} of items some pending approval is about (from the decision's actions); with ``kind``,
    only actions of that kind (``"purchase_order"``: the orders waiting for the seller)."""
    return {sku: decision_id for sku, decision_id, action_kind in pending_approval_actions(db)
            if kind is None or action_kind == kind}


def pending_approval_params(db: Database, decision_type: str) -> list[dict[str, Any]]:
    """The first action's params of each decision of this type that waits in the approvals inbox."""
    return [json.loads(actions)[0].get("params", {}) for (actions,) in db.execute(
        "SELECT d.actions_json FROM agent_approval a JOIN agent_decision d ON d.id = a.decision_id"
        " WHERE a.status = 'pending' AND d.decision_type = ?", (decision_type,))]


def has_pending_approval(db: Database, decision_type: str) -> bool:
    """Whether a decision of this type waits in the approvals inbox."""
    return db.execute("SELECT 1 FROM agent_approval a JOIN agent_decision d ON d.id = a.decision_id"
                      " WHERE a.status = 'pending' AND d.decision_type = ?", (decision_type,)).fetchone() is not None


def was_approved(db: Database, decision_id: int) -> bool:
    """Whether the seller approved this decision in the approvals inbox."""
    return db.execute("SELECT 1 FROM agent_approval WHERE decision_id = ? AND status = 'approved'",
                      (decision_id,)).fetchone() is not None


# --- writes (inside a service's transaction) --------------------------------------------------
def insert_decision(db: Database, *, agent: str, decision_type: str, goal_id: int | None, status: str,
                    confidence: float | None, context_json: str, reasoning_json: str, actions_json: str,
                    alternatives_json: str, expected_json: str, created_at: str, decided_at: str | None) -> int:
    return db.execute(
        "INSERT INTO agent_decision (agent, decision_type, goal_id, status, confidence, context_json,"
        " reasoning_json, actions_json, alternatives_json, expected_json, created_at, decided_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (agent, decision_type, goal_id, status, confidence, context_json, reasoning_json, actions_json,
         alternatives_json, expected_json, created_at, decided_at)).lastrowid


def set_status(db: Database, decision_id: int, status: str, at: str, actions_json: str | None = None) -> None:
    """A decision's new status (and, when given, its actions as finally carried out)."""
    db.execute("UPDATE agent_decision SET status = ?, decided_at = ?, actions_json = coalesce(?, actions_json)"
               " WHERE id = ?", (status, at, actions_json, decision_id))


def set_outcome(db: Database, decision_id: int, realised_json: str, at: str) -> None:
    db.execute("UPDATE agent_decision SET realised_json = ?, evaluated_at = ? WHERE id = ?",
               (realised_json, at, decision_id))


def insert_approval(db: Database, *, decision_id: int, agent: str, kind: str, summary: str, at: str,
                    expires_at: str | None) -> int:
    return db.execute(
        "INSERT INTO agent_approval (decision_id, agent, kind, summary, status, created_at, expires_at)"
        " VALUES (?, ?, ?, ?, 'pending', ?, ?)", (decision_id, agent, kind, summary, at, expires_at)).lastrowid


def decide_approval(db: Database, approval_id: int, *, status: str, at: str, by: str, note: str) -> None:
    db.execute("UPDATE agent_approval SET status = ?, decided_at = ?, decided_by = ?, note = ? WHERE id = ?",
               (status, at, by, note, approval_id))


def due_approvals(db: Database, now: str) -> list[tuple[int, int]]:
    """(approval id, decision id) of pending approvals whose time ran out by ``now``."""
    return db.execute("SELECT id, decision_id FROM agent_approval WHERE status = 'pending'"
                      " AND expires_at IS NOT NULL AND expires_at <= ?", (now,)).fetchall()


def expire_approval(db: Database, approval_id: int, at: str) -> None:
    db.execute("UPDATE agent_approval SET status = 'expired', decided_at = ? WHERE id = ?", (at, approval_id))
