"""The rule layer: what a message says about numbers, money, time, channels, people and items.

:func:`tag` finds, word by word: numbers (with their role: a percent, an amount of money, a quantity
with its unit, or a bare number), the period ("kal", "pichle hafte", "इस महीने", "this Diwali", "last 7
days"), a sales or messaging channel, an order or purchase-order number, customers, the item or category,
whether something goes up or down, which goal metric, and yes/no answers. It also gives the words the
intent classifier reads, with those parts replaced by placeholders ("xitem", "xnum", "xperson"), so the
classifier learns how shopkeepers ask, not which items they stock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from app.assistant import lexicon, spelling
from app.assistant.catalog_index import CatalogIndex, CatalogMatch
from app.assistant.numbers import Number, find_numbers
from app.assistant.text import EN, detect_language, latin_form, normalise, words
from app.domain.records import Customer

# spellings of text messages, read as the words they stand for ("hw many ketchup r there")
TEXTING = {"hw": "how", "wat": "what", "wht": "what", "abt": "about", "ur": "your", "r": "are", "u": "you",
           "hv": "have", "plz": "please", "pls": "please", "nd": "and", "bcz": "because", "msg": "message",
           # short forms of periods and of the shop's words, read as the word (issue 15, after the seventh set)
           "wk": "week", "wks": "weeks", "wkly": "weekly", "yday": "yesterday", "ystrdy": "yesterday",
           "yest": "yesterday", "yesterdy": "yesterday", "mnth": "month", "mth": "month", "mnths": "months",
           "tmrw": "tomorrow", "tmr": "tomorrow", "tmrow": "tomorrow", "tomm": "tomorrow", "2mrw": "tomorrow",
           "tdy": "today", "2day": "today", "qty": "quantity", "amt": "amount",
           "pymt": "payment", "pmt": "payment", "bal": "balance", "stk": "stock", "ordr": "order",
           # short words typed short (seventh session: robustness, typo kind): too short for the spelling module
           "orer": "order", "odr": "order", "ordrs": "orders", "tday": "today", "tody": "today", "monh": "month",
           "mont": "month", "wek": "week", "yestrday": "yesterday", "ysterday": "yesterday", "yestday": "yesterday"}
# names of GST returns and forms ("gstr-1", "GSTR-3B", "CMP-08"): a return's name, never an order id
GST_FORMS = frozenset(["gstr", "cmp", "gst", "itc", "rfd", "drc", "reg", "pmt"])
ORDER_REF = re.compile(r"\b([a-z]{2,5})([/-][a-z0-9]+(?:[/-][a-z0-9]+)*)\b"
                       r"|(?<![\w/-])(\d{3})(-\d{1,7}-\d{1,7})(?![\w/-])")  # and Amazon's own: 402-1234567-1234567
ITEM, CATEGORY, PERSON, NUMBER, ORDER = "xitem", "xcat", "xperson", "xnum", "xorder"
NEGATIVE = re.compile(r"(?:^|[^\w/-])[-\u2212]\s*[₹]?\s*\d")
GARBLED = re.compile(r"^(?:\d+(?:\.\d+)?e\d+|nan|inf|infinity)$")


@dataclass
class Quantity:
    value: Decimal
    unit: str | None  # a unit of app.assistant.lexicon.UNITS, or None for a plain count

    def text(self) -> str:
        number = format(self.value.normalize(), "f") if self.value != self.value.to_integral_value() \
            else str(int(self.value))
        return f"{number} {self.unit}" if self.unit else number


@dataclass
class Tagged:
    text: str
    norm: str
    tokens: list[str]
    lang: str
    numbers: list[Number] = field(default_factory=list)
    percents: list[Decimal] = field(default_factory=list)
    amounts: list[Decimal] = field(default_factory=list)  # rupees
    quantities: list[Quantity] = field(default_factory=list)
    bare: list[Number] = field(default_factory=list)
    period: str | None = None
    channel: str | None = None
    order_ref: str | None = None
    customers: list[Customer] = field(default_factory=list)
    catalog: CatalogMatch = field(default_factory=CatalogMatch)
    direction: str | None = None  # "up" | "down"
    item_named: bool = False  # the item was named by one of its own words, not only by a typo or a prefix
    bad_number: bool = False  # "-5", "1e309", "NaN": no shop quantity, amount or request is written so
    set_word: bool = False
    metric: str | None = None
    yes: int = 0
    no: int = 0
    follow_up: bool = False
    leftover: int = 0  # content words that matched nothing
    delex: list[str] = field(default_factory=list)
    spans: dict[int, str] = field(default_factory=dict)  # token position -> what it is part of

    @property
    def only_category_words(self) -> bool:
        """The item was found only through words that name a category ("biscuits", "namkeen") and covers little of
        its own name: the seller may mean the whole category."""
        best = self.catalog.best
        return best is not None and best.used <= self.catalog.category_used and best.coverage < 0.6

    @property
    def product_sku(self) -> str | None:
        return self.catalog.best.sku if self.catalog.best and not self.catalog.ambiguous else None


def _phrases(tokens: list[str], table: dict[str, str], taken: dict[int, str], kind: str,
             longest: int = 3) -> tuple[str | None, list[int]]:
    """The first longest phrase of ``table`` in ``tokens`` (not already taken): its value and positions."""
    i = 0
    while i < len(tokens):
        for size in range(min(longest, len(tokens) - i), 0, -1):
            positions = list(range(i, i + size))
            if any(p in taken for p in positions):
                continue
            phrase = " ".join(tokens[i:i + size])
            if phrase in table:
                for p in positions:
                    taken[p] = kind
                return table[phrase], positions
        i += 1
    return None, []


def tag(text: str, index: CatalogIndex | None, *, default_lang: str = EN) -> Tagged:
    norm = normalise(text)
    order_ref = None
    found = [m for m in ORDER_REF.finditer(norm) if any(ch.isdigit() for ch in m.group(0))
             and (m.group(1) or "") not in lexicon.CURRENCY and (m.group(1) or "") not in GST_FORMS]
    if found:
        order_ref = found[0].group(0).upper()
        norm_for_words = norm[:found[0].start()] + f" {ORDER} " + norm[found[0].end():]
    else:
        norm_for_words = norm
    said = [TEXTING.get(t, t) for t in words(norm_for_words)]
    # courtesy around the request left aside, spellings and typing mistakes read as the words known (spelling.py);
    # the language is told from the words as written ("bhai zara" is Hinglish)
    tokens = spelling.respell(spelling.without_courtesy(said), index, spelling.capitalised(text))
    tagged = Tagged(text=text, norm=norm, tokens=tokens, lang=detect_language(norm, said, default_lang),
                    order_ref=order_ref)
    taken = tagged.spans
    tagged.bad_number = bool(NEGATIVE.search(norm)) or any(GARBLED.match(t) for t in tokens)
    for position, token in enumerate(tokens):
        if token == ORDER:
            taken[position] = "order"

    # numbers and their roles
    tagged.numbers = find_numbers(tokens)
    for number in tagged.numbers:
        for p in range(number.start, number.end):
            taken[p] = "number"
    for number in tagged.numbers:
        before = tokens[number.start - 1] if number.start > 0 else ""
        after = tokens[number.end] if number.end < len(tokens) else ""
        after2 = tokens[number.end + 1] if number.end + 1 < len(tokens) else ""
        if after in lexicon.PERCENT:
            tagged.percents.append(number.value)
            taken[number.end] = "percent"
        elif before in lexicon.CURRENCY:
            tagged.amounts.append(number.value)
            taken[number.start - 1] = "currency"
        elif after in lexicon.CURRENCY:
            tagged.amounts.append(number.value)
            taken[number.end] = "currency"
        elif after in lexicon.UNITS:
            tagged.quantities.append(Quantity(number.value, lexicon.UNITS[after]))
            taken[number.end] = "unit"
        elif after in ("ke", "ki", "का", "के") and after2 in lexicon.UNITS:
            tagged.quantities.append(Quantity(number.value, lexicon.UNITS[after2]))
            taken[number.end + 1] = "unit"
        else:
            tagged.bare.append(number)
    for position, token in enumerate(tokens):  # "lays ke 2 dabbe": a unit word after the number
        if position not in taken and (token in lexicon.CURRENCY or token in lexicon.PERCENT):
            taken[position] = "currency" if token in lexicon.CURRENCY else "percent"

    # "last 7 days", "pichle 7 din"
    for number in tagged.numbers:
        before = tokens[number.start - 1] if number.start > 0 else ""
        after = tokens[number.end] if number.end < len(tokens) else ""
        if before in lexicon.LAST_WORDS and after in lexicon.DAYS_WORDS and number.whole:
            tagged.period = f"last_{int(number.value)}_days"
            taken[number.start - 1] = taken[number.end] = "period"
            tagged.bare = [b for b in tagged.bare if b is not number]
    if tagged.period is None:
        tagged.period, _ = _phrases(tokens, lexicon.PERIODS, taken, "period")
    tagged.channel, _ = _phrases(tokens, {**lexicon.CHANNELS, **lexicon.CHANNEL_PHRASES}, taken, "channel", 2)
    metric, _ = _phrases(tokens, lexicon.METRIC_PHRASES, taken, "metric", 2)
    tagged.metric = metric or next((lexicon.METRICS[t] for t in tokens if t in lexicon.METRICS), None)
    ups = [t for t in tokens if t in lexicon.UP_WORDS]
    downs = [t for t in tokens if t in lexicon.DOWN_WORDS]
    tagged.direction = "down" if downs and not ups else "up" if ups and not downs else None
    tagged.set_word = any(t in lexicon.SET_WORDS for t in tokens)
    tagged.yes = sum(1 for t in tokens if t in lexicon.YES)
    tagged.no = sum(1 for t in tokens if t in lexicon.NO)
    tagged.follow_up = bool(tokens) and tokens[0] in lexicon.FOLLOW_UP

    # people and items
    if index is not None:
        customers, where = index.match_customers([t if p not in taken else "" for p, t in enumerate(tokens)])
        if customers:
            tagged.customers = customers
            for p in where:
                taken[p] = "person"
        content = [p for p, t in enumerate(tokens) if p not in taken and (
            _content(t) or (len(t) == 1 and t.isalpha() and p > 0 and _content(tokens[p - 1])))]  # "parle g"
        tagged.catalog = index.match(tokens, content)
        tagged.item_named = any(tokens[p] in index.postings or latin_form(tokens[p]) in index.postings
                                for p in tagged.catalog.used)
        for p in tagged.catalog.used:
            taken.setdefault(p, "item")
        for p in tagged.catalog.category_used:
            if taken.get(p) in (None, "item") and (tagged.catalog.best is None or tagged.only_category_words):
                taken[p] = "category"
        tagged.leftover = sum(1 for p in content if p not in taken)

    # the classifier's view: placeholders for what is the shop's own
    delex: list[str] = []
    for position, token in enumerate(tokens):
        kind = taken.get(position)
        placeholder = {"item": ITEM, "category": CATEGORY, "person": PERSON, "number": NUMBER,
                       "order": ORDER}.get(kind or "")
        if placeholder is None:
            delex.append(token)
        elif not delex or delex[-1] != placeholder:
            delex.append(placeholder)
    tagged.delex = delex
    return tagged


def _content(token: str) -> bool:
    if token in lexicon.STOPWORDS or token in lexicon.UNITS or token in lexicon.CURRENCY or token in lexicon.PERCENT:
        return False
    if token in lexicon.UP_WORDS or token in lexicon.DOWN_WORDS or token in lexicon.METRICS:
        return False
    if token in lexicon.YES or token in lexicon.NO or token in lexicon.FOLLOW_UP or token in ("?", "#", "₹", "%"):
        return False
    return len(token) > 1
