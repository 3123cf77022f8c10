"""A new purchase order (items found by name, code or barcode; the supplier's price, or the item's cost)
and goods received against an order, in full or in part, with the price paid; through
``app.services.purchasing`` (the same as ``po create`` and ``po receive``)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QWidget,
)

from app import i18n
from app.domain.money import format_inr, parse_inr
from app.domain.qty import format_qty, to_milli
from app.domain.records import Product
from app.errors import AppError, InputError, NotFound
from app.i18n import _
from app.services import purchasing
from app.session import Session
from app.store import catalog, parties
from app.ui.customers.dialogs import _FormDialog, _rupees
from app.ui.tables import cell


def _qty_text(qty_milli: int) -> str:
    return format_qty(qty_milli, "pcs").rsplit(" ", 1)[0]


class PurchaseOrderDialog(_FormDialog):
    """Type an item and press Enter to add it; quantities and prices can be changed in the list."""

    def __init__(self, session: Session, parent: QWidget | None = None, supplier_id: int | None = None) -> None:
        super().__init__(parent, _("New purchase order"))
        self.session = session
        self.setMinimumSize(760, 520)
        self.supplier = QComboBox()
        for s in parties.suppliers(session.store.db()):
            self.supplier.addItem(s.name, s.id)
        if supplier_id is not None:
            self.supplier.setCurrentIndex(max(self.supplier.findData(supplier_id), 0))
        self.item_box = QLineEdit()
        self.item_box.setPlaceholderText(_("Item name, code or barcode, then Enter"))
        self.item_box.installEventFilter(self)
        add = QPushButton(_("Add"))
        add.setAutoDefault(False)
        add.clicked.connect(self.add_typed)
        row = QHBoxLayout()
        row.addWidget(self.item_box, 1)
        row.addWidget(add)
        self.form.addRow(_("Supplier"), self.supplier)
        self.form.addRow(_("Item"), row)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([_("Item"), _("Unit"), _("Quantity"), _("Price each (₹)")])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(220)
        self.form.addRow(self.table)
        self.total = QLabel()
        self.form.addRow(self.total)
        self.products: list[Product] = []
        self.qty: list[QLineEdit] = []
        self.cost: list[QLineEdit] = []
        self.save_button.setText(_("Make the order"))
        self.save_button.setDefault(False)
        self.save_button.setAutoDefault(False)
        self.finish_layout()
        self.update_total()
        self.item_box.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the item box adds the item (instead of making a half-typed order)."""
        if watched is self.item_box and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.add_typed()
            return True
        return super().eventFilter(watched, event)

    def add_typed(self) -> None:
        text = self.item_box.text().strip()
        if not text:
            return
        found = catalog.search(self.session.store.db(), text, limit=1)
        if not found:
            self.error.setText(_("No item matches '{text}'.").format(text=text))
            return
        self.error.clear()
        self.add_product(found[0])
        self.item_box.clear()

    def add_product(self, product: Product, qty_milli: int | None = None) -> None:
        if product.sku in {p.sku for p in self.products}:
            self.qty[[p.sku for p in self.products].index(product.sku)].setFocus()
            return
        link = parties.supplier_product(self.session.store.db(), self.supplier.currentData() or 0, product.sku)
        cost = link.cost_paise if link is not None and link.cost_paise is not None else product.cost_paise
        qty = qty_milli or product.reorder_qty_milli or (link.case_size_milli if link else 0) or 1000
        r = self.table.rowCount()
        self.table.insertRow(r)
        self.table.setItem(r, 0, cell(product.name(i18n.language())))
        self.table.setItem(r, 1, cell(product.unit))
        qty_edit, cost_edit = QLineEdit(_qty_text(qty)), QLineEdit(_rupees(cost))
        for edit in (qty_edit, cost_edit):
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            edit.textChanged.connect(lambda _t: self.update_total())
        self.table.setCellWidget(r, 2, qty_edit)
        self.table.setCellWidget(r, 3, cost_edit)
        self.products.append(product)
        self.qty.append(qty_edit)
        self.cost.append(cost_edit)
        self.update_total()

    def lines(self) -> list[purchasing.PoLine]:
        return [purchasing.PoLine(sku=p.sku, qty_milli=to_milli(q.text().strip() or "0", p.unit),
                                  cost_paise=parse_inr(c.text()) if c.text().strip() else None)
                for p, q, c in zip(self.products, self.qty, self.cost, strict=True)]

    def update_total(self) -> None:
        try:
            total = sum((line.cost_paise or 0) * line.qty_milli // 1000 for line in self.lines())
        except AppError:  # half-typed numbers: the total waits for readable ones
            return
        self.total.setText(_("About {total}").format(total=format_inr(total)))

    def save(self) -> int:
        if self.supplier.currentData() is None:
            raise InputError(_("Add the supplier first."))
        return int(purchasing.create_purchase_order(self.session.ctx, supplier_id=self.supplier.currentData(),
                                                    lines=self.lines(), confirmed=self._confirmed).id)


class ReceiveDialog(_FormDialog):
    """What arrived against an order: everything still due is filled in; change what came short."""

    def __init__(self, session: Session, po_id: int, parent: QWidget | None = None) -> None:
        po = purchasing.get_po(session.store.db(), po_id)
        super().__init__(parent, _("Goods arrived against {po}").format(po=po.po_no))
        self.session, self.po = session, po
        self.setMinimumSize(720, 420)
        db = session.store.db()
        self.table = QTableWidget(len(po.lines), 5)
        self.table.setHorizontalHeaderLabels([_("Item"), _("Ordered"), _("Came before"), _("Arrived now"),
                                              _("Price paid each (₹)")])
        self.table.verticalHeader().setVisible(False)
        self.rows: list[tuple[str, str, QLineEdit, QLineEdit]] = []
        for r, line in enumerate(po.lines):
            product = catalog.get(db, line.sku)
            if product is None:
                raise NotFound(_("There is no item with code {sku}.").format(sku=line.sku))
            due = max(line.qty_milli - line.received_milli, 0)
            self.table.setItem(r, 0, cell(product.name(i18n.language())))
            self.table.setItem(r, 1, cell(format_qty(line.qty_milli, product.unit), right=True))
            self.table.setItem(r, 2, cell(format_qty(line.received_milli, product.unit) if line.received_milli
                                           else "", right=True))
            qty, cost = QLineEdit(_qty_text(due) if due else ""), QLineEdit(_rupees(line.cost_paise))
            for edit in (qty, cost):
                edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            qty.setEnabled(due > 0)
            self.table.setCellWidget(r, 3, qty)
            self.table.setCellWidget(r, 4, cost)
            self.rows.append((line.sku, product.unit, qty, cost))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(3, 120)
        self.table.setColumnWidth(4, 150)
        self.form.addRow(self.table)
        self.save_button.setText(_("Put in stock"))
        self.finish_layout()

    def save(self) -> int:
        received, costs = {}, {}
        for sku, unit, qty, cost in self.rows:
            if qty.isEnabled() and qty.text().strip():
                amount = to_milli(qty.text().strip(), unit)
                if amount:
                    received[sku] = amount
                    costs[sku] = parse_inr(cost.text())
        if not received:
            raise InputError(_("Say what arrived."))
        purchasing.receive_purchase_order(self.session.ctx, self.po.id, received=received, costs=costs)
        return self.po.id
