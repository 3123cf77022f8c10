"""The market around the shop: competitor prices seen, and promotions (a price promised for a time)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from app.domain import bounds, pricing
from app.errors import InputError, InvalidState, NotFound
from app.events import CompetitorPriceSeen, PromotionSaved
from app.i18n import _
from app.services import catalog
from app.services.catalog import get_product
from app.services.changes import Changes
from app.services.context import SELLER, Origin, ServiceContext
from app.store import market as market_store

__all__ = ["PROMOTION_KINDS", "CompetitorSighting", "end_promotion", "plan_promotion", "record_competitor_prices",
           "start_promotion"]

PROMOTION_KINDS = ("campaign", "clearance", "festival")


@dataclass(frozen=True, kw_only=True)
class CompetitorSighting:
    sku: str
    price_paise: int
    source: str = "manual"
    seen_on: date | None = None  # None: today


def record_competitor_prices(ctx: ServiceContext, sightings: Sequence[CompetitorSighting], *,
                             origin: Origin = SELLER) -> Changes:
    """Prices seen at competitors (typed in, or synced from a marketplace), in one transaction."""
    now, today = ctx.now_iso(), ctx.today()
    events = []
    with ctx.store.write() as db:
        for seen in sightings:
            product = get_product(db, seen.sku)
            if not isinstance(seen.price_paise, int) or seen.price_paise <= 0:
                raise InputError(_("A competitor's price must be more than zero."))
            bounds.check_unit_price(seen.price_paise, what=_("Competitor's price"))
            if not seen.source.strip():
                raise InputError(_("Say where the competitor's price was seen."))
            bounds.check_text(seen.source, what=_("Where it was seen"))
            market_store.add_competitor_price(db, sku=product.sku, source=seen.source.strip(),
                                              price_paise=seen.price_paise,
                                              seen_on=(seen.seen_on or today).isoformat(), at=now, actor=origin.actor)
            events.append(ctx.record(db, CompetitorPriceSeen(sku=product.sku, source=seen.source.strip(),
                                                             price_paise=seen.price_paise), origin, at=now))
    return Changes(products=frozenset(s.sku for s in sightings), events=tuple(events))


def plan_promotion(ctx: ServiceContext, *, sku: str, price_paise: int, starts_on: date, ends_on: date,
                   kind: str = "campaign", reason: str = "", confirmed: bool = False,
                   origin: Origin = SELLER) -> Changes:
    """Promise a price for a time. It starts at once when ``starts_on`` is today (or earlier)."""
    if kind not in PROMOTION_KINDS:
        raise InputError(_("A promotion is a campaign, a clearance or a festival offer."))
    if ends_on < starts_on:
        raise InputError(_("A promotion cannot end before it starts."))
    bounds.check_day(starts_on, what=_("Start"))
    bounds.check_day(ends_on, what=_("End"))
    now = ctx.now_iso()
    with ctx.store.write() as db:
        product = get_product(db, sku)
        pricing.check_price(price_paise, product.mrp_paise, what=product.name_en)
        pricing.confirm_not_below_cost(price_paise, product.cost_paise, confirmed=confirmed, what=product.name_en)
        if market_store.promotion_overlaps(db, sku, starts_on.isoformat(), ends_on.isoformat()):
            raise InvalidState(_("{name} already has a promotion at that time.").format(name=product.name_en))
        promotion_id = market_store.insert_promotion(
            db, sku=sku, kind=kind, price_paise=price_paise, starts_on=starts_on.isoformat(),
            ends_on=ends_on.isoformat(), reason=reason or origin.reason, goal_id=origin.goal_id,
            decision_id=origin.decision_id, at=now, actor=origin.actor)
        event = ctx.record(db, PromotionSaved(promotion_id=promotion_id, sku=sku, kind=kind, price_paise=price_paise,
                                              status="planned", starts_on=starts_on.isoformat(),
                                              ends_on=ends_on.isoformat()), origin, at=now)
        changes = Changes(events=(event,), id=promotion_id)
        if starts_on <= ctx.today():
            changes = changes | start_promotion(ctx, promotion_id, confirmed=confirmed, origin=origin)
    return Changes(products=changes.products, prices=changes.prices, outbox=changes.outbox, events=changes.events,
                   id=promotion_id)


def _get(db, promotion_id: int) -> market_store.Promotion:
    found = market_store.get_promotion(db, promotion_id)
    if found is None:
        raise NotFound(_("There is no promotion number {id}.").format(id=promotion_id))
    return found


def start_promotion(ctx: ServiceContext, promotion_id: int, *, confirmed: bool = False,
                    origin: Origin = SELLER) -> Changes:
    """Put the promised price on every channel and remember the price to come back to."""
    now = ctx.now_iso()
    with ctx.store.write() as db:
        promo = _get(db, promotion_id)
        if promo.status != "planned":
            raise InvalidState(_("Promotion {id} is {status}; it cannot start.").format(id=promotion_id,
                                                                                       status=promo.status))
        regular = get_product(db, promo.sku).price_paise
        market_store.activate_promotion(db, promotion_id, regular, now)
        changes = catalog.change_price(ctx, promo.sku, price_paise=promo.price_paise, confirmed=confirmed,
                                       origin=origin)
        event = ctx.record(db, PromotionSaved(promotion_id=promotion_id, sku=promo.sku, kind=promo.kind,
                                              price_paise=promo.price_paise, status="active",
                                              starts_on=promo.starts_on, ends_on=promo.ends_on), origin, at=now)
    return changes | Changes(events=(event,))


def end_promotion(ctx: ServiceContext, promotion_id: int, *, cancel: bool = False,
                  restore_price_paise: int | None = None, confirmed: bool = False,
                  origin: Origin = SELLER) -> Changes:
    """End (or cancel) a promotion. A running one gives the item back a regular price: the price it had
    before (at most the MRP), or ``restore_price_paise`` when the caller decided another one."""
    now = ctx.now_iso()
    with ctx.store.write() as db:
        promo = _get(db, promotion_id)
        if promo.status not in ("planned", "active"):
            raise InvalidState(_("Promotion {id} is already {status}.").format(id=promotion_id, status=promo.status))
        status = "cancelled" if cancel or promo.status == "planned" else "ended"
        market_store.set_promotion_status(db, promotion_id, status, now)
        changes = Changes()
        product = get_product(db, promo.sku)
        if promo.status == "active" and product.price_paise == promo.price_paise:
            regular = restore_price_paise or promo.regular_price_paise or product.price_paise
            if product.mrp_paise is not None:
                regular = min(regular, product.mrp_paise)
            changes = catalog.change_price(ctx, promo.sku, price_paise=regular, confirmed=confirmed, origin=origin)
        event = ctx.record(db, PromotionSaved(promotion_id=promotion_id, sku=promo.sku, kind=promo.kind,
                                              price_paise=promo.price_paise, status=status,
                                              starts_on=promo.starts_on, ends_on=promo.ends_on), origin, at=now)
    return changes | Changes(events=(event,))
