"""Goods coming back against a bill: how much of each line (part of a line is fine), how the money goes
back (as it was paid, cash, UPI, or less owed on the khata), and the credit note, through
``app.services.returns`` (the same as ``python -m app return``)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import config
from app.domain import gst
from app.domain.money import format_inr
from app.domain.qty import format_qty, to_milli
from app.errors import AppError, InputError, NotFound
from app.i18n import _
from app.services import returns
from app.services import settings as settings_service
from app.services.sales import PaymentIn
from app.session import Session
from app.store import orders as order_store
from app.ui.printing.document import order_document

BAD_STYLE = "color: #b42318;"
QTY_COLUMN = 4


def _cell(text: str, *, right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class ReturnDialog(QDialog):
    saved = Signal(int, str, bool)  # the credit note's order id, its number, print it

    def __init__(self, session: Session, order_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        db = session.store.db()
        order = order_store.get(db, order_id)
        if order is None:
            raise NotFound(_("There is no order number {id}.").format(id=order_id))
        self.order = order
        self.already = returns.returned_so_far(db, order_id)
        doc = order_document(session, order_id)
        self.setWindowTitle(_("Goods back against {number}").format(number=order.invoice_no or order.id))
        self.setMinimumSize(760, 460)
        layout = QVBoxLayout(self)
        hint = QLabel(_("Type how much of each item comes back; the credit note is at the bill's own prices "
                        "and GST."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.table = QTableWidget(len(order.lines), 5)
        self.table.setHorizontalHeaderLabels([_("Item"), _("Sold"), _("Came back before"), _("Can come back"),
                                              _("Comes back now")])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.qty: list[QLineEdit] = []
        for r, (line, shown) in enumerate(zip(order.lines, doc.lines, strict=True)):
            done = self.already.get(line.line_no, 0)
            self.table.setItem(r, 0, _cell(shown.name))
            self.table.setItem(r, 1, _cell(format_qty(line.qty_milli, line.unit), right=True))
            self.table.setItem(r, 2, _cell(format_qty(done, line.unit) if done else "", right=True))
            self.table.setItem(r, 3, _cell(format_qty(line.qty_milli - done, line.unit), right=True))
            edit = QLineEdit()
            edit.setPlaceholderText(line.unit)
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            edit.setEnabled(line.qty_milli > done)
            edit.textChanged.connect(lambda _t: self.update_total())
            self.table.setCellWidget(r, QTY_COLUMN, edit)
            self.qty.append(edit)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(QTY_COLUMN, max(self.table.columnWidth(QTY_COLUMN), 130))
        layout.addWidget(self.table, 1)
        form = QFormLayout()
        self.refund = QComboBox()
        self.refund.addItem(_("As it was paid (khata first, then cash)"), "")
        self.refund.addItem(_("Cash"), "cash")
        self.refund.addItem(_("UPI"), "upi")
        if order.customer_id is not None:
            self.refund.addItem(_("Less owed on the khata"), "khata")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(_("damaged, expired, wrong item..."))
        self.print_it = QCheckBox(_("Print the credit note"))
        self.print_it.setChecked(True)
        form.addRow(_("Money back"), self.refund)
        form.addRow(_("Reason"), self.reason)
        form.addRow(self.print_it)
        layout.addLayout(form)
        self.total = QLabel()
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(BAD_STYLE)
        layout.addWidget(self.total)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(_("Make the credit note"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        cancel = buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.update_total()
        first = next((edit for edit in self.qty if edit.isEnabled()), None)
        if first is not None:
            first.setFocus()

    def wanted(self) -> list[returns.ReturnLine]:
        """The lines typed in (raises InputError for a quantity that cannot be read)."""
        chosen = []
        for line, edit in zip(self.order.lines, self.qty, strict=True):
            text = edit.text().strip()
            if text:
                chosen.append(returns.ReturnLine(line_no=line.line_no, qty_milli=to_milli(text, line.unit)))
        if not chosen:
            raise InputError(_("Say which items come back."))
        return chosen

    def credit_total(self, chosen: list[returns.ReturnLine]) -> int:
        """What the credit note will come to: the service's own sharing out and rounding."""
        parts = returns.price_return(self.order, chosen, self.already)
        before = sum(p.total_paise for p in parts)
        rounding = gst.round_off(before) if settings_service.get(self.session.store, config.ROUND_TO_RUPEE) else 0
        return before + rounding

    def update_total(self) -> None:
        self.error.clear()
        try:
            total = self.credit_total(self.wanted())
        except AppError as exc:
            self.total.setText(_("Credit note: {amount}").format(amount=format_inr(0)))
            if any(edit.text().strip() for edit in self.qty):
                self.error.setText(exc.message)
            self.save_button.setEnabled(False)
            return
        self.total.setText(_("Credit note: {amount}").format(amount=format_inr(total)))
        self.save_button.setEnabled(True)

    def save(self) -> None:
        try:
            chosen = self.wanted()
            method = self.refund.currentData()
            refunds = None
            if method:
                refunds = [PaymentIn(method=method, amount_paise=self.credit_total(chosen))]
            changes = returns.record_return(self.session.ctx, self.order.id, lines=chosen, refunds=refunds,
                                            reason=self.reason.text().strip())
        except AppError as exc:
            self.error.setText(exc.message + (f" {exc.hint}" if exc.hint else ""))
            return
        note = order_store.get(self.session.store.db(), changes.id, with_lines=False)
        number = note.invoice_no if note is not None and note.invoice_no else str(changes.id)
        self.accept()
        self.saved.emit(int(changes.id), number, self.print_it.isChecked())
