"""The marketing agent: reads who the shop's customers are and what sells and proposes campaigns; each is a
decision (:mod:`app.agents.marketing_decisions`) that runs without waiting for the seller once the seller
has chosen what the agents may do alone and it fits the week's budget (seed property 3), and otherwise
waits in the approvals inbox. The seller can pause any campaign on the Marketing page or with
``marketing pause``.

What it proposes, each week:

- **New items** (added in the last 14 days, in stock): to the fans of the item's category.
- **Lapsed customers** (no visit for ``marketing.lapsed_weeks``): their own favourite item, "we missed
  you" against a plain message.
- **A festival within 21 days** (``app.domain.festivals``): the shop's best seller of the last 28 days
  to the regulars, a festival greeting against a plain message.

The item offered always keeps longer than ``OFFER_KEEPS_DAYS`` (the favourite or best seller among such items;
a new item that lasts two weeks or less is not offered).

In that order; a customer is counted in one idea only (one campaign message a week at most).

An idea is proposed only when the margin it is expected to bring pays for its messages even one standard
deviation below what is expected (:func:`app.domain.campaigns.worth`: codes redeemed and the held-back
customers, each with its uncertainty); a running campaign stops when that no longer holds.
It runs alone while its reach (consented customers not yet messaged)
times the message cost fits in what is left of the week's budget (``marketing.weekly_budget_paise`` minus
the spend of the last 7 days); nothing priced above its MRP or below the margin floor is quoted (the
campaign service refuses it).
The engine's scheduler runs the week each Monday morning (``TRIGGER``, ``job:marketing`` in
:class:`~app.agents.runner.AgentRunner`) with the budget :func:`granted_budget` draws from the seller's
goals; ``marketing run`` and the Marketing page run it at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import TYPE_CHECKING

from app import config
from app.agents import ad_proposals, marketing_decisions, planner
from app.domain import campaigns as rules
from app.domain.clock import to_iso
from app.domain.money import format_inr
from app.i18n import _
from app.services import campaigns
from app.services import settings as settings_service
from app.services.context import Origin, ServiceContext
from app.store import ad_budgets as ad_store
from app.store import campaigns as campaign_store
from app.store import marketing_reads as reads
from app.store import segments

if TYPE_CHECKING:
    from app.agents.engine import DecisionEngine

__all__ = ["TRIGGER", "CampaignProposal", "MarketingRun", "granted_budget", "propose", "run_on_engine", "run_week"]

ACTOR = rules.AGENT_ACTOR
TRIGGER = {"trigger": "cron", "day_of_week": "mon", "hour": 10, "minute": 0}  # the week's run, on the scheduler
GOAL_SHARE = 0.25  # of the extra weekly margin a growth goal asks for, what marketing may spend to win it
CAMPAIGN_WEEKS = 8  # an agent's campaign runs this long; then its idea may come back as a new campaign
HAND_WAIT_DAYS = 14  # a free campaign the seller has not sent from the shop's phone by then is dropped
# an offer names an item that keeps longer than this: stock of an item that lasts two weeks or less is sized to a few
# days' or a week's sales, so the codes' few lumpy units move its orders, and the shelf then wastes or runs short by
# more than the offer brought (the hill town's offered paneer thrown out, the village haat's offered dahi no longer
# stocked, the bakery's offered 11-day eggs sold out and thrown out; docs/marketing.md, "Thirteenth session",
# "Fifteenth session", "Seventeenth session")
OFFER_KEEPS_DAYS = 14


@dataclass(frozen=True)
class CampaignProposal:
    sku: str
    segment: str
    segment_arg: str
    styles: tuple[str, ...]
    reach: int
    reason: str
    limit: int | None = None  # send to no more than this many of the group now (the seller's risk limit; see run_week)


@dataclass(frozen=True)
class MarketingRun:
    proposed: int
    started: list[int]
    unfunded: int  # over the week's budget: waiting for the seller
    messages: int
    budget_left_paise: int
    waiting: list[int]  # decisions in the approvals inbox
    not_worth: int  # ideas whose expected margin could not pay for their messages
    channel_shares: dict[str, int] = field(default_factory=dict)  # the week's budget per paid channel
    ads: ad_proposals.AdProposal | None = None  # the week's Amazon Ads proposal, if one was made
    over_risk: int = 0  # ideas not sent: the agent's campaigns have spent the seller's risk beyond what came back
    by_hand: list[int] = field(default_factory=list)  # of ``started``: free campaigns the seller sends by hand


def propose(ctx: ServiceContext) -> list[CampaignProposal]:
    """This week's campaign ideas, most valuable first. Reads only."""
    db = ctx.store.db()
    today = ctx.today()
    weeks = settings_service.get(ctx.store, config.MARKETING_LAPSED_WEEKS)
    floor_bp = settings_service.get(ctx.store, config.MARGIN_FLOOR_BP)
    busy = reads.open_campaign_keys(db) | reads.pending_campaign_keys(db)
    # one message a customer a week: an idea reaches only those no earlier idea (or last week's sends) took
    claimed = campaign_store.messaged_since(db, to_iso(ctx.now() - timedelta(days=campaigns.FREQUENCY_DAYS)))
    out: list[CampaignProposal] = []

    def add(sku: str | None, segment: str, arg: str, styles: tuple[str, ...], reason: str) -> None:
        if not sku or (sku, segment, arg) in busy:
            return
        item = reads.item_facts(db, sku)
        if item is None or item.stock_milli <= 0 or rules.quote_problem(
                item.price_paise, cost_paise=item.cost_paise, mrp_paise=item.mrp_paise, margin_floor_bp=floor_bp):
            return
        if item.shelf_life_days is not None and item.shelf_life_days <= OFFER_KEEPS_DAYS:
            return  # a new item that lasts two weeks or less: its offer would move its orders by more than it brings
        members = segments.members(db, segment, today, arg=arg, lapsed_weeks=weeks,
                               rhythm=settings_service.get(ctx.store, config.MARKETING_LAPSED_RHYTHM))
        reach = {r.customer_id for r in campaign_store.reachable(db, members)} - claimed
        if reach:
            busy.add((sku, segment, arg))
            claimed.update(reach)
            out.append(CampaignProposal(sku, segment, arg, styles, len(reach), reason))

    # new items first: news of the shelf is what a customer most wants to hear
    for sku, category in reads.new_items(db, ctx.now() - timedelta(days=14)):
        if category:
            add(sku, "category_fans", category, ("plain",),
                _("A new item on the shelf, for the customers who buy from its category."))
    lapsed = segments.members(db, "lapsed", today, lapsed_weeks=weeks,
                               rhythm=settings_service.get(ctx.store, config.MARKETING_LAPSED_RHYTHM))
    add(reads.favourite_item(db, lapsed, lasting_over=OFFER_KEEPS_DAYS), "lapsed", "", ("missed_you", "plain"),
        _("{count} customers have not come for {weeks} weeks; this is what they bought most.").format(
            count=len(lapsed), weeks=weeks))
    festival = rules.next_festival(today)
    if festival:
        add(reads.best_seller(db, today - timedelta(days=28), lasting_over=OFFER_KEEPS_DAYS), "regulars", "",
            ("festival", "plain"),
            _("{festival} is on {day}; the best seller of the last four weeks, to the regulars.").format(
                festival=rules.FESTIVAL_NAMES[festival[0]][0], day=festival[1].isoformat()))
    return out


