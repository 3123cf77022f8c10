"""Reading the commands that move orders and reach customers: a step of an order, a home delivery, a message
campaign to a group of customers.

These are read by rule, before the classifier, because their words are decisive and their slots structured:

- a **step of an order** needs an order (``AMZ-40211``, "order 12", "16 number wala order") and a step word
  (accept / ship / cancel, in English, Hinglish or Hindi); a courier and an AWB are read when given ("order 12 ship
  karo, Delhivery, AWB 123"). A question about an order ("has AMZ-40211 shipped?", "order 12 ka kya status hai")
  is no command and is left to the classifier.
- a **home delivery** needs a known customer, a delivery word ("ghar bhejo", "home delivery", "deliver to", "के
  घर", "ke yahan ... bhejo") and at least one item; its lines are read piece by piece ("2 packet maggi aur 1 tel").
- a **message campaign** needs an item, a group of customers ("purane grahak", "all my customers", "regulars")
  and a message word ("message", "WhatsApp", "campaign", "संदेश").

What is read here is only a reading: every one of them is a change and passes the gate
(:mod:`app.assistant.gate`) and the seller's confirmation (:mod:`app.assistant.order_actions`).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from app.assistant.catalog_index import CatalogIndex
from app.assistant.numbers import NEEDS_CONTEXT, WORD_NUMBERS
from app.assistant.plausible import plausible
from app.assistant.tagger import ORDER, Quantity, Tagged, tag

_split = str.split

ORDER_WORDS = frozenset(_split("order orders ordr oder ordar ऑर्डर आर्डर ओर्डर"))
NUMBER_WORDS = frozenset(_split("number no no. num # नंबर नम्बर संख्या sankhya kramank क्रमांक"))
TAKE_IT = re.compile(r"\ble (?:lo|lijiye|lijie|lete hain)\b|ले (?:लो|लीजिए|लेते)")
OF_WORDS = frozenset(_split("ka ke ki का के की"))
STEPS: dict[str, str] = {
    **{w: "accept" for w in _split("accept acept accpt accepted confirm confirmed manzoor manjoor manzoori manjoori "
                                   "मंजूर मंजूरी स्वीकार sweekar swikar svikar")},
    **{w: "ship" for w in _split("ship shipp shipped dispatch dispatched despatch bhej bheja bhejo bhejdo bhej diya "
                                 "bhejna भेज भेजो भेजा भेजें रवाना ravana handed send")},
    **{w: "cancel" for w in _split("cancel cancl cancle cancil cancelled canceled radd rad रद्द रद कैंसल कैन्सल "
                                   "कैंसिल कैन्सिल reject decline refuse मना "
                                   # Hindi and Hinglish verbs of refusing an order (seventh session, by kind)
                                   "mana kharij khaarij खारिज scrap nakar नकार")},
    # the fourth session: packed, delivered (and paid at the door), a courier booked (app/assistant/fulfilment.py)
    **{w: "pack" for w in _split("pack packed pak paik पैक "
                                 # "ऑर्डर 80 की पैकिंग कर दो" (after the ninth set: read as a reorder of 80)
                                 "packing paking पैकिंग")},
    **{w: "deliver" for w in _split("deliver delivered dilivered deliverd pahunch pahuch pahunchi "
                                    "पहुँच पहुंच पहुँचा पहुंचा पहुँची पहुंची डिलीवर")},
    **{w: "book" for w in _split("book booked bookd booking bookin बुक बुकिंग")},
    # the fifth session: a parcel come back (app/assistant/fulfilment.py); "return" beats the words of a delivery
    # ("order 18 ka return mil gaya") and of a shipment ("the parcel was sent back")
    **{w: "return" for w in _split("return returned retrun rto wapas vapas waapas wapis वापस लौटा लौटाया लौट "
                                   # Hinglish spellings of "came back" (after the seventh set): "lautkar aa gaya"
                                   "laut lauta lautkar lautke lautkr lotkar lauti laute लौटकर लौटके")},
    **{w: "rebook" for w in _split("rebook rebooked rebooking")},
}
# "order 9 wapas aaya, packet phate hue", "AMZ-40211 came back damaged": a return written off with the reason
DAMAGED_WORDS = frozenset(_split("damaged damage broken torn leaking leaked crushed spoiled toota tuta toot tut phata "
                                 "phate phati kharab kharaab kharap टूटा टूटे टूटी फटा फटे फटी खराब ख़राब"))
# "book another courier", "courier badlo", "दूसरा कूरियर": a courier booked in place of the one booked
COURIER_WORDS = frozenset(_split("courier couriers carrier curier kuriyar कूरियर कुरियर"))
ANOTHER_WORDS = frozenset(_split("another other different new change switch dusra doosra dusre doosre dusri dsra "
                                 "badlo badal badle badli badalkar badalke बदलकर बदलके दूसरा दूसरे दूसरी बदलो बदल बदलें naya "
                                 "naye nayi नया नए नई नयी"))
# "ship only 2 maggi of order 12", "order 12 me se 3 bhejo, baki baad me": a part of an order, the rest waits
PART_WORDS = frozenset(_split("only part partial partly sirf bas rest baki baaki बाकी केवल सिर्फ हिस्सा"))
# "part 2 of order 123 came back damaged", "order 123 ka part 2 toot ke aaya": one part booked on its own, come back
PART_NO = re.compile(r"(?:\bpart|\bhissa|हिस्सा|पार्ट)\s*(?:no\.?\s*|number\s*|नंबर\s*)?(\d{1,3})\b")
ARRIVED_WORDS = frozenset(_split("aaya aaye aayi aya aa came arrived आया आए आई आ"))
LATER_WORDS = frozenset(_split("rest later baki baaki baad बाकी बाद"))  # the piece that says what waits
# "cancel the rest of order 12", "order 12 ka baaki cancel karo": the units not shipped, cancelled (the customer agreed)
REST_WORDS = frozenset(_split("rest remaining remains remainder leftover left baki baaki bacha bache bachi बाकी बचा बचे "
                              "बची"))
# "cancel the courier booking of order 16", "order 16 ki booking cancel karo": the booking, not the order
BOOKING_WORDS = frozenset(_split("booking bookings बुकिंग awb"))
# a courier called for an order's parcel, said without "book": a pickup or courier word with a word for calling it
PICKUP_WORDS = frozenset(_split("pickup pick-up पिकअप"))
CALL_WORDS = frozenset(_split("bulao bulwao bulaao bula bulana arrange schedule call बुलाओ बुलवाओ बुलाना"))
# a booking made once more ("courier dobara book karo", "book the courier again", "कूरियर फिर से बुक करो"): a rebooking
# (issue 15, seventh session: the eighth set read "dobara book" as a new booking)
AGAIN = re.compile(r"\b(?:again|once more|one more time|afresh|anew|re-?book(?:ed|ing)?|dobara|dubara|dobaara|"
                   r"doobara|dubaara|phir se|fir se|phirse|firse|ek (?:baar|bar) (?:aur|phir|fir))\b|दोबारा|दुबारा|"
                   r"फिर से|फिरसे|पुनः|एक बार (?:और|फिर)")
# words that take something away: with a booking the booking is cancelled ("booking hata do", "remove the courier
# booking"); with what remains of an order, the rest is ("drop the remaining items of order 38", "baaki maal hata do")
REMOVE_WORDS = frozenset(_split("remove removed drop delete deleted scrap undo void withdraw forget hata hatao "
                                "hataa hatana nikal nikalo khatam khatm हटा हटाओ हटादो हटाना हटाएं निकाल निकालो "
                                "खत्म ख़त्म"))
LEFT_WORDS = frozenset(_split("left leftover leftovers remainder remaining bachi bacha bache baki baaki बाकी बचा बचे "
                              "बची"))
# the order reached its buyer ("order 40 reached the customer, paid cash", "order 12 customer ko mil gaya", "ऑर्डर
# 31 दे दिया, यूपीआई से पैसे आ गए"): delivered (and paid, when a way of paying is said)
HANDED_WORDS = frozenset(_split("reached reach reaches received receive got gets mil mila mili mile milgaya handed "
                                "saunp saunpa सौंप सौंपा मिल मिला मिली मिले"))
GAVE_WORDS = frozenset(_split("gave given diya de dediya दिया दे"))  # handed over: delivered only when also paid
BUYER_WORDS = frozenset(_split("customer customers costumer custmer buyer buyers grahak graahak ग्राहक "
                               "kharidar खरीदार"))
PAYING_WORDS = frozenset(_split("paid pay payment paisa paise collected पैसे पैसा भुगतान पेमेंट"))
SUPPLY_WORDS = frozenset(_split("supplier suppliers distributor distributors vendor wholesaler po purchase maal "
                                "सप्लायर"))
PART_PHRASES = re.compile(r"\b(?:me se|mein se|main se|out of)\b|में से")
ORDER_PHRASE = re.compile(r"(?:\b(?:order|ordr|oder|ordar)\b|ऑर्डर|आर्डर)\s*(?:no\.?|number|num|#|नंबर)?\s*#?\d+"
                          r"|\b[a-z]{2,4}-\d{3,}\b|\d{3}-\d{7}-\d{7}")
BACK = re.compile(r"\b(?:came|come|comes|is|are|got|has come|was sent|sent) back\b")
# how a customer paid at the door ("UPI se diya", "नकद मिला")
PAYMENT_WORDS = {**{w: "upi" for w in _split("upi यूपीआई gpay phonepe paytm")},
                 **{w: "cash" for w in _split("cash nakad naqad nagad नकद नगद कैश")}}
PAID_WORDS = frozenset(_split("diya diye di de paid pay aaya aaye aa mila mile mil दिया दिए दी दे मिला मिले आया आए"))
# "don't cancel order 12", "order 12 cancel mat karo": a step said with a negation next to it is no command
NEGATIONS = frozenset(_split("dont don't not never mat मत nahi nahin नहीं"))
NEGATION_REACH = 2
NEED_WORDS = frozenset(_split("zarurat jarurat zaroorat jaroorat chahiye जरूरत ज़रूरत चाहिए needed"))
# a question about an order, not a command ("has it shipped?", "order 12 ka kya status hai")
QUESTION_WORDS = frozenset(_split("where when why status kya kab kahan kaha yet क्या कब कहां कहाँ क्यों स्थिति kyun kyu"))
# an English question starts with its verb ("has AMZ-40211 shipped?"); inside a sentence it tells a fact ("AMZ-40211
# has been handed to DTDC")
WHY = frozenset(_split("why kyon kyun kyu क्यों क्यूं"))
QUESTION_STARTS = frozenset(_split("has have did does is was were"))
CARRIERS: dict[str, str] = {
    "delhivery": "Delhivery", "dilivery": "Delhivery", "डेल्हीवरी": "Delhivery", "डेलहीवरी": "Delhivery",
    "blue dart": "Blue Dart", "bluedart": "Blue Dart", "ब्लू डार्ट": "Blue Dart", "dtdc": "DTDC", "डीटीडीसी": "DTDC",
    "ekart": "Ekart", "ईकार्ट": "Ekart", "india post": "India Post", "speed post": "India Post",
    "इंडिया पोस्ट": "India Post", "स्पीड पोस्ट": "India Post", "xpressbees": "Xpressbees", "xpress bees": "Xpressbees",
    "ecom express": "Ecom Express", "shadowfax": "Shadowfax", "shiprocket": "Shiprocket", "dunzo": "Dunzo",
    # the rest in Devanagari as a Hindi message writes them (normalised: no nukta; after the ninth set)
    "एक्सप्रेसबीज": "Xpressbees", "एक्सप्रेस बीज": "Xpressbees", "एक्सप्रेसबीस": "Xpressbees",
    "ब्लूडार्ट": "Blue Dart", "डेल्हिवरी": "Delhivery", "दिल्लीवरी": "Delhivery",
    "ईकॉम एक्सप्रेस": "Ecom Express", "ईकोम एक्सप्रेस": "Ecom Express", "शैडोफैक्स": "Shadowfax",
    "शिपरॉकेट": "Shiprocket", "शिपराकेट": "Shiprocket", "डंजो": "Dunzo", "ई कार्ट": "Ekart",
}
TRACKING = re.compile(r"(?:awb|एडब्ल्यूबी|tracking|ट्रैकिंग|docket|consignment)\s*(?:no\.?|number|num|id|नंबर|:|#)?\s*"
                      r"([a-z0-9][a-z0-9-]{1,29})", re.IGNORECASE)

# a substitute for an item a home delivery is short of ("Ramesh ke order mein maggi nahi hai, yippee de do", "give
# ramesh yippee instead of maggi", "रमेश के ऑर्डर में मैगी की जगह यिप्पी दे दो"): app/assistant/substitutes.py
SUBSTITUTE_WORDS = frozenset(_split("substitute substitution instead replace replacement jagah badle badley जगह बदले "
                                    "विकल्प"))
SHORT_WORDS = frozenset(_split("short khatam khatm nahi nahin नहीं नही ख़त्म खत्म"))
GIVE_WORDS = frozenset(_split("de dedo give send offer bhejo bhej दे दो भेजो"))
# the item after "instead of" is the one short; the one before "ki jagah" is
INSTEAD_OF = re.compile(r"\b(?:instead of|in place of)\b")
IN_ITS_PLACE = re.compile(r"\b(?:ki jagah|ke badle|ke badley)\b|की जगह|के बदले")
# "Ramesh ne haan bola", "ramesh agreed to the substitute", "रमेश मान गया": the customer's answer, told by the seller
AGREED = re.compile(r"\b(?:maan gaya|maan gayi|man gaya|man gayi|agreed|said yes|haan bola|haan kaha|ha bola)\b"
                    r"|मान गया|मान गई|हाँ कहा|हां कहा|हाँ बोला|हां बोला")
REFUSED = re.compile(r"\b(?:said no|refused|mana kar diya|mana kiya|nahi chahiye|nahi mana|nahi maana)\b"
                     r"|मना कर दिया|मना किया|नहीं चाहिए|नहीं माना")
DELIVERY_WORDS = frozenset(_split("ghar ghr home house deliver delivered delivery deliveri dilevery pahuncha pahucha "
                                  "pahunchao pahuchao pahuncha bhijwa bhijwao bhijwado घर डिलीवरी डिलिवरी पहुंचा "
                                  "पहुंचाओ भिजवा भिजवाओ"))
# "drop 3 maggi at mohan lal's place", "kavita needs sugar at her place"
AT_THEIR_PLACE = re.compile(r"\b(?:at|to) (?:\S+ ){0,3}place\b")
SEND_WORDS = frozenset(_split("bhejo bhej bhejna bhijwa bhijwao send भेजो भेज भेजना भिजवा"))
PIECES = re.compile(r"\s*(?:,|;|\+|&|\band\b|\baur\b|\bor\b(?=\s+\d)|और|तथा|:)\s*")

SEGMENTS: dict[str, str] = {
    "stopped coming": "lapsed", "stopped visiting": "lapsed", "not come": "lapsed", "haven't come": "lapsed",
    "haven t come": "lapsed", "havent come": "lapsed", "hasn t come": "lapsed", "didn t come": "lapsed",
    "in a while": "lapsed", "not been in": "lapsed",
    "lapsed": "lapsed", "old customers": "lapsed", "purane grahak": "lapsed", "purane grahakon": "lapsed",
    "पुराने ग्राहक": "lapsed", "पुराने ग्राहकों": "lapsed", "aana band": "lapsed", "ana band": "lapsed",
    "आना बंद": "lapsed", "all customers": "all", "all my customers": "all", "every customer": "all",
    "everyone": "all", "everybody": "all", "sabko": "all", "sab ko": "all", "सबको": "all", "सब को": "all",
    "sab grahak": "all", "sab grahakon": "all", "sabhi grahak": "all", "sabhi grahakon": "all",
    "सभी ग्राहक": "all", "सभी ग्राहकों": "all", "सब ग्राहकों": "all", "regular": "regulars", "regulars": "regulars",
    "regular customers": "regulars", "pakke grahak": "regulars", "pakke grahakon": "regulars",
    "पक्के ग्राहक": "regulars", "पक्के ग्राहकों": "regulars", "नियमित ग्राहकों": "regulars",
    "big customers": "high_value", "bade grahak": "high_value", "bade grahakon": "high_value",
    "बड़े ग्राहकों": "high_value", "new customers": "new", "naye grahak": "new", "naye grahakon": "new",
    "नए ग्राहकों": "new", "udhaar wale": "khata_dues", "udhar wale": "khata_dues",
}
CUSTOMER_NOUNS = frozenset(_split("customer customers custmer custmers costumers grahak grahako grahakon grahkon "
                                  "graahak graahakon log logon logo people ग्राहक ग्राहकों लोग लोगों"))
GROUP_WORDS: dict[str, str] = {
    **{w: "all" for w in _split("all sab sabhi saare sare sara every har सब सभी सारे हर")},
    **{w: "lapsed" for w in _split("purane purana old पुराने")},
    **{w: "regulars" for w in _split("regular pakke niyamit roz पक्के नियमित रोज़")},
    **{w: "new" for w in _split("naye new नए नये")},
    **{w: "high_value" for w in _split("bade big बड़े")},
}
DUES_WORDS = frozenset(_split("owe owes udhaar udhar udhari baki baaki bakaya उधार बकाया बाकी"))
WHO_WORDS = frozenset(_split("who jinka jinke jinki jo जिनका जिनके जिनकी जो "
                             # "everyone with dues", "जिन पर उधार बाकी है उन्हें" (seventh session, by kind)
                             "jin jinpe jinpar jinhe jinhone जिन जिन्हें उन्हें unhe unko those everyone everybody "
                             "anyone"))
MESSAGE_WORDS = frozenset(_split("message messages msg whatsapp campaign campaigns sms sandesh massage "
                                 "संदेश मैसेज व्हाट्सएप व्हाट्सऐप कैंपेन"))
QUESTIONS_OF_CAMPAIGNS = frozenset(_split("how kaisa kaise result kitne kitna did कैसा कितने"))


# "campaign 3 chalu karo", "send the Diwali campaign", "अभियान 3 भेजो", "stop campaign 3": a planned campaign sent,
# or a running one stopped (app/assistant/campaign_steps.py; the sixth session)
CAMPAIGN_NOUNS = frozenset(_split("campaign campaigns campain campaing abhiyan abhiyaan अभियान कैंपेन कैम्पेन"))
CAMPAIGN_SEND = frozenset(_split("send bhejo bhej bhejna bhejdo start chalu chaalu shuru launch run approve manzoor "
                                 "भेजो भेजें भेज भेजना चालू शुरू chalao चलाओ"))
CAMPAIGN_STOP = frozenset(_split("stop band bandh roko rok pause बंद रोको रोक रोकें"))
NUMBERED = frozenset(_split("wala wale wali वाला वाले वाली"))  # "3 number wala campaign"
CAMPAIGN_FILLER = frozenset(_split("the a my our this that ka ki ke ko karo kar kardo do now abhi please pls wala "
                                   "wali vala number no # का की के को करो कर दो अभी वाला वाली नंबर"))


def campaign_step(tagged: Tagged) -> dict[str, Any] | None:
    """``{"step": "campaign_send" | "campaign_stop", "campaign": number or words of its name}`` when the message
    sends or stops one campaign it names; None otherwise (a new campaign to a group, a question about campaigns)."""
    tokens = tagged.tokens
    words = set(tokens)
    if not words & CAMPAIGN_NOUNS or _question(tagged) or _negated(tokens, CAMPAIGN_SEND | CAMPAIGN_STOP):
        return None
    send, stop = bool(words & CAMPAIGN_SEND), bool(words & CAMPAIGN_STOP)
    if send == stop or campaign_segment(tagged) or tagged.percents or tagged.amounts:
        return None  # neither or both; or "send a campaign to my regulars", "start a campaign on maggi 10% off": new
    step = "campaign_send" if send else "campaign_stop"
    for position, token in enumerate(tokens):
        if token not in CAMPAIGN_NOUNS:
            continue
        near = [t for t in tokens[position + 1:position + 3] if t not in NUMBER_WORDS][:1]
        near += [t for t in tokens[max(0, position - 3):position] if t not in NUMBER_WORDS | NUMBERED][-1:]
        for candidate in near:
            if candidate.isdigit() and 0 < int(candidate) < 10 ** 9:
                return {"step": step, "campaign": str(int(candidate))}
    named = [t for t in tokens if t not in CAMPAIGN_NOUNS | CAMPAIGN_SEND | CAMPAIGN_STOP | CAMPAIGN_FILLER
             and not t.isdigit()]
    return {"step": step, "campaign": " ".join(named)} if named else None


# an order put in its box, said with the box ("box up order 12", "get order 12 boxed"): packed; "box" alone is a
# unit ("order 20 box maggi" buys), and "order 12 dabbe mein band karo" reads its number as boxes, so not that
BOXED = re.compile(r"\bbox(?:ed)? (?:it |them )?up\b|\bboxed\b")


def order_step(tagged: Tagged, index: CatalogIndex | None = None) -> dict[str, Any] | None:
    """``{"order_id", "step", "carrier"?, "tracking"?}`` when the message is a step of an order, else None.
    An order number no shop has ("order 99999999999999") leaves ``order_id`` out (the gate then asks)."""
    tokens = tagged.tokens
    steps = {STEPS[t] for t in tokens if t in STEPS}
    rest_refused = _rest_refused(tokens)
    if rest_refused:
        steps = {"cancel"}  # "order 17 ka bacha maal mat bhejo", "don't ship the rest of order 12": the rest cancelled
    elif _negated(tokens, STEPS):
        return None
    norm = tagged.norm
    if re.search(r"\bcall(?:ed|ing)? off\b", norm):
        steps.add("cancel")
    if not steps and TAKE_IT.search(norm) and not set(tokens) & PAYING_WORDS and tagged.catalog.best is None:
        steps.add("accept")  # "order 12 le lo", "ऑर्डर 12 ले लीजिए": the order taken on
    if re.search(r"\bhanded (?:over )?to\b", norm):
        steps.add("ship")
    if BACK.search(norm):
        steps.add("return")
    if BOXED.search(norm):
        steps.add("pack")  # "box up order 108" (after the tenth set: read as a reorder of 108)
    part = PART_NO.search(norm)
    if part and set(tokens) & DAMAGED_WORDS and set(tokens) & ARRIVED_WORDS:
        steps.add("return")  # "order 123 ka part 2 toot ke aaya": came broken is a return, even unsaid
    if not steps and set(tokens) & (COURIER_WORDS | PICKUP_WORDS) and set(tokens) & CALL_WORDS:
        steps.add("book")  # "order 25 ke liye courier bulao", "arrange a courier pickup for order 25" (sixth session)
    if {t for t in tokens if STEPS.get(t) == "ship"} == {"send"} and set(tokens) & MESSAGE_WORDS:
        steps.discard("ship")  # "send a message about order 12" ships nothing
    if _question(tagged):
        return None
    order_id, named = _order_id(tagged)
    if not named:
        return None
    carrier = _carrier(tagged)
    tracking = TRACKING.search(tagged.text)
    words = set(tokens)
    if "return" in steps:  # "return received", "order 18 ka return mil gaya", "वापस आ गया"
        steps, carrier, tracking = {"return"}, None, None
        which = {"part": int(part.group(1))} if part else {}  # one part booked on its own, not the whole order
        if words & DAMAGED_WORDS:  # written off at once, the seller's own words kept as the reason
            return {"step": "return", **({"order_id": order_id} if order_id is not None else {}), **which,
                    "damaged": " ".join(tagged.text.split())[:200]}
        if which:
            return {"step": "return", **({"order_id": order_id} if order_id is not None else {}), **which}
    elif steps <= {"deliver", "ship"} and _reached_buyer(tagged, words):
        steps, carrier, tracking = {"deliver"}, None, None  # "order 18 handed to the customer, he paid upi"
    elif "rebook" in steps or (words & COURIER_WORDS and words & ANOTHER_WORDS) or (
            "book" in steps and AGAIN.search(norm)):  # "order 42 ka courier dobara book karo"
        steps, tracking = {"rebook"}, None  # the carrier named is the one wanted instead ("change it to blue dart")
    elif "book" in steps and words & REMOVE_WORDS and not words & LEFT_WORDS:
        steps, carrier, tracking = {"cancel_booking"}, None, None  # "order 45 ki courier booking hata do"
    elif steps == {"cancel"} and words & REST_WORDS and not words & (COURIER_WORDS | BOOKING_WORDS):
        steps = {"cancel_rest"}
    elif steps <= {"cancel"} and (words & REMOVE_WORDS or rest_refused) and words & (REST_WORDS | LEFT_WORDS) \
            and not words & (COURIER_WORDS | BOOKING_WORDS):
        steps = {"cancel_rest"}  # "drop the remaining items of order 38", "order 20 ka baaki maal hata do"
    elif "cancel" in steps and steps <= {"cancel", "book"} and words & (COURIER_WORDS | BOOKING_WORDS | {"book"}):
        steps, carrier, tracking = {"cancel_booking"}, None, None  # the booking goes, the order stays
    elif "book" in steps and not tracking:  # "book delhivery for order 12": a booking, the carrier is the aggregator's
        steps, carrier = {"book"}, None
    elif carrier or tracking:
        steps.add("ship")
    if len(steps) != 1:  # none, or "accept and cancel": not a step we can read
        if not ({"ship"} <= steps and len(steps) == 2 and "accept" in steps):
            return None
        steps = {"ship"}  # "confirm and dispatch order 5": shipping accepts first
    slots: dict[str, Any] = {"step": steps.pop()}
    if order_id is not None:
        slots["order_id"] = order_id
    if carrier:
        slots["carrier"] = carrier
    if tracking:
        slots["tracking"] = tracking.group(1).upper()
    payment = _payment(tagged)
    if payment and slots["step"] == "deliver":
        slots["payment"] = payment
    if slots["step"] == "ship" and tagged.catalog.best is not None and (
            words & PART_WORDS or PART_PHRASES.search(norm)) and index is not None:
        # some units of the order now ("ship only 2 maggi of order 12"): its lines, read without the order's number
        now = [piece for piece in PIECES.split(ORDER_PHRASE.sub(" ", norm)) if not set(_split(piece)) & LATER_WORDS]
        lines, dropped, _unclear = delivery_lines(" , ".join(now), index)
        slots.update(step="ship_part", lines=lines)
        if dropped:
            slots["_dropped"] = dropped
    return slots


def _reached_buyer(tagged: Tagged, words: set[str]) -> bool:
    """The order came into its buyer's hands ("reached the customer", "customer ko mil gaya", "received by the
    buyer"), or was handed over and paid for ("order 36 reached, payment done on upi", "दे दिया, यूपीआई से पैसे आ गए");
    never a purchase order come in from a supplier."""
    if not words & (HANDED_WORDS | GAVE_WORDS) or words & SUPPLY_WORDS:
        return False
    paid = bool(words & PAYING_WORDS or _payment(tagged))
    return paid or bool(words & BUYER_WORDS and words & HANDED_WORDS)


def substitute_request(tagged: Tagged, index: CatalogIndex | None) -> dict[str, Any] | None:
    """``{"step": "substitute", "order_id" | "customer", "item", "substitute"?}`` when the seller says a home
    delivery is short of an item and names what to offer instead (or asks for one: "kuch aur de do");
    ``{"step": "substitute_answer", ..., "yes"}`` when the seller tells the customer's answer to the question asked.
    Only a reading: the order, the item and the candidate are checked when the offer is made."""
    words = set(tagged.tokens)
    norm = tagged.norm
    if index is None or _question(tagged):
        return None
    order_id, named = _order_id(tagged)
    who: dict[str, Any] = {}
    if named and order_id is not None:
        who["order_id"] = order_id
    elif len(tagged.customers) == 1 and not named:
        who["customer"] = tagged.customers[0].name
    else:
        return None
    said_yes, said_no = bool(AGREED.search(norm)), bool(REFUSED.search(norm))
    if words & SUBSTITUTE_WORDS and said_yes != said_no:  # "Ramesh substitute ke liye maan gaya"
        return {"step": "substitute_answer", **who, "yes": said_yes}
    if not (words & SUBSTITUTE_WORDS or INSTEAD_OF.search(norm) or IN_ITS_PLACE.search(norm)
            or (words & SHORT_WORDS and words & GIVE_WORDS)):
        return None
    text = ORDER_PHRASE.sub(" ", norm)
    found: list[tuple[str, bool]] = []  # (item, said short) in the order said
    reversed_roles = False
    for piece in re.split(r"\s*(?:,|;|\band\b|\baur\b|और)\s*", text):
        marked = INSTEAD_OF.search(piece) or IN_ITS_PLACE.search(piece)
        halves = [piece[:marked.start()], piece[marked.end():]] if marked else [piece]
        reversed_roles = reversed_roles or bool(marked and INSTEAD_OF.search(piece))
        for half in halves:
            best = tag(half, index).catalog.best if half.strip() else None
            if best is not None and best.sku not in [sku for sku, _short in found]:
                found.append((best.sku, bool(set(_split(half)) & SHORT_WORDS)))
    if not found or len(found) > 2:
        return None
    explicit = bool(words & SUBSTITUTE_WORDS or INSTEAD_OF.search(norm) or IN_ITS_PLACE.search(norm))
    if not explicit and (len(found) != 2 or [short for _sku, short in found].count(True) != 1):
        return None  # "order 12 me se 3 maggi bhejo, baki nahi": a part shipped, no substitute
    # "give yippee instead of maggi", "yippee de do, maggi nahi hai": the second named is the one short
    if len(found) == 2 and (reversed_roles or (found[1][1] and not found[0][1])):
        found.reverse()
    slots = {"step": "substitute", **who, "item": found[0][0]}
    if len(found) == 2:
        slots["substitute"] = found[1][0]
    return slots


def _payment(tagged: Tagged) -> str | None:
    return next((PAYMENT_WORDS[t] for t in tagged.tokens if t in PAYMENT_WORDS), None)


def paid_at_the_door(tagged: Tagged) -> dict[str, Any] | None:
    """``{"step": "deliver", "customer", "payment"}`` for "Ramesh ne UPI se diya": one known customer paid, in cash
    or by UPI, with no amount (an amount is a khata payment: "Ramesh ne UPI se 200 diye"); their order on its way
    is found when the offer is made."""
    payment = _payment(tagged)
    if (payment is None or len(tagged.customers) != 1 or not set(tagged.tokens) & PAID_WORDS or tagged.numbers
            or _question(tagged) or _negated(tagged.tokens, PAID_WORDS)):
        return None
    return {"step": "deliver", "customer": tagged.customers[0].name, "payment": payment}


def order_question(tagged: Tagged) -> dict[str, Any] | None:
    """``{"order_id"}`` for a question about one named order ("track AMZ-77120", "AMZ-40211 kahan tak pahuncha",
    "did PO/2026-27/0002 come in"): where it is, read by rule like its steps (a "why" is no status question)."""
    tokens = set(tagged.tokens)
    if not (_question(tagged) or tokens & {"track", "tracking", "ट्रैक"}) or tokens & WHY:
        return None
    order_id, named = _order_id(tagged)
    return {"order_id": order_id} if named and order_id is not None else None


def negated_step(tagged: Tagged) -> bool:
    """A step of a named order said with a negation ("order 12 cancel mat karo", "don't ship AMZ-40211"): a no to
    that step, never a command (and never the number of an approval request to answer)."""
    return _negated(tagged.tokens, STEPS) and not _rest_refused(tagged.tokens) and _order_id(tagged)[1]


def _rest_refused(tokens: list[str]) -> bool:
    """What remains of an order is not to be shipped ("baaki maal mat bhejo", "don't ship the rest"), and no other
    step is refused: the rest is to be cancelled."""
    words = set(tokens)
    if not words & (REST_WORDS | LEFT_WORDS) or words & (COURIER_WORDS | BOOKING_WORDS):
        return False
    refused = set()
    for position, token in enumerate(tokens):  # a negation belongs to the step word nearest it ("mat bhejo, cancel")
        if token in NEGATIONS:
            steps = [(abs(p - position), STEPS[t]) for p, t in enumerate(tokens)
                     if t in STEPS and abs(p - position) <= NEGATION_REACH]
            if steps:
                refused.add(min(steps)[1])
    return refused == {"ship"}


def _negated(tokens: list[str], verbs: dict[str, str] | frozenset[str]) -> bool:
    """A negation within two words of one of ``verbs`` ("mat karo" after it, "don't" before it); a negation that
    says what is not needed is not the verb's ("baaki ki zarurat nahi, cancel karo" cancels)."""
    for position, token in enumerate(tokens):
        if token in verbs:
            start = max(0, position - NEGATION_REACH)
            near = [t for at, t in enumerate(tokens[start:position + NEGATION_REACH + 1], start)
                    if not (at > 0 and tokens[at - 1] in NEED_WORDS)]
            if set(near) & NEGATIONS or (position > 0 and tokens[position - 1] == "do" and "not" in near):
                return True
    return False


