"""The Bills tab: find past bills by number, customer, item and date; open and reprint one (as PDF without
a receipt printer); take part of a bill back onto the khata; the consolidated invoice and the Z report."""

from datetime import timedelta

from PySide6.QtCore import QDate, Qt

from app import config
from app.services import counter, dayend, sales, settings
from app.services.sales import PaymentIn, SaleLine
from app.store import parties, stock
from app.store.bill_history import find_bills
from app.ui.bills.dayend import DayEndDialog
from app.ui.bills.page import BillsPage
from app.ui.bills.returns import ReturnDialog
from app.ui.bills.view import BillDialog


def _stock(session, sku: str) -> int:
    return stock.on_hand(session.store.db(), sku)


def _numbers(page: BillsPage) -> list[str]:
    return [page.table.item(r, 0).text() for r in range(page.table.rowCount())]


def test_find_open_reprint_and_take_goods_back(qtbot, window, session, data_dir):
    ctx = session.ctx
    ramesh = parties.customer_by_phone(session.store.db(), "9876543210")
    khata_sale = sales.record_sale(ctx, lines=[SaleLine(sku="PARLE-G-80", qty_milli=3000),
                                               SaleLine(sku="AMUL-BUTTER-100", qty_milli=1000)],
                                   payments=[PaymentIn(method="khata", amount_paise=3 * 1000 + 5600)],
                                   customer_id=ramesh.id)
    page = window.show_page(BillsPage)
    qtbot.waitUntil(lambda: page.table.rowCount() == 2)
    first, second = sorted(_numbers(page))
    assert page.table.item(0, 2).text() == "Ramesh Kumar" and page.table.item(0, 4).text() == "₹86.00"
    assert page.table.item(0, 5).text() == "Khata"

    for text, found in (("ramesh", [second]), ("98765", [second]), ("parle", [second, first]), ("butter", [second]),
                        ("पारले", [second, first]), (first, [first]), ("sugar", [])):
        page.search.setText(text)
        assert _numbers(page) == found, text
    page.search.clear()
    tomorrow = ctx.today() + timedelta(days=1)
    page.date_from.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
    assert page.table.rowCount() == 0
    page.date_from.setDate(page.date_from.date().addDays(-2))
    assert page.table.rowCount() == 2

    page.search.setText(first)  # no printer on this PC: "Print again" saves the bill as a PDF
    qtbot.keyClick(page.search, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    pdf = data_dir.root / "documents" / "testshop" / (first.replace("/", "-") + ".pdf")
    assert pdf.read_bytes().startswith(b"%PDF") and str(pdf) in page.note.text()

    page.search.setText("Ramesh")
    qtbot.keyClick(page.search, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    dialog = page.dialog
    assert isinstance(dialog, ReturnDialog)
    assert not dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.qty[0], "4")  # only 3 were sold
    assert "Only 3 pcs of Parle-G Biscuit 80 g can still come back" in dialog.error.text()
    assert not dialog.save_button.isEnabled()
    dialog.qty[0].clear()
    qtbot.keyClicks(dialog.qty[0], "2")
    assert dialog.total.text() == "Credit note: ₹20.00" and dialog.save_button.isEnabled()
    dialog.refund.setCurrentIndex(dialog.refund.findData("khata"))
    qtbot.keyClicks(dialog.reason, "packet torn")
    butter_before, parle_before = _stock(session, "AMUL-BUTTER-100"), _stock(session, "PARLE-G-80")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert _stock(session, "PARLE-G-80") == parle_before + 2000
    assert _stock(session, "AMUL-BUTTER-100") == butter_before
    assert parties.get_customer(session.store.db(), ramesh.id).khata_balance_paise == 45_000 + 8600 - 2000
    note_row = next(b for b in find_bills(session.store.db()) if b.kind == "return")
    assert note_row.original_id == khata_sale.id and note_row.total_paise == 2000 and note_row.methods == "khata"
    assert "saved; the goods are back in stock" in page.note.text() or "saved as" in page.note.text()
    credit_pdf = data_dir.root / "documents" / "testshop" / (note_row.number.replace("/", "-") + ".pdf")
    assert credit_pdf.read_bytes().startswith(b"%PDF")  # printed (as PDF) straight after
    assert sorted(_numbers(page)) == sorted([second, note_row.number])

    page.table.selectRow(_numbers(page).index(second))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    view = page.dialog
    assert isinstance(view, BillDialog)
    assert view.lines.item(0, 6).text() == "2 pcs" and view.lines.item(1, 6).text() == ""
    assert f"{note_row.number}: ₹20.00" in view.totals.text()
    qtbot.mouseClick(view.return_button, Qt.MouseButton.LeftButton)  # goods back from the open bill
    again = page.dialog
    assert isinstance(again, ReturnDialog) and again.table.item(0, 3).text() == "1 pcs"
    again.reject()


def test_consolidated_invoice_and_z_report_for_a_day(qtbot, window, session, data_dir):
    ctx = session.ctx
    settings.set_setting(ctx, config.CONSOLIDATE_BELOW.key, 200_00)
    for qty in (1000, 2000):  # two small cash bills: cash memos
        lines = [SaleLine(sku="PARLE-G-80", qty_milli=qty)]
        total = sales.quote_sale(ctx, lines=lines).total_paise
        counter.complete_bill(ctx, None, lines=lines, payments=[PaymentIn(method="cash", amount_paise=total)])
    page = window.show_page(BillsPage)
    qtbot.waitUntil(lambda: page.table.rowCount() == 3)
    qtbot.keyClick(page.search, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = page.dialog
    assert isinstance(dialog, DayEndDialog)
    rows = {dialog.table.item(r, 0).text(): dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())}
    assert rows["Bills"] == "3" and rows["Received by Cash"] == "₹96.00"
    assert rows["Cash memos without a consolidated invoice"] == "2"
    assert "not closed" in dialog.heading.text()

    qtbot.mouseClick(dialog.invoice_button, Qt.MouseButton.LeftButton)
    [invoice] = dayend.day_invoices(session.store.db(), ctx.today().isoformat())
    assert invoice.bill_count == 2 and invoice.total_paise == 3000
    assert dialog.written[-1].read_bytes().startswith(b"%PDF") and invoice.invoice_no in dialog.papers.text()

    qtbot.keyClicks(dialog.opening, "500")
    qtbot.keyClicks(dialog.counted, "590")
    rows = {dialog.table.item(r, 0).text(): dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())}
    assert rows["Cash expected in the drawer"] == "₹596.00" and rows["Difference"] == "-₹6.00"
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert dayend.z_reports(session.store) == [] and "Press again" in dialog.note.text()
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    [z] = dayend.z_reports(session.store)
    assert (z.counted_cash_paise, z.summary.opening_cash_paise, z.difference_paise) == (59_000, 50_000, -600)
    assert "Z report 1 for" in dialog.heading.text() and not dialog.close_button.isEnabled()
    assert dialog.written[-1].name.startswith("Z-") and dialog.written[-1].read_bytes().startswith(b"%PDF")


