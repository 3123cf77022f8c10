"""A marketplace order sent in parts, against the simulator: the units in stock ship now and the rest later
(Amazon: a shipment confirmation with the items' quantities, PartiallyShipped until the last; Shopify: a
fulfillment of those line items), or the rest is cancelled with the customer's consent (Shopify refunds it;
its stock comes back once); the order stays monotonic; channels that cannot take it are refused in words."""

from __future__ import annotations

import pytest

from app.errors import InputError, InvalidState
from app.services import order_flow, order_parts
from app.store import orders
from app.store import stock as stock_store


def _order(ctx, sim, connect, list_item, make_worker, market: str, qty: int = 3) -> int:
    code = connect(market)
    list_item("ATTA5", code, market, stock_milli=10_000, name_en="Aashirvaad Atta 5 kg")
    make_worker().drain(advance_clock=True)
    sim.sim.place_order(market, "ATTA5", qty)
    make_worker().drain(advance_clock=True)
    (row,) = order_flow.board(ctx)
    return row.order_id


def test_amazon_ships_one_unit_now_and_two_later_each_a_package(ctx, sim, connect, list_item, make_worker):
    oid = _order(ctx, sim, connect, list_item, make_worker, "amazon")
    db = ctx.store.db()
    stock = stock_store.on_hand(db, "ATTA5")
    first = order_parts.ship_part(ctx, oid, {"ATTA5": 1000}, carrier="Delhivery", tracking="AWB1")
    assert first.outbox == 1 and orders.get(db, oid).status == "packed"
    assert order_parts.remaining(ctx, oid) == {"ATTA5": 2000}
    make_worker().drain(advance_clock=True)
    (theirs,) = sim.sim.orders["amazon"].values()
    assert theirs.status == "packed" and theirs.tracking == "AWB1"  # Amazon: PartiallyShipped
    with pytest.raises(InputError, match="that many"):
        order_parts.ship_part(ctx, oid, {"ATTA5": 3000}, carrier="Delhivery", tracking="AWB2")
    with pytest.raises(InvalidState, match="cancel the rest"):
        order_flow.cancel_order(ctx, oid)
    # the rest, with the plain Ship (or a courier booking): only the units still waiting go
    order_flow.ship_order(ctx, oid, carrier="Blue Dart", tracking="AWB2")
    assert orders.get(db, oid).status == "shipped" and order_parts.remaining(ctx, oid) == {}
    make_worker().drain(advance_clock=True)
    assert theirs.status == "shipped" and theirs.tracking == "AWB2"
    sent = [r[0] for r in db.execute("SELECT payload_json FROM outbox WHERE op = 'order.ship_part' ORDER BY id")]
    assert len(sent) == 2 and '"qty":1}' in sent[0] and '"qty":2}' in sent[1]
    assert db.execute("SELECT count(*) FROM outbox WHERE op = 'order.ship'").fetchone()[0] == 0
    assert stock_store.on_hand(db, "ATTA5") == stock  # shipping moves no stock: it left when the order came


def test_shopify_ships_part_and_cancels_the_rest_with_the_customers_consent(ctx, sim, connect, list_item,
                                                                           make_worker):
    oid = _order(ctx, sim, connect, list_item, make_worker, "shopify")
    db = ctx.store.db()
    stock = stock_store.on_hand(db, "ATTA5")
    with pytest.raises(InvalidState, match="Nothing of order"):
        order_parts.cancel_rest(ctx, oid)
    order_parts.ship_part(ctx, oid, {"ATTA5": 1000}, carrier="Delhivery", tracking="AWB1")
    make_worker().drain(advance_clock=True)
    (theirs,) = sim.sim.orders["shopify"].values()
    assert theirs.status == "packed"  # partially fulfilled
    order_parts.cancel_rest(ctx, oid, reason="customer agreed")
    order_parts.cancel_rest(ctx, oid, reason="customer agreed")  # once
    assert stock_store.on_hand(db, "ATTA5") == stock + 2000
    assert orders.get(db, oid).status == "shipped"
    make_worker().drain(advance_clock=True)
    assert theirs.status == "shipped" and theirs.lines[0]["qty"] == 1  # two units refunded and cancelled there
    assert sim.sim.listings["shopify"]["ATTA5"].quantity >= 0
    assert [p.kind for p in order_parts.parts(ctx, oid)] == ["shipped", "cancelled"]
    # a return later brings back only the unit that went
    order_flow.receive_return(ctx, oid)
    assert stock_store.on_hand(db, "ATTA5") == stock + 3000


