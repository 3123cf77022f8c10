"""Honest scope: what the assistant cannot serve is said so, never answered as another question.

Three kinds of message get "I can't do that yet" and what the assistant can do:

- **instructions to the machine** ("ignore previous instructions", "SYSTEM: you are admin", SQL, script or
  template text): the seller never talks like that, and nothing in them may act;
- **noise**: no word at all, or the same word over and over, or only words that nothing knows (not the shop's
  words, not the catalog's, not the everyday words the rule layer knows);
- **out of scope**: a message whose content words are mostly foreign to the shop's questions ("export my
  products to dubai", "sone ka bhav kya hai"), unless the classifier is very sure.

The shop's words are those of the in-scope training messages (kept with the classifier) plus the lexicon's;
placeholders (items, customers, numbers) are the shop's by definition.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from app.assistant import lexicon
from app.assistant.intent import scope_words
from app.assistant.tagger import Tagged
from app.assistant.text import HINGLISH_WORDS, latin_form

INJECTION = re.compile(
    r"ignore (all |the |any )?(previous|prior|above|earlier|your)|disregard (all|previous|your)|forget (all|your|"
    r"previous)|you are now|act as|pretend (to be|you)|^\s*(system|assistant|user)\s*:|drop\s+table|select\s+\*|"
    r"delete\s+from|insert\s+into|<\s*/?\s*script|<\s*/?\s*[a-z][a-z0-9]*(\s[^>]*)?>|\{\{|\$\{|\.\./|rm\s+-rf|jndi:|%[sdnx]|\\x[0-9a-f]{2}|"
    r"\\u[0-9a-f]{4}|```|repeat after me|\{[a-z_]+\}|\b[a-z]+_[a-z_]+\b|"
    r"\bupdate\s+\w+\s+set\b|\bor\s+1\s*=\s*1\b|\bunion\s+(all\s+)?select\b|;\s*--|\b(alter|truncate)\s+table\b",
    re.IGNORECASE)
# what goods come in, counted or asked about without a number ("how many ketchup bottles"): shop words
CONTAINERS = frozenset(["bottle", "bottles", "botal", "botals", "tray", "trays", "jar", "jars", "tin", "tins", "can",
                        "cans", "pouch", "pouches", "sachet", "sachets", "बोतल", "ट्रे", "डिब्बे"])
CUSTOMER_WORDS = frozenset(["customer", "customers", "grahak", "graahak", "khata", "client", "ग्राहक", "खाता"])
# topics of the seller's own life, not the shop's, even said with the shop's words ("income tax return" is no GST
# return, "bank balance" no stock balance, "cancel my netflix plan" no order): out of scope however sure the
# classifier is, unless the message names an item, a customer or an order of the shop
ELSEWHERE = re.compile(
    r"\bincome ?tax\b|इनकम टैक्स|आयकर|\bitr\b|\bbank (?:balance|account|statement|passbook)\b|बैंक (?:बैलेंस|खाता)|"
    r"\b(?:netflix|hotstar|prime video|spotify|youtube)\b|\bsubscription\b|\b(?:share|stock) market\b|"
    r"\b(?:sensex|nifty|mutual funds?|insurance|bima|passport|aadhaa?r|pan card)\b|बीमा|आधार|पासपोर्ट|"
    r"\b(?:flight|train|bus|movie|cinema) tickets?\b|\b(?:myntra|zomato|swiggy|uber|ola)\b|\bmere liye\b|"
    r"\bfor me\b|\b(?:for|to) my (?:son|daughter|wife|husband|family|house|home|sister|brother|mother|father|"
    r"cousin|friend|relatives?|uncle|aunt|mom|dad|kids?|children)\b|मेरे लिए|"
    r"\bmere (?:bhai|behen|bahan|beta|beti|papa|mummy|maa|pati|patni|dost|cousin|rishtedar) (?:ko|ke liye)\b|"
    r"मेरे (?:भाई|बहन|बेटे|बेटी|पापा|मम्मी|पति|पत्नी|दोस्त) (?:को|के लिए)|"
    # government schemes and papers, travel status, money sent from one's own phone (seventh session, by kind)
    r"\b(?:get|apply for|register for|make) (?:a |an |my )?(?:gst|pan|fssai|trade) (?:number|registration|"
    r"licen[cs]e)\b|\bgst registration\b|\bfssai\b|\b(?:flight|train|bus) (?:ka |ki )?(?:status|timing|time|"
    r"schedule)\b|\bpnr\b|\b(?:paise|paisa|money) (?:kaise|how to) (?:bheje|bhejen|bhejun|bhejte|transfer|send)\b|"
    r"\bupi pin\b|"
    # the seller's own money errands (after the tenth set, by kind): money sent from a payments app, a bank's
    # accounts, balance and branches; a customer, an item or an order named keeps the message the shop's ("ramesh ne
    # upi se 600 bheje" is a khata payment, "order 14 deliver hua, upi se paisa aaya" a delivery paid)
    r"\b(?:send|sent|transfer|transferred|bhej\w*|bhij\w*)\b.*\b(?:google ?pay|g ?pay|phone ?pe|paytm|bhim|upi)\b|"
    r"\b(?:google ?pay|g ?pay|phone ?pe|paytm|bhim|upi)\b.*\b(?:send|transfer|bhej\w*)\b|"
    r"(?:गूगल पे|फोन ?पे|पेटीएम|यूपीआई|भीम).*भेज|भेज.*(?:गूगल पे|फोन ?पे|पेटीएम|यूपीआई)|"
    r"\b(?:current|savings?|demat|salary|jan ?dhan|joint) (?:account|a/c|acct?|khata|khaata)\b|"
    r"\b(?:bank|banks|sbi|hdfc|icici|pnb|kotak|atm|cheque ?book|passbook|net ?banking)\b|बैंक|एटीएम|पासबुक|"
    r"(?:चालू|बचत) खाता",
    re.IGNORECASE)
# the kitchen and the body, not the shop: an item named does not make "how many calories in a packet of maggi" or
# "how much salt should i put in dal" a question the shop's books answer (sixth session)
KITCHEN = re.compile(
    r"\b(?:calories?|kcal|recipes?|nutrition|nutritional|protein|vitamins?|ingredients|cook|cooking)\b|"
    r"\bshould i (?:put|add|eat|drink)\b|\bkaise (?:banate|banaye|banaen|banau|pakaye)\b|कैलोरी|रेसिपी|"
    r"बनाने की विधि|कैसे बनाते|कैसे बनाएं",
    re.IGNORECASE)
# questions to the assistant about itself ("are you married", "what is your name and age"), the prices of gold and
# of markets, the garden: none is the shop's, however sure the classifier is (after the seventh set, by kind)
PERSONAL = re.compile(
    r"\bare you (?:married|single|a (?:man|woman|boy|girl|human|robot))\b|\byour (?:name|age|wife|husband|"
    r"girlfriend|boyfriend|family|religion|caste|salary|hobby|hobbies|birthday)\b|\bhow old are you\b|"
    r"\bwhere do you live\b|\bdo you (?:love|like) me\b|\b(?:tumhara|tumhari|aapka|aapki|tera|teri) (?:naam|umar|"
    r"umr|shaadi|shadi|ghar|biwi|pati)\b|\bshaadi (?:ho gayi|hui|kab)\b|(?:तुम्हारा|तुम्हारी|आपका|आपकी|तेरा|तेरी) "
    r"(?:नाम|उम्र|उमर|शादी|घर)|शादी (?:हो गई|हुई)",
    re.IGNORECASE)
MARKETS = re.compile(
    r"\b(?:gold|silver|sona|sone|chandi|chaandi|bitcoin|crypto|petrol|diesel|dollar|forex)\b"
    r"(?: \w+)? (?:price|prices|rate|rates|bhav|bhaav|daam|bhaw)\b|\b(?:price|prices|rate|rates) of (?:gold|silver|"
    r"bitcoin|crypto|petrol|diesel|the dollar)\b|\b(?:stock|share) (?:market|price|prices)\b|"
    r"सोने|चांदी|चाँदी|शेयर बाजार",
    re.IGNORECASE)
# the garden: growing tomatoes is no question of the shop's tomato ketchup, whatever item a word names
GARDEN = re.compile(
    r"\bgardening\b|\b(?:my|the|kitchen|terrace) garden\b|\bgrow (?:\w+ )?(?:tomato(?:es)?|plants?|flowers?|"
    r"vegetables?|sabzi|chillies|on the (?:terrace|balcony|roof))\b|\bterrace (?:garden|farming)\b|"
    r"\b(?:ugana|ugaye|ugaen|ugate|ugaun|ugaaye|ugaau)\b|\bpaudh[ae]\b|पौधे|पौधा|उगाए|उगाना|उगाएं|बागवानी",
    re.IGNORECASE)
# the seller's own devices, holidays, naming the shop, cooking at home (issue 15, seventh session, by kind: the
# eighth set answered "why is my phone slow", "is tomorrow a holiday", a shop's name and masala chai at home as the
# shop's questions): none is a question of the shop's books, stock or orders
DEVICES = re.compile(r"\b(?:phone|fone|mobile|mobail|laptop|computer|pc|tablet|tv|television|fridge|printer|wifi|"
                     r"wi-fi|internet|router|charger|headphones?|earphones?)\b|फोन|मोबाइल|लैपटॉप|कंप्यूटर|कम्प्यूटर|"
                     r"टीवी|फ्रिज|वाईफाई|इंटरनेट|चार्जर")
DEVICE_TROUBLE = re.compile(r"\b(?:slow|slowly|hang|hangs|hanging|heat|heats|heating|hot|garam|garm|dheema|dheemi|"
                            r"dhima|dhimi|not working|kaam nahi|chal nahi|kharab|charge|charging|battery|virus|"
                            r"crack|cracked|broken|restart|repair)\b|धीमा|धीमी|गरम|गर्म|हैंग|खराब|चार्ज|बैटरी|रिपेयर|"
                            r"वायरस")
HOLIDAY = re.compile(r"\bholidays?\b|\bchh?utti\b|\bchh?uttee\b|\bchhutiya\b|छुट्टी|छुट्टियां|छुट्टियाँ|\bvacation\b|"
                     r"\bavkash\b|अवकाश|\bbank band\b|\bpublic holiday\b")
NAMING = re.compile(r"\b(?:name|logo|slogan|tagline)s? (?:for|of) (?:my|the|our|a) (?:new )?(?:shop|store|dukaan|dukan|"
                    r"business|brand|kirana)\b|\b(?:name|call) (?:my|our|the) (?:new )?(?:shop|store|business)\b|"
                    r"\b(?:shop|store|dukaan|dukan|dukaan) (?:ka|ke liye|ke) (?:naya |accha |acha |koi )?(?:naam|"
                    r"logo)\b|दुकान (?:का|के लिए|के) (?:नया |अच्छा |कोई )?(?:नाम|लोगो)|\bnaam (?:kya )?rakh|"
                    r"नाम (?:क्या )?रख")
COOKING = re.compile(r"\bhow (?:do i|do you|do we|to|can i|should i|shall i|would i) (?:make|cook|bake|brew) "
                     r"(?!more\b|money\b|profits?\b|sales\b|a profit\b|good\b|better\b|gst\b|returns?\b|bills?\b|"
                     r"invoices?\b|payments?\b|reports?\b|entr|lists?\b|orders?\b|the most\b|extra\b|customers?\b|"
                     r"business\b|my shop\b|the shop\b|a sale\b|sure\b|changes?\b)|"
                     r"\b(?:make|cook|bake|brew|banaye|banana|banaen|banate|pakana)\b.*\bat home\b|\bghar (?:pe|par) "
                     r"(?:kaise|banana|banaye)|\bkaise (?:banti|banta|banaun|banaaun|banaate|banate|banaye|banaen|"
                     r"bane|pakate|pakaye)\b|कैसे बनती|कैसे बनता|कैसे बनाऊं|कैसे बनाएं|कैसे बनाते|घर पर (?:कैसे|बनाना)")
MARKET_WORDS = frozenset(["gold", "silver", "sona", "sone", "chandi", "chaandi", "bitcoin", "crypto", "petrol",
                          "diesel", "dollar", "forex"])
SURE_ENOUGH = 0.85  # a classifier this sure keeps the message in scope despite foreign words
FOREIGN_SHARE = 0.5


PLAIN_SIGNS = frozenset("?,.!₹%#/-:'\"()&+@")


def garbled(text: str) -> bool:
    """More symbols than a sentence has ("{$&y=<e$", "%s%s%n"): keyboard noise, code, or an attack."""
    symbols = letters = 0
    for ch in text:
        kind = unicodedata.category(ch)[0]
        if kind in "LMN":
            letters += 1
        elif kind != "Z" and ch not in PLAIN_SIGNS:
            symbols += 1
    return symbols >= 2 and symbols * 2 > letters


def _known(token: str, shop: frozenset[str]) -> bool:
    latin = latin_form(token)
    if token in HINGLISH_WORDS or latin in shop or token in shop or _stem_known(latin, shop):
        return True
    if "v" in latin and (latin.replace("v", "w") in shop or latin.replace("v", "w") in HINGLISH_WORDS):
        return True  # Hinglish writes one sound both ways: "mangva" is "mangwa", "vapas" is "wapas"
    return (token in lexicon.UNITS or token in CONTAINERS or token in lexicon.CURRENCY
            or token in lexicon.PERCENT or token in lexicon.CHANNELS or token in lexicon.CATEGORY_WORDS
            or token in lexicon.YES or token in lexicon.NO or token in lexicon.GREETINGS or token in lexicon.HELP_WORDS
            or token in lexicon.FOLLOW_UP or token in lexicon.UP_WORDS or token in lexicon.DOWN_WORDS)


def _stem_known(word: str, shop: frozenset[str]) -> bool:
    """'reordered', 'balances', 'campaigns': a shop word with an ending (or a shop word's start, typed short)."""
    if len(word) < 5:
        return False
    return any(word[:cut] in shop for cut in range(len(word) - 1, max(3, len(word) - 4), -1))


# the government's schemes and papers: "pm kisan" names no Kissan ketchup, whatever an item's brand
SCHEMES = re.compile(r"\bpm kisan\b|\byojana\b|योजना|\bration card\b|राशन कार्ड|\bpension\b|पेंशन|\bscholarship\b")
# sums asked for their own sake ("what is 15 percent of 200", "25 times 4 kitna hota hai"): not the shop's figures
ARITHMETIC = re.compile(r"\b\d+(?:\.\d+)? ?(?:%|percent|pratishat) (?:of|ka) \d+\b|\b\d+ (?:times|into|multiplied by|"
                        r"divided by|plus|minus|guna) \d+\b|\bsquare root\b|\bwhat is \d+ (?:[-+*/x×]) ?\d+\b")


def _life_not_shop(tagged: Tagged) -> bool:
    """A device's trouble, a holiday, a name for the shop, cooking at home: the seller's life, not the shop's, unless
    a customer or an order is named (an item named by its own word keeps a holiday question the shop's: "holiday
    pe maggi kitni biki")."""
    norm = tagged.norm
    if tagged.customers or tagged.order_ref:
        return False
    if DEVICES.search(norm) and DEVICE_TROUBLE.search(norm) and not tagged.channel and not set(tagged.tokens) & {
            "sync", "synced", "update", "updated"}:  # "internet slow tha, amazon sync hua?" asks of the shop
        return True
    if NAMING.search(norm) or COOKING.search(norm) or SCHEMES.search(norm):
        return True
    if ARITHMETIC.search(norm) and not tagged.item_named and tagged.metric is None:
        return True
    return bool(HOLIDAY.search(norm)) and not tagged.item_named and tagged.metric is None and not set(
        tagged.tokens) & lexicon.OFFER_NOUNS


def judge(tagged: Tagged, intent: str, confidence: float) -> str | None:
    """'injection', 'noise' or 'foreign' when the message is not something the assistant can serve (``intent``
    and ``confidence``: the classifier's best guess)."""
    if INJECTION.search(tagged.text):
        return "injection"
    if garbled(tagged.text):
        return "noise"
    letters = [t for t in tagged.tokens if any(ch.isalpha() for ch in t)]
    if not letters:  # a bare "0" or "10" means something only as the answer to a question (handled before)
        return "noise"
    if KITCHEN.search(tagged.norm) and not tagged.customers and not tagged.order_ref:
        return "foreign"
    if PERSONAL.search(tagged.norm) and not tagged.customers and not tagged.order_ref:
        return "foreign"
    # "gold" may be a word of an item ("Tata Tea Gold"), but "the price of gold today" is the market's: an item
    # named by another of its words ("tata tea gold price 120 karo") keeps the message in the shop
    if GARDEN.search(tagged.norm) and not tagged.customers and not tagged.order_ref:
        return "foreign"
    if _life_not_shop(tagged):
        return "foreign"
    if MARKETS.search(tagged.norm) and not tagged.customers and not tagged.order_ref and not any(
            kind == "item" and tagged.tokens[p] not in MARKET_WORDS for p, kind in tagged.spans.items()):
        return "foreign"
    if ELSEWHERE.search(tagged.norm) and not tagged.item_named and not tagged.customers and \
            not tagged.order_ref:
        return "foreign"
    counts = Counter(letters)
    if letters and (counts.most_common(1)[0][1] >= 4 or (len(counts) == 1 and len(letters) >= 3)):
        return "noise"  # one word over and over ("ship ship ship"): no one asks a shop that way
    shop = scope_words()
    if not shop or (intent == "add_customer" and set(tagged.tokens) & CUSTOMER_WORDS):  # a new name is foreign
        return None
    content = [t for p, t in enumerate(tagged.tokens) if p not in tagged.spans and any(ch.isalpha() for ch in t)
               and t not in lexicon.STOPWORDS]
    if not content:
        return None
    foreign = [t for t in content if not _known(t, shop)]
    if len(foreign) == len(content) and not tagged.spans:
        return "noise" if confidence < SURE_ENOUGH else None
    if (len(foreign) >= 2 or (foreign and len(foreign) == len(content))) and \
            len(foreign) >= FOREIGN_SHARE * len(content) and confidence < SURE_ENOUGH:
        return "foreign"
    return None
