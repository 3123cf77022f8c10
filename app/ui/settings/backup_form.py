"""Settings → Backups: the second place (a USB drive or any folder) that gets a checked copy of every daily
backup, chosen with a folder picker, and a "back up and copy now" button that says how it went."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from app import config
from app.errors import AppError
from app.events import BackupCopied
from app.i18n import _
from app.session import Session
from app.store.second_copy import CopyResult, check_place, copy_newest, say_state
from app.ui import tasks
from app.ui.dialogs import error_texts

__all__ = ["BackupForm"]


class BackupForm(QGroupBox):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(_("Backups"), parent)
        self.session = session
        form = QFormLayout(self)
        intro = QLabel(_("Every day a backup is made on this PC. Choose a second place, such as a USB drive, "
                         "so that the shop's data survives if this PC is lost or its disk fails."))
        intro.setWordWrap(True)
        form.addRow(intro)
        self.place = QLineEdit(session.machine.get(config.BACKUP_SECOND_PLACE))
        self.place.setObjectName("backup-place")
        self.place.setPlaceholderText(_("for example E:\\ (a USB drive)"))
        self.browse_button = QPushButton(_("Choose folder..."))
        self.browse_button.setObjectName("backup-browse")
        self.browse_button.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.place, 1)
        row.addWidget(self.browse_button)
        form.addRow(_("Second place"), row)
        self.save_button = QPushButton(_("Save"))
        self.save_button.setObjectName("backup-save")
        self.save_button.clicked.connect(self.save)
        self.copy_button = QPushButton(_("Back up and copy now"))
        self.copy_button.setObjectName("backup-copy-now")
        self.copy_button.clicked.connect(self.copy_now)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        form.addRow(buttons)
        self.note = QLabel()
        self.note.setObjectName("backup-note")
        self.note.setWordWrap(True)
        form.addRow(self.note)
        self.picker: QFileDialog | None = None
        self.copies = 0  # copy attempts finished (tests wait on it)
        self.last_result: CopyResult | None = None

    def browse(self) -> None:
        """A folder picker that does not block (tests and the event loop keep running)."""
        picker = QFileDialog(self, _("Choose the second place for backups"), self.place.text())
        picker.setFileMode(QFileDialog.FileMode.Directory)
        picker.setOption(QFileDialog.Option.ShowDirsOnly, True)
        picker.fileSelected.connect(self._picked)
        self.picker = picker
        picker.open()

    def _picked(self, path: str) -> None:
        self.place.setText(path)
        self.save()

    def save(self) -> bool:
        """Keep the chosen folder for this PC; True when saved. A folder that is not there now is saved
        too (a USB drive may be out), with the warning."""
        try:
            value = config.BACKUP_SECOND_PLACE.parse(self.place.text())
            self.session.machine.set(config.BACKUP_SECOND_PLACE, value)
        except (AppError, OSError) as exc:
            message, hint = error_texts(exc)
            self._say(f"{message} {hint}".strip(), ok=False)
            return False
        self.place.setText(value)
        if not value:
            self._say(_("Backups are no longer copied to a second place; the copies made stay there."), ok=True)
            return True
        state = check_place(Path(value))
        if state == "ok":
            self._say(_("Each daily backup will also be copied to {place}.").format(place=value), ok=True)
        else:
            self._say(say_state(state, value), ok=False)
        return True

    def copy_now(self) -> None:
        if not self.save() or not self.place.text():
            if not self.place.text():
                self._say(say_state("not-set", ""), ok=False)
            return
        session, place = self.session, Path(self.place.text())
        self.copy_button.setEnabled(False)
        self._say(_("Making a backup and copying it..."), ok=True)

        def work() -> CopyResult:
            session.backup("manual")
            return copy_newest(session.backup_dir, place, session.shop, shop_db=session.store.path,
                               keep=session.machine.get(config.BACKUP_KEEP))

        def done(result: CopyResult) -> None:
            self.copy_button.setEnabled(True)
            self.copies += 1
            self.last_result = result
            self._say(say_state(result.state, result.place), ok=result.ok)
            session.bus.publish(BackupCopied(state=result.state, place=result.place, file=result.file,
                                             actor="seller"))

        def failed(error: BaseException) -> None:
            self.copy_button.setEnabled(True)
            self.copies += 1
            message, hint = error_texts(error)
            self._say(f"{message} {hint}".strip(), ok=False)

        tasks.run_in_background(work, done, failed, owner=self)

    def _say(self, text: str, *, ok: bool) -> None:
        self.note.setStyleSheet("color: #067647;" if ok else "color: #b42318;")
        self.note.setText(text)
