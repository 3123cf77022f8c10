"""Moving an item's stock from the window: goods received, a shelf count, a correction, a write-off.

Each goes through ``app.services.inventory`` (the same as ``stock receive/count/adjust/waste``); a
correction and a write-off need a reason, which the shop's log keeps.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.money import parse_inr
from app.domain.qty import format_qty, to_milli
from app.domain.records import Product
from app.errors import AppError, InputError
from app.i18n import _
from app.services import inventory
from app.session import Session
from app.store import stock as stock_store

KINDS = ("receive", "count", "adjust", "wastage")


def kind_names() -> dict[str, str]:
    return {"receive": _("Goods received"), "count": _("Shelf count"), "adjust": _("Correct the books (+ or -)"),
            "wastage": _("Write off (expired, damaged)")}


class StockDialog(QDialog):
    """Emits ``saved(sku)`` once the stock moved."""

    saved = Signal(str)

    def __init__(self, session: Session, product: Product, parent: QWidget | None = None,
                 kind: str = "receive") -> None:
        super().__init__(parent)
        self.session = session
        self.product = product
        self.setWindowTitle(_("Stock of {name}").format(name=product.name_en))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        on_hand = stock_store.on_hand(session.store.db(), product.sku)
        self.on_hand = QLabel(_("In stock now: {qty}").format(qty=format_qty(on_hand, product.unit)))
        layout.addWidget(self.on_hand)
        form = QFormLayout()
        self.kind = QComboBox()
        for key, name in kind_names().items():
            self.kind.addItem(name, key)
        self.qty = QLineEdit()
        self.qty_label = QLabel()
        self.cost = QLineEdit()
        self.expires = QLineEdit()
        self.expires.setPlaceholderText(_("YYYY-MM-DD"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(_("Why? e.g. found in the store room, rats, expired"))
        form.addRow(_("What happened"), self.kind)
        form.addRow(self.qty_label, self.qty)
        self.cost_label = QLabel(_("Cost per unit (₹)"))
        form.addRow(self.cost_label, self.cost)
        self.expires_label = QLabel(_("Best before"))
        form.addRow(self.expires_label, self.expires)
        self.reason_label = QLabel(_("Reason"))
        form.addRow(self.reason_label, self.reason)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b42318;")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(_("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("save")
        self.save_button.setDefault(True)
        cancel = buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self.save)
        cancel.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self._kind_changed()
        self.qty.setFocus()

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        labels = {"receive": _("Quantity received ({unit})"), "count": _("Counted on the shelf ({unit})"),
                  "adjust": _("Add (+) or take away (-) ({unit})"), "wastage": _("Quantity thrown away ({unit})")}
        self.qty_label.setText(labels[kind].format(unit=self.product.unit))
        for widget in (self.cost, self.cost_label, self.expires, self.expires_label):
            widget.setVisible(kind == "receive")
        for widget in (self.reason, self.reason_label):
            widget.setVisible(kind in ("adjust", "wastage"))

    def save(self) -> None:
        try:
            self._save()
        except AppError as exc:
            self.error.setText(exc.message + (f" {exc.hint}" if exc.hint else ""))
            return
        self.accept()
        self.saved.emit(self.product.sku)

    def _save(self) -> None:
        ctx, sku, unit, kind = self.session.ctx, self.product.sku, self.product.unit, self.kind.currentData()
        text = self.qty.text().strip().replace(" ", "")
        if not text:
            raise InputError(_("Type the quantity."))
        reason = self.reason.text().strip()
        if kind in ("adjust", "wastage") and not reason:
            raise InputError(_("Say why, so the shop's log shows it later."))
        if kind == "adjust":
            sign = -1 if text.startswith("-") else 1
            inventory.adjust_stock(ctx, sku, sign * to_milli(text.lstrip("+-"), unit), note=reason)
        elif kind == "count":
            inventory.count_stock(ctx, sku, to_milli(text, unit))
        elif kind == "wastage":
            inventory.record_wastage(ctx, sku, to_milli(text, unit), note=reason)
        else:
            cost = parse_inr(self.cost.text()) if self.cost.text().strip() else None
            expires = None
            if self.expires.text().strip():
                try:
                    expires = date.fromisoformat(self.expires.text().strip())
                except ValueError:
                    raise InputError(_("'{day}' is not a date; write it like 2026-03-31.").format(
                        day=self.expires.text().strip())) from None
            inventory.receive_stock(ctx, sku, to_milli(text, unit), unit_cost_paise=cost, expires_on=expires)
