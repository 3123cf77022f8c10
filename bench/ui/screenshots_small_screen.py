"""Every page of the window at 1366x768 (the counter laptop's screen), in English and Hindi, on the demo shop
of bench/agents/screenshots.py (sample shop, two weeks of sales, one cycle of the agents), and the first-run
wizard's limits step at the size it opens at, to check what is clipped, cut or overlapping.

    [HEIGHT=700] .venv/bin/python bench/ui/screenshots_small_screen.py [OUT_DIR] [PAGE ...]

Writes ``small-<page>-<lang>.png`` (default OUT_DIR /tmp/small-screen); with PAGE names (class names such as
AgentsPage) only those pages. HEIGHT: the window's height instead of 768 (about 700 is left on Windows under its
taskbar and the window's title bar).
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
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench" / "agents"))


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/small-screen")
    only = set(sys.argv[2:])
    out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtWidgets import QApplication
    from screenshots import shop

    from app import i18n
    from app.ui.app import setup_application
    from app.ui.bridge import EventBridge
    from app.ui.main_window import MainWindow
    from app.ui.pages import PAGES, as_entry
    from app.ui.setup import SetupWizard
    from app.ui.tasks import wait_for_tasks

    app = QApplication.instance() or QApplication([])
    setup_application(app)
    session = shop(Path(tempfile.mkdtemp()))

    def settle() -> None:
        for _ in range(300):
            wait_for_tasks()
            app.processEvents()

    for lang in ("en", "hi"):
        i18n.set_language(lang)
        bridge = EventBridge(session.bus)
        window = MainWindow(session, bridge)
        window.resize(1366, int(os.environ.get("HEIGHT", "768")))
        window.show()
        for entry in map(as_entry, PAGES):
            name = entry.name
            if only and name not in only:
                continue
            page = window.show_page(name)
            settle()
            short = name.removesuffix("Page").lower()
            window.grab().save(str(out / f"small-{short}-{lang}.png"))
            if name == "ItemsPage":  # with an item chosen: its sales and forecast chart
                page.table.selectRow(0)
                for _ in range(20):  # the chart waits for the selection to settle (a timer), then reads in a task
                    time.sleep(0.05)
                    settle()
                window.grab().save(str(out / f"small-items-forecast-{lang}.png"))
        window.close_quietly()
        bridge.close()
        wait_for_tasks()
        if not only or "wizard" in only:
            wizard = SetupWizard()
            wizard.show()
            wizard.setStartId(wizard.pageIds()[-1])
            wizard.restart()
            wizard.limits_page.alone.setChecked(True)
            settle()
            print(f"wizard {lang}: {wizard.width()}x{wizard.height()}", flush=True)
            wizard.grab().save(str(out / f"small-wizard-limits-{lang}.png"))
            wizard.done(0)
    session.close()
    i18n.set_language("en")
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
