"""Numbers as shopkeepers say them: 20, 1.5, 50,000, "do kilo", "ढाई", "1 lakh", "twenty five", "ek sau".

A number word that is also an everyday word ("do" is "two" and "give", "one" is "which one") counts as a
number only before a unit, a currency, a percent or a multiplier ("do kilo", "one dozen").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from app.assistant import lexicon

WORD_NUMBERS: dict[str, Decimal] = {}
for _value, _spellings in {
    "0": "zero shunya शून्य", "1": "one ek एक", "2": "two do दो", "3": "three teen तीन", "4": "four char chaar चार",
    "5": "five paanch panch पांच पाच", "6": "six chhe chhah chah छह छः", "7": "seven saat सात",
    "8": "eight aath आठ", "9": "nine nau नौ", "10": "ten das दस", "11": "eleven gyarah ग्यारह",
    "12": "twelve barah baarah बारह", "13": "thirteen terah तेरह", "14": "fourteen chaudah chaudha चौदह",
    "15": "fifteen pandrah पंद्रह", "16": "sixteen solah sola सोलह", "17": "seventeen satrah satra सत्रह",
    "18": "eighteen atharah athara अठारह", "19": "nineteen unnis unees उन्नीस", "20": "twenty bees बीस",
    "21": "ikkis ikkees इक्कीस", "22": "bais baais बाईस", "23": "teis तेईस", "24": "chaubis chaubees चौबीस",
    "25": "pachees pachis pachchis पच्चीस", "26": "chhabbis छब्बीस", "27": "sattais सत्ताईस",
    "28": "atthais अट्ठाईस", "29": "untis उनतीस", "30": "thirty tees तीस", "32": "battis बत्तीस",
    "35": "paintis पैंतीस", "36": "chhattis छत्तीस", "40": "forty fourty chalees chalis चालीस",
    "45": "paintalis पैंतालीस", "48": "artalis अडतालीस", "50": "fifty pachas pachaas पचास", "55": "pachpan पचपन",
    "60": "sixty saath साठ", "65": "painsath पैंसठ", "70": "seventy sattar सत्तर", "75": "pachattar पचहत्तर",
    "80": "eighty assi अस्सी", "85": "pachasi पचासी", "90": "ninety nabbe नब्बे", "95": "pachanve पचानवे",
    "99": "ninyanbe निन्यानबे",
    # the rest of 31-98 in Devanagari, as a number is said and written in Hindi ("ऑर्डर बयालीस रद्द करो"; seventh
    # session: numbered references by kind)
    "31": "इकतीस", "33": "तैंतीस", "34": "चौंतीस", "37": "सैंतीस", "38": "अडतीस", "39": "उनतालीस", "41": "इकतालीस",
    "42": "बयालीस", "43": "तैंतालीस", "44": "चवालीस", "46": "छियालीस", "47": "सैंतालीस", "49": "उनचास",
    "51": "इक्यावन", "52": "बावन", "53": "तिरेपन", "54": "चौवन", "56": "छप्पन", "57": "सत्तावन", "58": "अट्ठावन",
    "59": "उनसठ", "61": "इकसठ", "62": "बासठ", "63": "तिरसठ", "64": "चौंसठ", "66": "छियासठ", "67": "सडसठ",
    "68": "अडसठ", "69": "उनहत्तर", "71": "इकहत्तर", "72": "बहत्तर", "73": "तिहत्तर", "74": "चौहत्तर",
    "76": "छिहत्तर", "77": "सतहत्तर", "78": "अठहत्तर", "79": "उनासी", "81": "इक्यासी", "82": "बयासी", "83": "तिरासी",
    "84": "चौरासी", "86": "छियासी", "87": "सत्तासी", "88": "अट्ठासी", "89": "नवासी", "91": "इक्यानवे", "92": "बानवे",
    "93": "तिरानवे", "94": "चौरानवे", "96": "छियानवे", "97": "सत्तानवे", "98": "अट्ठानवे",
    "0.5": "aadha adha आधा", "1.5": "dedh डेढ डेढ़", "2.5": "dhai dhaai ढाई",
}.items():
    for _word in _spellings.split():
        WORD_NUMBERS[_word] = Decimal(_value)
TENS = {"twenty", "thirty", "forty", "fourty", "fifty", "sixty", "seventy", "eighty", "ninety"}
MULTIPLIERS: dict[str, int] = {}
for _value, _spellings in {100: "hundred sau सौ", 1000: "thousand hazar hazaar hajar hazzar k हजार",
                           100_000: "lakh lakhs lac lacs लाख", 10_000_000: "crore crores करोड करोड़"}.items():
    for _word in _spellings.split():
        MULTIPLIERS[_word] = _value
NEEDS_CONTEXT = frozenset({"do", "one", "ek", "एक", "दो", "saath", "char", "das", "k"})
_DIGITS = re.compile(r"^\d+(?:\.\d+)?$")


@dataclass(frozen=True)
class Number:
    start: int  # token indices [start, end)
    end: int
    value: Decimal

    @property
    def whole(self) -> bool:
        return self.value == self.value.to_integral_value()


def _context_ok(tokens: list[str], after: int) -> bool:
    nxt = tokens[after] if after < len(tokens) else ""
    return (nxt in lexicon.UNITS or nxt in lexicon.CURRENCY or nxt in lexicon.PERCENT or nxt in MULTIPLIERS
            or nxt in WORD_NUMBERS)


def find_numbers(tokens: list[str]) -> list[Number]:
    found: list[Number] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        value: Decimal | None = None
        j = i + 1
        if _DIGITS.match(token):
            value = Decimal(token)
        elif token in WORD_NUMBERS and (token not in NEEDS_CONTEXT or _context_ok(tokens, i + 1)):
            value = WORD_NUMBERS[token]
            if token in TENS and j < len(tokens) and tokens[j] in WORD_NUMBERS and WORD_NUMBERS[tokens[j]] < 10:
                value += WORD_NUMBERS[tokens[j]]
                j += 1
        if value is None:
            i += 1
            continue
        scale = 0
        while j < len(tokens) and tokens[j] in MULTIPLIERS and not (tokens[j] == "k" and j != i + 1):
            value *= MULTIPLIERS[tokens[j]]
            scale = MULTIPLIERS[tokens[j]]
            j += 1
        if scale and j < len(tokens) and tokens[j] in WORD_NUMBERS and tokens[j] not in NEEDS_CONTEXT:
            # "do sau pachas" (250), "ek hazar paanch sau" (1,500): a smaller number said after a multiplier adds
            rest = find_numbers(tokens[j:])
            if rest and rest[0].start == 0 and rest[0].value < scale:
                value += rest[0].value
                j += rest[0].end
        found.append(Number(i, j, value))
        i = j
    return found
