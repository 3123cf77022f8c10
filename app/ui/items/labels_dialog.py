"""Barcode labels for the items chosen on the Items page: how many of each, which sheet or the label
roll, the places already used on a part-used sheet, a preview of one label, then a PDF to print, a printer
through its driver, or a label printer spoken to in TSPL or ZPL (raw, over the network or to a printer's name).

The drawing is ``app.ui.printing.labels``; the same is ``python -m app product labels``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import config
from app.domain.label_sheets import LAYOUTS
from app.errors import AppError
from app.i18n import _, language, ngettext
from app.session import Session
from app.ui.bills import output
from app.ui.dialogs import error_texts
from app.ui.printing.labels import MAX_LABELS, label_items, render_label_image, write_labels_pdf


def layout_names() -> dict[str, str]:
    return {"a4-65": _("A4 sheet, 65 labels (38 x 21 mm)"), "a4-24": _("A4 sheet, 24 labels (64 x 34 mm)"),
            "roll-50x25": _("Label printer roll, 50 x 25 mm")}


class LabelsDialog(QDialog):
    def __init__(self, session: Session, skus: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.items, self.skipped = label_items(session.store.db(), skus, hindi=language() == "hi")
        self.written: Path | None = None
        self.setWindowTitle(_("Barcode labels"))
        self.setMinimumWidth(640)
        layout = QVBoxLayout(self)

        self.table = QTableWidget(len(self.items), 3)
        self.table.setObjectName("label-items")
        self.table.setHorizontalHeaderLabels([_("Item"), _("Barcode"), _("Labels")])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.copies: dict[str, QSpinBox] = {}
        for row, item in enumerate(self.items):
            for column, text in enumerate((item.name, item.barcode)):
                cell = QTableWidgetItem(text)
                cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, column, cell)
            spin = QSpinBox()
            spin.setRange(0, MAX_LABELS)
            spin.setValue(1)
            spin.valueChanged.connect(self._update)
            self.table.setCellWidget(row, 2, spin)
            self.copies[item.sku] = spin
        layout.addWidget(self.table, 1)

        self.skipped_note = QLabel("\n".join(_("Left out: {reason}").format(reason=why) for _sku, why in self.skipped))
        self.skipped_note.setObjectName("label-skipped")
        self.skipped_note.setWordWrap(True)
        self.skipped_note.setStyleSheet("color: #b42318;")
        self.skipped_note.setVisible(bool(self.skipped))
        layout.addWidget(self.skipped_note)

        form = QFormLayout()
        self.layout_combo = QComboBox()
        for key, name in layout_names().items():
            self.layout_combo.addItem(name, key)
        self.layout_combo.currentIndexChanged.connect(self._update)
        form.addRow(_("&Paper:"), self.layout_combo)
        self.skip = QSpinBox()
        self.skip.setRange(0, 64)
        self.skip.valueChanged.connect(self._update)
        form.addRow(_("Places already &used on the first sheet:"), self.skip)
        from app.ui.settings.printer_form import printer_names

        self.printer = QComboBox()
        self.printer.setObjectName("label-printer")
        self.printer.addItem(_("(no printer: save a PDF)"), "")
        for name in printer_names():
            self.printer.addItem(name, name)
        self.printer.currentIndexChanged.connect(self._update)
        form.addRow(_("P&rinter:"), self.printer)
        # a label printer used without its driver: spoken to in its own language, raw (app.domain.label_commands)
        machine = session.machine
        self.language = QComboBox()
        self.language.setObjectName("label-language")
        self.language.addItem(_("Its Windows driver (as the PDF)"), "")
        self.language.addItem(_("TSPL (TSC, TVS, Xprinter and most label printers)"), "tspl")
        self.language.addItem(_("ZPL (Zebra)"), "zpl")
        self.language.setCurrentIndex(max(0, self.language.findData(machine.get(config.LABEL_LANGUAGE))))
        self.language.currentIndexChanged.connect(self._update)
        form.addRow(_("Printer's lan&guage:"), self.language)
        self.target = QLineEdit(machine.get(config.LABEL_PRINTER))
        self.target.setObjectName("label-target")
        self.target.setPlaceholderText(_("tcp:192.168.1.50:9100, or the printer's name"))
        self.target.textChanged.connect(self._update)
        form.addRow(_("Label printer &at:"), self.target)
        layout.addLayout(form)

        self.preview = QLabel()
        self.preview.setObjectName("label-preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.preview)
        self.summary = QLabel()
        self.summary.setObjectName("label-summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(_("&Save as PDF"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("labels-save")
        self.save_button.clicked.connect(self.save)
        self.print_button = buttons.addButton(_("Print &now"), QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.setObjectName("labels-print")
        self.print_button.clicked.connect(lambda _checked=False: self.print_now())
        close = buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self._update()

    def layout_key(self) -> str:
        return str(self.layout_combo.currentData())

    def wanted(self) -> dict[str, int]:
        return {sku: spin.value() for sku, spin in self.copies.items()}

    def printer_language(self) -> str:
        return str(self.language.currentData() or "")

    def _update(self) -> None:
        commands = bool(self.printer_language())
        if commands and self.layout_key() != "roll-50x25":  # the commands draw 50 x 25 mm labels only
            self.layout_combo.setCurrentIndex(self.layout_combo.findData("roll-50x25"))
            return
        self.layout_combo.setEnabled(not commands)
        self.printer.setEnabled(not commands)
        self.target.setEnabled(commands)
        layout = LAYOUTS[self.layout_key()]
        self.skip.setEnabled(layout.per_page > 1)
        self.skip.setMaximum(max(0, layout.per_page - 1))
        count = sum(self.wanted().values())
        if self.items:
            image = render_label_image(self.items[0], 8.0, self.layout_key())
            self.preview.setPixmap(QPixmap.fromImage(image))
        if layout.per_page > 1:
            sheets = -(-(count + self.skip.value()) // layout.per_page) if count else 0
            self.summary.setText(ngettext("{n} label on {sheets} sheet(s).", "{n} labels on {sheets} sheet(s).",
                                          count).format(n=count, sheets=sheets))
        else:
            self.summary.setText(ngettext("{n} label on the roll.", "{n} labels on the roll.", count).format(n=count))
        self.save_button.setEnabled(count > 0)
        ready = bool(self.target.text().strip()) if commands else bool(self.printer.currentData())
        self.print_button.setEnabled(count > 0 and ready)

    def send_commands(self) -> int:
        """The labels as TSPL or ZPL to the label printer typed (in the background: a network printer may be
        slow to answer); the choice is kept for this PC. Returns how many labels go."""
        from app.domain.label_commands import LabelLine, label_commands
        from app.ui import tasks
        from app.ui.printing.thermal import send

        language_key, target = self.printer_language(), self.target.text().strip()
        self.session.machine.set(config.LABEL_LANGUAGE, language_key)
        self.session.machine.set(config.LABEL_PRINTER, target)
        wanted = self.wanted()
        english, _skipped = label_items(self.session.store.db(), [i.sku for i in self.items])  # printer fonts
        lines = [LabelLine(i.name, i.barcode, i.mrp_paise, i.price_paise, wanted[i.sku]) for i in english
                 if wanted.get(i.sku)]
        job = label_commands(language_key, lines)
        count = sum(line.copies for line in lines)
        self.summary.setText(_("Sending {n} labels to {printer}...").format(n=count, printer=target))

        def failed(error: BaseException) -> None:
            message, hint = error_texts(error)
            self.summary.setText(message + (f" {hint}" if hint else ""))

        tasks.run_in_background(lambda: send(job, target), lambda _r: self.summary.setText(
            _("{n} labels sent to {printer} ({language}).").format(n=count, printer=target,
                                                                  language=language_key.upper())), failed, owner=self)
        return count

    def print_now(self, pdf_file: Path | None = None) -> int:
        """Send the labels to the chosen printer (its driver gets pages of the layout's size), or, for a printer
        spoken to in its own language, the commands (:meth:`send_commands`)."""
        from app.ui.printing.labels import print_labels

        if self.printer_language() and pdf_file is None:
            return self.send_commands()

        name = str(self.printer.currentData() or "")
        try:
            pages = print_labels(self.items, name, self.layout_key(), copies=self.wanted(), skip=self.skip.value(),
                                 pdf_file=pdf_file)
        except AppError as exc:
            message, hint = error_texts(exc)
            self.summary.setText(message + (f" {hint}" if hint else ""))
            return 0
        self.summary.setText(ngettext("{pages} page sent to {printer}.", "{pages} pages sent to {printer}.",
                                      pages).format(pages=pages, printer=name or str(pdf_file)))
        return pages

    def save(self) -> Path | None:
        """The labels as a PDF in the shop's documents folder, opened to print."""
        name = f"labels-{self.session.ctx.now_iso()[:19].replace(':', '')}"
        path = output.documents_dir(self.session) / output.file_name(name)
        try:
            pages = write_labels_pdf(self.items, path, self.layout_key(), copies=self.wanted(),
                                     skip=self.skip.value())
        except AppError as exc:
            message, hint = error_texts(exc)
            self.summary.setText(message + (f" {hint}" if hint else ""))
            return None
        self.written = path
        self.summary.setText(ngettext("Saved {pages} page: {file}", "Saved {pages} pages: {file}", pages).format(
            pages=pages, file=str(path)))
        output.show_file(path)
        return path
