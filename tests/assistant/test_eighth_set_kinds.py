"""The kinds of message the eighth held-out set found unread (issue 15, seventh session), each said in phrasings
written for this file and in no set (checked against every set's lines): an approval request named and answered in
Hindi, Hinglish or English; a courier booked again, a booking removed; the rest of an order removed; an order that
reached its buyer and was paid; a price moved by a percent (not a goal) and to a number; which items ran out; how
an offer did; which orders are late; the seller's devices, holidays, a name for the shop and cooking at home (out of
scope); greetings with what follows them. Beside each kind, phrasings it must not swallow."""

from __future__ import annotations

import pytest

from app.assistant.understand import understand


def _read(index, text: str) -> tuple[str, dict]:
    got = understand(text, index)
    return got.intent, got.slots


@pytest.mark.parametrize(("text", "number"), [
    ("अनुरोध 12 को स्वीकार करो", 12), ("प्रस्ताव 2 को मंजूरी दो", 2), ("3 नंबर वाला अनुरोध मान लो", 3),
    ("अनुरोध संख्या 4 पास करो", 4), ("sanction request 3", 3), ("अनुरोध 7 को हरी झंडी दो", 7), ("सुझाव 4 मान लो", 4),
    ("anurodh number 6 ko manjoori do", 6), ("request 3 ko aage badhao", 3), ("request 7 maan lijiye", 7),
    ("ok for suggestion 5", 5), ("प्रस्ताव 8 स्वीकार है", 8),
])
def test_a_request_named_and_approved_in_any_language(index, text, number):
    assert _read(index, text) == ("approve", {"request": number}), text


@pytest.mark.parametrize(("text", "number"), [
    ("अनुरोध 6 खारिज कर दो", 6), ("request 9 ko thukra do", 9), ("अनुरोध 2 को मना कर दो", 2), ("turn down request 4", 4),
    ("dismiss suggestion 2", 2),
    ("अनुरोध 2 वापस ले लो", 2), ("request 3 khaarij karo", 3), ("anurodh 4 thukra do", 4), ("अनुरोध 3 को ना कह दो", 3),
    ("request 12 ko mana kar do", 12), ("request 5 ko nakaar do", 5), ("अनुरोध 10 नहीं चाहिए", 10),
    ("अनुरोध 2 को मत मानो", 2), ("request 11 mat karo", 11), ("no to suggestion 4", 4),
])
def test_a_request_named_and_refused_in_any_language(index, text, number):
    assert _read(index, text) == ("reject", {"request": number}), text


@pytest.mark.parametrize(("text", "step"), [
    ("order 12 ka courier phir se book karo", "rebook"), ("book the courier again for order 18", "rebook"),
    ("ऑर्डर 14 के लिए कूरियर फिर से बुक करो", "rebook"), ("ऑर्डर 9 की बुकिंग दोबारा करो", "rebook"),
    ("re-book order 20 with dtdc", "rebook"), ("courier for order 11 needs to be booked again", "rebook"),
    ("order 30 ki booking hatao", "cancel_booking"), ("remove the courier booking for order 12", "cancel_booking"),
    ("ऑर्डर 16 की बुकिंग हटा दो", "cancel_booking"), ("undo the booking for order 17", "cancel_booking"),
    ("ऑर्डर 5 की बुकिंग निकाल दो", "cancel_booking"),
    ("order 12 ke liye courier book karo", "book"), ("order 12 ki booking cancel karo", "cancel_booking"),
])
def test_a_booking_made_again_or_removed(index, text, step):
    intent, slots = _read(index, text)
    assert (intent, slots.get("step")) == ("order_action", step), (text, intent, slots)


