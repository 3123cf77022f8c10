"""The counter screen driven like a shopkeeper drives it: scanner bursts and the keyboard only, on a real
shop file, with real ESC/POS bytes and a real PDF at the end."""

from __future__ import annotations

import json

from pypdf import PdfReader
from PySide6.QtCore import Qt
from shops import PARLE_BARCODE

from app import config
from app.domain.codes import complete_ean13
from app.services import counter
from app.store import orders as order_store
from app.store import stock as stock_store
from app.ui.counter.add_product import AddProductDialog
from app.ui.counter.payment import PaymentDialog
from app.ui.pages.counter import CounterPage
from app.ui.printing import receipt_job
from app.ui.printing.document import order_document
from app.ui.printing.pdf import write_pdf


def _counter(window, qtbot) -> CounterPage:
    page = window.page(CounterPage)
    assert isinstance(page, CounterPage) and window.tabs.currentWidget() is page  # the first screen
    page.command.setFocus()
    qtbot.waitUntil(page.command.hasFocus)
    return page


def scan(qtbot, widget, code: str) -> None:
    """What a USB scanner does: the digits within a millisecond of each other, then Enter."""
    qtbot.keyClicks(widget, code)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def type_line(qtbot, widget, text: str) -> None:
    qtbot.keyClicks(widget, text)
    qtbot.wait(60)  # a person: the held-back keys reach the box before Enter
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def _skus(page: CounterPage) -> list[tuple[str, int]]:
    return [(line.sku, line.qty_milli) for line in page.bill.lines]


