"""Text-encoder benchmark: retrieval on a small English / Hindi / Hinglish gold set, and latency per query.

    python bench/vision/text_bench.py [--models DIR] [--reference DIR]

``--models`` points at a folder with text_e5_small.onnx + .vocab.json (default resources/models);
``--reference`` at a full-vocabulary build (tools/text/e5_onnx.py --vocab 0) to report how close the cut
vocabulary stays to it. Also runs the rule-based fallback (hashed trigrams) on the same gold set.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TAVYONIX_ML_THREADS", "2")

import numpy as np  # noqa: E402

# the shop's catalog keeps an English and a Hindi name per item (product.name_en, product.name_hi)
CATALOG_EN = [
    "Parle-G Glucose Biscuits 250 g", "Tata Salt Iodised 1 kg", "Clinic Plus Strong and Long Shampoo 175 ml",
    "India Gate Basmati Rice Classic 5 kg", "Amul Pasteurised Butter 100 g",
    "Surf Excel Easy Wash Detergent Powder 1 kg",
    "Maggi 2-Minute Masala Noodles 70 g", "Colgate Strong Teeth Toothpaste 200 g", "Aashirvaad Whole Wheat Atta 5 kg",
    "Fortune Sunflower Refined Oil 1 L", "Madhur Pure Sugar 1 kg", "Tata Tea Premium 500 g", "Bru Instant Coffee 100 g",
    "Haldiram's Aloo Bhujia 400 g", "Cadbury Dairy Milk Chocolate 52 g", "Kissan Fresh Tomato Ketchup 500 g",
    "Dettol Original Soap 125 g", "Parachute Pure Coconut Oil 250 ml", "Vim Dishwash Bar 300 g",
    "Good Knight Gold Flash Mosquito Repellent Refill", "Johnson's Baby Powder 200 g", "Amul Taaza Toned Milk 1 L",
    "Tata Sampann Toor Dal 1 kg", "MDH Deggi Mirch Red Chilli Powder 100 g", "Bisleri Packaged Drinking Water 1 L",
    "Dhara Kachi Ghani Mustard Oil 1 L", "Everest Turmeric Powder 200 g", "Harpic Toilet Cleaner 500 ml",
    "Lay's Classic Salted Potato Chips 52 g", "Amul Pure Ghee 1 L", "Kellogg's Corn Flakes 475 g",
    "Fresh Onion 1 kg", "Fresh Potato 1 kg", "Eggs Tray of 30", "Mother's Recipe Mango Pickle 400 g",
]
CATALOG_HI = [
    "ग्लूकोज़ बिस्कुट", "आयोडीन नमक", "शैम्पू", "बासमती चावल", "मक्खन", "डिटर्जेंट पाउडर", "मसाला नूडल्स", "टूथपेस्ट",
    "गेहूं का आटा", "सूरजमुखी तेल", "चीनी", "चाय पत्ती", "इंस्टेंट कॉफी", "आलू भुजिया", "चॉकलेट", "टमाटर केचप", "साबुन",
    "नारियल तेल", "बर्तन साबुन", "मच्छर भगाने वाला", "बेबी पाउडर", "टोंड दूध", "अरहर दाल", "लाल मिर्च पाउडर",
    "पीने का पानी", "सरसों का तेल", "हल्दी पाउडर", "टॉयलेट क्लीनर", "आलू चिप्स", "शुद्ध घी", "कॉर्न फ्लेक्स", "प्याज",
    "आलू", "अंडे", "आम का अचार",
]
CATALOG = [f"{en} / {hi}" for en, hi in zip(CATALOG_EN, CATALOG_HI, strict=True)]
# query -> index into CATALOG
GOLD = {
    # English
    "biscuits": 0, "washing powder": 5, "hair wash": 2, "toothpaste": 7, "cooking oil sunflower": 9,
    "instant noodles": 6, "salt": 1, "chocolate": 14, "tomato sauce": 15, "bathing soap": 16,
    "mosquito repellent": 19, "baby talcum powder": 20, "red chilli powder": 23, "drinking water bottle": 24,
    "potato chips": 28, "breakfast cereal": 30, "mango achaar": 34, "toilet cleaner": 27,
    # Hindi (Devanagari)
    "बिस्कुट": 0, "नमक का पैकेट": 1, "शैम्पू": 2, "मक्खन": 4, "चावल": 3, "आटा": 8, "चीनी": 10, "चाय पत्ती": 11,
    "दूध": 21, "अरहर दाल": 22, "हल्दी पाउडर": 26, "सरसों का तेल": 25, "प्याज": 31, "आलू": 32, "अंडे": 33,
    "देसी घी": 29, "बर्तन धोने का साबुन": 18, "नारियल तेल": 17,
    # Hinglish
    "shampoo ka stock kitna hai": 2, "2 kilo chawal bech diya": 3, "atta 5 kilo wala": 8, "chini ka packet": 10,
    "doodh ki thaili": 21, "toor dal ek kilo": 22, "sarson ka tel": 25, "haldi powder": 26, "pyaaz 1 kilo": 31,
    "ande ki tray": 33, "ghee ka dabba": 29, "namkeen bhujia": 13, "coffee ka jar": 12, "nariyal tel": 17,
}


def script(query: str) -> str:
    if any("\u0900" <= c <= "\u097f" for c in query):
        return "hindi"
    english = set(list(GOLD)[:18])
    return "english" if query in english else "hinglish"


def evaluate(embed, catalog: list[str]) -> dict[str, tuple[int, int, float]]:
    passages = embed(catalog, "passage")
    out: dict[str, list[tuple[bool, float]]] = {}
    for query, want in GOLD.items():
        scores = passages @ embed([query], "query")[0]
        order = list(np.argsort(scores)[::-1])
        out.setdefault(script(query), []).append((order[0] == want, 1.0 / (order.index(want) + 1)))
    return {k: (sum(h for h, _ in v), len(v), statistics.mean(r for _, r in v)) for k, v in out.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=Path, default=None)
    parser.add_argument("--reference", type=Path, default=None)
    args = parser.parse_args()
    if args.models:
        os.environ["TAVYONIX_MODELS"] = str(args.models)
    from app.ml import runtime, text
    from app.ml.text import _encoder

    if not text.available():
        print("text model missing: run python dev.py setup (tools/prepare/text_encoder.py)")
    size = runtime.model_path(text.MODEL).stat().st_size / 1e6 if text.available() else 0
    print(f"encoder: {text.encoder_name()} ({size:.1f} MB)")
    fallback = lambda t, k: np.stack([_encoder._trigram_vector(x) for x in t])  # noqa: E731
    semantic = lambda t, k: text.embed(t, k, lexical=0)  # noqa: E731
    for name, fn, catalog in [("hybrid, EN+HI titles", text.embed, CATALOG),
                              ("hybrid, EN titles only", text.embed, CATALOG_EN),
                              ("e5 only, EN+HI titles", semantic, CATALOG),
                              ("e5 only, EN titles only", semantic, CATALOG_EN),
                              ("fallback, EN+HI titles", fallback, CATALOG)]:
        result = evaluate(fn, catalog)
        hits = sum(h for h, _, _ in result.values())
        total = sum(n for _, n, _ in result.values())
        parts = ", ".join(f"{k} {h}/{n} (MRR {m:.2f})" for k, (h, n, m) in result.items())
        print(f"{name:23s} top-1 {hits}/{total} = {hits / total:.2f}: {parts}")
    text.embed(["warm up"], "query")
    times = []
    for query in list(GOLD) * 3:
        t = time.perf_counter()
        text.embed([query], "query")
        times.append((time.perf_counter() - t) * 1e3)
    t = time.perf_counter()
    text.embed(CATALOG * 2, "passage")
    batch_ms = (time.perf_counter() - t) * 1e3
    p90 = sorted(times)[int(0.9 * len(times))]
    print(f"latency per query: median {statistics.median(times):.1f} ms, p90 {p90:.1f} ms;"
          f" {2 * len(CATALOG)} titles in {batch_ms:.0f} ms (threads={os.environ['TAVYONIX_ML_THREADS']})")
    if args.reference:
        import onnxruntime as ort

        from app.ml.text import UnigramTokenizer

        tok = UnigramTokenizer.from_file(args.reference / text.VOCAB)
        sess = ort.InferenceSession(str(args.reference / text.MODEL), providers=["CPUExecutionProvider"])
        sample = [f"query: {q}" for q in GOLD] + [f"passage: {c}" for c in CATALOG]
        enc = tok.encode(sample)
        ref = sess.run(None, {"input_ids": enc.ids, "attention_mask": enc.mask})[0]
        ours = np.vstack([text.embed([s.split(": ", 1)[1]], s.split(": ", 1)[0], lexical=0) for s in sample])
        cos = (ref * ours).sum(axis=1)
        print(f"cosine to the full-vocabulary reference: mean {cos.mean():.4f}, min {cos.min():.4f}")


if __name__ == "__main__":
    main()
