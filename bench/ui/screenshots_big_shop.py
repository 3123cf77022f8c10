"""Every page of the window at 1366x768 in English and Hindi on a big shop (bench/ui/big_shop.py: 378 items with
long names, a year of sales, 200 khata customers, 40 campaigns, 120 orders, 60+ approvals), with how long each page
takes to show the first time, to find what is clipped, cut, overlapping, untranslated or slow.

    [HEIGHT=700] .venv/bin/python bench/ui/screenshots_big_shop.py [OUT_DIR] [PAGE ...]

Writes ``big-<page>-<lang>.png`` (default OUT_DIR /tmp/big-shop), the Items page with an item chosen, Approvals with
a 30-line order chosen, Orders' marketplace tab, Marketing scrolled to its foot, and the first-run wizard's pages;
prints each page's first show: the time until ``show_page`` returns (built and refreshed on the GUI thread, the
window frozen meanwhile) and until its background reads are in.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench" / "ui"))


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/big-shop")
    only = set(sys.argv[2:])
    out.mkdir(parents=True, exist_ok=True)
    from big_shop import big_shop
    from PySide6.QtWidgets import QAbstractScrollArea, QApplication

    from app import i18n
    from app.agents.engine import DecisionEngine
    from app.ui.app import setup_application
    from app.ui.bridge import EventBridge
    from app.ui.main_window import MainWindow
    from app.ui.pages import PAGES, as_entry
    from app.ui.setup import SetupWizard
    from app.ui.tasks import wait_for_tasks

    app = QApplication.instance() or QApplication([])
    setup_application(app)
    session = big_shop(Path(tempfile.mkdtemp()))
    session.engine = DecisionEngine(session.ctx, sleep=lambda _s: None)
    height = int(os.environ.get("HEIGHT", "768"))

    def settle(rounds: int = 100) -> None:
        for _ in range(rounds):
            wait_for_tasks()
            app.processEvents()

    def shot(name: str) -> None:
        window.grab().save(str(out / f"big-{name}-{lang}.png"))

    for lang in ("en", "hi"):
        i18n.set_language(lang)
        bridge = EventBridge(session.bus)
        window = MainWindow(session, bridge)
        window.resize(1366, height)
        window.show()
        settle()
        for entry in map(as_entry, PAGES):
            name = entry.name
            if only and name not in only:
                continue
            started = time.perf_counter()
            page = window.show_page(name)
            shown = time.perf_counter() - started
            wait_for_tasks()
            app.processEvents()
            wait_for_tasks()
            ready = time.perf_counter() - started
            settle()
            grown = "" if window.height() <= height else f"  WINDOW GREW TO {window.width()}x{window.height()}"
            print(f"{lang} {name:16} first show {shown:6.2f} s, read {ready:6.2f} s{grown}", flush=True)
            short = name.removesuffix("Page").lower()
            shot(short)
            if name == "ItemsPage":  # with an item chosen: its sales and forecast chart
                page.table.selectRow(0)
                for _ in range(20):
                    time.sleep(0.05)
                    settle(10)
                shot("items-forecast")
            elif name == "ApprovalsPage" and page.table.rowCount():
                rows = [r for r in range(page.table.rowCount())
                        if "30" in (page.table.item(r, 0).text() if page.table.item(r, 0) else "")]
                page.table.selectRow(rows[0] if rows else 0)
                settle()
                shot("approvals-chosen")
            elif name == "OrdersPage":
                page.tabs.setCurrentIndex(1)  # the marketplaces
                settle()
                shot("orders-market")
                page.tabs.setCurrentIndex(0)
            if name in ("MarketingPage", "OrdersPage", "SettingsPage", "TodayPage", "AgentsPage", "ApprovalsPage"):
                for area in page.findChildren(QAbstractScrollArea):
                    if type(area).__name__ in ("PageScroll", "QScrollArea") and area.isVisible():
                        bar = area.verticalScrollBar()
                        if bar.maximum():
                            bar.setValue(bar.maximum())
                            settle(10)
                            shot(f"{short}-foot")
                            bar.setValue(0)
                        break
        window.close_quietly()
        bridge.close()
        wait_for_tasks()
        if not only or "wizard" in only:
            wizard = SetupWizard()
            wizard.show()
            settle(10)
            for n, page_id in enumerate(wizard.pageIds()):
                wizard.setStartId(page_id)
                wizard.restart()
                settle(10)
                wizard.grab().save(str(out / f"big-wizard-{n}-{lang}.png"))
            print(f"wizard {lang}: {wizard.width()}x{wizard.height()}", flush=True)
            wizard.done(0)
    session.close()
    i18n.set_language("en")
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