def test_channels_that_cannot_take_parts_are_refused_before_anything_is_written(ctx, sim, connect, list_item,
                                                                                make_worker):
    oid = _order(ctx, sim, connect, list_item, make_worker, "woocommerce")
    with pytest.raises(InvalidState, match="no shipment in parts"):
        order_parts.ship_part(ctx, oid, {"ATTA5": 1000}, carrier="Delhivery", tracking="AWB1")
    assert order_parts.parts(ctx, oid) == [] and orders.get(ctx.store.db(), oid).status == "accepted"


def test_amazon_takes_no_cancellation_of_some_units(ctx, sim, connect, list_item, make_worker):
    oid = _order(ctx, sim, connect, list_item, make_worker, "amazon")
    order_parts.ship_part(ctx, oid, {"ATTA5": 1000}, carrier="Delhivery", tracking="AWB1")
    stock = stock_store.on_hand(ctx.store.db(), "ATTA5")
    with pytest.raises(InvalidState, match="seller portal"):
        order_parts.cancel_rest(ctx, oid)
    assert stock_store.on_hand(ctx.store.db(), "ATTA5") == stock and order_parts.remaining(ctx, oid) == {
        "ATTA5": 2000}


def test_ship_part_and_cancel_rest_from_the_command_line(session, data, ctx, sim, connect, list_item, make_worker,
                                                           capsys):
    import argparse
    import json

    from app.commands import orders as order_commands

    oid = _order(ctx, sim, connect, list_item, make_worker, "shopify")
    p = argparse.ArgumentParser()
    p.add_argument("--shop", default="test")
    p.add_argument("--json", dest="json_first", action="store_true")
    order_commands.register(p.add_subparsers(dest="command"))
    args = p.parse_args(["orders", "ship-part", str(oid), "ATTA5:1", "--carrier", "Delhivery", "--tracking", "AWB1"])
    assert args.handler(args, data) == 0
    out = capsys.readouterr().out
    assert "Still to ship: ATTA5 × 2" in out and "next sync" in out
    args = p.parse_args(["orders", "cancel-rest", str(oid), "--reason", "customer agreed", "--json"])
    assert args.handler(args, data) == 0
    assert json.loads(capsys.readouterr().out)["queued"] >= 1
    with pytest.raises(InputError, match="CODE:UNITS"):
        args = p.parse_args(["orders", "ship-part", str(oid), "ATTA5"])
        args.handler(args, data)


def test_ship_part_from_the_orders_page_in_english_and_hindi(qapp, qtbot, session, ctx, sim, connect, list_item,
                                                              make_worker):
    """The Orders page's Ship part…: one unit now, then the rest cancelled with the customer's consent; no
    English left in Hindi. With ``TAVYONIX_SCREENSHOTS`` it saves ``orders-part-en.png`` and ``-hi.png``."""
    from PySide6.QtWidgets import QAbstractButton, QLabel

    from app import i18n
    from app.ui.app import setup_application
    from app.ui.pages.orders import OrdersPage

    from .screens import english_in, shot

    setup_application(qapp)
    oid = _order(ctx, sim, connect, list_item, make_worker, "shopify")

    def page() -> OrdersPage:
        made = OrdersPage(session)
        qtbot.addWidget(made)
        made.resize(1200, 560)
        made.show()
        made.refresh()
        made.tabs.setCurrentIndex(1)
        made.table.selectRow(0)
        return made

    try:
        shown = page()
        assert shown.part_button.isEnabled()
        shown.part_button.click()
        dialog = shown.dialog
        dialog.units["ATTA5"].setValue(1)
        dialog.carrier.setText("Delhivery")
        dialog.tracking.setText("AWB1")
        dialog.ship_button.click()
        assert "Still to ship: ATTA5 × 2" in dialog.message.text()
        assert orders.get(ctx.store.db(), oid).status == "packed" and dialog.units["ATTA5"].maximum() == 2
        shot(dialog, "orders-part-en.png")
        dialog.rest_button.click()
        assert "Nothing else waits" in dialog.message.text() and orders.get(ctx.store.db(), oid).status == "shipped"
        dialog.accept()
        i18n.set_language("hi")
        oid2 = sim.sim.place_order("shopify", "ATTA5", 2)
        assert oid2
        make_worker().drain(advance_clock=True)
        hindi = page()
        hindi.part_button.click()
        form = hindi.dialog
        words = [w.text() for w in form.findChildren(QAbstractButton)] + [
            w.text() for w in form.findChildren(QLabel) if w.objectName() != "part-message"] + [form.windowTitle()]
        assert english_in(words, allowed=("ATTA5", "AWB")) == []
        shot(form, "orders-part-hi.png")
    finally:
        i18n.set_language("en")


