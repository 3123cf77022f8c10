"""One full agent cycle (forecast + reorder + pricing) on the 100,000-item shop (issue 4's benchmark).

    .venv/bin/python bench/agents/cycle.py [--data-dir bench/data] [--shop large] [--runs 3]

Needs the large demo shop (build it once with ``python -m app --data-dir bench/data --shop large demo
--scale large``, or ``bench/bench_store.py --build``). Each run copies the shop file to a scratch folder
(a cycle writes purchase orders and prices, so every run must start from the same state) and runs
``DecisionEngine.run_cycle()`` cold in a fresh process, as the app's scheduler would after a restart.
The child reports wall time per phase and its peak resident memory (``VmHWM``).

In the same process, before the cycle, it times a baseline: one pass over every bill line of the shop
(``SELECT sku, SUM(qty_milli) FROM order_line GROUP BY sku``), the least any forecast over
the whole history has to read. The cycle is reported as a multiple of it.

Targets: < 60 s on 2 cores and < 500 MB RSS. Results go to bench/results/agents-cycle-<time>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(data_dir: str, shop: str) -> None:
    import logging

    logging.basicConfig(level=logging.WARNING)
    from app.agents.engine import DecisionEngine
    from app.paths import DataDir
    from app.session import open_session

    session = open_session(DataDir(data_dir), shop)
    try:
        db = session.store.db()
        items = db.execute("SELECT count(*) FROM product").fetchone()[0]
        started = time.perf_counter()
        lines = db.execute("SELECT count(*) FROM (SELECT sku, SUM(qty_milli) FROM order_line "
                           "GROUP BY sku)").fetchone()[0]
        baseline_s = time.perf_counter() - started
        line_count = db.execute("SELECT count(*) FROM order_line").fetchone()[0]
        engine = DecisionEngine(session.ctx)
        started = time.perf_counter()
        report = engine.run_cycle()
        cycle_s = time.perf_counter() - started
    finally:
        session.close()
    print(json.dumps({"items": items, "bill_lines": line_count, "products_sold": lines, "baseline_s": baseline_s,
                      "cycle_s": cycle_s, "peak_rss_mb": peak_rss_mb(),
                      "phases_s": {k: round(v, 3) for k, v in report.seconds.items()},
                      "proposals": report.proposals, "executed": report.executed, "escalated": report.escalated,
                      "rejected": report.rejected, "failed": report.failed,
                      "forecasts_refreshed": report.forecasts_refreshed}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", default=str(ROOT / "bench" / "data"))
    parser.add_argument("--shop", default="large")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.data_dir, args.shop)
        return

    from app.paths import DataDir

    source = DataDir(args.data_dir).shop_db(args.shop)
    if not source.exists():
        sys.exit(f"No shop at {source}; build it first: python -m app --data-dir {args.data_dir} "
                 f"--shop {args.shop} demo --scale large")
    runs = []
    for n in range(args.runs):
        with tempfile.TemporaryDirectory(dir=source.parent.parent) as scratch:
            copy = DataDir(scratch).ensure()
            shutil.copy2(source, copy.shop_db(args.shop))
            env = dict(os.environ, PYTHONHASHSEED="0")
            out = subprocess.run([sys.executable, __file__, "--child", "--data-dir", scratch, "--shop", args.shop],
                                 capture_output=True, text=True, env=env, check=False)
            if out.returncode != 0:
                sys.exit(f"run {n + 1} failed:\n{out.stderr[-4000:]}")
            result = json.loads(out.stdout.strip().splitlines()[-1])
            runs.append(result)
            print(f"run {n + 1}: cycle {result['cycle_s']:.1f} s (baseline scan {result['baseline_s']:.2f} s), "
                  f"peak RSS {result['peak_rss_mb']:.0f} MB, phases {result['phases_s']}, "
                  f"{result['proposals']} proposals, {result['executed']} executed, "
                  f"{result['escalated']} to approve", flush=True)
    cycle = statistics.median(r["cycle_s"] for r in runs)
    base = statistics.median(r["baseline_s"] for r in runs)
    summary = {"runs": runs, "median_cycle_s": cycle, "median_baseline_s": base, "ratio": cycle / base,
               "max_peak_rss_mb": max(r["peak_rss_mb"] for r in runs), "items": runs[0]["items"],
               "bill_lines": runs[0]["bill_lines"], "cpus": os.cpu_count()}
    print(f"median cycle {cycle:.1f} s on {runs[0]['items']:,} items / {runs[0]['bill_lines']:,} bill lines "
          f"= {cycle / base:.1f}x one scan of the bill lines ({base:.2f} s); "
          f"peak RSS {summary['max_peak_rss_mb']:.0f} MB (targets < 60 s, < 500 MB)")
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    target = results / f"agents-cycle-{datetime.now():%Y%m%d-%H%M%S}.json"
    target.write_text(json.dumps(summary, indent=1))
    print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
