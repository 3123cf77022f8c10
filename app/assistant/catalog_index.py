"""Finding the items, categories and customers a message names, in any script, typos included.

The shop's own words are indexed in memory: each active item's English and Hindi names, its romanised
keywords, brand and code, and the Hindi name in Latin letters too ("नमक" is also "namak"). A word of
the message finds catalog words exactly, as a plural or prefix ("eggs" -> egg, "haldiram" -> haldirams),
within one or two typing mistakes ("magi" -> maggi) or by its consonants (cheeni -> chini). Rare words
weigh more than common ones, and an item whose own name is covered more fully wins ties: "tata namak"
is Tata Salt, not Tata Tea. When two items stay close the match is ambiguous and the caller asks.

The index is a dictionary of words to compact arrays of item numbers (about 15 MB for 100,000 items);
it is rebuilt when items are added or renamed (events on the bus, or a changed count on disk).
"""

from __future__ import annotations

import bisect
import math
import threading
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from app.assistant import lexicon
from app.assistant.spelling import fold
from app.assistant.text import ENGLISH_WORDS, HINGLISH_WORDS, is_devanagari, latin_form, normalise, skeleton, words
from app.domain.records import Customer, Product
from app.store import Store, parties
from app.store import catalog as catalog_store

EXACT, PLURAL, PREFIX, ROMAN, FUZZY, SOUND = 1.0, 0.95, 0.85, 0.85, 0.75, 0.7
NAME_COVERAGE = 1.0  # bonus for covering all of an item's own name
BRAND = 0.5  # bonus for an item named by its brand or its name's first word: "dove soap" is Dove, not Lifebuoy Soap
AMBIGUOUS_RATIO = 0.9  # a second item within this share of the best's words' score makes the match ambiguous
TOP = 25
# everyday words are never read as a misspelt item name ("chal" is not "chai", "check" is not "coke")
KNOWN_WORDS = lexicon.STOPWORDS | HINGLISH_WORDS | ENGLISH_WORDS | lexicon.YES | lexicon.NO | lexicon.FOLLOW_UP | \
    frozenset(latin_form(w) for w in lexicon.QUESTION_WORDS_BY_KIND) | \
    frozenset(["sink", "sinking", "sinc", "synk", "sync"])  # "सिंक" (sync) is no "सिंह" (Singh; after the tenth set)
SHOP_TALK = lexicon.GOAL_WORDS | {"gol"}  # never a misspelt or shortened item: "गोल" is no "Marie Gold" (गोल्ड)


def _item_words(text: str) -> list[str]:
    out = []
    for word in words(normalise(text)):
        if word in ("₹", "%", "?", "#") or word.replace(".", "").isdigit():
            continue
        out.append(word)
        if is_devanagari(word):
            out.append(latin_form(word))
    return out


def _bare_mark(token: str) -> bool:
    """A single letter or a unit: part of an item's name, never enough to name it."""
    return len(token) == 1 or token in lexicon.UNITS


def _name_words(product: Product) -> set[str]:
    """The item's own name, without sizes and units: what 'covering its name' means."""
    return {w for w in _item_words(f"{product.brand} {product.name_en}")
            if len(w) > 1 and w not in lexicon.UNITS and w not in lexicon.STOPWORDS}


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, giving up (returning limit + 1) once it must exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        best = i
        for j, cb in enumerate(b, 1):
            cost = previous[j - 1] + (ca != cb)
            value = min(previous[j] + 1, current[j - 1] + 1, cost)
            current.append(value)
            best = min(best, value)
        if best > limit:
            return limit + 1
        previous = current
    return previous[-1]


@dataclass
class ItemMatch:
    sku: str
    score: float
    coverage: float
    used: frozenset[int]  # token positions of the message that named it
    base: float = 0.0  # the score from the message's words alone (without the bonus for covering the name)


@dataclass
class CatalogMatch:
    best: ItemMatch | None = None
    others: list[ItemMatch] = field(default_factory=list)  # close rivals (the match is ambiguous when non-empty)
    used: frozenset[int] = frozenset()
    category: str | None = None  # a category named by its own word ("biscuits", "मिठाई")
    category_used: frozenset[int] = frozenset()

    @property
    def ambiguous(self) -> bool:
        return bool(self.others)


