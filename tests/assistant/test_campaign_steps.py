"""A planned campaign sent or stopped from the chat, and one part of an order come back (damaged) (issue 15, sixth
session): each read by rule in English, Hinglish and Hindi, offered with what it would do, done only on the seller's
yes and once, through the services the Marketing and Orders pages use. The real services, the real evaluation
shop."""

from __future__ import annotations

from app import config
from app.assistant.understand import understand
from app.services import campaigns, consent, order_flow, order_parts
from app.services import settings as shop_settings
from app.store import stock as stock_store
from app.store.order_parts import PartBooking, set_booking_status

from .test_noise_property import digest
from .test_order_actions import confirm_button, status


def _planned(shop, *, approved: bool = False) -> int:
    for name in ("Ramesh Kumar", "Sunita Devi"):
        cid = shop.scalar("SELECT id FROM customer WHERE name = ?", (name,))
        consent.grant(shop.ctx, cid, method="window")
    return int(campaigns.plan_campaign(shop.ctx, sku="MAGGI70", segment="all", name="Diwali Maggi",
                                       approved=approved, seed=1).id)


def _messages(shop, campaign_id: int) -> int:
    return shop.scalar("SELECT count(*) FROM campaign_message WHERE campaign_id = ?", (campaign_id,))


def test_campaign_commands_are_read_in_english_hinglish_and_hindi(shop):
    index = shop.assistant.index.ensure()
    for text, slots in (("campaign 3 chalu karo", {"step": "campaign_send", "campaign": "3"}),
                        ("send the Diwali campaign", {"step": "campaign_send", "campaign": "diwali"}),
                        ("अभियान 3 भेजो", {"step": "campaign_send", "campaign": "3"}),
                        ("stop campaign 3", {"step": "campaign_stop", "campaign": "3"}),
                        ("campaign 3 band karo", {"step": "campaign_stop", "campaign": "3"}),
                        ("अभियान 3 रोको", {"step": "campaign_stop", "campaign": "3"})):
        found = understand(text, index)
        assert (found.intent, found.slots) == ("order_action", slots), text
    for text in ("how are my campaigns doing", "campaign 3 mat bhejo", "sab grahakon ko maggi ka campaign bhejo"):
        assert understand(text, index).slots.get("step") not in ("campaign_send", "campaign_stop"), text


def test_a_planned_campaign_is_approved_and_sent_once_only_after_yes(shop):
    campaign_id = _planned(shop)
    before = digest(shop)
    reply = shop.assistant.ask(f"campaign {campaign_id} chalu karo")
    assert "2 tak grahakon" in reply.text and "muft" in reply.text and "manzoor" in reply.text  # Hinglish
    hindi = shop.assistant.ask(f"अभियान {campaign_id} भेजो", conversation="hi")
    assert [b for b in hindi.buttons if b.kind == "confirm"] and "2" in hindi.text
    english = shop.assistant.ask("send the Diwali campaign", conversation="en")  # by its name
    assert digest(shop) == before
    assert f"campaign {campaign_id}" in english.text.lower() and "budget" in english.text
    with shop.store.write() as db:  # a festival campaign is also called by its festival, in Hindi too
        db.execute("UPDATE campaign SET name = 'Maggi', festival = 'diwali' WHERE id = ?", (campaign_id,))
    festival = shop.assistant.ask("दिवाली वाला अभियान भेजो", conversation="hi2")
    assert f"अभियान {campaign_id} (Maggi)" in festival.text and [b for b in festival.buttons if b.kind == "confirm"]
    assert _messages(shop, campaign_id) == 0  # offered only
    shop.assistant.press(confirm_button(reply))
    assert _messages(shop, campaign_id) >= 1
    assert shop.scalar("SELECT approved FROM campaign WHERE id = ?", (campaign_id,)) == 1
    sent = _messages(shop, campaign_id)
    shop.assistant.press(confirm_button(reply))  # a second yes: nothing more
    shop.assistant.press(confirm_button(english), conversation="en")  # asked again: its customers had it
    assert _messages(shop, campaign_id) == sent
    again = shop.assistant.ask(f"campaign {campaign_id} chalu karo", conversation="later")
    assert not any(b.kind == "confirm" for b in again.buttons)


def test_a_campaign_stopped_from_the_chat_is_paused_and_sends_nothing(shop):
    campaign_id = _planned(shop, approved=True)
    before = digest(shop)
    reply = shop.assistant.ask(f"stop campaign {campaign_id}")
    assert digest(shop) == before
    shop.assistant.press(confirm_button(reply))
    assert shop.scalar("SELECT status FROM campaign WHERE id = ?", (campaign_id,)) == "paused"
    shop.assistant.press(confirm_button(reply))
    assert shop.scalar("SELECT count(*) FROM event WHERE type = 'CampaignSaved' AND data_json LIKE '%paused%'") == 1
    assert _messages(shop, campaign_id) == 0


