"""Campaigns: a message about one item to one segment of the shop's customers, measured at the counter.

A campaign quotes the item's shelf price (a running promotion's price while it runs) and carries
variants (message styles), each with a code the customer says at the counter; :func:`redeem` ties that
bill to the variant. Before any message goes out (:func:`send_campaign`) the quote is checked against
the item as it is now (:func:`reconcile`): a changed price updates the message when the new price is
allowed, a quote above the MRP or below the margin floor, or an offer whose promotion ended, pauses
the campaign. Messages go only to customers whose consent is in force (``store.campaigns.reachable``),
each customer at most once per campaign and at most one campaign message in 7 days.

A campaign goes out on its own channel (``campaign.channel``): click-to-chat links the seller sends from the
shop's own phone (free: :func:`to_send` counts what is left for the seller to send, :func:`hand_todo` lists
the campaigns waiting for it) or the WhatsApp Business API (paid); a campaign with no channel of its own
follows the shop's ``marketing.send_via``, the seller's override (:func:`channel_of`); see docs/marketing.md.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta

from sqlite_utils import Database

from app import config
from app.domain import campaigns as rules
from app.domain.clock import to_iso
from app.errors import InputError, InvalidState, NotFound
from app.events import CampaignRedeemed, CampaignSaved, CampaignSent
from app.i18n import _
from app.services import campaign_api_sends as api_sends
from app.services import settings as settings_service
from app.services.catalog import get_product
from app.services.changes import Changes
from app.services.context import SELLER, Origin, ServiceContext
from app.store import campaign_uplift as uplift_store
from app.store import campaigns as store
from app.store import market as market_store
from app.store import message_receipts as receipts
from app.store import orders as order_store
from app.store import segments
from app.store.shop import get_profile

__all__ = ["FREQUENCY_DAYS", "HAND", "Outgoing", "Summary", "channel_of", "check_code", "edit_wording", "hand_todo",
           "plan_campaign", "reconcile", "redeem", "send_campaign", "set_status", "summaries", "to_send",
           "weekly_spend"]

OPEN = ("planned", "running", "paused")
FREQUENCY_DAYS = 7  # one marketing message per customer per week: more reads as spam and earns blocks
HAND = "click_to_chat"  # the channel the seller sends by hand, from the shop's own WhatsApp: costs the shop nothing


@dataclass(frozen=True)
class Outgoing:
    customer_id: int
    name: str
    phone: str
    language: str
    text: str
    link: str


def _campaign(db: Database, campaign_id: int) -> store.Campaign:
    found = store.get_campaign(db, campaign_id)
    if found is None:
        raise NotFound(_("There is no campaign number {id}.").format(id=campaign_id))
    return found


def _problem_text(problem: str, name: str) -> str:
    if problem == "above_mrp":
        return _("The price of {name} would be above its MRP.").format(name=name)
    return _("The price of {name} would be below the margin floor.").format(name=name)


def channel_of(ctx: ServiceContext, campaign: store.Campaign) -> str:
    """How this campaign's messages go out now: a campaign the agent put on the seller's own phone stays
    there; any other follows ``marketing.send_via`` (the API only while WhatsApp is connected or the seller
    chose it), so a seller who sets ``click_to_chat`` pays for nothing."""
    via = api_sends.channel_for(ctx.store.db(), settings_service.get(ctx.store, config.MARKETING_SEND_VIA))
    return HAND if campaign.channel == HAND else via


def _render_variants(db: Database, campaign: store.Campaign, price_paise: int) -> None:
    product = get_product(db, campaign.sku)
    profile = get_profile(db)
    shop = profile.name if profile else ""
    for variant in store.variants(db, campaign.id):
        texts = [rules.render(style=variant.style, language=lang, customer="{name}", shop=shop,
                              item_en=product.name_en, item_hi=product.name_hi, price_paise=price_paise,
                              mrp_paise=product.mrp_paise, code=variant.code, festival=campaign.festival,
                              opening=variant.opening_hi if lang == "hi" else variant.opening_en)
                 for lang in ("en", "hi")]
        store.set_variant_texts(db, variant.id, *texts)


def plan_campaign(ctx: ServiceContext, *, sku: str, segment: str, segment_arg: str = "",
                  styles: tuple[str, ...] = ("plain", "missed_you"), festival: str = "", name: str = "",
                  budget_paise: int = 0, approved: bool = True, seed: int | None = None, channel: str = "",
                  origin: Origin = SELLER) -> Changes:
    """Plan a campaign for ``sku`` to ``segment``, one variant per style (A, B, ...); ``channel``: ``HAND``
    (the seller sends it from the shop's phone), ``whatsapp_api`` or "" (the shop's setting). Without a ``name``
    the campaign is named after its item, as the item is named when read (a renamed item renames it)."""
    if channel not in ("", HAND, api_sends.API):
        raise InputError(_("A campaign goes out by click-to-chat links or the WhatsApp Business API."))
    if segment not in segments.SEGMENTS:
        raise InputError(_("There is no customer group called '{segment}'.").format(segment=segment))
    if segment == "category_fans" and not segment_arg:
        raise InputError(_("Say which category's fans to reach."))
    styles = tuple(dict.fromkeys(styles))
    if not styles or any(s not in rules.STYLES for s in styles) or len(styles) > 4:
        raise InputError(_("A campaign has one to four message styles: plain, festival or missed_you."))
    if "festival" in styles and not festival:
        found = rules.next_festival(ctx.today())
        festival = found[0] if found else ""
        if not festival:
            raise InputError(_("No festival is near; choose another message style."))
    rng = random.Random(seed)
    floor_bp = settings_service.get(ctx.store, config.MARGIN_FLOOR_BP)
    cost = settings_service.get(ctx.store, config.MARKETING_MESSAGE_COST_PAISE)
    now = ctx.now_iso()
    with ctx.store.write() as db:
        product = get_product(db, sku)
        problem = rules.quote_problem(product.price_paise, cost_paise=product.cost_paise, mrp_paise=product.mrp_paise,
                                      margin_floor_bp=floor_bp)
        if problem:
            raise InvalidState(_problem_text(problem, product.name_en))
        promo = next((p for p in market_store.open_promotions(db) if p.sku == sku and p.status == "active"), None)
        campaign_id = store.insert_campaign(
            db, name=name, sku=sku, segment=segment, segment_arg=segment_arg, festival=festival,
            promotion_id=promo.id if promo else None, quoted_price_paise=product.price_paise,
            regular_price_paise=(promo.regular_price_paise or product.price_paise) if promo else product.price_paise,
            status="planned", budget_paise=budget_paise, message_cost_paise=cost, approved=int(approved),
            decision_id=origin.decision_id, created_by=origin.actor, created_at=now, updated_at=now, channel=channel)
        for i, style in enumerate(styles):
            label = "ABCD"[i]
            store.insert_variant(db, campaign_id=campaign_id, label=label, style=style,
                                 code=rules.make_code(campaign_id, label, rng), text_en="", text_hi="")
        campaign = _campaign(db, campaign_id)
        _render_variants(db, campaign, product.price_paise)
        event = ctx.record(db, CampaignSaved(campaign_id=campaign_id, sku=sku, status="planned",
                                             quoted_price_paise=product.price_paise), origin, at=now)
    return Changes(events=(event,), id=campaign_id)


def _check(ctx: ServiceContext, db: Database, campaign: store.Campaign, floor_bp: int, origin: Origin) -> list:
    """Bring one open campaign in line with the item's price now; returns the events it recorded."""
    product = get_product(db, campaign.sku)
    now = ctx.now_iso()
    reason = ""
    if campaign.promotion_id is not None:
        promo = market_store.get_promotion(db, campaign.promotion_id)
        if promo is None or promo.status != "active":
            reason = _("The offer on {name} has ended.").format(name=product.name_en)
    problem = rules.quote_problem(product.price_paise, cost_paise=product.cost_paise, mrp_paise=product.mrp_paise,
                                  margin_floor_bp=floor_bp)
    if problem and not reason:
        reason = _problem_text(problem, product.name_en)
    if reason:
        if campaign.status == "paused" and campaign.status_reason == reason:
            return []
        store.set_campaign(db, campaign.id, status="paused", status_reason=reason, updated_at=now)
        return [ctx.record(db, CampaignSaved(campaign_id=campaign.id, sku=campaign.sku, status="paused",
                                             quoted_price_paise=campaign.quoted_price_paise),
                           Origin(actor=origin.actor, reason=reason), at=now)]
    if product.price_paise == campaign.quoted_price_paise:
        return []
    why = _("The price of {name} changed; the message now says the new price.").format(name=product.name_en)
    store.set_campaign(db, campaign.id, quoted_price_paise=product.price_paise, updated_at=now)
    _render_variants(db, store.get_campaign(db, campaign.id), product.price_paise)  # type: ignore[arg-type]
    return [ctx.record(db, CampaignSaved(campaign_id=campaign.id, sku=campaign.sku, status=campaign.status,
                                         quoted_price_paise=product.price_paise),
                       Origin(actor=origin.actor, reason=why), at=now)]


