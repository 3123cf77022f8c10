"""The Today page's card of GST and export dates due in the next 15 days with their state, and the tray notice
claimed once, never twice."""

from __future__ import annotations

from datetime import UTC, date, datetime

from app import i18n
from app.services import due_soon, gst_returns
from app.ui.app import setup_application
from app.ui.bridge import EventBridge
from app.ui.main_window import MainWindow
from app.ui.pages.compliance_card import ComplianceCard
from app.ui.pages.today import TodayPage
from app.ui.tasks import wait_for_tasks
from trade.books import build_export_books


def test_due_soon_lists_returns_and_the_export_deadline(session, ctx, clock):
    build_export_books(ctx)
    clock.set(datetime(2026, 10, 30, 4, tzinfo=UTC))
    items = due_soon.due_soon(session.store, ctx.today())
    assert [(i.form, i.period, i.due) for i in items] == [
        ("EXPORT", "EXP/2627/00001", date(2026, 11, 10)), ("GSTR-1", "2026-10", date(2026, 11, 11))]
    assert [i.days_left for i in items] == [11, 12] and not any(i.reminded for i in items)
    gst_returns.send_due_reminders(ctx)  # nothing within GSTR-1's 5 days yet
    clock.set(datetime(2026, 11, 7, 4, tzinfo=UTC))
    gst_returns.send_due_reminders(ctx)
    items = {i.form: i for i in due_soon.due_soon(session.store, ctx.today())}
    assert items["GSTR-1"].reminded and items["GSTR-1"].days_left == 4
    clock.set(datetime(2026, 11, 12, 4, tzinfo=UTC))
    export = next(i for i in due_soon.due_soon(session.store, ctx.today()) if i.form == "EXPORT")
    assert export.overdue and export.days_left == -2
    assert due_soon.claim_notice(ctx, export) and not due_soon.claim_notice(ctx, export)


def test_the_card_on_the_today_page(qtbot, qapp, session, ctx, clock):
    build_export_books(ctx)
    clock.set(datetime(2026, 10, 30, 4, tzinfo=UTC))
    setup_application(qapp)
    for lang in ("en", "hi"):
        i18n.set_language(lang)
        bridge = EventBridge(session.bus)
        window = MainWindow(session, bridge)
        qtbot.addWidget(window)
        window.show()
        page = window.show_page(TodayPage)
        card = page.findChild(ComplianceCard)
        assert card is not None and card.isVisible()
        assert card.value.text() == "2"
        lines = card.detail.text().splitlines()
        assert lines[0].startswith("10-11") and "EXP/2627/00001" in lines[0]
        assert lines[1].startswith("11-11") and "GSTR-1 2026-10" in lines[1]
        if lang == "en":
            assert lines[0].endswith("in 11 day(s)")
        else:
            assert "11" in lines[0] and "day" not in lines[0]
        window.close_quietly()
        bridge.close()
    wait_for_tasks()
    i18n.set_language("en")
