"""The "Settings" tab: the shop's profile, this PC's receipt printer, and the language and the size of the
letters (each switched at once, the window keeping its size and tab)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from app import i18n
from app.i18n import _
from app.session import Session
from app.ui.pages.base import Page
from app.ui.settings.backup_form import BackupForm
from app.ui.settings.pin_form import PinForm
from app.ui.settings.printer_form import PrinterForm
from app.ui.settings.shop_form import ShopForm


class SettingsPage(Page):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._loaded = True  # the forms read the shop as they are built
        inner = QWidget()
        columns = QHBoxLayout(inner)
        self.shop_form = ShopForm(session)
        columns.addWidget(self.shop_form, 1)
        right = QVBoxLayout()
        self.printer_form = PrinterForm(session)
        right.addWidget(self.printer_form)
        language_box = QGroupBox(_("Language"))
        form = QFormLayout(language_box)
        self.language = QComboBox()
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(i18n.language())))
        self.language.currentIndexChanged.connect(self._language_chosen)
        form.addRow(_("Screens and messages in"), self.language)
        from PySide6.QtWidgets import QCheckBox

        from app import config

        self.large_font = QCheckBox(_("&Large letters in the whole window"))
        self.large_font.setObjectName("large-font")
        self.large_font.setChecked(session.machine.get(config.LARGE_FONT))
        self.large_font.toggled.connect(self._large_font_chosen)
        form.addRow(self.large_font)
        right.addWidget(language_box)
        self.pin_form = PinForm(session)  # the owner's PIN and the staff role
        right.addWidget(self.pin_form)
        right.addWidget(BackupForm(session))  # the second place for backups
        right.addStretch(1)
        columns.addLayout(right, 1)
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)
        outer.addWidget(scroll)

    @classmethod
    def title(cls) -> str:
        return _("Settings")

    def focus_target(self) -> QWidget:
        return self.shop_form.edits["name"]

    def refresh(self) -> None:
        if not self._loaded:  # later refreshes (after any event) must not wipe what is being typed
            self._loaded = True
            self.shop_form.load()

    def _large_font_chosen(self, large: bool) -> None:
        window = self.window()
        if hasattr(window, "large_font_chosen"):
            window.large_font_chosen.emit(large)  # the controller rebuilds the window, same page and size

    def _language_chosen(self) -> None:
        window = self.window()
        code = self.language.currentData()
        if hasattr(window, "language_chosen") and code != i18n.language():
            window.language_chosen.emit(code)  # the controller rebuilds the window in that language
