"""The operations agent when a courier misses the pickup: once the channel's hand-over deadline has passed
and the booked parcel is still not picked up, it proposes to cancel that booking and book another carrier
(the cheapest other one that still reaches the customer by the channel's delivery date, else the fastest).

Re-booking spends money (the aggregator refunds a cancelled booking's freight, but the new one is charged),
so the agent does it alone only when the seller has chosen the agents' limits, the new carrier is on time and
costs at most ``operations.auto_ship_limit_paise``; otherwise it asks for approval with the carrier, the cost
and why. The cancellation is confirmed by the courier before anything new is booked
(:mod:`app.sync.courier_cancel`), so a parcel never has two live bookings. A part booked on its own whose
pickup was missed is proposed the same way (its own parcel's rates), each part on its own. One re-booking per
parcel: a second missed pickup of the same parcel is the seller's.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from app import config
from app.agents import operations
from app.agents.carrier_choice import pick_carrier, why_waiting
from app.domain.money import format_inr
from app.errors import AppError
from app.i18n import _
from app.services import alerts, courier_rebooks, couriers, decisions, order_parts, shipments
from app.services import settings as settings_service
from app.services.context import Origin, ServiceContext
from app.store import decisions as decision_store

__all__ = ["REBOOK_COURIER", "answered", "carry_out", "missed_pickup"]

log = logging.getLogger(__name__)

REBOOK_COURIER = "rebook_courier"  # the approved action the engine hands back (``app.agents.execute``)
APPROVAL_HOURS = 6  # a proposal not answered by then lapses: the parcel is already late


def _alert(ctx: ServiceContext, order_id: int, message: str) -> None:
    alerts.raise_alert(ctx, kind="courier_missed_pickup", subject=f"order:{order_id}", message=message,
                       severity="warning", data={"order_id": order_id}, origin=courier_rebooks.AGENT)


def missed_pickup(ctx: ServiceContext, order_id: int, result: Any, *, part_no: int | None = None) -> None:
    """The courier did not pick the parcel (the order's, or part ``part_no``'s) up by the hand-over deadline:
    propose another carrier (once per parcel)."""
    if courier_rebooks.rebook(ctx, order_id, part_no) is not None:
        return
    live = (shipments.shipment(ctx, order_id) if part_no is None
            else order_parts.bookings(ctx, order_id).get(part_no))
    if live is None or live.status != "booked":
        return
    parcel = (_("the parcel") if part_no is None else _("the parcel of part {n}").format(n=part_no))
    try:
        offered = couriers.rates(ctx, order_id, part_no=part_no)
    except AppError as exc:
        _alert(ctx, order_id, _("Order #{id}: {courier} did not pick up {parcel} in time, and the courier could "
                                "not be asked for another carrier ({why}).").format(
            id=order_id, courier=live.courier, parcel=parcel, why=exc.message))
        return
    others = [r for r in offered if r.name != live.courier]
    if not others:
        _alert(ctx, order_id, _("Order #{id}: {courier} did not pick up {parcel} in time, and no other carrier "
                                "serves the customer.").format(id=order_id, courier=live.courier, parcel=parcel))
        return
    now = ctx.now()
    _hand, deliver_by = operations.deadlines(ctx, order_id)
    carrier, on_time = pick_carrier(others, now=now, hand_over_by=now + timedelta(hours=2), deliver_by=deliver_by)
    limit = settings_service.get(ctx.store, config.OPERATIONS_AUTO_SHIP_LIMIT_PAISE)
    chosen_limits = bool(settings_service.get(ctx.store, config.AGENT_LIMITS_CHOSEN))
    why = _("{old} did not pick up {parcel} by the hand-over deadline; {carrier} for {cost} instead.").format(
        old=live.courier, parcel=parcel, carrier=carrier.name, cost=format_inr(carrier.cost_paise))
    action = {"kind": REBOOK_COURIER, "params": {"order_id": order_id, "courier_id": carrier.courier_id,
                                                 "carrier": carrier.name, "cost_paise": carrier.cost_paise,
                                                 "cancel_awb": live.awb, "part_no": part_no}}
    context = {"order_id": order_id, "options": [r.__dict__ for r in others], "old_awb": live.awb,
               "part_no": part_no}
    if chosen_limits and on_time and carrier.cost_paise <= limit:
        reasoning = [why, _("Within your limit of {limit} a parcel.").format(limit=format_inr(limit))]
        decision_id = int(decisions.record_decision(ctx, agent=operations.NAME, decision_type=REBOOK_COURIER,
                                                    status="proposed", reasoning=reasoning, actions=[action],
                                                    context=context).id)
        courier_rebooks.start(ctx, order_id=order_id, status="queued", courier_id=carrier.courier_id,
                              carrier=carrier.name, cost_paise=carrier.cost_paise, decision_id=decision_id,
                              part_no=part_no)
        return  # carried out below, in this same run
    wait = why_waiting(chosen_limits=chosen_limits, on_time=on_time, limit_paise=limit)
    with ctx.store.write():
        decision_id = int(decisions.record_decision(ctx, agent=operations.NAME, decision_type=REBOOK_COURIER,
                                                    status="awaiting_approval", reasoning=[why, wait],
                                                    actions=[action], context=context).id)
        if part_no is None:
            summary = _("Cancel {old} for order #{id} (not picked up) and book {carrier}: {cost}. {why}").format(
                old=live.courier, id=order_id, carrier=carrier.name, cost=format_inr(carrier.cost_paise), why=wait)
        else:
            summary = _("Cancel {old} for part {n} of order #{id} (not picked up) and book {carrier}: {cost}. "
                        "{why}").format(old=live.courier, n=part_no, id=order_id, carrier=carrier.name,
                                        cost=format_inr(carrier.cost_paise), why=wait)
        decisions.request_approval(ctx, decision_id, summary=summary, kind=REBOOK_COURIER,
                                   expires=now + timedelta(hours=APPROVAL_HOURS))
        courier_rebooks.start(ctx, order_id=order_id, status="awaiting", courier_id=carrier.courier_id,
                              carrier=carrier.name, cost_paise=carrier.cost_paise, decision_id=decision_id, note=wait,
                              part_no=part_no)
    result.rebook_asked.append(order_id)


def answered(ctx: ServiceContext, result: Any) -> None:
    """Proposals the seller turned down (or let lapse) since the last run."""
    db = ctx.store.db()
    for row in courier_rebooks.store.rebooks_with(db, "awaiting"):
        decision = decision_store.decision(db, row.decision_id) if row.decision_id else None
        if decision is not None and decision.status in ("rejected", "superseded"):
            courier_rebooks.move(ctx, row.order_id, "declined", note=_("the first booking stays"),
                                 part_no=row.part_no)


def carry_out(ctx: ServiceContext, result: Any) -> None:
    """Cancel and book again what is cleared: within the limits, or approved."""
    for row in courier_rebooks.store.rebooks_with(ctx.store.db(), "queued"):
        origin = Origin(actor="agent:operations", reason=_("the courier missed the pickup"),
                        decision_id=row.decision_id)
        try:
            reason = _("not picked up by the hand-over deadline")
            if row.part_no is not None:
                done = couriers.rebook_part(ctx, row.order_id, row.part_no, courier_id=row.courier_id, reason=reason,
                                            origin=origin)
            else:
                done = couriers.rebook(ctx, row.order_id, courier_id=row.courier_id, reason=reason, origin=origin)
        except AppError as exc:
            courier_rebooks.move(ctx, row.order_id, "failed", note=exc.message, part_no=row.part_no, origin=origin)
            _decided(ctx, row.decision_id, "failed", exc.message)
            _alert(ctx, row.order_id, _("Order #{id}: the courier could not be changed ({why}). Call the courier, or "
                                        "change it from the Orders page.").format(id=row.order_id, why=exc.message))
            result.failed.append(row.order_id)
            continue
        courier_rebooks.move(ctx, row.order_id, "done", note=done.awb, part_no=row.part_no, origin=origin)
        _decided(ctx, row.decision_id, "executed", _("Booked again: AWB {awb}.").format(awb=done.awb))
        result.rebooked.append(row.order_id)


def _decided(ctx: ServiceContext, decision_id: int | None, status: str, reason: str) -> None:
    if decision_id is None:
        return
    found = decision_store.decision(ctx.store.db(), decision_id)
    if found is not None and status in decisions.NEXT[found.status]:
        decisions.set_decision_status(ctx, decision_id, status, reason=reason, origin=courier_rebooks.AGENT)
