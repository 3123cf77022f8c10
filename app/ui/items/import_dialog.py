"""Importing an item list from the window: match the columns, see what would be refused and why, import
the good rows in one go with a progress bar, then the report of every refused row with its line.

The file is read and every check runs on a worker (``app.services.item_import``); the dialog only shows.
The same import is ``python -m app product import FILE``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, ngettext
from app.services import item_import
from app.services.item_file import ItemTable, read_item_file
from app.services.item_presets import PRESETS
from app.session import Session
from app.ui import tasks
from app.ui.dialogs import error_texts

PREVIEW_ROWS = 200
ITEM_FILES = "Item lists (*.xlsx *.csv);;Excel (*.xlsx);;CSV (*.csv)"


def _cell(text: object) -> QTableWidgetItem:
    item = QTableWidgetItem(str(text))
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item


class ItemImportDialog(QDialog):
    """Shown with ``open()``; emits ``imported(added)`` once the items are in the shop."""

    imported = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None, path: str | Path | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.table: ItemTable | None = None
        self.check: item_import.ImportCheck | None = None
        self.added: int | None = None
        self._checker = tasks.LatestOnly(self)
        self.setWindowTitle(_("Import items"))
        self.setMinimumSize(900, 620)
        layout = QVBoxLayout(self)

        top = QHBoxLayout()
        self.file_label = QLabel(_("Choose an Excel (.xlsx) or CSV item list."))
        self.file_label.setWordWrap(True)
        self.choose_button = QPushButton(_("Choose the file..."))
        self.choose_button.clicked.connect(self.choose_file)
        top.addWidget(self.file_label, 1)
        top.addWidget(self.choose_button)
        layout.addLayout(top)

        source = QHBoxLayout()
        self.source_combo = QComboBox()
        self.source_combo.setObjectName("source")
        self.source_combo.addItem(_("Another program or Excel (usual column names)"), "plain")
        for key, preset in PRESETS.items():
            self.source_combo.addItem(_("{program} item list").format(program=preset.title), key)
        self.source_combo.currentIndexChanged.connect(self._source_changed)
        source_label = QLabel(_("Saved &from:"))
        source_label.setBuddy(self.source_combo)
        source.addWidget(source_label)
        source.addWidget(self.source_combo, 1)
        layout.addLayout(source)

        self.columns_box = QGroupBox(_("Which column holds what"))
        grid = QGridLayout(self.columns_box)
        self.combos: dict[str, QComboBox] = {}
        for index, (name, label) in enumerate(item_import.field_names().items()):
            combo = QComboBox()
            combo.setObjectName(f"column-{name}")
            combo.currentIndexChanged.connect(self._mapping_changed)
            required = " *" if name in item_import.REQUIRED else ""
            grid.addWidget(QLabel(label + required), index // 3, (index % 3) * 2)
            grid.addWidget(combo, index // 3, (index % 3) * 2 + 1)
            self.combos[name] = combo
        layout.addWidget(self.columns_box)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)
        layout.addWidget(self.summary)

        self.views = QTabWidget()
        self.preview = self._table()
        self.refused = self._table()
        self.refused.setColumnCount(4)
        self.refused.setHorizontalHeaderLabels([_("Line"), _("Item code"), _("Name"), _("Why it was refused")])
        self.refused.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.views.addTab(self.preview, _("The file"))
        self.views.addTab(self.refused, _("Refused rows"))
        layout.addWidget(self.views, 1)

        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setVisible(False)
        layout.addWidget(self.progress)
        buttons = QDialogButtonBox()
        self.import_button = buttons.addButton(_("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("import")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.start_import)
        self.close_button = buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self._set_columns_enabled(False)
        if path:
            self.load(path)

    @staticmethod
    def _table() -> QTableWidget:
        table = QTableWidget()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().setVisible(False)
        table.setAlternatingRowColors(True)
        return table

    def _set_columns_enabled(self, enabled: bool) -> None:
        self.columns_box.setEnabled(enabled)

    # --- the file ------------------------------------------------------------------------------
    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Choose the item list"), "", ITEM_FILES)
        if path:
            self.load(path)

    def load(self, path: str | Path) -> None:
        self.file_label.setText(_("Reading {file}...").format(file=Path(path).name))
        self.import_button.setEnabled(False)
        tasks.run_in_background(lambda: read_item_file(path), self._loaded, self._failed, owner=self)

    def _loaded(self, table: ItemTable) -> None:
        self.table = table
        self.file_label.setText(ngettext("{file}: {n} row", "{file}: {n} rows", len(table.rows)).format(
            file=table.name, n=len(table.rows)))
        preset = item_import.choose_preset(table.headers)
        self.source_combo.blockSignals(True)
        self.source_combo.setCurrentIndex(max(0, self.source_combo.findData(preset.key if preset else "plain")))
        self.source_combo.blockSignals(False)
        self._fill_columns(table, item_import.guess_mapping(
            table.headers, item_import.remembered_mapping(self.session.store), preset))
        self._set_columns_enabled(True)
        self.preview.setColumnCount(len(table.headers) + 1)
        self.preview.setHorizontalHeaderLabels([_("Line"), *table.headers])
        shown = min(PREVIEW_ROWS, len(table.rows))
        self.preview.setRowCount(shown)
        for r in range(shown):
            self.preview.setItem(r, 0, _cell(table.lines[r]))
            for c, value in enumerate(table.rows[r]):
                self.preview.setItem(r, c + 1, _cell(value))
        self.preview.resizeColumnsToContents()
        self._mapping_changed()

    def _fill_columns(self, table: ItemTable, mapping: dict[str, str]) -> None:
        for name, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(_("(not in the file)"), "")
            for header in table.headers:
                combo.addItem(header, header)
            combo.setCurrentIndex(max(0, combo.findData(mapping.get(name, ""))))
            combo.blockSignals(False)

    def _source_changed(self) -> None:
        """The seller says which program the list came from: its headings are matched afresh."""
        if self.table is None or self.added is not None:
            return
        preset = item_import.choose_preset(self.table.headers, self.source_combo.currentData())
        self._fill_columns(self.table, item_import.guess_mapping(self.table.headers, None, preset))
        self._mapping_changed()

    def _failed(self, error: BaseException) -> None:
        message, hint = error_texts(error)
        self.summary.setText(message + (f" {hint}" if hint else ""))
        self.summary.setStyleSheet("color: #b42318;")
        self.progress.setVisible(False)
        self.choose_button.setEnabled(True)
        self.import_button.setEnabled(self.table is not None and self.added is None)

    # --- checking ------------------------------------------------------------------------------
    def mapping(self) -> dict[str, str]:
        return {name: combo.currentData() for name, combo in self.combos.items() if combo.currentData()}

    def _mapping_changed(self) -> None:
        if self.table is None:
            return
        table, mapping, store = self.table, self.mapping(), self.session.store
        self.import_button.setEnabled(False)
        self.summary.setStyleSheet("")
        self.summary.setText(_("Checking the rows..."))
        self._checker.run(lambda: item_import.check_items(store, table, mapping), self._checked, self._failed)

    def _checked(self, check: item_import.ImportCheck) -> None:
        self.check = check
        ready, refused = len(check.ready), len(check.refused)
        will_add = ngettext("{n} item is ready to add.", "{n} items are ready to add.", ready).format(n=ready)
        will_refuse = ngettext("{n} row will be refused (see Refused rows).",
                               "{n} rows will be refused (see Refused rows).", refused).format(n=refused)
        self.summary.setText(f"{will_add} {will_refuse}")
        self._show_refused(check.refused)
        self.import_button.setText(ngettext("Import {n} item", "Import {n} items", ready).format(n=ready))
        self.import_button.setEnabled(ready > 0)

    def _show_refused(self, refused: list[item_import.Refusal]) -> None:
        self.refused.setRowCount(len(refused))
        for r, row in enumerate(refused):
            for c, value in enumerate((row.line, row.sku, row.name, row.reason)):
                self.refused.setItem(r, c, _cell(value))
        self.refused.resizeColumnsToContents()
        self.views.setTabText(1, _("Refused rows ({n})").format(n=len(refused)))

    # --- importing -----------------------------------------------------------------------------
    def start_import(self) -> None:
        if self.table is None or self.added is not None:
            return
        table, mapping, ctx = self.table, self.mapping(), self.session.ctx
        self.import_button.setEnabled(False)
        self.choose_button.setEnabled(False)
        self._set_columns_enabled(False)
        self.progress.setVisible(True)
        relay = tasks.ProgressRelay(self)
        relay.changed.connect(self._progress)
        tasks.run_in_background(lambda: item_import.import_items(ctx, table, mapping, progress=relay),
                                self._imported, self._failed, owner=self)

    def _progress(self, fraction: float, text: str) -> None:
        self.progress.setValue(round(fraction * 1000))
        if text:
            self.summary.setText(text)

    def _imported(self, result: item_import.ImportResult) -> None:
        self.added = result.added
        self.progress.setValue(1000)
        refused = len(result.refused)
        self.summary.setText(ngettext("{n} item added.", "{n} items added.", result.added).format(n=result.added)
                             + " " + ngettext("{n} row refused: fix it in the file and import the file again.",
                                              "{n} rows refused: fix them in the file and import the file again.",
                                              refused).format(n=refused))
        self._show_refused(result.refused)
        if refused:
            self.views.setCurrentIndex(1)
        self.import_button.setText(_("Done"))
        self.close_button.setText(_("Close"))
        self.close_button.setFocus()
        self.imported.emit(result.added)
