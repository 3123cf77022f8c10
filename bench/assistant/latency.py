"""Reply latency of the assistant: every held-out message asked of the real assistant on the evaluation shop,
the shop file opened as the app opens it (WAL, synchronous=FULL: each reply is two committed messages).

    .venv/bin/python bench/assistant/latency.py [--shop demo|evaluation] [--repeat 1] [--json OUT.json]

``--shop demo`` (the default) builds the demo shop (``python -m app demo``: two years of a believable kirana)
and asks it every message of the six labelled sets; ``--shop evaluation`` uses the evaluation shop of
tests/assistant/shop.py.

Reports wall-clock and CPU time per reply (p50, p95, max) and the first reply (models loaded, index
built). CPU time is what this process used, all its threads included: on a shared machine it says more
than the wall clock (see docs/assistant.md). Run it under ``taskset -c 0,1`` for two cores.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from datetime import UTC, datetime
from datetime import time as day_time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app.assistant import Assistant  # noqa: E402
from app.domain.clock import IST, ManualClock  # noqa: E402
from app.events import EventBus  # noqa: E402
from app.services.context import ServiceContext  # noqa: E402
from app.store import open_store  # noqa: E402
from app.wiring import LazyEngine  # noqa: E402
from bench.assistant.evaluate import load  # noqa: E402
from tests.assistant.shop import TODAY, build  # noqa: E402


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _open(kind: str, tmp: Path):
    if kind == "demo":
        from app.paths import DataDir
        from app.sim.history import build_demo_shop

        path = build_demo_shop(DataDir(tmp), "demo", days=365)
        store = open_store(path, exclusive=False)
        return store, ServiceContext(store, EventBus(), _at_seven_pm_today())
    path = tmp / "shop.db"
    build(path)
    store = open_store(path, exclusive=False)  # synchronous=FULL, as in the app
    clock = ManualClock(datetime.combine(TODAY, day_time(19), tzinfo=IST).astimezone(UTC))
    return store, ServiceContext(store, EventBus(), clock)


def _at_seven_pm_today() -> ManualClock:  # the demo shop ends today: ask at 7 pm today
    today = datetime.now(IST).date()
    return ManualClock(datetime.combine(today, day_time(19), tzinfo=IST).astimezone(UTC))


def measure(repeat: int = 1, kind: str = "demo") -> dict:
    messages = [row["text"] for name in ("main", "fresh", "heldout", "heldout2", "heldout3", "heldout4", "heldout5")
                for row in load(name)]
    with tempfile.TemporaryDirectory() as tmp:
        store, ctx = _open(kind, Path(tmp))
        assistant = Assistant(ctx, LazyEngine(ctx))
        wall, cpu = [], []
        started, started_cpu = time.perf_counter(), time.process_time()
        assistant.ask("kal kitna becha?", conversation="warm-up")
        first = (time.perf_counter() - started, time.process_time() - started_cpu)
        for round_ in range(repeat):
            for i, text in enumerate(messages):
                t0, c0 = time.perf_counter(), time.process_time()
                assistant.ask(text, conversation=f"bench-{round_}-{i % 20}")
                wall.append(time.perf_counter() - t0)
                cpu.append(time.process_time() - c0)
        assistant.close()
        store.close()
    ms = lambda v: round(v * 1000, 1)  # noqa: E731
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    return {"shop": kind, "replies": len(wall), "cores": cores,
            "first_reply_ms": {"wall": ms(first[0]), "cpu": ms(first[1])},
            "wall_ms": {"p50": ms(percentile(wall, 0.5)), "p95": ms(percentile(wall, 0.95)), "max": ms(max(wall))},
            "cpu_ms": {"p50": ms(percentile(cpu, 0.5)), "p95": ms(percentile(cpu, 0.95)), "max": ms(max(cpu))}}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--shop", choices=("demo", "evaluation"), default="demo")
    parser.add_argument("--json")
    args = parser.parse_args()
    result = measure(args.repeat, args.shop)
    print(json.dumps(result, indent=1))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
