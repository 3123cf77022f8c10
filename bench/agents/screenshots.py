"""Screenshots of the Agents, Approvals, Activity and Today tabs for docs/screenshots, in English and Hindi.

    .venv/bin/python bench/agents/screenshots.py [OUT_DIR]

Over the UI tests' sample shop with two weeks of sales, a supplier, and one real cycle of the agents: the
seller chose an 8% price move and a Rs 100 order limit, so the pricing agent raised the atta toward a
dearer competitor on its own and the inventory agent's order waits in Approvals.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def shop(tmp: Path):
    from shops import build_sample_shop

    from app.agents.engine import DecisionEngine
    from app.domain.clock import ManualClock
    from app.paths import DataDir
    from app.services import autonomy, inventory, market, sales, suppliers
    from app.session import open_session

    data = DataDir(tmp / "data").ensure()
    build_sample_shop(data, "shot")
    session = open_session(data, "shot")
    ctx = session.ctx
    gupta = int(suppliers.create_supplier(ctx, name="Gupta Traders", whatsapp="9812345678", lead_time_days=2).id)
    suppliers.link_product(ctx, gupta, "TATA-SALT-1KG", cost_paise=2400, case_size_milli=10_000)
    suppliers.link_product(ctx, gupta, "PARLE-G-80", cost_paise=800, case_size_milli=24_000)
    suppliers.link_product(ctx, gupta, "AASH-ATTA-5KG", cost_paise=22_800, case_size_milli=5_000)
    # the sample shop was made (and priced) now: its two weeks of trade are the days after, so the agents'
    # day is 15 days on (every price is past its 7-day cooldown)
    start = ctx.clock.now()
    inventory.count_stock(ctx, "TATA-SALT-1KG", 60_000)
    inventory.count_stock(ctx, "PARLE-G-80", 80_000)
    inventory.count_stock(ctx, "AASH-ATTA-5KG", 40_000)
    for day in range(1, 15):
        ctx.clock = ManualClock(start + timedelta(days=day))
        sales.record_sale(ctx, lines=[sales.SaleLine(sku="TATA-SALT-1KG", qty_milli=3000),
                                      sales.SaleLine(sku="PARLE-G-80", qty_milli=4000),
                                      sales.SaleLine(sku="AASH-ATTA-5KG", qty_milli=2000)],
                          payments=[sales.PaymentIn(method="cash", amount_paise=3 * 2700 + 4 * 1000 + 2 * 24_500)])
    ctx.clock = ManualClock(start + timedelta(days=15))
    inventory.count_stock(ctx, "TATA-SALT-1KG", 2000)
    inventory.count_stock(ctx, "PARLE-G-80", 5000)
    market.record_competitor_prices(ctx, [market.CompetitorSighting(sku="AASH-ATTA-5KG", price_paise=26_000,
                                                                    source="dmart")])
    autonomy.choose_limits(ctx, max_price_change_bp=800, max_po_paise=10_000, weekly_budget_paise=0)
    session.engine = DecisionEngine(ctx, sleep=lambda _s: None)
    report = session.engine.run_cycle()
    print(f"cycle: {report.executed} done, {report.escalated} waiting", flush=True)
    return session


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtWidgets import QApplication

    from app import i18n
    from app.ui.app import setup_application
    from app.ui.bridge import EventBridge
    from app.ui.main_window import MainWindow
    from app.ui.pages.activity import ActivityPage
    from app.ui.pages.agents import AgentsPage
    from app.ui.pages.approvals import ApprovalsPage
    from app.ui.pages.today import TodayPage
    from app.ui.tasks import wait_for_tasks
    from app.ui.week_card import WeekCard

    app = QApplication.instance() or QApplication([])
    setup_application(app)
    session = shop(Path(tempfile.mkdtemp()))

    def settle(until=lambda: True) -> None:
        for _ in range(600):
            wait_for_tasks()
            app.processEvents()
            if until():
                return

    for lang in ("en", "hi"):
        i18n.set_language(lang)
        bridge = EventBridge(session.bus)
        window = MainWindow(session, bridge)
        window.resize(1366, 768)
        window.show()
        page = window.show_page(AgentsPage)
        settle()
        rows = page.today_rows()
        page.today.selectRow(next((r for r, row in enumerate(rows) if row[4] in ("done", "पूरा")), 0))
        page.show_plans()
        settle(lambda p=page: not p.planning)
        window.grab().save(str(out / f"agents-{lang}.png"))
        window.show_page(ApprovalsPage)
        settle()
        window.grab().save(str(out / f"approvals-{lang}.png"))
        window.show_page(ActivityPage)
        settle()
        window.grab().save(str(out / f"activity-{lang}.png"))
        window.show_page(TodayPage)
        settle(lambda w=window: w.findChild(WeekCard).bars.week is not None)
        settle()
        window.grab().save(str(out / f"today-{lang}.png"))
        window.close_quietly()
        bridge.close()
        wait_for_tasks()
    session.close()
    i18n.set_language("en")
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