def reconcile(ctx: ServiceContext, *, campaign_id: int | None = None, sku: str | None = None,
              origin: Origin = SELLER) -> Changes:
    """Check every open campaign (or one, or those of ``sku``) against today's prices and offers: update
    or pause."""
    floor_bp = settings_service.get(ctx.store, config.MARGIN_FLOOR_BP)
    events: list = []
    with ctx.store.write() as db:
        found = [_campaign(db, campaign_id)] if campaign_id else store.campaigns(db, ("planned", "running"))
        for campaign in found:
            if sku is not None and campaign.sku != sku:
                continue
            if campaign.status in ("planned", "running"):
                events += _check(ctx, db, campaign, floor_bp, origin)
    return Changes(events=tuple(events))


def set_status(ctx: ServiceContext, campaign_id: int, status: str, *, origin: Origin = SELLER) -> Changes:
    """Pause, approve (back to planned, or on from a pause), finish or cancel a campaign."""
    allowed = {"paused": ("planned", "running"), "planned": ("paused", "planned"), "done": ("running", "paused"),
               "cancelled": ("planned", "paused")}
    if status not in allowed:
        raise InputError(_("A campaign can be paused, approved, finished or cancelled."))
    now = ctx.now_iso()
    with ctx.store.write() as db:
        campaign = _campaign(db, campaign_id)
        if campaign.status not in allowed[status]:
            raise InvalidState(_("Campaign {id} is {status}.").format(id=campaign_id, status=campaign.status))
        new = status
        if status == "planned":
            sent = store.campaign_totals(db, campaign_id).messages
            new = "running" if sent else "planned"
        # an agent that finishes a campaign says why (the page shows it with the status); the seller needs not
        reason = origin.reason if new == "done" and origin.actor.startswith("agent:") else ""
        store.set_campaign(db, campaign_id, status=new, status_reason=reason, approved=1 if status == "planned"
                           else campaign.approved, updated_at=now)
        events = [ctx.record(db, CampaignSaved(campaign_id=campaign_id, sku=campaign.sku, status=new,
                                               quoted_price_paise=campaign.quoted_price_paise), origin, at=now)]
        if new in ("planned", "running"):
            # approving a paused campaign re-checks its price: a quote that is still wrong stays paused
            events += _check(ctx, db, _campaign(db, campaign_id),
                             settings_service.get(ctx.store, config.MARGIN_FLOOR_BP), origin)
    return Changes(events=tuple(events), id=campaign_id)


