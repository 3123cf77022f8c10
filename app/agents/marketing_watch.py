"""The marketing agent's watch on prices: the moment an item's price changes or its promotion ends, every
open campaign quoting it is brought in line (new price in the text) or paused (a quote above the MRP,
below the margin floor, or of an offer that ended), before any of its messages goes out again (seed
property 4). Subscribed on the shop's event bus while the agents run (:class:`app.agents.runner.AgentRunner`);
every send checks the price again in any case (``services.campaigns.send_campaign``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from app.errors import AppError
from app.events import PriceChanged, PromotionSaved
from app.i18n import _
from app.services import campaigns
from app.services.context import Origin, ServiceContext
from app.store import campaigns as campaign_store

__all__ = ["on_event", "watch"]

log = logging.getLogger(__name__)
ACTOR = "agent:marketing"


def on_event(ctx: ServiceContext, event: object) -> int:
    """Re-check the campaigns an event touches; returns how many changes it recorded."""
    if isinstance(event, PriceChanged):
        why = _("The price of {sku} changed.").format(sku=event.sku)
    elif isinstance(event, PromotionSaved) and event.status in ("ended", "cancelled"):
        why = _("The offer on {sku} ended.").format(sku=event.sku)
    else:
        return 0
    if not any(c.sku == event.sku for c in campaign_store.campaigns(ctx.store.db(), ("planned", "running"))):
        return 0
    return len(campaigns.reconcile(ctx, sku=event.sku, origin=Origin(actor=ACTOR, reason=why)).events)


def watch(ctx: ServiceContext) -> Callable[[], None]:
    """Subscribe :func:`on_event` to the shop's bus; returns the function that unsubscribes."""

    def react(event: object) -> None:
        try:
            on_event(ctx, event)
        except AppError:  # a closed shop, a campaign gone: the next send checks the price anyway
            log.exception("campaigns were not re-checked after %s", type(event).__name__)

    return ctx.bus.subscribe(react)
