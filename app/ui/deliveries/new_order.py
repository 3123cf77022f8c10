"""The form for a phone or WhatsApp order to deliver: who, where, what, and how they will pay at the door.

Items are found as at the counter (name, Hindi name, keyword, code or barcode); the total is priced by the
same service the counter uses, so what the seller reads out on the phone is what the bill will say."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.money import format_inr
from app.domain.qty import to_milli
from app.errors import AppError, InputError
from app.i18n import _, language
from app.services import deliveries, sales
from app.services.sales import SaleLine
from app.session import Session
from app.store import catalog as catalog_store
from app.ui.dialogs import show_error


def sources() -> list[tuple[str, str]]:
    return [("phone", _("Phone call")), ("whatsapp", _("WhatsApp")), ("counter", _("At the counter"))]


class NewDeliveryDialog(QDialog):
    """Take a home-delivery order; ``order_id`` holds its number once saved."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.order_id: int | None = None
        self.customer_id: int | None = None
        self.error: QWidget | None = None
        self.lines: list[SaleLine] = []
        self.setWindowTitle(_("New home-delivery order"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name = self._field("delivery-name", _("Customer's name"))
        self.phone = self._field("delivery-phone", _("10-digit mobile"))
        self.address = self._field("delivery-address", _("House, building, street"))
        self.area = self._field("delivery-area", _("Locality or lane"))
        self.pin = self._field("delivery-pin", _("6 digits"))
        self.pay_by = QComboBox()
        self.pay_by.setObjectName("delivery-pay")
        for code in ("cash", "upi"):
            self.pay_by.addItem(deliveries.pay_label(code), code)
        self.source = QComboBox()
        self.source.setObjectName("delivery-source")
        for code, text in sources():
            self.source.addItem(text, code)
        self.note = self._field("delivery-note", _("e.g. ring twice, after 6 pm"))
        for label, field in ((_("Name:"), self.name), (_("Phone:"), self.phone), (_("Address:"), self.address),
                              (_("Area:"), self.area), (_("PIN code:"), self.pin), (_("Pays by:"), self.pay_by),
                              (_("Order came by:"), self.source), (_("Note:"), self.note)):
            form.addRow(label, field)
        layout.addLayout(form)

        add = QHBoxLayout()
        self.item = self._field("delivery-item", _("Item name, code or barcode"))
        self.qty = self._field("delivery-qty", _("Qty"))
        self.qty.setText("1")
        self.qty.setMaximumWidth(80)
        self.add_button = QPushButton(_("&Add item"))
        self.add_button.setObjectName("delivery-add")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_item)
        self.item.returnPressed.connect(self.add_item)
        row1: list[QWidget] = [QLabel(_("Item:")), self.item, QLabel(_("Qty:")), self.qty, self.add_button]
        for widget in row1:
            add.addWidget(widget)
        layout.addLayout(add)
        self.list = QListWidget()
        self.list.setObjectName("delivery-lines")
        layout.addWidget(self.list, 1)
        self.total = QLabel()
        self.total.setObjectName("delivery-total")
        layout.addWidget(self.total)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("&Save order"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 560)
        self._show_total()

    def _field(self, name: str, hint: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setPlaceholderText(hint)
        return edit

    def add_item(self) -> None:
        text = self.item.text().strip()
        if not text:
            return
        try:
            found = catalog_store.search(self.session.store.db(), text, limit=1)
            if not found:
                raise InputError(_("No item matches '{text}'.").format(text=text))
            product = found[0]
            line = SaleLine(sku=product.sku, qty_milli=to_milli(self.qty.text().strip() or "1", product.unit))
            sales.quote_sale(self.session.ctx, lines=[*self.lines, line], confirmed=True)
        except AppError as exc:
            self.error = show_error(self, exc, title=_("New home-delivery order"))
            return
        self.lines.append(line)
        self.list.addItem(f"{product.name(language())} × {self.qty.text().strip() or '1'}")
        self.item.clear()
        self.qty.setText("1")
        self._show_total()

    def _show_total(self) -> None:
        if not self.lines:
            self.total.setText(_("No items yet."))
            return
        quote = sales.quote_sale(self.session.ctx, lines=self.lines, confirmed=True)
        self.total.setText(_("Total to collect: {total}").format(total=format_inr(quote.total_paise)))

    def preload(self, lines: list[SaleLine], names: list[str], *, source: str = "counter") -> None:
        """Start from a bill's lines (the counter's "Home delivery"), priced as they were."""
        self.lines = list(lines)
        self.list.clear()
        self.list.addItems(names)
        self.source.setCurrentIndex(max(0, self.source.findData(source)))
        self._show_total()

    def new_delivery(self) -> deliveries.NewDelivery:
        return deliveries.NewDelivery(
            customer_name=self.name.text(), phone=self.phone.text(), address=self.address.text(),
            area=self.area.text(), pin=self.pin.text(), pay_by=str(self.pay_by.currentData()),
            source=str(self.source.currentData()), note=self.note.text(), lines=list(self.lines),
            customer_id=self.customer_id)

    def save(self) -> None:
        try:
            self.order_id = deliveries.create(self.session.ctx, self.new_delivery(), confirmed=True).id
        except AppError as exc:
            self.error = show_error(self, exc, title=_("New home-delivery order"))
            return
        self.accept()
