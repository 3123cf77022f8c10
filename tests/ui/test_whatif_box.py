"""The Agents page's what-if: the shop's own last days replayed by the agents and two honest routines on a
worker thread, shown side by side with what the replay assumed."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from app import i18n
from app.domain.clock import ManualClock
from app.services import sales
from app.sim.shop_scenario import what_if
from app.ui.agents.whatif_box import WhatIfBox
from app.ui.pages.agents import AgentsPage


def _history(session) -> None:
    real = session.ctx.clock
    for days_ago in range(1, 8):
        session.ctx.clock = ManualClock(real.now() - timedelta(days=days_ago))
        lines = [sales.SaleLine(sku="PARLE-G-80", qty_milli=3000), sales.SaleLine(sku="TATA-SALT-1KG", qty_milli=1000)]
        quote = sales.quote_sale(session.ctx, lines=lines)
        sales.record_sale(session.ctx, lines=lines,
                          payments=[sales.PaymentIn(method="cash", amount_paise=quote.total_paise)])
    session.ctx.clock = real


def test_the_replay_runs_in_the_background_and_shows_the_three_side_by_side(session, make_window, qtbot):
    _history(session)
    asked: list[int] = []

    def replay(days: int):
        asked.append(days)
        return what_if(session.store, session.ctx.today(), days=7, warmup_days=7)  # 90 days in the app

    session.what_if = replay
    page = make_window().show_page(AgentsPage)
    box = page.findChild(WhatIfBox)
    assert box.button.isEnabled() and box.table.isHidden()
    qtbot.mouseClick(box.button, Qt.MouseButton.LeftButton)
    assert not box.button.isEnabled() and "Replaying the last 90 days" in box.status.text()
    qtbot.waitUntil(lambda: not box.running, timeout=60_000)
    assert box.result is not None, box.status.text()
    assert asked == [90]
    rows = box.rows()
    assert [r[0] for r in rows] == ["The agents", "A textbook reorder routine", "A careful shopkeeper's routine"]
    for row, figures in zip(rows, box.result.figures, strict=True):
        assert row[1].startswith("₹") and row[2].endswith("%") and row[4].startswith("₹")
        assert row[3] == f"{figures.fill_rate_priced * 100:.1f}%"
    assert box.status.text().startswith("The agents would have made ") and " profit than " in box.status.text()
    assert "2 items that sold most in the last 7 days" in box.notes.text()
    assert box.button.isEnabled()


def test_without_a_replay_the_button_says_so(session, make_window):
    page = make_window().show_page(AgentsPage)
    box = page.findChild(WhatIfBox)
    assert not box.button.isEnabled() and box.status.text() == "The replay is not available in this window."


def test_the_box_in_hindi(session, make_window):
    i18n.set_language("hi")
    page = make_window().show_page(AgentsPage)
    box = page.findChild(WhatIfBox)
    assert "90" in box.title() and "What would" not in box.title() and "replay" not in box.status.text()
