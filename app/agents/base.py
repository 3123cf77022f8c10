"""The agent protocol and the board the agents of one cycle share.

An agent reads the cycle's :class:`~app.agents.snapshot.Snapshot` and :class:`Board` and returns
proposals; it never writes. The engine runs the agents in order (inventory before pricing), so a later
agent reads what an earlier one found: the pricing agent knows which items the inventory agent expects
to run out of, which are overstocked and which will expire.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from app.agents.demand import Demand
from app.agents.proposal import Proposal
from app.agents.snapshot import Snapshot


@dataclass
class Board:
    demand: Demand
    notes: dict[str, Any] = field(default_factory=dict)  # agent name -> what it publishes for the others


class Agent(Protocol):
    NAME: str
    TRIGGER: dict[str, Any]  # APScheduler trigger arguments for the agent's own runs

    def propose(self, snap: Snapshot, board: Board) -> list[Proposal]:
        """Proposals for this cycle. Must not write to the shop."""
        ...
