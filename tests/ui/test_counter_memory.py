"""Memory over many bills (issue 16: RSS under 400 MB after 10 minutes of use): what the counter makes for a bill
must go again once the bill is saved."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QApplication
from shops import PARLE_BARCODE

from app.ui.counter.payment import PaymentDialog
from app.ui.pages.counter import CounterPage


def _one_bill(page: CounterPage, qtbot) -> None:
    lines = len(page.bill.lines)
    qtbot.keyClicks(page.command, PARLE_BARCODE)
    qtbot.keyClick(page.command, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(page.bill.lines) > lines)
    saved = page.last_order_id
    page.pay()
    dialog = page.dialog
    assert isinstance(dialog, PaymentDialog)
    dialog.confirm()
    qtbot.waitUntil(lambda: page.last_order_id != saved)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_widgets_stay_flat_over_many_bills(window, qtbot):
    """Each bill's payment dialog (a child of the counter, with its QR pixmap) stayed alive after the bill was
    saved: 19 widgets a bill, never freed."""
    page = window.page(CounterPage)
    assert isinstance(page, CounterPage)
    page.command.setFocus()
    for _ in range(3):  # the first bills build what is made once (the last-bill line, the tabs)
        _one_bill(page, qtbot)
    before = len(QApplication.allWidgets())
    for _ in range(10):
        _one_bill(page, qtbot)
    assert len(QApplication.allWidgets()) - before <= 2  # at most the last dialog, kept for a second look
