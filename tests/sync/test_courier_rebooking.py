"""Cancelling a courier booking and booking another carrier in its place, against the simulator's aggregator:
the courier's faults (already picked up: refused; a lost reply: looked up before asking again), the channel
told the new AWB once, and never two live bookings for one parcel."""

from __future__ import annotations

import pytest

from app.errors import InvalidState
from app.services import order_flow, shipments, shop
from app.store import orders
from app.sync.courier import CourierClient, CourierError, book
from app.sync.courier_cancel import cancel, rebook


def _order(ctx, sim, connect, list_item, make_worker, market: str) -> int:
    shop.update_shop(ctx, pincode="411038")
    code = connect(market)
    list_item("ATTA5", code, market, stock_milli=10_000, name_en="Aashirvaad Atta 5 kg")
    make_worker().drain(advance_clock=True)
    sim.sim.place_order(market, "ATTA5", 2)
    make_worker().drain(advance_clock=True)
    (row,) = order_flow.board(ctx)
    return row.order_id


@pytest.fixture
def shopify_order(ctx, sim, connect, list_item, make_worker):
    return _order(ctx, sim, connect, list_item, make_worker, "shopify")


def _client(sim) -> CourierClient:
    return CourierClient(sim.url, "seller@example.com", "courier-pass")


def _live(sim, order_ref_prefix: str) -> list:
    """The simulator's shipments for the order that are not cancelled."""
    return [s for s in sim.courier.shipments.values()
            if s.order_id.startswith(order_ref_prefix) and s.status != "CANCELED"]


def test_rebook_cancels_first_then_books_another_carrier_and_shopify_hears_the_new_awb_once(
        ctx, sim, shopify_order, make_worker, tmp_path):
    first = book(ctx, shopify_order, _client(sim), labels_dir=tmp_path, pin="560001", courier_id=10)
    make_worker().drain(advance_clock=True)
    second = rebook(ctx, shopify_order, _client(sim), labels_dir=tmp_path, pin="560001", courier_id=24)
    assert second.awb != first.awb and second.courier == "Xpressbees Surface"
    # the courier: the first cancelled, exactly one live booking (the new one)
    states = {s.awb: s.status for s in sim.courier.shipments.values()}
    assert states[first.awb] == "CANCELED" and states[second.awb] == "PICKUP SCHEDULED"
    assert len([s for s in states.values() if s != "CANCELED"]) == 1
    # our books: the live booking is the new one, the first kept as cancelled
    assert shipments.shipment(ctx, shopify_order).awb == second.awb
    assert [c.awb for c in shipments.cancelled(ctx, shopify_order)] == [first.awb]
    assert orders.get(ctx.store.db(), shopify_order).status == "shipped"
    # the marketplace hears the new tracking number once, through the outbox
    again = rebook(ctx, shopify_order, _client(sim), labels_dir=tmp_path, pin="560001", courier_id=51)
    db = ctx.store.db()
    assert db.execute("SELECT count(*) FROM outbox WHERE op = 'order.tracking'").fetchone()[0] == 2
    make_worker().drain(advance_clock=True)
    (theirs,) = sim.sim.orders["shopify"].values()
    assert theirs.tracking == again.awb
    assert db.execute("SELECT count(*) FROM outbox WHERE op = 'order.tracking' AND status = 'applied'"
                      ).fetchone()[0] == 2


def test_a_parcel_already_picked_up_cannot_be_cancelled_and_nothing_is_booked_beside_it(
        ctx, sim, shopify_order, tmp_path):
    """The guard: the booking leaves our books, and another is booked, only after the courier confirmed the
    cancellation. Were the books cleared first (or the refusal ignored), a second live booking would stand."""
    first = book(ctx, shopify_order, _client(sim), labels_dir=tmp_path, pin="560001")
    sim.courier.move(first.awb, "PICKED UP")
    with pytest.raises(CourierError, match="already has the parcel"):
        rebook(ctx, shopify_order, _client(sim), labels_dir=tmp_path, pin="560001", courier_id=24)
    assert len(sim.courier.shipments) == 1 and sim.courier.shipments[int(first.shipment_id)].status == "PICKED UP"
    assert shipments.shipment(ctx, shopify_order).awb == first.awb and shipments.cancelled(ctx, shopify_order) == []
    assert shipments.shipment(ctx, shopify_order).status == "in_transit"  # what the courier said is kept


