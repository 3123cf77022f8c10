"""Cancelling and re-booking the courier of a part booked on its own, against the simulator's aggregator — the
faults the whole order's booking is tested with (already picked up: refused; a lost reply: looked up before
asking again; a 503: asked once more; the courier unreachable: the booking kept), the channel told the part's
new AWB once (Shopify: that part's fulfillment, not the last), and never two live bookings for a part."""

from __future__ import annotations

import pytest

from app.errors import InvalidState
from app.services import order_flow, order_parts, shop
from app.sim.marketplace.shopify import Shopify
from app.store import orders
from app.sync.courier import CourierClient, CourierError, book_part
from app.sync.courier_cancel import cancel_part, rebook_part


def _order(ctx, sim, connect, list_item, make_worker, market: str) -> int:
    shop.update_shop(ctx, pincode="411038")
    code = connect(market)
    list_item("ATTA5", code, market, stock_milli=10_000, name_en="Aashirvaad Atta 5 kg")
    make_worker().drain(advance_clock=True)
    sim.sim.place_order(market, "ATTA5", 3)
    make_worker().drain(advance_clock=True)
    (row,) = order_flow.board(ctx)
    return row.order_id


def _client(sim) -> CourierClient:
    return CourierClient(sim.url, "seller@example.com", "courier-pass")


def _live(sim) -> list[str]:
    """AWBs of the simulator's shipments not cancelled."""
    return sorted(s.awb for s in sim.courier.shipments.values() if s.status != "CANCELED")


@pytest.fixture
def two_parts(ctx, sim, connect, list_item, make_worker, tmp_path):
    """A Shopify order of 3 units in two parts, each booked on its own; Shopify told both."""
    oid = _order(ctx, sim, connect, list_item, make_worker, "shopify")
    first = book_part(ctx, oid, {"ATTA5": 1000}, _client(sim), labels_dir=tmp_path, pin="560001", courier_id=10)
    second = book_part(ctx, oid, {"ATTA5": 2000}, _client(sim), labels_dir=tmp_path, pin="560001", courier_id=10)
    make_worker().drain(advance_clock=True)
    return oid, first, second


def test_rebooking_a_part_cancels_its_booking_first_and_shopify_changes_that_parts_tracking_once(
        ctx, sim, two_parts, make_worker, tmp_path):
    oid, first, second = two_parts
    again = rebook_part(ctx, oid, 1, _client(sim), labels_dir=tmp_path, pin="560001", courier_id=24)
    assert again.courier == "Xpressbees Surface" and again.awb not in (first.awb, second.awb)
    # the courier: part 1's first booking cancelled; one live booking per part
    assert sim.courier.shipments[int(first.shipment_id)].status == "CANCELED"
    assert _live(sim) == sorted([again.awb, second.awb])
    new_ref = sim.courier.shipments[int(again.shipment_id)].order_id
    assert new_ref.endswith("-P1-R1")
    # our books: the part carries the new booking; the first kept as cancelled with why
    assert {n: b.awb for n, b in order_parts.bookings(ctx, oid).items()} == {1: again.awb, 2: second.awb}
    assert order_parts.cancelled_bookings(ctx, oid, 1) == [(first.awb, "booked again with another carrier")]
    part = next(p for p in order_parts.parts(ctx, oid) if p.part_no == 1)
    assert (part.carrier, part.tracking) == (again.courier, again.awb)
    db = ctx.store.db()
    assert orders.get(db, oid).status == "shipped"
    # Shopify hears the new AWB once, on part 1's fulfillment (part 2's keeps its own)
    assert db.execute("SELECT count(*) FROM outbox WHERE op = 'order.tracking'").fetchone()[0] == 1
    make_worker().drain(advance_clock=True)
    tracking = _fulfillment_tracking(sim)
    assert sorted(tracking) == sorted([again.awb, second.awb])
    assert db.execute("SELECT count(*) FROM outbox WHERE op = 'order.tracking' AND status = 'applied'"
                      ).fetchone()[0] == 1
    # a second re-booking of the same part: its own reference, the part still one live booking
    third = rebook_part(ctx, oid, 1, _client(sim), labels_dir=tmp_path, pin="560001", courier_id=51)
    assert sim.courier.shipments[int(third.shipment_id)].order_id.endswith("-P1-R2")
    assert _live(sim) == sorted([third.awb, second.awb])


def _fulfillment_tracking(sim) -> list[str]:
    """The tracking number of each of the Shopify order's fulfillments, as Shopify holds them."""
    shopify = next(m for m in sim.markets if isinstance(m, Shopify))
    return [shopify.fulfillment_tracking[f] for ids in shopify.fulfillments.values() for f in ids]


def test_a_part_picked_up_cannot_be_cancelled_and_nothing_is_booked_beside_it(ctx, sim, two_parts, tmp_path):
    """The guard: the part's booking leaves our books, and another is booked, only after the courier confirmed
    the cancellation."""
    oid, first, _second = two_parts
    sim.courier.move(first.awb, "PICKED UP")
    count = len(sim.courier.shipments)
    with pytest.raises(CourierError, match="already has the parcel"):
        rebook_part(ctx, oid, 1, _client(sim), labels_dir=tmp_path, pin="560001", courier_id=24)
    assert len(sim.courier.shipments) == count and sim.courier.shipments[int(first.shipment_id)].status == "PICKED UP"
    booked = order_parts.bookings(ctx, oid)[1]
    assert booked.awb == first.awb and booked.status == "in_transit"  # what the courier said is kept
    assert order_parts.cancelled_bookings(ctx, oid, 1) == []
    with pytest.raises(InvalidState, match="only before pickup"):
        cancel_part(ctx, oid, 1, _client(sim))


