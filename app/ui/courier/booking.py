"""The "Book courier" dialog: the aggregator's carriers for the order's parcel with their price and days
(cheapest first, asked off the GUI thread), the customer's PIN code when the order does not carry it, and
the booking: AWB, pickup, and the label PDF to open and print. Opened to book *another* courier, the same
dialog cancels the live booking first (confirmed by the courier) and books the carrier chosen in its place."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.money import format_inr
from app.errors import AppError, InputError
from app.i18n import _
from app.services import couriers
from app.session import Session
from app.ui import tasks
from app.ui.order_buttons import action_button


def days_text(days: int) -> str:
    return _("next day") if days <= 1 else _("{days} days").format(days=days)


def error_text(error: BaseException) -> str:
    return error.message if isinstance(error, AppError) else _("Something went wrong inside TAVYONIX; the details "
                                                                  "are in the log file.")


class BookingDialog(QDialog):
    """Choose a carrier and book; ``on_booked`` runs (GUI thread) once the booking is saved."""

    def __init__(self, session: Session, order_id: int, *, on_booked: Callable[[couriers.Booked], None] | None = None,
                 again: bool = False, part_no: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.order_id, self.on_booked, self.again = session, order_id, on_booked, again
        self.part_no = part_no  # a part booked on its own: its parcel is booked again (``again`` implied)
        if part_no is not None:
            self.again = True
        self.rates: list[couriers.CarrierRate] = []
        self.booked: couriers.Booked | None = None
        self.busy = False
        if part_no is not None:
            self.setWindowTitle(_("Book another courier for part {part} of order {id}").format(part=part_no,
                                                                                                id=order_id))
        else:
            self.setWindowTitle((_("Book another courier for order {id}") if again else
                                 _("Book a courier for order {id}")).format(id=order_id))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        pin_row = QHBoxLayout()
        self.pin = QLineEdit()
        self.pin.setObjectName("booking-pin")
        self.pin.setMaxLength(6)
        self.pin.setPlaceholderText(_("6 digits"))
        self.ask_button = action_button(_("&Ask the rates"), "booking-ask", self.ask_rates)
        pin_row.addWidget(QLabel(_("Customer's PIN code (if the order has none):")))
        pin_row.addWidget(self.pin)
        pin_row.addWidget(self.ask_button)
        layout.addLayout(pin_row)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("booking-rates")
        self.table.setHorizontalHeaderLabels([_("Carrier"), _("Price"), _("Delivery in")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 1)
        self.message = QLabel()
        self.message.setObjectName("booking-message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.book_button = action_button(_("&Book this carrier"), "booking-book", self.book)
        self.label_button = action_button(_("Open the &label"), "booking-label", self.open_label)
        self.close_button = action_button(_("Close"), "booking-close", self.accept)
        buttons.addWidget(self.book_button)
        buttons.addWidget(self.label_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self._update_buttons()


    def _update_buttons(self) -> None:
        chosen = self.table.selectionModel().selectedRows()
        self.book_button.setEnabled(not self.busy and self.booked is None and bool(chosen) and bool(self.rates))
        self.ask_button.setEnabled(not self.busy and self.booked is None)
        self.label_button.setEnabled(self.booked is not None and Path(self.booked.label).exists())

    # --- rates -----------------------------------------------------------------------------------
    def ask_rates(self) -> None:
        if self.busy:
            return
        pin = self.pin.text().strip()
        ctx, order_id, part_no = self.session.ctx, self.order_id, self.part_no
        self.busy = True
        self.message.setText(_("Asking the courier for its rates…"))
        self._update_buttons()
        tasks.run_in_background(lambda: couriers.rates(ctx, order_id, pin=pin, part_no=part_no), self._got_rates,
                                self._failed, owner=self)

    def _got_rates(self, found: list[couriers.CarrierRate]) -> None:
        self.busy = False
        self.rates = found
        self.table.setRowCount(len(found))
        for row, rate in enumerate(found):
            for column, text in enumerate((rate.name, format_inr(rate.cost_paise), days_text(rate.days))):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        if found:
            self.table.selectRow(0)
            self.message.setText(_("Cheapest first. The box and weight are the operations agent's packing plan.") + (
                " " + _("The present booking is cancelled first; if the courier already has the parcel, nothing "
                        "changes.") if self.again else ""))
        else:
            self.message.setText(_("No carrier of the courier serves this PIN code."))
        self._update_buttons()

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        text = error_text(error)
        if isinstance(error, InputError):  # the PIN code is missing: the seller types it and asks again
            self.pin.setFocus()
        self.message.setText(text)
        self._update_buttons()

    # --- booking ---------------------------------------------------------------------------------
    def chosen(self) -> couriers.CarrierRate | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rates[rows[0].row()] if rows and rows[0].row() < len(self.rates) else None

    def book(self) -> None:
        rate = self.chosen()
        if rate is None or self.busy:
            return
        pin = self.pin.text().strip()
        ctx, order_id = self.session.ctx, self.order_id
        self.busy = True
        self.message.setText(_("Booking {carrier}…").format(carrier=rate.name))
        self._update_buttons()
        part_no = self.part_no
        if part_no is not None:
            tasks.run_in_background(lambda: couriers.rebook_part(ctx, order_id, part_no, courier_id=rate.courier_id,
                                                                 pin=pin), self._booked, self._failed, owner=self)
            return
        action = couriers.rebook if self.again else couriers.book
        tasks.run_in_background(lambda: action(ctx, order_id, courier_id=rate.courier_id, pin=pin),
                                self._booked, self._failed, owner=self)

    def _booked(self, done: couriers.Booked) -> None:
        self.busy = False
        self.booked = done
        self.message.setText(_("Booked with {courier}: AWB {awb}, pickup {pickup}. The label is ready to print; the "
                               "marketplace hears of it at the next sync.").format(
            courier=done.courier, awb=done.awb, pickup=done.pickup or _("as the courier sets it")))
        self._update_buttons()
        if self.on_booked is not None:
            self.on_booked(done)

    def open_label(self) -> None:
        if self.booked is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.booked.label)))
