"""The text encoder (multilingual-e5-small, int8 ONNX built at setup), its tokenizer and its fallback."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.ml import runtime, text
from app.ml.text import UnigramTokenizer, _encoder

CATALOG = ["Parle-G Glucose Biscuits 250 g / ग्लूकोज़ बिस्कुट", "Tata Salt Iodised 1 kg / आयोडीन नमक",
           "Clinic Plus Shampoo 175 ml / शैम्पू", "India Gate Basmati Rice 5 kg / बासमती चावल",
           "Amul Butter 100 g / मक्खन", "Surf Excel Detergent Powder 1 kg / डिटर्जेंट पाउडर",
           "Madhur Sugar 1 kg / चीनी"]


@pytest.fixture(scope="module")
def model_required():
    if not text.available():
        pytest.fail("the text encoder is not built: run `python dev.py setup` (tools/prepare/text_encoder.py)")


@pytest.fixture
def no_models(tmp_path, monkeypatch):
    monkeypatch.setenv(runtime.ENV_MODELS, str(tmp_path))
    runtime.forget()
    _encoder._tokenizer.cache_clear()
    yield
    runtime.forget()
    _encoder._tokenizer.cache_clear()


def tiny_tokenizer() -> UnigramTokenizer:
    pieces = [("<s>", 0.0), ("<pad>", 0.0), ("</s>", 0.0), ("<unk>", 0.0), ("▁", -2.0), ("▁chai", -3.0),
              ("▁cha", -4.0), ("i", -4.5), ("▁", -9.0), ("c", -6.0), ("h", -6.0), ("a", -6.0), ("▁ch", -5.0),
              ("▁दूध", -3.0)]
    return UnigramTokenizer(pieces, normalize={0xFF43: "c", 0x09: " "}, bos=0, pad=1, eos=2, unk=3)


def test_viterbi_picks_the_likeliest_pieces():
    tok = tiny_tokenizer()
    assert tok.tokenize("chai") == [5]  # one piece (-3) beats ▁cha + i (-8.5)
    assert tok.tokenize("  ｃhai\tदूध ") == [5, 13]  # full-width c normalised, spaces squeezed
    assert tok.tokenize("chaix") == [5, 3]  # an unknown character is <unk>
    assert tok.tokenize("xyz") == [4, 3]  # consecutive unknowns fuse into one <unk>
    enc = tok.encode(["chai", "chai दूध"])
    assert enc.ids.tolist() == [[0, 5, 2, 1], [0, 5, 13, 2]]
    assert enc.mask.tolist() == [[1, 1, 1, 0], [1, 1, 1, 1]]


def test_embeddings_are_unit_vectors(model_required):
    vecs = text.embed(["biscuits", "बिस्कुट", "biskut ka packet"], "query")
    assert vecs.shape == (3, 2 * text.DIM) and vecs.dtype == np.float32
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-4)
    plain = text.embed(["biscuits"], "query", lexical=0)
    assert plain.shape == (1, text.DIM)
    assert text.encoder_name() == "e5-small-int8"
    with pytest.raises(ValueError):
        text.embed(["x"], "document")


@pytest.mark.parametrize(("query", "want"), [
    ("hair wash", 2), ("washing powder", 5), ("biscuits", 0),  # English meaning
    ("नमक का पैकेट", 1), ("मक्खन", 4), ("चावल", 3),  # Hindi
    ("2 kilo chawal bech diya", 3), ("chini ka packet", 6), ("shampoo ka stock kitna hai", 2),  # Hinglish
])
def test_search_across_english_hindi_and_hinglish(model_required, query, want):
    passages = text.embed(CATALOG, "passage")
    assert text.search(query, passages, top=1)[0][0] == want


@pytest.mark.parametrize(("query", "want"), [("washing clothes", 5), ("something sweet for tea", 6),
                                           ("नमक का पैकेट", 1), ("butter", 4)])
def test_semantic_part_alone_knows_meaning(model_required, query, want):
    passages = text.embed(CATALOG, "passage", lexical=0)
    scores = passages @ text.embed([query], "query", lexical=0)[0]
    assert int(np.argmax(scores)) == want


def test_without_the_model_trigrams_still_find_words(no_models):
    assert text.encoder_name() == "trigram-hash"
    passages = text.embed(CATALOG, "passage")
    assert text.search("parle g", passages, top=1)[0][0] == 0
    assert text.search("cheeni", passages, top=1)[0][0] == 6  # Hinglish spelling meets Devanagari
    assert text.search("चीनी", passages, top=1)[0][0] == 6


def test_romanise_devanagari():
    assert text.romanise("चीनी") == "cheenee"
    assert text.romanise("नमक") == "namak"
    assert text.romanise("Café") == "cafe"


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=40), min_size=1, max_size=4))
def test_fallback_vectors_are_unit_or_zero(texts):
    for t in texts:
        v = _encoder._trigram_vector(t)
        n = float(np.linalg.norm(v))
        assert n == 0.0 or abs(n - 1.0) < 1e-5
