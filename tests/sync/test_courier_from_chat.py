"""A courier booked from the chat (issue 15, app/assistant/fulfilment.py) through the courier desk of issue 17,
against the aggregator's simulator on 127.0.0.1: the cheapest carrier is quoted with its price, nothing is booked
before the seller's yes (whatever the assistant's autonomy), the yes books exactly once, and never at a price
above the one the seller said yes to."""

from __future__ import annotations

from app import config
from app.assistant import Assistant
from app.services import couriers, shipments
from app.services import settings as settings_service
from app.store import orders
from app.wiring import LazyEngine

from .test_operations_cycle import amazon_order, courier_ready  # noqa: F401 (fixtures)


def _ask(ctx, order_id: int) -> tuple[Assistant, str]:
    assistant = Assistant(ctx, LazyEngine(ctx))
    remote = orders.get(ctx.store.db(), order_id).remote_id
    return assistant, remote


def test_the_cheapest_courier_is_quoted_and_booked_once_on_yes(ctx, sim, amazon_order):  # noqa: F811
    settings_service.set_setting(ctx, config.ASSISTANT_AUTONOMY.key, "within_limits")
    settings_service.set_setting(ctx, config.AGENT_LIMITS_CHOSEN.key, True)
    assistant, remote = _ask(ctx, amazon_order)
    cheapest = min(couriers.rates(ctx, amazon_order), key=lambda r: (r.cost_paise, r.days))
    reply = assistant.ask(f"{remote} ke liye courier book karo")
    assert reply.intent == "order_action" and reply.slots == {"order_id": remote, "step": "book"}, (remote, reply)
    assert cheapest.name in reply.text and f"₹{cheapest.cost_paise // 100}" in reply.text
    assert sim.courier.shipments == {} and shipments.shipment(ctx, amazon_order) is None  # asked, nothing booked
    done = assistant.ask("haan")
    booked = shipments.shipment(ctx, amazon_order)
    assert booked is not None and booked.courier == cheapest.name and booked.awb in done.text
    assert orders.get(ctx.store.db(), amazon_order).status == "shipped" and len(sim.courier.shipments) == 1
    assistant.ask("haan")  # a second yes books nothing more
    assert len(sim.courier.shipments) == 1


def test_a_price_that_rose_after_the_quote_is_not_booked(ctx, sim, amazon_order):  # noqa: F811
    assistant, remote = _ask(ctx, amazon_order)
    reply = assistant.ask(f"book a courier for order {remote}")
    assert "Xpressbees Surface" in reply.text
    sim.courier.carriers[24] = ("Xpressbees Surface", 90.0, 60.0, 120)  # the aggregator's price goes up
    done = assistant.ask("yes")
    assert "price changed" in done.text and sim.courier.shipments == {}
    assert shipments.shipment(ctx, amazon_order) is None
