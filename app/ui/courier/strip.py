"""Under the selected order: its courier parcel (AWB, carrier, where it is, when that was read), where it
stands with the operations agent, and the buttons — book a courier, refresh the tracking, open the label,
cancel the booking or book another courier in its place (before pickup), and say the stock was short at
picking."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QComboBox, QDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.domain.clock import shop_zone
from app.errors import AppError
from app.i18n import _
from app.services import couriers, fulfilment_tasks, order_parts, shipments
from app.session import Session
from app.store.shipments import Shipment
from app.ui import tasks
from app.ui.courier.booking import BookingDialog, error_text
from app.ui.courier.cancel_booking import CancelBookingDialog
from app.ui.formatting import format_when
from app.ui.fulfilment_words import fulfilment_status
from app.ui.order_buttons import action_button
from app.ui.order_issues import DamagedReturnDialog, ShortDialog
from app.ui.substitute_dialog import SubstituteDialog

OPEN = ("pending", "accepted", "packed")


class CourierStrip(QWidget):
    """``show_order(order_id, status)``; ``on_change`` runs after a booking or a tracking read."""

    def __init__(self, session: Session, *, on_change: Callable[[], None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.on_change = session, on_change
        self.order_id: int | None = None
        self.status = ""
        self.busy = False
        self.dialog: QDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.text = QLabel()
        self.text.setObjectName("courier-status")
        self.text.setWordWrap(True)
        layout.addWidget(self.text)
        row = QHBoxLayout()
        self.book_button = action_button(_("&Book courier…"), "book-courier", self.book)
        self.track_button = action_button(_("Refresh &tracking"), "track-courier", self.track)
        self.label_button = action_button(_("Open label"), "open-label", self.open_label)
        self.short_button = action_button(_("Short at picking…"), "short-picking", self.short)
        self.substitute_button = action_button(_("Substitute…"), "substitute-item", self.substitute)
        self.cancel_button = action_button(_("Cancel booking…"), "cancel-booking", self.cancel_booking)
        self.rebook_button = action_button(_("Book another courier…"), "rebook-courier", self.rebook)
        # a part booked on its own that came back (RTO): its stock comes back when it is in the shop
        self.part_back_button = action_button(_("Part back in the shop"), "part-returned", self.part_back)
        # the same, but damaged: only that part's units are written off
        self.part_damaged_button = action_button(_("Part back damaged…"), "part-returned-damaged", self.part_damaged)
        for button in (self.book_button, self.track_button, self.label_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        second = QHBoxLayout()  # two rows: the page must still fit a 1366-pixel screen beside the chat
        # which parcel Cancel booking / Book another courier act on, when parts were booked on their own
        self.parcel_choice = QComboBox()
        self.parcel_choice.setObjectName("parcel-choice")
        self.parcel_choice.setToolTip(_("The parcel that Cancel booking and Book another courier act on"))
        self.parcel_choice.currentIndexChanged.connect(lambda _i: self._update_buttons())
        second.addWidget(self.parcel_choice)
        for button in (self.cancel_button, self.rebook_button, self.part_back_button):
            second.addWidget(button)
        second.addStretch(1)
        layout.addLayout(second)
        # a third row: four buttons abreast took half of a 1366-pixel Orders page and left the table's items a sliver
        third = QHBoxLayout()
        for button in (self.part_damaged_button, self.short_button, self.substitute_button):
            third.addWidget(button)
        third.addStretch(1)
        layout.addLayout(third)
        layout.addStretch(1)  # text and buttons at the top when no plan is shown above them
        self.show_order(None)


    def show_order(self, order_id: int | None, status: str = "") -> None:
        self.order_id, self.status = order_id, status
        ctx = self.session.ctx
        parcel = shipments.shipment(ctx, order_id) if order_id is not None else None
        task = fulfilment_tasks.task(ctx, order_id) if order_id is not None else None
        lines = []
        if parcel is not None:
            lines.append(_("Parcel {awb} with {courier}: {status} (read {when})").format(
                awb=parcel.awb, courier=parcel.courier, status=shipments.status_label(parcel.status),
                when=format_when(parcel.updated_at, shop_zone(ctx.timezone), ctx.now())))
        for part_no, booked in (order_parts.bookings(ctx, order_id) if order_id is not None else {}).items():
            lines.append(_("Part {n}: parcel {awb} with {courier}: {status}").format(
                n=part_no, awb=booked.awb, courier=booked.courier, status=shipments.status_label(booked.status)) + (
                " — " + (_("received damaged, written off: {what}").format(what=booked.damage) if booked.damage
                         else _("received in the shop, stock back")) if booked.received_at else ""))
        gone = shipments.cancelled(ctx, order_id) if order_id is not None else []
        if gone and parcel is None:
            lines.append(_("Booking {awb} with {courier} cancelled; book another courier.").format(
                awb=gone[-1].awb, courier=gone[-1].courier))
        if task is not None and task.status != "booked" and parcel is None and not gone:
            text = _("Operations agent: {status}").format(status=fulfilment_status(task.status))
            if task.note and task.status in ("failed", "declined", "escalated", "awaiting"):
                text += " — " + task.note
            lines.append(text)
        for part_no in self._parts_to_book_again():
            awb = order_parts.cancelled_bookings(ctx, order_id, part_no)[-1][0] if order_id is not None else ""
            lines.append(_("Part {n}: booking {awb} cancelled; book another courier.").format(n=part_no, awb=awb))
        self.text.setText("\n".join(lines))
        self.text.setVisible(bool(lines))
        self._fill_parcel_choice(parcel is not None or bool(gone))
        self._update_buttons(parcel)

    def _parts_to_book_again(self) -> list[int]:
        """Parts booked on their own whose booking was cancelled and not replaced yet."""
        if self.order_id is None:
            return []
        ctx, live = self.session.ctx, order_parts.bookings(self.session.ctx, self.order_id)
        return [p.part_no for p in order_parts.parts(ctx, self.order_id) if p.kind == "shipped"
                and p.part_no not in live and order_parts.cancelled_bookings(ctx, self.order_id, p.part_no)]

    def _fill_parcel_choice(self, own: bool) -> None:
        """The order's own parcel (if it has a booking) and each part booked on its own; shown only when there
        are parts to choose from."""
        chosen = self.parcel_choice.currentData()
        self.parcel_choice.blockSignals(True)
        self.parcel_choice.clear()
        parts = sorted(set(order_parts.bookings(self.session.ctx, self.order_id)) | set(self._parts_to_book_again())
                       ) if self.order_id is not None else []
        if own or not parts:
            self.parcel_choice.addItem(_("The order's parcel"), None)
        for part_no in parts:
            self.parcel_choice.addItem(_("Part {n}").format(n=part_no), part_no)
        found = self.parcel_choice.findData(chosen)
        self.parcel_choice.setCurrentIndex(max(found, 0))
        self.parcel_choice.blockSignals(False)
        self.parcel_choice.setVisible(bool(parts))

    def chosen_part(self) -> int | None:
        """The part the booking buttons act on (None: the order's own parcel)."""
        data = self.parcel_choice.currentData()
        return int(data) if isinstance(data, int) else None

    def _update_buttons(self, parcel: Shipment | None = None) -> None:
        if self.order_id is not None and parcel is None:
            parcel = shipments.shipment(self.session.ctx, self.order_id)
        self.book_button.setEnabled(not self.busy and parcel is None and self.status in OPEN)
        parts = order_parts.bookings(self.session.ctx, self.order_id) if self.order_id is not None else {}
        self.track_button.setEnabled(not self.busy and (
            (parcel is not None and parcel.status not in ("delivered", "rto_delivered")) or
            any(p.status not in ("delivered", "rto_delivered") for p in parts.values())))
        self.label_button.setEnabled(self.label_path() is not None)
        self.short_button.setEnabled(self.order_id is not None and parcel is None and self.status in OPEN)
        # a marketplace order too: the form then says plainly why its marketplace allows no substitute
        self.substitute_button.setEnabled(self.order_id is not None and parcel is None and self.status in OPEN)
        part_no = self.chosen_part()
        if part_no is not None:  # a part booked on its own
            live = part_no in parts and parts[part_no].status == "booked"
            again = part_no not in parts and part_no in self._parts_to_book_again() and self.status in (
                "packed", "shipped")
        else:
            live = parcel is not None and parcel.status == "booked"  # before pickup
            again = self.order_id is not None and parcel is None and bool(
                shipments.cancelled(self.session.ctx, self.order_id)) and self.status == "shipped"
        self.cancel_button.setEnabled(not self.busy and live)
        self.rebook_button.setEnabled(not self.busy and (live or again))
        back = parts.get(part_no) if part_no is not None else None
        coming_back = not self.busy and back is not None and back.status in ("rto", "rto_delivered") and (
            not back.received_at and self.status != "returned")
        for button in (self.part_back_button, self.part_damaged_button):
            button.setVisible(part_no is not None)
            button.setEnabled(coming_back)

    def book(self) -> None:
        if self.order_id is None:
            return
        dialog = BookingDialog(self.session, self.order_id, on_booked=lambda _done: self._changed(),
                               parent=self.window())
        self.dialog = dialog
        dialog.open()
        dialog.ask_rates()

    def rebook(self) -> None:
        if self.order_id is None:
            return
        dialog = BookingDialog(self.session, self.order_id, on_booked=lambda _done: self._changed(), again=True,
                               part_no=self.chosen_part(), parent=self.window())
        self.dialog = dialog
        dialog.open()
        dialog.ask_rates()

    def cancel_booking(self) -> None:
        if self.order_id is None:
            return
        self.dialog = CancelBookingDialog(self.session, self.order_id, on_done=self._changed,
                                          part_no=self.chosen_part(), parent=self.window())
        self.dialog.open()

    def part_back(self) -> None:
        """The chosen part came back (RTO) and is in the shop: its stock comes back, once."""
        part_no = self.chosen_part()
        if self.order_id is None or part_no is None:
            return
        try:
            order_parts.receive_part_return(self.session.ctx, self.order_id, part_no)
        except AppError as exc:
            self.text.setText(self.text.text() + "\n" + exc.message)
            return
        self._changed()

    def part_damaged(self) -> None:
        """The chosen part came back (RTO) damaged: asked what is damaged, then only its units are written off."""
        part_no = self.chosen_part()
        if self.order_id is None or part_no is None:
            return
        self.dialog = DamagedReturnDialog(self.session, self.order_id, part_no=part_no, on_done=self._changed,
                                          parent=self.window())
        self.dialog.open()

    def short(self) -> None:
        if self.order_id is None:
            return
        self.dialog = ShortDialog(self.session, self.order_id, on_done=self._changed, parent=self.window())
        self.dialog.open()

    def substitute(self) -> None:
        if self.order_id is None:
            return
        self.dialog = SubstituteDialog(self.session, self.order_id, on_done=self._changed, parent=self.window())
        self.dialog.open()

    def _changed(self) -> None:
        if self.session.sync is not None:
            self.session.sync.wake()  # the marketplace hears the AWB at once when online
        if self.on_change is not None:
            self.on_change()
        else:
            self.show_order(self.order_id, self.status)

    def track(self) -> None:
        if self.order_id is None or self.busy:
            return
        ctx, order_id = self.session.ctx, self.order_id
        self.busy = True
        self.text.setText(_("Asking the courier where the parcel is…"))
        self._update_buttons()

        def done(_status: str) -> None:
            self.busy = False
            self._changed()

        def failed(error: BaseException) -> None:
            self.busy = False
            self.show_order(self.order_id, self.status)
            self.text.setText(self.text.text() + "\n" + error_text(error))
            self.text.setVisible(True)

        tasks.run_in_background(lambda: couriers.track(ctx, order_id), done, failed, owner=self)

    def label_path(self) -> str | None:
        """The label to print: the order's own parcel's, else the last part booked on its own (None: none on disk)."""
        if self.order_id is None:
            return None
        parcel = shipments.shipment(self.session.ctx, self.order_id)
        paths = [parcel.label_path] if parcel is not None else []
        paths += [b.label_path for _n, b in sorted(order_parts.bookings(self.session.ctx, self.order_id).items(),
                                                   reverse=True)]
        return next((p for p in paths if p and Path(p).exists()), None)

    def open_label(self) -> None:
        path = self.label_path()
        if path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(path))
