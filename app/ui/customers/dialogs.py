"""A customer's details (new or changed) and collecting a khata payment in cash or by UPI.

Both go through ``app.services.khata`` (the same as ``customer add/edit`` and ``khata pay``).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.money import format_inr, parse_inr
from app.domain.records import Customer
from app.errors import AppError, NeedsConfirmation
from app.i18n import _
from app.services import khata
from app.session import Session

BAD_STYLE = "color: #b42318;"


def _rupees(paise: int) -> str:
    return format_inr(paise, symbol=False).replace(",", "")


class _FormDialog(QDialog):
    saved = Signal(int)  # the customer's id

    def __init__(self, parent: QWidget | None, title: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(BAD_STYLE)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(_("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("save")
        self.save_button.setDefault(True)
        cancel = buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.clicked.connect(self.reject)
        self.save_button.clicked.connect(self._save_clicked)
        self._buttons = buttons
        self._confirmed = False

    def finish_layout(self) -> None:
        self.layout_.addWidget(self.error)
        self.layout_.addWidget(self._buttons)

    def _save_clicked(self) -> None:
        try:
            customer_id = self.save()
        except NeedsConfirmation as exc:
            self.error.setText(exc.message + (f" {exc.hint}" if exc.hint else ""))
            self._confirmed = True
            self.save_button.setText(_("Save anyway"))
            return
        except AppError as exc:
            self.error.setText(exc.message + (f" {exc.hint}" if exc.hint else ""))
            return
        self.accept()
        self.saved.emit(customer_id)

    def save(self) -> int:
        raise NotImplementedError


class CustomerDialog(_FormDialog):
    """``customer=None`` adds a khata customer (with what they already owe from the paper khata)."""

    def __init__(self, session: Session, parent: QWidget | None = None, customer: Customer | None = None) -> None:
        super().__init__(parent, _("Change the customer") if customer else _("New customer"))
        self.session, self.customer = session, customer
        self.name = QLineEdit(customer.name if customer else "")
        self.name_hi = QLineEdit(customer.name_hi if customer else "")
        self.phone = QLineEdit(customer.phone or "" if customer else "")
        self.address = QLineEdit(customer.address if customer else "")
        self.gstin = QLineEdit(customer.gstin or "" if customer else "")
        self.gstin.setPlaceholderText(_("only for a business buyer"))
        self.limit = QLineEdit(_rupees(customer.credit_limit_paise) if customer else "")
        self.limit.setPlaceholderText(_("the shop's usual limit"))
        self.opening = QLineEdit()
        self.form.addRow(_("Name"), self.name)
        self.form.addRow(_("Name in Hindi"), self.name_hi)
        self.form.addRow(_("Phone"), self.phone)
        self.form.addRow(_("Address"), self.address)
        self.form.addRow(_("GSTIN"), self.gstin)
        self.form.addRow(_("Credit limit (₹)"), self.limit)
        if customer is None:
            self.form.addRow(_("Already owes (₹)"), self.opening)
        self.finish_layout()
        self.name.setFocus()

    def save(self) -> int:
        details = {"name": self.name.text(), "name_hi": self.name_hi.text().strip(),
                   "phone": self.phone.text().strip(), "address": self.address.text().strip(),
                   "gstin": self.gstin.text().strip().upper() or None}
        if self.limit.text().strip():
            details["credit_limit_paise"] = parse_inr(self.limit.text())
        ctx = self.session.ctx
        if self.customer is None:
            opening = parse_inr(self.opening.text()) if self.opening.text().strip() else 0
            return int(khata.create_customer(ctx, opening_balance_paise=opening, **details).id)
        current = self.customer
        changed = {k: v for k, v in details.items() if getattr(current, k) != (v or None if k == "phone" else v)}
        khata.update_customer(ctx, current.id, **changed)
        return current.id


class PaymentDialog(_FormDialog):
    """Money received against the khata; more than is owed is kept as an advance, after asking."""

    def __init__(self, session: Session, customer: Customer, parent: QWidget | None = None) -> None:
        super().__init__(parent, _("Payment from {name}").format(name=customer.name))
        self.session, self.customer = session, customer
        owed = max(customer.khata_balance_paise, 0)
        self.owed = QLabel(_("Owes {amount}").format(amount=format_inr(owed)))
        self.amount = QLineEdit(_rupees(owed) if owed else "")
        self.method = QComboBox()
        self.method.addItem(_("Cash"), "cash")
        self.method.addItem(_("UPI"), "upi")
        self.reference = QLineEdit()
        self.reference.setPlaceholderText(_("UPI reference (optional)"))
        self.form.addRow(self.owed)
        self.form.addRow(_("Amount received (₹)"), self.amount)
        self.form.addRow(_("Paid by"), self.method)
        self.form.addRow(_("Reference"), self.reference)
        self.save_button.setText(_("Record the payment"))
        self.finish_layout()
        self.amount.selectAll()
        self.amount.setFocus()

    def save(self) -> int:
        khata.receive_payment(self.session.ctx, self.customer.id, parse_inr(self.amount.text()),
                              method=self.method.currentData(), reference=self.reference.text().strip(),
                              confirmed=self._confirmed)
        return self.customer.id
