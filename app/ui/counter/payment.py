"""Taking the money: cash with the change to give, UPI by QR then "received", card, khata, or a mix.

Non-blocking (``open()``); it answers with ``paid(PaymentChoice)`` or ``cancelled()``. Keyboard: the
cash box has the focus; F1 all cash, F2 all UPI, F3 all card, F4 all khata; Enter pays.
An offline counter cannot confirm a UPI payment, so the QR is shown with the amount and bill
reference, and the seller ticks "received" once the phone or soundbox says so.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.money import format_inr, parse_inr
from app.errors import AppError
from app.i18n import _
from app.services.counter import Tender, tender, upi_link
from app.ui.dialogs import AnswerOnceDialog
from app.ui.fonts import BASE_POINT_SIZE, ui_font

__all__ = ["PaymentChoice", "PaymentDialog", "qr_pixmap"]


@dataclass(frozen=True)
class PaymentChoice:
    tender: Tender
    want_invoice: bool


def qr_pixmap(payload: str, scale: int = 5) -> QPixmap:
    """A QR code (segno, error correction M) as a pixmap."""
    import segno  # at the first UPI payment, not on the way to the first window

    buffer = io.BytesIO()
    segno.make(payload, error="m").save(buffer, kind="png", scale=scale, border=2)
    pixmap = QPixmap()
    pixmap.loadFromData(buffer.getvalue(), "PNG")
    return pixmap


def _amount(box: QLineEdit) -> int:
    text = box.text().strip()
    return parse_inr(text) if text else 0


class PaymentDialog(AnswerOnceDialog):
    paid = Signal(object)  # PaymentChoice

    def __init__(self, parent: QWidget | None, *, total_paise: int, upi_id: str | None, payee: str, reference: str,
                 customer_label: str = "", khata_allowed: bool = False, offer_invoice: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("payment-dialog")
        self.setWindowTitle(_("Payment"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setMinimumWidth(560)
        self.total = total_paise
        self.upi_id, self.payee, self.reference = upi_id, payee, reference
        self._qr_for: int | None = None
        self.choice: PaymentChoice | None = None

        layout = QVBoxLayout(self)
        heading = QLabel(_("To pay: {total}").format(total=format_inr(total_paise)))
        heading.setObjectName("pay-total")
        heading.setFont(ui_font(BASE_POINT_SIZE + 12, bold=True))
        layout.addWidget(heading)
        if customer_label:
            layout.addWidget(QLabel(customer_label))
        form = QFormLayout()
        self.cash = QLineEdit()
        self.cash.setObjectName("pay-cash")
        self.cash.setPlaceholderText(_("exact amount"))
        self.upi = QLineEdit()
        self.upi.setObjectName("pay-upi")
        self.card = QLineEdit()
        self.card.setObjectName("pay-card")
        self.card_ref = QLineEdit()
        self.card_ref.setObjectName("pay-card-ref")
        self.card_ref.setPlaceholderText(_("last 4 digits or slip number"))
        self.khata = QLineEdit()
        self.khata.setObjectName("pay-khata")
        self.khata.setEnabled(khata_allowed)
        if not khata_allowed:
            self.khata.setPlaceholderText(_("choose a customer first (F6)"))
        form.addRow(_("Cash given (F1):"), self.cash)
        form.addRow(_("UPI (F2):"), self.upi)
        card_row = QHBoxLayout()
        card_row.addWidget(self.card, 1)
        card_row.addWidget(self.card_ref, 1)
        form.addRow(_("Card (F3):"), card_row)
        form.addRow(_("Khata (F4):"), self.khata)
        layout.addLayout(form)

        self.upi_box = QWidget()
        upi_layout = QHBoxLayout(self.upi_box)
        upi_layout.setContentsMargins(0, 0, 0, 0)
        self.qr = QLabel()
        self.qr.setObjectName("pay-qr")
        upi_layout.addWidget(self.qr)
        side = QVBoxLayout()
        self.upi_text = QLabel("")
        self.upi_text.setWordWrap(True)
        side.addWidget(self.upi_text)
        # short, so it is never cut off beside the QR (in Hindi too); what it means is said above it
        self.upi_received = QCheckBox(_("UPI received (F5)"))
        self.upi_received.setObjectName("pay-upi-received")
        self.upi_received.setToolTip(_("Tick once the payment shows on the phone or soundbox."))
        side.addWidget(self.upi_received)
        side.addStretch(1)
        upi_layout.addLayout(side, 1)
        layout.addWidget(self.upi_box)
        self.upi_box.setVisible(False)

        self.invoice = QCheckBox(_("The customer asks for a tax invoice"))
        self.invoice.setObjectName("pay-invoice")
        self.invoice.setVisible(offer_invoice)
        layout.addWidget(self.invoice)

        self.status = QLabel("")
        self.status.setObjectName("pay-status")
        self.status.setFont(ui_font(BASE_POINT_SIZE + 4, bold=True))
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.pay_button = QPushButton(_("Pay and print (Enter)"))
        self.pay_button.setObjectName("pay-confirm")
        self.pay_button.setDefault(True)
        self.pay_button.clicked.connect(self.confirm)
        cancel = QPushButton(_("Back to the bill (Esc)"))
        cancel.setObjectName("pay-cancel")
        cancel.clicked.connect(self.reject)
        buttons.addWidget(cancel)
        buttons.addWidget(self.pay_button)
        layout.addLayout(buttons)

        for box in (self.cash, self.upi, self.card, self.khata, self.card_ref):
            box.textChanged.connect(self.update_state)
            box.returnPressed.connect(self.confirm)
        self.upi_received.toggled.connect(self.update_state)
        self.cash.setFocus()
        self.update_state()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # F-keys reach here from whichever box has the focus (line edits pass them on)
        fills = {Qt.Key.Key_F1: self.all_cash, Qt.Key.Key_F2: lambda: self.all_in(self.upi),
                 Qt.Key.Key_F3: lambda: self.all_in(self.card), Qt.Key.Key_F4: lambda: self.all_in(self.khata),
                 Qt.Key.Key_F5: self.toggle_received}
        fill = fills.get(Qt.Key(event.key()))
        if fill is not None:
            fill()
            return
        super().keyPressEvent(event)

    # --- filling in -------------------------------------------------------------------------------
    def all_cash(self) -> None:
        for box in (self.upi, self.card, self.khata):
            box.clear()
        self.cash.setFocus()

    def toggle_received(self) -> None:
        """F5: the UPI payment came in (only while a UPI amount is asked for)."""
        if self.upi_box.isVisible():
            self.upi_received.toggle()

    def all_in(self, box: QLineEdit) -> None:
        """F2/F3/F4: the rest of the bill this way. Amounts already typed in the other boxes stay (a split
        payment: ₹200 cash, then F2 puts the rest on UPI); when they already cover the bill, all of it."""
        if not box.isEnabled():
            return
        others = [other for other in (self.cash, self.upi, self.card, self.khata) if other is not box]
        try:
            typed = sum(_amount(other) for other in others)
        except AppError:
            typed = 0
        rest = self.total - typed
        if typed <= 0 or rest <= 0:
            for other in others:
                other.clear()
            rest = self.total
        box.setText(format_inr(rest, symbol=False).replace(",", ""))
        box.setFocus()

    def current(self) -> Tender:
        cash_text = self.cash.text().strip()
        return tender(self.total, cash_given_paise=parse_inr(cash_text) if cash_text else None,
                      upi_paise=_amount(self.upi), card_paise=_amount(self.card), khata_paise=_amount(self.khata),
                      upi_reference=self.reference, card_reference=self.card_ref.text().strip())

    def update_state(self) -> None:
        try:
            result = self.current()
        except AppError as error:
            self.status.setText(error.message)
            self.pay_button.setEnabled(False)
            self._show_upi(0)
            return
        upi = sum(p.amount_paise for p in result.payments if p.method == "upi")
        self._show_upi(upi)
        if upi and not self.upi_received.isChecked():
            self.status.setText(_("Tick \"UPI received\" (F5) once the UPI payment has come in."))
            self.pay_button.setEnabled(False)
            return
        self.pay_button.setEnabled(True)
        self.status.setText(_("Change to give: {change}").format(change=format_inr(result.change_paise))
                            if result.change_paise else _("Nothing to give back."))

    def _show_upi(self, amount: int) -> None:
        if not amount:
            self.upi_box.setVisible(False)
            self._qr_for = None
            return
        if not self.upi_id:
            self.upi_box.setVisible(True)
            self.qr.clear()
            self.upi_text.setText(_("This shop has no UPI id yet, so no QR can be shown. Add it in the shop's "
                                    "details."))
            return
        if self._qr_for != amount:
            link = upi_link(vpa=self.upi_id, payee=self.payee, amount_paise=amount, reference=self.reference,
                            note=self.reference)
            self.link = link
            self.qr.setPixmap(qr_pixmap(link))
            self.upi_text.setText(_("Scan to pay {amount} to {upi}").format(amount=format_inr(amount), upi=self.upi_id)
                                  + "\n" + _("Tick \"UPI received\" (F5) once it shows on the phone or soundbox."))
            self._qr_for = amount
        self.upi_box.setVisible(True)

    # --- answering --------------------------------------------------------------------------------
    def confirm(self) -> None:
        if self._answered or not self.pay_button.isEnabled():
            return
        try:
            result = self.current()
        except AppError as error:
            self.status.setText(error.message)
            return
        self.choice = PaymentChoice(tender=result, want_invoice=self.invoice.isChecked())
        self.answer()
        self.paid.emit(self.choice)
