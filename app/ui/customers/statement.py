"""A customer's khata statement for chosen dates: shown as the WhatsApp message (copied with one key, to
paste in WhatsApp on the PC or the phone), or saved as a PDF (``python -m app statement`` does the same)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app import i18n
from app.domain.records import Customer
from app.errors import AppError
from app.i18n import _
from app.services import khata_statement
from app.session import Session
from app.ui.bills import output
from app.ui.customers.statement_pdf import write_statement_pdf


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class StatementDialog(QDialog):
    def __init__(self, session: Session, customer: Customer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.customer = session, customer
        self.setWindowTitle(_("Khata statement for {name}").format(name=customer.name))
        self.setMinimumSize(600, 520)
        layout = QVBoxLayout(self)
        dates = QHBoxLayout()
        today = session.ctx.today()
        self.start = QDateEdit(_qdate(today - timedelta(days=khata_statement.DEFAULT_DAYS - 1)))
        self.end = QDateEdit(_qdate(today))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd-MM-yyyy")
            edit.dateChanged.connect(lambda _d: self.refresh())
        dates.addWidget(QLabel(_("From")))
        dates.addWidget(self.start)
        dates.addWidget(QLabel(_("To")))
        dates.addWidget(self.end)
        dates.addStretch(1)
        layout.addLayout(dates)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        layout.addWidget(self.text, 1)
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        buttons = QDialogButtonBox()
        self.copy_button = buttons.addButton(_("&Copy for WhatsApp"), QDialogButtonBox.ButtonRole.ActionRole)
        self.pdf_button = buttons.addButton(_("Save as &PDF"), QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        self.copy_button.setDefault(True)
        self.copy_button.clicked.connect(self.copy)
        self.pdf_button.clicked.connect(self.save_pdf)
        close.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.found: khata_statement.Statement | None = None
        self.refresh()

    def refresh(self) -> None:
        try:
            self.found = khata_statement.statement(self.session.ctx, self.customer.id, start=_pydate(self.start.date()),
                                                   end=_pydate(self.end.date()), lang=i18n.language())
        except AppError as exc:
            self.found = None
            self.text.setPlainText("")
            self.note.setText(exc.message)
            return
        self.note.clear()
        self.text.setPlainText(khata_statement.whatsapp_text(self.found))

    def copy(self) -> None:
        if self.found is not None:
            QGuiApplication.clipboard().setText(self.text.toPlainText())
            self.note.setText(_("Copied: paste it in WhatsApp to {name}.").format(name=self.found.customer_name))

    def save_pdf(self) -> Path | None:
        if self.found is None:
            return None
        name = f"khata-{self.customer.id}-{self.found.end.isoformat()}"
        path = write_statement_pdf(self.found, output.documents_dir(self.session) / output.file_name(name))
        self.note.setText(_("Saved as {path}").format(path=path))
        output.show_file(path)
        return path
