"""The Settings tab: the shop's details, this PC's receipt printer with a test print, the language; and the
counter saying so when there is no printer instead of printing nothing."""

from PySide6.QtCore import Qt

from app import config
from app.services import settings as settings_service
from app.services import shop as shop_service
from app.ui.counter.payment import PaymentDialog
from app.ui.pages.counter import CounterPage
from app.ui.pages.settings import SettingsPage


def test_the_shops_details_are_checked_and_saved(qtbot, window, session):
    page = window.show_page(SettingsPage)
    form = page.shop_form
    assert form.edits["name"].text() == "Sharma Kirana Store"
    form.edits["upi_id"].setText("sharma kirana")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.note.text().startswith("'sharma kirana' is not a UPI id.")
    assert shop_service.profile(session.store).upi_id is None
    form.edits["upi_id"].setText("sharmakirana@okhdfcbank")
    form.edits["phone"].setText("98220 12345")
    form.prefix.setText("sk")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.note.text() == "Saved. New bills print these details."
    profile = shop_service.profile(session.store)
    assert (profile.upi_id, profile.phone) == ("sharmakirana@okhdfcbank", "9822012345")
    assert settings_service.get(session.store, config.INVOICE_PREFIX) == "SK"
    form.prefix.setText("7X")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.note.text().startswith("'7X' cannot start a bill number.")


def test_printer_settings_and_a_test_print(qtbot, window, session, tmp_path):
    out = tmp_path / "printer.bin"
    form = window.show_page(SettingsPage).printer_form
    qtbot.mouseClick(form.test_button, Qt.MouseButton.LeftButton)
    assert form.note.text() == "Choose the printer first."
    form.printer.setCurrentText(f"file:{out}")
    form.paper.setCurrentIndex(form.paper.findData(58))
    form.drawer.setCurrentIndex(form.drawer.findData(0))
    qtbot.mouseClick(form.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.printed == 1)
    assert form.note.text().startswith(f"The test slip was sent to file:{out}.")
    data = out.read_bytes()
    assert data.startswith(b"\x1b@") and len(data) > 2000  # ESC @ (reset), then the raster slip
    assert session.machine.get(config.PRINTER) == f"file:{out}" and session.machine.get(config.PAPER_MM) == 58
    form.printer.setCurrentText(f"file:{tmp_path}/no/such/folder/printer.bin")
    qtbot.mouseClick(form.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.test_button.isEnabled())
    assert form.note.text().startswith("The receipt did not print on file:")


def test_choosing_hindi_asks_for_the_window_in_hindi(qtbot, window):
    page = window.show_page(SettingsPage)
    with qtbot.waitSignal(window.language_chosen) as blocker:
        page.language.setCurrentIndex(page.language.findData("hi"))
    assert blocker.args == ["hi"]


def test_pay_without_a_printer_tells_the_seller(qtbot, window, session):
    session.machine.set(config.PRINTER, "")
    page = window.show_page(CounterPage)
    qtbot.keyClicks(page.command, "namak")
    qtbot.wait(60)
    qtbot.keyClick(page.command, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(page.bill.lines) == 1)
    qtbot.keyClick(page.command, Qt.Key.Key_F12)
    dialog = page.dialog
    assert isinstance(dialog, PaymentDialog)
    qtbot.keyClicks(dialog.cash, "50")
    qtbot.keyClick(dialog.cash, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.last_order_id is not None)
    qtbot.waitUntil(lambda: "No receipt printer is set up" in page.message.text())
    assert page.message.text().startswith("Saved INV/") and "give back ₹23.00" in page.message.text()
