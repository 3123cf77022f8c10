"""File → Switch shop / New shop: the shops in this data folder, or a new file name for the set-up wizard.

Answers ``shop_chosen(name)``; the controller closes this shop and starts the chosen one (a name with no
file yet goes to the set-up wizard)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError
from app.i18n import _
from app.paths import DataDir, check_shop_name
from app.ui.dialogs import AnswerOnceDialog


class SwitchShopDialog(AnswerOnceDialog):
    shop_chosen = Signal(str)

    def __init__(self, parent: QWidget | None, data: DataDir, current: str, *, new: bool = False) -> None:
        super().__init__(parent)
        self.data = data
        self.setWindowTitle(_("New shop") if new else _("Switch shop"))
        self.setMinimumWidth(480)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        layout = QVBoxLayout(self)
        self.list = QListWidget()
        self.shops = [s for s in data.list_shops() if s != current]
        self.list.addItems(self.shops)
        self.list.itemActivated.connect(lambda _item: self.choose())
        if not new:
            layout.addWidget(QLabel(_("Shops on this PC:")))
            layout.addWidget(self.list)
        layout.addWidget(QLabel(_("Or a new shop, its file name (small letters, digits, '-'):")))
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText("sharma-kirana")
        layout.addWidget(self.new_name)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b42318;")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.open_button = buttons.addButton(_("Open"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button.setObjectName("open")
        self.open_button.setDefault(True)
        cancel = buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.open_button.clicked.connect(self.choose)
        cancel.clicked.connect(self.reject)
        layout.addWidget(buttons)
        if self.shops and not new:
            self.list.setCurrentRow(0)
        else:
            self.new_name.setFocus()

    def choose(self) -> None:
        name = self.new_name.text().strip()
        if name:
            try:
                check_shop_name(name)
            except AppError as exc:
                self.error.setText(f"{exc.message} {exc.hint}".strip())
                return
            if self.data.shop_db(name).exists():
                self.error.setText(_("A shop called '{name}' already exists.").format(name=name))
                return
        elif self.list.currentRow() >= 0 and self.shops:
            name = self.shops[self.list.currentRow()]
        else:
            self.error.setText(_("Choose a shop, or type a name for a new one."))
            return
        if self.answer():
            self.shop_chosen.emit(name)
