"""The Reports page's books (the GST summary, sales by hour, day book, stock value and slow movers, khata ageing):
each is a
tab with its summary, a chart where one helps, and its tables, all shown from the report's
:class:`~app.services.report_tables.Printable`, so the window shows exactly what the PDF prints.

Read with the sales report in one background job (:func:`read_books`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services import book_reports as books
from app.services import gst_report
from app.services import sales_report as report_service
from app.services.report_tables import Printable, ReportTable, Rupees, cell_text
from app.ui.reports.charts import BarsAcross, BarsByDay
from app.ui.tables import read_only_table

__all__ = ["BookView", "Books", "read_books"]


@dataclass
class Books:
    """Everything the page shows for one period, read together off the GUI thread."""

    sales: report_service.SalesReport
    gst: gst_report.GstReport
    hours: list[books.HourRow]
    day_book: books.DayBook
    stock: books.StockValue
    khata: books.KhataAgeing

    def printables(self) -> list[Printable]:
        """In the order of the page's book tabs (the sales report's tabs share the first)."""
        return [report_service.sales_printable(self.sales), gst_report.gst_printable(self.gst),
                books.hours_printable(self.hours, date.fromisoformat(self.sales.start_on),
                                      date.fromisoformat(self.sales.end_on)),
                books.day_book_printable(self.day_book), books.stock_printable(self.stock),
                books.khata_printable(self.khata)]


def read_books(session: Any, start: date, end: date, *, top: int = 20) -> Books:
    store, ctx = session.store, session.ctx
    zone = books.zone_of(ctx)
    sales = report_service.sales_report(store, start, end, top=top)
    return Books(sales, gst_report.gst_report(store, start, end, rates=sales.rates),
                 books.sales_by_hour(store, start, end, zone), books.day_book(store, start, end, zone),
                 books.stock_value(store, start, end, ctx.today()), books.khata_ageing(store, ctx.today(), zone))


def _table_widget(table: ReportTable) -> QTableWidget:
    widget = read_only_table(table.headings, single=False)
    widget.setObjectName("book-table")
    return widget


def _fill(widget: QTableWidget, table: ReportTable) -> None:
    rows = table.rows + ([table.total] if table.total is not None else [])
    widget.setRowCount(len(rows))
    bold = widget.font()
    bold.setBold(True)
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            item = QTableWidgetItem(cell_text(cell))
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            if isinstance(cell, Rupees | int):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if table.total is not None and r == len(rows) - 1:
                item.setFont(bold)
            widget.setItem(r, c, item)
    widget.resizeColumnsToContents()
    header = widget.horizontalHeader()
    for column in range(widget.columnCount()):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(table.stretch, QHeaderView.ResizeMode.Stretch)


class BookView(QWidget):
    """One book: summary lines, then the chart (if any) beside its first table, then any other tables."""

    def __init__(self, name: str, chart: QWidget | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.chart = chart
        self.printable: Printable | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        self.summary = QLabel()
        self.summary.setObjectName(f"{name}-summary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        self.split = QSplitter(Qt.Orientation.Horizontal)
        layout.addWidget(self.split, 1)
        if chart is not None:
            self.split.addWidget(chart)
            self.split.setStretchFactor(0, 2)
        self.tables: list[QTableWidget] = []
        self.titles: list[QLabel] = []

    def show_printable(self, printable: Printable) -> None:
        self.printable = printable
        self.summary.setText("\n".join(printable.lines))
        while len(self.tables) < len(printable.tables):
            widget = _table_widget(printable.tables[len(self.tables)])
            holder = QWidget()
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            title = QLabel()
            title.setObjectName("book-table-title")
            column.addWidget(title)
            column.addWidget(widget, 1)
            self.split.addWidget(holder)
            self.split.setStretchFactor(self.split.count() - 1, 3)  # the tables get more room than the chart
            self.tables.append(widget)
            self.titles.append(title)
        for widget, title, table in zip(self.tables, self.titles, printable.tables, strict=False):
            widget.setHorizontalHeaderLabels(table.headings)
            title.setText(f"<b>{escape(table.title)}</b>")
            _fill(widget, table)


def hours_view() -> tuple[BookView, BarsByDay]:
    chart = BarsByDay()
    return BookView("book-hours", chart), chart


def show_hours(chart: BarsByDay, rows: list[books.HourRow], caption: str) -> None:
    chart.show_values(caption, [f"{r.hour:02d}" for r in rows], [r.sales_paise for r in rows])


def stock_view() -> tuple[BookView, BarsAcross]:
    chart = BarsAcross()
    return BookView("book-stock", chart), chart


def show_stock(chart: BarsAcross, stock: books.StockValue, caption: str) -> None:
    chart.show_values(caption, [c.name for c in stock.categories], [c.cost_value_paise for c in stock.categories])


def khata_view() -> tuple[BookView, BarsAcross]:
    chart = BarsAcross()
    return BookView("book-khata", chart), chart


def show_khata(chart: BarsAcross, khata: books.KhataAgeing, caption: str) -> None:
    chart.show_values(caption, books.bucket_names(), list(khata.buckets))
