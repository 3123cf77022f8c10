"""Photo-tagging benchmark: category accuracy on rendered, labelled product photos, before and after the
shop confirms 5 photos per category (few-shot nearest neighbours on EfficientNet-Lite0 features).

    python bench/vision/tagging_bench.py [--dir bench/results/products] [--per-category 20] [--shots 5]

Renders the photos first (tools/vision/products.py) if the folder has none: a test set, and a separate
set (another seed) from which the "confirmed" photos are drawn.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TAVYONIX_ML_THREADS", "2")

from app.ml import vision  # noqa: E402
from tools.vision.products import CATEGORIES, write_set  # noqa: E402


def load(folder: Path, per_category: int, seed: int) -> list[dict]:
    if not (folder / "labels.json").exists():
        write_set(folder, per_category, seed)
    return json.loads((folder / "labels.json").read_text(encoding="utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=ROOT / "bench" / "results" / "products")
    parser.add_argument("--per-category", type=int, default=20)
    parser.add_argument("--shots", type=int, default=5)
    args = parser.parse_args()
    test = load(args.dir / "test", args.per_category, seed=3)
    support = load(args.dir / "confirmed", args.shots, seed=99)

    index = vision.FewShotIndex()
    for item in support:
        tags = vision.tag(args.dir / "confirmed" / item["file"])
        index.add(item["file"], item["category"], tags.features)

    zero = few = knn_only = 0
    per_cat: dict[str, list[int]] = {c: [0, 0, 0] for c in CATEGORIES}
    times = []
    for item in test:
        path = args.dir / "test" / item["file"]
        started = time.perf_counter()
        before = vision.tag(path)
        times.append((time.perf_counter() - started) * 1e3)
        after = vision.tag(path, index=index)
        nearest = index.nearest(after.features, 1)[0][1]
        hit0 = before.best is not None and before.best.code == item["category"]
        hit1 = after.best is not None and after.best.code == item["category"]
        zero += hit0
        few += hit1
        knn_only += nearest == item["category"]
        per_cat[item["category"]][0] += hit0
        per_cat[item["category"]][1] += hit1
        per_cat[item["category"]][2] += 1
    n = len(test)
    print(f"test photos: {n} rendered ({len(CATEGORIES)} categories x {args.per_category}); confirmed: "
          f"{args.shots} per category from a separate render")
    print(f"ImageNet mapping only (no confirmed photos): accuracy {zero / n:.3f}")
    print(f"after {args.shots} confirmed photos per category: accuracy {few / n:.3f} "
          f"(nearest confirmed photo alone: {knn_only / n:.3f})")
    for cat, (a, b, total) in per_cat.items():
        print(f"  {cat:14s} {a}/{total} -> {b}/{total}")
    print(f"tag() per photo: median {statistics.median(times):.0f} ms (model + quality + colours, "
          f"threads={os.environ['TAVYONIX_ML_THREADS']})")


if __name__ == "__main__":
    main()
