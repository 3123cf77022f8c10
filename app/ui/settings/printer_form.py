"""This PC's receipt printer: which one (a Windows printer, a network printer or a file), the paper width,
the cash drawer, printing after every sale, and a test print to check it all before the first customer."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QGroupBox, QLabel, QPushButton, QWidget

from app import config
from app.domain.money import format_inr
from app.i18n import _
from app.session import Session
from app.ui import tasks
from app.ui.dialogs import error_texts


def printer_names() -> list[str]:
    """The printers the operating system knows (empty when Qt's print support is not installed)."""
    try:
        from PySide6.QtPrintSupport import QPrinterInfo
    except ImportError:
        return []
    return list(QPrinterInfo.availablePrinterNames())


class PrinterForm(QGroupBox):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(_("Receipt printer on this PC"), parent)
        self.session = session
        machine = session.machine
        form = QFormLayout(self)
        self.printer = QComboBox()
        self.printer.setEditable(True)
        self.printer.addItem("")
        self.printer.addItems(printer_names())
        self.printer.setCurrentText(machine.get(config.PRINTER))
        self.printer.lineEdit().setPlaceholderText(_("printer name, or tcp:192.168.1.50:9100"))
        self.paper = QComboBox()
        for mm in (58, 80):
            self.paper.addItem(f"{mm} mm", mm)
        self.paper.setCurrentIndex(self.paper.findData(machine.get(config.PAPER_MM)))
        self.drawer = QComboBox()
        for pin, label in ((0, _("No cash drawer")), (2, _("Drawer on pin 2")), (5, _("Drawer on pin 5"))):
            self.drawer.addItem(label, pin)
        self.drawer.setCurrentIndex(self.drawer.findData(machine.get(config.DRAWER_PIN)))
        self.invoice_page = QComboBox()
        self.invoice_page.setObjectName("invoice-page")
        for page, label in (("A4", _("A4 (full page)")), ("A5", _("A5 (half page)"))):
            self.invoice_page.addItem(label, page)
        self.invoice_page.setCurrentIndex(max(0, self.invoice_page.findData(machine.get(config.INVOICE_PAGE))))
        self.after_sale = QCheckBox(_("Print the receipt as soon as a bill is paid"))
        self.after_sale.setChecked(machine.get(config.PRINT_AFTER_SALE))
        form.addRow(_("Printer"), self.printer)
        form.addRow(_("Paper width"), self.paper)
        form.addRow(_("Cash drawer"), self.drawer)
        form.addRow(self.after_sale)
        form.addRow(_("GST invoice paper (PDF)"), self.invoice_page)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.save_button = QPushButton(_("Save the printer settings"))
        self.save_button.setObjectName("save-printer")
        self.save_button.clicked.connect(self.save)
        self.test_button = QPushButton(_("Test print"))
        self.test_button.setObjectName("test-print")
        self.test_button.clicked.connect(self.test_print)
        form.addRow(self.note)
        form.addRow(self.save_button)
        form.addRow(self.test_button)
        self.printed = 0  # test prints sent (tests wait on it)

    def save(self) -> None:
        from app.ui.access import when_owner

        if when_owner(self.session, self, _("change the settings"), self._save) is not None:
            return  # the PIN dialog saves once the owner's PIN is typed

    def _save(self) -> None:
        machine = self.session.machine
        machine.set(config.PRINTER, self.printer.currentText().strip())
        machine.set(config.PAPER_MM, self.paper.currentData())
        machine.set(config.DRAWER_PIN, self.drawer.currentData())
        machine.set(config.PRINT_AFTER_SALE, self.after_sale.isChecked())
        machine.set(config.INVOICE_PAGE, self.invoice_page.currentData())
        self._say(_("Saved for this PC."), ok=True)

    def _say(self, text: str, *, ok: bool) -> None:
        self.note.setStyleSheet("color: #067647;" if ok else "color: #b42318;")
        self.note.setText(text)

    def test_print(self) -> None:
        from app.ui.access import when_owner

        when_owner(self.session, self, _("change the settings"), self._test_print)

    def _test_print(self) -> None:
        """A short slip in the chosen width on the chosen printer (saved first, so what is tested is kept)."""
        from app.services import shop as shop_service
        from app.ui.printing.receipt import render_lines
        from app.ui.printing.thermal import receipt_bytes, send

        self._save()
        target, paper = self.printer.currentText().strip(), self.paper.currentData()
        if not target:
            self._say(_("Choose the printer first."), ok=False)
            return
        name = shop_service.profile(self.session.store).name
        rows = [(_("Paper width"), f"{paper} mm"), (_("Printer"), target), (_("Hindi"), "नमस्ते, धन्यवाद"),
                (_("Amount"), format_inr(123_456_50))]
        image = render_lines(_("Test print"), rows, paper, heading=name)
        data = receipt_bytes(image, paper_mm=paper, drawer_pin=0)
        self.test_button.setEnabled(False)
        self._say(_("Printing a test slip..."), ok=True)

        def done(_result: object) -> None:
            self.test_button.setEnabled(True)
            self.printed += 1
            self._say(_("The test slip was sent to {printer}. Check that the text is clear and not cut off.").format(
                printer=target), ok=True)

        def failed(error: BaseException) -> None:
            self.test_button.setEnabled(True)
            message, hint = error_texts(error)
            self._say(f"{message} {hint}".strip(), ok=False)

        tasks.run_in_background(lambda: send(data, target), done, failed, owner=self)
