"""The Reports page: for a chosen period, sales by day, by category, margin, the top items, and the GST summary
(output tax at each rate, input tax credit from the purchase bills, the tax to pay: ``app.services.gst_report``),
as charts and tables; exported to Excel; and the books (sales by hour, day book, stock
value and slow movers, khata ageing, ``app.ui.reports.books``). Each tab's report saves as an A4 PDF. Read in
the background (``app.services.sales_report``, ``app.services.book_reports``), so a long period on a large shop never
stalls the window.

Keys: Alt+P the period, Alt+F / Alt+T the dates, the report's tabs by their underlined letters, Alt+X
the Excel export, Alt+V the PDF; ``python -m app report sales|gst|hours|daybook|stock|khata`` prints the same.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.money import format_inr
from app.domain.qty import format_qty
from app.i18n import _
from app.services import sales_report as report_service
from app.services.report_tables import Printable
from app.services.sales_report import SalesReport
from app.session import Session
from app.ui.pages.base import Page
from app.ui.reports.books import (
    Books,
    BookView,
    hours_view,
    khata_view,
    read_books,
    show_hours,
    show_khata,
    show_stock,
    stock_view,
)
from app.ui.reports.charts import SECOND, BarsAcross, BarsByDay
from app.ui.tables import fill, read_only_table
from app.ui.tasks import LatestOnly


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


def _table(headings: list[str]) -> QTableWidget:
    return read_only_table(headings, single=False)


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    fill(table, rows, right=range(1, table.columnCount()))


class ReportsPage(Page):
    STALE_ON = frozenset({"SaleRecorded", "ReturnRecorded", "OrderImported", "OrderStatusChanged", "OrderCancelled",
                          "PurchaseBillRecorded", "DebitNoteIssued"})

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.report: SalesReport | None = None
        self.books: Books | None = None
        self._reader = LatestOnly(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        top = QHBoxLayout()
        self.period = QComboBox()
        self.period.setObjectName("report-period")
        for key, name in report_service.period_names().items():
            self.period.addItem(name, key)
        self.period.addItem(_("Chosen dates"), "")
        period_label = QLabel(_("&Period:"))
        period_label.setBuddy(self.period)
        today = session.ctx.today()
        self.date_from, self.date_to = QDateEdit(_qdate(today)), QDateEdit(_qdate(today))
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd-MM-yyyy")
        from_label, to_label = QLabel(_("&From")), QLabel(_("&To"))
        from_label.setBuddy(self.date_from)
        to_label.setBuddy(self.date_to)
        self.export_button = QPushButton(_("E&xport to Excel"))
        self.export_button.setObjectName("report-export")
        self.export_button.clicked.connect(self.export)
        self.pdf_button = QPushButton(_("Sa&ve as PDF"))
        self.pdf_button.setObjectName("report-pdf")
        self.pdf_button.setToolTip(_("The report on the tab shown, as an A4 PDF"))
        self.pdf_button.clicked.connect(self.save_pdf)
        for widget in (period_label, self.period, from_label, self.date_from, to_label, self.date_to):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.export_button)
        top.addWidget(self.pdf_button)
        layout.addLayout(top)

        self.summary = QLabel()
        self.summary.setObjectName("report-summary")
        self.summary.setWordWrap(True)
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)
        layout.addWidget(self.summary)
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout.addWidget(self.note)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("report-tabs")
        self.by_day = BarsByDay()
        self.tabs.addTab(self.by_day, _("Sales by &day"))
        self.by_category = BarsAcross()
        self.category_table = _table([_("Category"), _("Sales"), _("Profit"), _("Margin")])
        self.tabs.addTab(self._split(self.by_category, self.category_table), _("By &category"))
        self.profit_by_day = BarsByDay()
        self.margin_by_category = BarsAcross()
        margin = QSplitter(Qt.Orientation.Horizontal)
        margin.addWidget(self.profit_by_day)
        margin.addWidget(self.margin_by_category)
        self.tabs.addTab(margin, _("&Margin"))
        self.top_chart = BarsAcross()
        self.items_table = _table([_("Item"), _("Quantity"), _("Sales"), _("Profit"), _("Margin")])
        self.tabs.addTab(self._split(self.top_chart, self.items_table), _("Top &items"))
        self.sales_tabs = self.tabs.count()  # the tabs above print as the sales report; each below as itself
        self.gst = BookView("book-gst")  # output tax, input tax credit, tax to pay; the output tax by rate
        self.tabs.addTab(self.gst, _("&GST summary"))
        self.hours, self.hours_chart = hours_view()
        self.tabs.addTab(self.hours, _("By ho&ur"))
        self.day_book = BookView("book-daybook")
        self.tabs.addTab(self.day_book, _("Day &book"))
        self.stock, self.stock_chart = stock_view()
        self.tabs.addTab(self.stock, _("&Stock value"))
        self.khata, self.khata_chart = khata_view()
        self.tabs.addTab(self.khata, _("&Khata ageing"))
        layout.addWidget(self.tabs, 1)

        self.period.setCurrentIndex(self.period.findData("7d"))
        self._period_chosen()
        self.period.currentIndexChanged.connect(lambda _i: self._period_chosen())
        self.date_from.dateChanged.connect(lambda _d: self._dates_chosen())
        self.date_to.dateChanged.connect(lambda _d: self._dates_chosen())

    @staticmethod
    def _split(chart: QWidget, table: QWidget) -> QSplitter:
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(chart)
        split.addWidget(table)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        return split

    @classmethod
    def title(cls) -> str:
        return _("Reports")

    def focus_target(self) -> QWidget:
        return self.period

    # --- the period ----------------------------------------------------------------------------
    def _period_chosen(self) -> None:
        key = self.period.currentData()
        if key:
            start, end = report_service.period_dates(key, self.session.ctx.today())
            for edit, day in ((self.date_from, start), (self.date_to, end)):
                edit.blockSignals(True)
                edit.setDate(_qdate(day))
                edit.blockSignals(False)
        self.mark_stale()

    def _dates_chosen(self) -> None:
        self.period.blockSignals(True)
        self.period.setCurrentIndex(self.period.findData(""))
        self.period.blockSignals(False)
        self.mark_stale()

    def dates(self) -> tuple[date, date]:
        return _pydate(self.date_from.date()), _pydate(self.date_to.date())

    # --- reading and showing -------------------------------------------------------------------
    def refresh(self) -> None:
        start, end = self.dates()
        self.summary.setText(_("Reading the sales..."))
        session = self.session
        self._reader.run(lambda: read_books(session, start, end), self._show_books, self._failed)

    def _failed(self, error: BaseException) -> None:
        from app.ui.dialogs import error_texts

        message, hint = error_texts(error)
        self.report = None
        self.summary.setText(message)
        self.note.setText(hint or "")

    def _show_books(self, found: Books) -> None:
        self.books = found
        self._show(found.sales)
        printables = found.printables()
        for view, printable in zip((self.gst, self.hours, self.day_book, self.stock, self.khata), printables[1:],
                                   strict=True):
            view.show_printable(printable)
        show_hours(self.hours_chart, found.hours, _("Sales with tax in each hour of the day"))
        show_stock(self.stock_chart, found.stock, _("Stock at cost by category"))
        show_khata(self.khata_chart, found.khata, _("What is owed, by the age of the debt"))

    def _show(self, report: SalesReport) -> None:
        self.report = report
        self.summary.setText(_("Sales {sales} in {bills} bills · before tax {taxable} · profit {profit} "
                               "(margin {margin}) · GST {tax}").format(
            sales=format_inr(report.sales_paise), bills=report.bills, taxable=format_inr(report.taxable_paise),
            profit=format_inr(report.profit_paise), margin=_pct(report.margin_pct), tax=format_inr(report.tax_paise)))
        notes = []
        if report.credit_notes:
            notes.append(_("Goods taken back: {n} credit notes, {amount} (not taken off the figures above).").format(
                n=report.credit_notes, amount=format_inr(report.credit_notes_paise)))
        if report.lines_without_cost:
            notes.append(_("{n} bill lines were sold without a cost price: the profit counts them as all profit.")
                         .format(n=report.lines_without_cost))
        self.note.setText(" ".join(notes))
        labels = [date.fromisoformat(d.day).strftime("%d-%m") for d in report.days]
        self.by_day.show_values(_("Sales with tax, a bar a day"), labels, [d.sales_paise for d in report.days])
        self.profit_by_day.show_values(_("Profit a day (sales before tax less cost)"), labels,
                                       [d.profit_paise for d in report.days], colour=SECOND)
        categories = report.categories
        self.by_category.show_values(_("Sales by category"), [c.name for c in categories],
                                     [c.sales_paise for c in categories])
        margins = [(c.name, round(c.margin_pct * 100)) for c in categories if c.margin_pct is not None]
        self.margin_by_category.show_values(_("Margin by category"), [m[0] for m in margins], [m[1] for m in margins],
                                            fmt=lambda v: f"{v / 100:.1f}%")
        _fill(self.category_table, [[c.name, format_inr(c.sales_paise), format_inr(c.profit_paise),
                                     _pct(c.margin_pct)] for c in categories])
        items = report.items
        self.top_chart.show_values(_("Top items by sales"), [i.name for i in items], [i.sales_paise for i in items])
        _fill(self.items_table, [[i.name, format_qty(i.qty_milli, i.unit), format_inr(i.sales_paise),
                                  format_inr(i.profit_paise), _pct(i.margin_pct)] for i in items])

    # --- PDF -----------------------------------------------------------------------------------
    def current_printable(self) -> Printable | None:
        """The report of the tab shown (the first four tabs are the sales report), as read last."""
        if self.books is None:
            return None
        index = self.tabs.currentIndex()
        printable = self.books.printables()[0 if index < self.sales_tabs else index - self.sales_tabs + 1]
        printable.shop = self._shop_name()
        return printable

    def _shop_name(self) -> str:
        from app.ui.main_window import shop_display_name

        return shop_display_name(self.session)

    def save_pdf(self) -> Path | None:
        """The report on the tab shown as an A4 PDF in the shop's documents folder, opened to print."""
        from app.ui.bills import output
        from app.ui.reports.pdf import write_report_pdf

        printable = self.current_printable()
        if printable is None:
            return None
        start, end = self.dates()
        slug = output.file_name(f"{printable.title}-{start.isoformat()}-to-{end.isoformat()}")
        path = write_report_pdf(printable, output.documents_dir(self.session) / slug)
        self.note.setText(_("Saved as {path}").format(path=path))
        output.show_file(path)
        return path

    # --- Excel ---------------------------------------------------------------------------------
    def export(self) -> Path | None:
        from app.ui.bills import output

        start, end = self.dates()
        store = self.session.store

        def write(path: Path) -> int:
            report = report_service.sales_report(store, start, end, top=200)
            report_service.export_report(report, path)
            return len(report.days) + len(report.categories) + len(report.items) + len(report.rates)

        def say(text: str, ok: bool) -> None:
            self.note.setText(text)

        return output.save_workbook(self.session, f"sales-report-{start.isoformat()}-to-{end.isoformat()}", write, say)
