"""The counter fixes found in use (issue 16), one test each, driven by the keyboard on the sample shop."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QLabel

from app import i18n
from app.domain.clock import shop_zone
from app.services import catalog, inventory, sales, shop
from app.services.sales import PaymentIn, SaleLine
from app.store import catalog as catalog_store
from app.ui.counter.payment import PaymentDialog
from app.ui.dialogs import ChoiceDialog, RestoreDialog
from app.ui.pages.counter import CounterPage


def _counter(window, qtbot) -> CounterPage:
    page = window.show_page(CounterPage)
    page.command.setFocus()
    qtbot.waitUntil(page.command.hasFocus)
    return page


def type_line(qtbot, widget, text: str) -> None:
    qtbot.keyClicks(widget, text)
    qtbot.wait(60)  # a person: the held-back keys reach the box before Enter
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_warns_before_selling_below_zero_or_expired_stock(window, session, qtbot):
    ctx = session.ctx
    catalog.create_product(ctx, sku="CURD-400", name_en="Amul Curd 400 g", hsn_code="04031000", price_paise=3500,
                           cost_paise=3000)
    inventory.receive_stock(ctx, "CURD-400", 10_000, unit_cost_paise=3000,
                            expires_on=ctx.today() - timedelta(days=1))
    page = _counter(window, qtbot)
    type_line(qtbot, page.command, "3*butter")  # two packs of butter in stock
    assert "only 2 pcs in stock" in page.message.text() and page.message.property("error")
    type_line(qtbot, page.command, "curd")
    yesterday = (ctx.today() - timedelta(days=1)).strftime("%d-%m-%Y")
    assert f"expired on {yesterday}" in page.message.text() and page.message.property("error")
    type_line(qtbot, page.command, "atta")  # plenty, no date: no warning
    assert page.message.text() == "Aashirvaad Atta 5 kg: 1 pcs" and not page.message.property("error")


def _pay(page, qtbot) -> PaymentDialog:
    qtbot.keyClick(page.command, Qt.Key.Key_F12)
    dialog = page.dialog
    assert isinstance(dialog, PaymentDialog)
    return dialog


def test_upi_received_has_a_key_and_a_label_that_fits(window, session, qtbot):
    shop.update_shop(session.ctx, upi_id="sharma@okhdfcbank")
    for lang in ("en", "hi"):
        i18n.set_language(lang)
        page = _counter(window, qtbot)
        type_line(qtbot, page.command, "atta")
        dialog = _pay(page, qtbot)
        qtbot.keyClick(dialog.cash, Qt.Key.Key_F2)
        assert dialog.upi_box.isVisible() and not dialog.pay_button.isEnabled()
        box = dialog.upi_received
        assert box.width() >= box.sizeHint().width(), (lang, box.text(), box.width(), box.sizeHint().width())
        qtbot.keyClick(dialog.upi, Qt.Key.Key_F5)
        assert box.isChecked() and dialog.pay_button.isEnabled()
        dialog.reject()
        page.bill.lines.clear()


def test_f2_in_a_split_payment_keeps_the_cash_typed(window, session, qtbot):
    page = _counter(window, qtbot)
    type_line(qtbot, page.command, "atta")  # ₹245.00
    dialog = _pay(page, qtbot)
    qtbot.keyClicks(dialog.cash, "100")
    qtbot.keyClick(dialog.cash, Qt.Key.Key_F2)
    assert (dialog.cash.text(), dialog.upi.text()) == ("100", "145.00")
    assert dialog.status.text() == 'Tick "UPI received" (F5) once the UPI payment has come in.'
    qtbot.keyClick(dialog.upi, Qt.Key.Key_F3)  # the others already cover the bill: all by card, as before
    assert (dialog.cash.text(), dialog.upi.text(), dialog.card.text()) == ("", "", "245.00")
    qtbot.keyClick(dialog.card, Qt.Key.Key_F1)  # F1: all cash
    assert dialog.upi.text() == dialog.card.text() == ""


def test_saving_message_clears_when_the_question_is_answered_no(window, session, qtbot):
    page = _counter(window, qtbot)
    type_line(qtbot, page.command, "8*atta")  # ₹1,960.00; Ramesh owes ₹450 with a ₹2,000 limit
    qtbot.keyClick(page.command, Qt.Key.Key_F6)
    type_line(qtbot, page.command, "ramesh")
    dialog = _pay(page, qtbot)
    qtbot.keyClick(dialog.cash, Qt.Key.Key_F4)
    qtbot.keyClick(dialog.khata, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(page.dialog, ChoiceDialog))
    page.dialog.choose("no")
    assert "Saving the bill" not in page.message.text() and "still open" in page.message.text()
    assert page.last_order_id is None and len(page.bill.lines) == 1


def test_held_bills_show_the_shops_time(window, session, qtbot):
    zone = shop_zone(session.ctx.timezone)
    page = _counter(window, qtbot)
    type_line(qtbot, page.command, "atta")
    before = datetime.now(UTC).astimezone(zone).strftime("%H:%M")
    qtbot.keyClick(page.command, Qt.Key.Key_F7)
    qtbot.keyClick(page.command, Qt.Key.Key_F8)
    after = datetime.now(UTC).astimezone(zone).strftime("%H:%M")
    text = page.results.item(0).text()
    assert f"held at {before}" in text or f"held at {after}" in text, text


def test_restore_dialog_defaults_to_cancel(qtbot, session, ui_app):
    session.backup()
    dialog = RestoreDialog(None, title="t", message="m", hint="", backups=session.backups(),
                           zone=shop_zone(session.ctx.timezone))
    qtbot.addWidget(dialog)
    chosen, cancelled = [], []
    dialog.restore_chosen.connect(chosen.append)
    dialog.cancelled.connect(lambda: cancelled.append(True))
    dialog.show()
    assert dialog.cancel_button.isDefault() and not dialog.restore_button.isDefault()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)  # a stray Enter does not replace the shop's books
    assert chosen == [] and cancelled == [True]


def test_search_puts_the_pack_that_sells_most_first(window, session, qtbot):
    ctx = session.ctx
    catalog.create_product(ctx, sku="TATA-SALT-500G", name_en="Tata Salt 500 g", hsn_code="25010010",
                           price_paise=1500, mrp_paise=1500, cost_paise=1300, opening_stock_milli=50_000)
    for _ in range(3):  # the catalog puts the new 500 g pack first, but the 1 kg pack is what sells
        sales.record_sale(ctx, lines=[SaleLine(sku="TATA-SALT-1KG", qty_milli=1000)],
                          payments=[PaymentIn(method="cash", amount_paise=2700)])
    assert catalog_store.search(session.store.db(), "tata salt")[0].sku == "TATA-SALT-500G"
    page = _counter(window, qtbot)
    qtbot.keyClicks(page.command, "tata salt")
    qtbot.waitUntil(lambda: page.results.count() == 2 and page.results.item(0).text().startswith("Tata Salt 1 kg"))
    qtbot.keyClick(page.command, Qt.Key.Key_Return)
    assert page.bill.lines[0].sku == "TATA-SALT-1KG"


def test_the_chat_panel_does_not_crush_the_bills_columns(window, session, qtbot):
    window.resize(1366, 768)
    page = _counter(window, qtbot)
    type_line(qtbot, page.command, "atta")
    table = page.table
    em = table.fontMetrics().horizontalAdvance("M")
    dock = QDockWidget("Assistant", window)  # the assistant's dock takes the same room (420 pixels at least)
    dock.setWidget(QLabel("chat"))
    dock.setMinimumWidth(420)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    dock.show()
    qtbot.waitUntil(lambda: table.width() < 700 and not window.page_list.isVisible())  # the chat takes the list's room
    assert window.width() <= 1366  # the pages fit beside it on a 1366-pixel screen
    qtbot.waitUntil(lambda: table.columnWidth(table.ITEM) >= 15 * em)  # was squeezed to about 7 letters
    for column in (table.QTY, table.RATE, table.AMOUNT):
        text = table.item(0, column).text()
        assert table.columnWidth(column) >= table.fontMetrics().horizontalAdvance(text), (column, text)
    assert isinstance(page, CounterPage)


def test_the_bill_says_its_quantities_in_hindi(window, session, qtbot):
    i18n.set_language("hi")
    page = _counter(window, qtbot)
    type_line(qtbot, page.command, "3*atta")
    # the unit in Hindi, as the Items page and Approvals say it ("3 pcs" before)
    assert page.table.item(0, page.table.QTY).text() == "3 नग"
    assert page.message.text().endswith(": 3 नग"), page.message.text()
