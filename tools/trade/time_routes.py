"""How long the Trade page's export routes take to score, beside the rest of the page's refresh (a development tool).

    QT_QPA_PLATFORM=offscreen nice .venv/bin/python tools/trade/time_routes.py [RUNS]

Builds the trade tests' shop (tests/trade/books.py) with pack sizes and two quotes, as the screenshot tool does, and
times, RUNS times each (default 30): ``export_routes.scores`` alone, the routes panel's refresh (scores + table), and
the whole Trade page's refresh (which includes the panel). Prints the medians in milliseconds and the panel's share.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _median_ms(work, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    from PySide6.QtWidgets import QApplication
    from trade.books import build_export_books

    from app.domain.clock import ManualClock
    from app.paths import DataDir
    from app.services import catalog, export_routes, shop
    from app.session import open_session
    from app.ui.app import setup_application
    from app.ui.bridge import EventBridge
    from app.ui.main_window import MainWindow
    from app.ui.pages.trade import TradePage

    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    app = QApplication.instance() or QApplication(sys.argv)
    setup_application(app)
    with tempfile.TemporaryDirectory() as tmp:
        data = DataDir(Path(tmp) / "data").ensure()
        clock = ManualClock(datetime(2026, 6, 15, 5, 0, tzinfo=UTC))
        session = open_session(data, "kirana", create=True, clock=clock)
        ctx = session.ctx
        shop.create_shop(ctx, name="Test Kirana", state_code="27", gstin="27AAPFU0939F1ZV",
                         address="12 Station Road", city="Pune")
        build_export_books(ctx)
        clock.set(datetime(2026, 9, 20, 5, 0, tzinfo=UTC))
        catalog.update_product(ctx, "DRYF", pack_size="500 g")
        catalog.update_product(ctx, "BISC", pack_size="250 g")
        for route, country in (("postal", "AE"), ("courier", "SG")):
            export_routes.add_quote(ctx, export_routes.quote_from_text(route=route, country=country, per_kg="450"))
        bridge = EventBridge(session.bus)
        window = MainWindow(session, bridge)
        page = window.show_page(TradePage)
        assert isinstance(page, TradePage)
        found = export_routes.scores(session.store, ctx.today())
        scores = _median_ms(lambda: export_routes.scores(session.store, ctx.today()), runs)
        panel = _median_ms(page.routes.refresh, runs)
        whole = _median_ms(page.refresh, runs)
        print(f"{len(found)} route lines, {sum(f.scored for f in found)} scored; medians of {runs} runs:")
        print(f"  export_routes.scores      {scores:7.1f} ms")
        print(f"  routes panel refresh      {panel:7.1f} ms")
        print(f"  whole Trade page refresh  {whole:7.1f} ms  (panel {panel / whole:.0%} of it)")
        window.close_quietly()
        bridge.close()
        session.close()


if __name__ == "__main__":
    main()