def test_a_bill_as_an_a5_gst_invoice_even_with_a_receipt_printer(qtbot, window, session, data_dir, tmp_path):
    import re

    from app.ui.pages.settings import SettingsPage

    sales.record_sale(session.ctx, lines=[SaleLine(sku="PARLE-G-80", qty_milli=2000)],
                      payments=[PaymentIn(method="cash", amount_paise=2000)])
    settings_page = window.show_page(SettingsPage)
    form = settings_page.printer_form
    form.printer.setCurrentText(f"file:{tmp_path / 'receipts.bin'}")
    form.invoice_page.setCurrentIndex(form.invoice_page.findData("A5"))
    form.save()
    assert session.machine.get(config.INVOICE_PAGE) == "A5"
    page = window.show_page(BillsPage)
    qtbot.waitUntil(lambda: page.table.rowCount() == 2)
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    number = page.table.item(0, 0).text()
    pdf = data_dir.root / "documents" / "testshop" / (number.replace("/", "-") + "-A5.pdf")
    data = pdf.read_bytes()
    box = [float(v) for v in re.search(rb"/MediaBox \[([^\]]*)\]", data).group(1).split()]
    assert (round(box[2] / 72 * 25.4), round(box[3] / 72 * 25.4)) == (148, 210)  # A5
    assert str(pdf) in page.note.text()