def _question(tagged: Tagged) -> bool:
    tokens = tagged.tokens
    return bool(set(tokens) & QUESTION_WORDS) or "?" in tagged.text or (bool(tokens) and tokens[0] in QUESTION_STARTS)


def _order_id(tagged: Tagged) -> tuple[str | None, bool]:
    """The order the message names (None when its number is absurd) and whether it names one at all."""
    if tagged.order_ref:
        return tagged.order_ref, True
    tokens = tagged.tokens
    starts = {n.start: n for n in tagged.numbers}
    for position, token in enumerate(tokens):
        if token not in ORDER_WORDS:
            continue
        after = position + 1
        while after < len(tokens) and tokens[after] in NUMBER_WORDS:
            after += 1
        found = starts.get(after)
        if found is None:  # "16 number wala order", "38 number ka order": the number just before
            back = position - 1
            while back >= 0 and tokens[back] in NUMBER_WORDS | {"wala", "wale", "वाला", "वाले"}:
                back -= 1
            if back == position - 1 and back >= 1 and tokens[back] in OF_WORDS and tokens[back - 1] in NUMBER_WORDS:
                back -= 2  # "38 number ka order", "38 नंबर का ऑर्डर" (a number word is needed: "10 ka order" buys 10)
            found = next((n for n in tagged.numbers if n.end == back + 1), None) if back < position - 1 else None
        packing = found is not None and found.end < len(tokens) and STEPS.get(tokens[found.end]) == "pack" and \
            tagged.catalog.best is None  # "order 5 pack kar do" packs order 5; "order 5 pack maggi" buys
        if found is None or (found.end < len(tokens) and tagged.spans.get(found.end) == "unit" and not packing):
            continue  # "order 20 packets of lays" is a purchase, not an order number
        return _numbered(found, tagged), True
    hashed = next((n for n in tagged.numbers if n.start > 0 and tokens[n.start - 1] == "#"), None)
    if hashed is not None:  # "ship #12 via dtdc": the shop's own order number, written as on its bills
        return _numbered(hashed, tagged), True
    return None, ORDER in tokens


