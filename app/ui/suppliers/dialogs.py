"""A supplier's details (new or changed), a payment to a supplier, and a supplier's purchase bill with its
input GST, through ``app.services.suppliers``, ``supplier_payments`` and ``gst_returns`` (the same as
``supplier add``, ``payable pay`` and ``purchase-bill``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QLineEdit, QTableWidget, QTableWidgetItem, QWidget

from app.domain.gst import format_rate
from app.domain.money import div_round, format_inr, parse_inr
from app.domain.records import Supplier
from app.errors import AppError, InputError
from app.i18n import _
from app.services import gst_returns, supplier_payments, suppliers
from app.session import Session
from app.store import supplier_ledger
from app.ui.customers.dialogs import _FormDialog, _rupees

BILL_RATES_BP = (0, 500, 1200, 1800, 2800, 4000)  # the GST rates a kirana's purchase bills carry


def _whole(text: str, what: str) -> int:
    text = text.strip()
    if not text:
        return 0
    if not text.isdigit():
        raise InputError(_("{what} must be a whole number.").format(what=what))
    return int(text)


class SupplierDialog(_FormDialog):
    """``supplier=None`` adds a supplier."""

    def __init__(self, session: Session, parent: QWidget | None = None, supplier: Supplier | None = None) -> None:
        super().__init__(parent, _("Change the supplier") if supplier else _("New supplier"))
        self.session, self.supplier = session, supplier
        self.name = QLineEdit(supplier.name if supplier else "")
        self.contact = QLineEdit(supplier.contact_person if supplier else "")
        self.phone = QLineEdit(supplier.phone or "" if supplier else "")
        self.whatsapp = QLineEdit(supplier.whatsapp or "" if supplier else "")
        self.whatsapp.setPlaceholderText(_("the phone number, if empty"))
        self.gstin = QLineEdit(supplier.gstin or "" if supplier else "")
        self.address = QLineEdit(supplier.address if supplier else "")
        self.lead = QLineEdit(str(supplier.lead_time_days) if supplier else "2")
        self.terms = QLineEdit(str(supplier.payment_terms_days) if supplier else "0")
        self.minimum = QLineEdit(_rupees(supplier.min_order_paise) if supplier and supplier.min_order_paise else "")
        self.form.addRow(_("Name"), self.name)
        self.form.addRow(_("Contact person"), self.contact)
        self.form.addRow(_("Phone"), self.phone)
        self.form.addRow(_("WhatsApp"), self.whatsapp)
        self.form.addRow(_("GSTIN"), self.gstin)
        self.form.addRow(_("Address"), self.address)
        self.form.addRow(_("Delivers in (days)"), self.lead)
        self.form.addRow(_("Credit (days to pay)"), self.terms)
        self.form.addRow(_("Smallest order (₹)"), self.minimum)
        self.finish_layout()
        self.name.setFocus()

    def save(self) -> int:
        details: dict[str, Any] = {"name": self.name.text(), "contact_person": self.contact.text().strip(),
                   "phone": self.phone.text().strip() or None, "whatsapp": self.whatsapp.text().strip() or None,
                   "gstin": self.gstin.text().strip().upper() or None, "address": self.address.text().strip(),
                   "lead_time_days": _whole(self.lead.text(), _("Delivers in (days)")),
                   "payment_terms_days": _whole(self.terms.text(), _("Credit (days to pay)")),
                   "min_order_paise": parse_inr(self.minimum.text()) if self.minimum.text().strip() else 0}
        ctx = self.session.ctx
        if self.supplier is None:
            return int(suppliers.create_supplier(ctx, **details).id)
        current = self.supplier
        changed = {k: v for k, v in details.items() if getattr(current, k) != v}
        if changed:
            suppliers.update_supplier(ctx, current.id, **changed)
        return current.id


class SupplierPaymentDialog(_FormDialog):
    """Money paid to a supplier; more than is owed is kept as an advance, after asking."""

    def __init__(self, session: Session, supplier_id: int, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, _("Payment to {name}").format(name=name))
        self.session, self.supplier_id = session, supplier_id
        owed = supplier_ledger.owed(session.store.db(), supplier_id)
        self.owed = QLabel(_("The shop owes {amount}").format(amount=format_inr(max(owed, 0))))
        self.amount = QLineEdit(_rupees(owed) if owed > 0 else "")
        self.method = QComboBox()
        for key, label in (("cash", _("Cash")), ("upi", _("UPI")), ("bank", _("Bank transfer")),
                           ("cheque", _("Cheque"))):
            self.method.addItem(label, key)
        self.reference = QLineEdit()
        self.reference.setPlaceholderText(_("UTR or cheque number (optional)"))
        self.form.addRow(self.owed)
        self.form.addRow(_("Amount paid (₹)"), self.amount)
        self.form.addRow(_("Paid by"), self.method)
        self.form.addRow(_("Reference"), self.reference)
        self.save_button.setText(_("Record the payment"))
        self.finish_layout()
        self.amount.selectAll()
        self.amount.setFocus()

    def save(self) -> int:
        supplier_payments.pay_supplier(self.session.ctx, self.supplier_id, parse_inr(self.amount.text()),
                                       method=self.method.currentData(), reference=self.reference.text(),
                                       confirmed=self._confirmed)
        return self.supplier_id


class PurchaseBillDialog(_FormDialog):
    """A supplier's tax invoice as received: its number and date, and the taxable value at each GST rate;
    the tax is worked out (or typed as the bill states it). Gives input tax credit in the GST returns."""

    def __init__(self, session: Session, supplier_id: int, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, _("Purchase bill from {name}").format(name=name))
        self.session, self.supplier_id = session, supplier_id
        self.setMinimumWidth(600)
        self.bill_no = QLineEdit()
        self.bill_no.setMaxLength(16)
        today = session.ctx.today()
        self.bill_date = QDateEdit(QDate(today.year, today.month, today.day))
        self.bill_date.setCalendarPopup(True)
        self.bill_date.setDisplayFormat("dd-MM-yyyy")
        self.form.addRow(_("Supplier's bill number"), self.bill_no)
        self.form.addRow(_("Bill date"), self.bill_date)
        self.rates = QTableWidget(len(BILL_RATES_BP), 3)
        self.rates.setHorizontalHeaderLabels([_("GST rate"), _("Taxable value (₹)"), _("GST on the bill (₹)")])
        self.rates.verticalHeader().setVisible(False)
        self.taxable: list[QLineEdit] = []
        self.tax: list[QLineEdit] = []
        for r, rate in enumerate(BILL_RATES_BP):
            label = QTableWidgetItem(format_rate(rate))
            label.setFlags(label.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.rates.setItem(r, 0, label)
            taxable, tax = QLineEdit(), QLineEdit()
            tax.setPlaceholderText(_("worked out"))
            for edit in (taxable, tax):
                edit.setAlignment(Qt.AlignmentFlag.AlignRight)
                edit.textChanged.connect(lambda _t: self.update_total())
            self.rates.setCellWidget(r, 1, taxable)
            self.rates.setCellWidget(r, 2, tax)
            self.taxable.append(taxable)
            self.tax.append(tax)
        self.rates.resizeColumnsToContents()
        self.rates.setColumnWidth(1, 170)
        self.rates.setColumnWidth(2, 170)
        self.rates.setMinimumHeight(230)
        self.form.addRow(self.rates)
        self.total = QLabel()
        self.form.addRow(self.total)
        self.save_button.setText(_("Record the bill"))
        self.finish_layout()
        self.update_total()
        self.bill_no.setFocus()

    def lines(self) -> list[gst_returns.BillLine]:
        found = []
        for rate, taxable, tax in zip(BILL_RATES_BP, self.taxable, self.tax, strict=True):
            if taxable.text().strip():
                found.append(gst_returns.BillLine(
                    rate_bp=rate, taxable_paise=parse_inr(taxable.text()),
                    tax_paise=parse_inr(tax.text()) if tax.text().strip() else None))
        return found

    def update_total(self) -> None:
        try:
            lines = self.lines()
        except AppError:  # half-typed amounts: the total waits for a readable one
            self.total.setText("")
            return
        taxable = sum(line.taxable_paise for line in lines)
        tax = sum(div_round(line.taxable_paise * line.rate_bp, 10_000) if line.tax_paise is None else line.tax_paise
                  for line in lines)
        self.total.setText(_("Taxable {taxable} + GST {tax} = {total}").format(
            taxable=format_inr(taxable), tax=format_inr(tax), total=format_inr(taxable + tax)))

    def save(self) -> int:
        qdate = self.bill_date.date()
        day = date(qdate.year(), qdate.month(), qdate.day())
        gst_returns.record_purchase_bill(self.session.ctx, bill_no=self.bill_no.text(), bill_date=day,
                                         lines=self.lines(), supplier_id=self.supplier_id)
        return self.supplier_id
