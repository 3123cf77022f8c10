"""A parcel come back, another courier, a part shipped, from the chat (app/assistant/parcels.py): each read by
rule, offered first, done only after the seller's yes and once, through the services the Orders page uses. The
real services, the real evaluation shop. (Another courier and a part shipment against the simulator are in
tests/sync/test_parcels_from_chat.py.)"""

from __future__ import annotations

from app.assistant.understand import understand
from app.services import order_flow
from app.store import stock as stock_store

from .test_noise_property import digest
from .test_order_actions import confirm_button, status


def _shipped_amazon_order(shop) -> int:
    order_id = shop.scalar("SELECT id FROM orders WHERE remote_id = 'AMZ-40211'")
    order_flow.accept_order(shop.ctx, order_id)
    order_flow.ship_order(shop.ctx, order_id, carrier="Delhivery", tracking="AWB777")
    return order_id


def test_the_three_steps_are_read_in_english_hinglish_and_hindi(shop):
    index = shop.assistant.index.ensure()
    read = {text: (found.intent, found.slots) for text in (
        "mark AMZ-40211 as returned", "order 18 ka return mil gaya", "ऑर्डर 9 वापस आ गया",
        "rebook the courier for order 16", "order 7 ka courier badlo, pickup nahi hua",
        "change the courier of order 5 to blue dart", "ऑर्डर 16 के लिए दूसरा कूरियर बुक करो",
        "ship only 2 maggi of order 12 now", "order 12 me se abhi 3 parle g bhej do, baki baad me")
        for found in [understand(text, index)]}
    assert read["mark AMZ-40211 as returned"] == ("order_action", {"step": "return", "order_id": "AMZ-40211"})
    assert read["order 18 ka return mil gaya"] == ("order_action", {"step": "return", "order_id": "18"})
    assert read["ऑर्डर 9 वापस आ गया"] == ("order_action", {"step": "return", "order_id": "9"})
    assert read["rebook the courier for order 16"] == ("order_action", {"step": "rebook", "order_id": "16"})
    assert read["order 7 ka courier badlo, pickup nahi hua"] == ("order_action", {"step": "rebook", "order_id": "7"})
    assert read["change the courier of order 5 to blue dart"] == (
        "order_action", {"step": "rebook", "order_id": "5", "carrier": "Blue Dart"})
    assert read["ऑर्डर 16 के लिए दूसरा कूरियर बुक करो"] == ("order_action", {"step": "rebook", "order_id": "16"})
    assert read["ship only 2 maggi of order 12 now"] == (
        "order_action", {"step": "ship_part", "order_id": "12", "lines": [{"product": "MAGGI70", "quantity": "2"}]})
    assert read["order 12 me se abhi 3 parle g bhej do, baki baad me"] == (
        "order_action", {"step": "ship_part", "order_id": "12", "lines": [{"product": "PARLEG", "quantity": "3"}]})
    # a question stays a question; "gaya" and "diya" alone are no steps ("bhej diya" ships by its "bhej")
    assert understand("has the return for order 9 reached us", index).intent == "order_status"
    assert understand("send a message to ramesh about order 12", index).intent != "order_action"


def test_a_return_is_received_once_after_yes_and_its_stock_comes_back(shop):
    order_id = _shipped_amazon_order(shop)
    db = shop.store.db()
    on_hand = stock_store.on_hand(db, "MAGGI70")
    before = digest(shop)
    reply = shop.assistant.ask("AMZ-40211 wapas aa gaya")
    assert reply.intent == "order_action" and reply.slots == {"step": "return", "order_id": "AMZ-40211"}
    assert "2" in reply.text and digest(shop) == before  # offered, nothing done
    shop.assistant.press(confirm_button(reply))
    assert status(shop, order_id) == "returned" and stock_store.on_hand(db, "MAGGI70") == on_hand + 2000
    after = digest(shop)
    shop.assistant.ask("haan")  # a second yes answers nothing
    again = shop.assistant.ask("mark AMZ-40211 as returned", conversation="later")  # said, not offered
    assert "already" in again.text and not any(b.kind == "confirm" for b in again.buttons)
    assert digest(shop) == after and stock_store.on_hand(db, "MAGGI70") == on_hand + 2000