def _numbered(found, tagged: Tagged) -> str | None:
    if not found.whole or tagged.bad_number:  # "order -5", "order 2.5": no order is numbered so
        return None
    return str(int(found.value)) if plausible("order_number", found.value) else None


def _carrier(tagged: Tagged) -> str | None:
    tokens = tagged.tokens
    for size in (2, 1):
        for i in range(len(tokens) - size + 1):
            name = CARRIERS.get(" ".join(tokens[i:i + size]))
            if name:
                return name
    return None


def delivery_request(tagged: Tagged, index: CatalogIndex | None) -> dict[str, Any] | None:
    """``{"customer", "lines": [{"product", "quantity"}, ...]}`` for a home delivery to one known customer, else
    None. A line whose number no shop would mean is left out (and the gate asks)."""
    words = set(tagged.tokens)
    if index is None or len(tagged.customers) != 1 or _question(tagged):
        return None
    # "ramesh ke ghar ...", "ramesh ke yahan ... bhejo", and "ramesh ko 2 maggi bhej do": goods sent to a customer
    # (a message sent to one is no delivery: "ramesh ko maggi ka message bhejo")
    if not (words & DELIVERY_WORDS or (words & SEND_WORDS and not words & MESSAGE_WORDS)
            or AT_THEIR_PLACE.search(tagged.norm)):
        return None
    if _negated(tagged.tokens, DELIVERY_WORDS | SEND_WORDS):  # "ramesh ke ghar maggi mat bhejo"
        return None
    if tagged.catalog.best is None:
        return None
    lines, dropped, unclear = delivery_lines(tagged.norm, index)
    extra: dict[str, Any] = {"_dropped": dropped} if dropped else {}
    if unclear:
        extra["_unclear"] = unclear
    paid = {"payment": "upi"} if _payment(tagged) == "upi" else {}  # "UPI se dega": paid at the door by UPI
    return {"customer": tagged.customers[0].name, "lines": lines, **paid, **extra}


