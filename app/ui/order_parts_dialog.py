"""The "Ship part" form of a marketplace order: each item still waiting with how many units ship now (the
units on the shelf), the carrier and tracking number of this part; or, when the customer agrees to receive
only what shipped, *Cancel the rest*. Both go through ``app.services.order_parts`` (no network: the
marketplace hears of it through the outbox). *Book courier for these units* books the part as its own parcel
with the courier aggregator (``app.services.couriers.book_part``, on a worker thread) and ships it with that AWB."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError
from app.i18n import _
from app.services import couriers, order_parts
from app.session import Session
from app.ui import tasks
from app.ui.courier.booking import error_text
from app.ui.order_buttons import action_button


class ShipPartDialog(QDialog):
    """``on_done`` runs after a part is shipped or the rest cancelled."""

    def __init__(self, session: Session, order_id: int, *, on_done: Callable[[], None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.order_id, self.on_done = session, order_id, on_done
        self.booked: couriers.Booked | None = None
        self.setWindowTitle(_("Ship part of order {id}").format(id=order_id))
        self.setMinimumWidth(700)  # four buttons in a row, in Hindi too
        layout = QVBoxLayout(self)
        intro = QLabel(_("How many units of each item ship now? The rest waits, or is cancelled if the customer "
                         "agrees."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.units: dict[str, QSpinBox] = {}
        for sku, qty in order_parts.remaining(session.ctx, order_id).items():
            box = QSpinBox()
            box.setObjectName(f"part-{sku}")
            box.setRange(0, qty // 1000)
            box.setSuffix(" " + _("of {n}").format(n=qty // 1000))
            self.units[sku] = box
            self.form.addRow(sku, box)
        self.carrier = QLineEdit()
        self.carrier.setObjectName("part-carrier")
        self.carrier.setPlaceholderText(_("Courier (e.g. Delhivery, India Post)"))
        self.tracking = QLineEdit()
        self.tracking.setObjectName("part-tracking")
        self.tracking.setPlaceholderText(_("Tracking number (AWB)"))
        self.form.addRow(_("Courier:"), self.carrier)
        self.form.addRow(_("Tracking:"), self.tracking)
        self.pin = QLineEdit()
        self.pin.setObjectName("part-pin")
        self.pin.setPlaceholderText(_("only if the order has none"))
        self.pin.setMaximumWidth(160)
        self.form.addRow(_("Customer's PIN code:"), self.pin)
        self.message = QLabel()
        self.message.setObjectName("part-message")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        row = QHBoxLayout()
        self.ship_button = action_button(_("&Ship these units"), "part-ship", self.ship)
        self.rest_button = action_button(_("Cancel the &rest (customer agreed)"), "part-cancel-rest",
                                         self.cancel_rest)
        # the part as its own parcel with the courier aggregator: AWB and label come back (network: off this thread)
        self.book_button = action_button(_("&Book courier for these units"), "part-book", self.book)
        self.busy = False
        row.addWidget(self.ship_button)
        row.addWidget(self.book_button)
        row.addWidget(self.rest_button)
        row.addStretch(1)
        row.addWidget(action_button(_("Close"), "part-close", self.accept))
        layout.addLayout(row)

    def _act(self, step: Callable[[], object], done: str) -> None:
        try:
            step()
        except AppError as exc:
            self._failed(exc)
            return
        self._after(done)

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        self.book_button.setEnabled(True)
        self.message.setText(error_text(error))
        self.message.setStyleSheet("color: #b00020")

    def _after(self, done: str) -> None:
        self.message.setStyleSheet("")
        left = order_parts.remaining(self.session.ctx, self.order_id)
        for sku, box in self.units.items():
            box.setMaximum(left.get(sku, 0) // 1000)
            box.setSuffix(" " + _("of {n}").format(n=left.get(sku, 0) // 1000))
        self.message.setText(done + " " + (_("Still to ship: {items}.").format(
            items=", ".join(f"{sku} × {qty // 1000}" for sku, qty in left.items())) if left else
            _("Nothing else waits.")))
        if self.on_done is not None:
            self.on_done()

    def ship(self) -> None:
        units = {sku: box.value() * 1000 for sku, box in self.units.items() if box.value()}
        carrier, tracking = self.carrier.text().strip() or "Other", self.tracking.text().strip()
        self._act(lambda: order_parts.ship_part(self.session.ctx, self.order_id, units, carrier=carrier,
                                                tracking=tracking), _("Part shipped."))

    def book(self) -> None:
        if self.busy:
            return
        units = {sku: box.value() * 1000 for sku, box in self.units.items() if box.value()}
        ctx, order_id, pin = self.session.ctx, self.order_id, self.pin.text().strip()
        self.busy = True
        self.book_button.setEnabled(False)
        self.message.setStyleSheet("")
        self.message.setText(_("Booking the courier for these units…"))
        tasks.run_in_background(lambda: couriers.book_part(ctx, order_id, units, pin=pin), self._booked,
                                self._failed, owner=self)

    def _booked(self, done: couriers.Booked) -> None:
        self.busy = False
        self.book_button.setEnabled(True)
        self.booked = done
        self._after(_("Part booked with {courier}: AWB {awb}, pickup {pickup}; label {label}.").format(
            courier=done.courier, awb=done.awb, pickup=done.pickup or _("as the courier sets it"), label=done.label))

    def cancel_rest(self) -> None:
        self._act(lambda: order_parts.cancel_rest(self.session.ctx, self.order_id, reason="customer agreed"),
                  _("The units not shipped are cancelled; their stock is back."))