def _carry_on(ctx: ServiceContext, left: int, cost: int, seed: int | None, *,
              skip: frozenset[int] = frozenset()) -> tuple[int, int]:
    """The agent's own running campaigns: finished after ``CAMPAIGN_WEEKS``; the others reach the customers
    who joined their group since (a newly lapsed customer), as far as the budget goes. Returns (messages,
    budget left)."""
    messages = 0
    ended = to_iso(ctx.now() - timedelta(weeks=CAMPAIGN_WEEKS))
    unsent = to_iso(ctx.now() - timedelta(days=HAND_WAIT_DAYS))
    for campaign in campaign_store.campaigns(ctx.store.db(), ("planned", "running")):
        if campaign.created_by != ACTOR or campaign.id in skip:
            continue
        hand = campaigns.channel_of(ctx, campaign) == campaigns.HAND
        if campaign.status == "planned":
            # a free campaign the seller has not sent in two weeks is dropped, so that its idea can come back fresh
            if hand and campaign.created_at < unsent and not campaign_store.campaign_totals(
                    ctx.store.db(), campaign.id).messages:
                campaigns.set_status(ctx, campaign.id, "cancelled", origin=Origin(actor=ACTOR, reason=_(
                    "Not sent from the shop's phone in {days} days.").format(days=HAND_WAIT_DAYS)))
            continue
        origin = Origin(actor=ACTOR, reason=_("The campaign has run its {weeks} weeks.").format(weeks=CAMPAIGN_WEEKS))
        if campaign.created_at < ended:
            campaigns.set_status(ctx, campaign.id, "done", origin=origin)
            continue
        if hand:  # the seller sends it from the shop's phone: who joined its group is on the seller's list
            continue
        if cost and left < cost:
            continue
        if cost and not _still_pays(ctx, campaign, cost):
            # a loser: what the messages brought, measured against the customers held back, cannot pay for more
            campaigns.set_status(ctx, campaign.id, "done", origin=Origin(actor=ACTOR, reason=_(
                "Measured against the customers it held back, the campaign no longer pays for its messages.")))
            continue
        limit = left // cost if cost else None
        _changes, sent = campaigns.send_campaign(ctx, campaign.id, limit=limit, seed=seed, origin=Origin(
            actor=ACTOR, reason=_("Customers who joined the campaign's group since it began.")))
        messages += len(sent)
        left -= len(sent) * cost
    return messages, left