class CatalogIndex:
    """Words of the active catalog -> items. Thread-safe; rebuilds itself when the catalog changes."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._signature: tuple | None = None
        self._dirty = True
        self.skus: list[str] = []
        self.postings: dict[str, array] = {}
        self.sorted_terms: list[str] = []
        self.sounds: dict[str, list[str]] = {}
        self.folded: dict[str, list[str]] = {}  # a catalog word in one Hinglish spelling (spelling.fold) -> the words
        self.by_first: dict[str, list[str]] = {}
        self.category_words: dict[str, str] = dict(lexicon.CATEGORY_WORDS)
        self.customers: list[Customer] = []
        self.customer_words: dict[str, list[int]] = {}

    # --- building ------------------------------------------------------------------------------
    def invalidate(self) -> None:
        self._dirty = True

    def _disk_signature(self) -> tuple:
        db = self.store.db()
        products = catalog_store.active_signature(db)
        customers = parties.customers_signature(db)
        return (*products, *customers)

    def ensure(self) -> CatalogIndex:
        signature = self._disk_signature()
        if self._dirty or signature != self._signature:
            with self._lock:
                if self._dirty or signature != self._signature:
                    self._build()
                    self._signature, self._dirty = signature, False
        return self

    def _build(self) -> None:
        db = self.store.db()
        skus: list[str] = []
        postings: dict[str, array] = {}
        rows = catalog_store.active_words(db)
        for index, (sku, name_en, name_hi, keywords, brand) in enumerate(rows):
            skus.append(sku)
            for word in set(_item_words(f"{name_en} {name_hi} {keywords} {brand} {sku}")):
                postings.setdefault(word, array("i")).append(index)
        sounds: dict[str, list[str]] = {}
        by_first: dict[str, list[str]] = {}
        folded: dict[str, list[str]] = {}
        for term in postings:
            if len(term) >= 4 and not is_devanagari(term):
                sounds.setdefault(skeleton(term), []).append(term)
                folded.setdefault(fold(term), []).append(term)
            by_first.setdefault(term[:1], []).append(term)
        category_words = dict(lexicon.CATEGORY_WORDS)
        for code, name_en, name_hi in catalog_store.category_names(db):
            for word in _item_words(f"{name_en} {name_hi}"):
                if word not in lexicon.STOPWORDS and len(word) > 2 and word not in ("and",):
                    category_words.setdefault(word, code)
        customers = [Customer(**dict(zip(("id", "name", "name_hi", "phone", "address", "gstin", "state_code",
                                           "credit_limit_paise", "khata_balance_paise", "notes", "active",
                                           "created_at", "updated_at"), row, strict=True)))
                     for row in parties.active_customer_rows(db)]
        customer_words: dict[str, list[int]] = {}
        for index, customer in enumerate(customers):
            for word in set(_item_words(f"{customer.name} {customer.name_hi}")):
                if len(word) > 2 and word not in lexicon.STOPWORDS:
                    customer_words.setdefault(word, []).append(index)
        self.skus, self.postings, self.sounds, self.by_first = skus, postings, sounds, by_first
        self.folded = folded
        self.sorted_terms = sorted(postings)
        self.category_words = category_words
        self.customers, self.customer_words = customers, customer_words

    # --- words ---------------------------------------------------------------------------------
    def idf(self, term: str) -> float:
        df = len(self.postings.get(term, ()))
        return math.log((len(self.skus) + 1) / (df + 0.5)) + 0.5

    def expand(self, word: str) -> dict[str, float]:
        """Catalog words this message word may mean, each with how sure (1.0 = the same word)."""
        found: dict[str, float] = {}

        def add(term: str, quality: float) -> None:
            if term in self.postings and found.get(term, 0) < quality:
                found[term] = quality

        add(word, EXACT)
        if word in SHOP_TALK:
            return found
        if is_devanagari(word):
            add(latin_form(word), ROMAN)
        for variant in (word[:-1] if word.endswith("s") else None, word[:-2] if word.endswith("es") else None,
                        word + "s", word[:-1] + "y" if word.endswith("i") else None):
            if variant and len(variant) >= 2:
                add(variant, PLURAL)
        if len(word) >= 3:
            start = bisect.bisect_left(self.sorted_terms, word)
            for term in self.sorted_terms[start:start + 20]:
                if not term.startswith(word):
                    break
                if len(term) - len(word) <= 6:
                    add(term, PREFIX)
        if len(word) >= 5 and not is_devanagari(word):
            for cut in range(4, len(word)):
                stem = word[:cut]
                if stem in self.postings and len(word) - cut <= 2:
                    add(stem, PREFIX)
        latin = latin_form(word)
        if len(latin) >= 4 and not found and word not in KNOWN_WORDS and latin not in KNOWN_WORDS:
            limit = 2 if len(latin) >= 7 else 1
            for term in self.by_first.get(latin[:1], ()):
                if len(term) >= 4 and abs(len(term) - len(latin)) <= limit and \
                        edit_distance(latin, term, limit) <= limit:
                    add(term, FUZZY)
            for term in self.folded.get(fold(latin), ()):  # "cheeni" is "chini": vowel lengths, w/v, doubled
                add(term, FUZZY)
            sound = skeleton(latin)
            if len(sound) >= 3:
                for term in self.sounds.get(sound, ()):
                    if term[:1] == latin[:1] and abs(len(term) - len(latin)) <= 2:
                        add(term, SOUND)
        return found

    # --- items ---------------------------------------------------------------------------------
    def match_items(self, tokens: Sequence[str], positions: Iterable[int]) -> list[ItemMatch]:
        """Items named by the words at ``positions`` of ``tokens``, best first."""
        per_token: dict[int, dict[str, float]] = {}
        scores: dict[int, float] = {}
        used: dict[int, set[int]] = {}
        for position in positions:
            expansions = self.expand(tokens[position])
            if not expansions:
                continue
            per_token[position] = expansions
            best_for_item: dict[int, float] = {}
            for term, quality in expansions.items():
                weight = quality * self.idf(term)
                for item in self.postings[term]:
                    if best_for_item.get(item, 0) < weight:
                        best_for_item[item] = weight
            for item, weight in best_for_item.items():
                scores[item] = scores.get(item, 0.0) + weight
                used.setdefault(item, set()).add(position)
        # a letter or a unit alone ("l", "g", "kg") names no item: it only adds to what a real word named ("parle g");
        # else keyboard noise like "is9 l 4" reads as "Fortune oil 1 l: 4"
        scores = {item: score for item, score in scores.items()
                  if any(not _bare_mark(tokens[p]) for p in used[item])}
        if not scores:
            return []
        top = sorted(scores, key=lambda i: -scores[i])[:TOP]
        products = catalog_store.get_many(self.store.db(), [self.skus[i] for i in top])
        matches = []
        for item in top:
            product = products.get(self.skus[item])
            if product is None:
                continue
            name = _name_words(product)
            covered = {w for w in name if any(w in per_token[p] for p in used[item])}
            coverage = len(covered) / len(name) if name else 0.0
            head = (product.name_en.split() or [""])[0]
            brand = set(_item_words(f"{product.brand or ''} {head}")) - lexicon.STOPWORDS
            branded = BRAND if any(tokens[p] in brand for p in used[item]) else 0.0
            matches.append(ItemMatch(sku=product.sku, score=scores[item] + NAME_COVERAGE * coverage + branded,
                                     coverage=coverage, used=frozenset(used[item]), base=scores[item]))
        matches.sort(key=lambda m: (-m.score, -m.coverage, m.sku))
        return matches

    def match(self, tokens: Sequence[str], positions: Sequence[int]) -> CatalogMatch:
        """The item (or category) the words at ``positions`` name."""
        category_used = {p for p in positions if tokens[p] in self.category_words}
        category = self.category_words[tokens[min(category_used)]] if category_used else None
        found = self.match_items(tokens, positions)
        result = CatalogMatch(category=category, category_used=frozenset(category_used))
        if not found:
            return result
        best = found[0]
        # a rival named by the very same words, about as strongly, while the best is not named in full:
        # "tata" may be Tata Salt or Tata Tea; "tata namak" is Tata Salt
        others = [m for m in found[1:] if m.used == best.used and m.base >= AMBIGUOUS_RATIO * best.base
                  and best.coverage < 1.0]
        result.best, result.others, result.used = best, others[:4], best.used
        return result

    # --- customers -----------------------------------------------------------------------------
    def match_customers(self, tokens: Sequence[str]) -> tuple[list[Customer], set[int]]:
        """Customers named in the message (by first name, full name, in either script, within a typing mistake:
        "dinsh", "sunitha", "varma"), and where."""
        hits: dict[int, float] = {}
        where: set[int] = set()
        for position, token in enumerate(tokens):
            if not token:
                continue
            exact: set[int] = set()
            for word in {token, latin_form(token)}:
                exact.update(self.customer_words.get(word, ()))
            if not exact:
                for index in self._customers_near(latin_form(token)):
                    hits[index] = hits.get(index, 0) + FUZZY
                    where.add(position)
            for index in exact:
                hits[index] = hits.get(index, 0) + 1
                where.add(position)
        if not hits:
            return [], set()
        most = max(hits.values())
        return [self.customers[i] for i, n in hits.items() if n == most], where

    def near_a_customer(self, word: str) -> bool:
        """The word is a customer's name word misspelt (see :meth:`match_customers`)."""
        return bool(self._customers_near(word))

    def _customers_near(self, word: str) -> set[int]:
        """Customers one of whose name words is this word misspelt (one mistake, two in long words)."""
        if len(word) < 4 or word in KNOWN_WORDS or not word.isalpha():
            return set()
        limit = 2 if len(word) >= 7 else 1
        sound = skeleton(word)
        found: set[int] = set()
        for name_word, indexes in self.customer_words.items():
            if name_word[:1] != word[:1] or is_devanagari(name_word) or abs(len(name_word) - len(word)) > limit:
                continue
            if edit_distance(word, name_word, limit) <= limit or (len(sound) >= 3 and skeleton(name_word) == sound):
                found.update(indexes)
        return found
