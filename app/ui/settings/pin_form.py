"""The owner's PIN in Settings: set, change or remove it, and lock the window back to the staff role."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from app.errors import AppError
from app.i18n import _
from app.services import owner_pin
from app.session import Session
from app.ui import access


class PinForm(QGroupBox):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(_("Owner's PIN"), parent)
        self.session = session
        form = QFormLayout(self)
        self.state = QLabel()
        self.state.setWordWrap(True)
        form.addRow(self.state)
        self.current = QLineEdit()
        self.new = QLineEdit()
        for edit in (self.current, self.new):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(8)
        self.new.setPlaceholderText(_("4 to 8 digits"))
        form.addRow(_("Current PIN"), self.current)
        form.addRow(_("New PIN"), self.new)
        row = QHBoxLayout()
        self.set_button = QPushButton(_("Set the PIN"))
        self.clear_button = QPushButton(_("Remove the PIN"))
        self.lock_button = QPushButton(_("Lock (staff)"))
        for button in (self.set_button, self.clear_button, self.lock_button):
            row.addWidget(button)
        form.addRow(row)
        self.note = QLabel()
        self.note.setWordWrap(True)
        form.addRow(self.note)
        self.set_button.clicked.connect(self.set_pin)
        self.clear_button.clicked.connect(self.clear_pin)
        self.lock_button.clicked.connect(self.lock)
        self.show_state()

    def show_state(self) -> None:
        has = owner_pin.has_pin(self.session.store)
        self.current.setEnabled(has)
        self.clear_button.setEnabled(has)
        self.lock_button.setEnabled(has and access.is_owner(self.session))
        if not has:
            self.state.setText(_("No PIN: everyone at this window can do everything. With a PIN, staff cannot "
                                 "change prices, settings or approvals, nor throw a bill away."))
        elif access.is_owner(self.session):
            self.state.setText(_("The owner's PIN is set; this window is unlocked for the owner."))
        else:
            self.state.setText(_("The owner's PIN is set; this window is in the staff role."))

    def _say(self, text: str, ok: bool) -> None:
        self.note.setStyleSheet("color: #067647;" if ok else "color: #b42318;")
        self.note.setText(text)

    def set_pin(self) -> None:
        try:
            owner_pin.set_pin(self.session.ctx, self.new.text(), current_pin=self.current.text())
        except AppError as exc:
            self._say(exc.message, False)
            return
        access.unlock(self.session)
        self.current.clear()
        self.new.clear()
        self._say(_("The owner's PIN is saved. Press \"Lock\" when you leave the counter to staff."), True)
        self.show_state()

    def clear_pin(self) -> None:
        try:
            owner_pin.clear_pin(self.session.ctx, current_pin=self.current.text())
        except AppError as exc:
            self._say(exc.message, False)
            return
        self.current.clear()
        self._say(_("The PIN is removed."), True)
        self.show_state()

    def lock(self) -> None:
        access.lock(self.session)
        self._say(_("Locked: the staff role until the owner's PIN is typed."), True)
        self.show_state()
