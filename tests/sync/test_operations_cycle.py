"""The operations agent on its own: each run plans new orders, books the cheapest on-time carrier within the
seller's limits (only after the limits are chosen), asks for approval otherwise, books what the seller
approved, reads tracking and warns of a courier late for the pickup. Against the simulator on 127.0.0.1."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app import config
from app.agents import fulfilment_cycle
from app.agents.engine import DecisionEngine
from app.services import deliveries, fulfilment_tasks, order_flow, shipments, shop
from app.services import settings as settings_service
from app.services.deliveries import NewDelivery
from app.services.sales import SaleLine
from app.store import events as event_log
from app.store import orders
from app.sync import courier_account


@pytest.fixture
def courier_ready(ctx, sim, credentials):
    shop.update_shop(ctx, pincode="411038")
    courier_account.save(ctx, credentials, url=sim.url, email="seller@example.com", password="courier-pass")


@pytest.fixture
def amazon_order(ctx, sim, connect, list_item, make_worker, courier_ready):
    """An Amazon order to Bengaluru (PIN 560001), pulled in; Xpressbees charges ₹40 a 500 g (cheaper than
    India Post's ₹100.30 for the 0.6 kg charged)."""
    sim.courier.carriers[24] = ("Xpressbees Surface", 40.0, 30.0, 120)
    code = connect("amazon")
    list_item("SOAP", code, "amazon", stock_milli=10_000, name_en="Dettol soap 125 g", hsn_code="3401")
    make_worker().drain(advance_clock=True)
    sim.sim.place_order("amazon", "SOAP", 1, pin="560001")
    make_worker().drain(advance_clock=True)
    (row,) = order_flow.board(ctx)
    return row.order_id


def _limits(ctx, *, chosen: bool, limit_paise: int = 10_000) -> None:
    settings_service.set_setting(ctx, config.AGENT_LIMITS_CHOSEN.key, chosen)
    settings_service.set_setting(ctx, config.OPERATIONS_AUTO_SHIP_LIMIT_PAISE.key, limit_paise)


def _events(ctx, kind: str) -> list[dict]:
    import json

    return [json.loads(r.data_json) for r in event_log.recent(ctx.store.db(), limit=200) if r.type == kind]


def test_before_limits_are_chosen_the_booking_waits_for_approval_and_nothing_is_booked(ctx, sim, amazon_order):
    _limits(ctx, chosen=False)
    result = fulfilment_cycle.run(ctx)
    assert result.asked == [amazon_order] and result.booked == []
    assert sim.courier.shipments == {} and shipments.shipment(ctx, amazon_order) is None
    task = fulfilment_tasks.task(ctx, amazon_order)
    assert task.status == "awaiting" and task.carrier == "Xpressbees Surface" and task.cost_paise == 8000
    summary = ctx.store.db().execute("SELECT summary FROM agent_approval WHERE decision_id = ? AND status = 'pending'",
                                     (task.decision_id,)).fetchone()[0]
    assert "not chosen yet" in summary and "₹80.00" in summary
    (event,) = _events(ctx, "FulfilmentUpdated")
    assert event["status"] == "awaiting" and event["cost_paise"] == 8000
    # a second run asks nothing twice
    assert fulfilment_cycle.run(ctx).asked == []


def test_within_the_limit_the_agent_books_the_cheapest_on_time_carrier_by_itself(ctx, sim, amazon_order,
                                                                                 make_worker):
    _limits(ctx, chosen=True, limit_paise=10_000)
    result = fulfilment_cycle.run(ctx)
    assert result.booked == [amazon_order]
    booked = shipments.shipment(ctx, amazon_order)
    assert booked.courier == "Xpressbees Surface"  # ₹80 and 5 days: in time for Amazon's 4-day promise
    assert orders.get(ctx.store.db(), amazon_order).status == "shipped"
    (theirs,) = sim.courier.shipments.values()
    assert theirs.delivery_pin == "560001" and theirs.pickup
    steps = [e["status"] for e in reversed(_events(ctx, "FulfilmentUpdated"))]
    assert steps == ["queued", "booked"]
    make_worker().drain(advance_clock=True)
    (remote,) = sim.sim.orders["amazon"].values()
    assert remote.status == "shipped" and remote.tracking == booked.awb
    # the next run reads the tracking
    sim.courier.move(booked.awb, "IN TRANSIT")
    assert fulfilment_cycle.run(ctx).tracked == 1
    assert shipments.shipment(ctx, amazon_order).status == "in_transit"


def test_above_the_limit_it_asks_and_books_once_the_seller_approves(ctx, sim, amazon_order):
    _limits(ctx, chosen=True, limit_paise=5_000)  # ₹50: every carrier costs more
    assert fulfilment_cycle.run(ctx).asked == [amazon_order]
    assert sim.courier.shipments == {}
    task = fulfilment_tasks.task(ctx, amazon_order)
    approval_id = ctx.store.db().execute("SELECT id FROM agent_approval WHERE decision_id = ?",
                                         (task.decision_id,)).fetchone()[0]
    summary = ctx.store.db().execute("SELECT summary FROM agent_approval WHERE id = ?", (approval_id,)).fetchone()[0]
    assert "Xpressbees Surface" in summary and "₹80.00" in summary and "above your limit of ₹50.00" in summary
    engine = DecisionEngine(ctx)
    assert engine.approve(approval_id) == "executed"
    assert fulfilment_tasks.task(ctx, amazon_order).status == "queued" and sim.courier.shipments == {}
    assert fulfilment_cycle.run(ctx).booked == [amazon_order]
    assert shipments.shipment(ctx, amazon_order).courier == "Xpressbees Surface"


def test_a_rejected_booking_is_declined_and_never_booked(ctx, sim, amazon_order):
    _limits(ctx, chosen=False)
    fulfilment_cycle.run(ctx)
    task = fulfilment_tasks.task(ctx, amazon_order)
    approval_id = ctx.store.db().execute("SELECT id FROM agent_approval WHERE decision_id = ?",
                                         (task.decision_id,)).fetchone()[0]
    DecisionEngine(ctx).reject(approval_id)
    assert fulfilment_cycle.run(ctx).declined == [amazon_order]
    assert fulfilment_tasks.task(ctx, amazon_order).status == "declined" and sim.courier.shipments == {}


def test_a_failed_booking_becomes_a_visible_task(ctx, sim, amazon_order):
    _limits(ctx, chosen=True)
    sim.courier.awb_delay = 50  # the aggregator never assigns an AWB
    result = fulfilment_cycle.run(ctx)
    assert result.failed == [amazon_order]
    task = fulfilment_tasks.task(ctx, amazon_order)
    assert task.status == "failed" and "AWB" in task.note
    assert orders.get(ctx.store.db(), amazon_order).status != "shipped"
    assert ctx.store.db().execute("SELECT count(*) FROM agent_alert WHERE kind = 'courier_booking' AND subject = ?"
                                  " AND resolved_at IS NULL", (f"order:{amazon_order}",)).fetchone()[0] == 1


def test_india_post_cheaper_than_every_carrier_is_planned_for_the_seller_to_hand_over(ctx, sim, amazon_order):
    sim.courier.carriers[24] = ("Xpressbees Surface", 65.0, 30.0, 120)  # ₹130 for 0.6 kg: India Post wins
    _limits(ctx, chosen=True)
    assert fulfilment_cycle.run(ctx).planned == [amazon_order]
    task = fulfilment_tasks.task(ctx, amazon_order)
    assert task.method == "indiapost" and task.cost_paise == 10030 and sim.courier.shipments == {}


def test_a_home_delivery_in_the_shops_area_is_planned_for_the_delivery_person(ctx, sim, courier_ready, make_product):
    make_product("SOAP", name_en="Dettol soap 125 g", hsn_code="3401")
    oid = deliveries.create(ctx, NewDelivery(customer_name="Meena", address="Karve Nagar", pin="411052",
                                             lines=[SaleLine(sku="SOAP", qty_milli=1000)])).id
    _limits(ctx, chosen=True)
    result = fulfilment_cycle.run(ctx)
    assert result.planned == [oid] and sim.courier.shipments == {}
    assert fulfilment_tasks.task(ctx, oid).method == "self"


def test_a_courier_that_has_not_picked_up_near_the_deadline_is_said_once(ctx, sim, clock, amazon_order):
    _limits(ctx, chosen=True)
    fulfilment_cycle.run(ctx)
    task = fulfilment_tasks.task(ctx, amazon_order)
    assert task.status == "booked"
    clock.advance(timedelta(hours=47))  # Amazon's ship-by is 48 h after the order: 1 h left, not picked up
    assert fulfilment_cycle.run(ctx).late_pickups == [amazon_order]
    assert fulfilment_cycle.run(ctx).late_pickups == []  # said once
    (late,) = [e for e in _events(ctx, "FulfilmentUpdated") if e["status"] == "pickup_late"]
    assert "call the courier" in late["note"]


def test_nothing_runs_while_the_agents_are_switched_off(ctx, sim, amazon_order):
    _limits(ctx, chosen=True)
    settings_service.set_setting(ctx, config.AGENTS_ENABLED.key, False)
    assert fulfilment_cycle.run_on_engine(DecisionEngine(ctx)) is None
    assert fulfilment_tasks.task(ctx, amazon_order) is None


def test_an_order_cancelled_before_its_booking_leaves_nothing_at_the_courier(ctx, sim, amazon_order):
    from app.errors import InvalidState
    from app.services import couriers, sales

    sales.cancel_order(ctx, amazon_order)  # the buyer cancelled at Amazon; the pull brought it in
    with pytest.raises(InvalidState):
        couriers.book(ctx, amazon_order)
    assert sim.courier.shipments == {}


def _missed(ctx, clock, limit_paise: int) -> None:
    """Booked alone at ₹80 within a ₹300 limit, then the courier misses Amazon's 48 h hand-over."""
    _limits(ctx, chosen=True, limit_paise=30_000)
    assert fulfilment_cycle.run(ctx).booked
    _limits(ctx, chosen=True, limit_paise=limit_paise)
    clock.advance(timedelta(hours=49))


def test_a_missed_pickup_within_the_limit_is_rebooked_alone_with_the_first_booking_cancelled(
        ctx, sim, clock, amazon_order):
    _missed(ctx, clock, 30_000)
    first = shipments.shipment(ctx, amazon_order).awb
    result = fulfilment_cycle.run(ctx)
    assert result.rebooked == [amazon_order]
    live = shipments.shipment(ctx, amazon_order)
    # Delhivery (₹144, 4 days) would be late for Amazon's delivery date; Blue Dart (₹236, 2 days) is not
    assert live.courier == "Blue Dart Air" and live.awb != first
    assert sorted(s.status for s in sim.courier.shipments.values()) == ["CANCELED", "PICKUP SCHEDULED"]
    assert fulfilment_cycle.run(ctx).rebooked == []  # once
    steps = [e["status"] for e in _events(ctx, "FulfilmentUpdated")]
    assert "rebooked" in steps
    # Amazon takes no new tracking number from us: the seller is told to change it in Seller Central
    assert ctx.store.db().execute("SELECT count(*) FROM agent_alert WHERE kind = 'courier_tracking_changed'"
                                  ).fetchone()[0] == 1


def test_a_missed_pickup_above_the_limit_waits_for_approval_then_is_rebooked(ctx, sim, clock, amazon_order):
    _missed(ctx, clock, 10_000)
    result = fulfilment_cycle.run(ctx)
    assert result.rebook_asked == [amazon_order] and result.rebooked == []
    assert [s.status for s in sim.courier.shipments.values()] == ["PICKUP SCHEDULED"]  # nothing cancelled yet
    decision_id = ctx.store.db().execute("SELECT decision_id FROM courier_rebook WHERE order_id = ?",
                                         (amazon_order,)).fetchone()[0]
    approval_id, summary = ctx.store.db().execute("SELECT id, summary FROM agent_approval WHERE decision_id = ?",
                                                  (decision_id,)).fetchone()
    assert "Blue Dart Air" in summary and "₹236.00" in summary and "above your limit" in summary
    assert DecisionEngine(ctx).approve(approval_id) == "executed"
    assert fulfilment_cycle.run(ctx).rebooked == [amazon_order]
    assert shipments.shipment(ctx, amazon_order).courier == "Blue Dart Air"


def test_a_rejected_rebooking_keeps_the_first_booking(ctx, sim, clock, amazon_order):
    _missed(ctx, clock, 10_000)
    fulfilment_cycle.run(ctx)
    decision_id = ctx.store.db().execute("SELECT decision_id FROM courier_rebook").fetchone()[0]
    approval_id = ctx.store.db().execute("SELECT id FROM agent_approval WHERE decision_id = ?",
                                         (decision_id,)).fetchone()[0]
    DecisionEngine(ctx).reject(approval_id)
    fulfilment_cycle.run(ctx)
    assert ctx.store.db().execute("SELECT status FROM courier_rebook").fetchone()[0] == "declined"
    assert [s.status for s in sim.courier.shipments.values()] == ["PICKUP SCHEDULED"]
    assert shipments.shipment(ctx, amazon_order).courier == "Xpressbees Surface"


def test_a_part_booked_on_its_own_whose_pickup_was_missed_gets_another_carrier(
        ctx, sim, clock, connect, list_item, make_worker, courier_ready):
    """Part 1 of an Amazon order, booked on its own with Xpressbees, not picked up by Amazon's hand-over deadline:
    above the limit the agent asks first (the summary names the part); approved, it cancels that booking (the
    courier confirms) and books another carrier for the part alone — once."""
    from app.services import couriers, order_parts

    sim.courier.carriers[24] = ("Xpressbees Surface", 40.0, 30.0, 120)
    code = connect("amazon")
    list_item("SOAP", code, "amazon", stock_milli=10_000, name_en="Dettol soap 125 g", hsn_code="3401")
    make_worker().drain(advance_clock=True)
    sim.sim.place_order("amazon", "SOAP", 2, pin="560001")
    make_worker().drain(advance_clock=True)
    (row,) = order_flow.board(ctx)
    oid = row.order_id
    first = couriers.book_part(ctx, oid, {"SOAP": 1000}, courier_id=24)
    _limits(ctx, chosen=True, limit_paise=10_000)
    clock.advance(timedelta(hours=49))
    result = fulfilment_cycle.run(ctx)
    assert result.rebook_asked == [oid] and result.rebooked == []
    assert order_parts.bookings(ctx, oid)[1].awb == first.awb  # nothing cancelled before the seller answers
    db = ctx.store.db()
    decision_id, part_no = db.execute("SELECT decision_id, part_no FROM courier_rebook WHERE order_id = ?",
                                      (oid,)).fetchone()
    assert part_no == 1
    approval_id, summary = db.execute("SELECT id, summary FROM agent_approval WHERE decision_id = ?",
                                      (decision_id,)).fetchone()
    assert "part 1 of order" in summary and "Blue Dart Air" in summary
    assert DecisionEngine(ctx).approve(approval_id) == "executed"
    assert fulfilment_cycle.run(ctx).rebooked == [oid]
    again = order_parts.bookings(ctx, oid)[1]
    assert again.courier == "Blue Dart Air" and again.awb != first.awb
    assert sim.courier.shipments[int(first.shipment_id)].status == "CANCELED"
    assert order_parts.cancelled_bookings(ctx, oid, 1)[0][0] == first.awb
    assert fulfilment_cycle.run(ctx).rebooked == []  # once


def test_every_parcel_of_an_order_whose_pickup_was_missed_is_rebooked_once_with_the_couriers_faults(
        ctx, sim, clock, connect, list_item, make_worker, courier_ready):
    """An Amazon order of 3 in three parcels — parts 1 and 2 booked on their own, the last unit on the order's own
    booking — none picked up by the hand-over deadline. Within the limit the agent re-books each parcel alone, the
    order's own included (its parts are watched though the order has a booking of its own): each first booking
    cancelled before the next is made, through the aggregator's faults (a 503 asked once more, a lost reply looked
    up); never two live bookings for a parcel; each parcel once. Before, only one parcel per order was re-booked."""
    from app.services import couriers, order_parts

    sim.courier.carriers[24] = ("Xpressbees Surface", 40.0, 30.0, 120)
    code = connect("amazon")
    list_item("SOAP", code, "amazon", stock_milli=10_000, name_en="Dettol soap 125 g", hsn_code="3401")
    make_worker().drain(advance_clock=True)
    sim.sim.place_order("amazon", "SOAP", 3, pin="560001")
    make_worker().drain(advance_clock=True)
    (row,) = order_flow.board(ctx)
    oid = row.order_id
    _limits(ctx, chosen=False)
    assert fulfilment_cycle.run(ctx).asked == [oid]  # planned: the hand-over deadline is known
    first = [couriers.book_part(ctx, oid, {"SOAP": 1000}, courier_id=24).awb for _n in (1, 2)]
    first.append(couriers.book(ctx, oid, courier_id=24).awb)  # the last unit, on the order's own booking
    assert orders.get(ctx.store.db(), oid).status == "shipped"
    _limits(ctx, chosen=True, limit_paise=30_000)
    clock.advance(timedelta(hours=49))
    sim.sim.faults.add("http_503", "courier.cancel", p=1.0, times=1)  # refused before anything was done
    result = fulfilment_cycle.run(ctx)
    assert sorted(result.rebooked) == [oid, oid, oid] and result.failed == []
    sim.sim.faults.add("applied_no_reply", "courier.cancel", p=1.0, times=1)
    assert fulfilment_cycle.run(ctx).rebooked == []  # each parcel once
    now = [order_parts.bookings(ctx, oid)[1].awb, order_parts.bookings(ctx, oid)[2].awb,
           shipments.shipment(ctx, oid).awb]
    assert set(now).isdisjoint(first)
    by_awb = {s.awb: s.status for s in sim.courier.shipments.values()}
    assert all(by_awb[awb] == "CANCELED" for awb in first)
    assert sorted(awb for awb, status in by_awb.items() if status != "CANCELED") == sorted(now)  # one live each
    parcels = ctx.store.db().execute("SELECT parcel, status FROM courier_rebook WHERE order_id = ? ORDER BY parcel",
                                     (oid,)).fetchall()
    assert parcels == [(0, "done"), (1, "done"), (2, "done")]


def test_a_part_rebooking_the_courier_cannot_cancel_fails_once_and_is_the_sellers(
        ctx, sim, clock, connect, list_item, make_worker, courier_ready):
    """The courier cannot be reached when the agent cancels part 1's missed booking: the booking is kept (nothing
    booked beside it), the re-booking fails with an alert, and the next run does not try it blindly again; part 2's
    own re-booking is not held up by it."""
    from app.services import couriers, order_parts

    sim.courier.carriers[24] = ("Xpressbees Surface", 40.0, 30.0, 120)
    code = connect("amazon")
    list_item("SOAP", code, "amazon", stock_milli=10_000, name_en="Dettol soap 125 g", hsn_code="3401")
    make_worker().drain(advance_clock=True)
    sim.sim.place_order("amazon", "SOAP", 2, pin="560001")
    make_worker().drain(advance_clock=True)
    (row,) = order_flow.board(ctx)
    oid = row.order_id
    first = [couriers.book_part(ctx, oid, {"SOAP": 1000}, courier_id=24).awb for _n in (1, 2)]
    _limits(ctx, chosen=True, limit_paise=30_000)
    clock.advance(timedelta(hours=49))
    sim.sim.faults.add("drop", "courier.cancel", p=1.0, times=3)  # part 1's cancel: never reaches the courier
    result = fulfilment_cycle.run(ctx)
    sim.sim.faults.clear()
    assert result.failed == [oid] and result.rebooked == [oid]
    booked = order_parts.bookings(ctx, oid)
    assert booked[1].awb == first[0] and booked[2].awb != first[1]
    assert fulfilment_cycle.run(ctx).rebooked == []  # not retried blindly
    assert ctx.store.db().execute("SELECT count(*) FROM agent_alert WHERE kind = 'courier_missed_pickup'"
                                  ).fetchone()[0] >= 1
    live = sorted(s.awb for s in sim.courier.shipments.values() if s.status != "CANCELED")
    assert live == sorted([booked[1].awb, booked[2].awb])
