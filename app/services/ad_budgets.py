"""Sponsored-products ads on Amazon for a listed item: a daily budget, set through the outbox on the shop's
``amazon_ads`` channel (:mod:`app.sync.marketplaces.amazon_ads`), counted against the week's marketing budget.

Ads spend money, so (the rule of every agent): a budget is set by the seller, or by an agent only after the
seller has chosen what the agents may do alone (``agents.limits_chosen``) and only within the week's
marketing budget (``marketing.weekly_budget_paise``), which the Agents page and ``agents limits`` show where
the seller chooses. Seven days of a running daily budget are held against that week's budget, next to the
WhatsApp messages of the last seven days, so the two never spend the same rupees twice.
"""

from __future__ import annotations

from app import config
from app.errors import InputError, InvalidState, NotFound
from app.events import AdBudgetSet
from app.i18n import _
from app.services import campaigns
from app.services import settings as settings_service
from app.services.changes import Changes
from app.services.context import SELLER, Origin, ServiceContext
from app.store import ad_budgets as store
from app.store import outbox, sync_state
from app.store.catalog import get as get_product

__all__ = ["CHANNEL", "OP", "set_budget", "week_left"]

CHANNEL = "amazon_ads"
OP = "ads.budget"


def week_left(ctx: ServiceContext, *, except_sku: str | None = None) -> int:
    """What is left of the week's marketing budget: the cap less the messages of the last 7 days and seven
    days of every other running ads budget."""
    cap = settings_service.get(ctx.store, config.MARKETING_WEEKLY_BUDGET_PAISE)
    return cap - campaigns.weekly_spend(ctx) - store.reserved_weekly(ctx.store.db(), except_sku=except_sku)


def set_budget(ctx: ServiceContext, sku: str, daily_paise: int, *, origin: Origin = SELLER,
               approved: bool = False) -> Changes:
    """Run (or change, or with ``daily_paise`` 0 stop) the item's sponsored-products ads at ``daily_paise`` a day.

    ``approved``: an agent's budget the seller approved in the approvals inbox (then it may run before the
    seller has chosen the agents' limits; it must still fit what is left of the week)."""
    if daily_paise < 0:
        raise InputError(_("A daily budget cannot be below zero."))
    db = ctx.store.db()
    connected = sync_state.get_channel(db, CHANNEL)
    if connected is None or connected.adapter != "amazon_ads" or not connected.enabled:
        raise InvalidState(_("Amazon Ads is not connected."), hint=_(
            "Run: sync connect amazon_ads --adapter amazon_ads --account '{\"profile_id\": \"...\", \"client_id\": "
            "\"...\"}' --secret refresh_token=... --secret client_secret=..."))
    if get_product(db, sku) is None:
        raise NotFound(_("There is no item with the code '{sku}'.").format(sku=sku))
    remote_sku = store.listed_on_amazon(db, sku)
    if remote_sku is None:
        raise InvalidState(_("{sku} is not listed on Amazon; only a listed item can be advertised there.").format(
            sku=sku))
    if origin.actor.startswith("agent:") and daily_paise and not approved and not settings_service.get(
            ctx.store, config.AGENT_LIMITS_CHOSEN):
        raise InvalidState(_("Ads spend money: an agent sets them only after you have chosen what the agents may "
                             "do on their own (agents limits)."))
    left = week_left(ctx, except_sku=sku)
    if daily_paise * 7 > left:
        raise InvalidState(_("Seven days of {daily} a day is more than is left of this week's marketing budget "
                             "({left}).").format(daily=_rupees(daily_paise), left=_rupees(max(left, 0))))
    now = ctx.now_iso()
    state = "running" if daily_paise else "stopped"
    with ctx.store.write() as db:
        budget_id = store.save(db, channel=CHANNEL, sku=sku, remote_sku=remote_sku, daily_paise=daily_paise,
                               state=state, actor=origin.actor, at=now)
        event = ctx.record(db, AdBudgetSet(channel=CHANNEL, sku=sku, daily_paise=daily_paise), origin, at=now)
        attempt = outbox.count_for_entity(db, f"ad-budget:{sku}")
        outbox.enqueue(db, channel=CHANNEL, kind="command", op=OP, entity_id=f"ad-budget:{sku}",
                       payload={"sku": sku, "remote_sku": remote_sku, "daily_paise": daily_paise,
                                "name": f"TAVYONIX {remote_sku}", "state": "ENABLED" if daily_paise else "PAUSED",
                                "start_on": ctx.today().isoformat()},
                       at=now, order_key=f"ad-budget:{sku}", idem_key=f"ad-budget:{sku}:{attempt}",
                       event_id=event.event_id)
    return Changes(events=(event,), id=budget_id)


def _rupees(paise: int) -> str:
    from app.domain.money import format_inr

    return format_inr(paise)
