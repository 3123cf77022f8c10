"""Pack-text benchmark: OCR + extraction on rendered packs; brand, net quantity, MRP accuracy and time per photo.

    python bench/vision/packtext_bench.py [--dir bench/results/packs] [--count 120] [--seed 7]

Renders the packs first (tools/vision/packs.py, needs Debian fonts-noto-core) if the folder has none.
Timing is end to end per photo (decode, OCR, extraction) with onnxruntime on 2 threads.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TAVYONIX_ML_THREADS", "2")

from app.ml import packtext  # noqa: E402
from tools.vision.packs import write_set  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=ROOT / "bench" / "results" / "packs")
    parser.add_argument("--count", type=int, default=120)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args()
    labels_file = args.dir / "labels.json"
    if not labels_file.exists():
        write_set(args.dir, args.count, args.seed)
    labels = json.loads(labels_file.read_text(encoding="utf-8"))
    packtext.read(args.dir / labels[0]["file"])  # load the models outside the timing
    ok = {"brand": 0, "net_quantity": 0, "mrp": 0, "fssai": 0, "name": 0}
    fssai_total = 0
    times, cpu = [], []
    for label in labels:
        started, started_cpu = time.perf_counter(), time.process_time()
        facts = packtext.extract(packtext.read(args.dir / label["file"]))
        times.append((time.perf_counter() - started) * 1e3)
        cpu.append((time.process_time() - started_cpu) * 1e3)
        got = {
            "brand": facts.brand == label["brand"],
            "net_quantity": facts.net_quantity == Decimal(label["net_qty"]) and facts.unit == label["unit"],
            "mrp": facts.mrp_paise == label["mrp_paise"],
            "name": (facts.name or "").lower() == label["name"].lower(),
        }
        if label["fssai"]:
            fssai_total += 1
            got["fssai"] = facts.fssai == label["fssai"]
        for key, good in got.items():
            ok[key] += int(good)
        if args.show_errors and not all(got.values()):
            print(label["file"], {k: v for k, v in got.items() if not v}, "| got", facts.brand, facts.name,
                  facts.net_quantity_text, facts.mrp_paise, facts.fssai, "| want", label["brand"], label["name"],
                  label["net_qty"], label["unit"], label["mrp_paise"], "| lines", facts.lines)
    n = len(labels)
    print(f"packs: {n} rendered, in {args.dir}")
    for key in ("brand", "net_quantity", "mrp", "name"):
        print(f"{key:13s} accuracy {ok[key] / n:.3f} ({ok[key]}/{n})")
    print(f"{'fssai':13s} accuracy {ok['fssai'] / max(fssai_total, 1):.3f} ({ok['fssai']}/{fssai_total})")
    print(f"time per photo: median {statistics.median(times):.0f} ms, p90 {sorted(times)[int(0.9 * n)]:.0f} ms, "
          f"mean {statistics.mean(times):.0f} ms (threads={os.environ['TAVYONIX_ML_THREADS']}, cpus={os.cpu_count()},"
          f" load {os.getloadavg()[0]:.1f}); CPU time per photo: median {statistics.median(cpu):.0f} ms")


if __name__ == "__main__":
    main()
