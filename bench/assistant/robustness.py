"""How the assistant's reading holds up when messages it reads right are said differently, by kind of change.

    .venv/bin/python bench/assistant/robustness.py [--sets heldout,heldout2,...] [--errors KIND]

Each message of the given labelled sets (default: the first five held-out sets) is changed in one way at a time,
its labels kept, and read again:

- ``polite``: a politeness wrapper ("please ...", "bhai zara ... kar do", "कृपया ... जी");
- ``typo``: one typing mistake (a letter dropped, doubled or swapped) in one Latin word of five letters or more;
- ``spelling``: another common romanisation of one Hinglish word (aa/a, ee/i, oo/u, w/v, z/j, doubled letters);
- ``numwords``: one number from 1 to 99 written in words, in the message's language ("12" -> "twelve", "barah",
  "बारह"), when it is not an order or request number;
- ``order``: the period moved to the start of the message, or to its end when it was first.

The changes are made by rule with a fixed seed, never by reading what the assistant gets wrong, so the figures
say which *kinds* of difference it does not yet absorb. Out-of-scope and noise lines stay out of scope when
wrapped ("please what is the weather"): their figure is reported apart. These sets have been read while the rules
were written, so the unchanged column is not an independent estimate; the drop from it is the point.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.assistant.evaluate import load, run  # noqa: E402

EN_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
            "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
EN_TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}
# how Hindi says 1-99 (each its own word), romanised and in Devanagari; only the ones a shop says most
HI_NUMBERS = {1: ("ek", "एक"), 2: ("do", "दो"), 3: ("teen", "तीन"), 4: ("chaar", "चार"), 5: ("paanch", "पांच"),
              6: ("chhah", "छह"), 7: ("saat", "सात"), 8: ("aath", "आठ"), 9: ("nau", "नौ"), 10: ("das", "दस"),
              11: ("gyarah", "ग्यारह"), 12: ("barah", "बारह"), 13: ("terah", "तेरह"), 14: ("chaudah", "चौदह"),
              15: ("pandrah", "पंद्रह"), 16: ("solah", "सोलह"), 17: ("satrah", "सत्रह"), 18: ("atharah", "अठारह"),
              19: ("unnis", "उन्नीस"), 20: ("bees", "बीस"), 21: ("ikkis", "इक्कीस"), 22: ("baais", "बाईस"),
              24: ("chaubis", "चौबीस"), 25: ("pachchis", "पच्चीस"), 30: ("tees", "तीस"), 35: ("paintis", "पैंतीस"),
              40: ("chalis", "चालीस"), 45: ("paintalis", "पैंतालीस"), 48: ("artalis", "अड़तालीस"),
              50: ("pachas", "पचास"), 60: ("saath", "साठ"), 70: ("sattar", "सत्तर"), 75: ("pachattar", "पचहत्तर"),
              80: ("assi", "अस्सी"), 90: ("nabbe", "नब्बे"), 99: ("ninyanbe", "निन्यानबे")}
WRAPPERS = {"en": [("please ", ""), ("", " please"), ("could you ", ""), ("kindly ", ""), ("hey, ", " thanks")],
            "hinglish": [("bhai zara ", ""), ("", " ji"), ("please ", ""), ("zara ", " na"), ("bhaiya ", "")],
            "hi": [("कृपया ", ""), ("", " जी"), ("ज़रा ", ""), ("भाई ", ""), ("भैया ", " जी")]}
ID_BEFORE = {"order", "ऑर्डर", "#", "no", "number", "request", "approve", "reject", "awb", "tracking", "po"}
SPELLINGS = [("aa", "a"), ("ee", "i"), ("oo", "u"), ("w", "v"), ("v", "w"), ("z", "j"), ("i", "ee"), ("u", "oo"),
             ("a", "aa"), ("kh", "k"), ("chh", "ch"), ("ch", "chh")]


def polite(row: dict, rng: random.Random) -> str | None:
    before, after = rng.choice(WRAPPERS[row["lang"]])
    return f"{before}{row['text']}{after}"


def typo(row: dict, rng: random.Random) -> str | None:
    words = row["text"].split()
    long = [i for i, w in enumerate(words) if len(w) >= 5 and w.isascii() and w.isalpha()]
    if not long:
        return None
    i = rng.choice(long)
    w = words[i]
    at = rng.randrange(1, len(w) - 1)
    kind = rng.choice(("drop", "double", "swap"))
    words[i] = w[:at] + w[at + 1:] if kind == "drop" else w[:at] + w[at] + w[at:] if kind == "double" else \
        w[:at] + w[at + 1] + w[at] + w[at + 2:]
    return " ".join(words)


def spelling(row: dict, rng: random.Random) -> str | None:
    if row["lang"] != "hinglish":
        return None
    from app.assistant.text import HINGLISH_WORDS

    words = row["text"].split()
    options = [(i, a, b) for i, w in enumerate(words) if w.lower() in HINGLISH_WORDS and len(w) >= 3
               for a, b in SPELLINGS if a in w.lower() and not (a in "iua" and b.startswith(a) and a * 2 in w)]
    if not options:
        return None
    i, a, b = rng.choice(options)
    words[i] = words[i].lower().replace(a, b, 1)
    return " ".join(words)


def in_words(value: int, lang: str) -> str | None:
    if lang == "en":
        return EN_WORDS[value] if value < 20 else EN_TENS[value // 10] + ("" if value % 10 == 0 else
                                                                         " " + EN_WORDS[value % 10])
    said = HI_NUMBERS.get(value)
    return None if said is None else said[1] if lang == "hi" else said[0]


def numwords(row: dict, rng: random.Random) -> str | None:
    words = row["text"].split()
    spots = [i for i, w in enumerate(words) if re.fullmatch(r"\d{1,2}", w) and 0 < int(w) < 100
             and (i == 0 or words[i - 1].lower().strip(":") not in ID_BEFORE)
             and in_words(int(w), row["lang"]) is not None]
    if not spots:
        return None
    i = rng.choice(spots)
    words[i] = in_words(int(words[i]), row["lang"]) or words[i]
    return " ".join(words)


def order(row: dict, rng: random.Random) -> str | None:
    """The period said first or last ("kal kitna becha" -> "kitna becha kal", "sales this week" -> "this week
    sales"): a word order the templates seldom use."""
    from app.assistant.lexicon import PERIODS

    words = row["text"].split()
    low = [w.lower().strip("?,.") for w in words]
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            if " ".join(low[i:i + size]) in PERIODS:
                phrase, rest = words[i:i + size], words[:i] + words[i + size:]
                if not rest:
                    return None
                return " ".join(phrase + rest) if i > 0 else " ".join(rest + phrase)
    return None


KINDS = {"polite": polite, "typo": typo, "spelling": spelling, "numwords": numwords, "order": order}


def variants(rows: list[dict], kind: str, seed: int = 15) -> tuple[list[dict], list[dict]]:
    """(the rows a change applies to, as they were; the same rows changed)."""
    rng = random.Random(f"{kind}:{seed}")
    before, after = [], []
    for row in rows:
        if row.get("context") or row.get("kind") == "absurd":
            continue
        changed = KINDS[kind](row, rng)
        if changed is None or changed == row["text"]:
            continue
        before.append(row)
        after.append({**row, "text": changed})
    return before, after


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sets", default="heldout,heldout2,heldout3,heldout4,heldout5")
    parser.add_argument("--errors", choices=sorted(KINDS))
    args = parser.parse_args()
    import tempfile

    from app.assistant.catalog_index import CatalogIndex
    from tests.assistant.shop import build, open_shop

    rows = [row for name in args.sets.split(",") for row in load(name)]
    with tempfile.TemporaryDirectory() as tmp:
        build(Path(tmp) / "shop.db")
        store, _ctx, _clock = open_shop(Path(tmp) / "shop.db")
        try:
            index = CatalogIndex(store).ensure()
            print(f"{'kind':10} {'n':>5} {'intent as said':>15} {'changed':>8} {'slots as said':>14} {'changed':>8}"
                  f" {'oos kept':>9}")
            for kind in KINDS:
                before, after = variants(rows, kind)
                was, now = run(index, before), run(index, after)
                outside = [r for r in after if r.get("kind") in ("oos", "noise")]
                oos = f"{now['out_of_scope_recognised']:.1%} of {len(outside)}" if outside else "-"
                print(f"{kind:10} {len(after):5d} {was['intent_accuracy']:15.1%} {now['intent_accuracy']:8.1%}"
                      f" {was['slot_exact_match']:14.1%} {now['slot_exact_match']:8.1%} {oos:>9}")
                if args.errors == kind:
                    right = {r["text"] for r in before} - {e["text"] for e in was["errors"]}
                    for old, new in zip(before, after, strict=True):
                        miss = next((e for e in now["errors"] if e["text"] == new["text"]), None)
                        if old["text"] in right and miss is not None:
                            print(f"   {new['text']!r}: {miss['got_intent']} {miss['got_slots']} (want {new['intent']}"
                                  f" {new['slots']})")
        finally:
            store.close()


if __name__ == "__main__":
    main()
