"""The gate before any change: a write needs a confident reading, every slot it needs, and believable numbers.

Every intent that would change the shop (a goal, a price, an order, an offer, a khata payment, a new customer)
passes :func:`check` before anything is offered or done. When the reading is unsure, when a number lies
outside plausible bounds (:mod:`app.assistant.plausible`: "reorder 99999999999999999999 tata salt"), or when a
slot the change needs is missing, the assistant asks, with choices, and nothing is written. What passes is
still only *offered* (money above the autonomy limits, payments and new customers always wait for the
seller's yes; see :mod:`app.assistant.actions`).
"""

from __future__ import annotations

from app.assistant import lexicon
from app.assistant.guide import cannot_answer
from app.assistant.phrases import tr
from app.assistant.reply import Answer, Button
from app.assistant.scope import CUSTOMER_WORDS
from app.assistant.slots import WRITES, implausible, raw_slots
from app.assistant.text import EN, HI, HINGLISH
from app.assistant.understand import Understanding

# ways to say each change plainly, offered as choices when the reading is unsure ({item} when one was named)
SAY: dict[str, dict[str, str]] = {
    "reorder": {EN: "reorder {item}", HINGLISH: "{item} mangwao", HI: "{item} मंगवाओ"},
    "change_price": {EN: "change the price of {item}", HINGLISH: "{item} ka daam badlo", HI: "{item} का दाम बदलो"},
    "start_campaign": {EN: "start an offer on {item}", HINGLISH: "{item} pe offer lagao", HI: "{item} पर ऑफर लगाओ"},
    "stock_query": {EN: "stock of {item}", HINGLISH: "{item} kitna bacha hai", HI: "{item} कितना बचा है"},
    "sales_report": {EN: "sales of {item} today", HINGLISH: "aaj {item} kitna bika", HI: "आज {item} कितना बिका"},
    "profit_report": {EN: "profit on {item}", HINGLISH: "{item} pe kitna munafa", HI: "{item} पर कितना मुनाफा"},
    "set_goal": {EN: "set a sales goal", HINGLISH: "bikri ka goal set karo", HI: "बिक्री का लक्ष्य रखो"},
    "khata_payment": {EN: "record a khata payment", HINGLISH: "khata me payment likho", HI: "खाते में पैसे जमा करो"},
    "add_customer": {EN: "add a customer", HINGLISH: "naya grahak jodo", HI: "नया ग्राहक जोड़ो"},
    "khata_balance": {EN: "who owes me money", HINGLISH: "udhaar kiska baki", HI: "उधार किसका बाकी है"},
}
ADDING_WORDS = lexicon.ADDING_WORDS
GOAL_WORDS = lexicon.GOAL_WORDS
EXAMPLE = {"request": "3", "amount": "45"}
NUMBER_CHOICES = {"quantity": ("5", "10", "24"), "percent": ("5%", "10%", "15%")}
WHAT = {"quantity": tr("a quantity", "quantity"), "percent": tr("a percent", "percent"),
        "amount": tr("an amount", "rakam"), "request": tr("a request number", "request number")}


