"""The Customers tab: a new khata customer from the window, payments in cash and UPI, oldest debt first."""

from PySide6.QtCore import Qt

from app.store import parties
from app.ui.customers.dialogs import CustomerDialog, PaymentDialog
from app.ui.pages.customers import CustomersPage


def _page(qtbot, window) -> CustomersPage:
    page = window.show_page(CustomersPage)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    return page


def test_add_a_khata_customer_and_collect_payments(qtbot, window, session):
    page = _page(qtbot, window)
    assert page.table.item(0, 0).text() == "Ramesh Kumar" and page.table.item(0, 2).text() == "₹450.00"
    assert page.table.item(0, 5).text() == "0"  # owed since today

    qtbot.keyClick(page.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = page.dialog
    assert isinstance(dialog, CustomerDialog)
    qtbot.keyClicks(dialog.name, "Sunita Devi")
    qtbot.keyClicks(dialog.phone, "98765 43210")  # Ramesh's number
    qtbot.keyClicks(dialog.limit, "1000")
    qtbot.keyClicks(dialog.opening, "200")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.error.text() == "The number 9876543210 already belongs to Ramesh Kumar."
    dialog.phone.clear()
    qtbot.keyClicks(dialog.phone, "9822012345")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    sunita = parties.customer_by_phone(session.store.db(), "9822012345")
    assert (sunita.name, sunita.credit_limit_paise, sunita.khata_balance_paise) == ("Sunita Devi", 100_000, 20_000)
    assert [page.table.item(r, 0).text() for r in range(page.table.rowCount())] == ["Ramesh Kumar", "Sunita Devi"]

    page.table.selectRow(0)
    qtbot.mouseClick(page.buttons["pay"], Qt.MouseButton.LeftButton)
    pay = page.dialog
    assert isinstance(pay, PaymentDialog) and pay.amount.text() == "450.00"
    pay.method.setCurrentIndex(pay.method.findData("upi"))
    qtbot.keyClicks(pay.reference, "UTR123")
    qtbot.mouseClick(pay.save_button, Qt.MouseButton.LeftButton)
    assert not pay.isVisible()
    assert parties.customer_by_phone(session.store.db(), "9876543210").khata_balance_paise == 0
    assert [page.table.item(r, 0).text() for r in range(page.table.rowCount())] == ["Sunita Devi"]
    method = session.store.db().execute("SELECT method, reference FROM payment ORDER BY id DESC").fetchone()
    assert tuple(method) == ("upi", "UTR123")

    page.table.selectRow(0)
    qtbot.mouseClick(page.buttons["pay"], Qt.MouseButton.LeftButton)
    pay = page.dialog
    pay.amount.clear()
    qtbot.keyClicks(pay.amount, "300")
    qtbot.mouseClick(pay.save_button, Qt.MouseButton.LeftButton)
    assert pay.isVisible() and pay.save_button.text() == "Save anyway"
    assert "would leave an advance" in pay.error.text()
    qtbot.mouseClick(pay.save_button, Qt.MouseButton.LeftButton)
    assert parties.customer_by_phone(session.store.db(), "9822012345").khata_balance_paise == -10_000
    assert page.table.rowCount() == 0
    page.show_choice.setCurrentIndex(page.show_choice.findData("all"))
    assert page.table.rowCount() == 2
