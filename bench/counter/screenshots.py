"""Make the counter's screenshots for docs/screenshots (offscreen Qt, the shipped fonts).

    .venv/bin/python bench/counter/screenshots.py [OUT_DIR]

The sample shop of the UI tests, a bill with a Hindi product name, loose sugar by weight, a discount,
in English and in Hindi; and the 58 mm receipt of that bill once paid.
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
    from PySide6.QtWidgets import QApplication
    from shops import PARLE_BARCODE, build_sample_shop

    from app import i18n
    from app.paths import DataDir
    from app.services import catalog, counter, shop
    from app.session import open_session
    from app.ui.app import setup_application
    from app.ui.bridge import EventBridge
    from app.ui.main_window import MainWindow
    from app.ui.pages.counter import CounterPage
    from app.ui.printing.document import order_document
    from app.ui.printing.receipt import render_receipt
    from app.ui.tasks import wait_for_tasks

    app = QApplication.instance() or QApplication([])
    setup_application(app)
    data = DataDir(Path(tempfile.mkdtemp()) / "data").ensure()
    build_sample_shop(data, "shot")
    session = open_session(data, "shot")
    shop.update_shop(session.ctx, upi_id="sharmakirana@okhdfcbank", address="14 Station Road", pincode="411001",
                     phone="9822012345")
    catalog.create_product(session.ctx, sku="HALDI-100", name_en="Everest Haldi 100 g", name_hi="एवरेस्ट हल्दी 100 ग्राम",
                           keywords="haldi", price_paise=3400, mrp_paise=3600, cost_paise=2800, hsn_code="09103030",
                           opening_stock_milli=30_000)
    order_id = None
    for lang in ("en", "hi"):
        i18n.set_language(lang)
        bridge = EventBridge(session.bus)
        window = MainWindow(session, bridge)
        window.resize(1366, 768)
        window.show()
        page = window.page(CounterPage)
        assert isinstance(page, CounterPage)
        app.processEvents()
        page.scan(PARLE_BARCODE)
        page.scan(PARLE_BARCODE)
        for text in ("haldi", "2*namak", "atta", "chini", "750g"):
            page.command.setText(text)
            page.enter()
        page._set_mode("bill_discount")
        page.command.setText("5")
        page.enter()
        page.command.setText("mak")
        page._typed("mak")
        wait_for_tasks()
        for _ in range(20):
            app.processEvents()
        window.grab().save(str(out / f"counter-{lang}.png"))
        if lang == "en":
            from app.ui.counter.bill import Bill

            bill: Bill = page.bill
            total = bill.total_paise
            order_id = counter.complete_bill(session.ctx, bill.draft_id, lines=bill.sale_lines(),
                                             payments=counter.tender(total, cash_given_paise=total + 4000).payments,
                                             bill_discount_paise=bill.bill_discount_paise).id
        else:
            wait_for_tasks()
            if page.bill.draft_id is not None:
                counter.discard_bill(session.ctx, page.bill.draft_id)
        wait_for_tasks()
        window.close_quietly()
        bridge.close()
    assert order_id is not None
    for lang in ("en", "hi"):
        i18n.set_language(lang)
        suffix = "" if lang == "en" else "-hi"
        render_receipt(order_document(session, order_id), 58).save(str(out / f"receipt-58mm{suffix}.png"))
    i18n.set_language("en")
    wait_for_tasks()
    session.close()
    print(f"saved in {out}")
    os._exit(0)


if __name__ == "__main__":
    main()
