"""The first-run wizard: the shop's name and address, its GST registration (checked as it is typed), the
UPI id, the bill number prefix and the language, then how to start: an item list, no items, or the demo.

It only gathers answers and checks them with the domain's own checks; making the shop is the start-up
flow's job. Shown with ``open()``; answers once through ``answered(dict)`` or ``cancelled()``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app import i18n
from app.domain.codes import check_gstin, check_phone, check_upi_id
from app.domain.fy import check_prefix
from app.domain.gst import STATES
from app.errors import AppError
from app.i18n import _
from app.ui.setup.limits_step import add_limits_step
from app.ui.setup.printer_step import PrinterStep

# Steps between the tax details and "your items", each its own module: a QWizardPage with answers() and
# save_machine(machine) (see printer_step). One line a step.
STEPS: list[type[QWizardPage]] = [
    PrinterStep,
]

OK_STYLE = "color: #067647;"
BAD_STYLE = "color: #b42318;"
ITEM_FILES = "Item lists (*.xlsx *.csv);;Excel (*.xlsx);;CSV (*.csv)"


def _note() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    return label


def _show(label: QLabel, ok: bool, text: str) -> None:
    label.setText(text)
    label.setStyleSheet(OK_STYLE if ok else BAD_STYLE)


class _CheckedPage(QWizardPage):
    """A page whose Next button is enabled only when ``ready()`` says so."""

    def ready(self) -> bool:
        return True

    def isComplete(self) -> bool:
        return self.ready()


class ShopPage(_CheckedPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_("Your shop"))
        self.setSubTitle(_("The name and address printed on every bill."))
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("e.g. Sharma General Store"))
        self.address = QLineEdit()
        self.city = QLineEdit()
        self.pincode = QLineEdit()
        self.pincode.setMaxLength(6)
        self.state = QComboBox()
        self.state.addItem(_("Choose the state"), "")
        for code, name in sorted(STATES.items(), key=lambda kv: kv[1]):
            self.state.addItem(f"{name} ({code})", code)
        self.phone = QLineEdit()
        self.phone_note = _note()
        form.addRow(_("Shop name"), self.name)
        form.addRow(_("Address"), self.address)
        form.addRow(_("City"), self.city)
        form.addRow(_("PIN code"), self.pincode)
        form.addRow(_("State of the shop"), self.state)
        form.addRow(_("Phone"), self.phone)
        form.addRow("", self.phone_note)
        for edit in (self.name, self.phone):
            edit.textChanged.connect(self._changed)
        self.state.currentIndexChanged.connect(self._changed)

    def _changed(self) -> None:
        phone = self.phone.text().strip()
        if phone:
            try:
                check_phone(phone)
                _show(self.phone_note, True, "")
            except AppError as exc:
                _show(self.phone_note, False, exc.message)
        else:
            self.phone_note.clear()
        self.completeChanged.emit()

    def ready(self) -> bool:
        if not self.name.text().strip() or not self.state.currentData():
            return False
        try:
            if self.phone.text().strip():
                check_phone(self.phone.text())
        except AppError:
            return False
        return True


class TaxPage(_CheckedPage):
    def __init__(self, shop: ShopPage) -> None:
        super().__init__()
        self.shop = shop
        self.setTitle(_("GST and payments"))
        self.setSubTitle(_("How the shop is registered for GST decides what its bills must show."))
        layout = QVBoxLayout(self)
        self.schemes = QButtonGroup(self)
        self.scheme_buttons: dict[str, QRadioButton] = {}
        for key, label in (("regular", _("Registered, regular GST (tax invoices)")),
                           ("composition", _("Registered, composition scheme (bills of supply)")),
                           ("unregistered", _("Not registered for GST"))):
            button = QRadioButton(label)
            button.setObjectName(f"scheme-{key}")
            self.schemes.addButton(button)
            self.scheme_buttons[key] = button
            layout.addWidget(button)
        self.scheme_buttons["regular"].setChecked(True)
        form = QFormLayout()
        self.gstin = QLineEdit()
        self.gstin.setMaxLength(15)
        self.gstin.setPlaceholderText("27AAPFU0939F1ZV")
        self.gstin_note = _note()
        self.upi = QLineEdit()
        self.upi.setPlaceholderText(_("e.g. sharmastore@okhdfcbank"))
        self.upi_note = _note()
        self.prefix = QLineEdit("INV")
        self.prefix.setMaxLength(5)
        self.prefix_note = _note()
        self.language = QComboBox()
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(i18n.language())))
        form.addRow(_("GSTIN"), self.gstin)
        form.addRow("", self.gstin_note)
        form.addRow(_("UPI id for QR payments"), self.upi)
        form.addRow("", self.upi_note)
        form.addRow(_("Bill numbers start with"), self.prefix)
        form.addRow("", self.prefix_note)
        form.addRow(_("Language"), self.language)
        layout.addLayout(form)
        for edit in (self.gstin, self.upi, self.prefix):
            edit.textChanged.connect(self.check)
        self.schemes.buttonToggled.connect(lambda *_args: self.check())

    def initializePage(self) -> None:
        self.check()

    def scheme(self) -> str:
        return next(key for key, button in self.scheme_buttons.items() if button.isChecked())

    def check(self) -> None:
        """Say at once what is wrong with what was typed (the domain's own checks)."""
        registered = self.scheme() != "unregistered"
        self.gstin.setEnabled(registered)
        self.gstin_note.setVisible(registered)
        text = self.gstin.text().strip()
        if registered:
            if not text:
                _show(self.gstin_note, False, _("A GST-registered shop needs its GSTIN."))
            else:
                try:
                    valid = check_gstin(text, state=self.shop.state.currentData() or None)
                    _show(self.gstin_note, True, _("Valid GSTIN, registered in {state}.").format(
                        state=STATES.get(valid[:2], valid[:2])))
                except AppError as exc:
                    _show(self.gstin_note, False, exc.message)
        for edit, note, check, empty_ok in ((self.upi, self.upi_note, check_upi_id, True),
                                            (self.prefix, self.prefix_note, check_prefix, False)):
            value = edit.text().strip()
            if not value and empty_ok:
                note.clear()
                continue
            try:
                check(value)
                _show(note, True, "✓")
            except AppError as exc:
                _show(note, False, exc.message + (f" {exc.hint}" if exc.hint else ""))
        self.completeChanged.emit()

    def ready(self) -> bool:
        try:
            if self.scheme() != "unregistered":
                check_gstin(self.gstin.text(), state=self.shop.state.currentData() or None)
            if self.upi.text().strip():
                check_upi_id(self.upi.text())
            check_prefix(self.prefix.text())
        except AppError:
            return False
        return True


class StartPage(_CheckedPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_("Your items"))
        self.setSubTitle(_("Bring in the items you sell, or add them one by one later."))
        layout = QVBoxLayout(self)
        self.choices = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for key, label in (("import", _("Import an item list (Excel or CSV, also from Vyapar, Tally or Marg)")),
                           ("empty", _("Start with no items")),
                           ("demo", _("Only look around: open the demo shop instead"))):
            button = QRadioButton(label)
            button.setObjectName(f"start-{key}")
            self.choices.addButton(button)
            self.buttons[key] = button
            layout.addWidget(button)
            if key == "import":
                row = QHBoxLayout()
                row.setContentsMargins(24, 0, 0, 0)
                self.choose_button = QPushButton(_("Choose the file..."))
                self.choose_button.clicked.connect(self.choose_file)
                self.file_label = QLabel(_("No file chosen"))
                self.file_label.setWordWrap(True)
                row.addWidget(self.choose_button)
                row.addWidget(self.file_label, 1)
                layout.addLayout(row)
        self.buttons["empty"].setChecked(True)
        layout.addStretch(1)
        self.file = ""
        self.choices.buttonToggled.connect(lambda *_args: self.completeChanged.emit())

    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Choose the item list"), "", ITEM_FILES)
        if path:
            self.set_file(path)

    def set_file(self, path: str) -> None:
        self.file = path
        self.file_label.setText(path)
        self.buttons["import"].setChecked(True)
        self.completeChanged.emit()

    def start(self) -> str:
        return next(key for key, button in self.buttons.items() if button.isChecked())

    def ready(self) -> bool:
        return self.start() != "import" or bool(self.file)


class SetupWizard(QWizard):
    answered = Signal(object)  # dict of answers
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Set up your shop"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setMinimumSize(640, 480)
        self.setButtonText(QWizard.WizardButton.NextButton, _("Next >"))
        self.setButtonText(QWizard.WizardButton.BackButton, _("< Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("Set up the shop"))
        self.setButtonText(QWizard.WizardButton.CancelButton, _("Quit"))
        self.shop_page = ShopPage()
        self.tax_page = TaxPage(self.shop_page)
        self.start_page = StartPage()
        self.steps = [step() for step in STEPS]
        for page in (self.shop_page, self.tax_page, *self.steps, self.start_page):
            self.addPage(page)
        self.limits_page = add_limits_step(self)  # what the agents may do alone (default: ask for everything)
        self._answered = False

    def answers(self) -> dict[str, Any]:
        shop, tax, start = self.shop_page, self.tax_page, self.start_page
        scheme = tax.scheme()
        return {
            "name": shop.name.text().strip(), "address": shop.address.text().strip(),
            "city": shop.city.text().strip(), "pincode": shop.pincode.text().strip(),
            "state_code": shop.state.currentData(), "phone": shop.phone.text().strip(),
            "gst_scheme": scheme, "gstin": tax.gstin.text().strip().upper() if scheme != "unregistered" else "",
            "upi_id": tax.upi.text().strip(), "invoice_prefix": tax.prefix.text().strip().upper(),
            "language": tax.language.currentData(), "start": start.start(),
            "file": start.file if start.start() == "import" else "",
        } | self.limits_page.answers() | {key: value for step in self.steps for key, value in step.answers().items()}  # type: ignore[attr-defined]

    def save_machine(self, machine: Any) -> None:
        """What the steps chose for this PC (its printer), kept before the shop is made."""
        for step in self.steps:
            if hasattr(step, "save_machine"):
                step.save_machine(machine)

    def accept(self) -> None:
        super().accept()
        if not self._answered:
            self._answered = True
            self.answered.emit(self.answers())

    def ask_again(self) -> None:
        """Show the wizard again, answers kept (making the shop was refused)."""
        self._answered = False
        self.open()

    def reject(self) -> None:
        super().reject()
        if not self._answered:
            self._answered = True
            self.cancelled.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        if not self._answered:
            self.reject()
