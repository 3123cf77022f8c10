""""Home delivery" at the counter (Ctrl+D): the bill on screen becomes a home-delivery order — the form asks
where to (address, area, PIN, phone) and how the customer pays at the door (cash or UPI), with the bill's
items, prices and customer already in it. Once saved, the bill leaves the counter (its stock now belongs to
the delivery order) and the order is on the Orders page's Home delivery tab."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QPushButton, QWidget

from app.domain.qty import format_qty
from app.i18n import _, language
from app.services import counter
from app.store import parties

if TYPE_CHECKING:
    from app.ui.deliveries.new_order import NewDeliveryDialog


class HomeDeliveryButton(QPushButton):
    """Belongs to the counter page (``page``), which it reads the bill from and drops it from."""

    def __init__(self, page: Any, parent: QWidget | None = None) -> None:
        super().__init__(_("Home delivery… (Ctrl+D)"), parent)
        self.setObjectName("counter-home-delivery")
        self.setAutoDefault(False)
        self.page = page
        self.dialog: NewDeliveryDialog | None = None
        self.clicked.connect(self.start)

    def start(self) -> None:
        page = self.page
        bill = page.bill
        if not bill.lines:
            page.say(_("Add the items to the bill first, then make it a home delivery."), error=True)
            return
        if bill.bill_discount_paise:
            page.say(_("A home delivery does not carry a discount on the whole bill: take it off (F5) or give it "
                       "on the items."), error=True)
            return
        from app.ui.deliveries.new_order import NewDeliveryDialog  # when asked for: not at start-up

        dialog = NewDeliveryDialog(page.session, parent=page)
        dialog.preload(bill.sale_lines(), [_line_text(bill, line) for line in bill.lines], source="counter")
        customer = parties.get_customer(page.session.store.db(), bill.customer_id) if bill.customer_id else None
        if customer is not None:
            dialog.customer_id = customer.id
            dialog.name.setText(customer.name)
            dialog.phone.setText(customer.phone or "")
        dialog.finished.connect(lambda _result: self._saved(bill, dialog))
        self.dialog = dialog
        dialog.open()

    def _saved(self, bill: Any, dialog: NewDeliveryDialog) -> None:
        page = self.page
        if dialog.order_id is None:
            page.command.setFocus()
            return
        if bill.draft_id is not None:
            counter.discard_bill(page.ctx, bill.draft_id)  # the stock went with the delivery order
        if page.bills and page.bill is bill:
            page._drop_current()
        page.say(_("Home delivery order {id} taken; it is on the Orders page (Home delivery).").format(
            id=dialog.order_id))
        page.command.setFocus()


def _line_text(bill: Any, line: Any) -> str:
    product = bill.products.get(line.sku)
    if product is None:
        return line.sku
    return f"{product.name(language())} × {format_qty(line.qty_milli, product.unit)}"
