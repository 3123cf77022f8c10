"""Courtesy, spellings and typing mistakes read by kind (app/assistant/spelling.py, issue 15's sixth session):
the same request said with "please", "bhai zara ... na", "कृपया", with the vowels spelt long or a letter dropped, is
read as its plain form; names, other forms of a word and out-of-scope requests are left as they are.
bench/assistant/robustness.py measures each kind on the held-out sets."""

from __future__ import annotations

import pytest

from app.assistant import spelling
from app.assistant.understand import understand


def _courtesy(text: str) -> str:
    return " ".join(spelling.without_courtesy(text.split(" ")))


def test_courtesy_at_the_edges_is_left_aside_but_never_all_of_it():
    assert _courtesy("could you please tell me the profit") == "tell me the profit"
    assert _courtesy("bhai zara besan kitna bacha na") == "besan kitna bacha"
    assert _courtesy("कृपया आज की बिक्री बताइए जी") == "आज की बिक्री बताइए"
    assert _courtesy("pooja ji ka hisaab") == "pooja ji ka hisaab"  # the middle stays
    assert _courtesy("ji") == "ji" and _courtesy("thank you") == "thank you"  # never all of it


def test_one_typing_mistake_and_other_forms():
    assert spelling.one_mistake("cancle", "cancel") and spelling.one_mistake("monh", "month")
    assert spelling.one_mistake("yesturday", "yesterday") and not spelling.one_mistake("khana", "kahan")
    assert spelling.fold("maheene") == spelling.fold("mahine") and spelling.fold("oodhar") == spelling.fold("udhar")


@pytest.mark.parametrize(("text", "intent", "slots"), [
    ("bhai zara maggie kitni hai abhi", "stock_query", {"product": "MAGGI70"}),
    ("could you reorder red label tea", "reorder", {"product": "REDLABEL"}),
    ("भैया नमस्ते जी", "help", {}),
    ("is maheene ka gst kitna banega", "gst_payable", {"period": "this_month"}),
    ("abdul ka oodhar batao", "khata_balance", {"customer": "Abdul Rehman"}),
    ("how much did the shop sell last monnth", "sales_report", {"period": "last_month"}),
    ("cancle order 26", "order_action", {"order_id": "26", "step": "cancel"}),
    ("ship oredr 12 with Delhivery, AWB 1234567890", "order_action",
     {"order_id": "12", "step": "ship", "carrier": "Delhivery", "tracking": "1234567890"}),
    ("chini ka bhav artalis rakho", "change_price", {"product": "SUGAR", "amount": 4800, "direction": "set"}),
])
def test_the_request_is_read_as_its_plain_form(index, text, intent, slots):
    found = understand(text, index)
    assert (found.intent, found.slots) == (intent, slots)


@pytest.mark.parametrize(("text", "intent", "slots"), [
    ("add customer Farida Khan", "add_customer", {"customer": "Farida Khan"}),  # a name, not "faida"
    ("mohan lal ke yahan 1 surf excel aur 2 lifebuoy pahuncha do", "home_delivery",  # "yahan" is no "kahan"
     {"customer": "Mohan Lal", "lines": [{"product": "SURF1", "quantity": "1"},
                                         {"product": "LIFEBUOY", "quantity": "2"}]}),
    ("please what is the weather in indore", "unknown", {}),
    ("please 9999999999", "unknown", {}),
    ("how many calories in a packet of maggi", "unknown", {}),  # the kitchen, not the shop (scope.KITCHEN)
    ("how much maggi did we sell", "sales_report", {"product": "MAGGI70"}),
    ("bhaiya meri behen ko parcel bhejna hai mumbai", "unknown", {}),
])
def test_names_other_words_and_out_of_scope_stay_as_they_are(index, text, intent, slots):
    found = understand(text, index)
    assert (found.intent, found.slots) == (intent, slots)
