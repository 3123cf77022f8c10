"""The close of a chosen day: what the counter took (read at any time), the consolidated tax invoice for
its cash memos, and the Z report, stored for good with the cash counted; each can be printed (or saved as
PDF). Through ``app.services.dayend`` (the same as ``python -m app day-end`` and ``z-report``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.money import format_inr, parse_inr
from app.errors import AppError, InputError
from app.events import DayInvoiceIssued
from app.i18n import _
from app.services import dayend
from app.session import Session
from app.ui.bills import output
from app.ui.printing.document import method_name


def summary_rows(summary: dayend.DaySummary, counted_paise: int | None) -> list[tuple[str, str]]:
    """The Z report's lines, as shown and as printed."""
    rows = [(_("Bills"), str(summary.bills)), (_("Sales"), format_inr(summary.sales_paise)),
            (_("Goods back"), f"{summary.returns}  {format_inr(summary.returns_paise)}"),
            (_("Net sales"), format_inr(summary.net_sales_paise)), ("CGST", format_inr(summary.cgst_paise)),
            ("SGST", format_inr(summary.sgst_paise)), ("IGST", format_inr(summary.igst_paise))]
    rows += [(_("Received by {method}").format(method=method_name(m)), format_inr(v))
             for m, v in sorted(summary.by_method.items())]
    rows.append((_("Opening cash"), format_inr(summary.opening_cash_paise)))
    rows.append((_("Cash expected in the drawer"), format_inr(summary.expected_cash_paise)))
    if counted_paise is not None:
        rows.append((_("Cash counted"), format_inr(counted_paise)))
        rows.append((_("Difference"), format_inr(counted_paise - summary.expected_cash_paise)))
    if summary.pending_memos:
        rows.append((_("Cash memos without a consolidated invoice"), str(summary.pending_memos)))
    return rows


def _money(edit: QLineEdit) -> int | None:
    text = edit.text().strip()
    if not text:
        return None
    paise = parse_inr(text)
    if paise < 0:
        raise InputError(_("Counted cash cannot be negative."))
    return paise


