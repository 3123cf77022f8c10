"""What each agent may do alone, in the seller's words: the safe default and the preview of chosen limits.

Until the seller has chosen the agents' limits (``agents.limits_chosen``), every action that moves money
(a price change, a promotion, a purchase order) waits in the approvals inbox. Choosing them (from the CLI,
``agents limits`` or the Agents page, through ``app.services.autonomy``) shows first what they mean in rupees,
on the shop's own best seller.
"""

from __future__ import annotations

from app.agents.proposal import HOLD_STOCK, PURCHASE_ORDER, SET_PRICE, START_PROMOTION, Proposal
from app.domain.reasons import reason

MONEY_MOVING = (SET_PRICE, START_PROMOTION, PURCHASE_ORDER)


def waits_for_choice(proposal: Proposal, *, chosen: bool) -> str | None:
    """Why this proposal waits for the seller while the limits are not chosen yet (None when it need not)."""
    if not chosen and proposal.action.kind == HOLD_STOCK:  # stock kept from the counter: the seller's call until then
        return reason("You have not chosen yet what the agents may do on their own, so holding stock for an export "
                      "order waits for you (choose with: agents limits).")
    if chosen or proposal.action.kind not in MONEY_MOVING:
        return None
    return reason("You have not chosen yet what the agents may do on their own, so every price change and purchase "
                  "order waits for you (choose with: agents limits).")
