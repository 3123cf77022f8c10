"""The "Suppliers" tab: who the shop buys from and what it owes each (purchase bills less payments), a
supplier's bills and payments; purchase orders (new, send, goods arrived in full or in part, cancel);
and the suppliers' purchase bills with their input GST."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.money import format_inr
from app.errors import AppError
from app.i18n import _
from app.services import purchasing
from app.session import Session
from app.store import parties, supplier_ledger
from app.store import purchasing as po_store
from app.ui.pages.base import Page
from app.ui.suppliers.dialogs import PurchaseBillDialog, SupplierDialog, SupplierPaymentDialog
from app.ui.suppliers.orders import PurchaseOrderDialog, ReceiveDialog
from app.ui.tables import fill, read_only_table


def _day(iso: str | None) -> str:
    return f"{iso[8:10]}-{iso[5:7]}-{iso[0:4]}" if iso and len(iso) >= 10 else ""


def status_name(status: str) -> str:
    return {"draft": _("not sent"), "sent": _("sent"), "partly_received": _("partly arrived"),
            "received": _("arrived"), "cancelled": _("cancelled")}.get(status, status)


class SuppliersPage(Page):
    STALE_ON = frozenset({"SupplierSaved", "SupplierPaid", "PurchaseBillRecorded", "PurchaseOrderCreated",
                          "PurchaseOrderSent", "PurchaseOrderReceived", "PurchaseOrderCancelled"})

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.dialog: QWidget | None = None
        self.balances: list[supplier_ledger.SupplierBalance] = []
        self.orders: list = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        self.buttons: dict[str, QPushButton] = {}
        # two short rows (the supplier's money, then purchase orders): one long row would make the window
        # wider than a 1366-pixel screen
        rows = ((("new", _("&New supplier"), "Ctrl+N", self.new_supplier),
                 ("edit", _("&Change"), "", self.edit_supplier),
                 ("pay", _("&Pay the supplier"), "Ctrl+P", self.pay),
                 ("bill", _("Purchase &bill"), "Ctrl+L", self.purchase_bill)),
                (("order", _("New purchase &order"), "Ctrl+O", self.new_order),
                 ("send", _("&Send the order"), "", self.send_order),
                 ("receive", _("Goods &arrived"), "Ctrl+G", self.receive),
                 ("cancel", _("Cancel the order"), "", self.cancel_order)))
        for group in rows:
            row = QHBoxLayout()
            for key, label, shortcut, slot in group:
                button = QPushButton(label)
                button.setObjectName(f"suppliers-{key}")
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
        self.tabs = QTabWidget()
        owed = QSplitter(Qt.Orientation.Vertical)
        self.table = read_only_table([_("Supplier"), _("Phone"), _("GSTIN"), _("Billed"), _("Paid"), _("Owes"),
                             _("Last bill"), _("Open orders")])
        self.table.itemSelectionChanged.connect(self.show_ledger)
        self.table.doubleClicked.connect(lambda _i: self.pay())
        self.ledger = read_only_table([_("Date"), _("What"), _("Number or reference"), _("Amount"), _("Owed after")])
        owed.addWidget(self.table)
        owed.addWidget(self.ledger)
        self.tabs.addTab(owed, _("Suppliers and what is owed"))
        self.order_table = read_only_table([_("Order"), _("Supplier"), _("Made on"), _("Expected"), _("Amount"),
                                   _("Status")])
        self.order_table.doubleClicked.connect(lambda _i: self.receive())
        self.tabs.addTab(self.order_table, _("Purchase orders"))
        self.bill_table = read_only_table([_("Bill date"), _("Supplier"), _("Bill number"), _("Taxable"),
                                           _("Input GST"), _("Amount")])
        self.tabs.addTab(self.bill_table, _("Purchase bills"))
        layout.addWidget(self.tabs, 1)
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout.addWidget(self.note)

    @classmethod
    def title(cls) -> str:
        return _("Suppliers")

    def focus_target(self) -> QWidget:
        return self.table

    def say(self, text: str, ok: bool = True) -> None:
        self.note.setStyleSheet("color: #067647;" if ok else "color: #b42318;")
        self.note.setText(text)

    def refresh(self) -> None:
        db = self.session.store.db()
        chosen = self.selected_supplier()
        self.balances = supplier_ledger.balances(db)
        fill(self.table, [(b.name, b.phone, b.gstin, format_inr(b.billed_paise), format_inr(b.paid_paise),
                            format_inr(b.owed_paise), _day(b.last_bill_on), str(b.open_orders) if b.open_orders
                            else "") for b in self.balances], {3, 4, 5, 7})
        for r, b in enumerate(self.balances):
            owes = self.table.item(r, 5)
            if b.owed_paise > 0 and owes is not None:
                owes.setForeground(Qt.GlobalColor.darkRed)
        ids = [b.supplier_id for b in self.balances]
        if chosen is not None and chosen in ids:
            self.table.selectRow(ids.index(chosen))
        elif ids:
            self.table.selectRow(0)
        self.show_ledger()
        names = {b.supplier_id: b.name for b in self.balances}
        self.orders = po_store.open_orders(db) + supplier_ledger.closed_orders(db)
        fill(self.order_table, [(o.po_no, names.get(o.supplier_id, ""), _day(o.created_at), _day(o.expected_on),
                                  format_inr(o.total_paise), status_name(o.status)) for o in self.orders], {4}, 1)
        bills = supplier_ledger.purchase_bills(db)
        fill(self.bill_table, [(_day(b.bill_date), b.supplier_name, b.bill_no, format_inr(b.taxable_paise),
                                 format_inr(b.tax_paise), format_inr(b.total_paise)) for b in bills], {3, 4, 5}, 1)

    def selected_supplier(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.balances):
            return None
        return self.balances[rows[0].row()].supplier_id

    def _supplier_name(self, supplier_id: int) -> str:
        return next((b.name for b in self.balances if b.supplier_id == supplier_id), "")

    def show_ledger(self) -> None:
        supplier_id = self.selected_supplier()
        entries = supplier_ledger.entries(self.session.store.db(), supplier_id) if supplier_id else []
        fill(self.ledger, [(_day(e.on), _("Bill") if e.kind == "bill" else _("Payment"), e.reference,
                             format_inr(abs(e.amount_paise)), format_inr(e.balance_paise)) for e in entries],
              {3, 4}, 2)

    def selected_order(self):
        self.tabs.setCurrentWidget(self.order_table)
        rows = self.order_table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.orders):
            if self.orders:
                self.order_table.selectRow(0)
                return self.orders[0]
            return None
        return self.orders[rows[0].row()]

    def _open(self, dialog) -> None:
        dialog.saved.connect(lambda _id: self.refresh())
        self.dialog = dialog
        dialog.open()

    def new_supplier(self) -> None:
        self._open(SupplierDialog(self.session, self))

    def edit_supplier(self) -> None:
        supplier_id = self.selected_supplier()
        if supplier_id is not None:
            supplier = parties.get_supplier(self.session.store.db(), supplier_id)
            self._open(SupplierDialog(self.session, self, supplier))

    def pay(self) -> None:
        supplier_id = self.selected_supplier()
        if supplier_id is not None:
            self._open(SupplierPaymentDialog(self.session, supplier_id, self._supplier_name(supplier_id), self))

    def purchase_bill(self) -> None:
        supplier_id = self.selected_supplier()
        if supplier_id is not None:
            self._open(PurchaseBillDialog(self.session, supplier_id, self._supplier_name(supplier_id), self))

    def new_order(self) -> None:
        if not self.balances:
            self.say(_("Add the supplier first."), False)
            return
        self._open(PurchaseOrderDialog(self.session, self, self.selected_supplier()))

    def send_order(self) -> None:
        po = self.selected_order()
        if po is None:
            return
        try:
            purchasing.send_purchase_order(self.session.ctx, po.id)
        except AppError as exc:
            self.say(exc.message + (f" {exc.hint}" if exc.hint else ""), False)
            return
        self.refresh()
        self.say(_("{po} will go to the supplier on WhatsApp when the shop is online.").format(po=po.po_no))

    def receive(self) -> None:
        po = self.selected_order()
        if po is None:
            return
        if po.status not in ("draft", "sent", "partly_received"):
            self.say(_("Purchase order {po_no} is {status}; nothing can be received on it.").format(
                po_no=po.po_no, status=status_name(po.status)), False)
            return
        self._open(ReceiveDialog(self.session, po.id, self))

    def cancel_order(self) -> None:
        po = self.selected_order()
        if po is None:
            return
        try:
            purchasing.cancel_purchase_order(self.session.ctx, po.id)
        except AppError as exc:
            self.say(exc.message, False)
            return
        self.refresh()
        self.say(_("Purchase order {po} cancelled.").format(po=po.po_no))
