"""Finding and resolving conflicts between the proposals of one cycle (the seed's Conflict Manager).

Two kinds of conflict:

* **the same resource**: two proposals on one item's price, or two orders of one item; and the shared
  purchase budget;
* **working against each other**: a promotion on an item the inventory agent expects to run out of
  before the next delivery ("promoting what will stock out"), and any price change on an item whose
  price a running promotion has promised ("breaking a campaign's promise").

The promise and the stock-out forecast win against what works against them. Between proposals on the
same resource the one from the more important goal wins, then the one with the larger expected value
(value x confidence; urgent orders first). Purchase orders are then funded in order of urgency and value
per rupee until the budget or the spare cash runs out; an order over what is left is cut to its most
urgent lines when those fit (and reach the supplier's minimum). A proposal that loses is never carried out: it
is recorded as rejected, naming the winner.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from app.agents.limits import Budget
from app.agents.proposal import END_PROMOTION, PRICE_KINDS, PURCHASE_ORDER, SET_PRICE, START_PROMOTION, Action, Proposal
from app.agents.snapshot import Snapshot
from app.domain.money import format_inr
from app.i18n import _

NO_GOAL_RANK = 6


@dataclass
class Rejection:
    proposal: Proposal
    reason: str
    winner: Proposal | None = None
    kind: str = "conflict"  # conflict | promise | stockout | budget


@dataclass
class Resolution:
    accepted: list[Proposal] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)


def rank(proposal: Proposal, priorities: dict[int, int]) -> tuple:
    """Sort key, best first: the goal's priority, urgency, expected value weighed by confidence."""
    goal_rank = priorities.get(proposal.goal_id, NO_GOAL_RANK) if proposal.goal_id is not None else NO_GOAL_RANK
    return (goal_rank, not proposal.urgent, -proposal.value_paise * proposal.confidence)


def works_against(proposal: Proposal, snap: Snapshot, stockout: set[str]) -> Rejection | None:
    """A proposal that would break a promise or promote what will run out."""
    if proposal.kind not in PRICE_KINDS:
        return None
    sku = proposal.skus[0]
    promo = snap.promotions.get(sku)
    ends_this_promo = proposal.kind == END_PROMOTION and promo is not None and \
        proposal.action.params.get("promotion_id") == promo.id
    if promo is not None and not ends_this_promo:
        return Rejection(proposal, _("Breaks the price {price} that promotion {id} promised until {day}.").format(
            price=format_inr(promo.price_paise), id=promo.id, day=promo.ends_on), kind="promise")
    if sku in stockout and proposal.kind in (START_PROMOTION, SET_PRICE):
        new, old = proposal.action.new_price, proposal.action.params.get("old_price_paise")
        promoting = proposal.kind == START_PROMOTION and proposal.action.params.get("kind") != "clearance"
        cutting = proposal.kind == SET_PRICE and old is not None and new is not None and new < old
        if promoting or cutting:
            return Rejection(proposal, _("Would sell more of an item the inventory agent expects to run out of "
                                         "before the next delivery."), kind="stockout")
    return None


def resolve(proposals: list[Proposal], snap: Snapshot, *, stockout: set[str], priorities: dict[int, int],
            budget: Budget) -> Resolution:
    out = Resolution()
    ordered = sorted(proposals, key=lambda p: rank(p, priorities))
    claimed: dict[tuple[str, str], Proposal] = {}
    survivors: list[Proposal] = []
    for proposal in ordered:
        against = works_against(proposal, snap, stockout)
        if against is not None:
            out.rejected.append(against)
            continue
        clash = next((claimed[r] for r in proposal.resources() if r in claimed), None)
        if clash is not None:
            what = _("the price of") if proposal.kind in PRICE_KINDS else _("an order of")
            out.rejected.append(Rejection(proposal, _("Conflicts with {agent}'s {type} on {what} {skus}, which "
                                                      "ranks higher.").format(
                agent=clash.agent, type=clash.decision_type, what=what,
                skus=", ".join(sorted(set(proposal.skus) & set(clash.skus))[:5])), winner=clash))
            continue
        for r in proposal.resources():
            claimed[r] = proposal
        survivors.append(proposal)
    orders = [p for p in survivors if p.kind == PURCHASE_ORDER]
    for proposal in survivors:
        if proposal.kind != PURCHASE_ORDER:
            out.accepted.append(proposal)
    orders.sort(key=lambda p: (rank(p, priorities)[0], not p.urgent,
                               -p.value_paise / max(p.action.spend_paise, 1)))
    for proposal in orders:
        spend = proposal.action.spend_paise
        if not budget.allows(spend):
            trimmed = _trim_to_budget(proposal, snap, budget)
            if trimmed is not None:
                proposal, spend = trimmed, trimmed.action.spend_paise
        if budget.allows(spend):
            budget.take(spend)
            out.accepted.append(proposal)
        else:
            out.rejected.append(Rejection(proposal, _("Not funded: the order of {spend} does not fit ({left}).").format(
                spend=format_inr(spend), left=budget.describe()), kind="budget"))
    return out


def _trim_to_budget(proposal: Proposal, snap: Snapshot, budget: Budget) -> Proposal | None:
    """The order cut to the lines that fit the money left, the items that run out first first; None when
    nothing fits or what fits is below the supplier's minimum. Rejecting a whole order that is a little
    over the budget, day after day, would leave every shelf of that supplier empty."""
    params = proposal.action.params
    lines = list(params.get("lines") or [])
    if len(lines) < 2:
        return None
    info = proposal.expected.get("lines", {})

    def urgency(line: dict) -> tuple:
        facts = info.get(line["sku"], {})
        cover = facts.get("position_milli", 0) / max(facts.get("rop_milli", 1), 1)
        return (not facts.get("runs_out_first", False), cover)

    kept, total = [], 0
    for line in sorted(lines, key=urgency):
        cost = int(line["qty_milli"]) * int(line["cost_paise"]) // 1000
        if budget.allows(total + cost):
            kept.append(line["sku"])
            total += cost
    supplier = snap.suppliers.get(params.get("supplier_id"))
    if not kept or total < getattr(supplier, "min_order_paise", 0):
        return None
    original = max(proposal.action.spend_paise, 1)
    reason = _("Cut to fit the purchase money: {kept} of {lines} items, {total} ({left}).").format(
        kept=len(kept), lines=len(lines), total=format_inr(total), left=budget.describe())
    return replace(
        proposal, action=Action(kind=proposal.action.kind, params={
            **params, "lines": [line for line in lines if line["sku"] in kept], "total_paise": total}),
        expected={**proposal.expected, "spend_paise": total,
                  "lines": {sku: facts for sku, facts in info.items() if sku in kept}},
        reasoning=[*proposal.reasoning, reason], value_paise=proposal.value_paise * total // original)


def conflicting(a: Proposal, b: Proposal) -> bool:
    """Whether two proposals claim the same item price or the same item's stock."""
    return bool(a.resources() & b.resources()) and a.kind != "alert"
