"""How long one forecast run takes: 10,000 items from a year of daily sales, 28 days ahead (issue 13).

    .venv/bin/python bench/forecast/scale.py [--items 10000] [--days 365] [--horizon 28]

The histories are generated here (a Poisson rate per item, weekday pattern, 15% of items
intermittent, a tenth with prices and promotions); they are held as float32 arrays with
``RegularDates``, as the inventory agent should hold them. Prints the wall time of the
forecast call and the peak resident memory of the whole process (Linux, ``ru_maxrss``).
Targets: < 30 s and < 400 MB on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.ml.forecast import RegularDates, SeriesHistory, forecast  # noqa: E402


def histories(items: int, days: int, end: date, seed: int = 0) -> list[SeriesHistory]:
    rng = np.random.default_rng(seed)
    start = end - timedelta(days=days - 1)
    weekday = 1 + 0.2 * np.sin(2 * np.pi * (np.arange(days) + start.weekday()) / 7)
    out = []
    for i in range(items):
        rate = np.exp(rng.uniform(np.log(0.05), np.log(40)))
        qty = rng.poisson(rate * weekday).astype(np.float32)
        price = promo = None
        if i % 10 == 0:
            promo = (rng.random(days) < 0.05).astype(np.float32)
            price = np.where(promo > 0, 90.0, 100.0).astype(np.float32)
        out.append(SeriesHistory(f"sku{i:06d}", RegularDates(start, days, "D"), qty, price, promo))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", type=int, default=10_000)
    ap.add_argument("--days", type=int, default=365)
    ap.add_argument("--horizon", type=int, default=28)
    args = ap.parse_args()
    end = date(2026, 3, 31)
    t = time.perf_counter()
    data = histories(args.items, args.days, end)
    print(f"generated {args.items} items x {args.days} days in {time.perf_counter() - t:.1f}s; "
          f"peak RSS so far {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    forecast(data[:10], args.horizon, "D", end=end)  # loads the model (once per process)
    t, cpu = time.perf_counter(), time.process_time()
    res = forecast(data, args.horizon, "D", end=end)
    el, cpu = time.perf_counter() - t, time.process_time() - cpu
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    methods: dict[str, int] = {}
    for r in res:
        methods[r.method] = methods.get(r.method, 0) + 1
    print(f"forecast {len(res)} items x {args.horizon} days: {el:.1f}s wall ({cpu:.1f}s CPU; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores), peak RSS {rss:.0f} MB; methods {methods}")
    print(f"{'PASS' if el < 30 else 'FAIL'}  wall < 30 s;  {'PASS' if cpu < 30 else 'FAIL'}  CPU < 30 s (the wall time "
          f"of a quiet 2-core PC: the forecast is single-threaded but for onnxruntime);  "
          f"{'PASS' if rss < 400 else 'FAIL'}  < 400 MB")


if __name__ == "__main__":
    main()