def test_a_part_is_booked_with_the_courier_on_its_own_once(ctx, sim, connect, list_item, make_worker, tmp_path):
    """Amazon: 1 of 3 units booked as its own parcel (shipment, AWB, label, pickup); the part ships with that AWB
    and Amazon hears it once; a booking whose label failed is booked again with the same shipment; the rest waits."""
    from app.services import shop
    from app.sync.courier import CourierClient, CourierError, book_part

    shop.update_shop(ctx, pincode="411038")
    oid = _order(ctx, sim, connect, list_item, make_worker, "amazon")
    client = CourierClient(sim.url, "seller@example.com", "courier-pass")
    with pytest.raises(InputError, match="that many"):  # checked before the courier is asked
        book_part(ctx, oid, {"ATTA5": 4000}, client, labels_dir=tmp_path, pin="110001")
    assert sim.courier.shipments == {}
    sim.sim.faults.add("drop", "courier.label", p=1.0, times=1)  # the label never comes the first time
    with pytest.raises(CourierError):
        book_part(ctx, oid, {"ATTA5": 1000}, client, labels_dir=tmp_path, pin="110001")
    assert order_parts.parts(ctx, oid) == []  # nothing recorded: the part still waits
    done = book_part(ctx, oid, {"ATTA5": 1000}, client, labels_dir=tmp_path, pin="110001")
    (shipment,) = sim.courier.shipments.values()  # the retry got the first shipment back
    assert shipment.order_id.endswith("-P1") and shipment.awb == done.awb and done.label.exists()
    db = ctx.store.db()
    (part,) = order_parts.parts(ctx, oid)
    assert (part.carrier, part.tracking) == (done.courier, done.awb) and part.lines == {1: 1000}
    assert order_parts.bookings(ctx, oid)[part.part_no].label_path == str(done.label)
    assert orders.get(db, oid).status == "packed" and order_parts.remaining(ctx, oid) == {"ATTA5": 2000}
    make_worker().drain(advance_clock=True)
    (theirs,) = sim.sim.orders["amazon"].values()
    assert theirs.status == "packed" and theirs.tracking == done.awb
    assert db.execute("SELECT count(*) FROM outbox WHERE op = 'order.ship_part'").fetchone()[0] == 1
    second = book_part(ctx, oid, {"ATTA5": 2000}, client, labels_dir=tmp_path, pin="110001")  # the rest, its own
    assert second.awb != done.awb and len(sim.courier.shipments) == 2
    assert orders.get(db, oid).status == "shipped"