def test_a_whole_bill_with_the_scanner_and_the_keyboard(window, session, qtbot, tmp_path):
    out = tmp_path / "printer.bin"
    session.machine.set(config.PRINTER, f"file:{out}")
    session.machine.set(config.PAPER_MM, 58)
    page = _counter(window, qtbot)
    command = page.command

    scan(qtbot, command, PARLE_BARCODE)
    scan(qtbot, command, PARLE_BARCODE)  # a repeat scan raises the quantity
    assert _skus(page) == [("PARLE-G-80", 2000)]
    assert command.text() == ""  # the scan never typed into the box

    type_line(qtbot, command, "chini")  # romanised Hindi finds loose sugar
    assert page.mode == "qty"  # loose goods: the weight comes next
    type_line(qtbot, command, "750g")
    type_line(qtbot, command, "2*namak")
    assert _skus(page) == [("PARLE-G-80", 2000), ("SUGAR-LOOSE", 750), ("TATA-SALT-1KG", 2000)]
    qtbot.keyClick(command, Qt.Key.Key_F5)
    type_line(qtbot, command, "5")  # ₹5 off the bill
    quote = page.bill.quote
    assert quote is not None
    # 2 x 10.00 + 0.75 kg x 44.00 + 2 x 27.00 - 5.00 = 102.00
    assert quote.bill.gross_paise == 10_700 and quote.bill.discount_paise == 500
    assert page.totals.total.text() == "₹102.00"

    qtbot.keyClick(command, Qt.Key.Key_F12)
    dialog = page.dialog
    assert isinstance(dialog, PaymentDialog)
    qtbot.keyClicks(dialog.cash, "200")
    assert dialog.status.text() == "Change to give: ₹98.00"
    qtbot.keyClick(dialog.cash, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.last_order_id is not None)
    qtbot.waitUntil(lambda: out.exists() and out.stat().st_size > 1000)

    db = session.store.db()
    order = order_store.get(db, page.last_order_id)
    assert order is not None and order.invoice_no is not None and order.invoice_no.startswith("INV/")
    assert order.total_paise == 10_200 and order.discount_paise == 500
    assert order.total_paise == sum(line.total_paise for line in order.lines) + order.round_off_paise
    for line in order.lines:
        assert line.cgst_paise == line.sgst_paise
        assert line.taxable_paise + line.cgst_paise + line.sgst_paise == line.total_paise
    assert order.cgst_paise == sum(line.cgst_paise for line in order.lines) > 0
    assert [(p.method, p.amount_paise, p.tendered_paise) for p in order_store.payments(db, order.id)] == [
        ("cash", 10_200, 20_000)]
    moves = db.execute("SELECT sku, qty_milli, reason FROM stock_move WHERE source = 'counter' AND source_ref LIKE ?"
                       " ORDER BY sku", (f"{order.id}:%",)).fetchall()
    assert moves == [("PARLE-G-80", -2000, "sale"), ("SUGAR-LOOSE", -750, "sale"), ("TATA-SALT-1KG", -2000, "sale")]
    assert stock_store.on_hand(db, "SUGAR-LOOSE") == 24_250
    event = db.execute("SELECT type, data_json FROM event WHERE subject_type = 'order' AND subject_id = ?",
                       (str(order.id),)).fetchone()
    assert event[0] == "SaleRecorded" and json.loads(event[1])["total_paise"] == 10_200
    assert counter.bills(session.store) == []  # the saved bill went with the sale
    assert page.bill.lines == [] and "give back ₹98.00" in page.message.text()

    printed = out.read_bytes()  # what went to the (file) printer, silently
    assert printed == receipt_job(session, order.id, paper_mm=58, drawer_pin=2)
    assert printed.startswith(b"\x1b@")  # initialise
    raster = printed.index(b"\x1dv0")  # GS v 0: raster bit image
    assert printed[raster + 4:raster + 6] == bytes([384 // 8, 0])  # 48 bytes = 384 dots a line (58 mm)
    assert b"\x1dV" not in printed and b"\x1bd" in printed  # 58 mm printers (POS-5890) have no cutter: feed
    assert printed.endswith(b"\x1bp\x00\x32\x32")  # ESC p: the drawer pulse on pin 2
    wide = receipt_job(session, order.id, paper_mm=80, drawer_pin=5)
    raster = wide.index(b"\x1dv0")
    assert wide[raster + 4:raster + 6] == bytes([576 // 8, 0])  # 72 bytes = 576 dots (80 mm)
    assert b"\x1dVB" in wide or b"\x1dV\x01" in wide or b"\x1dVA" in wide  # partial cut
    assert wide.endswith(b"\x1bp\x01\x32\x32")  # pin 5

    pdf = write_pdf(order_document(session, order.id), tmp_path / "bill.pdf", page="A5")
    text = " ".join(PdfReader(str(pdf)).pages[0].extract_text().split())
    for expected in ("Tax Invoice", order.invoice_no, "GSTIN: 27AAPFU0939F1ZV", "Parle-G Biscuit 80 g",
                     "19053100", "0.75 kg", "₹102.00", "Place of supply: Maharashtra (27)",
                     "Tax payable on reverse charge: No", "Change ₹98.00"):
        assert expected in text, expected


def test_an_unknown_barcode_offers_to_add_the_item(window, session, qtbot):
    page = _counter(window, qtbot)
    code = complete_ean13("890123456789")
    scan(qtbot, page.command, code)
    dialog = page.dialog
    assert isinstance(dialog, AddProductDialog) and dialog.isVisible()
    qtbot.keyClicks(dialog.name, "Haldi 100 g")
    dialog.name_hi.insert("हल्दी 100 ग्राम")
    qtbot.keyClicks(dialog.price, "32")
    qtbot.keyClicks(dialog.mrp, "35")
    qtbot.keyClick(dialog.mrp, Qt.Key.Key_Return)
    assert _skus(page) == [(code, 1000)]
    assert page.bill.total_paise == 3200


def test_a_scan_lands_in_the_bill_even_from_the_quantity_box(window, qtbot):
    page = _counter(window, qtbot)
    type_line(qtbot, page.command, "chini")
    assert page.mode == "qty"
    scan(qtbot, page.command, PARLE_BARCODE)
    assert _skus(page) == [("SUGAR-LOOSE", 1000), ("PARLE-G-80", 1000)]
    assert page.mode == "item"


def test_above_mrp_is_refused_and_below_cost_asks(window, qtbot):
    page = _counter(window, qtbot)
    scan(qtbot, page.command, PARLE_BARCODE)
    qtbot.keyClick(page.command, Qt.Key.Key_F3)
    type_line(qtbot, page.command, "12")
    assert "above the MRP" in page.message.text()
    assert page.bill.lines[0].unit_price_paise is None
    qtbot.keyClick(page.command, Qt.Key.Key_Escape)
    qtbot.keyClick(page.command, Qt.Key.Key_F4)
    type_line(qtbot, page.command, "50%")  # ₹5 off a ₹10 biscuit that cost ₹8.50
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.choose("sell")
    assert page.bill.lines[0].discount_paise == 500 and page.bill.confirmed


def test_bills_are_held_recalled_and_survive_a_restart(make_window, session, qtbot):
    window = make_window()
    page = _counter(window, qtbot)
    scan(qtbot, page.command, PARLE_BARCODE)
    qtbot.keyClick(page.command, Qt.Key.Key_F7)  # hold
    assert page.bill.lines == [] and "held" in page.message.text()
    type_line(qtbot, page.command, "atta")
    qtbot.keyClick(page.command, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # a second open bill
    type_line(qtbot, page.command, "2*namak")
    assert page.tab_bar.count() == 2
    qtbot.waitUntil(lambda: page.saver.idle)
    window.close_quietly()  # the app stops mid-bill (a crash keeps the same rows: each change is committed)

    again = _counter(make_window(), qtbot)
    assert again.tab_bar.count() == 2
    assert [[(line.sku, line.qty_milli) for line in bill.lines] for bill in again.bills] == [
        [("AASH-ATTA-5KG", 1000)], [("TATA-SALT-1KG", 2000)]]
    qtbot.keyClick(again.command, Qt.Key.Key_F8)
    assert again.mode == "recall" and again.results.count() == 1
    qtbot.keyClick(again.command, Qt.Key.Key_Return)
    assert again.tab_bar.count() == 3 and _skus(again) == [("PARLE-G-80", 1000)]


def test_upi_shows_a_qr_and_waits_for_received(window, session, qtbot):
    from app.services import shop

    shop.update_shop(session.ctx, upi_id="sharma@okhdfcbank")
    page = _counter(window, qtbot)
    scan(qtbot, page.command, PARLE_BARCODE)
    qtbot.keyClick(page.command, Qt.Key.Key_F12)
    dialog = page.dialog
    assert isinstance(dialog, PaymentDialog)
    qtbot.keyClick(dialog.cash, Qt.Key.Key_F2)
    assert dialog.upi.text() == "10.00", (dialog.upi.text(), dialog.status.text())
    assert dialog.upi_box.isVisible() and not dialog.qr.pixmap().isNull()
    assert dialog.link.startswith("upi://pay?pa=sharma@okhdfcbank&pn=Sharma%20Kirana%20Store&am=10.00&cu=INR")
    assert not dialog.pay_button.isEnabled()
    dialog.upi_received.setChecked(True)
    qtbot.keyClick(dialog.upi, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.last_order_id is not None)
    payments = order_store.payments(session.store.db(), page.last_order_id)
    assert [(p.method, p.amount_paise) for p in payments] == [("upi", 1000)]
    assert payments[0].reference == dialog.reference


def test_khata_over_the_limit_asks_then_goes_on_the_khata(window, session, qtbot):
    from app.services import khata

    page = _counter(window, qtbot)
    type_line(qtbot, page.command, "8*atta")  # ₹1,960.00; Ramesh owes ₹450 with a ₹2,000 limit
    qtbot.keyClick(page.command, Qt.Key.Key_F6)
    type_line(qtbot, page.command, "ramesh")
    assert "Ramesh Kumar" in page.totals.customer.text()
    qtbot.keyClick(page.command, Qt.Key.Key_F12)
    dialog = page.dialog
    assert isinstance(dialog, PaymentDialog)
    qtbot.keyClick(dialog.cash, Qt.Key.Key_F4)
    qtbot.keyClick(dialog.khata, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.dialog is not dialog)
    page.dialog.choose("yes")
    qtbot.waitUntil(lambda: page.last_order_id is not None)
    customer = khata.get_customer(session.store.db(), 1)
    assert customer.khata_balance_paise == 45_000 + 196_000


def test_a_customer_chosen_before_the_type_ahead_came_back(window, qtbot):
    """On a busy PC the cashier's Enter can beat the background search: the name is looked up then."""
    page = _counter(window, qtbot)
    qtbot.keyClick(page.command, Qt.Key.Key_F6)
    page.command.blockSignals(True)  # the text arrives without starting the type-ahead search
    page.command.setText("ramesh")
    page.command.blockSignals(False)
    assert not page.results.isVisible()
    page.enter()
    assert "Ramesh Kumar" in page.totals.customer.text()
