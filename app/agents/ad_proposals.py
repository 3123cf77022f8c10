"""The marketing agent's share of the week between the paid channels, and its Amazon Ads budget proposal
(issue 18).

Each week (:func:`app.agents.marketing.run_week`) the week's marketing budget is shared between the paid
channels the shop has — WhatsApp Business API messages and Amazon sponsored-products ads — by Thompson
sampling on what each has measurably brought per rupee (:mod:`app.domain.channel_split` on
:mod:`app.store.channel_record`), each live channel keeping at least a tenth and a channel that has spent
₹500 and is almost never the best stopped (until its record ages out of the ``RECORD_WEEKS``).

The ads' share becomes a proposal for the best item on Amazon (the most ordered there in four weeks): a daily
budget of a seventh of the share, a change of the running one when it differs by a fifth or more, or a stop
when the ads lost. Like every agent's action that spends money it is carried out alone only within what the
seller chose (``agents.limits_chosen``, the agents on, and seven days of it within the ads' share of the
week's budget); anything else waits in the approvals inbox with the same explanation, and approving it sets
the budget through :func:`app.services.ad_budgets.set_budget`, which checks the limits again.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta

from app import config
from app.agents.proposal import AD_BUDGET, Action
from app.domain import campaigns as rules
from app.domain import channel_split
from app.domain.clock import to_iso
from app.domain.money import format_inr
from app.errors import AppError
from app.i18n import _
from app.services import ad_budgets, decisions
from app.services import settings as settings_service
from app.services.changes import Changes
from app.services.context import Origin, ServiceContext
from app.store import ad_budgets as ad_store
from app.store import channel_record, sync_state
from app.store import decisions as decision_store
from app.store import marketing_reads as reads

__all__ = ["DECISION_TYPE", "AdProposal", "ChannelWeek", "carry_out", "channel_week", "propose_ads"]

AGENT = "marketing"
DECISION_TYPE = "ad_budget"
RECORD_WEEKS = 12  # what a channel spent and brought in these weeks decides its share
CHANGE_AT = 0.2  # a running daily budget is changed when the new one differs by this share or more


@dataclass(frozen=True)
class ChannelWeek:
    """The week's budget shared between the paid channels, with what decided it."""

    shares: dict[str, int]  # channel: paise of the week's budget
    records: tuple[channel_split.ChannelRecord, ...]
    stopped: tuple[str, ...]  # losers: spent enough and almost never the best

    def explain(self) -> str:
        """The split in the seller's words: each channel's spend, sales won and share."""
        parts = []
        for record in self.records:
            parts.append(_("{channel}: {spent} spent in {weeks} weeks, {won:.1f} sales won, {share} of this "
                           "week{stopped}").format(
                channel=channel_text(record.channel), spent=format_inr(record.spent_paise), weeks=RECORD_WEEKS,
                won=max(record.successes, 0.0), share=format_inr(self.shares.get(record.channel, 0)),
                stopped=_(" (stopped: it brought the least per rupee)") if record.channel in self.stopped else ""))
        return "; ".join(parts)


def channel_text(channel: str) -> str:
    return {"whatsapp_api": _("WhatsApp Business API"), "amazon_ads": _("Amazon sponsored ads")}.get(channel, channel)


def ads_connected(ctx: ServiceContext) -> bool:
    found = sync_state.get_channel(ctx.store.db(), ad_budgets.CHANNEL)
    return found is not None and found.adapter == "amazon_ads" and bool(found.enabled)


def channel_week(ctx: ServiceContext, budget_paise: int, message_channel: str, *,
                 seed: int | None = None) -> ChannelWeek:
    """Share ``budget_paise`` between the paid channels the shop has (reads only)."""
    db = ctx.store.db()
    since = to_iso(ctx.now() - timedelta(weeks=RECORD_WEEKS))
    records = []
    if message_channel == "whatsapp_api":
        spent, won = channel_record.whatsapp_record(db, since)
        records.append(channel_split.ChannelRecord("whatsapp_api", spent, float(won)))
    if ads_connected(ctx):
        spent, gained = channel_record.ads_record(db, since, ctx.now_iso())
        records.append(channel_split.ChannelRecord("amazon_ads", spent, gained))
    rng = random.Random(seed)
    stopped = tuple(channel_split.losing_channels(records, rng))
    records = [channel_split.ChannelRecord(r.channel, r.spent_paise, r.successes, r.channel in stopped)
               for r in records]
    return ChannelWeek(channel_split.split_budget(records, budget_paise, rng), tuple(records), stopped)


