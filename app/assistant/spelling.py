"""The seller's words read as the words the assistant knows: courtesy left aside, spellings and typing mistakes
mended, by kind rather than phrase by phrase (issue 15, sixth session).

Two kinds of difference made earlier sets' messages fail where their plain form was read right
(``bench/assistant/robustness.py`` measures each kind on the held-out sets):

- **Courtesy around the request** ("please ...", "could you ...", "bhai zara ... na", "कृपया ... जी"):
  :func:`without_courtesy` drops such words at the start and the end of the message (never in the middle,
  never all of it: "ji" alone stays an answer), so the rules and the classifier see the request itself.
- **Spellings and typing mistakes** in the words the rules and the classifier read ("maheene", "haafte",
  "oodhar", "monnth", "yesturday", "cancle"): :func:`respell` reads an unknown Latin word as a known one that
  is the same word spelt with other vowel lengths (aa/a, ee/i, oo/u), w/v, z/j, ph/f or doubled letters; or,
  in a word of five letters or more, as the one word the rules know (:mod:`app.assistant.lexicon`, the order
  commands) that is one typing mistake away (a letter dropped, added or changed, or two swapped; the first
  letter kept). The classifier's own vocabulary holds the generator's typing mistakes, so it is trusted for
  spellings only. A changed ending is another form of a word, not a mistake ("changes", "bhejne"); a word
  written with a capital is taken as a name; a word near an item or a customer of the shop is left to the
  catalog's own matching (:mod:`app.assistant.catalog_index`), which reads typos of names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.assistant.catalog_index import CatalogIndex

_split = str.split

# words of courtesy that wrap a request; multi-word ones are matched as phrases
COURTESY_WORDS = frozenset(_split("""
please pls plz plzz kindly kindely hey sir madam boss bro dear thanks thankyou thanx thx ji bhai bhaiya bhaiyya
bhaiyaa zara jara yaar na kripya krupya kripaya sahab saheb
कृपया जरा भाई भैया जी साहब प्लीज धन्यवाद शुक्रिया
"""))
COURTESY_PHRASES = (("could", "you"), ("can", "you"), ("would", "you"), ("will", "you"), ("thank", "you"),
                    ("could", "you", "please"), ("can", "you", "please"), ("please", "can", "you"),
                    ("please", "could", "you"))
_LATIN_WORD = re.compile(r"^[a-z]+$")
# a typing mistake is mended only in words this long, to a word this long with the same first letter ("yahan" is
# no "kahan", "behen" no "been", "balances" no typo of "balance")
MISTAKE_MIN = 5
PLACEHOLDERS = frozenset({"xitem", "xcat", "xperson", "xnum", "xorder"})  # the tagger's own words


def without_courtesy(tokens: Sequence[str]) -> list[str]:
    """``tokens`` without the courtesy at their start and end; unchanged when nothing else would be left."""
    start, end = 0, len(tokens)
    moved = True
    while moved:
        moved = False
        for phrase in sorted(COURTESY_PHRASES, key=len, reverse=True):
            if tuple(tokens[start:start + len(phrase)]) == phrase:
                start += len(phrase)
                moved = True
                break
        if start < end and tokens[start] in COURTESY_WORDS:
            start, moved = start + 1, True
    while end > start and (tokens[end - 1] in COURTESY_WORDS or (tokens[end - 1] == "?" and end - 1 > start
                                                                 and tokens[end - 2] in COURTESY_WORDS)):
        end -= 1 if tokens[end - 1] in COURTESY_WORDS else 2
    if end > start and tuple(tokens[max(start, end - 2):end]) == ("thank", "you"):
        end -= 2
    rest = list(tokens[start:end])
    return rest if any(t not in COURTESY_WORDS for t in rest) else list(tokens)


def fold(word: str) -> str:
    """One spelling for the ways Hinglish writes a word: vowel lengths, w/v, z/j, ph/f, doubled letters."""
    plain = word.replace("ee", "i").replace("oo", "u").replace("w", "v").replace("z", "j").replace("ph", "f")
    return re.sub(r"(.)\1+", r"\1", plain.replace("q", "k"))


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def one_mistake(a: str, b: str) -> bool:
    """``a`` and ``b`` differ by one letter dropped, added or changed, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
                                  and a[diff[1]] == b[diff[0]])
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return short in _deletions(long)