def delivery_lines(norm: str, index: CatalogIndex) -> tuple[list[dict[str, Any]], int, dict[str, Any]]:
    """The items of a delivery, one per piece of the message ("2 packet maggi aur 1 tel"); how many pieces were
    dropped for a number no shop would mean; and, when a piece names two items alike ("tel": sunflower oil or
    coconut oil?), which line that is and its candidates (the likeliest stands in the line until the seller says)."""
    lines: list[dict[str, Any]] = []
    dropped = 0
    unclear: dict[str, Any] = {}
    for piece in PIECES.split(norm):
        if not piece.strip():
            continue
        part = tag(piece, index)
        best = part.catalog.best
        if best is None:
            continue
        if part.catalog.ambiguous and not unclear:
            unclear = {"line": len(lines), "choices": [best.sku, *[m.sku for m in part.catalog.others]][:4]}
        if part.quantities:
            quantity = part.quantities[0]
        elif part.bare:
            quantity = Quantity(part.bare[0].value, None)
        else:  # "दो मैगी", "do coke": a number word that is also an everyday word counts right before the item
            first = min(best.used)
            said = part.tokens[first - 1] if first > 0 else ""
            quantity = Quantity(WORD_NUMBERS[said] if said in NEEDS_CONTEXT and said in WORD_NUMBERS
                                else Decimal(1), None)
        if part.bad_number or not plausible("quantity", quantity.value):
            dropped += 1
            continue
        if best.sku not in [line["product"] for line in lines]:
            lines.append({"product": best.sku, "quantity": quantity.text()})
    return lines, dropped, unclear


