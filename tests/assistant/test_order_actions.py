"""Orders and campaigns from the chat: a step of a marketplace or delivery order, a new home delivery, a message
campaign. Each is offered first and changes the shop exactly once, only after the seller's confirmation; a
second press, a "no" or silence changes nothing. The real services, the real evaluation shop."""

from __future__ import annotations

from app import config
from app.services import consent, khata
from app.services import settings as shop_settings
from app.services.autonomy import choose_limits

from .test_noise_property import digest


def confirm_button(reply) -> str:
    ids = [b.id for b in reply.buttons if b.kind == "confirm"]
    assert len(ids) == 1, (reply.text, reply.buttons)
    return ids[0]


def events(shop, kind: str) -> int:
    return shop.scalar("SELECT count(*) FROM event WHERE type = ?", (kind,))


def status(shop, order_id: int) -> str:
    return shop.scalar("SELECT status FROM orders WHERE id = ?", (order_id,))


def test_a_marketplace_order_is_accepted_once_and_only_after_yes(shop):
    order_id = shop.built.amazon_order_id
    before = digest(shop)
    reply = shop.assistant.ask("AMZ-40211 accept karo")
    assert reply.intent == "order_action" and reply.slots == {"order_id": "AMZ-40211", "step": "accept"}
    button = confirm_button(reply)
    assert "AMZ-40211" in reply.text and digest(shop) == before  # offered, nothing done
    done = shop.assistant.press(button)
    assert "accept" in done.text.lower() and status(shop, order_id) == "accepted"
    after = digest(shop)
    assert "Ho gaya" not in shop.assistant.press(button).text  # a second press changes nothing
    assert digest(shop) == after


def test_shipping_needs_courier_and_awb_then_ships_once(shop):
    order_id = shop.built.amazon_order_id
    before = digest(shop)
    asked = shop.assistant.ask(f"ship order {order_id}")
    assert asked.intent == "order_action" and not [b for b in asked.buttons if b.kind == "confirm"]
    assert "AWB" in asked.text and digest(shop) == before
    reply = shop.assistant.ask(f"order {order_id} ship karo, Delhivery, AWB 123")
    assert reply.slots == {"order_id": str(order_id), "step": "ship", "carrier": "Delhivery", "tracking": "123"}
    assert "Delhivery" in reply.text and digest(shop) == before
    changes = events(shop, "OrderStatusChanged")
    shop.assistant.ask("haan")  # yes to the question just asked
    assert status(shop, order_id) == "shipped"
    assert events(shop, "OrderStatusChanged") == changes + 2  # accepted on the way, then shipped
    assert "cannot" in shop.assistant.ask(f"cancel order {order_id}").text  # shipped: no cancel offered


def test_cancel_is_refused_by_no_and_done_by_yes(shop):
    order_id = shop.built.amazon_order_id
    before = digest(shop)
    shop.assistant.ask("cancel the amazon order AMZ-40211")
    assert "nothing" in shop.assistant.ask("no").text.lower()
    assert digest(shop) == before and status(shop, order_id) == "pending"
    reply = shop.assistant.ask("ऑर्डर AMZ-40211 रद्द करो")
    assert reply.lang == "hi" and reply.intent == "order_action"
    shop.assistant.press(confirm_button(reply))
    assert status(shop, order_id) == "cancelled"


def test_questions_about_orders_stay_questions(shop):
    before = digest(shop)
    for text in ("has order AMZ-40211 shipped yet", "order 12 ka kya status hai", "where is order 12"):
        reply = shop.assistant.ask(text)
        assert reply.intent == "order_status", text
        assert not [b for b in reply.buttons if b.kind == "confirm"]
    assert digest(shop) == before


def test_a_home_delivery_is_taken_once_after_yes(shop):
    ramesh = shop.scalar("SELECT id FROM customer WHERE name = 'Ramesh Kumar'")
    khata.update_customer(shop.ctx, ramesh, address="14 Gandhi Nagar, Pune")
    maggi = shop.scalar("SELECT COALESCE(SUM(qty_milli), 0) FROM stock_move WHERE sku = 'MAGGI70'")
    before = digest(shop)
    reply = shop.assistant.ask("Ramesh ko 2 packet maggi aur 1 atta ghar bhejo")
    assert reply.intent == "home_delivery"
    assert reply.slots == {"customer": "Ramesh Kumar", "lines": [{"product": "MAGGI70", "quantity": "2 pack"},
                                                                 {"product": "ATTA5", "quantity": "1"}]}
    assert "Gandhi Nagar" in reply.text and digest(shop) == before
    orders = shop.scalar("SELECT count(*) FROM orders WHERE channel = 'delivery'")
    button = confirm_button(reply)
    done = shop.assistant.press(button)
    assert "#" in done.text
    assert shop.scalar("SELECT count(*) FROM orders WHERE channel = 'delivery'") == orders + 1
    new_id = shop.scalar("SELECT max(id) FROM orders WHERE channel = 'delivery'")
    assert shop.scalar("SELECT count(*) FROM order_line WHERE order_id = ?", (new_id,)) == 2
    assert shop.scalar("SELECT COALESCE(SUM(qty_milli), 0) FROM stock_move WHERE sku = 'MAGGI70'") == maggi - 2000
    shop.assistant.press(button)
    assert shop.scalar("SELECT count(*) FROM orders WHERE channel = 'delivery'") == orders + 1
    # the delivery order's own steps from the chat: cancelled once, its stock back
    reply = shop.assistant.ask(f"order {new_id} cancel kar do")
    shop.assistant.press(confirm_button(reply))
    assert status(shop, new_id) == "cancelled"
    assert shop.scalar("SELECT COALESCE(SUM(qty_milli), 0) FROM stock_move WHERE sku = 'MAGGI70'") == maggi