def test_a_lost_cancel_reply_is_looked_up_and_not_sent_again(ctx, sim, shopify_order, tmp_path):
    first = book(ctx, shopify_order, _client(sim), labels_dir=tmp_path, pin="560001")
    sim.sim.faults.add("applied_no_reply", "courier.cancel", p=1.0, times=1)  # cancelled, but the answer never comes
    second = rebook(ctx, shopify_order, _client(sim), labels_dir=tmp_path, pin="560001", courier_id=51)
    assert sim.sim.requests["courier.cancel"] == 1  # the tracking said cancelled: not asked again
    assert [s.awb for s in _live(sim, "shopify-")] == [second.awb]
    assert shipments.cancelled(ctx, shopify_order)[0].awb == first.awb


def test_a_cancel_the_courier_did_not_apply_is_asked_once_more(ctx, sim, shopify_order, tmp_path):
    book(ctx, shopify_order, _client(sim), labels_dir=tmp_path, pin="560001")
    sim.sim.faults.add("http_503", "courier.cancel", p=1.0, times=1)  # refused before anything was done
    awb = cancel(ctx, shopify_order, _client(sim), reason="courier did not come").awb
    assert sim.sim.requests["courier.cancel"] == 2
    assert _live(sim, "shopify-") == [] and shipments.shipment(ctx, shopify_order) is None
    assert shipments.cancelled(ctx, shopify_order)[0].reason == "courier did not come"
    # cancelled without another booking: the order still has to go; booking again books once, with its own id
    with pytest.raises(InvalidState, match="no courier booking"):
        cancel(ctx, shopify_order, _client(sim))
    again = book(ctx, shopify_order, _client(sim), labels_dir=tmp_path, pin="560001")
    again_too = book(ctx, shopify_order, _client(sim), labels_dir=tmp_path, pin="560001")
    assert again.awb == again_too.awb != awb and len(_live(sim, "shopify-")) == 1


def test_when_the_courier_cannot_be_asked_the_booking_is_kept(ctx, sim, shopify_order, tmp_path):
    first = book(ctx, shopify_order, _client(sim), labels_dir=tmp_path, pin="560001")
    sim.sim.faults.add("drop", "courier.", p=1.0, times=10)  # every courier call dropped
    with pytest.raises(CourierError, match="could not be asked"):
        rebook(ctx, shopify_order, _client(sim), labels_dir=tmp_path, pin="560001", courier_id=24)
    sim.sim.faults.clear()
    assert shipments.shipment(ctx, shopify_order).awb == first.awb
    assert [s.awb for s in _live(sim, "shopify-")] == [first.awb]


def test_amazon_takes_no_new_tracking_number_so_the_seller_is_told(ctx, sim, connect, list_item, make_worker,
                                                                     tmp_path):
    oid = _order(ctx, sim, connect, list_item, make_worker, "amazon")
    book(ctx, oid, _client(sim), labels_dir=tmp_path, pin="560001")
    second = rebook(ctx, oid, _client(sim), labels_dir=tmp_path, pin="560001", courier_id=51)
    db = ctx.store.db()
    assert db.execute("SELECT count(*) FROM outbox WHERE op = 'order.tracking'").fetchone()[0] == 0
    (message,) = [r[0] for r in db.execute("SELECT message FROM agent_alert WHERE kind = 'courier_tracking_changed'")]
    assert second.awb in message and "seller portal" in message
