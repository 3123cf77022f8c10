"""Another courier and a part shipment from the chat (issue 15, app/assistant/parcels.py) against the simulator
on 127.0.0.1: the other carrier is quoted with its price, nothing is cancelled or booked before the seller's yes,
the yes leaves exactly one live booking (the new one); a part ships only the units said, with its courier and
AWB, and the rest waits."""

from __future__ import annotations

from app import config
from app.assistant import Assistant
from app.services import couriers, order_flow, order_parts, shipments
from app.services import settings as settings_service
from app.store import orders
from app.store import stock as stock_store
from app.wiring import LazyEngine

from .test_operations_cycle import amazon_order, courier_ready  # noqa: F401 (fixtures)


def _assistant(ctx) -> Assistant:
    settings_service.set_setting(ctx, config.ASSISTANT_AUTONOMY.key, "within_limits")  # still asks for these
    settings_service.set_setting(ctx, config.AGENT_LIMITS_CHOSEN.key, True)
    return Assistant(ctx, LazyEngine(ctx))


def _live(sim) -> list:
    return [s for s in sim.courier.shipments.values() if s.status != "CANCELED"]


def _three_atta_ordered(ctx, sim, connect, list_item, make_worker, market: str) -> int:
    """Atta listed on ``market``, an order of 3 placed there and pulled in: the shop's order id."""
    code = connect(market)
    list_item("ATTA5", code, market, stock_milli=10_000, name_en="Aashirvaad Atta 5 kg")
    make_worker().drain(advance_clock=True)
    sim.sim.place_order(market, "ATTA5", 3)
    make_worker().drain(advance_clock=True)
    (row,) = order_flow.board(ctx)
    return row.order_id


def test_another_courier_is_quoted_then_booked_in_place_of_the_first_on_yes(ctx, sim, amazon_order):  # noqa: F811
    assistant = _assistant(ctx)
    remote = orders.get(ctx.store.db(), amazon_order).remote_id
    first = couriers.book(ctx, amazon_order)
    reply = assistant.ask(f"order {amazon_order} ka courier badlo, pickup nahi hua")
    assert reply.intent == "order_action" and reply.slots == {"step": "rebook", "order_id": str(amazon_order)}
    others = sorted((r for r in couriers.rates(ctx, amazon_order) if r.name != first.courier),
                    key=lambda r: (r.cost_paise, r.days))
    assert others[0].name in reply.text and first.awb in reply.text
    assert shipments.shipment(ctx, amazon_order).awb == first.awb and len(_live(sim)) == 1  # asked, nothing done
    done = assistant.ask("haan")
    now = shipments.shipment(ctx, amazon_order)
    assert now is not None and now.awb != first.awb and now.courier == others[0].name and now.awb in done.text
    assert [c.awb for c in shipments.cancelled(ctx, amazon_order)] == [first.awb]
    assert len(_live(sim)) == 1
    assistant.ask("haan")  # a second yes books nothing more
    assert len(_live(sim)) == 1 and shipments.shipment(ctx, amazon_order).awb == now.awb
    named = assistant.ask(f"change the courier of {remote} to blue dart")
    assert "Blue Dart" in named.text and shipments.shipment(ctx, amazon_order).awb == now.awb


def test_a_part_of_an_order_ships_on_yes_and_the_rest_waits(ctx, sim, connect, list_item, make_worker):
    order_id = _three_atta_ordered(ctx, sim, connect, list_item, make_worker, "amazon")
    assistant = _assistant(ctx)
    asked = assistant.ask(f"order {order_id} me se abhi 1 atta bhej do, baki baad me")
    assert asked.slots["step"] == "ship_part" and "AWB" in asked.text and not asked.buttons  # which courier?
    reply = assistant.ask(f"ship only 1 atta of order {order_id} now, delhivery awb 55001")
    assert reply.slots == {"step": "ship_part", "order_id": str(order_id), "carrier": "Delhivery",
                           "tracking": "55001", "lines": [{"product": "ATTA5", "quantity": "1"}]}
    assert order_parts.remaining(ctx, order_id) == {"ATTA5": 3000}  # offered, nothing shipped
    too_many = assistant.ask(f"ship only 5 atta of order {order_id} now, delhivery awb 55002", conversation="b")
    assert "waits for 3" in too_many.text and not too_many.buttons
    assistant.ask("yes")
    assert order_parts.remaining(ctx, order_id) == {"ATTA5": 2000}
    assert orders.get(ctx.store.db(), order_id).status == "packed"  # partly shipped
    assistant.ask("yes")  # a second yes ships nothing more
    assert order_parts.remaining(ctx, order_id) == {"ATTA5": 2000} and len(order_parts.parts(ctx, order_id)) == 1


