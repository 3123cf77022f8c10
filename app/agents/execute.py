"""Carrying out an action through the services, with the hard limits checked against the shop as it is now.

Every action runs inside the caller's write block, so the check and the change see the same state. A
price is checked against the product's current cost and MRP (never above the MRP, never below the
margin floor); a purchase order against the cash that can be spared. What crosses a hard limit raises
:class:`~app.agents.errors.HardLimitBreached` and changes nothing.
"""

from __future__ import annotations

from datetime import date

from app.agents import ad_proposals, marketing_decisions, order_minimum
from app.agents.errors import HardLimitBreached
from app.agents.limits import Budget, Limits, floor_price, price_violations
from app.agents.proposal import (
    AD_BUDGET,
    ALERT,
    CAMPAIGN,
    END_PROMOTION,
    HOLD_STOCK,
    PURCHASE_ORDER,
    SET_PRICE,
    START_PROMOTION,
    Action,
)
from app.domain.money import format_inr
from app.errors import InputError
from app.i18n import _
from app.services import alerts, catalog, export_orders, fulfilment_tasks, market, purchasing
from app.services.catalog import get_product
from app.services.changes import Changes
from app.services.context import Origin, ServiceContext
from app.services.purchasing import PoLine
from app.store import market as market_store


def check(ctx: ServiceContext, action: Action, limits: Limits, *, cash: Budget | None = None) -> list[str]:
    """Hard-limit violations of ``action`` in the shop's current state (empty: it may be carried out)."""
    db = ctx.store.db()
    if action.kind in (SET_PRICE, START_PROMOTION):
        product = get_product(db, action.params["sku"])
        return price_violations(int(action.params["price_paise"]), cost_paise=product.cost_paise,
                                mrp_paise=product.mrp_paise, limits=limits, name=product.name_en)
    if (action.kind == PURCHASE_ORDER and cash is not None and cash.cash_left_paise is not None
            and action.spend_paise > cash.cash_left_paise):
        return [_("The order of {spend} is more than the {cash} of cash that can be spared.").format(
            spend=format_inr(action.spend_paise), cash=format_inr(max(cash.cash_left_paise, 0)))]
    return []


def restore_price(ctx: ServiceContext, promotion: market_store.Promotion, limits: Limits) -> int:
    """The regular price to return to after a promotion, within [floor, MRP] as the product is now."""
    product = get_product(ctx.store.db(), promotion.sku)
    price = promotion.regular_price_paise or product.price_paise
    price = max(price, floor_price(product.cost_paise, limits.margin_floor_bp))
    if product.mrp_paise is not None:
        price = min(price, product.mrp_paise)
    return price


def carry_out(ctx: ServiceContext, action: Action, origin: Origin, limits: Limits, *,
              cash: Budget | None = None) -> tuple[Changes, Action]:
    """Do ``action`` (inside the caller's transaction). Returns what changed and the action as done (with the
    ids it created, e.g. the purchase order's)."""
    with ctx.store.write():
        violations = check(ctx, action, limits, cash=cash)
        if violations:
            raise HardLimitBreached(_("Refused: it would cross a hard limit."), violations=violations)
        params = action.params
        if action.kind == SET_PRICE:
            return catalog.change_price(ctx, params["sku"], price_paise=int(params["price_paise"]), origin=origin), \
                action
        if action.kind == START_PROMOTION:
            changes = market.plan_promotion(
                ctx, sku=params["sku"], price_paise=int(params["price_paise"]), kind=params.get("kind", "campaign"),
                starts_on=date.fromisoformat(params["starts_on"]), ends_on=date.fromisoformat(params["ends_on"]),
                reason=origin.reason, origin=origin)
            return changes, Action(kind=action.kind, params={**params, "promotion_id": changes.id})
        if action.kind == END_PROMOTION:
            promo = market_store.get_promotion(ctx.store.db(), int(params["promotion_id"]))
            if promo is None:
                raise InputError(_("There is no promotion number {id}.").format(id=params["promotion_id"]))
            restore = restore_price(ctx, promo, limits)
            # the regular price is within [floor, MRP] when it can be; when the MRP is below the floor (or the
            # cost) the MRP wins, as the law says: ending the promotion must not fail and leave its price up
            changes = market.end_promotion(ctx, promo.id, restore_price_paise=restore, confirmed=True,
                                                  origin=origin)
            return changes, Action(kind=action.kind, params={**params, "restore_price_paise": restore})
        if action.kind == PURCHASE_ORDER:
            return _purchase(ctx, action, origin, cash)
        if action.kind == ALERT:
            changes = Changes()
            for item in params.get("items", ()):
                changes = changes | alerts.raise_alert(
                    ctx, kind=params["kind"], subject=item["subject"], message=item["message"],
                    severity=item.get("severity", "info"), data=item.get("data"), origin=origin)
            changes = changes | alerts.resolve_alerts(ctx, kind=params["kind"], subjects=params.get("resolve", ()),
                                                          origin=origin)
            return changes, action
        if action.kind == "book_courier":  # approved: the operations agent books it, off this transaction
            return fulfilment_tasks.clear_to_book(ctx, int(params["order_id"]), origin=origin), action
        if action.kind == "rebook_courier":  # approved: the operations agent changes the courier at its next run
            from app.services import courier_rebooks

            part = params.get("part_no")  # None: the order's own parcel
            return courier_rebooks.clear(ctx, int(params["order_id"]), part_no=None if part is None else int(part),
                                         origin=origin), action
        if action.kind == CAMPAIGN:
            return marketing_decisions.carry_out(ctx, action, origin)
        if action.kind == AD_BUDGET:
            return ad_proposals.carry_out(ctx, action, origin)
        if action.kind == HOLD_STOCK:  # refused (InvalidQuantity) when the units are no longer free: nothing held
            return export_orders.hold_export_order(ctx, int(params["export_order_id"]), origin=origin), action
    raise InputError(_("'{kind}' is not an action the agents know.").format(kind=action.kind))


def _purchase(ctx: ServiceContext, action: Action, origin: Origin, cash: Budget | None) -> tuple[Changes, Action]:
    """Send the order, never below a supplier's minimum: topped up, split across suppliers, or held
    (:mod:`app.agents.order_minimum`). The action as done lists every order sent and what was added or moved."""
    params = action.params
    supplier_id = int(params["supplier_id"])
    fitted = order_minimum.fit(ctx.store.db(), supplier_id, list(params["lines"]), ctx.today(),
                               cash_left=cash.cash_left_paise if cash is not None else None)
    changes, sent_orders = Changes(), []
    for to, lines in fitted.orders:
        first = to == supplier_id
        created = purchasing.create_purchase_order(
            ctx, supplier_id=to, lines=[PoLine(sku=line["sku"], qty_milli=int(line["qty_milli"]),
                                               cost_paise=line.get("cost_paise")) for line in lines],
            expected_on=date.fromisoformat(params["expected_on"]) if first and params.get("expected_on") else None,
            note=" ".join([origin.reason[:200], *fitted.notes])[:500],
            confirmed=bool(params.get("confirmed")) if first else False, origin=origin)
        sent = purchasing.send_purchase_order(ctx, created.id, via=params.get("via", "whatsapp"), origin=origin)
        changes = changes | created | sent
        sent_orders.append({"po_id": created.id, "supplier_id": to, "lines": lines,
                            "total_paise": order_minimum.order_value(lines)})
    done = {**params, "po_id": sent_orders[0]["po_id"], "orders": sent_orders}
    if fitted.notes or fitted.held:
        done.update(fit_notes=fitted.notes, held_lines=fitted.held)
    return changes, Action(kind=action.kind, params=done)

