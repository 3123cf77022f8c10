"""The "Bills" tab: past sales and credit notes, found by number, customer, phone or item between two
dates; open one, print it again, take goods back against it, and close the day (consolidated invoice
and Z report)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import config, i18n
from app.domain.money import format_inr
from app.i18n import _, ngettext
from app.session import Session
from app.store.bill_history import BillRow, find_bills
from app.ui.bills import output
from app.ui.bills.dayend import DayEndDialog
from app.ui.bills.returns import ReturnDialog
from app.ui.bills.view import BillDialog, kind_name, methods_text
from app.ui.pages.base import Page
from app.ui.printing.document import local_time

DAYS_SHOWN = 30  # the dates the tab opens on: the last month


def _cell(text: str, *, right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class BillsPage(Page):
    STALE_ON = frozenset({"SaleRecorded", "ReturnRecorded", "DayInvoiceIssued", "DayClosed", "OrderImported",
                          "OrderStatusChanged", "OrderCancelled"})

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.dialog: QWidget | None = None
        self.rows: list[BillRow] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        top = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Bill number, customer, phone or item"))
        self.search.setClearButtonEnabled(True)
        today = session.ctx.today()
        self.date_from, self.date_to = QDateEdit(_qdate(today - timedelta(days=DAYS_SHOWN))), QDateEdit(_qdate(today))
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd-MM-yyyy")
        top.addWidget(self.search, 1)
        top.addWidget(QLabel(_("From")))
        top.addWidget(self.date_from)
        top.addWidget(QLabel(_("To")))
        top.addWidget(self.date_to)
        layout.addLayout(top)
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, label, shortcut, slot in (("open", _("&Open"), "Return", self.open_bill),
                                           ("reprint", _("&Print again"), "Ctrl+P", self.reprint),
                                           ("invoice", _("A4/A5 &invoice"), "Ctrl+Shift+P", self.invoice),
                                           ("return", _("&Goods back (credit note)"), "Ctrl+R", self.take_back),
                                           ("dayend", _("&Day end and Z report"), "Ctrl+E", self.day_end),
                                           ("excel", _("E&xport to Excel"), "", self.export)):
            button = QPushButton(label)
            button.setObjectName(f"bills-{key}")
            button.clicked.connect(slot)
            if shortcut == "Return":  # Enter is caught on the list and the search box (below)
                button.setToolTip(_("Enter"))
            elif shortcut:
                key_press = QShortcut(QKeySequence(shortcut), self)
                key_press.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                key_press.activated.connect(slot)
                button.setToolTip(shortcut)
            row.addWidget(button)
            self.buttons[key] = button
        row.addStretch(1)
        layout.addLayout(row)
        self.table = QTableWidget(0, 7)
        self.table.setHorizontalHeaderLabels([_("Number"), _("Date and time"), _("Customer"), _("Items"),
                                              _("Amount"), _("Paid by"), _("Kind")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.doubleClicked.connect(lambda _index: self.open_bill())
        for widget in (self.table, self.search):  # Enter opens the chosen bill from the list or the search
            enter = QShortcut(QKeySequence(Qt.Key.Key_Return), widget)
            enter.setContext(Qt.ShortcutContext.WidgetShortcut)
            enter.activated.connect(self.open_bill)
        self.search.installEventFilter(self)
        layout.addWidget(self.table, 1)
        self.summary = QLabel()
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout.addWidget(self.summary)
        layout.addWidget(self.note)
        self.search.textChanged.connect(lambda _t: self.refresh())
        self.date_from.dateChanged.connect(lambda _d: self.refresh())
        self.date_to.dateChanged.connect(lambda _d: self.refresh())

    @classmethod
    def title(cls) -> str:
        return _("Bills")

    def focus_target(self) -> QWidget:
        return self.search

    def eventFilter(self, watched, event) -> bool:
        """Up and Down in the search box move through the list, as on the counter."""
        from PySide6.QtCore import QEvent

        if watched is self.search and event.type() == QEvent.Type.KeyPress and \
                event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.table.rowCount():
            current = self.table.currentRow()
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            self.table.selectRow(min(max(current + step, 0), self.table.rowCount() - 1))
            return True
        return super().eventFilter(watched, event)

    def refresh(self) -> None:
        start, end = _pydate(self.date_from.date()), _pydate(self.date_to.date())
        chosen = self.selected()
        self.rows = find_bills(self.session.store.db(), text=self.search.text(), date_from=start.isoformat(),
                               date_to=end.isoformat())
        self.table.setRowCount(len(self.rows))
        sales = returns = 0
        hindi = i18n.language() == "hi"
        for r, bill in enumerate(self.rows):
            customer = bill.customer_hi if hindi and bill.customer_hi else bill.customer
            values = (bill.number or f"#{bill.id}", local_time(bill.at, self.session), customer,
                      str(bill.lines), format_inr(bill.total_paise), methods_text(bill.methods),
                      kind_name(bill.kind, bill.doc_type, bill.status, memo=bill.memo))
            for c, value in enumerate(values):
                self.table.setItem(r, c, _cell(value, right=c in (3, 4)))
            if bill.kind == "return":
                returns += bill.total_paise
                for c in range(len(values)):
                    cell = self.table.item(r, c)
                    if cell is not None:
                        cell.setForeground(Qt.GlobalColor.darkRed)
            elif bill.status not in ("cancelled", "returned"):
                sales += bill.total_paise
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.summary.setText(ngettext("{n} bill", "{n} bills", len(self.rows)).format(n=len(self.rows)) + " · "
                             + _("sales {sales}, goods back {returns}").format(sales=format_inr(sales),
                                                                              returns=format_inr(returns)))
        ids = [bill.id for bill in self.rows]
        if chosen is not None and chosen.id in ids:
            self.table.selectRow(ids.index(chosen.id))
        elif self.rows:
            self.table.selectRow(0)

    def selected(self) -> BillRow | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.rows):
            return None
        return self.rows[rows[0].row()]

    def say(self, text: str, ok: bool = True) -> None:
        self.note.setStyleSheet("color: #067647;" if ok else "color: #b42318;")
        self.note.setText(text)

    def open_bill(self) -> None:
        bill = self.selected()
        if bill is None:
            return
        dialog = BillDialog(self.session, bill.id, self)
        dialog.reprint_button.clicked.connect(self.reprint)
        def take_back_from_bill() -> None:
            dialog.accept()
            self.take_back()

        dialog.return_button.clicked.connect(take_back_from_bill)
        self.dialog = dialog
        dialog.open()

    def reprint(self) -> None:
        bill = self.selected()
        if bill is not None:
            output.reprint_bill(self.session, bill.id, bill.number or str(bill.id), self, self.say)

    def invoice(self) -> Path | None:
        """The chosen bill as the GST invoice on A4 or A5 paper (PDF, opened to print or send), even on a PC
        with a receipt printer: for a registered buyer or a customer who asks for a full invoice."""
        bill = self.selected()
        if bill is None:
            return None
        page = self.session.machine.get(config.INVOICE_PAGE)
        path = output.invoice_pdf(self.session, bill.id, f"{bill.number or bill.id}-{page}")
        self.say(_("Saved as {path}").format(path=path))
        output.show_file(path)
        return path

    def take_back(self) -> None:
        bill = self.selected()
        if bill is None:
            return
        if bill.kind != "sale" or bill.status not in ("completed", "delivered"):
            self.say(_("Only a completed sale can be returned."), False)
            return
        dialog = ReturnDialog(self.session, bill.id, self)
        dialog.saved.connect(self._returned)
        self.dialog = dialog
        dialog.open()

    def _returned(self, return_id: int, number: str, print_it: bool) -> None:
        self.refresh()
        self.say(_("Credit note {number} saved; the goods are back in stock.").format(number=number))
        if print_it:
            output.reprint_bill(self.session, return_id, number, self, self.say)

    def export(self) -> Path | None:
        """The bills between the chosen dates as an XLSX workbook."""
        from app.services import excel_export

        start, end = _pydate(self.date_from.date()), _pydate(self.date_to.date())
        return output.save_workbook(self.session, f"bills-{start.isoformat()}-{end.isoformat()}",
                                    lambda path: excel_export.export_bills(self.session.ctx, path, start=start,
                                                                           end=end), self.say)

    def day_end(self) -> None:
        day = _pydate(self.date_to.date())
        dialog = DayEndDialog(self.session, min(day, self.session.ctx.today()), self)
        dialog.finished.connect(lambda _r: self.refresh())
        self.dialog = dialog
        dialog.open()
