"""The marketing agent's campaigns as decisions: the agent proposes, the rules of the engine decide.

Each idea of the week (:func:`app.agents.marketing.propose`) is weighed first: its expected return
(:func:`app.domain.campaigns.worth`, from the shop's own measured redemptions and its customers' bills) must
pay for its messages, or the agent does not propose it at all. What is proposed becomes a decision
(``decision_type`` ``campaign``, action ``campaign``) with the group's size, the channel, the message, the
cost and the expected return in its reasoning:

* it runs at once when the seller has chosen what the agents may do alone (``agents.limits_chosen``), the
  agents are switched on and its cost fits in what is left of the week's marketing budget;
* anything else waits in the approvals inbox. Approving it (:meth:`DecisionEngine.approve`, which calls
  :func:`carry_out` through :mod:`app.agents.execute`) plans and sends it then, through the outbox, once:
  an approval is answered once, and a campaign writes one message per customer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from app import config
from app.agents.errors import HardLimitBreached
from app.agents.proposal import CAMPAIGN, Action
from app.domain import campaigns as rules
from app.domain.money import format_inr
from app.errors import AppError
from app.i18n import _, ngettext
from app.services import campaign_api_sends as api_sends
from app.services import campaigns, decisions
from app.services import settings as settings_service
from app.services.catalog import get_product
from app.services.changes import Changes
from app.services.context import Origin, ServiceContext
from app.store import campaign_uplift as uplift_store
from app.store import campaigns as campaign_store
from app.store import marketing_reads as reads
from app.store.shop import get_profile

if TYPE_CHECKING:
    from app.agents.marketing import CampaignProposal

__all__ = ["DECISION_TYPE", "Decided", "carry_out", "decide", "message_cost", "weigh"]

AGENT = "marketing"
DECISION_TYPE = "campaign"


@dataclass(frozen=True)
class Decided:
    fate: str  # executed | awaiting_approval | failed
    decision_id: int
    campaign_id: int | None
    messages: int
    cost_paise: int


def message_cost(ctx: ServiceContext) -> tuple[str, int]:
    """(channel, cost of one message): links shared from the shop's own phone cost nothing; the WhatsApp
    Business API charges Meta's rate (``marketing.message_cost_paise``)."""
    via = api_sends.channel_for(ctx.store.db(), settings_service.get(ctx.store, config.MARKETING_SEND_VIA))
    return via, settings_service.get(ctx.store, config.MARKETING_MESSAGE_COST_PAISE) if via == "whatsapp_api" else 0


def weigh(ctx: ServiceContext, idea: CampaignProposal, members: list[int], cost_per_message: int) -> rules.Worth:
    """The idea's expected return against its cost, from what the shop measured (reads only)."""
    db = ctx.store.db()
    item = reads.item_facts(db, idea.sku)
    messages, redeemed = reads.segment_record(db, idea.segment)
    lapsed = idea.segment == rules.LAPSED
    measured = uplift_store.measured(db, ctx.now_iso(), idea.segment)  # held-back customers, settled
    return rules.worth(reach=idea.reach, cost_per_message_paise=cost_per_message, messages=messages,
                       redemptions=redeemed, lapsed=lapsed, measured=measured,
                       unit_margin_paise=(item.price_paise - item.cost_paise) if item else 0,
                       lapsed_value_paise=rules.visit_value(reads.visit_history(db, members)) if lapsed else 0)


def _preview(ctx: ServiceContext, idea: CampaignProposal) -> str:
    product = get_product(ctx.store.db(), idea.sku)
    profile = get_profile(ctx.store.db())
    festival = rules.next_festival(ctx.today())
    return rules.render(style=idea.styles[0], language="en", customer="{name}", shop=profile.name if profile else "",
                        item_en=product.name_en, item_hi=product.name_hi, price_paise=product.price_paise,
                        mrp_paise=product.mrp_paise, code="XXXX-0A", festival=festival[0] if festival else "")


def _channel_text(channel: str) -> str:
    return _("WhatsApp Business API") if channel == "whatsapp_api" else _(
        "click-to-chat messages you send yourself from the shop's phone (free)")