def _still_pays(ctx: ServiceContext, campaign: campaign_store.Campaign, cost: int) -> bool:
    """Whether one more message of this running campaign is still expected to pay (the worth rule, with what
    the shop has measured since it began)."""
    weeks = settings_service.get(ctx.store, config.MARKETING_LAPSED_WEEKS)
    members = segments.members(ctx.store.db(), campaign.segment, ctx.today(), arg=campaign.segment_arg,
                               lapsed_weeks=weeks,
                               rhythm=settings_service.get(ctx.store, config.MARKETING_LAPSED_RHYTHM))
    idea = CampaignProposal(campaign.sku, campaign.segment, campaign.segment_arg, (), 1, "")
    return marketing_decisions.weigh(ctx, idea, members, cost).pays


def granted_budget(ctx: ServiceContext) -> tuple[int, str]:
    """The week's budget the engine grants from the seller's goals, with the reason in words.

    The seller's ``marketing.weekly_budget_paise`` is the most it can be. An active goal that asks for more
    profit or revenue (``change_pct`` above 0) grants a quarter (``GOAL_SHARE``) of the extra gross margin it
    asks for in a week, at the recent pace (profit: P % of the weekly profit; revenue: P % of the weekly
    sales less their cost); the largest such grant counts. With no such goal the seller's cap is the budget.
    """
    cap = settings_service.get(ctx.store, config.MARKETING_WEEKLY_BUDGET_PAISE)
    db = ctx.store.db()
    today = ctx.today()
    pace: dict[str, float] | None = None
    best: int | None = None
    for goal in planner.active_goals(db, today):
        for metric in goal.metrics:
            pct = float(metric.get("change_pct") or 0)
            if metric.get("metric") not in ("profit", "revenue") or pct <= 0:
                continue
            pace = pace or planner.baseline(db, today)
            per_day = pace["profit_per_day"] if metric["metric"] == "profit" else \
                pace["revenue_per_day"] - pace["cogs_per_day"]
            grant = max(0, round(GOAL_SHARE * pct / 100 * per_day * 7))
            best = grant if best is None else max(best, grant)
    if best is None:
        return cap, _("No goal asks for more profit or sales: the budget is your weekly limit of {cap}.").format(
            cap=format_inr(cap))
    budget = min(cap, best)
    return budget, _("A quarter of the extra margin your goals ask for in a week is {grant}; the budget is "
                     "{budget} (your limit {cap}).").format(grant=format_inr(best), budget=format_inr(budget),
                                                            cap=format_inr(cap))