def campaign_segment(tagged: Tagged) -> str | None:
    """The group of customers a message campaign is for ("purane grahakon ko maggi ka whatsapp bhejo"), when the
    message asks for one; None otherwise (a discount offer, or a question about campaigns)."""
    words = set(tagged.tokens)
    if not words & MESSAGE_WORDS and not words & {"offer", "ऑफर"}:
        return None
    if words & QUESTIONS_OF_CAMPAIGNS or "?" in tagged.text:
        return None
    norm = " ".join(tagged.tokens)
    if words & DUES_WORDS and words & (CUSTOMER_NOUNS | WHO_WORDS):
        return "khata_dues"  # "everyone with dues": the people who owe, not everyone
    for phrase in sorted(SEGMENTS, key=len, reverse=True):
        if re.search(rf"(?:^|\s){re.escape(phrase)}(?:\s|$)", norm):
            return SEGMENTS[phrase]
    return _group_of_customers(tagged.tokens)


def _group_of_customers(tokens: list[str]) -> str | None:
    """A group said in words the table does not hold: a group word a little before a word for customers ("sab
    grahako", "purane customers", "saare log"), or people who owe ("people who owe me", "jinka udhaar baki")."""
    words = set(tokens)
    if words & DUES_WORDS and words & (CUSTOMER_NOUNS | WHO_WORDS):
        return "khata_dues"
    for position, token in enumerate(tokens):
        if token in CUSTOMER_NOUNS:
            group = next((GROUP_WORDS[t] for t in reversed(tokens[max(0, position - 3):position]) if t in GROUP_WORDS),
                         None)
            if group:
                return group
    return None
