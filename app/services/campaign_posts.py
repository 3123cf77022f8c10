"""A campaign's offer posted to the shop's Facebook page (the ``facebook`` channel, adapter
``facebook_page``) or its Google Business Profile (``google``, adapter ``google_business``): one outbox row
per campaign, variant and channel, written in the same transaction as its event, so a post goes at most once
(``app.sync.marketplaces.facebook_page`` / ``google_business``). Posts are organic: they cost nothing, and
the offer's code ties the bills they bring to the campaign like a message's code does.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from app.domain import campaigns as rules
from app.errors import InvalidState, NotFound
from app.events import CampaignPosted
from app.i18n import _
from app.services import campaigns
from app.services.catalog import get_product
from app.services.changes import Changes
from app.services.context import SELLER, Origin, ServiceContext
from app.store import campaigns as store
from app.store import market as market_store
from app.store import outbox, sync_state
from app.store.shop import get_profile

__all__ = ["CHANNEL", "CHANNELS", "OP", "post_campaign"]

CHANNEL = "facebook"
CHANNELS = {"facebook": ("facebook_page", "Facebook"), "google": ("google_business", "Google Business Profile")}
OFFER_DAYS = 28  # how long a Google offer post says the offer runs, when no promotion sets its end
OP = "campaign.post"


def post_campaign(ctx: ServiceContext, campaign_id: int, *, variant: str = "A", language: str = "en",
                  channel: str = CHANNEL, picture: str | None = None, origin: Origin = SELLER) -> Changes:
    """Queue the offer of ``campaign_id`` (the code of ``variant``) as a post on the shop's Facebook page
    (``channel`` ``facebook``), Google Business Profile (``google``) or Instagram business account
    (``instagram``). ``picture``: the offer's picture (a PNG file, ``marketing image``), posted with the text
    on Facebook. Instagram needs one, and takes it from the address Facebook serves it at: an Instagram post is
    the Facebook photo post first (its row carries ``instagram``), then the Instagram steps
    (:mod:`app.sync.post_steps`)."""
    if language not in ("en", "hi"):
        raise InvalidState(_("A post is in English (en) or Hindi (hi)."))
    if channel not in (*CHANNELS, "instagram"):
        raise InvalidState(_("Offers are posted on 'facebook', 'google' or 'instagram'."))
    db = ctx.store.db()
    instagram = channel == "instagram"
    if instagram:
        linked = sync_state.get_channel(db, "instagram")
        if linked is None or linked.adapter != "instagram_business" or not linked.enabled:
            raise InvalidState(_("No Instagram business account is connected."),
                               hint=_("Run: sync connect instagram --adapter instagram_business --account "
                                      "'{\"ig_user_id\": \"...\"}' --secret access_token=..."))
        if not picture:
            raise InvalidState(_("An Instagram post needs the offer's picture (make it with: marketing image)."))
        channel = "facebook"  # the picture goes up on the page first: its address is what Instagram fetches
    google = channel == "google" and picture is not None
    if google:
        connected = sync_state.get_channel(db, "google")
        if connected is None or connected.adapter != "google_business" or not connected.enabled:
            raise InvalidState(_("No Google Business Profile is connected."))
        channel = "facebook"  # Google too takes a picture only from an address: the page's photo gives one
    if picture is not None and not Path(picture).is_file():
        raise NotFound(_("There is no picture at {path}.").format(path=picture))
    connected = sync_state.get_channel(db, channel)
    adapter, _name = CHANNELS[channel]
    if channel == "facebook" and (connected is None or connected.adapter != adapter or not connected.enabled):
        raise InvalidState(_("No Facebook page is connected."),
                           hint=_("Run: sync connect facebook --adapter facebook_page --account "
                                  "'{\"page_id\": \"...\"}' --secret access_token=..."))
    if connected is None or connected.adapter != adapter or not connected.enabled:
        raise InvalidState(_("No Google Business Profile is connected."),
                           hint=_("Run: sync connect google --adapter google_business --account ... --secret "
                                  "refresh_token=... --secret client_id=... --secret client_secret=..."))
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
        entity = f"campaign-post:{channel}:{campaign_id}:{found[0].label}"
        if instagram or google:
            entity = f"campaign-post:{'instagram' if instagram else 'google'}:{campaign_id}:{found[0].label}:picture"
        elif picture:
            entity += ":picture"
        if db.execute("SELECT 1 FROM outbox WHERE entity_id = ? AND status NOT IN ('failed', 'dead')",
                      (entity,)).fetchone():
            raise InvalidState(_("The offer {code} is already posted or waiting to be posted.").format(
                code=found[0].code))
        product = get_product(db, campaign.sku)
        profile = get_profile(db)
        text = rules.post_text(language=language, shop=profile.name if profile else "", item_en=product.name_en,
                               item_hi=product.name_hi, price_paise=campaign.quoted_price_paise,
                               mrp_paise=product.mrp_paise, code=found[0].code)
        event = ctx.record(db, CampaignPosted(campaign_id=campaign_id, channel="instagram" if instagram else
                                              "google" if google else channel,
                                              code=found[0].code),
                           origin, at=now)
        promotion = market_store.get_promotion(db, campaign.promotion_id) if campaign.promotion_id else None
        ends = promotion.ends_on if promotion is not None else (ctx.today() + timedelta(days=OFFER_DAYS)).isoformat()
        attempt = db.execute("SELECT COUNT(*) FROM outbox WHERE entity_id = ?", (entity,)).fetchone()[0]
        outbox.enqueue(db, channel=channel, kind="command", op=OP, entity_id=entity,
                       payload={"campaign": campaign_id, "code": found[0].code, "message": text,
                                "language": language,
                                "title": (product.name_hi or product.name_en) if language == "hi" else product.name_en,
                                "starts_on": ctx.today().isoformat(), "ends_on": ends,
                                **({"picture": str(Path(picture).resolve())} if picture else {}),
                                **({"instagram": True} if instagram else {}),
                                **({"google": True} if google else {})},
                       at=now, order_key=f"campaign:{campaign_id}", idem_key=f"{entity}:{attempt}",
                       event_id=event.event_id)
    return Changes(events=(event,), id=campaign_id)
