"""The "Customers" tab: the shop's khata customers, those who owe the longest first, with New customer,
Change and Collect payment (cash or UPI). A reminder list by age of debt, kept from the window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
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

from app import i18n
from app.domain.clock import from_iso, local_date, shop_zone
from app.domain.money import format_inr
from app.domain.records import Customer
from app.i18n import _, ngettext
from app.session import Session
from app.store import khata_age, parties
from app.ui.customers.dialogs import CustomerDialog, PaymentDialog
from app.ui.customers.statement import StatementDialog
from app.ui.pages.base import Page

COLUMNS = ("name", "phone", "owes", "limit", "since", "days")


def _cell(text: str, *, right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class CustomersPage(Page):
    STALE_ON = frozenset({"KhataEntryAdded", "CustomerSaved"})
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.dialog: QWidget | None = None
        self.customers: list[Customer] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        top = QHBoxLayout()
        self.show_choice = QComboBox()
        self.show_choice.addItem(_("Who owes, oldest debt first"), "owing")
        self.show_choice.addItem(_("Everyone"), "all")
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Name or phone"))
        self.search.setClearButtonEnabled(True)
        top.addWidget(self.show_choice)
        top.addWidget(self.search, 1)
        layout.addLayout(top)
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, label, shortcut, slot in (("new", _("&New customer"), "Ctrl+N", self.new_customer),
                                           ("edit", _("&Change"), "", self.edit_customer),
                                           ("pay", _("Collect &payment"), "Ctrl+P", self.collect_payment),
                                           ("statement", _("&Statement"), "Ctrl+T", self.statement),
                                           ("excel", _("E&xport to Excel"), "", self.export)):
            button = QPushButton(label)
            button.setObjectName(f"customer-{key}")
            button.clicked.connect(slot)
            if shortcut:
                key_press = QShortcut(QKeySequence(shortcut), self)
                key_press.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                key_press.activated.connect(slot)
                button.setToolTip(shortcut)
            row.addWidget(button)
            self.buttons[key] = button
        row.addStretch(1)
        layout.addLayout(row)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([_("Name"), _("Phone"), _("Owes"), _("Credit limit"),
                                              _("Unpaid since"), _("Days")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.collect_payment())
        layout.addWidget(self.table, 1)
        self.summary = QLabel()
        layout.addWidget(self.summary)
        self.show_choice.currentIndexChanged.connect(lambda _i: self.refresh())
        self.search.textChanged.connect(lambda _t: self.refresh())

    @classmethod
    def title(cls) -> str:
        return _("Customers")

    def focus_target(self) -> QWidget:
        return self.search

    def refresh(self) -> None:
        db = self.session.store.db()
        today = self.session.ctx.today()
        zone = shop_zone(self.session.ctx.timezone)
        text = self.search.text().strip()
        rows: list[tuple[Customer, str, int | None]] = []
        if self.show_choice.currentData() == "owing":
            for debt in khata_age.debts_by_age(db):
                if text and text.lower() not in f"{debt.customer.name} {debt.customer.phone or ''}".lower():
                    continue
                since = local_date(from_iso(debt.since), zone)
                rows.append((debt.customer, since.strftime("%d-%m-%Y"), (today - since).days))
        else:
            rows = [(c, "", None) for c in parties.find_customers(db, text, limit=500)]
        self.customers = [c for c, _since, _days in rows]
        hindi = i18n.language() == "hi"
        self.table.setRowCount(len(rows))
        for r, (customer, since, days) in enumerate(rows):
            name = customer.name_hi if hindi and customer.name_hi else customer.name
            values = (name, customer.phone or "", format_inr(max(customer.khata_balance_paise, 0)),
                      format_inr(customer.credit_limit_paise), since, "" if days is None else str(days))
            for c, value in enumerate(values):
                self.table.setItem(r, c, _cell(value, right=c >= 2))
            if customer.credit_limit_paise and customer.khata_balance_paise > customer.credit_limit_paise:
                self.table.item(r, 2).setForeground(Qt.GlobalColor.red)
                self.table.item(r, 2).setToolTip(_("Above the credit limit"))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        total = parties.khata_total(db)
        self.summary.setText(ngettext("{n} customer shown", "{n} customers shown", len(rows)).format(n=len(rows))
                             + " · " + _("Khata outstanding: {total}").format(total=format_inr(total)))
        if rows and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)

    def selected(self) -> Customer | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.customers):
            return None
        return parties.get_customer(self.session.store.db(), self.customers[rows[0].row()].id)

    def _open(self, dialog: CustomerDialog | PaymentDialog) -> None:
        dialog.saved.connect(lambda _id: self.refresh())
        self.dialog = dialog
        dialog.open()

    def new_customer(self) -> None:
        self._open(CustomerDialog(self.session, self))

    def edit_customer(self) -> None:
        customer = self.selected()
        if customer is not None:
            self._open(CustomerDialog(self.session, self, customer))

    def collect_payment(self) -> None:
        customer = self.selected()
        if customer is not None:
            self._open(PaymentDialog(self.session, customer, self))

    def statement(self) -> None:
        """The khata statement: WhatsApp text or PDF."""
        customer = self.selected()
        if customer is not None:
            dialog = StatementDialog(self.session, customer, self)
            self.dialog = dialog
            dialog.open()

    def export(self) -> Path | None:
        """Every customer with what they owe, as an XLSX workbook (the note under the list says where)."""
        from app.services import excel_export
        from app.ui.bills import output

        def say(text: str, ok: bool) -> None:
            self.summary.setText(text)

        return output.save_workbook(self.session, f"customers-{self.session.ctx.today().isoformat()}",
                                    lambda path: excel_export.export_customers(self.session.ctx, path), say)
