"""The Today page's chart card: this week's sales, margin and stock against last week."""

from __future__ import annotations

from datetime import timedelta

from app.domain.clock import ManualClock
from app.services import sales
from app.ui.pages.today import TodayPage
from app.ui.week_card import WeekCard


def test_the_card_compares_the_last_seven_days_with_the_seven_before(session, make_window, qtbot):
    real = session.ctx.clock
    session.ctx.clock = ManualClock(real.now() - timedelta(days=7))  # the same weekday last week
    sales.record_sale(session.ctx, lines=[sales.SaleLine(sku="AASH-ATTA-5KG", qty_milli=1000)],
                      payments=[sales.PaymentIn(method="cash", amount_paise=24_500)])
    session.ctx.clock = real
    window = make_window()
    page = window.show_page(TodayPage)
    card = page.findChild(WeekCard)
    qtbot.waitUntil(lambda: card.bars.week is not None)
    week = card.bars.week
    assert week.days[-1] == session.ctx.today() and len(week.days) == 7
    # today: the sample shop's bill (2 Tata Salt at Rs 28 and a Parle-G at Rs 10, salt and biscuits taxed)
    assert week.sales[-1] > 0 and week.last_sales[-1] > 0 and sum(week.last_sales) == week.last_sales[-1]
    assert week.last_cost == 22_800  # one atta at its cost
    text = card.figures.text()
    assert text.startswith("Sales, last 7 days: ")
    assert "Margin: " in text and "(the 7 days before: " in text
    last_margin = (week.last_sales[-1] - 22_800) * 100 / week.last_sales[-1]
    assert f"(the 7 days before: {last_margin:.1f}%)" in text
    assert "Stock on the shelves: ₹" in text