def edit_wording(ctx: ServiceContext, campaign_id: int, label: str, *, opening_en: str, opening_hi: str,
                 origin: Origin = SELLER) -> Changes:
    """The seller's own greeting for variant ``label`` (empty: the style's). The item, the price quoted now,
    the code and the STOP line stay the app's; the messages not sent yet use the new words (click-to-chat
    links: the WhatsApp API sends the approved template's fixed words)."""
    opening_en, opening_hi = opening_en.strip(), opening_hi.strip()
    for text in (opening_en, opening_hi):
        problem = rules.opening_problem(text)
        if problem:
            raise InputError(problem)
    now = ctx.now_iso()
    with ctx.store.write() as db:
        campaign = _campaign(db, campaign_id)
        if campaign.status in ("done", "cancelled"):
            raise InvalidState(_("Campaign {id} is {status}; its words cannot change.").format(
                id=campaign_id, status=campaign.status))
        found = [v for v in store.variants(db, campaign_id) if v.label == label.upper()]
        if not found:
            raise NotFound(_("Campaign {id} has no variant {label}.").format(id=campaign_id, label=label))
        store.set_variant_openings(db, found[0].id, opening_en, opening_hi)
        _render_variants(db, campaign, campaign.quoted_price_paise)
        store.set_campaign(db, campaign_id, updated_at=now)
        event = ctx.record(db, CampaignSaved(campaign_id=campaign_id, sku=campaign.sku, status=campaign.status,
                                             quoted_price_paise=campaign.quoted_price_paise), origin, at=now)
    return Changes(events=(event,), id=campaign_id)


def weekly_spend(ctx: ServiceContext) -> int:
    since = to_iso(ctx.now() - timedelta(days=7))
    return store.spend_since(ctx.store.db(), since)