def test_parts_booked_on_their_own_are_tracked_and_the_order_delivered_with_the_last(ctx, sim, connect, list_item,
                                                                                     make_worker, tmp_path):
    """Each part's parcel is tracked (the seller's Refresh, and the operations agent's run); the order is delivered
    when every part is."""
    from app.agents import fulfilment_cycle
    from app.services import shop
    from app.sync.courier import CourierClient, book_part, track

    shop.update_shop(ctx, pincode="411038")
    oid = _order(ctx, sim, connect, list_item, make_worker, "amazon")
    client = CourierClient(sim.url, "seller@example.com", "courier-pass")
    first = book_part(ctx, oid, {"ATTA5": 1000}, client, labels_dir=tmp_path, pin="110001")
    second = book_part(ctx, oid, {"ATTA5": 2000}, client, labels_dir=tmp_path, pin="110001")
    db = ctx.store.db()
    assert orders.get(db, oid).status == "shipped"
    sim.courier.move(first.awb, "DELIVERED")
    sim.courier.move(second.awb, "IN TRANSIT")
    assert track(ctx, oid, client) == "in_transit"  # the least advanced part
    assert orders.get(db, oid).status == "shipped"
    assert {n: b.status for n, b in order_parts.bookings(ctx, oid).items()} == {1: "delivered", 2: "in_transit"}
    stock = stock_store.on_hand(db, "ATTA5")
    sim.courier.move(second.awb, "DELIVERED")
    from app.services import couriers

    couriers.save_account(ctx, url=sim.url, email="seller@example.com", password="courier-pass")
    assert fulfilment_cycle.run(ctx).tracked == 1  # the agent reads the part still on its way
    assert orders.get(db, oid).status == "delivered" and stock_store.on_hand(db, "ATTA5") == stock
    assert order_parts.travelling(ctx) == []


def test_a_part_that_comes_back_gives_its_stock_back_when_received_once(ctx, sim, connect, list_item, make_worker,
                                                                        tmp_path, session, data, capsys):
    """Amazon, 3 units in two parts booked on their own: part 1 comes back (RTO). Tracking alone brings nothing
    back; received in the shop (`orders return ID --part 1`), its 1 unit comes back, once; the order's later return
    brings back only the 2 units of part 2."""
    import argparse

    from app.services import shop
    from app.sync.courier import CourierClient, book_part, track

    shop.update_shop(ctx, pincode="411038")
    oid = _order(ctx, sim, connect, list_item, make_worker, "amazon")
    client = CourierClient(sim.url, "seller@example.com", "courier-pass")
    first = book_part(ctx, oid, {"ATTA5": 1000}, client, labels_dir=tmp_path, pin="110001")
    book_part(ctx, oid, {"ATTA5": 2000}, client, labels_dir=tmp_path, pin="110001")
    db = ctx.store.db()
    stock = stock_store.on_hand(db, "ATTA5")
    with pytest.raises(InvalidState, match="only a parcel coming back"):
        order_parts.receive_part_return(ctx, oid, 1)  # still booked: nothing comes back
    sim.courier.move(first.awb, "RTO INITIATED")
    track(ctx, oid, client)
    assert stock_store.on_hand(db, "ATTA5") == stock  # on its way back: not stock yet
    from app.commands import orders as order_commands

    p = argparse.ArgumentParser()
    p.add_argument("--shop", default="test")
    p.add_argument("--json", dest="json_first", action="store_true")
    order_commands.register(p.add_subparsers(dest="command"))
    args = p.parse_args(["orders", "return", str(oid), "--part", "1"])
    assert args.handler(args, data) == 0
    assert "Part 1 of order" in capsys.readouterr().out
    assert stock_store.on_hand(db, "ATTA5") == stock + 1000
    assert order_parts.receive_part_return(ctx, oid, 1).events == ()  # a second time: nothing more
    assert stock_store.on_hand(db, "ATTA5") == stock + 1000
    import json

    from app.store import events as event_log
    from app.ui.fulfilment_words import fulfilment_sentence

    (seen,) = [json.loads(r.data_json) for r in event_log.recent(db, limit=200)
               if r.type == "FulfilmentUpdated" and json.loads(r.data_json)["status"] == "part_returned"]
    assert fulfilment_sentence(seen) == f"A part of order #{oid} came back to the shop; its stock is back (ATTA5 × 1)"
    with pytest.raises(InvalidState, match="not booked with the courier on its own"):
        order_parts.receive_part_return(ctx, oid, 3)
    order_flow.receive_return(ctx, oid)  # the rest of the order comes back: only part 2's units
    assert stock_store.on_hand(db, "ATTA5") == stock + 3000
    with pytest.raises(InvalidState, match="already received"):
        order_parts.receive_part_return(ctx, oid, 2)


