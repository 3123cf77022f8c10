"""What the agents would do now, without doing it: the Agents page's "plans next", and the per-agent switches.

:func:`plans` runs the same steps as a cycle (snapshot, demand, each agent's proposals, conflicts, autonomy
limits) and stops before anything is recorded or carried out, so the seller sees the next orders and price
changes, and which of them would wait for approval, before turning an agent on or changing its limits.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app import config
from app.agents import conflicts, planner
from app.agents.base import Board
from app.agents.limits import Limits, autonomy_breach
from app.agents.proposal import Proposal
from app.agents.snapshot import build_snapshot
from app.services import settings as shop_settings
from app.services.context import ServiceContext
from app.store import Store

__all__ = ["Plan", "plans", "switched_on"]


def switched_on(store: Store, agent: str) -> bool:
    """The seller's switch for one agent (``agents.<name>.enabled``); an agent without a switch is on."""
    setting = config.SETTINGS.get(f"agents.{agent}.enabled")
    return True if setting is None else bool(shop_settings.get(store, setting))


@dataclass(frozen=True)
class Plan:
    """One proposal the agents would make now."""

    agent: str
    decision_type: str
    kind: str  # the action: set_price, purchase_order, start_promotion, alert, ...
    summary: str  # its first reason, in the seller's words
    params: dict[str, Any]
    value_paise: int
    waits_for: str | None  # why it would wait for the seller; None when the agent would go ahead


def plans(ctx: ServiceContext, agents: dict[str, Any], demand_model: Any, limits: Limits, *,
          inventory: Any = None, trade: Any = None) -> list[Plan]:
    if not limits.enabled or not agents:
        return []
    directives = planner.directives_for(ctx.store.db(), ctx.today())
    snap = build_snapshot(ctx.store, now=ctx.now(), today=ctx.today(), limits=limits, directives=directives)
    board = Board(demand=demand_model.demand(snap))
    if inventory is not None and "inventory" not in agents and hasattr(inventory, "observe"):
        inventory.observe(snap, board)
    if trade is not None and "trade" not in agents and "pricing" in agents and hasattr(trade, "observe"):
        trade.observe(snap, board)  # the export price requests the pricing agent answers, as in the cycle
    proposals: list[Proposal] = []
    for agent in agents.values():
        proposals += agent.propose(snap, board)
    view = board.notes.get("inventory")
    stockout = set() if view is None else {snap.skus[i] for i in range(snap.size) if view.stockout_before_delivery[i]}
    priorities = {g.id: g.priority for g in planner.active_goals(ctx.store.db(), ctx.today())}
    resolution = conflicts.resolve(proposals, snap, stockout=stockout, priorities=priorities, budget=snap.budget)
    out = []
    for proposal in resolution.accepted:
        current = int(snap.price[snap.index[proposal.skus[0]]]) if proposal.skus and \
            proposal.skus[0] in snap.index else None
        out.append(Plan(agent=proposal.agent, decision_type=proposal.decision_type, kind=proposal.action.kind,
                        summary=proposal.reasoning[0] if proposal.reasoning else "",
                        params=dict(proposal.action.params), value_paise=int(proposal.value_paise),
                        waits_for=autonomy_breach(proposal, limits, current_price=current)))
    return out
