"""A khata customer's statement from the Customers tab (WhatsApp text, copied; PDF) and the command line."""

from __future__ import annotations

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from app.main import run
from app.services import khata, returns, sales, shop
from app.services.sales import PaymentIn, SaleLine
from app.store import parties
from app.ui.customers.statement import StatementDialog
from app.ui.pages.customers import CustomersPage


def _books(session) -> None:
    """Ramesh: ₹450 from the paper khata, a ₹152 bill on khata, ₹10 of it back, ₹200 paid by UPI."""
    ctx = session.ctx
    shop.update_shop(ctx, upi_id="sharma@okhdfcbank")
    ramesh = parties.customer_by_phone(session.store.db(), "9876543210")
    sale = sales.record_sale(ctx, lines=[SaleLine(sku="PARLE-G-80", qty_milli=3000),
                                         SaleLine(sku="AMUL-BUTTER-100", qty_milli=1000),
                                         SaleLine(sku="SUGAR-LOOSE", qty_milli=1500)],
                             payments=[PaymentIn(method="khata", amount_paise=15_200)], customer_id=ramesh.id)
    returns.record_return(ctx, sale.id, lines=[returns.ReturnLine(line_no=1, qty_milli=1000)])
    khata.receive_payment(ctx, ramesh.id, 20_000, method="upi", reference="UTR9")


def test_statement_from_the_customers_tab(qtbot, window, session, data_dir):
    _books(session)
    page = window.show_page(CustomersPage)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    qtbot.keyClick(page.search, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    dialog = page.dialog
    assert isinstance(dialog, StatementDialog)
    lines = dialog.text.toPlainText().splitlines()
    assert lines[:2] == ["*Sharma Kirana Store*", "Khata statement for Ramesh Kumar"]
    assert lines[4] == "Owed at the start: ₹0.00"
    bill, back = dialog.found.lines[1].what, dialog.found.lines[2].what
    assert bill.startswith("Bill INV/") and back.startswith("Goods back CN/")
    assert [line.split("  ", 1)[1] for line in lines[5:9]] == [
        "Old khata balance  +₹450.00  = ₹450.00", f"{bill}  +₹152.00  = ₹602.00", f"{back}  −₹10.00  = ₹592.00",
        "Payment (UPI)  −₹200.00  = ₹392.00"]
    assert lines[-2:] == ["*Now due: ₹392.00*", "Pay by UPI to sharma@okhdfcbank"]
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == dialog.text.toPlainText()
    path = dialog.save_pdf()
    text = " ".join(PdfReader(str(path)).pages[0].extract_text().split())
    assert "Khata statement for Ramesh Kumar" in text and "Now due: ₹392.00" in text and "₹602.00" in text
    assert path.parent == data_dir.root / "documents" / "testshop"

    later = dialog.start.date().addDays(200)  # a period after every entry: the balance carried in
    dialog.end.setDate(later.addDays(1))
    dialog.start.setDate(later)
    assert dialog.found.opening_paise == 39_200 and dialog.found.lines == ()
    dialog.start.setDate(later.addDays(5))  # first day after the last
    assert dialog.found is None and "comes after" in dialog.note.text()


def test_statement_command(session, data_dir, tmp_path, capsys):
    _books(session)
    session.close()
    pdf = tmp_path / "ramesh.pdf"
    code = run(["--data-dir", str(data_dir.root), "--shop", "testshop", "statement", "9876543210", "--pdf", str(pdf)])
    out = capsys.readouterr().out
    assert code == 0 and "*Now due: ₹392.00*" in out and "Payment (UPI)  −₹200.00  = ₹392.00" in out
    assert "Now due: ₹392.00" in " ".join(PdfReader(str(pdf)).pages[0].extract_text().split())
    code = run(["--data-dir", str(data_dir.root), "--shop", "testshop", "--lang", "hi", "statement", "1"])
    out = capsys.readouterr().out
    assert code == 0 and "रमेश कुमार" in out
