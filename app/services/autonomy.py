"""What the seller lets the agents do alone: each agent on or off, the limits in rupees and percent, a preview
of what they mean on this shop, and undo of a price an agent set.

The Agents page and ``agents limits`` both save through :func:`choose_limits`, so the window and the command
line cannot disagree. Until the seller has chosen (``agents.limits_chosen``), every price change, promotion
and purchase order waits in Approvals (``app.agents.autonomy``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from app import config
from app.domain.money import format_inr
from app.errors import InputError, NotFound
from app.events import SettingChanged
from app.i18n import _
from app.services import catalog
from app.services import settings as shop_settings
from app.services.changes import Changes
from app.services.context import SELLER, Origin, ServiceContext
from app.store import Store, best_sellers
from app.store import decisions as decision_store
from app.store import settings as raw

__all__ = ["AGENTS", "FRESH_STOCKING", "Controls", "choose_fresh_stocking", "choose_limits", "controls",
           "other_spending_words", "preview", "switch_agent", "undo_price_change"]

#: the agents the seller switches one by one, with the setting that holds the switch
AGENTS: dict[str, config.Setting] = {
    "inventory": config.AGENT_INVENTORY_ENABLED,
    "pricing": config.AGENT_PRICING_ENABLED,
}

#: how fully the inventory agent stocks goods that expire: the least chance that a delivery lasts until it
#: expires, in basis points (``agents.inventory.fresh_service_bp``). 0 stocks each item only as far as it pays;
#: 17% and 25% are the floors measured in docs/agents.md (fifteenth session), where the fill gained and the
#: profit it cost on the simulator's shops are tabled; 17% ("fuller") is the default since the nineteenth session.
#: Under any floor above 0, a short-life item whose shelf was empty on half of the last four weeks is stocked to at
#: least 25% (``app.agents.fresh_cases.item_floors``, twentieth session).
FRESH_STOCKING: dict[str, int] = {"pays": 0, "fuller": 1700, "rarely_out": 2500}


@dataclass(frozen=True)
class Controls:
    """The seller's choices as they stand."""

    enabled: bool  # all agents (``agents.enabled``)
    switched_on: dict[str, bool]  # per agent
    chosen: bool  # the limits were chosen; until then money-moving actions wait
    max_price_change_bp: int
    max_po_paise: int
    weekly_budget_paise: int
    margin_floor_bp: int
    fresh_service_bp: int = 0


def controls(store: Store) -> Controls:
    return Controls(
        enabled=shop_settings.get(store, config.AGENTS_ENABLED),
        switched_on={name: bool(shop_settings.get(store, setting)) for name, setting in AGENTS.items()},
        chosen=shop_settings.get(store, config.AGENT_LIMITS_CHOSEN),
        max_price_change_bp=shop_settings.get(store, config.AGENT_MAX_PRICE_CHANGE_BP),
        max_po_paise=shop_settings.get(store, config.AGENT_MAX_PO_PAISE),
        weekly_budget_paise=shop_settings.get(store, config.AGENT_WEEKLY_BUDGET_PAISE),
        margin_floor_bp=shop_settings.get(store, config.MARGIN_FLOOR_BP),
        fresh_service_bp=shop_settings.get(store, config.AGENT_FRESH_SERVICE_BP))


def _set(ctx: ServiceContext, db: Any, values: list[tuple[config.Setting, Any]], origin: Origin) -> Changes:
    changes = Changes()
    for setting, value in values:
        parsed = setting.parse(value)
        raw.set_raw(db, setting.key, parsed, ctx.now_iso())
        event = ctx.record(db, SettingChanged(key=setting.key, value=parsed), origin)
        changes = changes | Changes(settings=frozenset({setting.key}), events=(event,))
    return changes


def choose_limits(ctx: ServiceContext, *, max_price_change_bp: int, max_po_paise: int, weekly_budget_paise: int,
                  origin: Origin = SELLER) -> Changes:
    """Save what the agents may do alone (one transaction) and mark the limits as chosen."""
    if not 0 <= max_price_change_bp <= 10_000 or max_po_paise < 0 or weekly_budget_paise < 0:
        raise InputError(_("A limit cannot be negative, and a price change is at most 100%."))
    values = [(config.AGENT_MAX_PRICE_CHANGE_BP, max_price_change_bp), (config.AGENT_MAX_PO_PAISE, max_po_paise),
              (config.AGENT_WEEKLY_BUDGET_PAISE, weekly_budget_paise), (config.AGENT_LIMITS_CHOSEN, True)]
    with ctx.store.write() as db:
        return _set(ctx, db, values, origin)


