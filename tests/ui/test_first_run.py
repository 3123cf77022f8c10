"""A new install on the shop's own name: the set-up wizard, then the item list it chose, end to end."""

from item_lists import BAD, GOOD, write_messy_xlsx
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from app import config
from app.main import make_launch
from app.services import settings as settings_service
from app.services import shop as shop_service
from app.store import catalog
from app.store.backup import move_aside
from app.ui.controller import AppController
from app.ui.dialogs import ChoiceDialog
from app.ui.items import ItemImportDialog
from app.ui.setup import SetupWizard


def _wizard(qtbot, controller: AppController) -> SetupWizard:
    controller.start()
    qtbot.waitUntil(lambda: isinstance(controller.flow.dialog, SetupWizard), timeout=10_000)
    wizard = controller.flow.dialog
    assert wizard.isVisible()
    return wizard


def _next(qtbot, wizard: SetupWizard) -> None:
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)


def test_the_wizard_sets_up_the_shop_and_imports_its_item_list(qtbot, ui_app, data_dir, tmp_path):
    book = write_messy_xlsx(tmp_path / "items.xlsx")
    exits: list[int] = []
    controller = AppController(make_launch(data_dir, "sharma"), exits.append)
    try:
        wizard = _wizard(qtbot, controller)
        page = wizard.shop_page
        next_button = wizard.button(QWizard.WizardButton.NextButton)
        assert not next_button.isEnabled()  # a name and a state are needed
        qtbot.keyClicks(page.name, "Sharma General Store")
        qtbot.keyClicks(page.address, "12 Station Road")
        qtbot.keyClicks(page.city, "Pune")
        page.state.setCurrentIndex(page.state.findData("27"))
        qtbot.keyClicks(page.phone, "98765")
        assert page.phone_note.text() == "'98765' is not a phone number." and not next_button.isEnabled()
        qtbot.keyClicks(page.phone, "43210")
        assert next_button.isEnabled()
        _next(qtbot, wizard)

        tax = wizard.tax_page
        assert wizard.currentPage() is tax and not next_button.isEnabled()
        qtbot.keyClicks(tax.gstin, "27AAPFU0939F1ZW")  # one character wrong
        assert tax.gstin_note.text() == "'27AAPFU0939F1ZW' is not a valid GSTIN." and not next_button.isEnabled()
        tax.gstin.clear()
        qtbot.keyClicks(tax.gstin, "29AAPFU0939F1ZR")  # valid, but Karnataka's
        assert "another state" in tax.gstin_note.text() and not next_button.isEnabled()
        tax.gstin.clear()
        qtbot.keyClicks(tax.gstin, "27aapfu0939f1zv")
        assert tax.gstin_note.text() == "Valid GSTIN, registered in Maharashtra."
        qtbot.keyClicks(tax.upi, "sharma@okhdfcbank")
        tax.prefix.clear()
        qtbot.keyClicks(tax.prefix, "sg")
        assert next_button.isEnabled()
        _next(qtbot, wizard)

        printer = wizard.steps[0]  # this PC's receipt printer and the invoice paper
        assert wizard.currentPage() is printer and next_button.isEnabled()  # it can be skipped
        printer.printer.setCurrentText("tcp:127.0.0.1:9100")
        printer.paper.setCurrentIndex(printer.paper.findData(58))
        printer.invoice_page.setCurrentIndex(printer.invoice_page.findData("A5"))
        _next(qtbot, wizard)

        start = wizard.start_page
        finish = wizard.button(QWizard.WizardButton.FinishButton)
        start.buttons["import"].setChecked(True)
        assert not finish.isEnabled()  # no file chosen yet
        start.set_file(str(book))  # what "Choose the file..." does with the file the seller picked
        assert finish.isEnabled()
        qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: controller.window is not None and controller.window.isVisible(), timeout=15_000)
        window = controller.window
        assert window.windowTitle() == "TAVYONIX — Sharma General Store"
        dialog = window.dialog
        assert isinstance(dialog, ItemImportDialog) and dialog.isVisible()
        qtbot.waitUntil(lambda: dialog.check is not None, timeout=10_000)
        assert dialog.combos["price"].currentData() == "Sale Price"
        assert dialog.import_button.text() == f"Import {len(GOOD) + 2} items"
        assert dialog.refused.rowCount() == len(BAD) - 2  # SALT1 is not in a new shop: those two rows are fine
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.added is not None, timeout=15_000)
        assert dialog.added == len(GOOD) + 2
        assert dialog.summary.text().startswith(f"{len(GOOD) + 2} items added. {len(BAD) - 2} rows refused")
        assert dialog.refused.item(0, 0).text() == "7" and dialog.refused.item(0, 3).text() == "The item has no name."

        session = controller.session
        profile = shop_service.profile(session.store)
        assert (profile.name, profile.state_code, profile.gstin, profile.gst_scheme, profile.upi_id) == (
            "Sharma General Store", "27", "27AAPFU0939F1ZV", "regular", "sharma@okhdfcbank")
        assert profile.phone == "9876543210" and profile.city == "Pune"
        assert settings_service.get(session.store, config.INVOICE_PREFIX) == "SG"
        machine = session.machine
        assert (machine.get(config.PRINTER), machine.get(config.PAPER_MM), machine.get(config.INVOICE_PAGE)) == (
            "tcp:127.0.0.1:9100", 58, "A5")
        assert catalog.count(session.store.db()) == len(GOOD) + 2
        assert exits == []
    finally:
        controller.close_shop()
    assert data_dir.shop_db("sharma").exists()