def test_a_send_past_the_weeks_budget_is_refused_and_an_opted_out_customer_is_not_counted(shop):
    campaign_id = _planned(shop, approved=True)
    shop_settings.set_setting(shop.ctx, config.MARKETING_SEND_VIA.key, "whatsapp_api")
    shop_settings.set_setting(shop.ctx, config.MARKETING_WEEKLY_BUDGET_PAISE.key, 100)
    reply = shop.assistant.ask(f"send campaign {campaign_id}", conversation="en")
    assert "nothing is sent" in reply.text and not any(b.kind == "confirm" for b in reply.buttons)
    shop_settings.set_setting(shop.ctx, config.MARKETING_WEEKLY_BUDGET_PAISE.key, 100_000)
    sunita = shop.scalar("SELECT id FROM customer WHERE name = 'Sunita Devi'")
    consent.revoke(shop.ctx, sunita, method="window")
    reply = shop.assistant.ask(f"send campaign {campaign_id}", conversation="en2")
    assert "Up to 1 customers" in reply.text and "budget" in reply.text
    assert _messages(shop, campaign_id) == 0  # the refused send and the question sent nothing
    shop.assistant.press(confirm_button(reply), conversation="en2")
    assert shop.scalar("SELECT count(*) FROM campaign_message WHERE customer_id = ?", (sunita,)) == 0
    assert _messages(shop, campaign_id) == 1


def _order_with_parts_back(shop, monkeypatch) -> int:
    # Amazon's two parts booked with the courier on their own (as tests/sync/test_order_parts.py books them against
    # the simulator); the marketplace is taken as connected, so its commands wait in the outbox
    monkeypatch.setattr(order_flow, "_takes", lambda db, channel, op: True)
    order_id = shop.scalar("SELECT id FROM orders WHERE remote_id = 'AMZ-40211'")
    order_flow.accept_order(shop.ctx, order_id)
    sku = shop.scalar("SELECT sku FROM order_line WHERE order_id = ? ORDER BY line_no", (order_id,))
    for part, awb in ((1, "AWB701"), (2, "AWB702")):
        order_parts.ship_part(shop.ctx, order_id, {sku: 1000}, carrier="Delhivery", tracking=awb,
                              booking=PartBooking(f"S{part}", awb, "Delhivery"))
    with shop.store.write() as db:
        set_booking_status(db, order_id, 2, "rto_delivered", shop.ctx.now_iso())
    return order_id


def test_a_part_come_back_damaged_is_written_off_once_after_yes(shop, monkeypatch):
    index = shop.assistant.index.ensure()
    for text in ("part 2 of order 123 came back damaged", "order 123 ka part 2 toot ke aaya",
                 "ऑर्डर 123 का पार्ट 2 टूटा हुआ आया"):
        assert understand(text, index).slots == {"step": "return", "order_id": "123", "part": 2, "damaged": text}
    order_id = _order_with_parts_back(shop, monkeypatch)
    sku = shop.scalar("SELECT sku FROM order_line WHERE order_id = ? ORDER BY line_no", (order_id,))
    db = shop.store.db()
    on_hand = stock_store.on_hand(db, sku)
    wasted = "SELECT count(*) FROM stock_move WHERE sku = ? AND reason = 'wastage'"
    written_before = shop.scalar(wasted, (sku,))
    before = digest(shop)
    not_back = shop.assistant.ask(f"part 1 of order {order_id} came back damaged", conversation="en")
    assert not any(b.kind == "confirm" for b in not_back.buttons)  # part 1 is still with the courier
    hindi = shop.assistant.ask(f"ऑर्डर {order_id} का पार्ट 2 टूटा हुआ आया", conversation="hi")
    assert "बर्बादी" in hindi.text
    reply = shop.assistant.ask(f"order {order_id} ka part 2 toot ke aaya")
    assert "hissa 2" in reply.text and "toot ke aaya" in reply.text and digest(shop) == before  # offered only
    shop.assistant.press(confirm_button(reply))
    assert stock_store.on_hand(db, sku) == on_hand and shop.scalar(wasted, (sku,)) == written_before + 1
    assert order_parts.bookings(shop.ctx, order_id)[2].damage.endswith("toot ke aaya")
    assert status(shop, order_id) == "shipped"  # part 1 is still out: the rest of the order untouched
    shop.assistant.press(confirm_button(reply))  # a second yes: written off once
    shop.assistant.press(confirm_button(hindi), conversation="hi")
    assert shop.scalar(wasted, (sku,)) == written_before + 1 and stock_store.on_hand(db, sku) == on_hand
    again = shop.assistant.ask(f"part 2 of order {order_id} came back damaged", conversation="later")
    assert "already" in again.text and not any(b.kind == "confirm" for b in again.buttons)