def run_week(ctx: ServiceContext, *, seed: int | None = None, chosen: bool | None = None) -> MarketingRun:
    """The week's ideas, each weighed (it must pay for its messages) and decided
    (:mod:`app.agents.marketing_decisions`): run at once within the seller's chosen limits and the week's budget,
    else put in the approvals inbox; then the agent's running campaigns carry on with what is left.

    ``chosen``: whether the seller has chosen what the agents may do alone (None: the shop's setting,
    ``agents.limits_chosen``; the simulator's seller has)."""
    budget, _why = granted_budget(ctx)
    channel, cost = marketing_decisions.message_cost(ctx)
    if chosen is None:
        chosen = settings_service.get(ctx.store, config.AGENT_LIMITS_CHOSEN)
    alone: str | None = None
    if not settings_service.get(ctx.store, config.AGENTS_ENABLED):
        alone = _("The agents are switched off.")
    elif not chosen:
        alone = _("You have not chosen yet what the agents may do on their own, so every campaign that sends "
                  "messages waits for you (choose with: agents limits).")
    # the week shared between the paid channels by what each brought per rupee; the ads' share is proposed
    week = ad_proposals.channel_week(ctx, budget, channel, seed=seed)
    ads = ad_proposals.propose_ads(ctx, week, alone=alone)
    # seven days of running sponsored-ads budgets are held against the same week's budget, and the messages
    # spend no more than their share of it
    spend = campaigns.weekly_spend(ctx)
    left = max(0, budget - spend - ad_store.reserved_weekly(ctx.store.db()))
    if channel in week.shares:
        left = min(left, max(0, week.shares[channel] - spend))
    # the seller's risk: on its own, the agent spends on paid messages no more than
    # ``marketing.unproven_risk_paise`` beyond the margin its codes have brought back (the seller may plan more)
    proven = left
    if alone is None and cost:
        spent, back = reads.creator_record(ctx.store.db(), ACTOR, ctx.now_iso())
        proven = rules.unproven_allowance(spent, back, settings_service.get(ctx.store,
                                                                            config.MARKETING_UNPROVEN_RISK_PAISE))
    free_first = settings_service.get(ctx.store, config.MARKETING_FREE_FIRST)
    ideas = propose(ctx)
    started: list[int] = []
    by_hand: list[int] = []  # free campaigns planned for the seller to send from the shop's phone
    waiting: list[int] = []
    unfunded = messages = not_worth = over_risk = 0
    db = ctx.store.db()
    weeks = settings_service.get(ctx.store, config.MARKETING_LAPSED_WEEKS)
    for idea in ideas:
        members = segments.members(db, idea.segment, ctx.today(), arg=idea.segment_arg, lapsed_weeks=weeks,
                               rhythm=settings_service.get(ctx.store, config.MARKETING_LAPSED_RHYTHM))
        if alone is None and cost and proven < idea.reach * cost <= left:  # the risk limit binds, not the budget
            if free_first:
                # not shown to pay yet: its first campaign goes out free, the seller sending the messages from the
                # shop's own phone. Weighed at what it costs: ₹0 (the app does not count the seller's minutes; the
                # seller sends at their own pace and may leave it, and it is dropped after HAND_WAIT_DAYS). It is
                # left out only where what the shop measured says it brings nothing even then (the held-back
                # customers did as well); the paid messages that may follow are weighed at the paid price then
                if not _by_hand(ctx, idea, members, left, seed, started, by_hand):
                    not_worth += 1
                continue
            if proven < cost:  # the risk is spent (or none): nothing paid goes out on the agent's own word
                # counted as over the risk only when it would pay; an idea that cannot pay is not worth it anyway
                if marketing_decisions.weigh(ctx, idea, members, cost).pays:
                    over_risk += 1
                else:
                    not_worth += 1
                continue
            idea = replace(idea, reach=proven // cost, limit=proven // cost)  # what the risk allows, now
        worth = marketing_decisions.weigh(ctx, idea, members, cost)
        if not worth.pays:  # never a campaign whose margin cannot pay for its messages
            # not at the paid price, but it may at ₹0: the free channel, as for an idea not shown to pay yet. Left
            # out, a small group the risk allowance could fund (the few customers newly lapsed each week) was never
            # written to again once its few messages had brought no code, and no household came back (twenty-first
            # session: the village haat, seeds 2-3, 23 and 28 ideas left out, 1 and 3 messages to households that
            # had stopped)
            if not (alone is None and cost and free_first and _by_hand(ctx, idea, members, left, seed, started,
                                                                        by_hand)):
                not_worth += 1
            continue
        decided = marketing_decisions.decide(ctx, idea, worth, alone=alone, channel=channel, left_paise=left,
                                             seed=seed)
        if decided.fate == "executed" and decided.campaign_id is not None:
            started.append(decided.campaign_id)
            if channel == campaigns.HAND:  # no paid channel: the seller sends it from the shop's phone
                by_hand.append(decided.campaign_id)
            messages += decided.messages
            left -= decided.cost_paise
            proven -= decided.messages * cost
        elif decided.fate == "awaiting_approval":
            waiting.append(decided.decision_id)
            unfunded += int(alone is None)
    # then the running campaigns reach who joined their groups, with what is left: new ideas come first, and
    # a customer one of them reached this week is not written to again (one message a week)
    more = 0
    if alone is None:
        more, rest = _carry_on(ctx, min(left, proven), cost, seed, skip=frozenset(started))
        left -= min(left, proven) - rest
    return MarketingRun(len(ideas), started, unfunded, messages + more, left, waiting, not_worth, week.shares, ads,
                        over_risk, by_hand)


def _by_hand(ctx: ServiceContext, idea: CampaignProposal, members: list[int], left: int, seed: int | None,
             started: list[int], by_hand: list[int]) -> bool:
    """Plan ``idea`` as a free campaign the seller sends from the shop's phone, weighed at its cost there (₹0):
    whether it paid at that (False: the shop's own measure says it brings nothing even free)."""
    worth = marketing_decisions.weigh(ctx, idea, members, 0)
    if not worth.pays:
        return False
    decided = marketing_decisions.decide(ctx, idea, worth, alone=None, channel=campaigns.HAND, left_paise=left,
                                         seed=seed)
    if decided.fate == "executed" and decided.campaign_id is not None:
        started.append(decided.campaign_id)
        by_hand.append(decided.campaign_id)
    return True


def run_on_engine(engine: DecisionEngine) -> MarketingRun | None:
    """The agent's week as the engine's scheduler runs it (``TRIGGER``): nothing while the seller has the
    agents switched off; before the seller has chosen what the agents may do alone, every campaign the week
    proposes waits in the approvals inbox (messages through the WhatsApp API cost money, like prices and
    purchase orders); afterwards :func:`run_week` runs what fits in the budget the goals grant."""
    if not engine.limits().enabled:
        return None
    return run_week(engine.ctx)
