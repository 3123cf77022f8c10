"""Screenshots of the GST returns tab in English and Hindi, and sample returns (a development tool).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/gst/screenshot_returns.py [OUT_DIR]

Builds the compliance tests' shop (tests/compliance/books.py: three months of bills and purchase
bills), opens the real main window on the GST returns tab for July-September 2026, and saves
``gst-returns-en.png`` and ``gst-returns-hi.png`` (default: docs/screenshots/), plus the quarter's
GSTR-1 JSON (with a debit note in September: ``cdnr`` ``ntty`` D), workbook and GSTR-3B figures, and that
debit note printed (``debit-note.pdf``), in docs/samples/; then ``gst-match-2b-en.png`` and ``-hi.png``: the
September purchase bills matched with a GSTR-2B file holding a row of each kind.
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


def wait_ready(app, page, seconds: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    """The page prepares its period on a worker: events until its figures are on it."""
    import time

    end = time.monotonic() + seconds
    while not page.ready:
        if time.monotonic() > end:
            raise SystemExit("the GST returns page did not prepare its period in time")
        app.processEvents()
        time.sleep(0.01)
    for _ in range(5):
        app.processEvents()


def main() -> None:
    from compliance.books import build_books
    from PySide6.QtWidgets import QApplication

    from app import i18n
    from app.domain.clock import ManualClock
    from app.domain.gst_returns import parse_period
    from app.paths import DataDir
    from app.services import gst_returns, shop
    from app.services.gst_workbook import write_workbook
    from app.session import open_session
    from app.ui.app import setup_application
    from app.ui.bridge import EventBridge
    from app.ui.main_window import MainWindow
    from app.ui.pages.compliance import CompliancePage

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    samples = ROOT / "docs" / "samples"
    out.mkdir(parents=True, exist_ok=True)
    samples.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    setup_application(app)
    with tempfile.TemporaryDirectory() as tmp:
        data = DataDir(Path(tmp) / "data").ensure()
        clock = ManualClock(datetime(2026, 10, 6, 5, 0, tzinfo=UTC))
        session = open_session(data, "kirana", create=True, clock=clock)
        shop.create_shop(session.ctx, name="Test Kirana", state_code="27", gstin="27AAPFU0939F1ZV",
                         address="12 Station Road", city="Pune")
        ids = build_books(session.ctx)
        # a debit note in September on the August B2B invoice (a price found short): cdnr with ntty D
        clock.set(datetime(2026, 9, 25, 5, 0, tzinfo=UTC))
        invoice = session.store.db().execute("SELECT invoice_no FROM orders WHERE id = ?", (ids["b2b8"],)).fetchone()[0]
        note = gst_returns.record_debit_note(session.ctx, invoice_no=invoice, reason="price revised after the sale",
                                             lines=[gst_returns.DebitLine(sku="BISC", amount_paise=105_00)])
        from app.ui.printing.document import debit_note_document
        from app.ui.printing.pdf import write_pdf

        write_pdf(debit_note_document(session, int(note.id)), samples / "debit-note.pdf")  # type: ignore[arg-type]
        clock.set(datetime(2026, 10, 6, 5, 0, tzinfo=UTC))
        period = parse_period("2026-Q3")
        prepared = gst_returns.prepare(session.store, period)
        (samples / "gstr1-2026-Q3.json").write_text(json.dumps(prepared.gstr1(), ensure_ascii=False, indent=1),
                                                    encoding="utf-8")
        write_workbook(prepared, samples / "gstr1-2026-Q3.xlsx")
        (samples / "gstr3b-2026-Q3.json").write_text(json.dumps(prepared.gstr3b().as_dict(), indent=1),
                                                     encoding="utf-8")
        for lang in ("en", "hi"):
            i18n.set_language(lang)
            bridge = EventBridge(session.bus)
            window = MainWindow(session, bridge)
            window.resize(1366, 768)
            window.show()
            page = window.show_page(CompliancePage)
            assert isinstance(page, CompliancePage)
            page.choose_period(period)
            wait_ready(app, page)
            path = out / f"gst-returns-{lang}.png"
            window.grab().save(str(path))
            print(f"saved {path}")
            window.close_quietly()
            bridge.close()
        # GSTR-2B for September (tests/compliance/gstr2b_file.py: a row of each kind), after the samples above
        from compliance.gstr2b_file import add_september_bill, two_b

        add_september_bill(session.ctx)
        two_b_file = Path(tmp) / "2B.json"
        two_b_file.write_text(json.dumps(two_b()), encoding="utf-8")
        for lang in ("en", "hi"):
            i18n.set_language(lang)
            bridge = EventBridge(session.bus)
            window = MainWindow(session, bridge)
            window.resize(1366, 768)
            window.show()
            page = window.show_page(CompliancePage)
            assert isinstance(page, CompliancePage)
            page.choose_period(parse_period("2026-09"))
            wait_ready(app, page)
            dialog = page.match_2b(two_b_file)
            assert dialog is not None
            dialog.resize(1100, 360)
            for _ in range(5):
                app.processEvents()
            dialog.findChild(type(page.figures), "gst-match-2b-rows").resizeRowsToContents()
            app.processEvents()
            path = out / f"gst-match-2b-{lang}.png"
            dialog.grab().save(str(path))
            print(f"saved {path}")
            dialog.close()
            window.close_quietly()
            bridge.close()
        session.close()
        i18n.set_language("en")


if __name__ == "__main__":
    main()