def choose_fresh_stocking(ctx: ServiceContext, fresh_service_bp: int, *, origin: Origin = SELLER) -> Changes:
    """How fully the inventory agent stocks goods that expire (see :data:`FRESH_STOCKING`)."""
    if not 0 <= fresh_service_bp <= 9800:  # the setting's own bounds (app.config)
        raise InputError(_("Choose how fully fresh goods are stocked from the list."))
    with ctx.store.write() as db:
        return _set(ctx, db, [(config.AGENT_FRESH_SERVICE_BP, fresh_service_bp)], origin)


def switch_agent(ctx: ServiceContext, agent: str, on: bool, *, origin: Origin = SELLER) -> Changes:
    """Turn one agent on or off (``all`` for the master switch)."""
    setting = config.AGENTS_ENABLED if agent == "all" else AGENTS.get(agent)
    if setting is None:
        raise InputError(_("There is no agent called '{name}'.").format(name=agent))
    with ctx.store.write() as db:
        return _set(ctx, db, [(setting, on)], origin)


def _step(paise: int) -> int:
    return 100 if paise >= 2000 else 50


def _money(paise: int) -> str:
    return format_inr(paise, decimals=paise % 100 != 0)


def preview(store: Store, *, enabled: bool, max_price_change_bp: int, max_po_paise: int, weekly_budget_paise: int,
            margin_floor_bp: int | None = None, language: str = "en", today: Any = None) -> list[str]:
    """The limits in plain words on this shop, one sentence each: the price band of the shop's best seller
    (never above its MRP nor below the margin floor), and the orders that go without asking."""
    if not enabled:
        return [_("The agents are off: they do nothing, not even suggest.")]
    floor_bp = shop_settings.get(store, config.MARGIN_FLOOR_BP) if margin_floor_bp is None else margin_floor_bp
    band = None
    if max_price_change_bp > 0:
        since = (today - timedelta(days=28)).isoformat() if today is not None else "0000-00-00"
        db = store.db()
        sku = best_sellers.best_seller(db, since)
        if sku is not None:
            item = catalog.get_product(db, sku)
            band = price_band(item.name(language), item.price_paise, max_price_change_bp,
                              floor_paise=-(-item.cost_paise * (10_000 + floor_bp) // 10_000), mrp_paise=item.mrp_paise)
    return limit_sentences(
        max_price_change_bp=max_price_change_bp, band=band, max_po_paise=max_po_paise,
        weekly_budget_paise=weekly_budget_paise,
        courier_limit_paise=shop_settings.get(store, config.OPERATIONS_AUTO_SHIP_LIMIT_PAISE),
        marketing_budget_paise=shop_settings.get(store, config.MARKETING_WEEKLY_BUDGET_PAISE),
        marketing_risk_paise=shop_settings.get(store, config.MARKETING_UNPROVEN_RISK_PAISE))


@dataclass(frozen=True)
class PriceBand:
    """Where one item's price may go alone: ``name`` None for an example item (a shop with no sales yet)."""

    name: str | None
    price_paise: int
    low_paise: int
    high_paise: int


def price_band(name: str | None, price_paise: int, max_price_change_bp: int, *, floor_paise: int = 0,
               mrp_paise: int | None = None) -> PriceBand:
    """The band a price move of at most ``max_price_change_bp`` allows, never above the MRP nor below the margin
    floor, at the shop's price points as the pricing agent sets them (whole rupees, half rupees under Rs 20)."""
    low = max(price_paise * (10_000 - max_price_change_bp) // 10_000, floor_paise)
    high = price_paise * (10_000 + max_price_change_bp) // 10_000
    if mrp_paise:
        high = min(high, mrp_paise)
    low = -(-low // _step(low)) * _step(low)
    high = high // _step(high) * _step(high)
    return PriceBand(name, price_paise, min(low, price_paise), max(high, price_paise))


def limit_sentences(*, max_price_change_bp: int, band: PriceBand | None, max_po_paise: int, weekly_budget_paise: int,
                    courier_limit_paise: int, marketing_budget_paise: int, marketing_risk_paise: int = 0) -> list[str]:
    """What the agents' limits mean, one sentence each: the one wording of the Agents page, ``agents limits``
    and the first-run wizard (which speaks of an example item, as the new shop has none)."""
    lines = []
    if max_price_change_bp <= 0:
        lines.append(_("Pricing: every price change waits for your approval."))
    elif band is None:
        lines.append(_("Pricing: a price may move by at most {pct}% without asking, never above the MRP nor below "
                       "your margin floor.").format(pct=f"{max_price_change_bp / 100:g}"))
    elif band.name is None:
        lines.append(_("Prices: an item you sell at {price} may move to anything between {low} and {high} without "
                       "asking, never above its MRP nor below your margin floor. A bigger move waits for you.").format(
            price=_money(band.price_paise), low=_money(band.low_paise), high=_money(band.high_paise)))
    else:
        lines.append(_("Pricing: a price may move by at most {pct}% without asking: {name} (now {price}) between "
                       "{low} and {high}. Never above the MRP nor below your margin floor; bigger moves wait "
                       "for you.").format(pct=f"{max_price_change_bp / 100:g}", name=band.name,
                                          price=_money(band.price_paise), low=_money(band.low_paise),
                                          high=_money(band.high_paise)))
    if max_po_paise <= 0:
        lines.append(_("Purchases: every purchase order waits for your approval."))
    else:
        lines.append(_("Purchases: orders up to {limit} go to the supplier without asking; a bigger need is split "
                       "over days, or waits for you when it cannot be.").format(limit=_money(max_po_paise)))
    if weekly_budget_paise > 0:
        lines.append(_("All purchase orders together stay within {budget} a week.").format(
            budget=_money(weekly_budget_paise)))
    return lines + other_spending_words(courier_limit_paise=courier_limit_paise,
                                        marketing_budget_paise=marketing_budget_paise,
                                        marketing_risk_paise=marketing_risk_paise)


def other_spending_words(*, courier_limit_paise: int, marketing_budget_paise: int,
                         marketing_risk_paise: int = 0) -> list[str]:
    """The other money the agents spend alone once the limits are chosen, so the seller sees it before choosing:
    courier bookings (the operations agent) and message campaigns (the marketing agent), with the seller's risk
    limit on paid messages before their codes bring anyone back (``marketing.unproven_risk_paise``)."""
    lines = []
    if courier_limit_paise > 0:
        lines.append(_("Couriers: a parcel that costs up to {limit} is booked without asking; a dearer one waits "
                       "for you.").format(limit=_money(courier_limit_paise)))
    if marketing_budget_paise > 0:
        # the marketing agent also sets Amazon sponsored-ads budgets alone from the same week's budget
        lines.append(_("Marketing: message campaigns to customers who agreed, and sponsored-ads budgets on Amazon "
                       "when it is connected, run without asking while they fit in {budget} a week; the rest wait "
                       "for you.").format(budget=_money(marketing_budget_paise)))
        if marketing_risk_paise <= 0:
            lines.append(_("Marketing risk: none. The agent pays for no message on its own until the codes said "
                           "at the counter bring back more margin than its messages cost; until then its ideas go "
                           "out free, as messages you send yourself from the shop's WhatsApp (Marketing page to "
                           "change)."))
        else:
            lines.append(_("Marketing risk: before its codes bring anyone back, the agent's paid messages may cost "
                           "up to {risk} more than the margin they brought; a bigger idea goes out free first, as "
                           "messages you send yourself from the shop's WhatsApp (Marketing page to change).").format(
                risk=_money(marketing_risk_paise)))
    return lines


def undo_price_change(ctx: ServiceContext, decision_id: int, *, origin: Origin = SELLER) -> Changes:
    """Put back the price an agent's executed price change replaced. Refused when the price has moved since
    (the seller or a later decision changed it): undoing then would throw away a newer price."""
    db = ctx.store.db()
    decision = decision_store.decision(db, decision_id)
    if decision is None:
        raise NotFound(_("There is no decision {id}.").format(id=decision_id))
    action = decision.actions[0] if decision.actions else {}
    params = action.get("params", {})
    if decision.status != "executed" or action.get("kind") != "set_price" or "old_price_paise" not in params:
        raise InputError(_("Only a price change the agents made can be undone here."))
    item = catalog.get_product(db, str(params["sku"]))
    if item.price_paise != int(params["price_paise"]):
        raise InputError(_("{name} now sells at {now}, not the {new} the agent set: the price has changed since, "
                           "so it is left as it is.").format(name=item.name_en, now=_money(item.price_paise),
                                                              new=_money(int(params["price_paise"]))))
    reason = _("Undo of the pricing agent's change (decision {id}).").format(id=decision_id)
    undo_origin = Origin(actor=origin.actor, reason=reason, decision_id=decision_id)
    return catalog.change_price(ctx, item.sku, price_paise=int(params["old_price_paise"]), confirmed=True,
                                origin=undo_origin)
