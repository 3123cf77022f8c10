"""Screenshots of the Reports page, the barcode labels and an import from Marg for docs/screenshots.

    .venv/bin/python bench/ui/screenshots_reports.py [OUT_DIR]

Over the UI tests' sample shop with two weeks of sales (recorded on past days through a manual clock):
the Reports page's days, margin and items tabs, the labels dialog, a sheet of labels, the listing made
from a dropped photo, the wizard's printer step, the import dialog over a Marg item list, and the counter
with "Large letters"; in English and Hindi.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtCore import QItemSelectionModel, QRectF
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtWidgets import QApplication
    from shops import build_sample_shop

    from app import i18n
    from app.domain.clock import ManualClock
    from app.domain.label_sheets import LAYOUTS
    from app.paths import DataDir
    from app.services import catalog, sales
    from app.services.sales import PaymentIn, SaleLine
    from app.session import open_session
    from app.ui.app import setup_application
    from app.ui.bridge import EventBridge
    from app.ui.items import ItemImportDialog
    from app.ui.main_window import MainWindow
    from app.ui.pages.items import ItemsPage
    from app.ui.printing.labels import draw_label, label_items
    from app.ui.reports.page import ReportsPage
    from app.ui.tasks import wait_for_tasks

    app = QApplication.instance() or QApplication([])
    setup_application(app)
    data = DataDir(Path(tempfile.mkdtemp()) / "data").ensure()
    build_sample_shop(data, "shot")
    clock = ManualClock(datetime.now(UTC) - timedelta(days=13))
    past = open_session(data, "shot", clock=clock)
    catalog.create_product(past.ctx, sku="MAGGI-70", name_en="Maggi Noodles 70 g", name_hi="मैगी नूडल्स 70 ग्राम",
                           barcode="8901058000290", price_paise=1400, mrp_paise=1400, cost_paise=1150,
                           hsn_code="1902", gst_rate_bp=1200, opening_stock_milli=500_000)
    basket = ["TATA-SALT-1KG", "PARLE-G-80", "AMUL-BUTTER-100", "MAGGI-70", "AASH-ATTA-5KG", "SUGAR-LOOSE"]
    for day in range(14):
        for n, sku in enumerate(basket):
            qty = (1 + (day * 3 + n * 5) % 7) * 1000
            if sku == "AASH-ATTA-5KG" and day % 3:
                continue
            lines = [SaleLine(sku=sku, qty_milli=qty)]
            total = sales.quote_sale(past.ctx, lines=lines).total_paise
            sales.record_sale(past.ctx, lines=lines, payments=[PaymentIn(method="cash", amount_paise=total)],
                              confirmed=True)
        clock.advance(timedelta(days=1))
    past.close()
    session = open_session(data, "shot")
    marg = Path(tempfile.mkdtemp()) / "marg-items.csv"
    marg.write_text("Code,Product,Packing,Company,Unit,HSN/SAC,MRP,Sale Rate,P.Rate,GST %,Stock,Minimum Qty\n"
                    "M101,Crocin Advance,15 TAB,GSK,PCS,3004,30.50,29,24,12,40,10\n"
                    "M102,Vicks Vaporub 25 ml,25ML,P&G,PCS,3004,125,120,100,12,6,2\n"
                    "M103,Dettol Soap 125 g,125G,Reckitt,PCS,3401,60,58,45,18,24,6\n"
                    "M104,Eno Fruit Salt,5G,GSK,STRIP,3004,10,9.5,8,12,100,20\n", encoding="utf-8")

    def settle() -> None:
        ends = time.monotonic() + 1.0  # past the pages' 250 ms refresh delay
        while time.monotonic() < ends:
            wait_for_tasks()
            app.processEvents()
            time.sleep(0.02)

    for lang in ("en", "hi"):
        i18n.set_language(lang)
        bridge = EventBridge(session.bus)
        window = MainWindow(session, bridge)
        window.resize(1366, 768)
        window.show()
        page = window.show_page(ReportsPage)
        page.period.setCurrentIndex(page.period.findData("30d"))
        settle()
        window.grab().save(str(out / f"reports-{lang}.png"))
        page.tabs.setCurrentIndex(2)
        settle()
        window.grab().save(str(out / f"reports-margin-{lang}.png"))
        page.tabs.setCurrentIndex(3)
        settle()
        window.grab().save(str(out / f"reports-items-{lang}.png"))

        items = window.show_page(ItemsPage)
        settle()
        selection = items.table.selectionModel()
        for r in range(items.model.rowCount()):
            if items.model.product_at(r).sku in ("MAGGI-70", "TATA-SALT-1KG", "SUGAR-LOOSE"):
                selection.select(items.model.index(r, 0), QItemSelectionModel.SelectionFlag.Select
                                 | QItemSelectionModel.SelectionFlag.Rows)
        items.item_actions.labels()
        dialog = items.item_actions.dialog
        dialog.copies[dialog.items[0].sku].setValue(20)
        settle()
        dialog.grab().save(str(out / f"labels-dialog-{lang}.png"))
        dialog.reject()

        found, _skipped = label_items(session.store.db(), ["MAGGI-70", "TATA-SALT-1KG"], hindi=lang == "hi")
        layout = LAYOUTS["a4-24"]
        mm = 5.0
        sheet = QImage(round(layout.page_w * mm), round(layout.page_h * mm / 3), QImage.Format.Format_RGB32)
        sheet.fill(QColor("#dddddd"))
        painter = QPainter(sheet)
        for slot in range(9):  # the top three rows of an A4 sheet of 24
            x, y, w, h = layout.position(slot)
            draw_label(painter, found[slot % len(found)], QRectF(x * mm, y * mm, w * mm, h * mm), mm, snap=True)
        painter.end()
        sheet.save(str(out / f"labels-sheet-{lang}.png"))

        items = window.show_page(ItemsPage)
        settle()
        items.table.selectRow(next(r for r in range(items.model.rowCount())
                                   if items.model.product_at(r).sku == "PARLE-G-80"))
        items.item_actions.listing_from_photos([ROOT / "tests" / "data" / "packs" / "pack_000.jpg"])
        for _ in range(30):
            settle()
            if items.item_actions.dialog is not None and items.item_actions.dialog.isVisible():
                break
        items.item_actions.dialog.grab().save(str(out / f"listing-from-photo-{lang}.png"))
        items.item_actions.dialog.reject()
        window.grab().save(str(out / f"items-photo-drop-{lang}.png"))

        from app.ui.setup.printer_step import PrinterStep

        step = PrinterStep()
        step.resize(640, 360)
        step.show()
        settle()
        step.grab().save(str(out / f"wizard-printer-{lang}.png"))
        step.close()

        importer = ItemImportDialog(session, window, path=marg)
        importer.resize(1000, 680)
        importer.show()
        settle()
        importer.grab().save(str(out / f"import-marg-{lang}.png"))
        importer.reject()
        window.close_quietly()
        bridge.close()
    from app.ui.fonts import apply_app_font
    from app.ui.pages.counter import CounterPage

    for lang in ("en", "hi"):  # the counter with "Large letters" on
        i18n.set_language(lang)
        apply_app_font(app, large=True)
        bridge = EventBridge(session.bus)
        window = MainWindow(session, bridge)
        window.resize(1366, 768)
        window.show()
        counter = window.show_page(CounterPage)
        for code in ("8901058000290", "8901058000290"):
            counter.scan(code)
        settle()
        window.grab().save(str(out / f"counter-large-letters-{lang}.png"))
        window.close_quietly()
        bridge.close()
    apply_app_font(app)
    session.close()
    i18n.set_language("en")


if __name__ == "__main__":
    main()
