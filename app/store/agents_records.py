"""Reads of what the agents did: decisions, approvals, runs, breakers, alerts, goal progress, stock days."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from app.store.rows import fetch_all, fetch_one


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
        return json.loads(self.reasoning_json)

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


@dataclass(frozen=True, slots=True, kw_only=True)
class AgentRun:
    id: int
    agent: str
    trigger: str
    started_at: str
    finished_at: str | None
    status: str
    attempts: int
    proposals: int
    executed: int
    escalated: int
    rejected: int
    error: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Breaker:
    agent: str
    state: str
    failures: int
    opened_at: str | None
    retry_at: str | None
    last_error: str | None
    updated_at: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Alert:
    id: int
    kind: str
    subject: str
    severity: str
    message: str
    data_json: str
    decision_id: int | None
    created_at: str
    resolved_at: str | None


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


def pending_approval_skus(db: Database) -> dict[str, int]:
    """{sku: decision id} of items some pending approval is about (from the decision's actions)."""
    found: dict[str, int] = {}
    for decision_id, actions in db.execute(
            "SELECT d.id, d.actions_json FROM agent_approval a JOIN agent_decision d ON d.id = a.decision_id"
            " WHERE a.status = 'pending'"):
        for action in json.loads(actions):
            params = action.get("params", {})
            for sku in [params.get("sku"), *[line.get("sku") for line in params.get("lines", [])]]:
                if sku:
                    found[sku] = decision_id
    return found


def runs(db: Database, *, agent: str | None = None, limit: int = 50) -> list[AgentRun]:
    if agent is None:
        return fetch_all(db, AgentRun, "SELECT * FROM agent_run ORDER BY id DESC LIMIT ?", (limit,))
    return fetch_all(db, AgentRun, "SELECT * FROM agent_run WHERE agent = ? ORDER BY id DESC LIMIT ?", (agent, limit))


def last_run_at(db: Database, agent: str) -> str | None:
    """When the agent (or job) last finished a run that was not skipped."""
    row = db.execute("SELECT max(started_at) FROM agent_run WHERE agent = ? AND status != 'skipped'",
                     (agent,)).fetchone()
    return row[0] if row else None


def breaker(db: Database, agent: str) -> Breaker | None:
    return fetch_one(db, Breaker, "SELECT * FROM agent_breaker WHERE agent = ?", (agent,))


def breakers(db: Database) -> list[Breaker]:
    return fetch_all(db, Breaker, "SELECT * FROM agent_breaker ORDER BY agent")


def open_alerts(db: Database, *, kind: str | None = None, limit: int = 500) -> list[Alert]:
    if kind is None:
        return fetch_all(db, Alert, "SELECT * FROM agent_alert WHERE resolved_at IS NULL ORDER BY id DESC LIMIT ?",
                         (limit,))
    return fetch_all(db, Alert, "SELECT * FROM agent_alert WHERE resolved_at IS NULL AND kind = ?"
                     " ORDER BY id DESC LIMIT ?", (kind, limit))


def open_alert_subjects(db: Database, kind: str) -> dict[str, int]:
    """{subject: alert id} of the open alerts of one kind."""
    return dict(db.execute("SELECT subject, id FROM agent_alert WHERE resolved_at IS NULL AND kind = ?", (kind,)))


def goal_progress(db: Database, goal_id: int, *, limit: int = 60) -> list[tuple[str, dict[str, Any], bool]]:
    """(measured_on, metrics, on_track), newest first."""
    return [(r[0], json.loads(r[1]), bool(r[2])) for r in db.execute(
        "SELECT measured_on, metrics_json, on_track FROM goal_progress WHERE goal_id = ?"
        " ORDER BY measured_on DESC LIMIT ?", (goal_id, limit))]


def stock_days(db: Database, since_on: str, until_on: str) -> list[tuple[str, int, int, float, int]]:
    """(date, active items, out of stock, availability, inventory value) for the days in the range."""
    return db.execute("SELECT business_date, active_skus, out_of_stock, availability, inventory_value_paise"
                      " FROM stock_day WHERE business_date BETWEEN ? AND ? ORDER BY business_date",
                      (since_on, until_on)).fetchall()
