"""Screenshots of the set-up wizard and the item import for docs/screenshots (offscreen Qt, shipped fonts).

    .venv/bin/python bench/ui/screenshots.py [OUT_DIR]

Each in English and in Hindi: the wizard's three pages (the GSTIN checked as typed) and the import
dialog over the messy workbook of the tests, before and after importing.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    from item_lists import write_messy_xlsx
    from PySide6.QtWidgets import QApplication

    from app import i18n
    from app.paths import DataDir
    from app.services import shop
    from app.session import open_session
    from app.ui.app import setup_application
    from app.ui.items import ItemImportDialog
    from app.ui.setup import SetupWizard
    from app.ui.tasks import wait_for_tasks

    app = QApplication.instance() or QApplication([])
    setup_application(app)
    tmp = Path(tempfile.mkdtemp())
    book = write_messy_xlsx(tmp / "items.xlsx")

    def settle(until=lambda: True) -> None:
        for _ in range(400):
            wait_for_tasks()
            app.processEvents()
            if until():
                return

    for lang in ("en", "hi"):
        i18n.set_language(lang)
        wizard = SetupWizard()
        wizard.resize(720, 520)
        wizard.show()
        page = wizard.shop_page
        page.name.setText("शर्मा जनरल स्टोर" if lang == "hi" else "Sharma General Store")
        page.address.setText("14 Station Road")
        page.city.setText("Pune")
        page.pincode.setText("411001")
        page.state.setCurrentIndex(page.state.findData("27"))
        page.phone.setText("98220 12345")
        settle()
        wizard.grab().save(str(out / f"setup-shop-{lang}.png"))
        wizard.next()
        wizard.tax_page.gstin.setText("27AAPFU0939F1ZW")
        wizard.tax_page.upi.setText("sharmastore@okhdfcbank")
        settle()
        wizard.grab().save(str(out / f"setup-gst-wrong-{lang}.png"))
        wizard.tax_page.gstin.setText("27AAPFU0939F1ZV")
        settle()
        wizard.grab().save(str(out / f"setup-gst-{lang}.png"))
        wizard.next()
        wizard.start_page.set_file(str(book))
        settle()
        wizard.grab().save(str(out / f"setup-start-{lang}.png"))
        wizard.close()

        data = DataDir(tmp / f"data-{lang}").ensure()
        session = open_session(data, "shot", create=True)
        shop.create_shop(session.ctx, name="Sharma General Store", state_code="27", gst_scheme="unregistered")
        dialog = ItemImportDialog(session, None, book)
        dialog.resize(1100, 700)
        dialog.show()
        settle(lambda d=dialog: d.check is not None)
        dialog.views.setCurrentIndex(0)
        settle()
        dialog.grab().save(str(out / f"import-preview-{lang}.png"))
        dialog.start_import()
        settle(lambda d=dialog: d.added is not None)
        dialog.grab().save(str(out / f"import-report-{lang}.png"))
        dialog.close()
        wait_for_tasks()
        session.close()
    pages(app, out, tmp, settle)
    i18n.set_language("en")
    print(f"screenshots in {out}")


def pages(app, out: Path, tmp: Path, settle) -> None:
    """The Items tab with its dialogs, the Customers tab and the Settings tab over the UI tests' sample shop."""
    sys.path.insert(0, str(ROOT / "tests" / "ui"))
    from shops import build_sample_shop

    from app import i18n
    from app.paths import DataDir
    from app.services import khata
    from app.session import open_session
    from app.ui.bridge import EventBridge
    from app.ui.main_window import MainWindow
    from app.ui.pages.customers import CustomersPage
    from app.ui.pages.items import ItemsPage
    from app.ui.pages.settings import SettingsPage
    from app.ui.tasks import wait_for_tasks

    data = DataDir(tmp / "pages").ensure()
    build_sample_shop(data, "shot")
    session = open_session(data, "shot")
    khata.create_customer(session.ctx, name="Sunita Devi", name_hi="सुनीता देवी", phone="9822012345",
                          opening_balance_paise=120_000, credit_limit_paise=100_000)
    for lang in ("en", "hi"):
        i18n.set_language(lang)
        bridge = EventBridge(session.bus)
        window = MainWindow(session, bridge)
        window.resize(1366, 768)
        window.show()
        items = window.show_page(ItemsPage)
        settle(lambda p=items: p.model.rowCount() == 5)
        items.table.selectRow(items.model.row_of("AASH-ATTA-5KG"))
        window.grab().save(str(out / f"items-{lang}.png"))
        items.item_actions.edit_item()
        dialog = items.item_actions.dialog
        dialog.price.setText("270")
        settle()
        dialog.grab().save(str(out / f"item-price-above-mrp-{lang}.png"))
        dialog.price.setText("239")
        settle()
        dialog.grab().save(str(out / f"item-change-{lang}.png"))
        dialog.reject()
        items.table.selectRow(items.model.row_of("SUGAR-LOOSE"))
        items.item_actions.stock()
        dialog = items.item_actions.dialog
        dialog.kind.setCurrentIndex(dialog.kind.findData("wastage"))
        dialog.qty.setText("0.5")
        dialog.reason.setText("चूहे" if lang == "hi" else "rats got into the bag")
        settle()
        dialog.grab().save(str(out / f"item-stock-{lang}.png"))
        dialog.reject()
        customers = window.show_page(CustomersPage)
        settle(lambda p=customers: p.table.rowCount() == 2)
        window.grab().save(str(out / f"customers-{lang}.png"))
        customers.collect_payment()
        customers.dialog.method.setCurrentIndex(1)
        settle()
        customers.dialog.grab().save(str(out / f"customer-payment-{lang}.png"))
        customers.dialog.reject()
        window.show_page(SettingsPage)
        settle()
        window.grab().save(str(out / f"settings-{lang}.png"))
        window.close_quietly()
        bridge.close()
        wait_for_tasks()
    session.close()


if __name__ == "__main__":
    main()
