"""One past bill on screen: its lines (with what has already come back), its payments and the credit
notes against it; from here it can be printed again or goods taken back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.gst import format_rate
from app.domain.money import format_inr
from app.domain.qty import format_qty
from app.errors import NotFound
from app.i18n import _
from app.services import returns
from app.session import Session
from app.store import orders as order_store
from app.ui.printing.document import method_name, order_document


def kind_name(kind: str, doc_type: str, status: str, *, memo: bool = False) -> str:
    """What a row of the bill list is, in the seller's words."""
    if kind == "return":
        return _("Credit note")
    if status == "cancelled":
        return _("Cancelled")
    if memo:
        return _("Cash memo")
    return {"tax_invoice": _("Tax invoice"), "bill_of_supply": _("Bill of supply")}.get(doc_type, _("Bill"))


def methods_text(methods: str) -> str:
    return ", ".join(method_name(m) for m in methods.split(",") if m)


def _cell(text: str, *, right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class BillDialog(QDialog):
    def __init__(self, session: Session, order_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        db = session.store.db()
        order = order_store.get(db, order_id)
        if order is None:
            raise NotFound(_("There is no order number {id}.").format(id=order_id))
        doc = order_document(session, order_id)
        self.order = order
        self.setWindowTitle(f"{doc.title} {doc.number}")
        self.setMinimumSize(720, 440)
        layout = QVBoxLayout(self)
        head = QLabel(f"<b>{doc.title} {doc.number}</b> · {doc.when}"
                      + (f"<br>{', '.join(doc.buyer)}" if doc.buyer else "")
                      + (f"<br>{doc.notice}" if doc.notice else ""))
        head.setWordWrap(True)
        head.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(head)
        back = returns.returned_so_far(db, order_id) if order.kind == "sale" else {}
        self.lines = QTableWidget(len(order.lines), 7)
        self.lines.setHorizontalHeaderLabels(["#", _("Item"), _("Qty"), _("Rate"), _("GST"), _("Amount"),
                                              _("Came back")])
        self.lines.verticalHeader().setVisible(False)
        self.lines.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for r, (line, shown) in enumerate(zip(order.lines, doc.lines, strict=True)):
            came_back = back.get(line.line_no, 0)
            values = (str(line.line_no), shown.name, format_qty(line.qty_milli, line.unit),
                      format_inr(line.unit_price_paise), format_rate(line.gst_rate_bp),
                      format_inr(line.total_paise), format_qty(came_back, line.unit) if came_back else "")
            for c, value in enumerate(values):
                self.lines.setItem(r, c, _cell(value, right=c in (2, 3, 4, 5, 6)))
        self.lines.resizeColumnsToContents()
        self.lines.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.lines, 1)
        money = [f"{_('Total')}: <b>{format_inr(order.total_paise)}</b>"]
        money += [f"{label}: {amount}" for label, amount in doc.payments]
        notes = order_store.credit_notes_of(db, order_id)
        money += [_("Credit note {number}: {amount}").format(number=n, amount=format_inr(t)) for n, t in notes]
        self.totals = QLabel("<br>".join(money))
        self.totals.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.totals)
        buttons = QDialogButtonBox()
        self.reprint_button = buttons.addButton(_("&Print again"), QDialogButtonBox.ButtonRole.ActionRole)
        self.return_button = buttons.addButton(_("&Goods back (credit note)"), QDialogButtonBox.ButtonRole.ActionRole)
        self.return_button.setEnabled(order.kind == "sale" and order.status in ("completed", "delivered"))
        close = buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        close.setDefault(True)
        layout.addWidget(buttons)
        self.lines.setFocus()
