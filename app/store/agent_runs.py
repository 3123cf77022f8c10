"""Every run of an agent (``agent_run``) and each agent's circuit breaker (``agent_breaker``)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from app.store.rows import fetch_all, fetch_one

__all__ = ["AgentRun", "Breaker", "breaker", "breaker_state", "breakers", "insert_run", "last_run_at", "put_breaker",
           "runs"]


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


def insert_run(db: Database, *, agent: str, trigger: str, started_at: str, finished_at: str, status: str,
               attempts: int, proposals: int, executed: int, escalated: int, rejected: int, error: str | None) -> int:
    """One finished (or skipped) run; its id."""
    return db.execute(
        "INSERT INTO agent_run (agent, trigger, started_at, finished_at, status, attempts, proposals, executed,"
        " escalated, rejected, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (agent, trigger, started_at, finished_at, status, attempts, proposals, executed, escalated, rejected,
         error)).lastrowid


def breaker_state(db: Database, agent: str) -> str | None:
    row = db.execute("SELECT state FROM agent_breaker WHERE agent = ?", (agent,)).fetchone()
    return None if row is None else row[0]


def put_breaker(db: Database, *, agent: str, state: str, failures: int, retry_at: str | None, last_error: str | None,
                at: str) -> None:
    """The breaker's new state; ``opened_at`` is kept while it stays open and cleared when it closes, and the
    last error is kept when none is given."""
    db.execute(
        "INSERT INTO agent_breaker (agent, state, failures, opened_at, retry_at, last_error, updated_at)"
        " VALUES (?, ?, ?, CASE WHEN ? = 'open' THEN ? END, ?, ?, ?) ON CONFLICT(agent) DO UPDATE SET"
        " state = excluded.state, failures = excluded.failures,"
        " opened_at = CASE WHEN excluded.state = 'open' AND agent_breaker.state != 'open' THEN excluded.opened_at"
        " WHEN excluded.state = 'closed' THEN NULL ELSE agent_breaker.opened_at END,"
        " retry_at = excluded.retry_at, last_error = coalesce(excluded.last_error, agent_breaker.last_error),"
        " updated_at = excluded.updated_at",
        (agent, state, failures, state, at, retry_at, last_error, at))
