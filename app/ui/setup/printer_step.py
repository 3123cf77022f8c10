"""The first-run wizard's printer step: this PC's receipt printer (a Windows printer, a network printer
``tcp:HOST:PORT``, or none yet), its paper width, and the paper of the GST invoice as a PDF (A4 or A5).

A step of the wizard is a ``QWizardPage`` with ``answers()`` (merged into the wizard's answers) and
``save_machine(machine)``, which the start-up flow calls before the shop is made: a printer belongs to
the PC, not to the shop file. The same choices are on the Settings page later, with a test print.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWizardPage

from app import config
from app.i18n import _
from app.ui.settings.printer_form import printer_names


class PrinterStep(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("printer-step")
        self.setTitle(_("Printer"))
        self.setSubTitle(_("The receipt printer at the counter. You can skip this and set it later in Settings."))
        form = QFormLayout(self)
        self.printer = QComboBox()
        self.printer.setObjectName("wizard-printer")
        self.printer.setEditable(True)
        self.printer.addItem("")
        self.printer.addItems(printer_names())
        edit = self.printer.lineEdit()
        if edit is not None:
            edit.setPlaceholderText(_("No printer yet (bills are saved as PDF)"))
        self.paper = QComboBox()
        for mm in (58, 80):
            self.paper.addItem(f"{mm} mm", mm)
        self.paper.setCurrentIndex(self.paper.findData(80))
        self.invoice_page = QComboBox()
        for page, label in (("A4", _("A4 (full page)")), ("A5", _("A5 (half page)"))):
            self.invoice_page.addItem(label, page)
        form.addRow(_("&Receipt printer"), self.printer)
        form.addRow(_("Paper width"), self.paper)
        form.addRow(_("GST invoice paper (PDF)"), self.invoice_page)
        note = QLabel(_("Most receipt printers are 80 mm; small ones are 58 mm. A network printer is written "
                        "tcp:192.168.1.50:9100."))
        note.setWordWrap(True)
        form.addRow(note)

    def answers(self) -> dict[str, Any]:
        return {"printer": self.printer.currentText().strip(), "paper_mm": self.paper.currentData(),
                "invoice_page": self.invoice_page.currentData()}

    def save_machine(self, machine: Any) -> None:
        found = self.answers()
        machine.set(config.PRINTER, found["printer"])
        machine.set(config.PAPER_MM, found["paper_mm"])
        machine.set(config.INVOICE_PAGE, found["invoice_page"])