class DayEndDialog(QDialog):
    def __init__(self, session: Session, day: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(_("Day end and Z report"))
        self.setMinimumSize(620, 600)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.day = QDateEdit(QDate(day.year, day.month, day.day))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd-MM-yyyy")
        today = session.ctx.today()
        self.day.setMaximumDate(QDate(today.year, today.month, today.day))
        self.opening = QLineEdit()
        self.opening.setPlaceholderText("0")
        self.counted = QLineEdit()
        self.counted.setPlaceholderText(_("count the drawer"))
        form.addRow(_("Day"), self.day)
        form.addRow(_("Cash in the drawer when the day began (₹)"), self.opening)
        form.addRow(_("Cash counted now (₹)"), self.counted)
        layout.addLayout(form)
        self.heading = QLabel()
        layout.addWidget(self.heading)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([_("What"), _("Amount")])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.papers = QLabel()
        self.papers.setWordWrap(True)
        layout.addWidget(self.papers)
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        buttons = QDialogButtonBox()
        self.invoice_button = buttons.addButton(_("&Consolidated invoice"), QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = buttons.addButton(_("Close the &day (Z report)"), QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button = buttons.addButton(_("&Print"), QDialogButtonBox.ButtonRole.ActionRole)
        done = buttons.addButton(_("Done"), QDialogButtonBox.ButtonRole.RejectRole)
        done.setDefault(True)
        done.clicked.connect(self.reject)
        self.invoice_button.clicked.connect(self.issue_invoice)
        self.close_button.clicked.connect(self.close_day)
        self.print_button.clicked.connect(self.print_report)
        layout.addWidget(buttons)
        self._confirming = False
        self.written: list[Path] = []  # PDFs made here (the tests read them)
        self.day.dateChanged.connect(lambda _d: self.refresh())
        self.opening.textChanged.connect(lambda _t: self.refresh())
        self.counted.textChanged.connect(lambda _t: self.refresh())
        self.refresh()
        self.counted.setFocus()

    def chosen_day(self) -> date:
        chosen = self.day.date()
        return date(chosen.year(), chosen.month(), chosen.day())

    def say(self, text: str, ok: bool = True) -> None:
        self.note.setStyleSheet("color: #067647;" if ok else "color: #b42318;")
        self.note.setText(text)

    def _stored(self) -> dayend.ZReport | None:
        found = dayend.z_reports(self.session.store, self.chosen_day().isoformat())
        return found[-1] if found else None

    def current_rows(self) -> tuple[str, list[tuple[str, str]]]:
        """The heading and lines on screen: the stored Z report of the day, or the takings so far."""
        day = self.chosen_day()
        shown = day.strftime("%d-%m-%Y")
        stored = self._stored()
        if stored is not None:
            return (_("Z report {n} for {date}").format(n=stored.z_no, date=shown),
                    summary_rows(stored.summary, stored.counted_cash_paise))
        opening = _money(self.opening) or 0
        summary = dayend.day_summary(self.session.ctx, day, opening_cash_paise=opening)
        return (_("Takings so far on {date} (not closed)").format(date=shown),
                summary_rows(summary, _money(self.counted)))

    def refresh(self) -> None:
        self._confirming = False
        self.close_button.setText(_("Close the &day (Z report)"))
        try:
            heading, rows = self.current_rows()
        except AppError as exc:
            self.say(exc.message, False)
            return
        self.heading.setText(f"<b>{heading}</b>")
        self.table.setRowCount(len(rows))
        for r, (label, value) in enumerate(rows):
            self.table.setItem(r, 0, QTableWidgetItem(label))
            amount = QTableWidgetItem(value)
            amount.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(r, 1, amount)
        closed = self._stored() is not None
        self.close_button.setEnabled(not closed)
        self.opening.setEnabled(not closed)
        self.counted.setEnabled(not closed)
        invoices = dayend.day_invoices(self.session.store.db(), self.chosen_day().isoformat())
        self.papers.setText("\n".join(_("{number}: {count} cash memos, {total}").format(
            number=inv.invoice_no, count=inv.bill_count, total=format_inr(inv.total_paise)) for inv in invoices)
            or _("No consolidated invoice for this day yet."))

    def issue_invoice(self) -> None:
        """Cover the cash memos up to the chosen day with their consolidated invoice, and print it."""
        try:
            changes = dayend.issue_day_invoices(self.session.ctx, through=self.chosen_day())
        except AppError as exc:
            self.say(exc.message, False)
            return
        numbers = [event.invoice_no for event in changes.events if isinstance(event, DayInvoiceIssued)]
        self.refresh()
        if not numbers:
            self.say(_("No small bills are waiting for a consolidated invoice."))
            return
        from app.ui.printing.document import day_invoice_document
        from app.ui.printing.pdf import write_pdf

        folder = output.documents_dir(self.session)
        for number in numbers:
            invoice = dayend.get_day_invoice(self.session.store.db(), number)
            self.written.append(write_pdf(day_invoice_document(self.session, invoice),
                                          folder / output.file_name(number)))
        self.say(_("Consolidated invoice {numbers} issued; saved as {path}").format(
            numbers=", ".join(numbers), path=self.written[-1]))
        output.show_file(self.written[-1])

    def close_day(self) -> None:
        """Asked twice: a Z report is stored for good."""
        try:
            opening, counted = _money(self.opening) or 0, _money(self.counted)
        except AppError as exc:
            self.say(exc.message, False)
            return
        if not self._confirming:
            self._confirming = True
            self.close_button.setText(_("Close the day now"))
            self.say(_("The Z report cannot be changed once it is taken. Press again to close the day."), False)
            return
        try:
            z_no = dayend.close_day(self.session.ctx, self.chosen_day(), counted_cash_paise=counted,
                                    opening_cash_paise=opening).id
        except AppError as exc:
            self.say(exc.message, False)
            return
        self.refresh()
        self.say(_("Z report {n} stored.").format(n=z_no))
        self.print_report()

    def print_report(self) -> None:
        try:
            heading, rows = self.current_rows()
        except AppError as exc:
            self.say(exc.message, False)
            return
        path = output.print_rows(self.session, heading, rows, f"Z-{self.chosen_day().isoformat()}", self, self.say)
        if path is not None:
            self.written.append(path)