def test_a_damaged_part_is_written_off_on_its_own_and_the_order_returned_with_its_last_part(
        ctx, sim, connect, list_item, make_worker, tmp_path, session, data, capsys):
    """Amazon, 3 units in two parts booked on their own, both come back (RTO). Part 1 is damaged: `orders return ID
    --part 1 --damaged WHAT` brings its 1 unit back and writes it off in one go (the shelf gains nothing; the ledger
    shows both), once; the rest of the order is untouched (still shipped). Part 2 received in good shape: its 2 units
    back, and — every part back — the order is returned, once, with nothing more brought back."""
    import argparse
    import json

    from app.commands import orders as order_commands
    from app.services import order_issues, shop
    from app.store import events as event_log
    from app.sync.courier import CourierClient, book_part, track
    from app.ui.fulfilment_words import fulfilment_sentence

    shop.update_shop(ctx, pincode="411038")
    oid = _order(ctx, sim, connect, list_item, make_worker, "amazon")
    client = CourierClient(sim.url, "seller@example.com", "courier-pass")
    first = book_part(ctx, oid, {"ATTA5": 1000}, client, labels_dir=tmp_path, pin="110001")
    second = book_part(ctx, oid, {"ATTA5": 2000}, client, labels_dir=tmp_path, pin="110001")
    db = ctx.store.db()
    stock = stock_store.on_hand(db, "ATTA5")
    with pytest.raises(InputError, match="what is damaged"):
        order_issues.receive_damaged_part(ctx, oid, 1, reason=" ")
    with pytest.raises(InvalidState, match="only a parcel coming back"):
        order_issues.receive_damaged_part(ctx, oid, 1, reason="crushed")  # still with the courier: nothing
    assert stock_store.on_hand(db, "ATTA5") == stock
    for booked in (first, second):
        sim.courier.move(booked.awb, "RTO DELIVERED")
    track(ctx, oid, client)
    p = argparse.ArgumentParser()
    p.add_argument("--shop", default="test")
    p.add_argument("--json", dest="json_first", action="store_true")
    order_commands.register(p.add_subparsers(dest="command"))
    args = p.parse_args(["orders", "return", str(oid), "--part", "1", "--damaged", "packet torn"])
    assert args.handler(args, data) == 0
    assert "Part 1 of order" in capsys.readouterr().out
    assert stock_store.on_hand(db, "ATTA5") == stock  # back and written off: nothing on the shelf
    moves = db.execute("SELECT reason, qty_milli FROM stock_move WHERE sku = 'ATTA5' ORDER BY id DESC LIMIT 2"
                       ).fetchall()
    assert sorted(moves) == sorted([("return", 1000), ("wastage", -1000)])
    assert order_parts.bookings(ctx, oid)[1].damage == "packet torn"
    assert orders.get(db, oid).status == "shipped"  # part 2 is still out
    with pytest.raises(InvalidState, match="already received"):
        order_issues.receive_damaged_part(ctx, oid, 1, reason="again")  # written off once
    assert order_parts.receive_part_return(ctx, oid, 1).events == ()
    assert stock_store.on_hand(db, "ATTA5") == stock
    (seen,) = [json.loads(r.data_json) for r in event_log.recent(db, limit=200)
               if r.type == "FulfilmentUpdated" and json.loads(r.data_json)["status"] == "part_return_damaged"]
    assert fulfilment_sentence(seen) == (f"A part of order #{oid} came back damaged and was written off "
                                         "(part 1: packet torn)")
    order_parts.receive_part_return(ctx, oid, 2)  # the last part back: the order is returned
    assert orders.get(db, oid).status == "returned"
    assert stock_store.on_hand(db, "ATTA5") == stock + 2000
    returned = [r for r in event_log.recent(db, limit=200) if r.type == "OrderStatusChanged"
                and json.loads(r.data_json)["new_status"] == "returned"]
    assert len(returned) == 1
    assert order_flow.receive_return(ctx, oid).events == ()  # nothing more comes back
    assert stock_store.on_hand(db, "ATTA5") == stock + 2000


def _sold(db, sku: str) -> tuple[int, int, int, int]:
    """(units, amount) of the item in the sales figures, and (bills, total) in the day's totals — every date."""
    from app.store import reports, sales_history

    qty, amount, _bills = sales_history.item_sales_total(db, sku, "2000-01-01", "2999-12-31")
    bills, total = reports.sales_between(db, "2000-01-01", "2999-12-31")
    return qty, amount, bills, total


