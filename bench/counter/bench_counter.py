"""Counter benchmarks on a 100,000-item shop (issue 3).

    .venv/bin/python bench/counter/bench_counter.py [--items 100000] [--scans 1000] [--bills 300] [--keep DIR]

Builds a synthetic shop (a migrated store filled with fast bulk SQL: products with EAN-13 barcodes,
Hindi names and keywords, opening stock through the ledger), then measures, in one run:
- scan to line shown: the scanner's key events (digits + Enter) sent to the counter screen, through the
  scan filter, the barcode look-up, pricing the bill and filling the table, until the paint is done;
  and ``CounterPage.scan(code)`` alone (the same without the key events);
- "Pay" to committed: ``counter.complete_bill`` (sale + lines + stock moves + payment + event + the
  saved bill removed, one transaction, synchronous=FULL) for bills of 1-20 lines; and the same through
  the payment dialog (Enter in the dialog until ``sale_saved``, including the hop to a worker thread);
- baselines in the same run: a bare barcode look-up (scan), and a bare one-row INSERT + COMMIT on the
  same disk (pay).
Prints JSON and writes bench/results/counter-<time>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# PySide6 6.12.0 on Python 3.11 drops a reference to None on every call of a method returning void
# (None is immortal only from Python 3.12), and the interpreter aborts once None's count reaches zero.
# Thousands of scans get there; hold enough references for this run (see docs/counter.md).
_NONE_BALLAST = [None] * 50_000_000 if sys.version_info < (3, 12) else []
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app.domain.codes import complete_ean13  # noqa: E402
from app.paths import DataDir  # noqa: E402
from app.services import counter  # noqa: E402
from app.services import shop as shop_service  # noqa: E402
from app.services.sales import SaleLine, quote_sale  # noqa: E402
from app.session import open_session  # noqa: E402
from app.store import catalog  # noqa: E402
from bench.timing import floor, pct, summary  # noqa: E402

WORDS = [("atta", "आटा"), ("chini", "चीनी"), ("namak", "नमक"), ("dal", "दाल"), ("chawal", "चावल"), ("tel", "तेल"),
         ("sabun", "साबुन"), ("biskut", "बिस्कुट"), ("chai", "चाय"), ("masala", "मसाला"), ("ghee", "घी"),
         ("doodh", "दूध")]
BRANDS = ["Tata", "Aashirvaad", "Fortune", "Parle", "Britannia", "Amul", "Patanjali", "Everest", "MDH", "Haldiram"]






def build_shop(data: DataDir, name: str, items: int) -> None:
    session = open_session(data, name, create=True)
    try:
        shop_service.create_shop(session.ctx, name="Bench Kirana", state_code="27", gstin="27AAPFU0939F1ZV",
                                 upi_id="bench@okaxis", city="Pune")
        rng = random.Random(7)
        now = session.ctx.now_iso()
        with session.store.write() as db:
            rows, moves = [], []
            for i in range(items):
                word, hindi = WORDS[i % len(WORDS)]
                brand = BRANDS[i % len(BRANDS)]
                mrp = rng.randint(10, 900) * 100
                price = mrp - rng.randint(0, mrp // 1000) * 100
                sku = f"SKU{i:06d}"
                rows.append((sku, f"{brand} {word.title()} {i}", f"{hindi} {i}", word, brand, "pcs",
                             complete_ean13(f"890{i:09d}"), "1905", 500 if i % 3 else 1800, mrp, price * 8 // 10,
                             price, now, now))
                moves.append((sku, 1_000_000, "opening", "local", f"opening:{sku}", now, "bench"))
            db.conn.executemany(
                "INSERT INTO product (sku, name_en, name_hi, keywords, brand, unit, barcode, hsn_code, gst_rate_bp,"
                " mrp_paise, cost_paise, price_paise, created_at, updated_at) VALUES"
                " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
            db.conn.executemany("INSERT INTO stock_move (sku, qty_milli, reason, source, source_ref, at, actor)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?)", moves)
    finally:
        session.close()




def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--scans", type=int, default=1000)
    parser.add_argument("--bills", type=int, default=300)
    parser.add_argument("--keep", help="build (or reuse) the shop in this folder")
    args = parser.parse_args()
    folder = Path(args.keep or tempfile.mkdtemp(prefix="tvx-bench-"))
    data = DataDir(folder / "data").ensure()
    shop = f"bench{args.items}"
    started = time.perf_counter()
    built = not data.shop_db(shop).exists()
    if built:
        build_shop(data, shop, args.items)
    build_s = time.perf_counter() - started

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from app.ui.app import setup_application
    from app.ui.bridge import EventBridge
    from app.ui.main_window import MainWindow
    from app.ui.pages.counter import CounterPage
    from app.ui.tasks import wait_for_tasks

    app = QApplication.instance() or QApplication([])
    setup_application(app)
    session = open_session(data, shop)
    session.store.start_checkpointer()  # as the desktop app runs it
    bridge = EventBridge(session.bus)
    window = MainWindow(session, bridge)
    window.resize(1366, 768)
    window.show()
    page = window.page(CounterPage)
    assert isinstance(page, CounterPage)
    page.command.setFocus()
    app.processEvents()
    db = session.store.db()
    rng = random.Random(11)
    barcodes = [complete_ean13(f"890{rng.randrange(args.items):09d}") for _ in range(args.scans)]

    baseline_lookup = []
    for code in barcodes:
        t0 = time.perf_counter()
        catalog.by_barcode(db, code)
        baseline_lookup.append(time.perf_counter() - t0)

    def fresh_bill() -> None:
        if page.bill.lines and page.bill.draft_id is not None:
            counter.discard_bill(session.ctx, page.bill.draft_id)
        page._drop_current()

    key_times, scan_times = [], []
    for n, code in enumerate(barcodes):
        if n % 20 == 0:
            wait_for_tasks()
            fresh_bill()
        t0 = time.perf_counter()
        QTest.keyClicks(page.command, code)
        QTest.keyClick(page.command, Qt.Key.Key_Return)
        app.processEvents()  # the table's paint
        key_times.append(time.perf_counter() - t0)
    page.timings.clear()
    for n, code in enumerate(reversed(barcodes)):
        if n % 20 == 0:
            wait_for_tasks()
            fresh_bill()
        page.scan(code)
        app.processEvents()
    scan_times = list(page.timings)
    wait_for_tasks()
    fresh_bill()

    skus = [r[0] for r in db.execute("SELECT sku FROM product ORDER BY random() LIMIT 5000")]
    pay_times = []
    for _ in range(args.bills):
        lines = [SaleLine(sku=s, qty_milli=1000) for s in rng.sample(skus, rng.randint(1, 20))]
        draft = counter.new_bill(session.ctx)
        total = quote_sale(session.ctx, lines=lines).total_paise
        payments = counter.tender(total, cash_given_paise=total + 5000).payments
        t0 = time.perf_counter()
        counter.complete_bill(session.ctx, draft, lines=lines, payments=payments, confirmed=True)
        pay_times.append(time.perf_counter() - t0)

    ui_pay = []
    for _ in range(min(100, args.bills)):
        fresh_bill()
        for code in rng.sample(barcodes, 5):
            page.scan(code)
        wait_for_tasks()
        page.pay()
        dialog = page.dialog
        done = []
        page.sale_saved.connect(done.append)
        t0 = time.perf_counter()
        dialog.confirm()
        while not done:
            app.processEvents()
        ui_pay.append(time.perf_counter() - t0)
        page.sale_saved.disconnect(done.append)
    floor_times = floor(session.store.path.parent, args.bills)

    wait_for_tasks()
    window.close_quietly()
    bridge.close()
    session.close()
    result = {
        "when": datetime.now(UTC).isoformat(), "items": args.items,
        "built_shop_s": round(build_s, 1) if built else None,
        "scan_to_line_keys": summary(key_times), "scan_to_line_page": summary(scan_times),
        "baseline_barcode_lookup": summary(baseline_lookup),
        "scan_p50_ratio_to_lookup_p50": round(pct(key_times, 50) / pct(baseline_lookup, 50), 1),
        "pay_to_committed": summary(pay_times), "pay_via_dialog": summary(ui_pay),
        "baseline_insert_commit": summary(floor_times),
        "pay_p50_ratio_to_floor_p50": round(pct(pay_times, 50) / pct(floor_times, 50), 2),
        "pay_p99_ratio_to_floor_p99": round(pct(pay_times, 99) / pct(floor_times, 99), 2),
        "median_scan_ms": round(statistics.median(key_times) * 1e3, 3),
    }
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / f"counter-{datetime.now(UTC):%Y%m%d-%H%M%S}.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2), flush=True)
    os._exit(0)  # skip finalising: see _NONE_BALLAST


if __name__ == "__main__":
    main()