def test_quitting_the_wizard_makes_no_shop(qtbot, ui_app, data_dir):
    exits: list[int] = []
    controller = AppController(make_launch(data_dir, "sharma"), exits.append)
    wizard = _wizard(qtbot, controller)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CancelButton), Qt.MouseButton.LeftButton)
    assert exits == [2]
    assert not data_dir.shop_db("sharma").exists()


def test_no_wizard_beside_a_file_kept_aside_by_a_restore(qtbot, ui_app, data_dir, shop):
    move_aside(data_dir.shop_db(shop), "replaced")  # the shop is waiting to be put back, not new
    controller = AppController(make_launch(data_dir, shop), lambda _code: None)
    controller.start()
    qtbot.waitUntil(lambda: isinstance(controller.flow.dialog, ChoiceDialog), timeout=10_000)
    assert not data_dir.shop_db(shop).exists()
    controller.flow.dialog.choose("quit")


def test_new_shop_from_the_file_menu_and_back_when_cancelled(qtbot, ui_app, data_dir, shop):
    from app.ui.setup.switch import SwitchShopDialog

    controller = AppController(make_launch(data_dir, shop), lambda _code: None)
    controller.start()
    try:
        qtbot.waitUntil(lambda: controller.window is not None and controller.window.isVisible(), timeout=10_000)
        controller.window.choose_shop(new=True)
        dialog = controller.window.dialog
        assert isinstance(dialog, SwitchShopDialog)
        qtbot.keyClicks(dialog.new_name, "Gupta Store")
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
        assert dialog.error.text().startswith("'Gupta Store' cannot be a shop name.")
        dialog.new_name.clear()
        qtbot.keyClicks(dialog.new_name, "gupta-store")
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: isinstance(controller.flow.dialog, SetupWizard), timeout=10_000)
        assert controller.window is None  # the first shop was closed
        controller.flow.dialog.reject()  # changed their mind: the first shop opens again
        qtbot.waitUntil(lambda: controller.window is not None and controller.window.isVisible(), timeout=10_000)
        assert controller.session.shop == shop
        assert not data_dir.shop_db("gupta-store").exists()
    finally:
        controller.close_shop()
