"""The window's own timings (issue 16), medians with p90/p99 where there are many:

- start to usable window: a fresh process (``python bench/ui/bench_window.py --child ...``) from its
  start to the main window shown on the Counter with the scan box ready, on the demo shop and on a shop of
  ``--items`` items (100,000 by default, brought in by the item import); ``--starts`` runs each;
- scan to line: a scanner's key events (digits + Enter) into the counter until the line is in the bill
  and painted, on the large shop;
- bill to print: Enter in the payment dialog until the receipt has gone to the printer (a ``file:``
  printer, written and fsynced, as ``thermal.send`` does for a real one), the sale committed first;
- Items page search on the large shop: a word typed until the results are shown (the 180 ms type-ahead
  pause included), and the longest single pass of the event loop meanwhile (a stall the seller feels);
- Items page scrolling on the large shop (``--scroll-only`` for this alone): each input event (a mouse
  wheel notch, Page Down or Down with the selection following, Ctrl+End, the scroll bar dragged to its end
  so the next page of items is read) until it is handled and the table painted: the longest is the stall.

    .venv/bin/python bench/ui/bench_window.py [--items 100000] [--starts 5] [--scans 200] [--bills 30] [--keep DIR]
        [--starts-only | --scroll-only] [--baseline OTHER_CHECKOUT]

Targets (issue 16): start < 2 s on the demo shop and < 3 s on the 100,000-item shop; no stall over
100 ms in Items search and scrolling. Prints JSON and writes bench/results/window-<time>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# PySide6 on Python 3.11 drops a reference to None on some calls (see docs/counter.md); a bounded number
# of scans and bills here stays far from the count where that matters, without bench_counter's ballast.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests"))

ROOT = Path(__file__).resolve().parents[2]


def _ms(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)

    def at(p: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000, 1)

    return {"n": len(values), "median_ms": round(statistics.median(values) * 1000, 1), "p90_ms": at(90),
            "p99_ms": at(99), "max_ms": round(ordered[-1] * 1000, 1)}


def child(data_dir: str, shop: str, t0: float) -> None:
    """One start of the app as ``python -m app --data-dir DIR --shop SHOP`` does it (``app.main.run``: the
    options read, the data folder, the log, then ``run_gui`` with its own event loop), timed from the
    process's start (``t0``, wall clock, given by the parent) until the window is shown on the Counter with
    the scan box ready. The controller is wrapped only to watch for that moment."""
    from PySide6.QtCore import QTimer

    import app.ui.app as gui
    from app.main import run
    from app.ui.pages.counter import CounterPage

    marks: dict[str, float] = {}

    class Watched(gui.AppController):  # type: ignore[misc,valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            marks["controller_s"] = time.time() - t0  # Python, imports, options, log, QApplication
            super().__init__(*args, **kwargs)
            self._watch = QTimer()
            self._watch.timeout.connect(self._usable)
            self._watch.start(1)

        def _usable(self) -> None:
            window = self.window
            if window is None or not window.isVisible():
                return
            page = window.tabs.currentWidget()
            if isinstance(page, CounterPage) and page.command.isVisible() and page.command.isEnabled():
                print(json.dumps({"start_s": time.time() - t0, "imports_s": marks["controller_s"],
                                  "cpu_s": time.process_time()}), flush=True)
                self.close_shop()
                os._exit(0)

    gui.AppController = Watched  # type: ignore[misc]
    run(["--data-dir", data_dir, "--shop", shop])


def starts(data_dir: Path, shop: str, n: int, root: Path = ROOT, baseline: Path | None = None) -> dict[str, object]:
    """``n`` fresh starts; ``root`` is the tree whose ``app`` is started. With ``baseline`` (another checkout
    with this file copied into its bench/ui), its starts are interleaved with these, so both see the same load."""
    if baseline is not None:
        found: dict[str, list[dict[str, Any]]] = {"new": [], "baseline": []}
        for _ in range(n):
            found["new"].append(starts(data_dir, shop, 1, root))
            found["baseline"].append(starts(data_dir, shop, 1, baseline))
        keys = ("median_s", "python_and_imports_median_s", "cpu_median_s")
        return {label: {"n": n, "runs_s": [r["median_s"] for r in runs],
                        **{key: statistics.median(float(r[key]) for r in runs) for key in keys}}
                for label, runs in found.items()}
    times, imports, cpu = [], [], []
    for _ in range(n):
        t0 = time.time()
        out = subprocess.run([sys.executable, str(root / "bench" / "ui" / "bench_window.py"), "--child", str(data_dir),
                              shop, repr(t0)], check=True, capture_output=True, text=True, timeout=300, cwd=root).stdout
        found = json.loads(out.strip().splitlines()[-1])
        times.append(found["start_s"])
        imports.append(found["imports_s"])
        cpu.append(found["cpu_s"])
    return {"n": n, "median_s": round(statistics.median(times), 2), "max_s": round(max(times), 2),
            "runs_s": [round(t, 2) for t in times], "python_and_imports_median_s": round(statistics.median(imports), 2),
            "cpu_median_s": round(statistics.median(cpu), 2)}


def build(data_dir: Path, items: int) -> tuple[str, str, float]:
    from item_lists import write_big_csv

    from app.main import run
    from app.paths import DataDir
    from app.services import item_import
    from app.services import shop as shop_service
    from app.services.item_file import read_item_file
    from app.session import open_session

    started = time.perf_counter()
    assert run(["--data-dir", str(data_dir), "--shop", "demo", "demo"]) == 0
    data = DataDir(data_dir).ensure()
    session = open_session(data, "large", create=True)
    try:
        shop_service.create_shop(session.ctx, name="Bench Kirana", state_code="27", gst_scheme="unregistered")
        table = read_item_file(write_big_csv(data_dir / "items.csv", items))
        result = item_import.import_items(session.ctx, table, item_import.guess_mapping(table.headers))
        assert result.added == items, result.refused[:3]
    finally:
        session.close()
    return "demo", "large", time.perf_counter() - started


def in_window(data_dir: Path, shop: str, scans: int, bills: int) -> dict[str, object]:
    import random

    from PySide6.QtCore import Qt
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
    from app.ui.tasks import wait_for_tasks

    app = QApplication.instance() or QApplication([])
    setup_application(app)
    session = open_session(DataDir(data_dir), shop)
    printer = data_dir / "receipts.bin"
    session.machine.set(config.PRINTER, f"file:{printer}")
    session.machine.set(config.PRINT_AFTER_SALE, True)
    bridge = EventBridge(session.bus)
    window = MainWindow(session, bridge)
    window.resize(1366, 768)
    window.show()
    page = window.page(CounterPage)
    assert isinstance(page, CounterPage)
    window.show_page(CounterPage)
    page.command.setFocus()
    app.processEvents()
    db = session.store.db()
    rng = random.Random(5)
    codes = [r[0] for r in db.execute("SELECT barcode FROM product WHERE barcode IS NOT NULL ORDER BY random()"
                                      " LIMIT ?", (scans,))]
    scan_times: list[float] = []
    pay_print: list[float] = []
    printed: list[int] = []
    page.printed.connect(printed.append)
    per_bill = max(1, scans // max(1, bills))
    for b in range(bills):
        for code in codes[b * per_bill:(b + 1) * per_bill]:
            lines_before = len(page.bill.lines)
            t0 = time.perf_counter()
            QTest.keyClicks(page.command, code)
            QTest.keyClick(page.command, Qt.Key.Key_Return)
            while len(page.bill.lines) == lines_before:
                app.processEvents()
            app.processEvents()  # the table's paint
            scan_times.append(time.perf_counter() - t0)
        wait_for_tasks()
        page.pay()
        dialog = page.dialog
        count = len(printed)
        t0 = time.perf_counter()
        dialog.confirm()
        while len(printed) == count:
            app.processEvents()
            time.sleep(0.0005)
        pay_print.append(time.perf_counter() - t0)
    wait_for_tasks()

    items = window.show_page(ItemsPage)
    assert isinstance(items, ItemsPage)
    app.processEvents()
    search_times: list[float] = []
    stalls: list[float] = []  # each pass of the event loop while searching: the longest is the worst stall
    words = ["item number 1", "item 42", "number 9", "500 g", "item number 77", "890000000"]
    for n in range(30):
        word = words[n % len(words)] + str(rng.randrange(10))
        items.search.clear()
        wait_for_tasks()
        app.processEvents()
        done: list[int] = []
        items.model.modelReset.connect(lambda done=done: done.append(1))
        t0 = time.perf_counter()
        QTest.keyClicks(items.search, word)
        while not done:
            t1 = time.perf_counter()
            app.processEvents()
            stalls.append(time.perf_counter() - t1)
            time.sleep(0.0005)
        t1 = time.perf_counter()
        app.processEvents()
        stalls.append(time.perf_counter() - t1)
        search_times.append(time.perf_counter() - t0)
        items.model.modelReset.disconnect()
    receipts = printer.stat().st_size
    window.close_quietly()
    bridge.close()
    session.close()
    return {"scan_to_line": _ms(scan_times), "bill_to_print": _ms(pay_print),
            "items_search_typed_to_shown": _ms(search_times), "items_search_longest_event_loop_pass": _ms(stalls),
            "receipt_bytes": receipts}


def scroll(data_dir: Path, shop: str, notches: int, jumps: int) -> dict[str, object]:
    """Items page, all items by name (browsing, not searching), scrolled as a seller does: each frame is
    one input event sent until it is handled and the table is painted (``processEvents`` drains the paint
    it asked for), so the longest frame is the longest the window stopped answering."""
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from app.paths import DataDir
    from app.session import open_session
    from app.ui.app import setup_application
    from app.ui.bridge import EventBridge
    from app.ui.main_window import MainWindow
    from app.ui.pages.items import ItemsPage
    from app.ui.tasks import wait_for_tasks

    app = QApplication.instance() or QApplication([])
    setup_application(app)
    session = open_session(DataDir(data_dir), shop)
    bridge = EventBridge(session.bus)
    window = MainWindow(session, bridge)
    window.resize(1366, 768)
    window.show()
    items = window.show_page(ItemsPage)
    assert isinstance(items, ItemsPage)
    wait_for_tasks()
    app.processEvents()
    table, viewport = items.table, items.table.viewport()
    table.setFocus()
    table.selectRow(0)
    app.processEvents()
    frames: dict[str, list[float]] = {"wheel": [], "page_down": [], "down_key": [], "ctrl_end": [], "drag_to_end": []}
    cpu: dict[str, list[float]] = {kind: [] for kind in frames}

    def frame(kind: str, send: Any) -> None:
        # the GUI thread's own CPU time too: on this shared machine the wall time is mostly waiting for a
        # core, and a quiet PC's frame is close to its CPU time
        t0, c0 = time.perf_counter(), time.thread_time()
        send()
        app.processEvents()
        frames[kind].append(time.perf_counter() - t0)
        cpu[kind].append(time.thread_time() - c0)

    centre = QPointF(viewport.width() / 2, viewport.height() / 2)
    global_centre = QPointF(viewport.mapToGlobal(centre.toPoint()))

    def wheel() -> None:
        event = QWheelEvent(centre, global_centre, QPoint(0, 0), QPoint(0, -120), Qt.MouseButton.NoButton,
                            Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(viewport, event)

    for n in range(notches):  # down a few hundred rows and back up, three rows a notch
        frame("wheel", wheel)
        if n % 10 == 9:
            time.sleep(0.002)  # a hand on the wheel pauses; timers (the forecast's settle) get their turn
    for _ in range(notches // 2):
        frame("page_down", lambda: QTest.keyClick(table, Qt.Key.Key_PageDown))
    for _ in range(notches // 2):
        frame("down_key", lambda: QTest.keyClick(table, Qt.Key.Key_Down))
        time.sleep(0.002)
    bar = table.verticalScrollBar()
    for n in range(jumps):  # to the end of what is read: each reads the next page of items on this thread
        if n % 2:
            frame("ctrl_end", lambda: QTest.keyClick(table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier))
        else:
            frame("drag_to_end", lambda: bar.setValue(bar.maximum()))
    rows = items.model.rowCount()
    wait_for_tasks()
    window.close_quietly()
    bridge.close()
    session.close()
    every = [f for kinds in frames.values() for f in kinds]
    return {"rows_read": rows, "load_average": os.getloadavg(), "all_frames": _ms(every),
            "all_frames_cpu": _ms([c for kinds in cpu.values() for c in kinds]),
            **{kind: _ms(found) for kind, found in frames.items() if found},
            **{f"{kind}_cpu": _ms(found) for kind, found in cpu.items() if found}}


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], float(sys.argv[4]))
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--starts", type=int, default=5)
    parser.add_argument("--scans", type=int, default=200)
    parser.add_argument("--bills", type=int, default=30)
    parser.add_argument("--keep", help="build the shops in this folder, or use the ones already there")
    parser.add_argument("--starts-only", action="store_true", help="only the start-up timings (no counter/items run)")
    parser.add_argument("--baseline", help="a checkout of the code to compare start-up with (git worktree or"
                        " git archive; this file is run from its bench/ui, copy it there)")
    parser.add_argument("--scroll-only", action="store_true", help="only Items scrolling on the large shop")
    parser.add_argument("--notches", type=int, default=400, help="wheel notches (half as many Page Down, Down)")
    parser.add_argument("--jumps", type=int, default=100, help="jumps to the end (each reads a page of items)")
    args = parser.parse_args()
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="tvx-window-"))
    if (folder / "shops" / "large.db").exists() and (folder / "shops" / "demo.db").exists():
        demo, large, built_s = "demo", "large", 0.0
    else:
        folder.mkdir(parents=True, exist_ok=True)
        demo, large, built_s = build(folder, args.items)
    result: dict[str, object] = {"when": datetime.now(UTC).isoformat(), "items": args.items,
                                 "built_shops_s": round(built_s, 1), "load_average": os.getloadavg()}
    if not args.scroll_only:
        base = Path(args.baseline) if args.baseline else None
        result["start_demo"] = starts(folder, demo, args.starts, baseline=base)
        result[f"start_{args.items}_items"] = starts(folder, large, args.starts, baseline=base)
    if not args.starts_only and not args.scroll_only:
        result["counter_and_items_on_large_shop"] = in_window(folder, large, args.scans, args.bills)
    if not args.starts_only:
        result["items_scrolling_on_large_shop"] = scroll(folder, large, args.notches, args.jumps)
    result["load_average_after"] = os.getloadavg()
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / f"window-{datetime.now(UTC):%Y%m%d-%H%M%S}.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2), flush=True)
    os._exit(0)


if __name__ == "__main__":
    main()
