"""The Reports page: a period's sales as charts and tables, by keyboard, in English and Hindi, to Excel."""

import openpyxl
from PySide6.QtCore import Qt

from app import i18n
from app.domain.gst import format_rate
from app.services import sales
from app.services.sales import PaymentIn, SaleLine
from app.ui.reports.page import ReportsPage


def _sell(session, sku: str, qty: int) -> int:
    lines = [SaleLine(sku=sku, qty_milli=qty * 1000)]
    quote = sales.quote_sale(session.ctx, lines=lines)
    sales.record_sale(session.ctx, lines=lines, payments=[PaymentIn(method="cash", amount_paise=quote.total_paise)])
    return quote.total_paise


def test_the_weeks_sales_by_day_category_item_and_gst_rate(qtbot, window, session):
    page = window.show_page(ReportsPage)
    qtbot.waitUntil(lambda: page.report is not None, timeout=10_000)
    before = page.report.sales_paise
    sold = _sell(session, "AMUL-BUTTER-100", 2)
    qtbot.waitUntil(lambda: page.report is not None and page.report.sales_paise == before + sold, timeout=10_000)
    report = page.report
    assert page.period.currentData() == "7d" and len(report.days) == 7
    assert page.summary.text().startswith("Sales ₹") and f"in {report.bills} bills" in page.summary.text()
    assert page.by_day.values == [d.sales_paise for d in report.days] and page.by_day.values[-1] >= sold
    assert page.items_table.rowCount() == len(report.items) >= 1
    qtbot.waitUntil(lambda: page.books is not None and page.books.sales is report, timeout=10_000)
    by_rate = page.gst.tables[1]  # the GST summary tab: the output tax by rate under the GSTR-3B figures
    rates = [by_rate.item(r, 0).text() for r in range(by_rate.rowCount() - 1)]  # the last row is the total
    assert rates == [format_rate(r.rate_bp) for r in report.rates] and rates
    assert sum(r.tax_paise for r in report.rates) == report.sales_paise - report.taxable_paise

    page.tabs.setFocus()
    qtbot.keyClick(page.tabs, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)  # "By &category"
    assert page.tabs.currentIndex() == 1
    assert page.category_table.rowCount() == len(report.categories) and page.by_category.values
    qtbot.keyClick(page.tabs, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)  # "&GST summary"
    assert page.tabs.currentWidget() is page.gst

    page.report = None
    page.period.setCurrentIndex(page.period.findData("today"))
    qtbot.waitUntil(lambda: page.report is not None, timeout=10_000)
    assert len(page.report.days) == 1 and page.report.sales_paise >= sold

    path = page.export()
    assert path is not None and path.exists()
    assert openpyxl.load_workbook(path, read_only=True).sheetnames == ["By day", "By category", "Top items",
                                                                       "GST by rate"]


def test_dates_the_wrong_way_round_are_said_not_drawn(qtbot, window):
    page = window.show_page(ReportsPage)
    qtbot.waitUntil(lambda: page.report is not None, timeout=10_000)
    page.date_to.setDate(page.date_from.date().addDays(-3))
    qtbot.waitUntil(lambda: page.report is None, timeout=10_000)
    assert page.summary.text() == "The period ends before it starts." and page.period.currentData() == ""


def test_the_page_in_hindi(qtbot, make_window):
    i18n.set_language("hi")
    window = make_window()
    page = window.show_page(ReportsPage)
    qtbot.waitUntil(lambda: page.report is not None, timeout=10_000)
    assert page.title() == "रिपोर्ट" and page.summary.text().startswith("बिक्री")
    assert all(page.tabs.tabText(i) and "&" in page.tabs.tabText(i) for i in range(page.tabs.count()))
