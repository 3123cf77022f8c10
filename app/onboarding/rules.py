"""What a listing must say, and how: category and HSN rules, listing text, and each marketplace's rules.

Sources: ``../shared/reference/india-commerce.md`` section 6 (Legal Metrology Rule 6 and 6(10), FSSAI,
ONDC statutory fields, Amazon.in title and image rules, Flipkart images, Meesho). HSN headings are
suggestions for the seller to confirm; the GST rate itself always comes from the dated rate table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.i18n import _

MARKETPLACES = ("amazon", "flipkart", "meesho", "ondc")
FOOD = frozenset({"staples", "oils", "spices", "sugar", "breakfast", "snacks", "biscuits", "confectionery",
                  "beverages", "dairy", "instant", "sauces", "dry_fruits"})
LOOSE = frozenset({"fresh", "loose"})  # not pre-packaged: no Legal Metrology label, no MRP

# (words in the name or on the pack, category, HSN heading); the first match wins, so specific words come first
KEYWORD_RULES: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("toothpaste", "tooth paste", "dant manjan", "red paste", "toothbrush"), "oral_care", "3306"),
    (("shampoo", "hair oil", "coconut oil", "conditioner", "hair"), "hair_care", "3305"),
    (("detergent", "washing powder", "dishwash", "toilet cleaner", "floor cleaner", "bleach"), "household", "3402"),
    (("mosquito", "repellent", "refill", "coil", "agarbatti", "incense"), "home_needs", "3808"),
    (("diaper", "baby powder", "baby", "cerelac"), "baby", "3304"),
    (("soap", "body wash", "handwash", "face wash"), "personal_care", "3401"),
    (("cream", "lotion", "talc", "powder puff", "deodorant"), "personal_care", "3304"),
    (("biscuit", "cookie", "cookies", "rusk", "cake", "choco fills", "wafer"), "biscuits", "1905"),
    (("noodles", "pasta", "vermicelli", "seviyan"), "instant", "1902"),
    (("soup", "ready to eat", "instant mix"), "instant", "2104"),
    (("chips", "bhujia", "namkeen", "kurkure", "munch", "mixture", "sev"), "snacks", "2106"),
    (("chocolate", "dairy milk", "kitkat"), "confectionery", "1806"),
    (("toffee", "candy", "lollipop", "mint"), "confectionery", "1704"),
    (("ketchup", "sauce"), "sauces", "2103"),
    (("pickle", "achar", "achaar"), "sauces", "2001"),
    (("jam",), "sauces", "2007"),
    (("tea", "chai"), "breakfast", "0902"),
    (("coffee",), "breakfast", "0901"),
    (("corn flakes", "cornflakes", "muesli", "oats", "poha"), "breakfast", "1904"),
    (("malt", "bournvita", "horlicks"), "breakfast", "1901"),
    (("water", "mango drink", "juice", "soft drink", "cola", "soda"), "beverages", "2202"),
    (("ghee", "butter"), "dairy", "0405"),
    (("milk powder",), "dairy", "0402"),
    (("milk",), "dairy", "0401"),
    (("paneer",), "dairy", "0406"),
    (("curd", "dahi", "lassi"), "dairy", "0403"),
    (("cheese",), "dairy", "0406"),
    (("mustard oil", "sunflower oil", "refined oil", "groundnut oil", "blended oil", "edible oil", "oil"), "oils",
     "1515"),
    (("salt", "namak"), "spices", "2501"),
    (("turmeric", "haldi", "chilli", "mirch", "masala", "jeera", "cumin", "coriander", "dhania", "pepper"), "spices",
     "0910"),
    (("sugar", "chini", "cheeni"), "sugar", "1701"),
    (("jaggery", "gur"), "sugar", "1701"),
    (("atta", "maida", "besan", "suji", "sooji", "flour"), "staples", "1101"),
    (("rice", "chawal", "basmati"), "staples", "1006"),
    (("dal", "daal", "toor", "arhar", "moong", "chana", "masoor", "urad", "rajma"), "staples", "0713"),
    (("almond", "badam", "cashew", "kaju", "raisin", "kishmish", "pista", "walnut"), "dry_fruits", "0802"),
    (("onion", "potato", "tomato", "vegetable"), "fresh", "0703"),
    (("banana", "apple", "orange", "mango", "fruit"), "fresh", "0803"),
    (("egg", "eggs", "anda"), "fresh", "0407"),
)
# a default HSN heading per category, when no word on the pack is more specific
CATEGORY_HSN = {
    "staples": "1006", "oils": "1515", "spices": "0910", "sugar": "1701", "breakfast": "0902", "snacks": "2106",
    "biscuits": "1905", "confectionery": "1704", "beverages": "2202", "dairy": "0405", "instant": "1902",
    "sauces": "2103", "dry_fruits": "0802", "personal_care": "3401", "oral_care": "3306", "hair_care": "3305",
    "household": "3402", "home_needs": "3808", "baby": "3304", "fresh": "0709", "loose": "1006",
}

UNITS_HI = {"g": "ग्राम", "kg": "किलो", "ml": "मि.ली.", "l": "लीटर", "pcs": "पीस"}
# enough of a kirana's vocabulary to write a Hindi title; words we do not know stay as written
GLOSSARY_HI = {
    "biscuits": "बिस्कुट", "biscuit": "बिस्कुट", "glucose": "ग्लूकोज़", "cookies": "कुकीज़", "cashew": "काजू",
    "chocolate": "चॉकलेट", "cream": "क्रीम", "noodles": "नूडल्स", "masala": "मसाला", "atta": "आटा", "wheat": "गेहूं",
    "whole": "साबुत", "rice": "चावल", "basmati": "बासमती", "dal": "दाल", "toor": "तूर", "oil": "तेल",
    "mustard": "सरसों", "sunflower": "सूरजमुखी", "refined": "रिफाइंड", "coconut": "नारियल", "butter": "मक्खन",
    "ghee": "घी", "pure": "शुद्ध", "salt": "नमक", "iodised": "आयोडीन युक्त", "sugar": "चीनी", "tea": "चाय",
    "coffee": "कॉफ़ी", "instant": "इंस्टेंट", "milk": "दूध", "water": "पानी", "drinking": "पीने का",
    "packaged": "पैकेज्ड", "mango": "आम", "drink": "पेय", "tomato": "टमाटर", "ketchup": "केचप", "pickle": "अचार",
    "almonds": "बादाम", "soap": "साबुन", "toothpaste": "टूथपेस्ट", "shampoo": "शैम्पू", "detergent": "डिटर्जेंट",
    "powder": "पाउडर", "bar": "बार", "cleaner": "क्लीनर", "toilet": "टॉयलेट", "baby": "बेबी", "chips": "चिप्स",
    "potato": "आलू", "salted": "नमकीन", "bhujia": "भुजिया", "aloo": "आलू", "corn": "कॉर्न", "flakes": "फ्लेक्स",
    "garam": "गरम", "chilli": "मिर्च", "red": "लाल", "turmeric": "हल्दी", "onion": "प्याज", "eggs": "अंडे",
    "fresh": "ताज़ा", "and": "और", "with": "के साथ", "strong": "मज़बूत", "long": "लंबे", "original": "ओरिजिनल",
    "classic": "क्लासिक", "premium": "प्रीमियम", "leaf": "पत्ती", "sauce": "सॉस", "noodle": "नूडल", "lemon": "नींबू",
    "dishwash": "बर्तन धोने का", "cereal": "सीरियल", "apple": "सेब",
}

AMAZON_TITLE_MAX = 200
AMAZON_BANNED = "!$?_{}^¬¦"
PROMOTIONAL = ("best seller", "bestseller", "best price", "free", "sale", "offer", "discount", "cheapest", "hot deal",
               "limited time", "100% guaranteed", "buy now", "deal of the day", "lowest price")
# articles, prepositions and conjunctions may repeat in an Amazon title
TITLE_SMALL_WORDS = frozenset({"a", "an", "the", "of", "in", "on", "for", "with", "and", "or", "to", "by", "from",
                               "at", "&"})
MIN_IMAGE_SIDE = 500
ZOOM_IMAGE_SIDE = 1000
AMAZON_FILL = 0.85


@dataclass(frozen=True, slots=True)
class ComplianceIssue:
    marketplace: str  # amazon | flipkart | meesho | ondc | legal_metrology | fssai
    rule: str
    message: str
    blocking: bool  # a marketplace would refuse the listing (or the law forbids it) until this is fixed


def category_from_words(text: str) -> tuple[str, str] | None:
    """(category, HSN heading) from the words of a name or a pack, or ``None``."""
    low = f" {text.lower()} "
    for words, category, hsn in KEYWORD_RULES:
        for word in words:
            if re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", low):
                return category, hsn
    return None


def to_hindi(text: str) -> str:
    """Word by word from the glossary; brand names and unknown words stay as they are."""
    out = []
    for word in text.split():
        bare = word.strip(",.()").lower()
        out.append(GLOSSARY_HI.get(bare, word))
    return " ".join(out)


def clean_title(text: str) -> str:
    """Amazon's title rules applied: no banned characters, no promotional phrases, no word more than twice."""
    for ch in AMAZON_BANNED:
        text = text.replace(ch, " ")
    for phrase in PROMOTIONAL:
        text = re.sub(rf"(?i)(?<![a-z]){re.escape(phrase)}(?![a-z])", " ", text)
    counts: dict[str, int] = {}
    words = []
    for word in text.split():
        key = word.lower().strip(",.-")
        counts[key] = counts.get(key, 0) + 1
        if key in TITLE_SMALL_WORDS or counts[key] <= 2:
            words.append(word)
    title = " ".join(words).strip(" ,-")
    title = re.sub(r"\s+,", ",", title)
    if len(title) > AMAZON_TITLE_MAX:
        title = title[:AMAZON_TITLE_MAX].rsplit(" ", 1)[0].rstrip(" ,-")
    return title


def title_problems(title: str) -> list[str]:
    problems = []
    if not title.strip():
        problems.append(_("The title is empty."))
    if len(title) > AMAZON_TITLE_MAX:
        problems.append(_("The title is longer than {n} characters.").format(n=AMAZON_TITLE_MAX))
    if any(ch in title for ch in AMAZON_BANNED):
        problems.append(_("The title has characters Amazon does not allow ({chars}).").format(chars=AMAZON_BANNED))
    low = title.lower()
    for phrase in PROMOTIONAL:
        if re.search(rf"(?<![a-z]){re.escape(phrase)}(?![a-z])", low):
            problems.append(_("The title has a promotional phrase: '{p}'.").format(p=phrase))
    counts: dict[str, int] = {}
    for word in low.split():
        key = word.strip(",.-")
        if key and key not in TITLE_SMALL_WORDS:
            counts[key] = counts.get(key, 0) + 1
    repeated = sorted(w for w, n in counts.items() if n > 2)
    if repeated:
        problems.append(_("These words appear more than twice in the title: {words}.").format(
            words=", ".join(repeated)))
    return problems