def test_units_cancelled_after_a_part_shipped_are_not_counted_as_sold(ctx, sim, connect, list_item, make_worker):
    """Shopify: 3 ordered, 1 shipped, the rest cancelled (refundCreate): the sales figures count 1 unit and a third
    of the money, not 3 (before, the cancelled units stayed in every report). The bill's own figures are unchanged."""
    oid = _order(ctx, sim, connect, list_item, make_worker, "shopify")
    db = ctx.store.db()
    qty, amount, bills, total = _sold(db, "ATTA5")
    assert qty == 3000 and bills == 1
    order_parts.ship_part(ctx, oid, {"ATTA5": 1000}, carrier="Delhivery", tracking="AWB1")
    assert _sold(db, "ATTA5") == (qty, amount, bills, total)  # shipping a part sells nothing more or less
    order_parts.cancel_rest(ctx, oid)
    assert _sold(db, "ATTA5") == (1000, amount // 3, 1, total - total * 2 // 3)
    line = orders.get(db, oid).lines[0]
    assert line.qty_milli == 3000 and line.total_paise == amount  # the order as placed is kept


def test_amazon_units_cancelled_in_seller_central_are_read_back_once(ctx, sim, connect, list_item, make_worker):
    """Amazon takes no partial cancellation from TAVYONIX: the seller cancels the 2 units not shipped in Seller
    Central. The next pull reads it from the order (2 fewer ordered there): the units are cancelled here too, once —
    their stock back, the order shipped, the sales figures count the 1 unit sold — and nothing is sent back."""
    oid = _order(ctx, sim, connect, list_item, make_worker, "amazon")
    db = ctx.store.db()
    _qty, amount, _bills, total = _sold(db, "ATTA5")
    order_parts.ship_part(ctx, oid, {"ATTA5": 1000}, carrier="Delhivery", tracking="AWB1")
    make_worker().drain(advance_clock=True)
    stock = stock_store.on_hand(db, "ATTA5")
    (theirs,) = sim.sim.orders["amazon"].values()
    sent = db.execute("SELECT count(*) FROM outbox WHERE op LIKE 'order.%'").fetchone()[0]
    sim.sim.cancel_units("amazon", theirs.id, {str(theirs.lines[0]["line_id"]): 2})  # done in Seller Central
    make_worker().drain(advance_clock=True)
    assert orders.get(db, oid).status == "shipped" and order_parts.remaining(ctx, oid) == {}
    assert stock_store.on_hand(db, "ATTA5") == stock + 2000
    assert _sold(db, "ATTA5") == (1000, amount // 3, 1, total - total * 2 // 3)
    assert db.execute("SELECT count(*) FROM outbox WHERE op LIKE 'order.%'").fetchone()[0] == sent  # nothing back
    make_worker().drain(advance_clock=True)  # read again (and the same order once more): nothing more comes back
    assert order_parts.read_channel_cancellation(ctx, oid, {theirs.lines[0]["line_id"]: 1000}).events == ()
    assert stock_store.on_hand(db, "ATTA5") == stock + 2000 and orders.get(db, oid).status == "shipped"
    assert [p.kind for p in order_parts.parts(ctx, oid)] == ["shipped", "cancelled"]


def test_the_board_names_an_orders_items_as_the_seller_knows_them(ctx, sim, connect, list_item, make_worker):
    """A marketplace order line carries a sku; the Orders page and `orders list` show the item's name (its Hindi
    name when the window reads Hindi), not the code."""
    from app import i18n

    _order(ctx, sim, connect, list_item, make_worker, "amazon", qty=2)
    (row,) = order_flow.board(ctx)
    assert row.items == "Aashirvaad Atta 5 kg × 2"
    with ctx.store.write() as db:
        db.execute("UPDATE product SET name_hi = ? WHERE sku = 'ATTA5'", ("आशीर्वाद आटा 5 कि.ग्रा.",))
    i18n.set_language("hi")
    try:
        (row,) = order_flow.board(ctx)
        assert row.items == "आशीर्वाद आटा 5 कि.ग्रा. × 2"
    finally:
        i18n.set_language("en")
