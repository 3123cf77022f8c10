"""How long the demo shop takes to build, and where the time goes.

    .venv/bin/python bench/bench_demo.py [--runs 3] [--days 730] [--large] [--large-days 730]
                                         [--data-dir DIR] [--skip-small]

- small: the kirana (370-odd items, ``--days`` of history), built ``--runs`` times; median wall and CPU time.
- large (``--large``): 100,000 items and about 2,000,000 bill lines, built once into ``--data-dir`` as shop
  ``large`` (where ``bench/bench_store.py`` looks for it).

Each build also reports the time spent inside each service the generator calls (the functions are wrapped
with a timer here, in the benchmark only), so a slow build says which service it waits on. Results go to
``bench/results/demo-<time>.json``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.paths import DataDir  # noqa: E402
from app.services import catalog, inventory, khata, purchasing, sales, suppliers  # noqa: E402
from app.sim.history.build import build  # noqa: E402

END = date(2026, 11, 24)  # a fixed last day, so runs on different days build the same shop
TIMED = {  # service module -> the functions the generator calls (the generator calls them through the module)
    sales: ("record_sale",),
    purchasing: ("create_purchase_order", "send_purchase_order", "receive_purchase_order", "cancel_purchase_order"),
    catalog: ("create_product", "change_price", "update_product", "archive_product"),
    suppliers: ("create_supplier", "link_product"),
    khata: ("create_customer", "receive_payment"),
    inventory: ("record_wastage", "count_stock"),
}


class ServiceTimer:
    """Wraps the services the generator calls with a timer (outermost calls only)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self._depth = 0
        self._saved: list[tuple[object, str, object]] = []

    def __enter__(self) -> ServiceTimer:
        for module, names in TIMED.items():
            for name in names:
                original = getattr(module, name)
                self._saved.append((module, name, original))
                setattr(module, name, self._wrap(f"{module.__name__.rsplit('.', 1)[-1]}.{name}", original))
        return self

    def _wrap(self, label: str, fn):
        def timed(*args, **kwargs):
            if self._depth:
                return fn(*args, **kwargs)
            self._depth += 1
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.seconds[label] += time.perf_counter() - started
                self.calls[label] += 1
                self._depth -= 1
        return timed

    def __exit__(self, *exc: object) -> None:
        for module, name, original in self._saved:
            setattr(module, name, original)

    def table(self, total: float) -> dict[str, dict]:
        return {label: {"calls": self.calls[label], "seconds": round(s, 2), "ms_per_call": round(s / self.calls[label]
                                                                                                  * 1e3, 3),
                        "share_of_build": round(s / total, 3)}
                for label, s in sorted(self.seconds.items(), key=lambda kv: -kv[1])}


def one_build(data: DataDir, shop: str, *, days: int, scale: str, quiet: bool) -> dict:
    last = [0.0]

    def progress(fraction: float, message: str) -> None:
        if not quiet and time.perf_counter() - last[0] > 30:
            last[0] = time.perf_counter()
            print(f"    {fraction:4.0%} {message}", file=sys.stderr, flush=True)

    with ServiceTimer() as timer:
        wall, cpu = time.perf_counter(), time.process_time()
        path, report = build(data, shop, days=days, end=END, scale=scale, force=True, progress=progress)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {"wall_s": round(wall, 1), "cpu_s": round(cpu, 1), "setup_s": round(report.setup_s, 1),
            "days_s": round(report.days_s, 1), "bills": report.bills, "lines": report.lines,
            "lost_lines": report.lost_lines, "purchase_orders": report.purchase_orders,
            "price_changes": report.price_changes, "items": report.items,
            "file_mb": round(path.stat().st_size / 1e6, 1), "services": timer.table(wall)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--days", type=int, default=730)
    parser.add_argument("--skip-small", action="store_true")
    parser.add_argument("--large", action="store_true")
    parser.add_argument("--large-days", type=int, default=730)
    parser.add_argument("--data-dir", default=str(ROOT / "bench" / "data"))
    args = parser.parse_args()
    result: dict = {"when": datetime.now(UTC).isoformat(), "end": END.isoformat()}
    if not args.skip_small:
        runs = []
        with tempfile.TemporaryDirectory() as folder:
            data = DataDir(Path(folder)).ensure()
            for n in range(args.runs):
                run = one_build(data, "demo", days=args.days, scale="small", quiet=True)
                print(f"  small run {n + 1}: {run['wall_s']} s wall, {run['cpu_s']} s CPU", file=sys.stderr)
                runs.append(run)
        result["small"] = {"days": args.days, "runs": runs,
                           "median_wall_s": statistics.median(r["wall_s"] for r in runs),
                           "median_cpu_s": statistics.median(r["cpu_s"] for r in runs)}
    if args.large:
        data = DataDir(Path(args.data_dir)).ensure()
        print("  large build (one run) ...", file=sys.stderr)
        result["large"] = {"days": args.large_days, **one_build(data, "large", days=args.large_days, scale="large",
                                                                 quiet=False)}
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / f"demo-{datetime.now(UTC):%Y%m%d-%H%M%S}.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
