"""The shop's own home-delivery orders: taken, confirmed, packed, out for delivery, delivered and paid at the
door; stock taken once and put back once, the payment recorded once, states forward only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.errors import InputError, InvalidAmount, InvalidCode, InvalidQuantity, InvalidState
from app.services import dayend, deliveries
from app.services import settings as settings_service
from app.services.deliveries import NewDelivery
from app.services.sales import PaymentIn, SaleLine
from app.store import orders
from app.store import stock as stock_store
from tests.conftest import table_snapshot


def _new(**over) -> NewDelivery:
    values = dict(customer_name="Sunita Patil", phone="98220 12345", address="Flat 4, Shanti Niwas, Lane 3",
                  area="Kothrud", pin="411038", pay_by="cash", source="phone",
                  lines=[SaleLine(sku="ATTA", qty_milli=2000), SaleLine(sku="SALT", qty_milli=1000)])
    values.update(over)
    return NewDelivery(**values)


@pytest.fixture
def items(make_product):
    make_product("ATTA", name_en="Aashirvaad Atta 5 kg", price_paise=26_000, mrp_paise=28_000, cost_paise=23_000,
                 hsn_code="1101", opening_stock_milli=10_000)
    make_product("SALT", name_en="Tata Salt 1 kg", price_paise=2800, mrp_paise=2800, cost_paise=2400,
                 hsn_code="2501", opening_stock_milli=20_000)


def _moves(db, order_id):
    return db.execute("SELECT sku, qty_milli, reason FROM stock_move WHERE source = 'delivery' AND source_ref LIKE ?"
                      " ORDER BY id", (f"{order_id}:%",)).fetchall()


def test_a_phone_order_goes_to_the_door_and_is_paid_once(session, ctx, items):
    db = session.store.db()
    oid = deliveries.create(ctx, _new()).id
    order = orders.get(db, oid)
    assert (order.channel, order.status, order.customer_name, order.invoice_no) == ("delivery", "pending",
                                                                                   "Sunita Patil", None)
    assert order.total_paise == 2 * 26_000 + 2800 and order.paid_paise == 0
    # stock is set aside when the order is taken, so the counter cannot sell the same packets
    assert stock_store.on_hand(db, "ATTA") == 8000 and stock_store.on_hand(db, "SALT") == 19_000
    deliveries.advance(ctx, oid, "accepted")
    deliveries.advance(ctx, oid, "packed")
    deliveries.advance(ctx, oid, "shipped", rider="Raju")
    order = orders.get(db, oid)
    assert order.status == "shipped" and order.invoice_no == "INV/2627/00001"  # numbered when it leaves the shop
    row = deliveries.delivery_orders(ctx)[0]
    assert (row.rider, row.area, row.pin, row.phone) == ("Raju", "Kothrud", "411038", "9822012345")
    changes = deliveries.deliver(ctx, oid)
    again = deliveries.deliver(ctx, oid)  # a second tap on "delivered"
    order = orders.get(db, oid)
    assert order.status == "delivered" and order.paid_paise == order.total_paise and order.completed_at
    pays = orders.payments(db, oid)
    assert [(p.method, p.amount_paise) for p in pays] == [("cash", 54_800)]
    assert not again.events and [e.type for e in changes.events] == ["PaymentRecorded", "OrderStatusChanged"]
    assert _moves(db, oid) == [("ATTA", -2000, "sale"), ("SALT", -1000, "sale")]
    # the cash the delivery person brings back is in the day's drawer count
    assert dayend.day_summary(ctx).by_method.get("cash") == 54_800


def test_upi_and_cash_split_at_the_door_must_add_up(session, ctx, items):
    oid = deliveries.create(ctx, _new(pay_by="upi")).id
    with pytest.raises(InvalidAmount):
        deliveries.deliver(ctx, oid, [PaymentIn(method="cash", amount_paise=10_000)])
    with pytest.raises(InputError):
        deliveries.deliver(ctx, oid, [PaymentIn(method="khata", amount_paise=54_800)])
    deliveries.deliver(ctx, oid, [PaymentIn(method="upi", amount_paise=50_000, reference="UTR1"),
                                  PaymentIn(method="cash", amount_paise=4_800)])
    db = session.store.db()
    assert sorted((p.method, p.amount_paise) for p in orders.payments(db, oid)) == [("cash", 4800), ("upi", 50_000)]
    assert orders.get(db, oid).invoice_no  # delivered straight from "taken": still invoiced


def test_cancel_before_delivery_puts_stock_back_once_and_a_delivered_order_cannot_be_cancelled(session, ctx, items):
    db = session.store.db()
    oid = deliveries.create(ctx, _new()).id
    deliveries.advance(ctx, oid, "shipped", rider="Raju")
    deliveries.cancel(ctx, oid, reason="not at home")
    deliveries.cancel(ctx, oid, reason="not at home")
    assert stock_store.on_hand(db, "ATTA") == 10_000 and stock_store.on_hand(db, "SALT") == 20_000
    assert orders.get(db, oid).status == "cancelled" and "not at home" in orders.get(db, oid).note
    with pytest.raises(InvalidState):
        deliveries.advance(ctx, oid, "packed")
    with pytest.raises(InvalidState):
        deliveries.deliver(ctx, oid)
    assert orders.payments(db, oid) == []
    done = deliveries.create(ctx, _new()).id
    deliveries.deliver(ctx, done)
    with pytest.raises(InvalidState):
        deliveries.cancel(ctx, done)
    with pytest.raises(InvalidState):
        deliveries.advance(ctx, done, "packed")


def test_refusals_write_nothing(session, ctx, items):
    settings_service.set_setting(ctx, "billing.allow_negative_stock", False)
    before = table_snapshot(session)
    with pytest.raises(InvalidCode):
        deliveries.create(ctx, _new(phone="12345"))
    with pytest.raises(InputError):
        deliveries.create(ctx, _new(pin="0110"))
    with pytest.raises(InputError):
        deliveries.create(ctx, _new(address="  "))
    with pytest.raises(InputError):
        deliveries.create(ctx, _new(lines=[]))
    with pytest.raises(InvalidQuantity):
        deliveries.create(ctx, _new(lines=[SaleLine(sku="ATTA", qty_milli=11_000)]), confirmed=True)
    with pytest.raises(InputError):
        deliveries.create(ctx, _new(deliver_on=ctx.today() - timedelta(days=1)))
    assert table_snapshot(session) == before


def test_the_run_lists_the_days_open_deliveries_lane_by_lane(ctx, items):
    tomorrow = ctx.today() + timedelta(days=1)
    a = deliveries.create(ctx, _new(customer_name="A", area="Paud Road", pin="411038")).id
    b = deliveries.create(ctx, _new(customer_name="B", area="", pin="")).id
    c = deliveries.create(ctx, _new(customer_name="C", area="kothrud", pay_by="upi")).id
    d = deliveries.create(ctx, _new(customer_name="D", area="Kothrud")).id
    deliveries.create(ctx, _new(customer_name="E", deliver_on=tomorrow))
    done = deliveries.create(ctx, _new(customer_name="F")).id
    deliveries.deliver(ctx, done)
    gone = deliveries.create(ctx, _new(customer_name="G")).id
    deliveries.cancel(ctx, gone)
    run = deliveries.run_for(ctx)
    assert [s.order_id for s in run] == [c, d, a, b]  # Kothrud together, then Paud Road, no area last
    assert run[0].pay_by == "upi" and run[0].due_paise == 54_800 and "Aashirvaad Atta 5 kg × 2" in run[0].items
    assert [s.customer for s in deliveries.run_for(ctx, tomorrow)] == ["E"]


def test_a_known_customer_is_linked_by_phone(session, ctx, items):
    from app.services import khata

    cid = khata.create_customer(ctx, name="Sunita Patil", phone="9822012345").id
    oid = deliveries.create(ctx, _new()).id
    assert orders.get(session.store.db(), oid).customer_id == cid


STEPS = st.lists(st.sampled_from(["accepted", "packed", "shipped", "deliver", "cancel"]), max_size=8)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=STEPS)
def test_any_sequence_moves_forward_and_books_stock_and_money_once(session, ctx, items, steps):
    """Feature: tavyonix-seller-os, Property 7: for any delivery order and any sequence of steps, the state only
    moves forward, the stock taken equals the lines until a cancellation puts it back once, and the money
    received is the order's total exactly when it is delivered."""
    from app.domain.delivery import can_move

    db = session.store.db()
    oid = deliveries.create(ctx, _new(), confirmed=True).id
    seen = ["pending"]
    for step in steps:
        before = orders.get(db, oid).status
        target = {"deliver": "delivered", "cancel": "cancelled"}.get(step, step)
        try:
            if step == "deliver":
                deliveries.deliver(ctx, oid)
            elif step == "cancel":
                deliveries.cancel(ctx, oid)
            else:
                deliveries.advance(ctx, oid, step)
        except InvalidState:
            assert not can_move(before, target)
            assert orders.get(db, oid).status == before
            continue
        assert can_move(before, target)
        seen.append(orders.get(db, oid).status)
    order = orders.get(db, oid)
    flow = ["pending", "accepted", "packed", "shipped", "delivered"]
    forward = [s for s in seen if s != "cancelled"]
    assert [flow.index(s) for s in forward] == sorted(flow.index(s) for s in forward)
    taken = sum(q for _sku, q, _r in _moves(db, oid))
    assert taken == (0 if order.status == "cancelled" else -3000)
    paid = sum(p.amount_paise for p in orders.payments(db, oid))
    assert paid == (order.total_paise if order.status == "delivered" else 0) == order.paid_paise
