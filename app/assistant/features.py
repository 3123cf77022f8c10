"""The intent classifier's features, computed in Python (the trainer in tools/assistant uses this very
function, so training and the app can never disagree on a feature).

From the placeholder words of :mod:`app.assistant.tagger`: words, pairs of neighbouring words, and
character 2-4-grams inside each word (typos and Hinglish spellings still share most of them); a Devanagari
word also gives the character n-grams of its Latin form, so "बिक्री" and "bikri" meet. Counting here and
feeding counts to the ONNX model avoids the ONNX text vectoriser, whose behaviour depends on the
operating system's locales.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import pairwise

from app.assistant.text import is_devanagari, latin_form


def _grams(word: str, prefix: str, out: Counter) -> None:
    padded = f" {word} "
    for n in (2, 3, 4):
        for i in range(max(1, len(padded) - n + 1)):
            out[f"{prefix}{padded[i:i + n]}"] += 1


def features(delex: Sequence[str]) -> Counter:
    out: Counter = Counter()
    tokens = [t for t in delex if t]
    if not tokens:
        out["w:<empty>"] += 1
        return out
    for token in tokens:
        out[f"w:{token}"] += 1
        if token.startswith("x") and token in ("xitem", "xcat", "xperson", "xnum", "xorder"):
            continue
        _grams(token, "c:", out)
        if is_devanagari(token):
            latin = latin_form(token)
            out[f"w:{latin}"] += 1
            _grams(latin, "c:", out)
    padded = ["<s>", *tokens, "</s>"]
    for a, b in pairwise(padded):
        out[f"b:{a} {b}"] += 1
    out[f"n:{min(len(tokens), 8)}"] += 1
    return out