@pytest.mark.parametrize(("text", "step"), [
    ("drop the rest of order 12", "cancel_rest"), ("remove the remaining items from order 14", "cancel_rest"),
    ("order 20 ka baaki maal hata do", "cancel_rest"), ("scrap the leftover items of order 30", "cancel_rest"),
    ("ऑर्डर 9 का बचा हुआ माल हटा दो", "cancel_rest"), ("don't ship the rest of order 12", "cancel_rest"),
    ("order 17 ka bacha maal mat bhejo, cancel kar do", "cancel_rest"),
    ("remove what is left of order 11", "cancel_rest"),
    ("order 12 cancel karo", "cancel"), ("order 12 cancel mat karo", None), ("don't ship order 12", None),
])
def test_the_rest_of_an_order_removed_is_cancel_rest_and_a_refusal_stays_one(index, text, step):
    intent, slots = _read(index, text)
    assert (intent, slots.get("step")) == (("order_action", step) if step else ("reject", None)), (text, intent, slots)


@pytest.mark.parametrize(("text", "payment"), [
    ("order 40 reached the customer, paid cash", "cash"), ("order 18 handed to the customer, he paid upi", "upi"),
    ("order 12 customer ko mil gaya, upi se payment aa gaya", "upi"),
    ("the customer got order 21 and paid by gpay", "upi"),
    ("order 27 received by customer, cash collected", "cash"), ("ऑर्डर 31 दे दिया, यूपीआई से पैसे आ गए", "upi"),
    ("order 8 got to the buyer, she paid in cash", "cash"), ("ऑर्डर 12 ग्राहक को मिल गया", None),
])
def test_an_order_that_reached_its_buyer_is_delivered(index, text, payment):
    intent, slots = _read(index, text)
    assert (intent, slots.get("step"), slots.get("payment")) == ("order_action", "deliver", payment), (text, slots)


@pytest.mark.parametrize(("text", "step"), [
    ("order 12 courier ko de diya", "ship"), ("order 20 handed to delhivery", "ship"), ("order 12 bhej diya", "ship"),
])
def test_an_order_handed_to_a_courier_is_still_shipped(index, text, step):
    intent, slots = _read(index, text)
    assert (intent, slots.get("step")) == ("order_action", step), (text, intent, slots)


@pytest.mark.parametrize(("text", "order", "step"), [
    ("38 number ka order cancel karo", "38", "cancel"), ("ऑर्डर संख्या 38 रद्द करो", "38", "cancel"),
    ("ऑर्डर 12 खारिज करो", "12", "cancel"), ("order 12 ko mana kar do", "12", "cancel"),
    ("call off order 14", "14", "cancel"),
    ("order 12 le lo", "12", "accept"), ("ऑर्डर 12 के लिए नया कूरियर बुक करो", "12", "rebook"),
    ("order 12 ke baaki items ki zarurat nahi, cancel karo", "12", "cancel_rest"),
])
def test_numbered_orders_and_hindi_verbs_of_an_order(index, text, order, step):
    intent, slots = _read(index, text)
    assert (intent, slots.get("order_id"), slots.get("step")) == ("order_action", order, step), (text, intent, slots)


@pytest.mark.parametrize(("text", "direction"), [
    ("take harpic down 5 pc", "down"), ("knock 15% off the harpic price", "down"), ("drop harpic by 5 percent", "down"),
    ("lays 10 percent sasta karo", "down"), ("मैगी को 5 प्रतिशत नीचे लाओ", "down"), ("push colgate up 4 percent", "up"),
    ("make lays 5 percent cheaper", "down"),
])
def test_a_percent_change_of_one_item_is_its_price_not_a_goal(index, text, direction):
    intent, slots = _read(index, text)
    assert intent == "change_price" and slots.get("direction") == direction and slots.get("percent"), (text, slots)


@pytest.mark.parametrize("text", ["grow sales by 10 percent this month", "मुनाफा 10% बढ़ाना है इस महीने",
                                  "is mahine bikri 15 percent badhani hai", "increase profit by 8% this diwali"])
def test_a_goal_stays_a_goal(index, text):
    assert _read(index, text)[0] == "set_goal", text