def check(found: Understanding, lang: str, sure: bool, item: str | None = None) -> Answer | None:
    """None when the change may go on to be offered; else the question to ask instead (nothing is written)."""
    if found.tagged is None or found.intent not in WRITES | {"approve", "reject"}:
        return None
    if found.via == "completion":  # the seller answered our question: check only the numbers it gave
        bad = implausible(found.intent, found.slots)
    else:
        bad = implausible(found.intent, raw_slots(found.intent, found.tagged))
    if bad:
        slot = bad[0]
        choices = NUMBER_CHOICES.get(slot, ())
        return Answer(tr("That number does not look right for {what}. Please say it again, for example: {example}.",
                         "Ye number {what} ke liye sahi nahi lagta. Phir se batao, jaise: {example}.").say(
            lang, what=WHAT[slot].text(lang), example=choices[1] if choices else EXAMPLE.get(slot, "45")),
            buttons=[Button(id=f"ask:{c}", label=c, kind="ask") for c in choices],
            awaiting=slot if slot != "request" else None,
            awaiting_slots={k: v for k, v in found.slots.items() if k != slot})
    said = set(found.tagged.tokens) & (lexicon.YES | lexicon.NO | lexicon.APPROVE_VERBS | lexicon.REJECT_VERBS) or \
        lexicon.request_answer(found.tagged.tokens, found.tagged.norm) == found.intent  # "अनुरोध 4 ठुकरा दो"
    if found.intent in ("approve", "reject") and "request" in found.slots and (not sure or not said):
        # nor when no word of it approves or refuses: "1;6k" was read 0.88 as "approve request 1" (the noise
        # property, a random seed, sixth session), and the "ok go ahead" after it bought six Colgate
        # a request named by number is answered only when the reading is sure ("1 b" once read 0.50 as
        # "approve request 1", and the yes after it bought six Colgate)
        return unsure(found, lang, item)
    if found.intent not in WRITES:  # an answer to a question: only its number is checked here
        return None
    if not sure:
        return unsure(found, lang, item)
    if "product" in found.slots and found.via != "completion" and not found.tagged.item_named and item:
        # the item was found only through a typo or the start of a word ("min" -> Maggi 2-Minute): ask first
        return Answer(tr("Did you mean {item}?", "Kya aapka matlab {item} hai?").say(lang, item=item),
                      buttons=[Button(id=f"ask:{item}", label=item, kind="ask")], awaiting="product",
                      awaiting_slots={k: v for k, v in found.slots.items() if k != "product"})
    slots = found.slots
    if found.intent == "order_action" and not slots.keys() & {"order_id", "customer", "campaign"}:
        return Answer(tr("Which order? Say its number, for example: order 12, or AMZ-40211.",
                         "Kaunsa order? Number batao, jaise: order 12, ya AMZ-40211.").text(lang))
    if found.intent == "order_action" and slots.get("step") == "ship_part" and (
            found.dropped or not slots.get("lines")):
        return Answer((tr("That number does not look right for a quantity, so I have changed nothing. Say the part "
                          "again, for example: order 12 me se 2 Maggi abhi bhejo.",
                          "Ye number maatra ke liye sahi nahi lagta, isliye kuch nahi badla. Hissa phir se batao, "
                          "jaise: order 12 me se 2 Maggi abhi bhejo.") if found.dropped else
                       tr("Which items of the order go now, and how many? For example: order 12 me se 2 Maggi abhi "
                          "bhejo.", "Order ka kaunsa saamaan abhi jayega, kitna? Jaise: order 12 me se 2 Maggi abhi "
                          "bhejo.")).text(lang))
    if found.intent == "home_delivery" and (found.dropped or not slots.get("lines")):
        return Answer((tr("That number does not look right for a quantity, so I have changed nothing. Say the order "
                          "again, for example: 2 packet Maggi aur 1 tel ghar bhejo.",
                          "Ye number maatra ke liye sahi nahi lagta, isliye kuch nahi badla. Order phir se batao, "
                          "jaise: 2 packet Maggi aur 1 tel ghar bhejo.") if found.dropped else
                       tr("Which items, and how many? For example: 2 packet Maggi aur 1 tel ghar bhejo.",
                          "Kaunsa saamaan, kitna? Jaise: 2 packet Maggi aur 1 tel ghar bhejo.")).text(lang))
    if found.intent == "set_goal" and found.via != "completion" and found.tagged.metric is None and \
            not set(found.tagged.tokens) & GOAL_WORDS:  # a goal names what it is about: sales, profit, a target
        return unsure(found, lang, item)
    if found.intent == "khata_payment" and "customer" not in slots:
        return Answer(tr("Who paid? Say the customer's name.", "Kisne diye? Grahak ka naam batao.").text(lang),
                      awaiting="customer", awaiting_slots=dict(slots))
    if found.intent == "khata_payment" and "amount" not in slots:
        return Answer(tr("How much did they pay?", "Kitne rupaye diye?").text(lang),
                      buttons=[Button(id=f"ask:{c}", label=c, kind="ask") for c in ("₹100", "₹200", "₹500")],
                      awaiting="amount", awaiting_slots=dict(slots))
    if found.intent == "add_customer" and found.via != "completion" and not (
            set(found.tagged.tokens) & CUSTOMER_WORDS and set(found.tagged.tokens) & ADDING_WORDS):
        # "how do I open a bank account" is no new customer, nor are "पक्के ग्राहक" (regular customers): a new
        # customer is asked for with a word that adds, opens or makes one
        return unsure(found, lang, item)
    if found.intent == "add_customer" and "customer" not in slots:
        return Answer(tr("What is the new customer's name?", "Naye grahak ka naam kya hai?").text(lang),
                      awaiting="name", awaiting_slots=dict(slots))
    return None


def unsure(found: Understanding, lang: str, item: str | None) -> Answer:
    """A change read without confidence: the likely readings as choices, nothing done."""
    buttons: list[Button] = []
    for name, probability in found.ranked[:4]:
        phrase = SAY.get(name, {}).get(lang) or SAY.get(name, {}).get(EN)
        if phrase is None or probability < 0.05:
            continue
        text = " ".join(phrase.replace("{item}", item or "").split())
        buttons.append(Button(id=f"ask:{text}", label=text, kind="ask"))
    if not buttons:
        return cannot_answer(found, lang)
    buttons.append(Button(id="ask:help", label=tr("Help", "Madad").text(lang), kind="ask"))
    return Answer(tr("I am not sure what you want me to do, so I have changed nothing. Did you mean one of these?",
                     "Samajh nahi aaya kya karna hai, isliye kuch nahi badla. Kya aap ye kehna chahte the?").text(lang),
                  buttons=buttons[:4])