def test_the_rest_of_a_part_shipped_order_is_cancelled_on_yes_once(ctx, sim, connect, list_item, make_worker):
    """Shopify takes a cancellation of the units not shipped: offered with the units, done on yes, once; Amazon
    takes none and is refused in words."""
    order_id = _three_atta_ordered(ctx, sim, connect, list_item, make_worker, "shopify")
    db = ctx.store.db()
    assistant = _assistant(ctx)
    early = assistant.ask(f"order {order_id} ka baaki cancel kar do")  # nothing shipped yet: the whole order
    assert early.slots["step"] == "cancel_rest" and "poora order cancel karo" in early.text  # in Hinglish, as asked
    assert not any(b.kind == "confirm" for b in early.buttons) and order_parts.remaining(ctx, order_id) == {
        "ATTA5": 3000}
    order_parts.ship_part(ctx, order_id, {"ATTA5": 1000}, carrier="Delhivery", tracking="AWB1")
    stock = stock_store.on_hand(db, "ATTA5")
    reply = assistant.ask(f"cancel the rest of order {order_id}", conversation="rest")
    assert reply.slots == {"step": "cancel_rest", "order_id": str(order_id)}
    assert "× 2" in reply.text and any(b.kind == "confirm" for b in reply.buttons)
    assert order_parts.remaining(ctx, order_id) == {"ATTA5": 2000} and stock_store.on_hand(db, "ATTA5") == stock
    done = assistant.ask("yes", conversation="rest")
    assert "cancelled" in done.text
    assert order_parts.remaining(ctx, order_id) == {} and orders.get(db, order_id).status == "shipped"
    assert stock_store.on_hand(db, "ATTA5") == stock + 2000
    assistant.ask("yes", conversation="rest")  # a second yes cancels nothing more
    again = assistant.ask(f"ऑर्डर {order_id} का बाकी रद्द करो", conversation="later")
    assert not any(b.kind == "confirm" for b in again.buttons)
    assert stock_store.on_hand(db, "ATTA5") == stock + 2000
    assert [p.kind for p in order_parts.parts(ctx, order_id)] == ["shipped", "cancelled"]


def test_a_booking_is_cancelled_on_yes_and_none_booked_in_its_place(ctx, sim, amazon_order):  # noqa: F811
    assistant = _assistant(ctx)
    none_yet = assistant.ask(f"order {amazon_order} ki booking cancel karo")
    assert none_yet.slots["step"] == "cancel_booking" and "koi courier book nahi" in none_yet.text
    assert not none_yet.buttons
    first = couriers.book(ctx, amazon_order)
    status_before = orders.get(ctx.store.db(), amazon_order).status
    reply = assistant.ask(f"cancel the courier booking of order {amazon_order}", conversation="c")
    assert reply.slots == {"step": "cancel_booking", "order_id": str(amazon_order)}
    assert first.awb in reply.text and first.courier in reply.text
    assert shipments.shipment(ctx, amazon_order).awb == first.awb and len(_live(sim)) == 1  # asked, nothing done
    done = assistant.ask("haan", conversation="c")
    assert first.awb in done.text and shipments.shipment(ctx, amazon_order) is None
    assert [c.awb for c in shipments.cancelled(ctx, amazon_order)] == [first.awb] and _live(sim) == []
    assert orders.get(ctx.store.db(), amazon_order).status == status_before  # the order stays; nothing rebooked
    assistant.ask("haan", conversation="c")  # a second yes cancels and books nothing
    assert _live(sim) == [] and len(shipments.cancelled(ctx, amazon_order)) == 1


def test_amazon_takes_no_cancellation_of_the_rest_from_the_chat(ctx, sim, connect, list_item, make_worker):
    order_id = _three_atta_ordered(ctx, sim, connect, list_item, make_worker, "amazon")
    order_parts.ship_part(ctx, order_id, {"ATTA5": 1000}, carrier="Delhivery", tracking="AWB1")
    reply = _assistant(ctx).ask(f"cancel the rest of order {order_id}")
    assert "seller portal" in reply.text and not reply.buttons
    assert order_parts.remaining(ctx, order_id) == {"ATTA5": 2000}
