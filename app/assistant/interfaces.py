"""What the assistant needs from outside its room, as small protocols the composition layer fills in.

The assistant may not import the agents (``app.agents``) or anything that talks to the network; ``main``
(or a command) passes it an :class:`Engine` (the decision engine, with ``app.agents.explain`` for "why")
and, when the seller has configured a language model, a :class:`Phraser`.
"""

from __future__ import annotations

from typing import Any, Protocol

from app.services.context import SELLER, Origin


class Engine(Protocol):
    def process_business_goal(self, goal_id: int) -> dict[str, Any]:
        """Turn a stored goal into its execution plan (strategies, agent tasks, milestones, resources)."""
        ...

    def approve(self, approval_id: int, *, note: str = "", origin: Origin = SELLER) -> str:
        """Approve a request from the approvals inbox and carry it out; the decision's new status."""
        ...

    def reject(self, approval_id: int, *, note: str = "", origin: Origin = SELLER) -> None: ...

    def explain(self, event_id: int | None = None, *, decision_id: int | None = None) -> dict[str, Any]:
        """Why an event happened: its decision's reasoning, alternatives, expected and realised outcome."""
        ...


class Phraser(Protocol):
    def rephrase(self, text: str, lang: str) -> str | None:
        """The same reply, phrased more naturally in ``lang`` ('en', 'hi', 'hinglish'); None to keep it."""
        ...
