"""Screenshots of the Bills and Suppliers tabs and their dialogs for docs/screenshots (offscreen Qt).

    .venv/bin/python bench/ui/screenshots_books.py [OUT_DIR]

In English and Hindi over the UI tests' sample shop with a khata bill, a part return, two cash memos and
their consolidated invoice: the Bills tab, an open bill, the goods-back dialog and the day end; then a
supplier with a purchase order partly received, a purchase bill and a payment: the Suppliers tab, its
orders, and the new-order, goods-arrived, purchase-bill and payment dialogs; a khata statement; the
counter's UPI payment (the "received" tick beside the QR).
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
    from shops import build_sample_shop

    from app import config, i18n
    from app.paths import DataDir
    from app.services import (
        counter,
        dayend,
        gst_returns,
        purchasing,
        returns,
        sales,
        settings,
        shop,
        supplier_payments,
        suppliers,
    )
    from app.services.sales import PaymentIn, SaleLine
    from app.session import open_session
    from app.store import parties
    from app.ui.app import setup_application
    from app.ui.bills.page import BillsPage
    from app.ui.bridge import EventBridge
    from app.ui.main_window import MainWindow
    from app.ui.pages.counter import CounterPage
    from app.ui.pages.customers import CustomersPage
    from app.ui.suppliers.page import SuppliersPage
    from app.ui.tasks import wait_for_tasks

    app = QApplication.instance() or QApplication([])
    setup_application(app)
    data = DataDir(Path(tempfile.mkdtemp()) / "data").ensure()
    build_sample_shop(data, "shot")
    session = open_session(data, "shot")
    ctx = session.ctx
    ramesh = parties.customer_by_phone(session.store.db(), "9876543210")
    sale = sales.record_sale(ctx, lines=[SaleLine(sku="PARLE-G-80", qty_milli=3000),
                                         SaleLine(sku="AMUL-BUTTER-100", qty_milli=1000),
                                         SaleLine(sku="SUGAR-LOOSE", qty_milli=1500)],
                             payments=[PaymentIn(method="khata", amount_paise=3000 + 5600 + 6600)],
                             customer_id=ramesh.id)
    returns.record_return(ctx, sale.id, lines=[returns.ReturnLine(line_no=1, qty_milli=1000)])
    settings.set_setting(ctx, config.CONSOLIDATE_BELOW.key, 200_00)
    for qty in (1000, 2000):
        lines = [SaleLine(sku="PARLE-G-80", qty_milli=qty)]
        total = sales.quote_sale(ctx, lines=lines).total_paise
        counter.complete_bill(ctx, None, lines=lines, payments=[PaymentIn(method="cash", amount_paise=total)])
    dayend.issue_day_invoices(ctx)
    shop.update_shop(ctx, upi_id="sharma@okhdfcbank")
    supplier_id = suppliers.create_supplier(ctx, name="Gupta Traders", phone="9822055555",
                                            gstin="27AAPFU0939F1ZV").id
    suppliers.create_supplier(ctx, name="Pune Dairy Agency", phone="9822066666")
    po = purchasing.create_purchase_order(ctx, supplier_id=supplier_id, lines=[
        purchasing.PoLine(sku="PARLE-G-80", qty_milli=48_000),
        purchasing.PoLine(sku="AASH-ATTA-5KG", qty_milli=5000)]).id
    purchasing.send_purchase_order(ctx, po)
    purchasing.receive_purchase_order(ctx, po, received={"PARLE-G-80": 24_000})
    gst_returns.record_purchase_bill(ctx, bill_no="GT/123", bill_date=ctx.today(), supplier_id=supplier_id,
                                     lines=[gst_returns.BillLine(rate_bp=500, taxable_paise=100_000),
                                            gst_returns.BillLine(rate_bp=1800, taxable_paise=30_000)])
    supplier_payments.pay_supplier(ctx, supplier_id, 100_000, method="upi", reference="UTR77")

    def settle() -> None:
        for _ in range(50):
            wait_for_tasks()
            app.processEvents()

    for lang in ("en", "hi"):
        i18n.set_language(lang)
        bridge = EventBridge(session.bus)
        window = MainWindow(session, bridge)
        window.resize(1366, 768)
        window.show()
        page = window.show_page(BillsPage)
        settle()
        page.table.selectRow(next(r for r, b in enumerate(page.rows) if b.id == sale.id))
        settle()
        window.grab().save(str(out / f"bills-{lang}.png"))
        page.open_bill()
        settle()
        page.dialog.grab().save(str(out / f"bill-open-{lang}.png"))
        page.dialog.reject()
        page.take_back()
        dialog = page.dialog
        dialog.qty[2].setText("0.5")
        dialog.reason.setText("गीली चीनी" if lang == "hi" else "sugar got wet")
        settle()
        dialog.grab().save(str(out / f"bill-return-{lang}.png"))
        dialog.reject()
        page.day_end()
        dialog = page.dialog
        dialog.opening.setText("500")
        dialog.counted.setText("590")
        settle()
        dialog.grab().save(str(out / f"day-end-{lang}.png"))
        dialog.reject()
        shop = window.show_page(SuppliersPage)
        settle()
        shop.table.selectRow(0)
        settle()
        window.grab().save(str(out / f"suppliers-{lang}.png"))
        shop.tabs.setCurrentIndex(1)
        settle()
        window.grab().save(str(out / f"supplier-orders-{lang}.png"))
        shop.receive()
        settle()
        shop.dialog.grab().save(str(out / f"supplier-receive-{lang}.png"))
        shop.dialog.reject()
        shop.tabs.setCurrentIndex(0)
        shop.new_order()
        dialog = shop.dialog
        for text in ("butter", "salt"):
            dialog.item_box.setText(text)
            dialog.add_typed()
        settle()
        dialog.grab().save(str(out / f"supplier-new-order-{lang}.png"))
        dialog.reject()
        shop.purchase_bill()
        dialog = shop.dialog
        dialog.bill_no.setText("GT/130")
        dialog.taxable[1].setText("2400")
        dialog.taxable[3].setText("560")
        settle()
        dialog.grab().save(str(out / f"purchase-bill-{lang}.png"))
        dialog.reject()
        shop.pay()
        settle()
        shop.dialog.grab().save(str(out / f"supplier-payment-{lang}.png"))
        shop.dialog.reject()
        customers = window.show_page(CustomersPage)
        settle()
        customers.table.selectRow(0)
        customers.statement()
        settle()
        customers.dialog.grab().save(str(out / f"khata-statement-{lang}.png"))
        customers.dialog.reject()
        till = window.show_page(CounterPage)
        till.command.setText("atta")
        till.enter()
        till.pay()
        settle()
        till.dialog.all_in(till.dialog.upi)
        settle()
        till.dialog.grab().save(str(out / f"counter-upi-{lang}.png"))
        till.dialog.reject()
        till.bill.lines.clear()
        window.close_quietly()
        bridge.close()
        settle()
    session.close()
    i18n.set_language("en")
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