def test_a_return_of_an_order_not_shipped_and_a_part_of_an_absurd_size_change_nothing(shop):
    before = digest(shop)
    pending = shop.assistant.ask("mark AMZ-40211 as returned")  # not shipped yet
    assert "only a shipped order" in pending.text and not pending.buttons
    absurd = shop.assistant.ask("ship only 999999 maggi of AMZ-40211 now")
    assert "does not look right" in absurd.text and not absurd.buttons
    shop.assistant.ask("yes")
    # the evaluation shop has no marketplace connection: a part is refused in words, never offered
    part = shop.assistant.ask("ship only 1 maggi of AMZ-40211 now, delhivery awb 1234")
    assert "takes no shipment in parts" in part.text and not part.buttons
    rebook = shop.assistant.ask("AMZ-40211 ka courier badlo")  # nothing booked to change
    assert "courier book nahi" in rebook.text and not rebook.buttons  # answered in Hinglish, as asked
    assert digest(shop) == before


def test_the_rest_and_a_booking_cancelled_are_read_apart_from_the_order_cancelled(shop):
    index = shop.assistant.index.ensure()
    for text, step, order in (
            ("cancel the rest of order 12", "cancel_rest", "12"),
            ("order 12 ka baaki cancel kar do", "cancel_rest", "12"),
            ("ऑर्डर 12 का बाकी रद्द करो", "cancel_rest", "12"),
            ("cancel the courier booking of order 16", "cancel_booking", "16"),
            ("order 16 ki booking cancel karo", "cancel_booking", "16"),
            ("AMZ-40211 ka courier cancel karo", "cancel_booking", "AMZ-40211"),
            ("ऑर्डर 16 की कूरियर बुकिंग रद्द करो", "cancel_booking", "16"),
            ("cancel order 12", "cancel", "12"), ("order 12 cancel karo", "cancel", "12"),
            ("rebook the courier for order 16", "rebook", "16"), ("book a courier for order 16", "book", "16")):
        found = understand(text, index)
        assert (found.intent, found.slots) == ("order_action", {"step": step, "order_id": order}), text
    assert understand("don't cancel the rest of order 12", index).intent != "order_action"


def test_the_rest_of_an_order_not_shipped_in_parts_and_a_booking_never_made_change_nothing(shop):
    before = digest(shop)
    rest = shop.assistant.ask("cancel the rest of AMZ-40211")  # nothing of it has shipped
    assert "cancel the whole order instead" in rest.text and not rest.buttons
    booking = shop.assistant.ask("AMZ-40211 ki booking cancel karo")
    assert "koi courier book nahi" in booking.text and not booking.buttons  # answered in Hinglish, as asked
    hindi = shop.assistant.ask("ऑर्डर AMZ-40211 की कूरियर बुकिंग रद्द करो")
    assert hindi.slots["step"] == "cancel_booking" and "कूरियर बुक नहीं" in hindi.text and not hindi.buttons
    shop.assistant.ask("haan")
    assert digest(shop) == before


def test_a_damaged_return_is_written_off_once_with_the_reason_after_yes(shop):
    order_id = _shipped_amazon_order(shop)
    db = shop.store.db()
    on_hand = stock_store.on_hand(db, "MAGGI70")
    index = shop.assistant.index.ensure()
    for text in ("AMZ-40211 came back damaged", "AMZ-40211 wapas aaya, packet phate hue",
                 "ऑर्डर AMZ-40211 वापस आया, पैकेट फटे हुए"):
        found = understand(text, index)
        assert found.slots == {"step": "return", "order_id": "AMZ-40211", "damaged": text}, text
    hindi = shop.assistant.ask("ऑर्डर AMZ-40211 वापस आया, पैकेट फटे हुए", conversation="hi")
    assert "बर्बादी" in hindi.text and "पैकेट फटे हुए" in hindi.text  # offered in Hindi, with the reason
    before = digest(shop)
    wasted_before = shop.scalar("SELECT count(*) FROM stock_move WHERE sku = 'MAGGI70' AND reason = 'wastage'")
    reply = shop.assistant.ask("AMZ-40211 wapas aaya, packet phate hue")
    assert "phate hue" in reply.text and "barbaadi" in reply.text and digest(shop) == before  # offered only
    shop.assistant.press(confirm_button(reply))
    assert status(shop, order_id) == "returned"
    assert stock_store.on_hand(db, "MAGGI70") == on_hand  # back once, written off at once
    wasted = "SELECT count(*) FROM stock_move WHERE sku = 'MAGGI70' AND reason = 'wastage'"
    written_off = shop.scalar(wasted)
    assert written_off == wasted_before + 1 and shop.scalar(
        "SELECT count(*) FROM event WHERE data_json LIKE '%return_damaged%' AND data_json LIKE '%phate hue%'") == 1
    shop.assistant.press(confirm_button(reply))  # pressed twice: written off once
    again = shop.assistant.ask("AMZ-40211 came back damaged", conversation="later")
    assert "already" in again.text and not any(b.kind == "confirm" for b in again.buttons)
    assert stock_store.on_hand(db, "MAGGI70") == on_hand and shop.scalar(wasted) == written_off
