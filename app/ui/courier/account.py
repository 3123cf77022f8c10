"""The courier aggregator account on the Sync page: address, e-mail and password (the password goes only to
the system keyring and leaves the screen once saved), and a test that says plainly what is wrong."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.errors import AppError
from app.i18n import _
from app.services import couriers
from app.session import Session
from app.ui import tasks

log = logging.getLogger(__name__)


class CourierAccountBox(QGroupBox):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(_("Courier aggregator (for booking parcels)"), parent)
        self.setObjectName("courier-account")
        self.session = session
        self.busy = False
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.url = QLineEdit()
        self.url.setObjectName("courier-url")
        self.url.setPlaceholderText("https://apiv2.shiprocket.in")
        self.email = QLineEdit()
        self.email.setObjectName("courier-email")
        self.password = QLineEdit()
        self.password.setObjectName("courier-password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(_("kept in the system keyring; leave empty to keep the saved one"))
        form.addRow(_("API address:"), self.url)
        form.addRow(_("Account e-mail:"), self.email)
        form.addRow(_("Password:"), self.password)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.save_button = QPushButton(_("Save and t&est"))
        self.save_button.setObjectName("courier-save")
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.save_button)
        self.result = QLabel()
        self.result.setObjectName("courier-result")
        self.result.setWordWrap(True)
        row.addWidget(self.result, 1)
        layout.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        url, email = couriers.account(self.session.ctx)
        if not self.url.text():
            self.url.setText(url)
        if not self.email.text():
            self.email.setText(email)

    def save(self) -> None:
        if self.busy:
            return
        ctx = self.session.ctx
        url, email, password = self.url.text().strip(), self.email.text().strip(), self.password.text()

        def work() -> tuple[bool, str]:
            couriers.save_account(ctx, url=url, email=email, password=password)
            return couriers.test_account(ctx)

        def done(result: tuple[bool, str]) -> None:
            self.busy = False
            self.password.clear()  # a password stays on screen no longer than it must
            self.result.setText(result[1])
            self.result.setProperty("ok", result[0])
            self.result.setStyleSheet("" if result[0] else "color: #b00020")
            self.save_button.setEnabled(True)

        def failed(error: BaseException) -> None:
            self.busy = False
            if not isinstance(error, AppError):
                log.error("saving the courier account failed", exc_info=error)
            self.result.setText(error.message if isinstance(error, AppError) else
                                _("Something went wrong inside TAVYONIX; the details are in the log file."))
            self.result.setStyleSheet("color: #b00020")
            self.save_button.setEnabled(True)

        self.busy = True
        self.save_button.setEnabled(False)
        self.result.setText(_("Testing the courier account…"))
        tasks.run_in_background(work, done, failed, owner=self)