def test_a_delivery_without_an_address_or_with_an_absurd_number_asks(shop):
    before = digest(shop)
    reply = shop.assistant.ask("sunita ke ghar 1 atta bhej do")
    assert reply.intent == "home_delivery" and "pata" in reply.text and not reply.buttons  # Hinglish asked
    reply = shop.assistant.ask("ramesh ko 99999999 maggi aur 1 atta ghar bhejo")
    assert "sahi nahi lagta" in reply.text and not reply.buttons
    reply = shop.assistant.ask("order 99999999999999 ship karo")
    assert reply.intent == "order_action" and "Kaunsa order" in reply.text
    shop.assistant.ask("yes")
    assert digest(shop) == before


def test_a_message_campaign_is_planned_once_and_waits_for_approval_when_it_costs(shop):
    for name in ("Ramesh Kumar", "Sunita Devi"):
        cid = shop.scalar("SELECT id FROM customer WHERE name = ?", (name,))
        consent.grant(shop.ctx, cid, method="window")
    shop_settings.set_setting(shop.ctx, config.MARKETING_SEND_VIA.key, "whatsapp_api")
    before = digest(shop)
    reply = shop.assistant.ask("sab grahakon ko maggi ka whatsapp bhejo")
    assert reply.intent == "start_campaign" and reply.slots["segment"] == "all"
    assert "manzoori" in reply.text and digest(shop) == before  # answered in Hinglish, as asked
    shop.assistant.press(confirm_button(reply))
    rows = shop.store.db().execute("SELECT sku, segment, approved, budget_paise FROM campaign").fetchall()
    assert rows == [("MAGGI70", "all", 0, 2 * 88)]  # planned, not approved: limits were never chosen
    assert shop.scalar("SELECT count(*) FROM campaign_message") == 0  # nothing sent
    choose_limits(shop.ctx, max_price_change_bp=500, max_po_paise=500_000, weekly_budget_paise=1_000_000)
    reply = shop.assistant.ask("run a whatsapp campaign on parle g for all my customers")
    assert "approval" not in reply.text
    shop.assistant.press(confirm_button(reply))
    assert shop.scalar("SELECT approved FROM campaign WHERE sku = 'PARLEG'") == 1
    assert shop.scalar("SELECT count(*) FROM campaign_message") == 0


def test_a_delivery_line_naming_two_items_alike_is_asked_then_offered(shop):
    ramesh = shop.scalar("SELECT id FROM customer WHERE name = 'Ramesh Kumar'")
    khata.update_customer(shop.ctx, ramesh, address="14 Gandhi Nagar, Pune")
    before = digest(shop)
    reply = shop.assistant.ask("Ramesh ko 2 packet maggi aur 1 tel ghar bhejo")
    assert reply.intent == "home_delivery" and reply.text == "Kaunsa wala?"
    choices = [b.id for b in reply.buttons]
    assert "ask:Fortune Sunflower Oil 1 l" in choices and "ask:Parachute Coconut Oil 250 ml" in choices
    offer = shop.assistant.press("ask:Parachute Coconut Oil 250 ml")
    assert offer.intent == "home_delivery" and offer.slots["lines"] == [
        {"product": "MAGGI70", "quantity": "2 pack"}, {"product": "PARACHUTE", "quantity": "1"}]
    assert "Parachute" in offer.text and digest(shop) == before
    shop.assistant.press(confirm_button(offer))
    new_id = shop.scalar("SELECT max(id) FROM orders WHERE channel = 'delivery'")
    skus = [r[0] for r in shop.store.db().execute("SELECT sku FROM order_line WHERE order_id = ? ORDER BY line_no",
                                                   (new_id,))]
    assert skus == ["MAGGI70", "PARACHUTE"]