def _target(ctx: ServiceContext, week: ChannelWeek) -> tuple[str, int] | None:
    """(item, daily paise) the ads' share asks for, or None when nothing should change."""
    db = ctx.store.db()
    running = [b for b in ad_store.budgets(db, ad_budgets.CHANNEL) if b.state == "running"]
    daily = week.shares.get("amazon_ads", 0) // 7 // 100 * 100  # whole rupees a day
    if "amazon_ads" in week.stopped or daily <= 0:
        return (running[0].sku, 0) if running else None
    if running:
        now = running[0]
        return None if abs(daily - now.daily_paise) < CHANGE_AT * now.daily_paise else (now.sku, daily)
    floor_bp = settings_service.get(ctx.store, config.MARGIN_FLOOR_BP)
    for sku in ad_store.advertisable(db, to_iso(ctx.now() - timedelta(days=28))):
        item = reads.item_facts(db, sku)
        if item is not None and item.stock_milli > 0 and not rules.quote_problem(
                item.price_paise, cost_paise=item.cost_paise, mrp_paise=item.mrp_paise, margin_floor_bp=floor_bp):
            return sku, daily
    return None


@dataclass(frozen=True)
class AdProposal:
    decision_id: int
    fate: str  # executed | awaiting_approval | failed
    text: str  # what was proposed, in words

    def explain(self) -> str:
        fate = {"executed": _("done"), "awaiting_approval": _("waiting for your approval (approvals list)")}.get(
            self.fate, _("could not be done"))
        return _("Amazon sponsored ads: {text} ({fate}; decision {id}).").format(
            text=self.text.rstrip("."), fate=fate, id=self.decision_id)


def propose_ads(ctx: ServiceContext, week: ChannelWeek, *, alone: str | None) -> AdProposal | None:
    """The week's Amazon Ads proposal as a decision: set alone within the seller's limits and the ads' share
    of the week, otherwise in the approvals inbox (None: nothing to propose)."""
    if "amazon_ads" not in week.shares or decision_store.has_pending_approval(ctx.store.db(), DECISION_TYPE):
        return None
    target = _target(ctx, week)
    if target is None:
        return None
    sku, daily = target
    share = week.shares.get("amazon_ads", 0)
    reasoning = [
        _("Sponsored ads for {sku} on Amazon: {daily} a day.").format(sku=sku, daily=format_inr(daily))
        if daily else _("Stop the sponsored ads for {sku} on Amazon.").format(sku=sku),
        _("This week's marketing budget shared by what each channel brought per rupee: {split}.").format(
            split=week.explain()),
    ]
    action = Action(kind=AD_BUDGET, params={"item": sku, "daily_paise": daily, "share_paise": share})
    why = alone
    if why is None and daily * 7 > share:
        why = _("Seven days of it is more than the ads' share of this week's budget ({share}).").format(
            share=format_inr(share))
    expected = {"horizon_days": 7, "spend_paise": daily * 7}
    if why is not None:
        recorded = decisions.record_decision(ctx, agent=AGENT, decision_type=DECISION_TYPE,
                                             status="awaiting_approval", actions=[action.to_json()],
                                             reasoning=[*reasoning, _("Needs the seller: {why}").format(why=why)],
                                             expected=expected)
        days = settings_service.get(ctx.store, config.APPROVAL_EXPIRY_DAYS)
        decisions.request_approval(ctx, int(recorded.id), summary=" ".join([*reasoning, why])[:500],
                                   kind=DECISION_TYPE, expires=ctx.now() + timedelta(days=days))
        return AdProposal(int(recorded.id), "awaiting_approval", reasoning[0])
    recorded = decisions.record_decision(ctx, agent=AGENT, decision_type=DECISION_TYPE, status="proposed",
                                         reasoning=reasoning, actions=[action.to_json()], expected=expected)
    decision_id = int(recorded.id)
    origin = Origin(actor=f"agent:{AGENT}", reason=reasoning[0], decision_id=decision_id)
    try:
        with ctx.store.write():
            carry_out(ctx, action, origin)
            decisions.set_decision_status(ctx, decision_id, "executed", reason=reasoning[0], origin=origin)
    except AppError as exc:  # over what is left of the week, or the item no longer listed: said, not set
        decisions.set_decision_status(ctx, decision_id, "failed", origin=origin,
                                      reason=_("Could not be done: {why}").format(why=str(exc)))
        return AdProposal(decision_id, "failed", reasoning[0])
    return AdProposal(decision_id, "executed", reasoning[0])


def carry_out(ctx: ServiceContext, action: Action, origin: Origin) -> tuple[Changes, Action]:
    """Set the proposed daily budget (inside the caller's transaction); the ads service checks the limits again
    (the seller's chosen limits unless the seller approved this decision, what is left of the week, the item
    listed)."""
    params = action.params
    approved = origin.decision_id is not None and decision_store.was_approved(ctx.store.db(), origin.decision_id)
    return ad_budgets.set_budget(ctx, params["item"], int(params["daily_paise"]), origin=origin,
                                 approved=approved), action
