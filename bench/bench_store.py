"""Store benchmarks of the ground floor (issue 2), on a large shop.

    .venv/bin/python bench/bench_store.py [--data-dir DIR] [--shop NAME] [--build] [--n 1000]

Builds the 100,000-item / 2,000,000-line shop with `python -m app demo --scale large` when --build is
given (or the shop is missing), then measures, in one run:
- the floor: a bare single-row INSERT + COMMIT with synchronous=FULL (WAL) on the same disk;
- recording a counter sale (order + 3 lines + stock moves + event + payment (+ outbox)): p50 / p99;
- product lookup by barcode, by name prefix (index range), by typed words (full-text) and stock on hand: p99;
- opening the shop (migrations + quick_check): median.
Each figure also as a ratio to the floor. Results go to bench/results/store-<time>.json.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.paths import DataDir  # noqa: E402
from app.services import catalog as catalog_service  # noqa: E402
from app.services import sales  # noqa: E402
from app.services.sales import PaymentIn, SaleLine  # noqa: E402
from app.session import open_session  # noqa: E402
from app.store import catalog, open_store  # noqa: E402
from app.store import stock as stock_store  # noqa: E402
from bench.timing import floor, pct, summary  # noqa: E402


def timed(fn, args_list) -> list[float]:
    times = []
    for args in args_list:
        started = time.perf_counter()
        fn(*args)
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", default=str(ROOT / "bench" / "data"))
    parser.add_argument("--shop", default="large")
    parser.add_argument("--build", action="store_true")
    parser.add_argument("--n", type=int, default=1000)
    args = parser.parse_args()
    data = DataDir(Path(args.data_dir)).ensure()
    build_seconds = None
    if args.build or not data.shop_db(args.shop).exists():
        from app.sim.history import build_demo_shop

        started = time.perf_counter()
        build_demo_shop(data, args.shop, scale="large", force=True,
                        progress=lambda f, m: print(f"  build {f:4.0%} {m}", file=sys.stderr, flush=True))
        build_seconds = time.perf_counter() - started

    opens = []
    for _ in range(5):
        started = time.perf_counter()
        open_store(data.shop_db(args.shop)).close()
        opens.append(time.perf_counter() - started)

    session = open_session(data, args.shop)
    session.store.start_checkpointer()  # as the desktop app runs it: checkpoints off the sale's path
    db = session.store.db()
    rng = random.Random(42)
    skus = [r[0] for r in db.execute("SELECT sku FROM product WHERE active = 1 AND mrp_paise IS NOT NULL"
                                      " AND hsn_code != '' AND unit = 'pcs' AND price_paise >= cost_paise")]
    barcodes = [r[0] for r in db.execute("SELECT barcode FROM product WHERE barcode IS NOT NULL")]
    names = [r[0] for r in db.execute("SELECT name_en FROM product")]
    counts = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("product", "order_line", "orders")}

    floor_times = floor(session.store.path.parent, args.n)

    sale_inputs = [[SaleLine(sku=s, qty_milli=1000) for s in rng.sample(skus, 3)] for _ in range(args.n)]
    # the sale includes its outbox rows: list every item the bench sells on a marketplace, so each
    # sale also queues the new quantities (coalescing with the pending ones) in the same transaction
    if not db.execute("SELECT 1 FROM channel WHERE code = 'benchmkt'").fetchone():
        catalog_service.add_channel(session.ctx, code="benchmkt", name="Bench marketplace")
    with session.store.write():
        for sku in {line.sku for lines in sale_inputs for line in lines}:
            catalog_service.list_on_channel(session.ctx, channel="benchmkt", sku=sku)
    outbox_before = db.execute("SELECT count(*) FROM outbox").fetchone()[0]
    quote_times, record_times = [], []
    for lines in sale_inputs:
        started = time.perf_counter()
        quote = sales.quote_sale(session.ctx, lines=lines)
        between = time.perf_counter()
        sales.record_sale(session.ctx, lines=lines, confirmed=True,
                          payments=[PaymentIn(method="cash", amount_paise=quote.total_paise)])
        done = time.perf_counter()
        quote_times.append(between - started)
        record_times.append(done - between)

    lookups = {
        "barcode": timed(lambda b: catalog.by_barcode(db, b), [(rng.choice(barcodes),) for _ in range(2000)]),
        "name_prefix": timed(lambda p: catalog.by_name_prefix(db, p, limit=20),
                             [(rng.choice(names)[: rng.randint(3, 6)],) for _ in range(2000)]),
        "name_words": timed(lambda t: catalog.search(db, t, limit=20),
                            [(" ".join(w[:4] for w in rng.choice(names).split()[:2]),) for _ in range(2000)]),
        "stock_on_hand": timed(lambda s: stock_store.on_hand(db, s), [(rng.choice(skus),) for _ in range(2000)]),
    }
    counts["outbox_rows_written_by_the_sales"] = db.execute("SELECT count(*) FROM outbox").fetchone()[0] - outbox_before
    session.close()

    floor_p50, floor_p99 = pct(floor_times, 50), pct(floor_times, 99)
    result = {
        "when": datetime.now(UTC).isoformat(), "shop": counts, "build_seconds": build_seconds,
        "floor_insert_commit": summary(floor_times),
        "sale_record": {**summary(record_times), "p50_ratio_to_floor_p50": round(pct(record_times, 50) / floor_p50, 2),
                        "p99_ratio_to_floor_p99": round(pct(record_times, 99) / floor_p99, 2)},
        "sale_quote": summary(quote_times),
        "lookups": {k: summary(v) for k, v in lookups.items()},
        "open_shop_median_s": round(statistics.median(opens), 3),
    }
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / f"store-{datetime.now(UTC):%Y%m%d-%H%M%S}.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
