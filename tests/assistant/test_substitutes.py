"""A substitute for an item a home delivery is short of, from the chat (app/assistant/substitutes.py): read by
rule in English, Hinglish and Hindi, offered first, the customer asked on WhatsApp only on the seller's yes and
once, their answer recorded through the substitution service (the line changed and the stock moved once)."""

from __future__ import annotations

from app.assistant.understand import understand
from app.services import catalog, khata, substitutions
from app.store import stock as stock_store

from .test_noise_property import digest
from .test_order_actions import confirm_button


def _yippee_and_ramesh_order(shop) -> int:
    """Yippee (same kind and unit as Maggi, priced near it, in stock) and Ramesh's delivery order of 2 Maggi."""
    catalog.create_product(shop.ctx, sku="YIPPEE", name_en="Sunfeast Yippee Noodles 70 g",
                           name_hi="सनफीस्ट यिप्पी नूडल्स 70 ग्राम", category="instant", unit="pcs", price_paise=1500,
                           mrp_paise=1500, cost_paise=1200, hsn_code="1902", opening_stock_milli=20_000)
    shop.assistant.index.ensure()
    ramesh = shop.scalar("SELECT id FROM customer WHERE name = 'Ramesh Kumar'")
    khata.update_customer(shop.ctx, ramesh, address="14 Gandhi Nagar, Pune")
    reply = shop.assistant.ask("Ramesh ko 2 packet maggi aur 1 atta ghar bhejo")
    shop.assistant.press(confirm_button(reply))
    return int(shop.scalar("SELECT max(id) FROM orders WHERE channel = 'delivery'"))


def test_a_substitute_is_read_in_english_hinglish_and_hindi(shop):
    _yippee_and_ramesh_order(shop)
    index = shop.assistant.index.ensure()
    for text in ("Ramesh ke order mein maggi nahi hai, yippee de do", "give ramesh yippee instead of maggi",
                 "ramesh ke order me maggi ki jagah yippee bhej do", "yippee de do ramesh ko, maggi khatam hai",
                 "रमेश के ऑर्डर में मैगी नहीं है, यिप्पी दे दो"):
        found = understand(text, index)
        assert (found.intent, found.slots) == ("order_action", {"step": "substitute", "customer": "Ramesh Kumar",
                                                                "item": "MAGGI70", "substitute": "YIPPEE"}), text
    assert understand("Ramesh substitute ke liye maan gaya", index).slots == {
        "step": "substitute_answer", "customer": "Ramesh Kumar", "yes": True}
    assert understand("रमेश बदले के लिए मान गया", index).slots == {
        "step": "substitute_answer", "customer": "Ramesh Kumar", "yes": True}
    assert understand("ramesh refused the substitute", index).slots == {
        "step": "substitute_answer", "customer": "Ramesh Kumar", "yes": False}
    # a delivery is still a delivery, a cancel still a cancel, a part shipped still a part
    assert understand("order 12 me se 3 maggi bhejo, baki nahi", index).slots.get("step") != "substitute"
    assert understand("Ramesh ko 2 packet maggi ghar bhejo", index).intent == "home_delivery"
    assert understand("order 12 cancel karo", index).slots == {"step": "cancel", "order_id": "12"}


def test_the_customer_is_asked_once_on_yes_and_their_yes_changes_the_line_once(shop):
    order_id = _yippee_and_ramesh_order(shop)
    db = shop.store.db()
    maggi, yippee = stock_store.on_hand(db, "MAGGI70"), stock_store.on_hand(db, "YIPPEE")
    before = digest(shop)
    reply = shop.assistant.ask("Ramesh ke order mein maggi nahi hai, yippee de do")
    assert "WhatsApp" in reply.text and "Yippee" in reply.text and f"#{order_id}" in reply.text
    assert digest(shop) == before and substitutions.open_question(shop.ctx, order_id) is None  # offered only
    shop.assistant.press(confirm_button(reply))
    asked = substitutions.open_question(shop.ctx, order_id)
    assert asked is not None and asked.substitution.sku_to == "YIPPEE"
    shop.assistant.ask("haan")  # a second yes asks nothing more
    assert len(substitutions.history(shop.ctx, order_id)) == 1
    again = shop.assistant.ask("ramesh ko maggi ki jagah yippee de do", conversation="later")
    assert "intezaar" in again.text and not any(b.kind == "confirm" for b in again.buttons)
    answer = shop.assistant.ask("Ramesh substitute ke liye maan gaya", conversation="answer")
    assert stock_store.on_hand(db, "YIPPEE") == yippee  # offered, not yet recorded
    shop.assistant.press(confirm_button(answer), conversation="answer")
    skus = {r[0] for r in db.execute("SELECT sku FROM order_line WHERE order_id = ?", (order_id,))}
    assert "YIPPEE" in skus and "MAGGI70" not in skus
    assert stock_store.on_hand(db, "YIPPEE") == yippee - 2000 and stock_store.on_hand(db, "MAGGI70") == maggi + 2000
    shop.assistant.press(confirm_button(answer), conversation="answer")  # pressed twice: recorded once
    assert stock_store.on_hand(db, "YIPPEE") == yippee - 2000 and stock_store.on_hand(db, "MAGGI70") == maggi + 2000


def test_a_substitute_that_does_not_fit_or_a_marketplace_order_changes_nothing(shop):
    _yippee_and_ramesh_order(shop)
    before = digest(shop)
    wrong = shop.assistant.ask("give ramesh atta instead of maggi")  # another kind
    assert wrong.slots.get("step") == "substitute" and "cannot take the place" in wrong.text and not wrong.buttons
    market = shop.assistant.ask("AMZ-40211 mein maggi ki jagah yippee de do")
    assert "does not allow" in market.text
    assert not any(b.kind == "confirm" for b in market.buttons)
    nobody = shop.assistant.ask("Ramesh substitute ke liye maan gaya")  # nothing was asked
    assert "sawal baki nahi" in nobody.text and not nobody.buttons  # answered in Hinglish, as asked
    hindi = shop.assistant.ask("रमेश के ऑर्डर में मैगी नहीं है, यिप्पी दे दो")
    assert "पूछूँ" in hindi.text and "यिप्पी" in hindi.text  # offered in Hindi, not yet asked
    assert digest(shop) == before