def test_a_lost_cancel_reply_is_looked_up_and_not_sent_again(ctx, sim, two_parts, tmp_path):
    oid, first, second = two_parts
    sim.sim.faults.add("applied_no_reply", "courier.cancel", p=1.0, times=1)  # cancelled, but the answer never comes
    again = rebook_part(ctx, oid, 1, _client(sim), labels_dir=tmp_path, pin="560001", courier_id=51)
    assert sim.sim.requests["courier.cancel"] == 1  # the tracking said cancelled: not asked again
    assert _live(sim) == sorted([again.awb, second.awb])
    assert order_parts.cancelled_bookings(ctx, oid, 1)[0][0] == first.awb


def test_a_part_cancel_the_courier_did_not_apply_is_asked_once_more_then_booked_once(ctx, sim, two_parts, tmp_path):
    oid, first, second = two_parts
    sim.sim.faults.add("http_503", "courier.cancel", p=1.0, times=1)  # refused before anything was done
    assert cancel_part(ctx, oid, 1, _client(sim), reason="courier did not come").awb == first.awb
    assert sim.sim.requests["courier.cancel"] == 2
    assert _live(sim) == [second.awb] and 1 not in order_parts.bookings(ctx, oid)
    assert order_parts.cancelled_bookings(ctx, oid, 1) == [(first.awb, "courier did not come")]
    with pytest.raises(InvalidState, match="no courier booking to cancel"):
        cancel_part(ctx, oid, 1, _client(sim))
    # booked again after a lost label: the retry gets the aggregator's first shipment back (booked once)
    sim.sim.faults.add("drop", "courier.label", p=1.0, times=1)
    with pytest.raises(CourierError):
        rebook_part(ctx, oid, 1, _client(sim), labels_dir=tmp_path, pin="560001")
    assert 1 not in order_parts.bookings(ctx, oid)
    again = rebook_part(ctx, oid, 1, _client(sim), labels_dir=tmp_path, pin="560001")
    same = rebook_part(ctx, oid, 1, _client(sim), labels_dir=tmp_path, pin="560001")  # a live booking: cancelled first
    assert again.awb != first.awb and len(_live(sim)) == 2 and same.awb in _live(sim)
    # part 2 never moved
    assert order_parts.bookings(ctx, oid)[2].awb == second.awb


def test_when_the_courier_cannot_be_asked_the_parts_booking_is_kept(ctx, sim, two_parts, tmp_path):
    oid, first, second = two_parts
    sim.sim.faults.add("drop", "courier.", p=1.0, times=10)  # every courier call dropped
    with pytest.raises(CourierError, match="could not be asked"):
        rebook_part(ctx, oid, 1, _client(sim), labels_dir=tmp_path, pin="560001", courier_id=24)
    sim.sim.faults.clear()
    assert order_parts.bookings(ctx, oid)[1].awb == first.awb
    assert _live(sim) == sorted([first.awb, second.awb])


def test_amazon_takes_no_new_tracking_number_for_a_part_so_the_seller_is_told(
        ctx, sim, connect, list_item, make_worker, tmp_path):
    oid = _order(ctx, sim, connect, list_item, make_worker, "amazon")
    book_part(ctx, oid, {"ATTA5": 1000}, _client(sim), labels_dir=tmp_path, pin="560001")
    again = rebook_part(ctx, oid, 1, _client(sim), labels_dir=tmp_path, pin="560001", courier_id=51)
    db = ctx.store.db()
    assert db.execute("SELECT count(*) FROM outbox WHERE op = 'order.tracking'").fetchone()[0] == 0
    (message,) = [r[0] for r in db.execute("SELECT message FROM agent_alert WHERE kind = 'courier_tracking_changed'")]
    assert again.awb in message and "seller portal" in message
    assert orders.get(db, oid).status == "packed"  # two units still wait


def test_cancel_and_rebook_a_part_from_the_command_line(session, data, ctx, sim, connect, list_item, make_worker,
                                                         capsys):
    import argparse
    import json

    from app.commands import orders as order_commands
    from app.services import couriers

    oid = _order(ctx, sim, connect, list_item, make_worker, "amazon")
    couriers.save_account(ctx, url=sim.url, email="seller@example.com", password="courier-pass")
    p = argparse.ArgumentParser()
    p.add_argument("--shop", default="test")
    p.add_argument("--json", dest="json_first", action="store_true")
    order_commands.register(p.add_subparsers(dest="command"))

    def run(*argv: str) -> int:
        args = p.parse_args(list(argv))
        return args.handler(args, data)

    assert run("orders", "ship-part", str(oid), "ATTA5:1", "--book", "--pin", "560001", "--carrier-id", "10") == 0
    first = order_parts.bookings(ctx, oid)[1].awb
    capsys.readouterr()
    assert run("orders", "cancel-booking", str(oid), "--part", "1", "--reason", "courier did not come") == 0
    out = capsys.readouterr().out
    assert first in out and "--part 1" in out
    with pytest.raises(InvalidState, match="no courier booking to cancel"):
        run("orders", "cancel-booking", str(oid), "--part", "1")
    assert run("orders", "rebook", str(oid), "--part", "1", "--carrier-id", "24", "--pin", "560001", "--json") == 0
    again = json.loads(capsys.readouterr().out)
    assert again["part"] == 1 and again["courier"] == "Xpressbees Surface" and again["awb"] != first
    assert _live(sim) == [again["awb"]]
    sim.courier.move(again["awb"], "PICKED UP")
    with pytest.raises(CourierError, match="already has the parcel"):
        run("orders", "rebook", str(oid), "--part", "1", "--carrier-id", "51", "--pin", "560001")
    assert _live(sim) == [again["awb"]]
