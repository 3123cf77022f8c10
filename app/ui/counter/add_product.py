"""A scanned barcode the shop does not know yet: add the item right there, then it goes on the bill.

Only what a bill needs is asked: name (Hindi optional), price, MRP, GST rate, unit; the item's code is
the barcode. The rest can be filled in later on the Items tab. Non-blocking: ``created(sku)`` or
``cancelled()``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.money import parse_inr
from app.errors import AppError
from app.i18n import _
from app.services import catalog
from app.services.context import ServiceContext
from app.ui.dialogs import AnswerOnceDialog

__all__ = ["RATES", "UNITS", "AddProductDialog"]

RATES = (0, 500, 1800, 4000)
UNITS = ("pcs", "pack", "kg", "g", "l", "ml", "box", "dozen")


class AddProductDialog(AnswerOnceDialog):
    created = Signal(str)

    def __init__(self, parent: QWidget | None, ctx: ServiceContext, barcode: str) -> None:
        super().__init__(parent)
        self.setObjectName("add-product-dialog")
        self.setWindowTitle(_("Add this item"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setMinimumWidth(520)
        self.ctx, self.barcode = ctx, barcode
        layout = QVBoxLayout(self)
        intro = QLabel(_("The barcode {code} is not in your items yet. Add it now and it goes on the bill.").format(
            code=barcode))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setObjectName("new-name")
        self.name_hi = QLineEdit()
        self.name_hi.setObjectName("new-name-hi")
        self.price = QLineEdit()
        self.price.setObjectName("new-price")
        self.mrp = QLineEdit()
        self.mrp.setObjectName("new-mrp")
        self.mrp.setPlaceholderText(_("printed on the pack; empty for loose goods"))
        self.rate = QComboBox()
        self.rate.setObjectName("new-rate")
        for rate in RATES:
            self.rate.addItem(f"{rate // 100}%", rate)
        self.rate.setCurrentIndex(1)
        self.unit = QComboBox()
        self.unit.setObjectName("new-unit")
        self.unit.addItems(UNITS)
        form.addRow(_("Name:"), self.name)
        form.addRow(_("Name in Hindi:"), self.name_hi)
        form.addRow(_("Selling price (₹):"), self.price)
        form.addRow(_("MRP (₹):"), self.mrp)
        form.addRow(_("GST rate:"), self.rate)
        form.addRow(_("Sold by:"), self.unit)
        layout.addLayout(form)
        self.error = QLabel("")
        self.error.setObjectName("new-error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b42318;")
        layout.addWidget(self.error)
        row = QHBoxLayout()
        row.addStretch(1)
        cancel = QPushButton(_("Cancel"))
        cancel.clicked.connect(self.reject)
        self.save_button = QPushButton(_("Add and put on the bill"))
        self.save_button.setObjectName("new-save")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        row.addWidget(cancel)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        for box in (self.name, self.name_hi, self.price, self.mrp):
            box.returnPressed.connect(self.save)
        self.name.setFocus()

    def save(self) -> None:
        if self._answered:
            return
        try:
            if not self.price.text().strip():
                raise AppError(_("Type the selling price."))
            mrp = parse_inr(self.mrp.text()) if self.mrp.text().strip() else None
            catalog.create_product(self.ctx, sku=self.barcode, barcode=self.barcode, name_en=self.name.text(),
                                   name_hi=self.name_hi.text(), price_paise=parse_inr(self.price.text()),
                                   mrp_paise=mrp, gst_rate_bp=self.rate.currentData(), unit=self.unit.currentText())
        except AppError as error:
            self.error.setText(str(error))
            return
        self.answer()
        self.created.emit(self.barcode)


