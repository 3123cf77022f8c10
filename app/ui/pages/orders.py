"""The "Orders" tab: the shop's own home deliveries (``app.ui.deliveries``), and marketplace orders from every
channel, our state beside the channel's, the time by which each must be handed to the courier, and the
seller's steps: accept, ship (carrier and tracking), cancel with a reason, and a return received.

Each step goes through ``app.services.order_flow`` (one transaction: the state change and the command to
the marketplace, queued once); the sync worker is woken to send it at once when it is running.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.clock import shop_zone
from app.domain.money import format_inr
from app.errors import AppError
from app.i18n import _
from app.services import order_flow
from app.session import Session
from app.ui.cod_panel import CodPanel
from app.ui.courier.strip import CourierStrip
from app.ui.deliveries.panel import DeliveryPanel
from app.ui.deliveries.plan import PlanLabel
from app.ui.dialogs import show_error
from app.ui.formatting import format_when
from app.ui.order_buttons import action_button
from app.ui.order_issues import DamagedReturnDialog
from app.ui.page_scroll import scrolling_body
from app.ui.pages.base import Page
from app.ui.tables import fit_columns


def cancel_reasons() -> list[tuple[str, str]]:
    """(code sent to the marketplace, what the seller reads)."""
    return [("INVENTORY", _("Out of stock")), ("CUSTOMER_REQUEST", _("The customer asked")),
            ("PRICING_ERROR", _("Wrong price")), ("UNDELIVERABLE", _("Cannot deliver to the address"))]


class OrdersPage(Page):
    STALE_ON = frozenset({"OrderImported", "OrderStatusChanged", "OrderCancelled", "ShipmentUpdated",
                          "FulfilmentUpdated"})
    # the items last, eliding into the room left: in the middle, on a 1366-pixel screen in Hindi, they pushed the
    # order's state and the time to ship it by out of the table's view
    ORDER, CHANNEL, TOTAL, OURS, THEIRS, SHIP_BY, ITEMS = range(7)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.zone = shop_zone(session.ctx.timezone)
        self.dialog: QWidget | None = None  # the last error shown (tests read it)
        self.rows: list[order_flow.BoardRow] = []
        # the page scrolls when the window is shorter than its tabs need (a short screen, Hindi, a long plan)
        self.page_scroll, outer = scrolling_body(self, "orders-scroll")
        self.tabs = QTabWidget()
        self.tabs.setObjectName("orders-tabs")
        outer.addWidget(self.tabs)
        market = QWidget()
        layout = QVBoxLayout(market)
        intro = QLabel(_("Orders from every marketplace. Our state is shown beside the marketplace's; each step "
                         "you take here reaches the marketplace at the next sync."))
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.table = QTableWidget(0, 7)
        self.table.setObjectName("orders-table")
        self.table.setHorizontalHeaderLabels([_("Order"), _("Channel"), _("Total"), _("Ours"), _("At the marketplace"),
                                              _("Ship by"), _("Items")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(self.ITEMS, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        middle = QHBoxLayout()
        left = QVBoxLayout()
        middle.addLayout(left, 2)  # the orders' table before the courier's buttons and the picking plan
        layout.addLayout(middle, 1)
        left.addWidget(self.table, 1)
        self.empty = QLabel(_("No marketplace orders yet. Once a marketplace is connected, its orders appear here."))
        self.empty.setObjectName("orders-empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        left.addWidget(self.empty, 1)
        right = QVBoxLayout()
        middle.addLayout(right, 1)
        self.plan = PlanLabel(session)
        right.addWidget(self.plan, 1)
        self.courier = CourierStrip(session, on_change=self.refresh)  # book, tracking, label
        right.addWidget(self.courier)

        ship = QHBoxLayout()
        self.carrier = QLineEdit()
        self.carrier.setObjectName("carrier")
        self.carrier.setPlaceholderText(_("Courier (e.g. Delhivery, India Post)"))
        self.tracking = QLineEdit()
        self.tracking.setObjectName("tracking")
        self.tracking.setPlaceholderText(_("Tracking number (AWB)"))
        self.accept_button = action_button(_("&Accept"), "accept", self.accept_order)
        self.ship_button = action_button(_("&Ship"), "ship", self.ship_order)
        self.part_button = action_button(_("Ship &part…"), "ship-part", self.ship_part)
        shipping: list[QWidget] = [self.accept_button, QLabel(_("Courier:")), self.carrier, QLabel(_("Tracking:")),
                                   self.tracking, self.ship_button, self.part_button]
        for widget in shipping:
            ship.addWidget(widget)
        layout.addLayout(ship)
        other = QHBoxLayout()
        self.reason = QComboBox()
        self.reason.setObjectName("cancel-reason")
        for code, text in cancel_reasons():
            self.reason.addItem(text, code)
        self.cancel_button = action_button(_("&Cancel order"), "cancel", self.cancel_order)
        self.return_button = action_button(_("&Return received"), "return", self.receive_return)
        self.damaged_button = action_button(_("Return &damaged…"), "return-damaged", self.damaged_return)
        cancelling: list[QWidget] = [QLabel(_("Reason:")), self.reason, self.cancel_button, self.return_button,
                                     self.damaged_button]
        for widget in cancelling:
            other.addWidget(widget)
        self.status_line = QLabel()
        self.status_line.setObjectName("orders-status")
        self.status_line.setWordWrap(True)
        other.addWidget(self.status_line, 1)
        layout.addLayout(other)
        self.deliveries = DeliveryPanel(session)
        self.tabs.addTab(self.deliveries, _("Home delivery"))
        self.tabs.addTab(market, _("Marketplaces"))
        self.cod = CodPanel(session)
        self.tabs.addTab(self.cod, _("Courier COD"))
        self._update_buttons()


    @classmethod
    def title(cls) -> str:
        return _("Orders")

    def focus_target(self) -> QWidget:
        return self.table

    # --- reading -------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.deliveries.refresh()
        self.cod.refresh()
        chosen = self.selected_id()
        first = not hasattr(self, "_shown_once")
        now = self.session.ctx.now()
        self.rows = order_flow.board(self.session.ctx)
        self.table.setRowCount(len(self.rows))
        for row, order in enumerate(self.rows):
            theirs = order_flow.state_label(order.channel_status)
            if order.waiting:
                theirs += " " + _("({n} waiting to be sent)").format(n=order.waiting)
            shown_id = order.remote_id.rsplit("/", 1)[-1] if order.remote_id.startswith("gid://") else order.remote_id
            cells = [f"#{order.order_id}  {shown_id}", order.channel_name, format_inr(order.total_paise),
                     order_flow.state_label(order.status), theirs, format_when(order.ship_by, self.zone, now),
                     order.items]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, order.order_id)
                if column == self.SHIP_BY and order.status in ("pending", "accepted", "packed") and \
                        order.ship_by <= self.session.ctx.now_iso():
                    item.setForeground(QColor("#b00020"))  # late: the marketplace counts it against the shop
                self.table.setItem(row, column, item)
        fit_columns(self.table, self.ITEMS)  # the state and the time to ship by stay in view
        self.table.setVisible(bool(self.rows))
        self.empty.setVisible(not self.rows)
        if first:  # open on the marketplaces in a shop that sells there but takes no delivery orders
            self._shown_once = True
            self.tabs.setCurrentIndex(1 if self.rows and not self.deliveries.rows else 0)
        ids = [r.order_id for r in self.rows]
        if self.rows:
            self.table.selectRow(ids.index(chosen) if chosen in ids else 0)
        self._update_buttons()

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), self.ORDER)
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def selected(self) -> order_flow.BoardRow | None:
        chosen = self.selected_id()
        return next((r for r in self.rows if r.order_id == chosen), None)

    def _update_buttons(self) -> None:
        row = self.selected()
        status = row.status if row else ""
        self.accept_button.setEnabled(status == "pending")
        self.ship_button.setEnabled(status in ("pending", "accepted", "packed"))
        self.part_button.setEnabled(status in ("pending", "accepted", "packed"))
        self.cancel_button.setEnabled(status in ("pending", "accepted", "packed"))
        self.return_button.setEnabled(status in ("shipped", "delivered"))
        self.damaged_button.setEnabled(status in ("shipped", "delivered"))
        self.plan.show_plan(row.order_id if row and status in ("pending", "accepted", "packed") else None)
        self.courier.show_order(row.order_id if row else None, status)

    # --- acting --------------------------------------------------------------------------------
    def _act(self, step, done: str) -> None:
        order_id = self.selected_id()
        if order_id is None:
            return
        try:
            changes = step(order_id)
        except AppError as exc:
            self.dialog = show_error(self, exc, title=_("Orders"))
            return
        self.status_line.setText(done.format(id=order_id) + (
            " " + _("The marketplace hears of it at the next sync.") if changes.outbox else ""))
        if changes.outbox and self.session.sync is not None:
            self.session.sync.wake()
        self.refresh()

    def accept_order(self) -> None:
        self._act(lambda oid: order_flow.accept_order(self.session.ctx, oid), _("Order {id} accepted."))

    def ship_order(self) -> None:
        carrier, tracking = self.carrier.text().strip() or "Other", self.tracking.text().strip()
        self._act(lambda oid: order_flow.ship_order(self.session.ctx, oid, carrier=carrier, tracking=tracking),
                  _("Order {id} shipped."))
        self.tracking.clear()

    def cancel_order(self) -> None:
        reason = str(self.reason.currentData())
        self._act(lambda oid: order_flow.cancel_order(self.session.ctx, oid, reason=reason),
                  _("Order {id} cancelled; its stock is back."))

    def receive_return(self) -> None:
        self._act(lambda oid: order_flow.receive_return(self.session.ctx, oid),
                  _("Return of order {id} received; its stock is back."))

    def ship_part(self) -> None:
        order_id = self.selected_id()
        if order_id is not None:
            from app.ui.order_parts_dialog import ShipPartDialog

            self.dialog = ShipPartDialog(self.session, order_id, on_done=self._part_done, parent=self)
            self.dialog.open()

    def _part_done(self) -> None:
        if self.session.sync is not None:
            self.session.sync.wake()
        self.refresh()

    def damaged_return(self) -> None:
        order_id = self.selected_id()
        if order_id is not None:
            self.dialog = DamagedReturnDialog(self.session, order_id, on_done=self.refresh, parent=self)
            self.dialog.open()
