"""The "Cancel booking" form: why (optional), then the courier is asked to cancel (off the GUI thread). The
booking leaves the books only when the courier confirms; a parcel it already has cannot be cancelled, and
the form says so. The order stays as it is: the parcel still has to go (book another courier)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.i18n import _
from app.services import couriers, order_parts, shipments
from app.session import Session
from app.ui import tasks
from app.ui.courier.booking import error_text
from app.ui.order_buttons import action_button


class CancelBookingDialog(QDialog):
    """``on_done`` runs (GUI thread) once the courier has answered: cancelled, or where the parcel is."""

    def __init__(self, session: Session, order_id: int, *, on_done: Callable[[], None] | None = None,
                 part_no: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.order_id, self.on_done, self.part_no = session, order_id, on_done, part_no
        self.busy = False
        self.cancelled_awb = ""  # set once the courier confirmed
        if part_no is None:
            self.setWindowTitle(_("Cancel the courier booking of order {id}").format(id=order_id))
        else:
            self.setWindowTitle(_("Cancel the courier booking of part {part} of order {id}").format(
                part=part_no, id=order_id))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        parcel = (shipments.shipment(session.ctx, order_id) if part_no is None
                  else order_parts.bookings(session.ctx, order_id).get(part_no))
        layout.addWidget(QLabel(_("Parcel {awb} with {courier}. The courier cancels it only before pickup.").format(
            awb=parcel.awb if parcel else "—", courier=parcel.courier if parcel else "—")))
        self.reason = QLineEdit()
        self.reason.setObjectName("cancel-booking-reason")
        self.reason.setPlaceholderText(_("Why (for example: the courier did not come)"))
        layout.addWidget(self.reason)
        self.message = QLabel()
        self.message.setObjectName("cancel-booking-message")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        row = QHBoxLayout()
        self.ok_button = action_button(_("Cancel the &booking"), "cancel-booking-ok", self.cancel_it)
        close = action_button(_("Close"), "cancel-booking-close", self.accept)
        row.addWidget(self.ok_button)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)

    def cancel_it(self) -> None:
        if self.busy or self.cancelled_awb:
            return
        ctx, order_id, reason, part_no = self.session.ctx, self.order_id, self.reason.text().strip(), self.part_no
        self.busy = True
        self.ok_button.setEnabled(False)
        self.message.setText(_("Asking the courier to cancel…"))
        if part_no is not None:
            tasks.run_in_background(lambda: couriers.cancel_part(ctx, order_id, part_no, reason=reason),
                                    self._cancelled, self._failed, owner=self)
            return
        tasks.run_in_background(lambda: couriers.cancel(ctx, order_id, reason=reason), self._cancelled,
                                self._failed, owner=self)

    def _cancelled(self, awb: str) -> None:
        self.busy, self.cancelled_awb = False, awb
        self.message.setText(_("The courier cancelled booking {awb}. The parcel still has to go: book another "
                               "courier.").format(awb=awb))
        if self.on_done is not None:
            self.on_done()

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        self.ok_button.setEnabled(True)
        self.message.setText(error_text(error))
        if self.on_done is not None:  # the courier may have said where the parcel is: the strip shows it
            self.on_done()