def test_a_hinglish_command_with_english_nouns_is_answered_in_hinglish(shop):
    for text in ("order number 8 cancel kar do", "AMZ-40211 order accept karo"):
        reply = shop.assistant.ask(text)
        assert reply.lang == "hinglish", text
    assert shop.assistant.ask("please accept order AMZ-40211").lang == "en"


def test_a_step_said_with_a_negation_is_no_command(shop):
    before = digest(shop)
    pending = shop.scalar("SELECT count(*) FROM agent_approval WHERE status = 'pending'")
    for text in ("order 1 cancel mat karo", "don't cancel order AMZ-40211", "AMZ-40211 ko accept mat karo",
                 "never ship AMZ-40211"):
        reply = shop.assistant.ask(text)
        assert reply.intent == "reject" and reply.slots == {}, text  # never "reject request 1"
        assert not [b for b in reply.buttons if b.kind == "confirm"], text
        shop.assistant.ask("yes")
    assert digest(shop) == before
    assert shop.scalar("SELECT count(*) FROM agent_approval WHERE status = 'pending'") == pending
    # said after the question, the same words turn the question down
    offer = shop.assistant.ask("cancel order AMZ-40211")
    assert [b for b in offer.buttons if b.kind == "confirm"]
    shop.assistant.ask("nahi, cancel mat karo AMZ-40211")
    shop.assistant.press(confirm_button(offer))
    assert status(shop, shop.built.amazon_order_id) == "pending"


def test_the_address_is_asked_when_the_khata_has_none(shop):
    before = digest(shop)
    asked = shop.assistant.ask("sunita ke ghar 1 atta bhej do")
    assert asked.intent == "home_delivery" and "pata" in asked.text and not asked.buttons
    offer = shop.assistant.ask("14 Gandhi Nagar, near the temple")
    assert offer.intent == "home_delivery" and offer.slots["address"] == "14 Gandhi Nagar, near the temple"
    assert "Gandhi Nagar" in offer.text and digest(shop) == before
    shop.assistant.press(confirm_button(offer))
    new_id = shop.scalar("SELECT max(id) FROM orders WHERE channel = 'delivery'")
    assert shop.scalar("SELECT address FROM delivery_order WHERE order_id = ?", (new_id,)) == \
        "14 Gandhi Nagar, near the temple"
    assert shop.scalar("SELECT address FROM customer WHERE name = 'Sunita Devi'") in ("", None)  # khata unchanged
    # a question asked instead of the address is answered as a question
    shop.assistant.ask("pooja ke ghar 2 maggi bhejo")
    assert shop.assistant.ask("aaj kitna becha?").intent == "sales_report"


def test_a_delivery_order_is_confirmed_and_sent_out_from_the_chat(shop):
    ramesh = shop.scalar("SELECT id FROM customer WHERE name = 'Ramesh Kumar'")
    khata.update_customer(shop.ctx, ramesh, address="14 Gandhi Nagar, Pune")
    shop.assistant.press(confirm_button(shop.assistant.ask("ramesh ko 2 maggi ghar bhejo")))
    new_id = shop.scalar("SELECT max(id) FROM orders WHERE channel = 'delivery'")
    assert status(shop, new_id) == "pending"
    before = digest(shop)
    offer = shop.assistant.ask(f"order {new_id} accept karo")
    assert digest(shop) == before
    shop.assistant.ask("haan")
    assert status(shop, new_id) == "accepted"
    offer = shop.assistant.ask(f"order #{new_id} bhej do")  # the shop's own order: out for delivery, no courier
    assert "delivery" in offer.text.lower() and status(shop, new_id) == "accepted"
    shop.assistant.press(confirm_button(offer))
    assert status(shop, new_id) == "shipped"
    assert shop.scalar("SELECT invoice_no FROM orders WHERE id = ?", (new_id,))  # numbered as it leaves the shop


def test_a_message_campaign_without_an_item_asks_which_and_refuse_order_is_no_request(shop):
    before = digest(shop)
    asked = shop.assistant.ask("message everyone that diwali sweets are in")
    assert asked.intent == "start_campaign" and "item" in asked.text and not asked.buttons
    offer = shop.assistant.ask("dairy milk")
    assert offer.intent == "start_campaign" and offer.slots["product"] == "DAIRYMILK"
    assert offer.slots["segment"] == "all" and [b for b in offer.buttons if b.kind == "confirm"]
    assert digest(shop) == before
    pending = shop.scalar("SELECT count(*) FROM agent_approval WHERE status = 'pending'")
    reply = shop.assistant.ask(f"refuse order {shop.built.approval_id}")  # an order, not approval request 1
    assert reply.intent == "order_action" and reply.slots["step"] == "cancel"
    assert shop.scalar("SELECT count(*) FROM agent_approval WHERE status = 'pending'") == pending
    assert digest(shop) == before
