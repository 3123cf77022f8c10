"""Dialogs that never block: each is shown with ``open()`` and answers through a signal.

No ``exec()`` anywhere, so a test (or a QTimer) can find an open dialog and press its buttons, and
background results keep arriving while a dialog is up.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime, tzinfo

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError
from app.i18n import _
from app.store.backup import BackupInfo
from app.ui.formatting import format_when

log = logging.getLogger(__name__)

DIALOG_MIN_WIDTH = 520


def _wrapped(text: str, *, bold: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if bold:
        font = label.font()
        font.setBold(True)
        label.setFont(font)
    return label


def error_texts(error: BaseException) -> tuple[str, str]:
    """(message, hint) for the shopkeeper; a bug becomes a plain apology, never a traceback."""
    if isinstance(error, AppError):
        return error.message, error.hint
    return (_("Something went wrong inside TAVYONIX."),
            _("Nothing was lost. Try again; if it keeps happening, the details are in the log file."))


class AnswerOnceDialog(QDialog):
    """A non-blocking dialog that answers exactly once.

    A subclass emits its own signal when the seller confirms (calling :meth:`answer` first, which
    accepts the dialog); closing it, Esc or Cancel emit ``cancelled`` instead. Nothing is emitted twice,
    so a test or a double click cannot answer it two ways.
    """

    cancelled = Signal()

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._answered = False

    def answer(self) -> bool:
        """Mark the dialog answered and close it; False if it already was (then emit nothing)."""
        if self._answered:
            return False
        self._answered = True
        self.accept()
        return True

    def reject(self) -> None:
        super().reject()
        if not self._answered:
            self._answered = True
            self.cancelled.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        if not self._answered:
            self.reject()


class ChoiceDialog(QDialog):
    """A message with a hint and a row of answers; emits ``chosen(key)`` once.

    Closing the window (Esc, the X) counts as choosing ``cancel_key``.
    """

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None, *, title: str, message: str, hint: str = "",
                 choices: Sequence[tuple[str, str]], cancel_key: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(DIALOG_MIN_WIDTH)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self._cancel_key = cancel_key or choices[-1][0]
        self._answered = False
        layout = QVBoxLayout(self)
        self.message_label = _wrapped(message, bold=True)
        layout.addWidget(self.message_label)
        self.hint_label = _wrapped(hint)
        self.hint_label.setVisible(bool(hint))
        layout.addWidget(self.hint_label)
        box = QDialogButtonBox()
        self.buttons: dict[str, QPushButton] = {}
        for index, (key, label) in enumerate(choices):
            button = box.addButton(label, QDialogButtonBox.ButtonRole.ActionRole)
            button.setObjectName(f"choice-{key}")
            button.clicked.connect(lambda _checked=False, k=key: self.choose(k))
            button.setDefault(index == 0)
            self.buttons[key] = button
        layout.addWidget(box)

    def choose(self, key: str) -> None:
        if self._answered:
            return
        self._answered = True
        self.accept()
        self.chosen.emit(key)

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        self.choose(self._cancel_key)

    def reject(self) -> None:  # Esc
        if not self._answered:
            self.choose(self._cancel_key)
        else:
            super().reject()


def show_error(parent: QWidget | None, error: BaseException, *, title: str | None = None) -> ChoiceDialog:
    """Tell the shopkeeper what went wrong and what to do (AppError.message and .hint)."""
    message, hint = error_texts(error)
    dialog = ChoiceDialog(parent, title=title or _("TAVYONIX"), message=message, hint=hint,
                          choices=[("ok", _("OK"))])
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def describe_backup(backup: BackupInfo, zone: tzinfo, now: datetime | None = None) -> str:
    kinds = {"daily": _("daily backup"), "manual": _("backup made by hand"),
             "pre-migration": _("backup before an update"), "pre-restore": _("backup before a restore")}
    size_mb = backup.size / (1024 * 1024)
    text = _("{when} — {kind} ({size} MB)").format(
        when=format_when(backup.made_at, zone, now or datetime.now(UTC)), kind=kinds.get(backup.kind, backup.kind),
        size=f"{size_mb:.1f}")
    return text + " — " + _("on the second place (USB drive or folder)") if backup.place == "second" else text


class RestoreDialog(AnswerOnceDialog):
    """The shop's backups, newest first; emits ``restore_chosen(BackupInfo)`` or ``cancelled()``."""

    restore_chosen = Signal(object)

    def __init__(self, parent: QWidget | None, *, title: str, message: str, hint: str, backups: list[BackupInfo],
                 zone: tzinfo, restore_label: str = "", cancel_label: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(DIALOG_MIN_WIDTH + 100)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.backups = list(backups)
        layout = QVBoxLayout(self)
        layout.addWidget(_wrapped(message, bold=True))
        if hint:
            layout.addWidget(_wrapped(hint))
        layout.addWidget(QLabel(_("Backups on this PC, newest first:")))
        self.list = QListWidget()
        for backup in self.backups:
            item = QListWidgetItem(describe_backup(backup, zone))
            item.setToolTip(str(backup.path))
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        # a restore replaces the shop's books: Enter (and a stray Enter in the list) cancels; a restore is
        # chosen with the button or a double-click on a backup
        self.list.itemDoubleClicked.connect(lambda _item: self.restore_selected())
        layout.addWidget(self.list)
        box = QDialogButtonBox()
        self.restore_button = box.addButton(restore_label or _("Restore this backup"),
                                            QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setObjectName("restore")
        self.restore_button.setAutoDefault(False)
        self.cancel_button = box.addButton(cancel_label or _("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.setObjectName("cancel")
        self.cancel_button.setDefault(True)
        self.restore_button.clicked.connect(self.restore_selected)
        self.cancel_button.clicked.connect(self.reject)
        layout.addWidget(box)

    @Slot()
    def restore_selected(self) -> None:
        row = self.list.currentRow()
        if self._answered or not 0 <= row < len(self.backups):
            return
        self.answer()
        self.restore_chosen.emit(self.backups[row])


class ProgressDialog(QDialog):
    """A bar and a line of text; :meth:`report` is the slot for :class:`app.ui.tasks.ProgressRelay`."""

    def __init__(self, parent: QWidget | None, *, title: str, text: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(DIALOG_MIN_WIDTH)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        layout = QVBoxLayout(self)
        self.label = _wrapped(text)
        layout.addWidget(self.label)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        layout.addWidget(self.bar)

    @Slot(float, str)
    def report(self, fraction: float, text: str) -> None:
        self.bar.setValue(round(max(0.0, min(1.0, fraction)) * 1000))
        if text:
            self.label.setText(text)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() != Qt.Key.Key_Escape:  # the work cannot be stopped half-way
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()

    def finish(self) -> None:
        self.done(0)
        self.deleteLater()
