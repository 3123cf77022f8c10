"""Screenshots of the Trade tab in English and Hindi, and sample export documents (a development tool).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/trade/screenshot_trade.py [OUT_DIR]

Builds the trade tests' shop (tests/trade/books.py: the compliance books plus an export under the LUT,
one with IGST paid and a credit note, then two export orders: one invoiced, one holding its units), gives
the shop an IEC and AD code, the items their 8-digit ITC-HS codes and the LUT export (CIF) its packages,
freight and insurance, then saves ``trade-en.png`` and ``trade-hi.png`` (default:
docs/screenshots/), the Items tab with the open order's held units (``items-held-for-export-en.png`` /
``-hi.png``), the Today tab with its card of dates due soon as ``today-compliance-en.png`` /
``-hi.png``, and the LUT export's documents as ``docs/samples/export-documents.pdf`` / ``.xlsx``
and the quarter's GSTR-1 with its ``exp`` table as ``docs/samples/gstr1-2026-Q3-exports.json``.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    from PySide6.QtWidgets import QApplication
    from trade.books import build_export_books, terms

    from app import i18n
    from app.domain.clock import ManualClock
    from app.domain.gst_returns import parse_period
    from app.paths import DataDir
    from app.services import (
        catalog,
        export_documents,
        export_orders,
        export_routes,
        exports,
        gst_returns,
        settings,
        shop,
    )
    from app.services.sales import PaymentIn, SaleLine, record_sale
    from app.session import open_session
    from app.ui.app import setup_application
    from app.ui.bridge import EventBridge
    from app.ui.main_window import MainWindow
    from app.ui.pages.today import TodayPage
    from app.ui.pages.trade import TradePage
    from app.ui.printing.export_pdf import write_export_pdf
    from app.ui.tasks import wait_for_tasks

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    samples = ROOT / "docs" / "samples"
    out.mkdir(parents=True, exist_ok=True)
    samples.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    setup_application(app)
    with tempfile.TemporaryDirectory() as tmp:
        data = DataDir(Path(tmp) / "data").ensure()
        clock = ManualClock(datetime(2026, 6, 15, 5, 0, tzinfo=UTC))
        session = open_session(data, "kirana", create=True, clock=clock)
        ctx = session.ctx
        shop.create_shop(ctx, name="Test Kirana", state_code="27", gstin="27AAPFU0939F1ZV",
                         address="12 Station Road", city="Pune")
        ids = build_export_books(ctx)
        clock.set(datetime(2026, 9, 20, 5, 0, tzinfo=UTC))
        settings.set_setting(ctx, "trade.iec", "AAPFU0939F")
        settings.set_setting(ctx, "trade.ad_code", "0510005")
        for sku, code in (("DRYF", "08029900"), ("BISC", "19053100"), ("MILK", "04012000"), ("BATT", "85061000")):
            catalog.update_product(ctx, sku, hsn_code=code)
        # route scores on the page: pack sizes give weights, and two quotes the seller got (the rest stays too thin)
        catalog.update_product(ctx, "DRYF", pack_size="500 g")
        catalog.update_product(ctx, "BISC", pack_size="250 g")
        for route, country, per_kg, parcel in (("postal", "AE", "450", "0"), ("courier", "SG", "650", "150")):
            export_routes.add_quote(ctx, export_routes.quote_from_text(route=route, country=country, per_kg=per_kg,
                                                                       per_parcel=parcel))
        exports.record_packages(ctx, ids["exp_lut"], [exports.parse_package("3.4:3.9:40x30x20:dry fruit"),
                                                      exports.parse_package("2.2:2.6:30x30x20:biscuits, milk")])
        # CIF: the freight and insurance paid give the FOB value the documents print
        exports.record_carriage(ctx, ids["exp_lut"], freight_paise=1_200_00, insurance_paise=60_00)
        docs = export_documents.read(session.store, ids["exp_lut"])
        write_export_pdf(export_documents.ready(docs), samples / "export-documents.pdf", title=docs.invoice_no)
        export_documents.write_xlsx(docs, samples / "export-documents.xlsx")
        gstr1 = gst_returns.prepare(session.store, parse_period("2026-Q3")).gstr1()
        (samples / "gstr1-2026-Q3-exports.json").write_text(json.dumps(gstr1, ensure_ascii=False, indent=1),
                                                           encoding="utf-8")
        # two export orders after the samples: one invoiced (its units sold by EXP/2627/00003), one open (held)
        first = export_orders.place_export_order(ctx, lines=[SaleLine(sku="BISC", qty_milli=12_000)], confirmed=True,
                                                 terms=terms(buyer_name="Lanka Stores", country="LK", currency="USD",
                                                             fx_paise=8410, buyer_address="Galle Road, Colombo 3"))
        export_orders.invoice_export_order(ctx, int(first.id))  # type: ignore[arg-type]
        export_orders.place_export_order(ctx, lines=[SaleLine(sku="DRYF", qty_milli=4000)], terms=terms(),
                                         confirmed=True)
        # a spice with a demand signal, a barrier and a duty in the data in AE and the US: its routes get a score
        catalog.create_product(ctx, sku="TURM", name_en="Turmeric powder", price_paise=40_000, mrp_paise=45_000,
                               cost_paise=25_000, hsn_code="09103020", unit="pack", pack_size="250 g",
                               opening_stock_milli=50_000)
        record_sale(ctx, lines=[SaleLine(sku="TURM", qty_milli=3000)],
                    payments=[PaymentIn(method="cash", amount_paise=120_000)], confirmed=True)
        export_routes.add_quote(ctx, export_routes.quote_from_text(route="courier", country="US", per_kg="600"))
        for lang in ("en", "hi"):
            i18n.set_language(lang)
            bridge = EventBridge(session.bus)
            window = MainWindow(session, bridge)
            window.resize(1366, 1100)
            window.show()
            page = window.show_page(TradePage)
            assert isinstance(page, TradePage)
            page.refresh()
            page.select_order(ids["exp_igst"])  # its documents lack packages: the missing fields show
            page.orders.choose(page.orders.rows[0]["id"])  # the open order: its buttons are live
            for _ in range(5):
                app.processEvents()
            path = out / f"trade-{lang}.png"
            window.grab().save(str(path))
            print(f"saved {path}")
            from app.ui.pages.items import ItemsPage  # the open order's units, held, beside the item

            items = window.show_page(ItemsPage)
            assert isinstance(items, ItemsPage)
            for _ in range(20):
                app.processEvents()
            wait_for_tasks()
            app.processEvents()
            items.search.setText("DRYF")
            items.run_search()
            for _ in range(20):
                app.processEvents()
            wait_for_tasks()
            app.processEvents()
            row = items.model.row_of("DRYF")
            if row is not None:
                items.table.selectRow(row)
            for _ in range(5):
                app.processEvents()
            path = out / f"items-held-for-export-{lang}.png"
            window.grab().save(str(path))
            print(f"saved {path}")
            window.close_quietly()
            bridge.close()
        clock.set(datetime(2026, 10, 30, 5, 0, tzinfo=UTC))  # the LUT export's deadline and GSTR-1 are near
        for lang in ("en", "hi"):
            i18n.set_language(lang)
            bridge = EventBridge(session.bus)
            window = MainWindow(session, bridge)
            window.resize(1366, 768)
            window.show()
            today = window.show_page(TodayPage)
            for _ in range(20):
                app.processEvents()
            wait_for_tasks()
            app.processEvents()
            from PySide6.QtWidgets import QScrollArea

            from app.ui.pages.compliance_card import ComplianceCard

            scroll, card = today.findChild(QScrollArea), today.findChild(ComplianceCard)
            if scroll is not None and card is not None:  # the Today page grew: bring the card into view
                scroll.ensureWidgetVisible(card, 0, 0)
                app.processEvents()
            path = out / f"today-compliance-{lang}.png"
            window.grab().save(str(path))
            print(f"saved {path}")
            window.close_quietly()
            bridge.close()
        session.close()
        i18n.set_language("en")


if __name__ == "__main__":
    main()
