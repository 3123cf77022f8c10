"""How long the agents' snapshot takes to read the pace of items out of stock for months
(``snapshot._rate_when_last_stocked``): two queries for all the items (fifteenth session) against the one-item-at-a-time
reading it replaced (two queries per item), on the same shop file, with the figures checked identical.

    .venv/bin/python bench/agents/snapshot_priors.py [SCENARIO] [DAYS] [RUNS]

Simulates SCENARIO (kirana_300) under the ``agents`` policy for DAYS (120) days, keeps the shop file, then builds the
snapshot RUNS (5) times with each reading, alternating, and prints the median times, the number of items read
and the queries each reading ran.
"""

from __future__ import annotations

import json
import logging
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


class Counting:
    """A database that counts the statements run on it."""

    def __init__(self, db: Any) -> None:
        self.db, self.statements = db, 0

    def execute(self, *args: Any) -> Any:
        self.statements += 1
        return self.db.execute(*args)


def one_at_a_time(db: Any, skus: list[str], on_hand: Any, start: date, now: datetime) -> dict[str, tuple[float, float]]:
    """The reading before the fifteenth session (two queries per item), kept here to time and check against."""
    from app.agents.snapshot import IST, PRIOR_RATE_DAYS, _local_offset_minutes, pace_when_last_stocked
    from app.domain.clock import to_iso
    from app.store import sales_history as history
    from app.store import stock as stock_store

    out: dict[str, tuple[float, float]] = {}
    offset = _local_offset_minutes(now)
    before = (start - timedelta(days=1)).isoformat()
    for k, sku in enumerate(skus):
        sold = {date.fromisoformat(day): qty / 1000.0
                for day, qty in history.item_sales_by_day(db, sku, "0001-01-01", before) if qty > 0}
        if not sold:
            continue
        last = max(sold)
        since = datetime.combine(last - timedelta(days=PRIOR_RATE_DAYS - 1), datetime.min.time(), tzinfo=IST)
        moved: dict[date, float] = defaultdict(float)
        for day, qty in stock_store.item_moves(db, sku, to_iso(since), offset):
            if day is not None:
                moved[date.fromisoformat(day)] += qty / 1000.0
        out[sku] = pace_when_last_stocked(sold, last, moved, float(on_hand[k]) / 1000.0)
    return out


def main() -> None:
    logging.basicConfig(level=logging.ERROR)
    import app.agents.snapshot as snapshot
    import app.sim.harness as harness
    from app.agents.limits import Limits
    from app.agents.planner import Directives
    from app.domain.clock import IST
    from app.store import open_store

    scenario = sys.argv[1] if len(sys.argv) > 1 else "kirana_300"
    days = int(sys.argv[2]) if len(sys.argv) > 2 else 120
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    work = Path(tempfile.mkdtemp(prefix="priors-"))
    harness.run_simulation(ROOT / "resources" / "scenarios" / f"{scenario}.json", policy="agents", seed=1, days=days,
                           households=False, workdir=work, keep=True)
    store = open_store(work / "sim.db", exclusive=False)
    batched = snapshot._rate_when_last_stocked
    seen: dict[str, Any] = {}
    reading_times: dict[str, list[float]] = defaultdict(list)

    def counted(reading: Any) -> Any:
        def run(db: Any, skus: list[str], *args: Any) -> Any:
            counting = Counting(db)
            started = time.perf_counter()
            out = reading(counting, skus, *args)
            reading_times[reading.__name__].append(time.perf_counter() - started)
            seen[reading.__name__] = (len(skus), counting.statements, out)
            return out
        return run

    with store.read() as db:
        last_day = db.execute("SELECT max(business_date) FROM orders").fetchone()[0]
    today = date.fromisoformat(last_day) + timedelta(days=1)
    now = datetime.combine(today, datetime.min.time(), tzinfo=IST) + timedelta(hours=9)
    limits = Limits.load(store)
    times: dict[str, list[float]] = {"one_at_a_time": [], "batched": []}
    for _ in range(runs):
        for name, reading in (("one_at_a_time", one_at_a_time), ("batched", batched)):
            snapshot._rate_when_last_stocked = counted(reading)
            started = time.perf_counter()
            snapshot.build_snapshot(store, now=now, today=today, limits=limits, directives=Directives())
            times[name].append(time.perf_counter() - started)
    snapshot._rate_when_last_stocked = batched
    (items, old_queries, old), (_n, new_queries, new) = seen["one_at_a_time"], seen[batched.__name__]
    result = {"scenario": scenario, "days": days, "today": today.isoformat(), "items_read": items,
              "items_with_a_pace": len(new), "identical": old == new, "queries": {"one_at_a_time": old_queries,
                                                                                 "batched": new_queries},
              "snapshot_seconds_median": {k: round(statistics.median(v), 4) for k, v in times.items()},
              "snapshot_seconds": {k: [round(x, 4) for x in v] for k, v in times.items()},
              "reading_seconds_median": {("batched" if k == batched.__name__ else k): round(statistics.median(v), 5)
                                         for k, v in reading_times.items()}}
    print(json.dumps(result, indent=1))
    store.close()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
