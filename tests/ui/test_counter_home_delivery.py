"""At the counter, Ctrl+D (or the Home delivery button) makes the bill on screen a home-delivery order: the form
opens with the bill's items and prices, the seller writes where to and how the customer pays at the door, and
the bill leaves the counter; its stock is taken once, by the delivery order.

With ``TAVYONIX_SCREENSHOTS=<folder>`` the test saves ``counter-home-delivery-en.png``, ``-form-en.png`` and
``-hi.png`` there."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from shops import PARLE_BARCODE

from app import i18n
from app.services import deliveries
from app.store import orders as order_store
from app.store import stock as stock_store
from app.ui.pages.counter import CounterPage


def _shot(widget, name: str) -> None:
    folder = os.environ.get("TAVYONIX_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / name))


def _counter(window, qtbot) -> CounterPage:
    page = window.page(CounterPage)
    page.command.setFocus()
    qtbot.waitUntil(page.command.hasFocus)
    return page


def scan(qtbot, widget, code: str) -> None:
    qtbot.keyClicks(widget, code)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_the_bill_on_the_counter_becomes_a_home_delivery(window, session, qtbot):
    page = _counter(window, qtbot)
    qtbot.keyClick(page.command, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert "Add the items" in page.message.text() and page.home_delivery.dialog is None
    scan(qtbot, page.command, PARLE_BARCODE)
    scan(qtbot, page.command, PARLE_BARCODE)
    sku = page.bill.lines[0].sku
    db = session.store.db()
    before = stock_store.on_hand(db, sku)
    total = page.bill.total_paise
    qtbot.keyClick(page.command, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    dialog = page.home_delivery.dialog
    assert dialog.isVisible() and dialog.list.count() == 1 and str(dialog.source.currentData()) == "counter"
    dialog.name.setText("Meena Joshi")
    dialog.phone.setText("9822098220")
    dialog.address.setText("B-12 Gokul Society")
    dialog.pin.setText("411052")
    dialog.pay_by.setCurrentIndex(dialog.pay_by.findData("upi"))
    _shot(window, "counter-home-delivery-en.png")
    _shot(dialog, "counter-home-delivery-form-en.png")
    dialog.save()
    oid = dialog.order_id
    assert oid is not None and f"order {oid} taken" in page.message.text()
    assert page.bill.lines == []  # the bill left the counter
    order = order_store.get(db, oid)
    assert order.channel == "delivery" and order.total_paise == total
    assert stock_store.on_hand(db, sku) == before - 2000  # taken once, by the delivery order
    (row,) = [r for r in deliveries.delivery_orders(session.ctx) if r.order_id == oid]
    assert row.pay_by == "upi"


def test_the_button_reads_in_hindi(make_window, qtbot):
    i18n.set_language("hi")
    window = make_window()
    page = window.page(CounterPage)
    assert page.home_delivery.text().startswith("होम डिलीवरी")
    _shot(window, "counter-home-delivery-hi.png")
