"""Build the labelled neighbours the assistant asks when its classifier is unsure (a development tool).

    .venv/bin/python tools/assistant/neighbours.py [--n 50000] [--seed 1] [--per-intent 200]

Takes the generator's messages exactly as ``train.py`` does (same ``--n`` and ``--seed``, the same rule that
drops any message within one word of a held-out message), keeps up to ``--per-intent`` distinct ones per
intent (as the classifier sees them: the shop's words as placeholders), embeds them with the shipped text
encoder (``app.ml.text``, e5-small) and writes ``resources/models/assistant_intent.knn.npz`` (float16
vectors, int16 labels, the class names). See ``app/assistant/neighbours.py``.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tools" / "assistant")]

import numpy as np  # noqa: E402

from app.assistant.neighbours import BANK, text_of  # noqa: E402
from app.assistant.slots import INTENTS  # noqa: E402
from app.assistant.tagger import tag  # noqa: E402
from app.assistant.text import normalise  # noqa: E402
from app.ml.text import available, embed  # noqa: E402

OUT = ROOT / "resources" / "models"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--per-intent", type=int, default=200)
    args = parser.parse_args()
    if not available():
        sys.exit("the text encoder is not installed (tools/prepare/text_encoder.py builds it)")

    from generate import generate
    from train import _key, eval_forms, near

    started = time.perf_counter()
    _delex, eval_texts, eval_rows = eval_forms()
    forms: dict[int, list[tuple[str, ...]]] = {}
    for r in eval_rows:
        key = _key(r["delex"])
        forms.setdefault(len(key), []).append(key)
    seen: dict[str, set[str]] = defaultdict(set)
    for row in generate(args.n, args.seed):
        delex = tag(row["text"], None).delex
        if near(_key(delex), forms) or normalise(row["text"]) in eval_texts:
            continue
        seen[row["intent"]].add(text_of(delex).lower())
    rng = random.Random(args.seed)
    texts, labels = [], []
    for label, intent in enumerate(INTENTS):
        chosen = sorted(seen[intent])
        rng.shuffle(chosen)
        texts += chosen[:args.per_intent]
        labels += [label] * min(len(chosen), args.per_intent)
    vectors = embed(texts, "query", lexical=0)
    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / BANK, "wb") as f:
        np.savez_compressed(f, vectors=vectors.astype(np.float16), labels=np.array(labels, dtype=np.int16),
                            classes=np.array(INTENTS))
    size = (OUT / BANK).stat().st_size / 1e6
    print(f"{len(texts)} neighbours over {len(INTENTS)} intents; {size:.1f} MB; {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
