"""The Agents tab: switches, limits with a preview on the shop's own best seller, what was done today with undo
of a price change, and the plans of a dry run that does nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from app import config, i18n
from app.agents.engine import DecisionEngine
from app.agents.limits import Limits
from app.domain.clock import ManualClock
from app.services import autonomy, catalog, decisions, inventory, sales, settings, suppliers
from app.store import decisions as decision_store
from app.ui.pages.agents import AgentsPage


@pytest.fixture
def engine(session):
    session.engine = DecisionEngine(session.ctx, sleep=lambda _s: None)
    return session.engine


def open_page(window) -> AgentsPage:
    page = window.show_page(AgentsPage)
    assert isinstance(page, AgentsPage)
    return page


def price(session, sku: str) -> int:
    return session.store.db().execute("SELECT price_paise FROM product WHERE sku = ?", (sku,)).fetchone()[0]


def test_until_limits_are_chosen_the_page_says_everything_waits_then_saves_them(session, engine, make_window,
                                                                                qtbot):
    page = open_page(make_window())
    assert "waits for your approval in Approvals" in page.banner.text()
    # the default 10%: Tata Salt (the best seller, now Rs 27) between the margin floor (cost Rs 24 + 5%,
    # rounded up to Rs 26) and its MRP (Rs 28)
    # the preview is read on a worker thread (a big shop's best seller takes most of a second to find)
    qtbot.waitUntil(lambda: "Tata Salt 1 kg (now ₹27) between ₹26 and ₹28" in page.limits.preview.text())
    page.limits.price_pct.setValue(3)
    qtbot.waitUntil(lambda: "at most 3% without asking: Tata Salt 1 kg (now ₹27) between ₹27 and ₹27"
                    in page.limits.preview.text())
    page.limits.po.setValue(5000)
    qtbot.waitUntil(lambda: "orders up to ₹5,000 go to the supplier without asking" in page.limits.preview.text())
    qtbot.mouseClick(page.limits.save_button, Qt.MouseButton.LeftButton)
    now = autonomy.controls(session.store)
    assert (now.chosen, now.max_price_change_bp, now.max_po_paise) == (True, 300, 500_000)
    qtbot.waitUntil(lambda: page.banner.text().startswith("The agents act on their own within the limits below"))

    # one agent off; the master switch greys out the others
    page.limits.switches["pricing"].setChecked(False)
    assert autonomy.controls(session.store).switched_on == {"inventory": True, "pricing": False}
    page.limits.master.setChecked(False)
    assert not autonomy.controls(session.store).enabled
    assert not page.limits.switches["inventory"].isEnabled()
    qtbot.waitUntil(lambda: page.limits.preview.text() == "The agents are off: they do nothing, not even suggest.")


def test_todays_price_change_is_shown_with_why_and_can_be_undone(session, engine, make_window, qtbot):
    decision = decisions.record_decision(
        session.ctx, agent="pricing", decision_type="reprice", status="executed",
        reasoning=["Parle-G 80 g: the competitor sells at ₹9.50."],
        actions=[{"kind": "set_price", "params": {"sku": "PARLE-G-80", "price_paise": 950,
                                                  "old_price_paise": price(session, "PARLE-G-80")}}])
    old = price(session, "PARLE-G-80")
    catalog.change_price(session.ctx, "PARLE-G-80", price_paise=950)
    page = open_page(make_window())
    qtbot.waitUntil(lambda: page.today.rowCount() == 1)  # read on a worker thread
    rows = page.today_rows()
    assert len(rows) == 1
    assert rows[0][1] == "pricing agent" and rows[0][4] == "done"
    assert rows[0][2].startswith("Price of Parle-G") and "→ ₹9.50" in rows[0][2]
    assert rows[0][3] == "Parle-G 80 g: the competitor sells at ₹9.50."
    page.today.selectRow(0)
    assert page.undo_button.isEnabled()
    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    assert price(session, "PARLE-G-80") == old
    assert page.undo_line.text() == "Done: the old price is back."
    assert decision_store.decision(session.store.db(), int(decision.id)).status == "executed"


def test_plans_show_the_next_order_and_that_it_waits_and_nothing_is_done(session, engine, make_window, qtbot):
    supplier = int(suppliers.create_supplier(session.ctx, name="Gupta Traders", whatsapp="9812345678",
                                             lead_time_days=2).id)
    suppliers.link_product(session.ctx, supplier, "TATA-SALT-1KG", cost_paise=2400, case_size_milli=10_000)
    # two weeks of selling a packet a day from a full shelf, then the shelf is found empty this morning
    real = session.ctx.clock
    session.ctx.clock = ManualClock(real.now() - timedelta(days=20))
    inventory.count_stock(session.ctx, "TATA-SALT-1KG", 40_000)
    for back in range(14, 0, -1):
        session.ctx.clock = ManualClock(real.now() - timedelta(days=back))
        sales.record_sale(session.ctx, lines=[sales.SaleLine(sku="TATA-SALT-1KG", qty_milli=1000)],
                          payments=[sales.PaymentIn(method="cash", amount_paise=2700)])
    session.ctx.clock = real
    inventory.count_stock(session.ctx, "TATA-SALT-1KG", 0)
    before = len(decision_store.decisions(session.store.db()))
    page = open_page(make_window())
    qtbot.mouseClick(page.plan_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.plan_line.text().endswith("Nothing was done."), timeout=20_000)
    orders = [row for row in page.plan_rows() if row[1].startswith("Order to Gupta Traders")]
    assert orders and orders[0][0] == "inventory agent" and "Tata Salt 1 kg: " in orders[0][1]
    assert orders[0][2].startswith("Waits for you: You have not chosen yet")
    assert "Orders together: ₹" in page.plan_line.text()
    assert len(decision_store.decisions(session.store.db())) == before
    assert not decision_store.approvals(session.store.db())
    assert price(session, "TATA-SALT-1KG") == 2700


def test_the_page_in_hindi(session, engine, make_window, qtbot):
    i18n.set_language("hi")
    settings.set_setting(session.ctx, config.AGENT_LIMITS_CHOSEN.key, False)
    page = open_page(make_window())
    assert AgentsPage.title() != "Agents"
    qtbot.waitUntil(lambda: "टाटा नमक 1 किलो" in page.limits.preview.text())
    assert not any(word in page.banner.text() for word in ("approval", "agents", "limits"))
    assert "चार हफ़्तों" in page.limits.fresh.toolTip()  # the raised short-life items (twentieth session)


def test_the_seller_chooses_how_fully_goods_that_expire_are_stocked(session, make_window, qtbot):
    page = open_page(make_window())
    fresh = page.limits.fresh
    assert fresh.currentData() == 1700  # by default: a fuller shelf (nineteenth session)
    assert autonomy.controls(session.store).fresh_service_bp == 1700
    # under it, an item out on half of the last four weeks is stocked as 'rarely run out' would (twentieth session)
    assert "half of the last four weeks" in fresh.toolTip()
    # only the few that turned away the most customers, up to 2 in every hundred (twenty-first session)
    assert "up to 2 in every hundred of the shop's" in fresh.toolTip()
    fresh.setCurrentIndex(fresh.findData(autonomy.FRESH_STOCKING["pays"]))
    assert autonomy.controls(session.store).fresh_service_bp == 0
    assert Limits.load(session.store).fresh_service_bp == 0  # what the inventory agent reads

    # a value set from the command line shows as the seller's own, and the master switch greys the choice out
    settings.set_setting(session.ctx, config.AGENT_FRESH_SERVICE_BP.key, 3000)
    page.limits.load()
    assert fresh.currentData() == 3000
    assert "30% of deliveries last until they expire" in fresh.currentText()
    page.limits.master.setChecked(False)
    assert not fresh.isEnabled()


def test_todays_decisions_are_read_off_the_window(session, engine, make_window, qtbot, monkeypatch):
    """Each of today's decisions is put in words from the store (items', suppliers' names): 69 of them on a big shop
    took 0.3 s of the page's first show on the window's thread. Until they are read the page does not say that
    the agents did nothing."""
    import threading

    from app.ui.pages import agents as agents_page

    for sku in ("PARLE-G-80", "TATA-SALT-1KG"):
        decisions.record_decision(
            session.ctx, agent="pricing", decision_type="reprice", status="awaiting_approval", reasoning=["why"],
            actions=[{"kind": "set_price", "params": {"sku": sku, "price_paise": 900, "old_price_paise": 1000}}])
    on_window: list[bool] = []
    real = agents_page.details

    def details(*args, **kwargs):
        on_window.append(threading.current_thread() is threading.main_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(agents_page, "details", details)
    page = open_page(make_window())
    assert not page.nothing_today.isVisible()
    qtbot.waitUntil(lambda: page.today.rowCount() == 2)
    assert on_window == [False, False], on_window
    assert {row[2].split(":")[0] for row in page.today_rows()} == {"Price of Parle-G Biscuit 80 g",
                                                                   "Price of Tata Salt 1 kg"}
