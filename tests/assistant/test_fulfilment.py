"""Packing, delivered-and-paid and a delivery paid by UPI from the chat (app/assistant/fulfilment.py): each is
offered first, done only after the seller's yes, exactly once (a second yes or press changes nothing), through
the deliveries service the Orders page uses. The real services, the real evaluation shop. (Courier booking is in
tests/sync/test_courier_from_chat.py, against the aggregator's simulator.)"""

from __future__ import annotations

from app import config
from app.services import khata
from app.services import settings as shop_settings

from .test_noise_property import digest
from .test_order_actions import confirm_button, events, status


def _delivery(shop, text: str = "ramesh ko 2 maggi ghar bhejo") -> int:
    ramesh = shop.scalar("SELECT id FROM customer WHERE name = 'Ramesh Kumar'")
    khata.update_customer(shop.ctx, ramesh, address="14 Gandhi Nagar, Pune")
    shop.assistant.press(confirm_button(shop.assistant.ask(text, conversation="take")), conversation="take")
    return shop.scalar("SELECT max(id) FROM orders WHERE channel = 'delivery'")


def _payments(shop, order_id: int) -> list[tuple[str, int]]:
    return shop.store.db().execute("SELECT method, amount_paise FROM payment WHERE order_id = ? ORDER BY id",
                                   (order_id,)).fetchall()


def test_an_order_is_packed_once_after_yes(shop):
    order_id = _delivery(shop)
    before = digest(shop)
    reply = shop.assistant.ask(f"order {order_id} pack kar do")
    assert reply.intent == "order_action" and reply.slots == {"order_id": str(order_id), "step": "pack"}
    assert status(shop, order_id) == "pending" and digest(shop) == before  # asked, nothing done
    done = shop.assistant.ask("haan")
    assert "pack" in done.text.lower() and status(shop, order_id) == "packed"
    after = digest(shop)
    assert events(shop, "OrderStatusChanged") >= 1
    shop.assistant.ask("haan")  # a second yes answers nothing
    assert digest(shop) == after
    again = shop.assistant.ask(f"pack order {order_id}")  # packed already: said, not offered
    assert not any(b.kind == "confirm" for b in again.buttons) and digest(shop) == after


def test_delivered_and_paid_by_upi_records_one_payment_and_completes_the_sale(shop):
    order_id = _delivery(shop)
    total = shop.scalar("SELECT total_paise FROM orders WHERE id = ?", (order_id,))
    before = digest(shop)
    reply = shop.assistant.ask(f"order {order_id} deliver ho gaya, UPI se paisa aaya")
    assert reply.slots == {"order_id": str(order_id), "step": "deliver", "payment": "upi"}
    assert "UPI" in reply.text and digest(shop) == before
    button = confirm_button(reply)
    shop.assistant.press(button)
    assert status(shop, order_id) == "delivered"
    assert _payments(shop, order_id) == [("upi", total)]
    after = digest(shop)
    shop.assistant.press(button)  # a second press: no second payment
    assert _payments(shop, order_id) == [("upi", total)] and digest(shop) == after


def test_paid_at_the_door_said_by_the_customers_name_in_hinglish_and_in_cash_in_hindi(shop):
    order_id = _delivery(shop)
    total = shop.scalar("SELECT total_paise FROM orders WHERE id = ?", (order_id,))
    before = digest(shop)
    reply = shop.assistant.ask("Ramesh ne UPI se diya")
    assert reply.intent == "order_action" and reply.slots == {"step": "deliver", "customer": "Ramesh Kumar",
                                                               "payment": "upi"}
    assert f"#{order_id}" in reply.text and digest(shop) == before
    assert reply.lang == "hinglish"
    shop.assistant.ask("haan")
    assert status(shop, order_id) == "delivered" and _payments(shop, order_id) == [("upi", total)]
    # with an amount it is a khata payment, never a delivery
    assert shop.assistant.ask("ramesh ne upi se 200 diye", conversation="khata").intent == "khata_payment"
    # a customer with no order on its way is told so, and nothing is offered
    sunita = shop.assistant.ask("sunita ne cash diya", conversation="none")
    assert not sunita.buttons and "koi delivery order raste me nahi" in sunita.text
    second = _delivery(shop, "ramesh ko 1 parle g ghar bhejo")
    third = _delivery(shop, "ramesh ko 1 coke ghar bhejo")
    which = shop.assistant.ask("ramesh ne cash diya", conversation="two")  # two on their way: which one?
    assert not which.buttons and f"#{second}" in which.text and f"#{third}" in which.text
    hindi = shop.assistant.ask(f"ऑर्डर {second} पहुँच गया, नकद मिला", conversation="hi")
    assert hindi.slots["payment"] == "cash" and hindi.lang == "hi"
    shop.assistant.ask("हाँ", conversation="hi")
    assert status(shop, second) == "delivered" and _payments(shop, second)[0][0] == "cash"


