"""Memory after scripted use of the window (issue 16: RSS under 400 MB after 10 minutes).

A fresh process opens the window on a shop (the demo shop by default; ``--keep DIR`` as bench_window.py
builds it), then for ``--minutes`` repeats what a shop's day does: bills of a few scanned items paid in cash at
the counter, every page opened in turn (each is built the first time), an Items search, the Reports page read
for the last 30 days. The process's resident memory (``VmRSS``) is sampled every ``--every`` seconds.

    nice .venv/bin/python bench/ui/bench_rss.py --keep DIR [--shop demo] [--minutes 10] [--every 10]

Prints JSON (start, peak and last RSS in MB, bills made, pages opened, load average) and writes
bench/results/rss-<time>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def status(field: str) -> int:
    """A number from /proc/self/status (kB for the memory fields)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return -1


def rss_mb(field: str = "VmRSS") -> float:
    return status(field) / 1024


def probe() -> dict[str, float]:
    """Where the resident memory is (``--probe``): anonymous (heaps) against file-backed pages, glibc's heap in use
    and free-but-kept, SQLite's own allocations, Python's live blocks and objects, Qt's widgets, the threads."""
    import ctypes
    import gc

    from PySide6.QtWidgets import QApplication

    class Mallinfo2(ctypes.Structure):
        _fields_ = [(name, ctypes.c_size_t) for name in ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks",
                                                         "fsmblks", "uordblks", "fordblks", "keepcost")]

    libc = ctypes.CDLL("libc.so.6")
    libc.mallinfo2.restype = Mallinfo2
    heap = libc.mallinfo2()
    sqlite = ctypes.CDLL("libsqlite3.so.0")
    sqlite.sqlite3_memory_used.restype = ctypes.c_int64
    mb = 1024 * 1024
    return {"rss_anon_mb": round(rss_mb("RssAnon"), 1), "rss_file_mb": round(rss_mb("RssFile"), 1),
            "malloc_in_use_mb": round((heap.uordblks + heap.hblkhd) / mb, 1),
            "malloc_free_kept_mb": round(heap.fordblks / mb, 1), "malloc_arena_mb": round(heap.arena / mb, 1),
            "sqlite_mb": round(sqlite.sqlite3_memory_used() / mb, 1),
            "py_blocks_k": round(sys.getallocatedblocks() / 1000, 1),
            "py_objects_k": round(len(gc.get_objects()) / 1000, 1), "widgets": len(QApplication.allWidgets()),
            "threads": status("Threads")}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keep", required=True, help="a data folder with the shop (bench_window.py --keep DIR)")
    parser.add_argument("--shop", default="demo")
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--every", type=float, default=10)
    parser.add_argument("--trace", action="store_true", help="print each step's page and RSS as it goes")
    parser.add_argument("--probe", action="store_true", help="with each sample, where the memory is (see probe())")
    args = parser.parse_args()
    from PySide6.QtCore import QCoreApplication, QEvent, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from app import config
    from app.paths import DataDir
    from app.session import open_session
    from app.ui.app import setup_application
    from app.ui.bridge import EventBridge
    from app.ui.main_window import MainWindow
    from app.ui.pages.counter import CounterPage
    from app.ui.pages.items import ItemsPage
    from app.ui.reports.page import ReportsPage
    from app.ui.tasks import wait_for_tasks

    # a copy, so the shop kept for bench_window.py is not changed by the bills made here
    folder = Path(tempfile.mkdtemp(prefix="tvx-rss-"))
    shutil.copytree(Path(args.keep) / "shops", folder / "shops",
                    ignore=shutil.ignore_patterns("*.holders", "*.lock", "*.gate"))
    app = QApplication.instance() or QApplication([])
    setup_application(app)
    samples: list[tuple[float, float]] = [(0.0, rss_mb())]
    session = open_session(DataDir(folder), args.shop)
    session.machine.set(config.PRINTER, f"file:{folder / 'receipts.bin'}")
    bridge = EventBridge(session.bus)
    window = MainWindow(session, bridge)
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    counter = window.page(CounterPage)
    assert isinstance(counter, CounterPage)
    codes = [r[0] for r in session.store.db().execute(
        "SELECT p.barcode FROM product p JOIN stock s ON s.sku = p.sku WHERE p.barcode IS NOT NULL"
        " AND s.on_hand_milli > 100000 AND p.unit = 'pcs' LIMIT 200")]
    rng = random.Random(7)
    started = time.monotonic()
    next_sample = args.every
    bills = pages_opened = 0
    probes: list[dict[str, float]] = []

    def pump(seconds: float = 0.05) -> None:
        ends = time.monotonic() + seconds
        while time.monotonic() < ends:
            app.processEvents()
            # the app's own event loop deletes what deleteLater() asked for; processEvents() alone never does
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            time.sleep(0.005)

    while time.monotonic() - started < args.minutes * 60:
        window.show_page(CounterPage)
        counter.command.setFocus()
        for code in rng.sample(codes, 4):
            lines = len(counter.bill.lines)
            QTest.keyClicks(counter.command, code)
            QTest.keyClick(counter.command, Qt.Key.Key_Return)
            deadline = time.monotonic() + 30
            while len(counter.bill.lines) == lines and time.monotonic() < deadline:
                app.processEvents()
        wait_for_tasks()
        scanned = rss_mb()
        if counter.bill.lines:
            counter.pay()
            paying = rss_mb()
            counter.dialog.confirm()
            bills += 1
            if args.trace:
                print(f"  scanned {scanned:7.1f}  pay dialog {paying:7.1f}  confirmed {rss_mb():7.1f} MB", flush=True)
        pump(0.3)
        entry = window.entries[pages_opened % len(window.entries)]
        before = rss_mb()
        window.show_page(entry.name)
        pages_opened += 1
        pump(0.5)
        if args.trace:
            print(f"{time.monotonic() - started:6.1f} s  bill {bills:3d}  {entry.name:24s} {before:7.1f} -> "
                  f"{rss_mb():7.1f} MB", flush=True)
        if pages_opened % 5 == 0:
            items = window.show_page(ItemsPage)
            assert isinstance(items, ItemsPage)
            items.search.setText(rng.choice(["atta", "soap", "tea", "biscuit", "oil"]))
            pump(0.6)
            reports = window.show_page(ReportsPage)
            assert isinstance(reports, ReportsPage)
            reports.period.setCurrentIndex(reports.period.findData("30d"))
            pump(1.0)
            wait_for_tasks()
        elapsed = time.monotonic() - started
        if elapsed >= next_sample:
            samples.append((round(elapsed, 1), round(rss_mb(), 1)))
            next_sample += args.every
            if args.probe:
                probes.append({"s": round(elapsed, 1), "rss_mb": samples[-1][1], "bills": bills, **probe()})
                print(json.dumps(probes[-1]), flush=True)
    wait_for_tasks()
    samples.append((round(time.monotonic() - started, 1), round(rss_mb(), 1)))
    result = {"when": datetime.now(UTC).isoformat(), "shop": args.shop, "minutes": args.minutes,
              "rss_start_mb": round(samples[0][1], 1), "rss_peak_mb": max(s[1] for s in samples),
              "rss_last_mb": samples[-1][1], "bills": bills, "pages_opened": pages_opened,
              "pages_built": len(window.pages), "load_average": os.getloadavg(), "samples": samples}
    if args.probe:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)  # what is left is live, not freed memory glibc kept
        result["probes"] = probes
        result["rss_after_malloc_trim_mb"] = round(rss_mb(), 1)
    window.close_quietly()
    bridge.close()
    session.close()
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / f"rss-{datetime.now(UTC):%Y%m%d-%H%M%S}.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2), flush=True)
    shutil.rmtree(folder, ignore_errors=True)
    os._exit(0)


if __name__ == "__main__":
    main()