def decide(ctx: ServiceContext, idea: CampaignProposal, worth: rules.Worth, *, alone: str | None, channel: str,
           left_paise: int, seed: int | None = None) -> Decided:
    """Record the idea as a decision and run it, or send it to the approvals inbox.

    ``alone`` is None when the agent may act on its own, else why it may not (limits not chosen, agents
    off); a campaign that costs more than ``left_paise`` of the week's budget waits for the seller too."""
    group = rules.segment_text(idea.segment)
    reasoning = [
        idea.reason,
        ngettext("{reach} customer who agreed to offers in the group '{group}', by {channel}.",
                 "{reach} customers who agreed to offers in the group '{group}', by {channel}.", idea.reach).format(
            reach=idea.reach, group=group + (f" ({idea.segment_arg})" if idea.segment_arg else ""),
            channel=_channel_text(channel)),
        _("Message: {text}").format(text=_preview(ctx, idea)),
        _("Cost {cost}; expected back: {redemptions:.1f} codes at the counter, {margin} of margin ({sure} on the "
          "low side of what the shop has measured).").format(
            cost=format_inr(worth.cost_paise), redemptions=worth.redemptions, margin=format_inr(worth.margin_paise),
            sure=format_inr(worth.sure_margin_paise)),
    ]
    if channel == campaigns.HAND:
        reasoning.append(ngettext(
            "Free: you send this message yourself from the shop's WhatsApp (Marketing page, 'Send by hand'). "
            "Paid messages only once codes said at the counter show that the idea pays.",
            "Free: you send these {reach} messages yourself from the shop's WhatsApp (Marketing page, 'Send by "
            "hand'). Paid messages only once codes said at the counter show that the idea pays.",
            idea.reach).format(reach=idea.reach))
    if idea.limit is not None:
        reasoning.append(ngettext(
            "Only {limit} customer now: the agent has nearly spent what you let it risk beyond the margin its "
            "codes brought back; more when codes are said at the counter.",
            "Only {limit} customers now: the agent has nearly spent what you let it risk beyond the margin its "
            "codes brought back; more when codes are said at the counter.",
            idea.limit).format(limit=idea.limit))
    action = Action(kind=CAMPAIGN, params={
        "item": idea.sku, "segment": idea.segment, "segment_arg": idea.segment_arg, "styles": list(idea.styles),
        "reach": idea.reach, "channel": channel, "cost_paise": worth.cost_paise,
        "expected_margin_paise": worth.margin_paise, **({"limit": idea.limit} if idea.limit is not None else {})})
    expected = {"horizon_days": rules.RETURN_DAYS, "redemptions": round(worth.redemptions, 2),
                "margin_paise": worth.margin_paise, "sure_margin_paise": worth.sure_margin_paise,
                "cost_paise": worth.cost_paise}
    why = alone
    if why is None and worth.cost_paise > left_paise:
        why = _("It costs {cost}, more than the {left} left of this week's marketing budget.").format(
            cost=format_inr(worth.cost_paise), left=format_inr(max(left_paise, 0)))
    if why is not None:
        recorded = decisions.record_decision(ctx, agent=AGENT, decision_type=DECISION_TYPE,
                                             status="awaiting_approval", reasoning=[
                                                 *reasoning, _("Needs the seller: {why}").format(why=why)],
                                             actions=[action.to_json()], expected=expected,
                                             confidence=round(min(worth.redeem_rate * 10, 1.0), 3))
        days = settings_service.get(ctx.store, config.APPROVAL_EXPIRY_DAYS)
        summary = " ".join([reasoning[1], _("Cost {cost}, expected margin back {margin}.").format(
            cost=format_inr(worth.cost_paise), margin=format_inr(worth.margin_paise)), why])
        decisions.request_approval(ctx, int(recorded.id), summary=summary[:500], kind=DECISION_TYPE,
                                   expires=ctx.now() + timedelta(days=days))
        return Decided("awaiting_approval", int(recorded.id), None, 0, worth.cost_paise)
    recorded = decisions.record_decision(ctx, agent=AGENT, decision_type=DECISION_TYPE, status="proposed",
                                         reasoning=reasoning, actions=[action.to_json()], expected=expected,
                                         confidence=round(min(worth.redeem_rate * 10, 1.0), 3))
    decision_id = int(recorded.id)
    origin = Origin(actor=f"agent:{AGENT}", reason=idea.reason[:500], decision_id=decision_id)
    try:
        with ctx.store.write():
            _changes, done = carry_out(ctx, action, origin, seed=seed)
            decisions.set_decision_status(ctx, decision_id, "executed", reason=idea.reason[:500],
                                          actions=[done.to_json()], origin=origin)
    except AppError as exc:  # the item changed since it was read (a price now above its MRP): said, not sent
        decisions.set_decision_status(ctx, decision_id, "failed", origin=origin,
                                      reason=_("Could not be done: {why}").format(why=str(exc)))
        return Decided("failed", decision_id, None, 0, 0)
    return Decided("executed", decision_id, int(done.params["campaign_id"]), int(done.params["messages"]),
                   worth.cost_paise)


def carry_out(ctx: ServiceContext, action: Action, origin: Origin, *,
              seed: int | None = None) -> tuple[Changes, Action]:
    """Plan the campaign and send its messages (inside the caller's transaction): the price is checked
    against the item as it is now, and nothing is quoted above its MRP or below the margin floor."""
    params = action.params
    with ctx.store.write() as db:
        product = get_product(db, params["item"])
        problem = rules.quote_problem(product.price_paise, cost_paise=product.cost_paise,
                                      mrp_paise=product.mrp_paise,
                                      margin_floor_bp=settings_service.get(ctx.store, config.MARGIN_FLOOR_BP))
        if problem:
            raise HardLimitBreached(_("Refused: it would cross a hard limit."), violations=[
                _("The price of {name} would be above its MRP.").format(name=product.name_en)
                if problem == "above_mrp" else
                _("The price of {name} would be below the margin floor.").format(name=product.name_en)])
        planned = campaigns.plan_campaign(ctx, sku=params["item"], segment=params["segment"],
                                          segment_arg=params.get("segment_arg", ""), styles=tuple(params["styles"]),
                                          budget_paise=int(params.get("cost_paise", 0)), seed=seed,
                                          channel=str(params.get("channel", "")), origin=origin)
        campaign_id = int(planned.id)  # type: ignore[arg-type]
        if campaigns.channel_of(ctx, campaign_store.get_campaign(db, campaign_id)) == campaigns.HAND:  # type: ignore[arg-type]
            # the seller sends these from the shop's own phone (the Marketing page's list, ``marketing send``):
            # nothing counts as sent until the seller takes the links
            return planned, Action(kind=CAMPAIGN, params={**params, "campaign_id": campaign_id, "messages": 0})
        limit = params.get("limit")
        sent_changes, sent = campaigns.send_campaign(ctx, campaign_id, limit=None if limit is None else int(limit),
                                                     seed=seed, origin=origin)
    return planned | sent_changes, Action(kind=CAMPAIGN, params={**params, "campaign_id": campaign_id,
                                                                  "messages": len(sent)})
