"""Screenshots of the Agents, Approvals (with the order that keeps a dropped supplier), Activity and Today tabs,
the what-if on the Agents page and the first-run wizard's limits step, for docs/screenshots, in English and Hindi.

    .venv/bin/python bench/agents/screenshots.py [OUT_DIR]

Over the UI tests' sample shop with two weeks of sales, a supplier, and one real cycle of the agents: the
seller chose an 8% price move and a Rs 100 order limit, so the pricing agent raised the atta toward a
dearer competitor on its own and the inventory agent's order waits in Approvals, beside the order that keeps a
milk supplier nothing has been bought from for ten days (its one item sold out and its case does not pay). The
seller has a goal (sales of Rs 1 lakh in 30 days, 97% on the shelf) for the Today page's goal card; the what-if
replays the shop's last 14 days (its whole history; 90 in the app).
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
    # a milk agent whose one item, a 2-day milk at 7% margin in cases of 20, sold out on day 4 and was not
    # ordered again: the case does not pay, so after its lead time and a week the agent proposes one order
    # "to keep the supplier" (app/agents/dropped_suppliers.py), which waits in Approvals with its expected loss
    from app.services import catalog

    catalog.create_product(ctx, sku="DOODH-500", name_en="Toned milk 500 ml", name_hi="टोन्ड दूध 500 मिली",
                           price_paise=2800, mrp_paise=2800, cost_paise=2600, opening_stock_milli=20_000,
                           shelf_life_days=2, hsn_code="04012000")
    dairy = int(suppliers.create_supplier(ctx, name="Shree Dairy", whatsapp="9822001100", lead_time_days=1,
                                          min_order_paise=25_000).id)
    suppliers.link_product(ctx, dairy, "DOODH-500", cost_paise=2600, case_size_milli=20_000)
    # the sample shop was made (and priced) now: its two weeks of trade are the days after, so the agents'
    # day is 15 days on (every price is past its 7-day cooldown)
    start = ctx.clock.now()
    inventory.count_stock(ctx, "TATA-SALT-1KG", 60_000)
    inventory.count_stock(ctx, "PARLE-G-80", 80_000)
    inventory.count_stock(ctx, "AASH-ATTA-5KG", 40_000)
    for day in range(1, 15):
        ctx.clock = ManualClock(start + timedelta(days=day))
        milk = [sales.SaleLine(sku="DOODH-500", qty_milli=5000)] if day <= 4 else []
        sales.record_sale(ctx, lines=[sales.SaleLine(sku="TATA-SALT-1KG", qty_milli=3000),
                                      sales.SaleLine(sku="PARLE-G-80", qty_milli=4000),
                                      sales.SaleLine(sku="AASH-ATTA-5KG", qty_milli=2000), *milk],
                          payments=[sales.PaymentIn(method="cash", amount_paise=3 * 2700 + 4 * 1000 + 2 * 24_500
                                                    + len(milk) * 5 * 2800)])
    ctx.clock = ManualClock(start + timedelta(days=15))
    inventory.count_stock(ctx, "TATA-SALT-1KG", 2000)
    inventory.count_stock(ctx, "PARLE-G-80", 5000)
    market.record_competitor_prices(ctx, [market.CompetitorSighting(sku="AASH-ATTA-5KG", price_paise=26_000,
                                                                    source="dmart")])
    autonomy.choose_limits(ctx, max_price_change_bp=800, max_po_paise=10_000, weekly_budget_paise=0)
    from app.services import goals

    today = ctx.today()
    goals.create_goal(ctx, description="Sell Rs 1 lakh this month, 97% on the shelf",
                      metrics=[{"metric": "revenue", "target_paise": 10_000_000},
                               {"metric": "fill_rate", "target": 0.97}],
                      starts_on=today - timedelta(days=10), ends_on=today + timedelta(days=19), priority=1)
    session.engine = DecisionEngine(ctx, sleep=lambda _s: None)
    from app.sim.shop_scenario import what_if

    session.what_if = lambda _days: what_if(session.store, session.ctx.today(), days=14, warmup_days=14)
    report = session.engine.run_cycle()
    print(f"cycle: {report.executed} done, {report.escalated} waiting", flush=True)
    return session


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtWidgets import QApplication, QScrollArea

    from app import i18n
    from app.ui.agents.whatif_box import WhatIfBox
    from app.ui.app import setup_application
    from app.ui.bridge import EventBridge
    from app.ui.goal_card import GoalCard
    from app.ui.main_window import MainWindow
    from app.ui.pages.activity import ActivityPage
    from app.ui.pages.agents import AgentsPage
    from app.ui.pages.approvals import ApprovalsPage
    from app.ui.pages.today import TodayPage
    from app.ui.setup import SetupWizard
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
        approvals = window.show_page(ApprovalsPage)
        settle()
        window.grab().save(str(out / f"approvals-{lang}.png"))
        approvals.table.selectRow(1)  # the order that keeps the milk supplier, with its line below
        settle()
        window.grab().save(str(out / f"approvals-keep-supplier-{lang}.png"))
        window.show_page(ActivityPage)
        settle()
        window.grab().save(str(out / f"activity-{lang}.png"))
        window.show_page(TodayPage)
        settle(lambda w=window: w.findChild(WeekCard).bars.week is not None and bool(w.findChild(GoalCard).goals))
        settle()
        window.grab().save(str(out / f"today-{lang}.png"))
        scroll = window.findChild(TodayPage).findChild(QScrollArea)
        scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())  # down to the goal card
        settle()
        window.grab().save(str(out / f"today-goals-{lang}.png"))
        page = window.show_page(AgentsPage)
        box = page.findChild(WhatIfBox)
        box.start()
        settle(lambda b=box: not b.running)
        settle()  # the page lays itself out again around the replay's table and notes
        window.grab().save(str(out / f"agents-whatif-{lang}.png"))
        window.close_quietly()
        bridge.close()
        wait_for_tasks()
        wizard = SetupWizard()
        wizard.resize(760, 560)
        wizard.show()
        step = wizard.limits_page
        wizard.setStartId(wizard.pageIds()[-1])
        wizard.restart()
        step.alone.setChecked(True)
        step.price_pct.setValue(5)
        step.po.setValue(5000)
        step.budget.setValue(25000)
        settle()
        wizard.grab().save(str(out / f"wizard-limits-{lang}.png"))
        wizard.done(0)
    session.close()
    i18n.set_language("en")
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
