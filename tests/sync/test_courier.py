"""Booking a parcel with the courier aggregator in the simulator: shipment, AWB (after the aggregator's
delay), label PDF, pickup; the marketplace hears the AWB once; a PIN the courier does not serve is refused
with nothing booked; an RTO brings stock back only when the seller receives the parcel."""

from __future__ import annotations

import pytest

from app.services import deliveries, order_flow, shipments, shop
from app.services.deliveries import NewDelivery
from app.services.sales import SaleLine
from app.store import orders
from app.store import stock as stock_store
from app.sync.courier import CourierClient, CourierError, book, track


@pytest.fixture
def marketplace_order(ctx, sim, connect, list_item, make_worker):
    shop.update_shop(ctx, pincode="411038")
    code = connect("shopify")
    list_item("ATTA5", code, "shopify", stock_milli=10_000, name_en="Aashirvaad Atta 5 kg")
    make_worker().drain(advance_clock=True)
    sim.sim.place_order("shopify", "ATTA5", 2)
    make_worker().drain(advance_clock=True)
    (row,) = order_flow.board(ctx)
    return row.order_id


def _client(sim) -> CourierClient:
    return CourierClient(sim.url, "seller@example.com", "courier-pass")


def test_a_booking_gets_its_awb_after_the_delay_and_the_marketplace_hears_it_once(
        ctx, sim, marketplace_order, make_worker, tmp_path):
    sim.courier.awb_delay = 2  # the aggregator answers "not yet" twice
    done = book(ctx, marketplace_order, _client(sim), labels_dir=tmp_path, pin="110001")
    assert done.awb.startswith("SR") and done.label.read_bytes().startswith(b"%PDF") and done.pickup
    again = book(ctx, marketplace_order, _client(sim), labels_dir=tmp_path, pin="110001")  # a retried booking
    assert again.awb == done.awb and len(sim.courier.shipments) == 1
    db = ctx.store.db()
    assert orders.get(db, marketplace_order).status == "shipped"
    assert db.execute("SELECT count(*) FROM outbox WHERE op = 'order.ship'").fetchone()[0] == 1
    make_worker().drain(advance_clock=True)
    (theirs,) = sim.sim.orders["shopify"].values()
    assert theirs.status == "shipped" and theirs.tracking == done.awb
    assert sim.sim.requests["courier.awb"] == 3
    # the courier delivers: our order follows
    sim.courier.move(done.awb, "DELIVERED")
    assert track(ctx, marketplace_order, _client(sim)) == "delivered"
    assert orders.get(db, marketplace_order).status == "delivered"


def test_a_pin_the_courier_does_not_serve_is_refused_with_nothing_booked(ctx, sim, make_product, tmp_path):
    shop.update_shop(ctx, pincode="411038")
    make_product("SOAP", name_en="Dettol soap 125 g", hsn_code="3401")
    oid = deliveries.create(ctx, NewDelivery(customer_name="Port Blair", address="Aberdeen Bazaar", pin="744101",
                                             lines=[SaleLine(sku="SOAP", qty_milli=1000)])).id
    with pytest.raises(CourierError, match="744101"):
        book(ctx, oid, _client(sim), labels_dir=tmp_path)
    assert shipments.shipment(ctx, oid) is None and sim.courier.shipments == {}
    assert orders.get(ctx.store.db(), oid).status == "pending"


def test_rto_brings_stock_back_only_when_the_parcel_is_received(ctx, sim, marketplace_order, tmp_path):
    db = ctx.store.db()
    done = book(ctx, marketplace_order, _client(sim), labels_dir=tmp_path, pin="560001")
    before = stock_store.on_hand(db, "ATTA5")
    sim.courier.move(done.awb, "RTO INITIATED")
    assert track(ctx, marketplace_order, _client(sim)) == "rto"
    sim.courier.move(done.awb, "RTO DELIVERED")
    assert track(ctx, marketplace_order, _client(sim)) == "rto_delivered"
    assert stock_store.on_hand(db, "ATTA5") == before  # on the courier's word alone, nothing comes back
    order_flow.receive_return(ctx, marketplace_order)
    order_flow.receive_return(ctx, marketplace_order)
    assert stock_store.on_hand(db, "ATTA5") == before + 2000
    assert orders.get(db, marketplace_order).status == "returned"


def test_a_wrong_password_is_said_plainly(ctx, sim, marketplace_order, tmp_path):
    with pytest.raises(CourierError, match="refused"):
        book(ctx, marketplace_order, CourierClient(sim.url, "seller@example.com", "wrong"), labels_dir=tmp_path,
             pin="110001")
    assert orders.get(ctx.store.db(), marketplace_order).status != "shipped"


def test_the_shops_own_order_goes_by_courier_and_the_customer_gets_the_awb(ctx, sim, credentials, make_product,
                                                                          make_worker, tmp_path):
    from app.sync import setup

    shop.update_shop(ctx, pincode="411038")
    setup.connect(ctx, channel="whatsapp", adapter="whatsapp", base_url=sim.url,
                  account={"phone_number_id": "1065551234"}, secrets={"access_token": "wa-token"},
                  credentials=credentials)
    make_product("SOAP", name_en="Dettol soap 125 g", hsn_code="3401")
    oid = deliveries.create(ctx, NewDelivery(customer_name="Asha", phone="9822012345", address="MG Road",
                                             pin="560001", language="en",
                                             lines=[SaleLine(sku="SOAP", qty_milli=3000)])).id
    done = book(ctx, oid, _client(sim), labels_dir=tmp_path)
    assert orders.get(ctx.store.db(), oid).status == "shipped"
    assert sim.courier.shipments[int(done.shipment_id)].cod  # paid to the courier at the door
    make_worker().drain(advance_clock=True)
    (message,) = [m for m in sim.sim.messages if m.to == "919822012345"]
    assert done.awb in message.body and "Delhivery" in message.body
    # the courier's "out for delivery" reaches the customer once, however often tracking is read
    sim.courier.move(done.awb, "OUT FOR DELIVERY")
    track(ctx, oid, _client(sim))
    track(ctx, oid, _client(sim))
    make_worker().drain(advance_clock=True)
    out = [m.body for m in sim.sim.messages if m.to == "919822012345" and "out for delivery" in m.body]
    assert len(out) == 1 and done.awb in out[0] and "today" in out[0]
