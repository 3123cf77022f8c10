"""Drain 10,000 queued changes after a simulated 3-day outage, against the simulator (own process).

    .venv/bin/python bench/sync/bench_drain.py            # both runs
    .venv/bin/python bench/sync/bench_drain.py --only off # rate limits off: changes per second (target >= 500/s)
    .venv/bin/python bench/sync/bench_drain.py --only on  # realistic limits: time vs the rate-limit floor (<= 1.2x)

"off": a catalogue listed on four marketplaces while offline (content, price and quantity for each
listing: 834 items x 4 channels x 3 = 10,008 rows). Amazon submissions are asynchronous: "drained"
counts rows settled (applied, or acked = accepted by Amazon and later checked).
"on": three days of sales change the quantity of 5,000 items on Shopify and ONDC (10,000 rows), with
the marketplaces' real limits (Shopify: leaky bucket of 2,000 points, 100 points/s; ONDC platform 20/s).
The floor is the time the buckets alone impose on the requests the run made.
Memory: peak resident size of this process (the worker; the simulator runs in its own process).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import keyring  # noqa: E402

from app.domain.clock import ManualClock  # noqa: E402
from app.paths import DataDir  # noqa: E402
from app.services import catalog, inventory, shop  # noqa: E402
from app.session import open_session  # noqa: E402
from app.store import outbox  # noqa: E402
from app.sync import setup  # noqa: E402
from app.sync.credentials import Credentials  # noqa: E402
from app.sync.worker import SyncWorker, WorkerConfig  # noqa: E402
from tests.sync.conftest import SECRETS, MemoryKeyring  # noqa: E402

CODES = {"amazon": "amazon_in", "shopify": "shopify", "woocommerce": "website", "ondc": "ondc"}


def start_sim(skus: int, limits: bool, markets: list[str]) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, str(Path(__file__).with_name("sim_proc.py")), "0", str(skus),
                             "1" if limits else "0", ",".join(markets)], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline().split()
    return proc, line[1]


def build(root: Path, url: str, markets: list[str], items: int, mode: str):
    keyring.set_keyring(MemoryKeyring())
    start = datetime.now(UTC) - timedelta(days=3)
    clock = ManualClock(start)
    data = DataDir(root).ensure()
    s = open_session(data, "bench", create=True, clock=clock)
    creds = Credentials(data.root / "credentials")
    shop.create_shop(s.ctx, name="Bench", state_code="27", gstin="27AAPFU0939F1ZV")
    for market in markets:
        catalog.add_channel(s.ctx, code=CODES[market], name=market)
        setup.connect(s.ctx, channel=CODES[market], adapter=market, base_url=url, secrets=SECRETS[market],
                      credentials=creds, account={"seller_id": "S"} if market == "amazon" else {})
    with s.store.write():
        for i in range(items):
            catalog.create_product(s.ctx, sku=f"B{i:05d}", name_en=f"Item {i}", price_paise=1000 + i % 3000,
                                   mrp_paise=5000, cost_paise=500, hsn_code="1905", opening_stock_milli=50_000)
            for market in markets:
                catalog.list_on_channel(s.ctx, channel=CODES[market], sku=f"B{i:05d}")
    if mode == "on":  # the listings were synced before the outage; three days of stock changes follow
        with s.store.write() as db:
            db.execute("UPDATE outbox SET status = 'applied'")
        with s.store.write():
            for i in range(items):
                clock.advance(timedelta(seconds=50))
                inventory.receive_stock(s.ctx, f"B{i:05d}", 1000)
    clock.set(datetime.now(UTC))
    return s, creds


def run(mode: str) -> dict:
    limits = mode == "on"
    markets = ["shopify", "ondc"] if limits else ["amazon", "shopify", "woocommerce", "ondc"]
    items = 5000 if limits else 834
    proc, url = start_sim(items, limits, markets)
    tmp = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    try:
        s, creds = build(tmp, url, markets, items, mode)
        db = s.store.db()
        queued = db.execute("SELECT count(*) FROM outbox WHERE status = 'pending'").fetchone()[0]
        config = WorkerConfig(rate_limits=limits, batch=200, max_rounds=1000, pull_every_s=3600)
        worker = SyncWorker(s.ctx, secret=creds.get, config=config)
        started, cpu0 = time.perf_counter(), time.process_time()
        report = worker.drain(max_cycles=2000)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu0
        counts = outbox.counts(db)
        worker.close()
        s.close()
        result = {"mode": mode, "queued": queued, "seconds": round(seconds, 2),
                  "changes_per_s": round(queued / seconds, 1),
                  "worker_cpu_s": round(cpu, 2), "changes_per_cpu_s": round(queued / cpu, 1),
                  "sent": report.sent, "counts": counts,
                  "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}
        if limits:
            # the floor: Shopify's bucket (2,000 points, 100/s) for the points this run spent, ONDC's 20/s
            shopify_calls = -(-items // 100)
            points = shopify_calls * (10 + 100) + shopify_calls * 5
            floor = max(0.0, (points - 2000) / 100) + max(0.0, (shopify_calls - 40) / 20)
            result.update(floor_s=round(floor, 1), vs_floor=round(seconds / floor, 2) if floor else None)
        return result
    finally:
        proc.terminate()
        proc.wait(10)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", choices=("off", "on"))
    args = parser.parse_args()
    for mode in ([args.only] if args.only else ["off", "on"]):
        print(json.dumps(run(mode)), flush=True)


if __name__ == "__main__":
    main()
