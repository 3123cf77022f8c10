"""Text embeddings for semantic product search in English, Hindi and Hinglish, and romanising Devanagari.

:func:`embed` gives unit vectors from multilingual-e5-small (int8 ONNX) or, without the model, from hashed
character trigrams; :func:`encoder_name` says which, so vectors of the two are never compared.
:func:`search` ranks stored vectors against a query; :func:`romanise` writes Hindi in Latin letters.
:class:`UnigramTokenizer` is e5's tokenizer, public for the tools that build and measure the model.
"""

from app.ml.text._encoder import (
    DIM,
    KINDS,
    MODEL,
    VOCAB,
    available,
    embed,
    encoder_name,
    romanise,
    search,
)
from app.ml.text._unigram import UnigramTokenizer

__all__ = ["DIM", "KINDS", "MODEL", "VOCAB", "UnigramTokenizer", "available", "embed", "encoder_name", "romanise",
           "search"]
