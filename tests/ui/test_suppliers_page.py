"""The Suppliers tab: a supplier added, a purchase order made, sent and received in two parts (stock in),
the supplier's bill with input GST, and what the shop owes going down with payments."""

from PySide6.QtCore import Qt

from app.store import outbox, stock, supplier_ledger
from app.store import purchasing as po_store
from app.ui.suppliers.dialogs import PurchaseBillDialog, SupplierDialog, SupplierPaymentDialog
from app.ui.suppliers.orders import PurchaseOrderDialog, ReceiveDialog
from app.ui.suppliers.page import SuppliersPage


def _ctrl(qtbot, widget, key) -> None:
    qtbot.keyClick(widget, key, Qt.KeyboardModifier.ControlModifier)


def _set(edit, text: str) -> None:
    edit.selectAll()
    edit.insert(text)


def test_supplier_order_receive_bill_and_pay(qtbot, window, session):
    db = session.store.db()
    page = window.show_page(SuppliersPage)
    assert page.table.rowCount() == 0

    _ctrl(qtbot, page.table, Qt.Key.Key_N)
    dialog = page.dialog
    assert isinstance(dialog, SupplierDialog)
    qtbot.keyClicks(dialog.name, "Gupta Traders")
    qtbot.keyClicks(dialog.phone, "98220 55555")
    qtbot.keyClicks(dialog.gstin, "27aapfu0939f1zw")  # a wrong check character
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "GSTIN" in dialog.error.text()
    _set(dialog.gstin, "27AAPFU0939F1ZV")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert page.table.rowCount() == 1 and page.table.item(0, 0).text() == "Gupta Traders"

    _ctrl(qtbot, page.table, Qt.Key.Key_O)
    order = page.dialog
    assert isinstance(order, PurchaseOrderDialog)
    qtbot.keyClicks(order.item_box, "parle")
    qtbot.keyClick(order.item_box, Qt.Key.Key_Return)
    assert order.isVisible() and order.table.rowCount() == 1
    assert order.table.item(0, 0).text() == "Parle-G Biscuit 80 g" and order.cost[0].text() == "8.50"
    qtbot.keyClicks(order.item_box, "atta")
    qtbot.keyClick(order.item_box, Qt.Key.Key_Return)
    _set(order.qty[0], "48")
    _set(order.qty[1], "5")
    assert order.total.text() == "About ₹1,548.00"  # 48 x 8.50 + 5 x 228
    qtbot.mouseClick(order.save_button, Qt.MouseButton.LeftButton)
    assert not order.isVisible()
    [po] = po_store.open_orders(db)
    po = po_store.get(db, po.id)
    assert (po.status, po.total_paise, len(po.lines)) == ("draft", 154_800, 2)
    assert page.order_table.item(0, 5).text() == "not sent"

    page.order_table.selectRow(0)
    qtbot.mouseClick(page.buttons["send"], Qt.MouseButton.LeftButton)
    assert po_store.get(db, po.id).status == "sent" and outbox.waiting_count(db, "whatsapp") == 1
    assert "WhatsApp" in page.note.text()

    parle, atta = stock.on_hand(db, "PARLE-G-80"), stock.on_hand(db, "AASH-ATTA-5KG")
    _ctrl(qtbot, page.table, Qt.Key.Key_G)
    receive = page.dialog
    assert isinstance(receive, ReceiveDialog)
    assert [r[2].text() for r in receive.rows] == ["48", "5"]
    _set(receive.rows[0][2], "24")  # half the biscuits came
    _set(receive.rows[0][3], "8.25")  # at a better price
    qtbot.mouseClick(receive.save_button, Qt.MouseButton.LeftButton)
    assert not receive.isVisible()
    assert stock.on_hand(db, "PARLE-G-80") == parle + 24_000 and stock.on_hand(db, "AASH-ATTA-5KG") == atta + 5000
    assert po_store.get(db, po.id).status == "partly_received"
    assert page.order_table.item(0, 5).text() == "partly arrived"
    page.receive()
    receive = page.dialog
    assert [r[2].text() for r in receive.rows] == ["24", ""] and not receive.rows[1][2].isEnabled()
    qtbot.mouseClick(receive.save_button, Qt.MouseButton.LeftButton)
    assert po_store.get(db, po.id).status == "received" and stock.on_hand(db, "PARLE-G-80") == parle + 48_000

    page.tabs.setCurrentIndex(0)
    _ctrl(qtbot, page.table, Qt.Key.Key_L)
    bill = page.dialog
    assert isinstance(bill, PurchaseBillDialog)
    qtbot.keyClicks(bill.bill_no, "GT/123")
    qtbot.keyClicks(bill.taxable[1], "1000")  # at 5 %
    qtbot.keyClicks(bill.taxable[3], "300")  # at 18 %
    assert bill.total.text() == "Taxable ₹1,300.00 + GST ₹104.00 = ₹1,404.00"
    qtbot.mouseClick(bill.save_button, Qt.MouseButton.LeftButton)
    assert not bill.isVisible()
    [row] = supplier_ledger.purchase_bills(db)
    assert (row.bill_no, row.taxable_paise, row.tax_paise, row.total_paise) == ("GT/123", 130_000, 10_400, 140_400)
    assert page.table.item(0, 5).text() == "₹1,404.00" and page.bill_table.item(0, 4).text() == "₹104.00"

    _ctrl(qtbot, page.table, Qt.Key.Key_P)
    pay = page.dialog
    assert isinstance(pay, SupplierPaymentDialog) and pay.amount.text() == "1404.00"
    _set(pay.amount, "1000")
    pay.method.setCurrentIndex(pay.method.findData("upi"))
    qtbot.keyClicks(pay.reference, "UTR77")
    qtbot.mouseClick(pay.save_button, Qt.MouseButton.LeftButton)
    assert not pay.isVisible() and page.table.item(0, 5).text() == "₹404.00"
    assert [page.ledger.item(r, 4).text() for r in range(page.ledger.rowCount())] == ["₹1,404.00", "₹404.00"]
    assert page.ledger.item(1, 2).text() == "upi UTR77"

    page.pay()
    pay = page.dialog
    _set(pay.amount, "500")
    qtbot.mouseClick(pay.save_button, Qt.MouseButton.LeftButton)
    assert pay.isVisible() and "advance of ₹96.00" in pay.error.text()
    qtbot.mouseClick(pay.save_button, Qt.MouseButton.LeftButton)
    assert supplier_ledger.owed(db, supplier_ledger.balances(db)[0].supplier_id) == -9_600
