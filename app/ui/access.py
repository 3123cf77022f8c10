"""Who is at the window: the owner, or staff when the shop has an owner's PIN and it has not been typed in
this window. Staff cannot change prices, settings or approvals, nor throw a bill away: those actions go
through :func:`when_owner`, which asks for the PIN once and then lets the owner carry on until "Lock"."""

from __future__ import annotations

import weakref
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.i18n import _
from app.services import owner_pin
from app.session import Session

# the sessions in which the owner typed the PIN; weak, and checked by identity, so a shop opened later
# (another session that happens to get the same id) starts locked
_unlocked: weakref.WeakValueDictionary[int, Session] = weakref.WeakValueDictionary()


def is_owner(session: Session) -> bool:
    return _unlocked.get(id(session)) is session or not owner_pin.has_pin(session.store)


def unlock(session: Session) -> None:
    _unlocked[id(session)] = session


def lock(session: Session) -> None:
    """Back to the staff role (the owner steps away from the counter)."""
    _unlocked.pop(id(session), None)


class PinDialog(QDialog):
    def __init__(self, session: Session, what: str, then: Callable[[], None], parent: QWidget | None) -> None:
        super().__init__(parent)
        self.session, self.then = session, then
        self.setWindowTitle(_("Owner's PIN"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        layout = QVBoxLayout(self)
        ask = QLabel(_("Only the owner can {what}. Type the owner's PIN.").format(what=what))
        ask.setWordWrap(True)
        layout.addWidget(ask)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(8)
        layout.addWidget(self.pin)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b42318;")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(_("Unlock"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setDefault(True)
        cancel = buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.clicked.connect(self.try_pin)
        cancel.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.pin.setFocus()

    def try_pin(self) -> None:
        if not owner_pin.check_pin(self.session.store, self.pin.text()):
            self.error.setText(_("That is not the owner's PIN."))
            self.pin.clear()
            return
        unlock(self.session)
        self.accept()
        self.then()


def when_owner(session: Session, parent: QWidget | None, what: str, then: Callable[[], None]) -> PinDialog | None:
    """Run ``then`` now for the owner; for staff, ask for the PIN first (the dialog is returned)."""
    if is_owner(session):
        then()
        return None
    dialog = PinDialog(session, what, then, parent)
    dialog.open()
    return dialog
