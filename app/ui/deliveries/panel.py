"""The "Home delivery" part of the Orders page: the shop's own phone and WhatsApp orders with their steps
(confirm, packed, out for delivery with the delivery person, delivered and paid by cash or UPI, cancel),
a new-order form, and the day's run sheet as an A4 PDF for the delivery person."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.money import format_inr
from app.errors import AppError
from app.i18n import _
from app.services import deliveries, substitutions
from app.services.sales import PaymentIn
from app.session import Session
from app.ui.courier.strip import CourierStrip
from app.ui.deliveries.new_order import NewDeliveryDialog
from app.ui.deliveries.plan import PlanLabel
from app.ui.dialogs import show_error
from app.ui.order_buttons import action_button
from app.ui.tables import fit_columns


class DeliveryPanel(QWidget):
    # the items last, on one line eliding into the room left: in the middle, wrapped, they made a row taller than
    # the table and pushed the total, payment and state out of its view (1366x768, Hindi names)
    ORDER, CUSTOMER, AREA, TOTAL, PAY, STATE, INVOICE, ITEMS = range(8)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.rows: list = []
        self.dialog: QWidget | None = None  # the last error or form shown (tests read it)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.new_button = action_button(_("&New delivery order…"), "delivery-new", self.new_order)
        self.show_which = QComboBox()
        self.show_which.setObjectName("delivery-filter")
        self.show_which.addItem(_("Today's run"), "today")
        self.show_which.addItem(_("Still to deliver"), "open")
        self.show_which.addItem(_("All"), "all")
        self.show_which.currentIndexChanged.connect(self.refresh)
        self.run_button = action_button(_("Run sheet (A4 PDF)…"), "delivery-run", self.save_run)
        row1: list[QWidget] = [self.new_button, QLabel(_("Show:")), self.show_which, self.run_button]
        for widget in row1:
            top.addWidget(widget)
        top.addStretch(1)
        layout.addLayout(top)
        calls = QHBoxLayout()
        self.to_call = QLabel()
        self.to_call.setObjectName("delivery-to-call")
        self.to_call.setWordWrap(True)
        self.to_call.setStyleSheet("color: #b00020")
        self.told_button = action_button(_("Told them"), "delivery-told", self.told)
        calls.addWidget(self.to_call, 1)
        calls.addWidget(self.told_button)
        layout.addLayout(calls)

        self.table = QTableWidget(0, 8)
        self.table.setObjectName("delivery-table")
        self.table.setHorizontalHeaderLabels([_("Order"), _("Customer"), _("Area"), _("Total"), _("Pays by"),
                                              _("State"), _("Invoice"), _("Items")])
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        middle = QHBoxLayout()
        left = QVBoxLayout()
        middle.addLayout(left, 2)  # the table two thirds of the width, as the marketplaces' tab: names were cut short
        layout.addLayout(middle, 1)
        left.addWidget(self.table, 1)
        self.empty = QLabel(_("No home-delivery orders here. When a customer phones or sends a WhatsApp order, "
                              "take it with “New delivery order”."))
        self.empty.setObjectName("delivery-empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        left.addWidget(self.empty, 1)
        right = QVBoxLayout()
        middle.addLayout(right, 1)
        self.plan = PlanLabel(session)
        right.addWidget(self.plan, 1)
        self.courier = CourierStrip(session, on_change=self.refresh)  # a parcel far away goes by courier
        right.addWidget(self.courier)

        steps = QHBoxLayout()
        self.confirm_button = action_button(_("C&onfirmed"), "delivery-confirm", lambda: self._step("accepted"))
        self.pack_button = action_button(_("&Packed"), "delivery-pack", lambda: self._step("packed"))
        self.rider = QLineEdit()
        self.rider.setObjectName("delivery-rider")
        self.rider.setPlaceholderText(_("Delivery person"))
        self.rider.setMaximumWidth(240)
        self.out_button = action_button(_("Out for &delivery"), "delivery-out", lambda: self._step("shipped"))
        row2: list[QWidget] = [self.confirm_button, self.pack_button, self.rider, self.out_button]
        for widget in row2:
            steps.addWidget(widget)
        steps.addStretch(1)
        layout.addLayout(steps)
        done = QHBoxLayout()
        self.method = QComboBox()
        self.method.setObjectName("delivery-method")
        self.method.addItem(_("as agreed"), "")
        for code in ("cash", "upi"):
            self.method.addItem(deliveries.pay_label(code), code)
        self.done_button = action_button(_("De&livered and paid"), "delivery-done", self.delivered)
        self.reason = QLineEdit()
        self.reason.setObjectName("delivery-reason")
        self.reason.setPlaceholderText(_("Why (e.g. not at home)"))
        self.cancel_button = action_button(_("Ca&ncel order"), "delivery-cancel", self.cancel)
        self.status_line = QLabel()
        self.status_line.setObjectName("delivery-status")
        self.status_line.setWordWrap(True)
        row3: list[QWidget] = [QLabel(_("Paid by:")), self.method, self.done_button, self.reason, self.cancel_button]
        for widget in row3:
            done.addWidget(widget)
        done.addWidget(self.status_line, 1)
        layout.addLayout(done)
        self._update_buttons()


    # --- reading -------------------------------------------------------------------------------
    def refresh(self) -> None:
        self._show_calls()
        chosen = self.selected_id()
        which = self.show_which.currentData()
        ctx = self.session.ctx
        if which == "today":
            self.rows = deliveries.delivery_orders(ctx, day=ctx.today())
        else:
            self.rows = deliveries.delivery_orders(ctx, open_only=which == "open")
        self.table.setRowCount(len(self.rows))
        asked = substitutions.waiting(ctx)  # the customer has not answered about a substitute yet
        for n, row in enumerate(self.rows):
            cells = [f"#{row.order_id}", f"{row.customer}\n{row.phone}".strip(),
                     " ".join(x for x in (row.area, row.pin) if x), format_inr(row.total_paise),
                     deliveries.pay_label(row.pay_by), deliveries.state_label(row.status)
                     + (f" ({row.rider})" if row.rider and row.status == "shipped" else "")
                     + ("\n" + _("substitute asked") if row.order_id in asked else ""), row.invoice_no, row.items]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, row.order_id)
                # a name or an area cut short in its column (``fit_columns``) is whole in its tooltip
                item.setToolTip(f"{text}\n{row.address}" if column in (self.ITEMS, self.CUSTOMER, self.AREA)
                                else row.address)
                self.table.setItem(n, column, item)
        # the total, payment, state and invoice stay in view: a long name or area is cut short first
        fit_columns(self.table, self.ITEMS, squeeze=(self.CUSTOMER, self.AREA))
        self.table.resizeRowsToContents()
        self.table.setVisible(bool(self.rows))
        self.empty.setVisible(not self.rows)
        ids = [r.order_id for r in self.rows]
        if self.rows:
            self.table.selectRow(ids.index(chosen) if chosen in ids else 0)
        self._update_buttons()

    def _show_calls(self) -> None:
        """Customers a message could not reach (no phone, no WhatsApp, refused): the seller calls them."""
        from app.store import alerts as alert_store

        self.calls = alert_store.open_alerts(self.session.store.db(), kind="customer_message", limit=5)
        self.to_call.setText("\n".join(a.message for a in self.calls))
        self.to_call.setVisible(bool(self.calls))
        self.told_button.setVisible(bool(self.calls))

    def told(self) -> None:
        from app.services import alerts

        alerts.resolve_alerts(self.session.ctx, kind="customer_message", subjects=[a.subject for a in self.calls])
        self._show_calls()

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), self.ORDER)
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def selected(self):
        chosen = self.selected_id()
        return next((r for r in self.rows if r.order_id == chosen), None)

    def _update_buttons(self) -> None:
        row = self.selected()
        status = row.status if row else ""
        self.confirm_button.setEnabled(status == "pending")
        self.pack_button.setEnabled(status in ("pending", "accepted"))
        self.out_button.setEnabled(status in ("pending", "accepted", "packed"))
        self.done_button.setEnabled(status in ("pending", "accepted", "packed", "shipped"))
        self.cancel_button.setEnabled(status in ("pending", "accepted", "packed", "shipped"))
        self.plan.show_plan(row.order_id if row and status in ("pending", "accepted", "packed") else None)
        self.courier.show_order(row.order_id if row else None, status)

    # --- acting --------------------------------------------------------------------------------
    def _act(self, step, done: str) -> None:
        order_id = self.selected_id()
        if order_id is None:
            return
        try:
            step(order_id)
        except AppError as exc:
            self.dialog = show_error(self, exc, title=_("Home delivery"))
            return
        self.status_line.setText(done.format(id=order_id))
        self.refresh()

    def _step(self, status: str) -> None:
        rider = self.rider.text().strip()
        self._act(lambda oid: deliveries.advance(self.session.ctx, oid, status, rider=rider),
                  _("Order {id}: {state}.").replace("{state}", deliveries.state_label(status)))

    def delivered(self) -> None:
        row = self.selected()
        method = str(self.method.currentData() or "")
        payments = [PaymentIn(method=method, amount_paise=row.total_paise - row.paid_paise)] if row and method else []
        self._act(lambda oid: deliveries.deliver(self.session.ctx, oid, payments),
                  _("Order {id} delivered and paid."))

    def cancel(self) -> None:
        reason = self.reason.text().strip()
        self._act(lambda oid: deliveries.cancel(self.session.ctx, oid, reason=reason),
                  _("Order {id} cancelled; its stock is back."))
        self.reason.clear()

    def new_order(self) -> None:
        dialog = NewDeliveryDialog(self.session, self)
        self.dialog = dialog
        if dialog.exec() and dialog.order_id is not None:
            self.status_line.setText(_("Home-delivery order {id} taken.").format(id=dialog.order_id))
            self.refresh()

    def save_run(self, path: str | None = None) -> Path | None:
        """Write today's run sheet as an A4 PDF (asking where, unless ``path`` is given)."""
        from app.services.shop import profile
        from app.ui.printing.delivery_run import write_run_pdf

        day = self.session.ctx.today()
        if not path:
            path, _chosen = QFileDialog.getSaveFileName(self, _("Save the run sheet"),
                                                        f"delivery-run-{day.isoformat()}.pdf", "PDF (*.pdf)")
            if not path:
                return None
        stops = deliveries.run_for(self.session.ctx, day)
        written = write_run_pdf(stops, Path(path), shop=profile(self.session.store).name, day=day.isoformat(),
                                rider=self.rider.text().strip())
        self.status_line.setText(_("Run sheet with {n} stops saved: {path}").format(n=len(stops), path=written))
        return written
