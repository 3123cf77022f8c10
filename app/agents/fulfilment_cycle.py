"""The operations agent on the scheduler: each run it plans the orders that came in, books couriers within
the seller's limits, asks the seller for the rest, and reads the couriers' tracking.

For each new open order (a marketplace order or the shop's own delivery) it makes the fulfilment plan
(:mod:`app.agents.operations`). When the plan's method is the courier aggregator, it asks the aggregator for
its real rates and picks **the cheapest carrier that reaches the customer by the channel's deadline**
(else the fastest, marked late). Booking spends money, so the agent books alone only when the seller has
chosen the agents' limits (``agents.limits_chosen``), the carrier is on time and costs at most
``operations.auto_ship_limit_paise``; otherwise the booking becomes an approval with the plan, the carrier,
the cost and the deadline. An approved booking is booked at the next run. A plan for the shop's own
delivery person or India Post spends nothing by itself: it is recorded as planned (people hand it over).

Every step is a ``FulfilmentUpdated`` event (a sentence on Activity); what the seller must act on (a
booking that failed, an order that cannot arrive in time, a courier late for the pickup) is also an alert.
The network is the sync room's: it is reached through :mod:`app.services.couriers`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from app import config
from app.agents import operations, operations_rebook
from app.agents.carrier_choice import pick_carrier, why_waiting
from app.domain.clock import from_iso, to_iso
from app.domain.money import format_inr
from app.errors import AppError
from app.i18n import _
from app.services import alerts, couriers, decisions, fulfilment_tasks, order_parts
from app.services import settings as settings_service
from app.services.context import Origin, ServiceContext
from app.services.fulfilment_plans import method_name
from app.store import decisions as decision_store
from app.store import fulfilment_tasks as task_store

__all__ = ["BOOK_COURIER", "CycleResult", "pick_carrier", "run", "run_on_engine", "trigger", "why_waiting"]

log = logging.getLogger(__name__)

BOOK_COURIER = "book_courier"  # the approved action the engine hands back (``app.agents.execute``)
PICKUP_WARNING = timedelta(hours=2)  # warn when the courier has not come this close to the hand-over deadline
TRACKED = ("booked", "in_transit", "rto")


@dataclass
class CycleResult:
    planned: list[int] = field(default_factory=list)
    asked: list[int] = field(default_factory=list)
    booked: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    escalated: list[int] = field(default_factory=list)
    declined: list[int] = field(default_factory=list)
    tracked: int = 0
    late_pickups: list[int] = field(default_factory=list)
    rebook_asked: list[int] = field(default_factory=list)  # a missed pickup: another carrier proposed
    rebooked: list[int] = field(default_factory=list)


def trigger(ctx: ServiceContext) -> dict[str, Any]:
    return {"trigger": "interval", "minutes": settings_service.get(ctx.store, config.OPERATIONS_EVERY_MINUTES)}


def run_on_engine(engine: Any) -> CycleResult | None:
    """The scheduler's run: nothing while the seller has the agents switched off."""
    if not engine.limits().enabled:
        return None
    return run(engine.ctx)


def run(ctx: ServiceContext) -> CycleResult:
    """One run of the operations agent (see the module's docstring)."""
    result = CycleResult()
    _answered(ctx, result)
    for order_id in task_store.open_orders_unplanned(ctx.store.db()):
        try:
            _plan(ctx, order_id, result)
        except AppError as exc:  # one order that cannot be planned never stops the others
            log.warning("operations: order %s not planned: %s", order_id, exc)
    for task in task_store.with_status(ctx.store.db(), "queued"):
        _book(ctx, task, result)
    _track(ctx, result)
    operations_rebook.carry_out(ctx, result)
    return result


def _answered(ctx: ServiceContext, result: CycleResult) -> None:
    """Bookings the seller turned down (or let lapse) since the last run."""
    db = ctx.store.db()
    for task in task_store.with_status(db, "awaiting"):
        decision = decision_store.decision(db, task.decision_id) if task.decision_id else None
        if decision is not None and decision.status in ("rejected", "superseded"):
            fulfilment_tasks.move(ctx, task.order_id, "declined", note=_("book it yourself from the Orders page"))
            result.declined.append(task.order_id)
    operations_rebook.answered(ctx, result)


def _alert(ctx: ServiceContext, kind: str, order_id: int, message: str) -> None:
    alerts.raise_alert(ctx, kind=kind, subject=f"order:{order_id}", message=message, severity="warning",
                       data={"order_id": order_id}, origin=fulfilment_tasks.AGENT)


