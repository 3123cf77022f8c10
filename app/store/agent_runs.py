"""Every run of an agent (``agent_run``) and each agent's circuit breaker (``agent_breaker``)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from app.store.rows import fetch_all, fetch_one

__all__ = ["AgentRun", "Breaker", "breaker", "breakers", "last_run_at", "runs"]


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
