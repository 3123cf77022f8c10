"""A second opinion on the intent where the classifier is unsure: the nearest labelled training messages.

The shipped multilingual text encoder (:mod:`app.ml.text`, e5-small) turns the message, with the shop's own
words replaced by placeholders as the classifier sees it, into a vector; the nearest of a few thousand
labelled training messages (``resources/models/assistant_intent.knn.npz``, built by
``tools/assistant/neighbours.py`` from the generator's messages, never from a held-out set) vote, each by
its similarity. The encoder costs 5-20 milliseconds a message, so it runs only where the message would
otherwise not be understood: the classifier below ``understand.UNSURE``, inside the shop's scope, and no cue
word deciding; without the encoder or the bank, the message is not understood, as before.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from app.ml import runtime
from app.ml import text as encoder

log = logging.getLogger(__name__)

BANK = "assistant_intent.knn.npz"
NEIGHBOURS = 12
WEIGHT = 1.0  # the vote's weight against the classifier's probabilities when the two are mixed
LIKELY = 3  # the neighbours choose among this many of the classifier's best readings
MIN_SHARE = 0.7  # and only one they back with at least this share of their votes
SHARPNESS = 20.0  # similarities differ by hundredths: a softmax this sharp lets the closest count most


@lru_cache(maxsize=1)
def _bank() -> tuple[np.ndarray, np.ndarray, list[str]] | None:
    path = runtime.model_path(BANK)
    if not path.is_file():
        return None
    try:
        with np.load(path, allow_pickle=False) as data:
            vectors = data["vectors"].astype(np.float32)
            labels = data["labels"].astype(np.int64)
            classes = [str(c) for c in data["classes"]]
    except (OSError, ValueError, KeyError) as exc:
        log.warning("intent neighbours unavailable (%s)", exc)
        return None
    return vectors, labels, classes


def available() -> bool:
    return _bank() is not None and encoder.available()


def text_of(delex: Sequence[str]) -> str:
    """What the encoder reads: the message as the classifier sees it (placeholders for items and numbers)."""
    return " ".join(t for t in delex if t not in ("?", "!", ","))


def vote(delex: Sequence[str]) -> dict[str, float] | None:
    """Each intent's share of the nearest training messages' votes (summing to 1), or None without the encoder."""
    bank = _bank()
    if bank is None or not encoder.available():
        return None
    vectors, labels, classes = bank
    query = encoder.embed([text_of(delex)], "query", lexical=0)[0]
    scores = vectors @ query
    nearest = np.argpartition(-scores, NEIGHBOURS)[:NEIGHBOURS]
    weights = np.exp(SHARPNESS * (scores[nearest] - scores[nearest].max()))
    out: dict[str, float] = {}
    for i, w in zip(nearest, weights, strict=True):
        out[classes[labels[i]]] = out.get(classes[labels[i]], 0.0) + float(w)
    total = sum(out.values())
    return {k: v / total for k, v in out.items()}


def second_opinion(delex: Sequence[str], ranked: list[tuple[str, float]]) -> tuple[str, float] | None:
    """The reading to take when the classifier is unsure: one of its :data:`LIKELY` best readings that the
    neighbours back with at least :data:`MIN_SHARE` of their votes, scored by the classifier's probability and the
    vote together; None (keep the classifier's) without the encoder or without such backing."""
    votes = vote(delex)
    if votes is None:
        return None
    best: tuple[str, float] | None = None
    for name, p in ranked[:LIKELY]:
        share = votes.get(name, 0.0)
        score = (p + WEIGHT * share) / (1 + WEIGHT)
        if share >= MIN_SHARE and (best is None or score > best[1]):
            best = (name, score)
    return best