def _plan(ctx: ServiceContext, order_id: int, result: CycleResult) -> None:
    plan = operations.plan_order(ctx, order_id)
    timeline = plan.timeline
    if plan.chosen is None or timeline is None:
        note = _("no shipping method can take it")
        fulfilment_tasks.start(ctx, order_id=order_id, status="escalated", method="", hand_over_by="", note=note)
        _alert(ctx, "order_cannot_ship", order_id, _("Order #{id}: {why}.").format(id=order_id, why=note))
        result.escalated.append(order_id)
        return
    method, hand = plan.chosen.code, to_iso(from_iso(timeline.hand_over_by))
    name = method_name(method, plan.chosen.name)
    offered: list[couriers.CarrierRate] = []
    asked_error: AppError | None = None
    if method != "self":  # the aggregator's real rates, to compare with the rate cards' choice
        try:
            offered = couriers.rates(ctx, order_id)
        except AppError as exc:
            asked_error = exc
    hand_over, deliver_by = operations.deadlines(ctx, order_id)
    if offered:
        carrier, on_time = pick_carrier(offered, now=ctx.now(), hand_over_by=hand_over, deliver_by=deliver_by)
        if method != "aggregator" and not (on_time and carrier.cost_paise < plan.chosen.cost_paise):
            offered = []  # the rate cards' method (India Post) is cheaper or faster: the seller hands it over
    if method != "aggregator" and not offered:
        status = "planned" if timeline.on_time else "escalated"
        note = "" if timeline.on_time else _("no method reaches the customer in time")
        fulfilment_tasks.start(ctx, order_id=order_id, status=status, method=method, carrier=name,
                               cost_paise=plan.chosen.cost_paise, hand_over_by=hand, note=note)
        if status == "escalated":
            _alert(ctx, "order_late", order_id, _("Order #{id} cannot reach the customer in time by any method; the "
                                                  "fastest is {name}. Tell the customer.").format(id=order_id,
                                                                                                 name=name))
            result.escalated.append(order_id)
        else:
            result.planned.append(order_id)
        return
    if asked_error is not None:
        fulfilment_tasks.start(ctx, order_id=order_id, status="failed", method=method, carrier=name,
                               cost_paise=plan.chosen.cost_paise, hand_over_by=hand, note=asked_error.message)
        _alert(ctx, "courier_booking", order_id, _("Order #{id}: the courier could not be asked ({why}). Book it "
                                                   "from the Orders page.").format(id=order_id,
                                                                                   why=asked_error.message))
        result.failed.append(order_id)
        return
    if not offered:
        note = _("no carrier serves the customer's PIN code")
        fulfilment_tasks.start(ctx, order_id=order_id, status="escalated", method=method, carrier=name,
                               hand_over_by=hand, note=note)
        _alert(ctx, "order_cannot_ship", order_id, _("Order #{id}: {why}.").format(id=order_id, why=note))
        result.escalated.append(order_id)
        return
    method = "aggregator"
    carrier, on_time = pick_carrier(offered, now=ctx.now(), hand_over_by=hand_over, deliver_by=deliver_by)
    limit = settings_service.get(ctx.store, config.OPERATIONS_AUTO_SHIP_LIMIT_PAISE)
    chosen_limits = bool(settings_service.get(ctx.store, config.AGENT_LIMITS_CHOSEN))
    why = _("{carrier} for {cost}: the cheapest carrier that reaches the customer by {by}.").format(
        carrier=carrier.name, cost=format_inr(carrier.cost_paise), by=_local(ctx, to_iso(deliver_by))) if on_time \
        else _("{carrier} for {cost} is the fastest, and still late for {by}.").format(
            carrier=carrier.name, cost=format_inr(carrier.cost_paise), by=_local(ctx, to_iso(deliver_by)))
    action = {"kind": BOOK_COURIER, "params": {"order_id": order_id, "courier_id": carrier.courier_id,
                                               "carrier": carrier.name, "cost_paise": carrier.cost_paise,
                                               "hand_over_by": hand}}
    context = {"order_id": order_id, "options": [r.__dict__ for r in offered], "deliver_by": to_iso(deliver_by)}
    if chosen_limits and on_time and carrier.cost_paise <= limit:
        reasoning = [why, _("Within your limit of {limit} a parcel.").format(limit=format_inr(limit))]
        decision_id = int(decisions.record_decision(ctx, agent=operations.NAME, decision_type=BOOK_COURIER,
                                                    status="proposed", reasoning=reasoning, actions=[action],
                                                    context=context).id)
        fulfilment_tasks.start(ctx, order_id=order_id, status="queued", method=method, carrier=carrier.name,
                               courier_id=carrier.courier_id, cost_paise=carrier.cost_paise,
                               hand_over_by=hand, decision_id=decision_id)
        return  # booked below, in this same run
    wait = why_waiting(chosen_limits=chosen_limits, on_time=on_time, limit_paise=limit)
    with ctx.store.write():
        decision_id = int(decisions.record_decision(ctx, agent=operations.NAME, decision_type=BOOK_COURIER,
                                                    status="awaiting_approval", reasoning=[why, wait],
                                                    actions=[action], context=context).id)
        summary = _("Book {carrier} for order #{id}: {cost}, hand over by {hand}. {why}").format(
            carrier=carrier.name, id=order_id, cost=format_inr(carrier.cost_paise),
            hand=_local(ctx, hand), why=wait)
        decisions.request_approval(ctx, decision_id, summary=summary, kind=BOOK_COURIER,
                                   expires=from_iso(hand))
        fulfilment_tasks.start(ctx, order_id=order_id, status="awaiting", method=method, carrier=carrier.name,
                               courier_id=carrier.courier_id, cost_paise=carrier.cost_paise,
                               hand_over_by=hand, decision_id=decision_id, note=wait)
    result.asked.append(order_id)