def test_a_price_moved_to_a_number_is_set_to_it(index):
    assert _read(index, "reduce colgate price to 50") == (
        "change_price", {"product": "COLGATE", "amount": 5000, "direction": "set"})
    assert _read(index, "reduce colgate price by 5 rupees")[1].get("direction") == "down"


@pytest.mark.parametrize(("text", "intent"), [
    ("is anything finished?", "low_stock"), ("kuch khatam hua kya", "low_stock"),
    ("are we out of anything", "low_stock"),
    ("koi maal khatam hai kya", "low_stock"), ("क्या कोई सामान खत्म हो गया", "low_stock"),
    ("any item with zero left", "low_stock"), ("anythng out of stok", "low_stock"),
    ("maggi khatam hai kya", "stock_query"), ("kitni maggi bachi hai", "stock_query"),
])
def test_what_ran_out_is_low_stock_and_an_item_named_is_its_stock(index, text, intent):
    assert _read(index, text)[0] == intent, text


@pytest.mark.parametrize(("text", "intent"), [
    ("दिवाली ऑफर का नतीजा क्या रहा", "campaign_report"), ("कोक वाले ऑफर से बिक्री कितनी बढ़ी", "campaign_report"),
    ("whatsapp campaign se kitne log wapas aaye", "campaign_report"),
    ("chips wale offer ka kya asar hua", "campaign_report"),
    ("लेज़ वाले ऑफर से कितनी कमाई हुई", "campaign_report"), ("did the coke offer bring more sales", "campaign_report"),
    ("कैंपेन का रिजल्ट दिखाओ", "campaign_report"), ("पिछले ऑफर में कितने ग्राहक लौटे", "campaign_report"),
    ("मैगी की कितनी बिक्री हुई", "sales_report"), ("maggi pe 10% offer lagao", "start_campaign"),
])
def test_how_an_offer_did_is_its_report(index, text, intent):
    assert _read(index, text)[0] == intent, text


@pytest.mark.parametrize(("text", "intent"), [
    ("कौन से ऑर्डर देर से हैं", "order_status"), ("किन ऑर्डरों में देरी हो रही है", "order_status"),
    ("kaunse order late ho gaye", "order_status"), ("orders jo time pe nahi gaye", "order_status"),
    ("delayed orders kitne hain", "order_status"), ("कितने ऑर्डर देर से जा रहे हैं", "order_status"),
    ("maggi ka order do", "reorder"),
])
def test_late_orders_are_the_order_board(index, text, intent):
    assert _read(index, text)[0] == intent, text


@pytest.mark.parametrize("text", [
    "why is my laptop so slow", "mera phone hang kyun ho raha hai", "मेरा लैपटॉप क्यों गरम हो रहा है",
    "मोबाइल चार्ज नहीं हो रहा", "phone ki battery jaldi khatam ho rahi hai", "is monday a holiday", "परसों छुट्टी है क्या",
    "15 august ko chhutti hai na", "suggest a name for my shop", "दुकान का नाम क्या रखूँ", "dukaan ka naya naam batao",
    "how do I make ginger tea", "adrak wali chai kaise banate hain", "pakode kaise banate hain",
    "deliver a gift to my sister", "what is 15 percent of 200", "pm kisan ka paisa aaya kya",
    "how do i get a gst number", "paytm se paise kaise bheje", "flight ka status batao",
])
def test_the_sellers_own_life_is_out_of_scope(index, text):
    assert _read(index, text)[0] == "unknown", text


@pytest.mark.parametrize(("text", "intent"), [
    ("holi pe kitni bikri hui", "sales_report"), ("internet gaya tha, flipkart sync hua kya", "sync_status"),
    ("how can i make more profit this month", None), ("kissan ketchup kitna bacha hai", "stock_query"),
    ("maggi ka daam 10 percent kam karo", "change_price"),
])
def test_the_shops_own_questions_near_those_words_stay_in(index, text, intent):
    got = _read(index, text)[0]
    assert got == intent if intent else got != "unknown", (text, got)