class Vocabulary:
    """Known words, found again from another spelling (:func:`fold`) or one typing mistake away."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(w for w in words if _LATIN_WORD.match(w) and len(w) >= 2)
        self.folded: dict[str, set[str]] = {}
        self.near: dict[str, set[str]] = {}
        for word in self.words:
            self.folded.setdefault(fold(word), set()).add(word)
            if len(word) >= 3:
                for key in {word, *_deletions(word)}:
                    self.near.setdefault(key, set()).add(word)

    def __contains__(self, word: object) -> bool:
        return word in self.words

    def same_word(self, token: str) -> str | None:
        """The known word ``token`` is another spelling of (one of them when several: they are the same word)."""
        found = self.folded.get(fold(token))
        return min(found) if found else None

    def one_mistake_from(self, token: str) -> set[str]:
        found: set[str] = set()
        for key in {token, *_deletions(token)}:
            found.update(w for w in self.near.get(key, ()) if one_mistake(token, w))
        return found


def _strings(value: object) -> Iterable[str]:
    if isinstance(value, str):
        yield from value.split()
    elif isinstance(value, dict):
        for key in value:
            yield from _strings(key)
    elif isinstance(value, (frozenset, set, tuple, list)):
        for item in value:
            yield from _strings(item)


@lru_cache(maxsize=1)
def rule_words() -> Vocabulary:
    """Every Latin word the rule layer reads: the lexicon's tables, numbers, the order commands' words, the
    everyday English and Hinglish words (module-level word tables, collected so a new word is never missed)."""
    from app.assistant import lexicon, numbers, order_commands, people, scope, text

    found: set[str] = set()
    for module in (lexicon, numbers, order_commands, text, people, scope):
        for name, value in vars(module).items():
            if name.isupper() and isinstance(value, (frozenset, set, dict, tuple)):
                found.update(_strings(value))
    return Vocabulary(w for w in found if w not in COURTESY_WORDS)


@lru_cache(maxsize=1)
def model_words() -> Vocabulary:
    """The words the intent classifier learned (its word features), with the in-scope training words."""
    from app.assistant import intent

    return Vocabulary(intent.known_words())


def respell(tokens: Sequence[str], index: CatalogIndex | None, keep: frozenset[str] = frozenset()) -> list[str]:
    """``tokens`` with each unknown Latin word read as the one known word it is a spelling or a typo of; words in
    ``keep`` (written with a capital: a name, "add customer Farida Khan") are never read as a typing mistake."""
    rules, model = rule_words(), model_words()
    out = list(tokens)
    for position, token in enumerate(tokens):
        if len(token) < 3 or not _LATIN_WORD.match(token) or token in rules or token in PLACEHOLDERS:
            continue
        if index is not None and (token in index.postings or token in index.customer_words):
            continue
        # a word the classifier knows may still be a misspelling the rules do not ("monnth" for a period)
        fixed = rules.same_word(token) or (None if token in model else model.same_word(token))
        if fixed is None and len(token) >= MISTAKE_MIN and token not in keep:
            if index is not None and _near_the_shop(token, index):
                continue
            candidates = {w for w in rules.one_mistake_from(token) if len(w) >= MISTAKE_MIN and w[0] == token[0]
                          and not _another_form(token, w)}
            if len(candidates) == 1:
                fixed = next(iter(candidates))
        if fixed is not None:
            out[position] = fixed
    return out


def _another_form(token: str, word: str) -> bool:
    """Another form of the same word, not a typing mistake: an ending changed ("changes"/"changed", "bhejne"/
    "bhejna", "balances"/"balance"), or one letter changed in a short word ("khana" is no "khata")."""
    if len(token) == len(word):
        return token[:-1] == word[:-1] or (len(token) < 6 and token != word and sorted(token) != sorted(word))
    return token.startswith(word) or word.startswith(token)


def capitalised(text: str) -> frozenset[str]:
    """Words written with a capital letter (names, as a rule), lower-cased."""
    return frozenset(w.lower() for w in re.findall(r"\b[A-Z][a-z]+\b", text))


def _near_the_shop(token: str, index: CatalogIndex) -> bool:
    """One typing mistake from an item's or a customer's word: the catalog reads it, not this module."""
    return any(abs(len(term) - len(token)) <= 1 and one_mistake(token, term)
               for term in index.by_first.get(token[:1], ())) or index.near_a_customer(token)
