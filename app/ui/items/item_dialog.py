"""Adding an item or changing one: names, codes, tax, MRP, price and cost, with the margin shown as the
price is typed and a price above MRP refused before Save.

Saving goes through ``app.services.catalog`` (the same checks as ``product add/edit/price``); a price
below cost is the seller's decision, asked once ("Save anyway").
"""

from __future__ import annotations

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

from app import config, i18n
from app.domain import pricing
from app.domain.money import format_inr, parse_inr
from app.domain.qty import UNITS, format_qty, to_milli
from app.domain.records import Product
from app.errors import AppError, InputError, NeedsConfirmation
from app.i18n import _
from app.services import catalog as catalog_service
from app.services import settings as settings_service
from app.session import Session
from app.store import catalog as catalog_store

GST_CHOICES = (None, 0, 25, 300, 500, 1200, 1800, 2800, 4000)
BAD_STYLE = "color: #b42318;"
OK_STYLE = "color: #067647;"


def _rupees(paise: int | None) -> str:
    return "" if paise is None else format_inr(paise, symbol=False).replace(",", "")


class ItemDialog(QDialog):
    """``product=None`` adds a new item. Emits ``saved(sku)``; ``error`` shows what was refused."""

    saved = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None, product: Product | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.product = product
        self._confirmed = False
        self.setWindowTitle(_("Change the item") if product else _("New item"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.sku = QLineEdit(product.sku if product else "")
        self.sku.setEnabled(product is None)
        self.name_en = QLineEdit(product.name_en if product else "")
        self.name_hi = QLineEdit(product.name_hi if product else "")
        self.barcode = QLineEdit(product.barcode or "" if product else "")
        self.unit = QComboBox()
        for unit in UNITS:
            self.unit.addItem(unit, unit)
        self.unit.setCurrentIndex(self.unit.findData(product.unit if product else "pcs"))
        self.category = QComboBox()
        self.category.addItem(_("(none)"), None)
        language = i18n.language()
        for found in catalog_store.categories(session.store.db()):
            self.category.addItem(found.name_hi if language == "hi" and found.name_hi else found.name_en, found.code)
        if product and product.category:
            self.category.setCurrentIndex(max(0, self.category.findData(product.category)))
        self.hsn = QLineEdit(product.hsn_code if product else "")
        self.gst = QComboBox()
        for rate in GST_CHOICES:
            self.gst.addItem(_("From the HSN code") if rate is None else f"{rate / 100:g}%", rate)
        self.gst.setCurrentIndex(max(0, self.gst.findData(product.gst_rate_bp if product else None)))
        self.mrp = QLineEdit(_rupees(product.mrp_paise) if product else "")
        self.price = QLineEdit(_rupees(product.price_paise) if product else "")
        self.cost = QLineEdit(_rupees(product.cost_paise) if product else "")
        self.margin = QLabel()
        self.margin.setWordWrap(True)
        self.stock = QLineEdit()
        self.reorder = QLineEdit(format_qty(product.reorder_point_milli, product.unit).split(" ")[0]
                                 if product and product.reorder_point_milli else "")
        form.addRow(_("Item code"), self.sku)
        form.addRow(_("Name"), self.name_en)
        form.addRow(_("Name in Hindi"), self.name_hi)
        form.addRow(_("Barcode"), self.barcode)
        form.addRow(_("Unit"), self.unit)
        form.addRow(_("Category"), self.category)
        form.addRow(_("HSN code"), self.hsn)
        form.addRow(_("GST %"), self.gst)
        form.addRow(_("MRP (₹)"), self.mrp)
        form.addRow(_("Selling price (₹)"), self.price)
        form.addRow(_("Cost price (₹)"), self.cost)
        form.addRow("", self.margin)
        if product is None:
            form.addRow(_("Opening stock"), self.stock)
        form.addRow(_("Reorder at"), self.reorder)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(BAD_STYLE)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(_("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("save")
        self.save_button.setDefault(True)
        cancel = buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self.save)
        cancel.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self._floor = settings_service.get(session.store, config.MARGIN_FLOOR_BP)
        for edit in (self.mrp, self.price, self.cost):
            edit.textChanged.connect(self.check_price)
        self.check_price()
        (self.name_en if product else self.sku).setFocus()

    def _amount(self, edit: QLineEdit) -> int | None:
        text = edit.text().strip()
        return parse_inr(text) if text else None

    def check_price(self) -> bool:
        """Show the margin; refuse a price above MRP as it is typed. True when the price can be saved."""
        self._confirmed = False
        self.save_button.setText(_("Save"))
        try:
            mrp, price, cost = self._amount(self.mrp), self._amount(self.price), self._amount(self.cost) or 0
        except AppError as exc:
            self.margin.setStyleSheet(BAD_STYLE)
            self.margin.setText(exc.message)
            return False
        if price is None:
            self.margin.clear()
            return False
        if mrp is not None and price > mrp:
            self.margin.setStyleSheet(BAD_STYLE)
            self.margin.setText(_("The price is above the MRP ({mrp}); it cannot be sold for more.").format(
                mrp=format_inr(mrp)))
            return False
        if not cost:
            self.margin.clear()
            return True
        margin = pricing.margin_bp(price, cost)
        text = _("Margin {margin}% ({amount} on each)").format(margin=f"{margin / 100:.1f}",
                                                               amount=format_inr(price - cost))
        if margin < self._floor:
            text += " — " + _("below the shop's floor of {floor}%").format(floor=f"{self._floor / 100:g}")
        self.margin.setStyleSheet(OK_STYLE if margin >= self._floor else BAD_STYLE)
        self.margin.setText(text)
        return True

    def save(self) -> None:
        try:
            sku = self._save()
        except NeedsConfirmation as exc:
            self.error.setText(exc.message + (f" {exc.hint}" if exc.hint else ""))
            self._confirmed = True
            self.save_button.setText(_("Save anyway"))
            return
        except AppError as exc:
            self.error.setText(exc.message + (f" {exc.hint}" if exc.hint else ""))
            return
        self.error.clear()
        self.accept()
        self.saved.emit(sku)

    def _details(self, unit: str) -> dict:
        reorder = self.reorder.text().strip()
        return {"name_en": self.name_en.text(), "name_hi": self.name_hi.text(), "barcode": self.barcode.text().strip(),
                "unit": unit, "category": self.category.currentData(), "hsn_code": self.hsn.text().strip(),
                "gst_rate_bp": self.gst.currentData(), "cost_paise": self._amount(self.cost) or 0,
                "reorder_point_milli": to_milli(reorder, unit) if reorder else 0}

    def _save(self) -> str:
        ctx, confirmed = self.session.ctx, self._confirmed
        unit = self.unit.currentData()
        price = self._amount(self.price)
        if price is None:
            self.price.setFocus()
            raise InputError(_("The item has no selling price."))
        mrp = self._amount(self.mrp)
        details = self._details(unit)
        if self.product is None:
            stock = self.stock.text().strip()
            changes = catalog_service.create_product(
                ctx, sku=self.sku.text(), price_paise=price, mrp_paise=mrp, confirmed=confirmed,
                opening_stock_milli=to_milli(stock, unit) if stock else 0, **details)
            return str(changes.id)
        product = self.product
        pricing.confirm_not_below_cost(price, details["cost_paise"], confirmed=confirmed, what=product.name_en)
        details["barcode"] = details["barcode"] or None
        changed = {k: v for k, v in details.items() if getattr(product, k) != v}
        with ctx.store.write():  # details and price together, or neither
            if changed:
                catalog_service.update_product(ctx, product.sku, confirmed=True, **changed)
            if price != product.price_paise or mrp != product.mrp_paise:
                catalog_service.change_price(ctx, product.sku, price_paise=price, mrp_paise=mrp, confirmed=True)
        return product.sku