def test_a_delivery_paid_by_upi_is_taken_with_upi_as_its_way_to_pay(shop):
    before = digest(shop)
    ramesh = shop.scalar("SELECT id FROM customer WHERE name = 'Ramesh Kumar'")
    khata.update_customer(shop.ctx, ramesh, address="14 Gandhi Nagar, Pune")
    before = digest(shop)
    reply = shop.assistant.ask("Ramesh ko 1 atta ghar bhejo, UPI se dega")
    assert reply.slots["payment"] == "upi" and "UPI se" in reply.text
    assert digest(shop) == before
    shop.assistant.ask("haan")
    order_id = shop.scalar("SELECT max(id) FROM orders WHERE channel = 'delivery'")
    assert shop.scalar("SELECT pay_by FROM delivery_order WHERE order_id = ?", (order_id,)) == "upi"
    # delivered later without a word about the payment: taken the way the customer said they would pay
    shop.assistant.ask(f"order {order_id} delivered")
    shop.assistant.ask("yes")
    assert _payments(shop, order_id)[0][0] == "upi"


def test_these_steps_are_never_done_alone_whatever_the_autonomy(shop):
    shop_settings.set_setting(shop.ctx, config.ASSISTANT_AUTONOMY.key, "within_limits")
    order_id = _delivery(shop)
    before = digest(shop)
    for text in [f"order {order_id} pack kar do", f"order {order_id} delivered, paid cash", "Ramesh ne cash diya"]:
        reply = shop.assistant.ask(text, conversation=text)
        assert any(b.kind == "confirm" for b in reply.buttons), text
    assert digest(shop) == before
    # a marketplace order is packed from the chat too, but only on the seller's yes; its courier reports delivery
    reply = shop.assistant.ask("AMZ-40211 pack kar do", conversation="amz")
    assert any(b.kind == "confirm" for b in reply.buttons) and digest(shop) == before
    reply = shop.assistant.ask("AMZ-40211 delivered, paid cash", conversation="amz-deliver")
    assert not reply.buttons and digest(shop) == before


def test_a_marketplace_order_is_packed_once_after_yes_in_each_language(shop):
    """Sixth session: "pack order 123" / "order 123 pack karo" / "ऑर्डर 123 पैक करो" for a marketplace order, through
    the services the Orders page's steps use (accepted at the marketplace first when new, then packed)."""
    order_id = shop.built.amazon_order_id
    before = digest(shop)
    for text, lang in ((f"pack order {order_id}", "en"), ("AMZ-40211 pack karo", "hinglish"),
                       ("ऑर्डर AMZ-40211 पैक करो", "hi")):
        reply = shop.assistant.ask(text, conversation=lang)
        assert reply.intent == "order_action" and reply.slots["step"] == "pack", text
        assert reply.lang == lang and "AMZ-40211" in reply.text and any(b.kind == "confirm" for b in reply.buttons)
        shop.assistant.ask("nahi" if lang == "hinglish" else "no", conversation=lang)
    assert status(shop, order_id) == "pending" and digest(shop) == before  # asked three times, refused: nothing
    reply = shop.assistant.ask("order AMZ-40211 pack kar do")
    done = shop.assistant.ask("haan")
    assert "pack" in done.text.lower() and status(shop, order_id) == "packed"
    after = digest(shop)
    assert events(shop, "OrderStatusChanged") >= 2  # accepted, then packed
    shop.assistant.ask("haan")  # a second yes answers nothing
    shop.assistant.press(confirm_button(reply))  # nor does the old button
    assert digest(shop) == after
    again = shop.assistant.ask("pack AMZ-40211")  # packed already: said, not offered
    assert not any(b.kind == "confirm" for b in again.buttons) and digest(shop) == after