def send_campaign(ctx: ServiceContext, campaign_id: int, *, limit: int | None = None, seed: int | None = None,
                  origin: Origin = SELLER) -> tuple[Changes, list[Outgoing]]:
    """Write the next messages of a campaign (click-to-chat) and return them for the seller to share.

    Nothing goes out for a campaign that is not approved, is paused (its price is checked first) or
    finished; only consented customers of its segment who have not had it, and no campaign message in
    the last 7 days, are reached, split between the live variants by Thompson sampling.
    """
    rng = random.Random(seed)
    now = ctx.now_iso()
    floor_bp = settings_service.get(ctx.store, config.MARGIN_FLOOR_BP)
    with ctx.store.write() as db:
        campaign = _campaign(db, campaign_id)
        via = channel_of(ctx, campaign)
        # a click-to-chat link is sent from the shop's own phone (free); the Business API charges Meta's rate
        cost = campaign.message_cost_paise if via == api_sends.API else 0
        if campaign.status not in ("planned", "running"):
            raise InvalidState(_("Campaign {id} is {status}; nothing was sent.").format(
                id=campaign_id, status=campaign.status))
        if not campaign.approved:
            raise InvalidState(_("Campaign {id} waits for your approval.").format(id=campaign_id))
        events = _check(ctx, db, campaign, floor_bp, origin)
        campaign = _campaign(db, campaign_id)
        if campaign.status == "paused":
            return Changes(events=tuple(events), id=campaign_id), []
        group, open_ = _open_group(ctx, db, campaign)
        targets: list[store.Reachable] = []
        for r in open_:
            if limit is not None and len(targets) >= limit:
                break
            if rules.held_back(campaign_id, r.customer_id, len(group)):
                # kept back on purpose: what they do unasked is what the messaged would have done anyway
                uplift_store.insert_holdout(db, campaign_id, r.customer_id, now)
            else:
                targets.append(r)
        # what each variant brought so far: its redeemed codes, and once four weeks are over the customers who
        # came back (lapsed) or bought the item: the variants are shared on measured sales, not codes alone
        worked = uplift_store.variant_successes(db, campaign_id, now, lapsed=campaign.segment == "lapsed")
        counts = {vid: (sent, max(got, worked.get(vid, 0)))
                  for vid, (sent, got) in store.variant_counts(db, campaign_id).items()}
        every = store.variants(db, campaign_id)
        stats = [rules.VariantStats(*counts.get(v.id, (0, 0)), stopped=bool(v.stopped)) for v in every]
        for i in rules.losers(stats, rng):
            store.stop_variant(db, every[i].id)  # clearly worse after enough messages: stop paying for it
        live = [v for v in store.variants(db, campaign_id) if not v.stopped]
        shares = rules.allocate([rules.VariantStats(*counts.get(v.id, (0, 0))) for v in live], len(targets), rng)
        plan = [v for v, n in zip(live, shares, strict=True) for _ in range(n)]
        rng.shuffle(plan)
        languages = store.customer_languages(db, [t.customer_id for t in targets])
        out: list[Outgoing] = []
        for target, variant in zip(targets, plan, strict=True):
            language = languages.get(target.customer_id, "en")
            name = (target.name_hi or target.name) if language == "hi" else target.name
            text = (variant.text_hi if language == "hi" else variant.text_en).replace("{name}", name)
            message_id = store.insert_message(
                db, campaign_id=campaign_id, variant_id=variant.id, customer_id=target.customer_id, phone=target.phone,
                consent_id=target.consent_id, via=via, language=language, text=text, cost_paise=cost, at=now)
            if via == api_sends.API:
                api_sends.enqueue(db, campaign, variant.code, message_id, target.customer_id, target.phone, name,
                                  language, at=now)
            link = rules.wa_link(target.phone, text)
            out.append(Outgoing(target.customer_id, name, target.phone, language, text, link))
        if out and campaign.status == "planned":
            store.set_campaign(db, campaign_id, status="running", updated_at=now)
        events.append(ctx.record(db, CampaignSent(campaign_id=campaign_id, messages=len(out),
                                                  cost_paise=cost * len(out)), origin, at=now))
    return Changes(events=tuple(events), id=campaign_id), out


