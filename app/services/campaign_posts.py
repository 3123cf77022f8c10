"""A campaign's offer posted to the shop's Facebook page (the ``facebook`` channel, adapter
``facebook_page``): one outbox row per campaign and variant, written in the same transaction as its event,
so a post goes at most once (``app.sync.marketplaces.facebook_page``). Posts are organic: they cost nothing,
and the offer's code ties the bills they bring to the campaign like a message's code does.
"""

from __future__ import annotations

from app.domain import campaigns as rules
from app.errors import InvalidState, NotFound
from app.events import CampaignPosted
from app.i18n import _
from app.services import campaigns
from app.services.catalog import get_product
from app.services.changes import Changes
from app.services.context import SELLER, Origin, ServiceContext
from app.store import campaigns as store
from app.store import outbox, sync_state
from app.store.shop import get_profile

__all__ = ["CHANNEL", "OP", "post_campaign"]

CHANNEL = "facebook"
OP = "campaign.post"


def post_campaign(ctx: ServiceContext, campaign_id: int, *, variant: str = "A", language: str = "en",
                  origin: Origin = SELLER) -> Changes:
    """Queue the offer of ``campaign_id`` (the code of ``variant``) as a post on the shop's Facebook page."""
    if language not in ("en", "hi"):
        raise InvalidState(_("A post is in English (en) or Hindi (hi)."))
    db = ctx.store.db()
    channel = sync_state.get_channel(db, CHANNEL)
    if channel is None or channel.adapter != "facebook_page" or not channel.enabled:
        raise InvalidState(_("No Facebook page is connected."),
                           hint=_("Run: sync connect facebook --adapter facebook_page --account "
                                  "'{\"page_id\": \"...\"}' --secret access_token=..."))
    campaigns.reconcile(ctx, campaign_id=campaign_id, origin=origin)  # the price as it is now, first
    now = ctx.now_iso()
    with ctx.store.write() as db:
        campaign = store.get_campaign(db, campaign_id)
        if campaign is None:
            raise NotFound(_("There is no campaign number {id}.").format(id=campaign_id))
        if campaign.status not in ("planned", "running") or not campaign.approved:
            raise InvalidState(_("Campaign {id} is {status}; nothing was posted.").format(
                id=campaign_id, status=campaign.status))
        found = [v for v in store.variants(db, campaign_id) if v.label == variant.upper()]
        if not found:
            raise NotFound(_("Campaign {id} has no variant {label}.").format(id=campaign_id, label=variant))
        entity = f"campaign-post:{campaign_id}:{found[0].label}"
        if db.execute("SELECT 1 FROM outbox WHERE entity_id = ? AND status NOT IN ('failed', 'dead')",
                      (entity,)).fetchone():
            raise InvalidState(_("The offer {code} is already posted or waiting to be posted.").format(
                code=found[0].code))
        product = get_product(db, campaign.sku)
        profile = get_profile(db)
        text = rules.post_text(language=language, shop=profile.name if profile else "", item_en=product.name_en,
                               item_hi=product.name_hi, price_paise=campaign.quoted_price_paise,
                               mrp_paise=product.mrp_paise, code=found[0].code)
        event = ctx.record(db, CampaignPosted(campaign_id=campaign_id, channel=CHANNEL, code=found[0].code),
                           origin, at=now)
        attempt = db.execute("SELECT COUNT(*) FROM outbox WHERE entity_id = ?", (entity,)).fetchone()[0]
        outbox.enqueue(db, channel=CHANNEL, kind="command", op=OP, entity_id=entity,
                       payload={"campaign": campaign_id, "code": found[0].code, "message": text,
                                "language": language},
                       at=now, order_key=f"campaign:{campaign_id}", idem_key=f"{entity}:{attempt}",
                       event_id=event.event_id)
    return Changes(events=(event,), id=campaign_id)