@pytest.mark.parametrize("text", ["good morning, let's begin", "hello, let's get started", "namaste, shuru karte hain",
                                  "नमस्ते, शुरू करें", "hey there, lets go", "hi bot", "good mrng",
                                  "suprabhat, chaliye kaam shuru karein"])
def test_a_greeting_with_what_follows_it_is_help(index, text):
    assert _read(index, text)[0] == "help", text


def test_hindi_words_of_an_answer_are_never_a_misspelt_name_or_item(index):
    """"देरी" (delay) is no "Devi", "मानो" (accept) no mango Frooti."""
    from app.assistant.tagger import tag

    assert not tag("कौन से ऑर्डर देरी से हैं", index).customers
    assert tag("सुझाव 4 मान लो", index).catalog.best is None


def test_a_request_answered_in_hindi_passes_the_gate(shop):
    """The gate asks before answering a numbered request unless a word answers it: the Hindi words do."""
    approval_id = shop.built.approval_id
    reply = shop.assistant.ask(f"अनुरोध {approval_id} को हरी झंडी दो")
    assert [b.kind for b in reply.buttons] == ["confirm", "cancel"], reply.text
    assert shop.scalar("SELECT status FROM agent_approval WHERE id = ?", (approval_id,)) == "pending"
    refused = shop.assistant.ask(f"अनुरोध {approval_id} ठुकरा दो", conversation="refuse")
    assert refused.intent == "reject"
    assert shop.scalar("SELECT status FROM agent_approval WHERE id = ?", (approval_id,)) == "rejected"


@pytest.mark.parametrize(("text", "intent", "slots"), [
    ("ऑर्डर बयालीस रद्द करो", "order_action", {"step": "cancel", "order_id": "42"}),
    ("अभियान संख्या 3 भेजो", "order_action", {"step": "campaign_send", "campaign": "3"}),
    ("3 number wala campaign band karo", "order_action", {"step": "campaign_stop", "campaign": "3"}),
    ("campaign 3 dobara chalao", "order_action", {"step": "campaign_send", "campaign": "3"}),
])
def test_numbered_references_said_in_words_or_before_their_noun(index, text, intent, slots):
    assert _read(index, text) == (intent, slots), text


@pytest.mark.parametrize("text", ["start a campaign on maggi 10% off", "diwali campaign chalao maggi pe 10%"])
def test_a_campaign_with_a_discount_is_a_new_offer_not_one_sent(index, text):
    intent, slots = _read(index, text)
    assert intent == "start_campaign" and slots.get("percent") == 10, (text, intent, slots)


@pytest.mark.parametrize(("text", "intent"), [
    ("मुनाफा 50 हजार करना है इस महीने", "set_goal"), ("is mahine ki sale 3 lakh karni hai", "set_goal"),
    ("is mahine kitni sale hui", "sales_report"), ("mujhe profit kitna hua batao", "profit_report"),
])
def test_a_figure_that_must_be_reached_is_a_goal_and_a_question_is_a_report(index, text, intent):
    assert _read(index, text)[0] == intent, text


def test_an_item_in_another_hinglish_spelling_is_found(index):
    """"cheeni" is two letters from "chini" but one spelling of it (vowel length): the catalog folds them alike."""
    from app.assistant.tagger import tag

    assert tag("cheeni ka stock", index).product_sku == "SUGAR"
    assert _read(index, "kavita ke yahan 1 kilo cheeni bhijwa do") == (
        "home_delivery", {"customer": "Kavita Singh", "lines": [{"product": "SUGAR", "quantity": "1 kg"}]})


@pytest.mark.parametrize(("text", "intent"), [
    ("पूजा के नाम पे कितना लिखा है", "khata_balance"), ("amazon pe stock match ho raha hai?", "sync_status"),
    ("is the flipkart price same as ours", "sync_status"),
])
def test_a_customers_account_and_a_marketplaces_copy_said_in_new_words(index, text, intent):
    assert _read(index, text)[0] == intent, text
