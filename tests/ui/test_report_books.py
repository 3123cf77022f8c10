"""The Reports page's books: sales by hour, day book, stock value and slow movers, khata ageing, each a tab
reached by its letter, shown as read, and saved as an A4 PDF; in English and Hindi."""

from __future__ import annotations

from pypdf import PdfReader
from PySide6.QtCore import Qt

from app import i18n
from app.services import khata, sales
from app.services.sales import PaymentIn, SaleLine
from app.ui.reports.page import ReportsPage

A4 = (595, 842)  # points


def _page(window, qtbot) -> ReportsPage:
    page = window.show_page(ReportsPage)
    qtbot.waitUntil(lambda: page.books is not None, timeout=15_000)
    return page


def _text(path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(str(path)).pages).split())


def test_each_book_is_a_tab_with_its_figures_and_saves_as_a_pdf(qtbot, window, session):
    page = _page(window, qtbot)
    customer = khata.create_customer(session.ctx, name="Book Test", credit_limit_paise=10_000_000).id
    lines = [SaleLine(sku="AMUL-BUTTER-100", qty_milli=2000)]
    total = sales.quote_sale(session.ctx, lines=lines).total_paise
    sales.record_sale(session.ctx, lines=lines, payments=[PaymentIn(method="khata", amount_paise=total)],
                      customer_id=customer, confirmed=True)
    qtbot.waitUntil(lambda: any(r.name == "Book Test" for r in page.books.khata.rows), timeout=15_000)
    found = page.books

    page.tabs.setFocus()
    for key, view in ((Qt.Key.Key_U, page.hours), (Qt.Key.Key_B, page.day_book), (Qt.Key.Key_S, page.stock),
                      (Qt.Key.Key_K, page.khata)):
        qtbot.keyClick(page.tabs, key, Qt.KeyboardModifier.AltModifier)
        assert page.tabs.currentWidget() is view
        assert view.printable is not None and view.tables and view.summary.text()
        for widget, table in zip(view.tables, view.printable.tables, strict=True):
            assert widget.rowCount() == len(table.rows) + (table.total is not None)
        path = page.save_pdf()
        assert path is not None and path.exists() and path.parent.name == session.shop
        reader = PdfReader(str(path))
        box = reader.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == A4
        assert view.printable.title in _text(path)

    # the day book: the credit sale is the last entry, put on the khata
    entry = found.day_book.entries[-1]
    assert entry.kind == "sale" and entry.party == "Book Test" and entry.khata_paise == total
    book = page.day_book.tables[0]
    last = book.rowCount() - 2  # the total is the last row
    assert book.item(last, 3).text() == "Book Test"
    # khata ageing lists the new debt in its first bucket; the chart shows the four ages
    row = next(r for r in found.khata.rows if r.name == "Book Test")
    assert row.buckets[0] == total and row.oldest_days == 0
    assert page.khata_chart.values == list(found.khata.buckets)
    # stock value adds up the shelf; the chart has a bar a category
    assert found.stock.cost_value_paise == sum(c.cost_value_paise for c in found.stock.categories) > 0
    assert page.stock_chart.names == [c.name for c in found.stock.categories][:page.stock_chart.rows]
    assert sum(h.bills for h in found.hours) == found.sales.bills

    qtbot.keyClick(page.tabs, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)  # a sales tab prints the sales report
    path = page.save_pdf()
    assert "Sales report" in _text(path) and "GST by rate" in _text(path)


def test_the_books_in_hindi(qtbot, make_window):
    i18n.set_language("hi")
    window = make_window()
    page = _page(window, qtbot)
    titles = [page.tabs.tabText(i) for i in range(page.sales_tabs, page.tabs.count())]
    assert all("&" in t for t in titles) and not any(t in ("By ho&ur", "Day &book") for t in titles)
    for view in (page.gst, page.hours, page.day_book, page.stock, page.khata):
        assert view.printable is not None and not view.printable.title.isascii()  # in Devanagari
    page.tabs.setCurrentWidget(page.khata)
    assert page.khata.printable.title == "खाता की उम्र"
    assert page.khata.tables[0].horizontalHeaderItem(0).text() == "ग्राहक"
    path = page.save_pdf()
    assert path is not None and path.exists() and len(PdfReader(str(path)).pages) >= 1


def test_the_gst_tab_shows_input_tax_beside_output_tax_as_the_gst_returns_page(qtbot, window, session):
    from app.domain.gst_returns import Period
    from app.services import gst_returns
    from app.services.gst_returns import BillLine

    page = _page(window, qtbot)
    today = session.ctx.today()
    gst_returns.record_purchase_bill(session.ctx, supplier_name="Pune Wholesale", supplier_gstin="27AABCU9603R1ZN",
                                     bill_no="PW-1", bill_date=today,
                                     lines=[BillLine(rate_bp=500, taxable_paise=1_000_00)])  # ₹50 of CGST+SGST
    qtbot.waitUntil(lambda: page.books.gst.summary is not None and page.books.gst.summary.itc_bills == 1,
                    timeout=15_000)
    found = page.books.gst
    start, end = page.dates()
    expected = gst_returns.prepare(session.store, Period(start, end, "the page's days")).gstr3b()
    assert found.summary is not None
    assert (found.summary.itc, found.summary.cash_rupees, found.summary.outward) == (
        expected.itc, expected.cash_rupees, expected.outward)
    assert found.summary.itc.total == 50_00

    page.tabs.setFocus()
    qtbot.keyClick(page.tabs, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    assert page.tabs.currentWidget() is page.gst
    assert "input tax credit ₹50.00 from 1 purchase bill ·" in page.gst.summary.text()
    heads = page.gst.tables[0]
    rows = {heads.item(r, 0).text(): heads.item(r, 5).text() for r in range(heads.rowCount())}
    assert rows["Input tax credit (GSTR-3B 4A)"] == "₹50.00"
    path = page.save_pdf()
    assert path is not None and "GST summary" in _text(path) and "Input tax credit (GSTR-3B 4A)" in _text(path)
