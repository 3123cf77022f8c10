"""Screenshots of the Reports page's books for docs/screenshots: the GST summary, sales by hour, day book, stock value
and slow movers, khata ageing, in English and Hindi (``reports-gst-en.png``, ``reports-daybook-hi.png``...).

    .venv/bin/python bench/ui/screenshots_report_books.py [OUT_DIR]

Over the UI tests' sample shop with 100 days of sales at different hours of the day and khata customers who
bought on credit at different ages and paid part of it (recorded on past days through a manual clock).
"""

from __future__ import annotations

import os
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from shots import application, out_dir, settle


def main() -> None:
    out = out_dir()
    from shops import build_sample_shop

    from app import i18n
    from app.domain.clock import ManualClock
    from app.paths import DataDir
    from app.services import gst_returns, inventory, khata, sales
    from app.services.gst_returns import BillLine
    from app.services.sales import PaymentIn, SaleLine
    from app.session import open_session
    from app.ui.bridge import EventBridge
    from app.ui.main_window import MainWindow
    from app.ui.reports.page import ReportsPage

    app = application()
    data = DataDir(Path(tempfile.mkdtemp()) / "data").ensure()
    build_sample_shop(data, "shot")
    start = (datetime.now(UTC) - timedelta(days=100)).replace(hour=1, minute=30, second=0, microsecond=0)
    clock = ManualClock(start)  # 07:00 in the shop
    past = open_session(data, "shot", clock=clock)
    people = [("Ramesh Patil", "रमेश पाटिल"), ("Sunita Jadhav", "सुनीता जाधव"), ("Imran Shaikh", "इमरान शेख"),
              ("Lata Verma", "लता वर्मा")]
    customers = [khata.create_customer(past.ctx, name=en, name_hi=hi, phone=f"98220{n:05d}",
                                       credit_limit_paise=500_000).id for n, (en, hi) in enumerate(people)]
    basket = ["TATA-SALT-1KG", "PARLE-G-80", "AMUL-BUTTER-100", "SUGAR-LOOSE"]
    for day in range(100):
        day_start = start + timedelta(days=day)
        for n in range(3 + day % 4):
            clock.set(day_start + timedelta(minutes=(n * 151 + day * 37) % 780))  # 07:00 to 20:00
            sku = basket[(day + n) % len(basket)]
            lines = [SaleLine(sku=sku, qty_milli=(1 + (day + n) % 3) * 1000)]
            total = sales.quote_sale(past.ctx, lines=lines).total_paise
            on_khata = day in (0, 30, 55, 80, 97) and n == 0
            customer = customers[day % len(customers)] if on_khata else None
            sales.record_sale(past.ctx, lines=lines, customer_id=customer, confirmed=True,
                              payments=[PaymentIn(method="khata" if on_khata else "cash", amount_paise=total)])
        if day in (40, 90):
            khata.receive_payment(past.ctx, customers[0], 2_000, method="upi", reference="UPI-4412")
    db = past.store.db()
    for n, sku in enumerate(basket):  # this week's delivery (the sales took the shelf below zero), so there is stock
        on_hand = db.execute("SELECT coalesce(max(on_hand_milli), 0) FROM stock WHERE sku = ?", (sku,)).fetchone()[0]
        inventory.receive_stock(past.ctx, sku, max(0, -on_hand) + (12 + 7 * n) * 1000)
    # a wholesaler's tax invoice of last week: the GST summary's input tax credit
    gst_returns.record_purchase_bill(past.ctx, supplier_name="Pune Wholesale", supplier_gstin="27AABCU9603R1ZN",
                                     bill_no="PW-2291", bill_date=clock.now().date() - timedelta(days=7),
                                     lines=[BillLine(rate_bp=500, taxable_paise=1_200_00),
                                            BillLine(rate_bp=1800, taxable_paise=300_00)])
    past.close()
    session = open_session(data, "shot")

    for lang in ("en", "hi"):
        i18n.set_language(lang)
        bridge = EventBridge(session.bus)
        window = MainWindow(session, bridge)
        window.resize(1366, 768)
        window.show()
        page = window.show_page(ReportsPage)
        page.period.setCurrentIndex(page.period.findData("30d"))
        settle(app)
        for name, view in (("gst", page.gst), ("hours", page.hours), ("daybook", page.day_book), ("stock", page.stock),
                           ("khata", page.khata)):
            page.tabs.setCurrentWidget(view)
            settle(app)
            window.grab().save(str(out / f"reports-{name}-{lang}.png"))
        window.close_quietly()
        bridge.close()
    session.close()
    os._exit(0)


if __name__ == "__main__":
    main()
