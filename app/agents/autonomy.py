"""What each agent may do alone, in the seller's words: the safe default and the preview of chosen limits.

Until the seller has chosen the agents' limits (``agents.limits_chosen``), every action that moves money
(a price change, a promotion, a purchase order) waits in the approvals inbox. Choosing them (from the CLI,
``agents limits``) shows first what they mean in rupees, on an example the seller knows.
"""

from __future__ import annotations

from app.agents.proposal import PURCHASE_ORDER, SET_PRICE, START_PROMOTION, Proposal
from app.domain.money import format_inr
from app.i18n import _

MONEY_MOVING = (SET_PRICE, START_PROMOTION, PURCHASE_ORDER)
EXAMPLE_PRICE_PAISE = 10_000  # a Rs 100 item: the preview's example


def waits_for_choice(proposal: Proposal, *, chosen: bool) -> str | None:
    """Why this proposal waits for the seller while the limits are not chosen yet (None when it need not)."""
    if chosen or proposal.action.kind not in MONEY_MOVING:
        return None
    return _("You have not chosen yet what the agents may do on their own, so every price change and purchase "
             "order waits for you (choose with: agents limits).")


def preview(*, enabled: bool, max_price_change_bp: int, max_po_paise: int, weekly_budget_paise: int) -> list[str]:
    """The chosen limits in plain words, one sentence each."""
    if not enabled:
        return [_("The agents are off: they do nothing, not even suggest.")]
    low = EXAMPLE_PRICE_PAISE * (10_000 - max_price_change_bp) // 10_000
    high = EXAMPLE_PRICE_PAISE * (10_000 + max_price_change_bp) // 10_000
    lines = []
    if max_price_change_bp <= 0:
        lines.append(_("Pricing: every price change waits for your approval."))
    else:
        sentence = _("Pricing: may change a price by up to {pct}% on its own, never above the MRP nor below your "
                     "margin floor; a {example} item can go from {low} to {high}. Bigger changes wait for you.")
        lines.append(sentence.format(pct=f"{max_price_change_bp / 100:g}", example=format_inr(EXAMPLE_PRICE_PAISE),
                                     low=format_inr(low), high=format_inr(high)))
    if max_po_paise <= 0:
        lines.append(_("Purchases: every purchase order waits for your approval."))
    else:
        lines.append(_("Purchases: may send a purchase order of up to {limit} to a supplier on its own; a bigger need "
                       "is split over days, or waits for you when it cannot be.").format(
            limit=format_inr(max_po_paise)))
    if weekly_budget_paise > 0:
        lines.append(_("All purchase orders together stay within {budget} a week.").format(
            budget=format_inr(weekly_budget_paise)))
    return lines