def _local(ctx: ServiceContext, iso: str) -> str:
    from app.domain.clock import shop_zone

    return from_iso(iso).astimezone(shop_zone(ctx.timezone)).strftime("%d/%m %H:%M")


def _book(ctx: ServiceContext, task: task_store.Task, result: CycleResult) -> None:
    origin = Origin(actor="agent:operations", reason=_("booking the courier"), decision_id=task.decision_id)
    try:
        done = couriers.book(ctx, task.order_id, courier_id=task.courier_id)
    except AppError as exc:
        fulfilment_tasks.move(ctx, task.order_id, "failed", note=exc.message, origin=origin)
        _decided(ctx, task, "failed", exc.message)
        _alert(ctx, "courier_booking", task.order_id, _("Order #{id}: the courier could not be booked ({why}). Book "
                                                        "it from the Orders page.").format(id=task.order_id,
                                                                                          why=exc.message))
        result.failed.append(task.order_id)
        return
    fulfilment_tasks.move(ctx, task.order_id, "booked", note=done.awb, origin=origin)
    _decided(ctx, task, "executed", _("Booked: AWB {awb}.").format(awb=done.awb))
    result.booked.append(task.order_id)


def _decided(ctx: ServiceContext, task: task_store.Task, status: str, reason: str) -> None:
    """The decision follows the booking (an approved one was already marked done when the seller approved)."""
    if task.decision_id is None:
        return
    found = decision_store.decision(ctx.store.db(), task.decision_id)
    if found is not None and status in decisions.NEXT[found.status]:
        decisions.set_decision_status(ctx, task.decision_id, status, reason=reason, origin=fulfilment_tasks.AGENT)


def _missed_part_pickups(ctx: ServiceContext, order_id: int, now: datetime, result: CycleResult) -> None:
    """Each part booked on its own and still not picked up past the channel's hand-over deadline: another carrier
    is proposed for it, each part once (the order's own parcel: below, from its task)."""
    waiting = [n for n, b in sorted(order_parts.bookings(ctx, order_id).items()) if b.status == "booked"]
    if not waiting:
        return
    try:
        hand_over, _deliver_by = operations.deadlines(ctx, order_id)
    except AppError:
        return
    if now >= hand_over:
        for part_no in waiting:
            operations_rebook.missed_pickup(ctx, order_id, result, part_no=part_no)


def _track(ctx: ServiceContext, result: CycleResult) -> None:
    """Read each travelling parcel's tracking; warn once when a booked parcel is still not picked up close to
    its hand-over deadline (the channel counts a late hand-over against the shop)."""
    now = ctx.now()
    whole = {order_id for order_id, _status in task_store.shipments_in(ctx.store.db(), TRACKED)}
    for order_id in order_parts.travelling(ctx):  # parts booked on their own (an order's own booking: below)
        if order_id not in whole:  # an order with its own booking too: its tracking below reads every part
            try:
                couriers.track(ctx, order_id)
                result.tracked += 1
            except AppError as exc:
                log.info("operations: tracking of the parts of order %s not read: %s", order_id, exc)
    for order_id, status in task_store.shipments_in(ctx.store.db(), TRACKED):
        try:
            status = couriers.track(ctx, order_id)
            result.tracked += 1
        except AppError as exc:
            log.info("operations: tracking of order %s not read: %s", order_id, exc)
        task = task_store.get(ctx.store.db(), order_id)
        if status != "booked" or task is None or not task.hand_over_by:
            continue
        if now >= from_iso(task.hand_over_by):  # missed: propose another carrier
            operations_rebook.missed_pickup(ctx, order_id, result)
        if task.pickup_alerted:
            continue
        if now >= from_iso(task.hand_over_by) - PICKUP_WARNING:
            note = _("call the courier, or hand the parcel to another one before {by}").format(
                by=_local(ctx, task.hand_over_by))
            fulfilment_tasks.pickup_late(ctx, order_id, note=note)
            _alert(ctx, "courier_pickup_late", order_id, _("Order #{id}: the courier has not picked up the parcel; "
                                                           "{note}.").format(id=order_id, note=note))
            result.late_pickups.append(order_id)
    for order_id in order_parts.travelling(ctx):  # every part's missed pickup, the order's own booking or not
        _missed_part_pickups(ctx, order_id, now, result)