def _open_group(ctx: ServiceContext, db: Database,
                campaign: store.Campaign) -> tuple[list[store.Reachable], list[store.Reachable]]:
    """(the campaign's consented group now, those of it it may still write to): not yet written to or held
    back by this campaign, and no campaign message in the last ``FREQUENCY_DAYS``."""
    members = segments.members(db, campaign.segment, ctx.today(), arg=campaign.segment_arg,
                               lapsed_weeks=settings_service.get(ctx.store, config.MARKETING_LAPSED_WEEKS),
                               rhythm=settings_service.get(ctx.store, config.MARKETING_LAPSED_RHYTHM))
    closed = store.sent_customers(db, campaign.id) | uplift_store.held_out(db, campaign.id) | store.messaged_since(
        db, to_iso(ctx.now() - timedelta(days=FREQUENCY_DAYS)))
    group = store.reachable(db, members)
    return group, [r for r in group if r.customer_id not in closed]


def to_send(ctx: ServiceContext, campaign_id: int) -> int:
    """How many messages :func:`send_campaign` would write now (reads only): the customers it may still write
    to, less those it would hold back."""
    db = ctx.store.db()
    campaign = _campaign(db, campaign_id)
    if campaign.status not in ("planned", "running") or not campaign.approved:
        return 0
    group, open_ = _open_group(ctx, db, campaign)
    return sum(1 for r in open_ if not rules.held_back(campaign_id, r.customer_id, len(group)))


def hand_todo(ctx: ServiceContext, *, created_by: str | None = None) -> list[tuple[store.Campaign, int]]:
    """The campaigns whose messages the seller sends from the shop's own phone and that have messages to send
    now, with how many (oldest first): the seller's to-do of free messages."""
    out = []
    for campaign in reversed(store.campaigns(ctx.store.db(), ("planned", "running"))):
        if created_by is not None and campaign.created_by != created_by:
            continue
        if channel_of(ctx, campaign) == HAND:
            n = to_send(ctx, campaign.id)
            if n:
                out.append((campaign, n))
    return out


def check_code(ctx: ServiceContext, code: str) -> int:
    """The campaign a code belongs to; refuses a code no campaign gave out."""
    variant = store.variant_by_code(ctx.store.db(), code)
    if variant is None:
        raise NotFound(_("'{code}' is not a campaign code.").format(code=code.strip()))
    return variant.campaign_id


def redeem(ctx: ServiceContext, code: str, order_id: int, *, origin: Origin = SELLER) -> Changes:
    """The customer said ``code`` at the counter: tie bill ``order_id`` to the campaign variant."""
    now = ctx.now_iso()
    with ctx.store.write() as db:
        variant = store.variant_by_code(db, code)
        if variant is None:
            raise NotFound(_("'{code}' is not a campaign code.").format(code=code.strip()))
        order = order_store.get(db, order_id, with_lines=False)
        if order is None or order.kind != "sale" or order.status != "completed":
            raise NotFound(_("There is no completed bill number {id}.").format(id=order_id))
        if store.redemption_of(db, order_id) is not None:
            raise InvalidState(_("Bill {id} already carries a campaign code.").format(id=order_id))
        campaign = _campaign(db, variant.campaign_id)
        if order.created_at < campaign.created_at:
            raise InvalidState(_("Bill {id} was made before campaign {campaign} began.").format(
                id=order_id, campaign=campaign.id))
        store.insert_redemption(db, variant_id=variant.id, order_id=order_id, customer_id=order.customer_id,
                                total_paise=order.total_paise, at=now, actor=origin.actor)
        event = ctx.record(db, CampaignRedeemed(campaign_id=campaign.id, code=variant.code, order_id=order_id,
                                                total_paise=order.total_paise), origin, at=now)
    return Changes(events=(event,), id=campaign.id)


@dataclass(frozen=True)
class Summary:
    id: int
    name: str
    sku: str
    segment: str
    status: str
    status_reason: str
    created_by: str
    quoted_price_paise: int
    reach: int
    redemptions: int
    sales_paise: int
    spend_paise: int
    read: int = 0  # messages WhatsApp reported read (its webhook; 0 for click-to-chat links)

    @property
    def return_per_rupee(self) -> float | None:
        """Sales brought back per rupee spent (None while nothing was spent)."""
        return self.sales_paise / self.spend_paise if self.spend_paise else None


def summaries(ctx: ServiceContext, statuses: tuple[str, ...] | None = None) -> list[Summary]:
    """Every campaign (or those in ``statuses``) with its reach, redemptions, sales and spend."""
    db = ctx.store.db()
    out = []
    for c in store.campaigns(db, statuses):
        t = store.campaign_totals(db, c.id)
        out.append(Summary(c.id, c.name, c.sku, c.segment, c.status, c.status_reason, c.created_by,
                           c.quoted_price_paise, t.messages, t.redemptions, t.sales_paise, t.spend_paise,
                           receipts.receipt_counts(db, c.id).get("read", 0)))
    return out
