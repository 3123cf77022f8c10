"""The "GST returns" tab: a period's return figures, the checks before filing and the due dates, with the
GSTR-1 saved as the portal's JSON or as a workbook for the accountant.

Nothing is filed from here: the seller (or the accountant) uploads the JSON in the GST portal's offline
tool. Reading a month or a quarter of bills takes well under a second even for a busy shop, so the
page prepares on the GUI thread when the period changes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain import gst_checks
from app.domain.gst import format_rate
from app.domain.gst_returns import Period, month_period, quarter_period
from app.domain.money import format_inr
from app.errors import AppError
from app.i18n import _, language
from app.services import gst_returns, gstr2b_match
from app.session import Session
from app.store import catalog as catalog_store
from app.store.db import Store
from app.ui.dialogs import show_error
from app.ui.pages.base import Page
from app.ui.tables import cap_rows, filling
from app.ui.tasks import LatestOnly


def recent_periods(last: Period, *, months: int = 12, quarters: int = 4) -> list[Period]:
    """The periods to offer: the last months and quarters up to ``last``'s month, newest first."""
    out, day = [], last.end
    for _n in range(months):
        out.append(month_period(day.year, day.month))
        day = out[-1].start - timedelta(days=1)
    day, found = last.end, 0
    while found < quarters:
        quarter = quarter_period(day.year, (day.month - 1) // 3 + 1)
        if quarter.end <= last.end:  # only quarters that are over
            out.append(quarter)
            found += 1
        day = quarter.start - timedelta(days=1)
    return out


def _table(headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the words; the figures stay narrow
    return table


@dataclass(frozen=True)
class _Shown:
    """A prepared period and the page's rows for it, all read on the worker."""

    prepared: gst_returns.Prepared
    figures: list[list[str]]
    checks: list[list[str]]
    due: list[list[str]]
    has_debit_notes: bool


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    with filling(table):
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.setItem(r, c, QTableWidgetItem(text))
    table.resizeRowsToContents()


class CompliancePage(Page):
    CHECK_LINES = 4  # a problem's row at most this many lines (the table's view is a few rows tall)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.prepared: gst_returns.Prepared | None = None  # the period shown, once its figures arrived
        self._reader = LatestOnly(self)  # a period chosen while another was read: only the last one is shown
        self.dialog: QWidget | None = None  # the last error shown (tests read it)
        self.match_dialog: QDialog | None = None  # the last GSTR-2B match shown
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Return period:")))
        self.period_box = QComboBox()
        self.period_box.setObjectName("gst-period")
        self.period_box.currentIndexChanged.connect(lambda _i: self.refresh())
        top.addWidget(self.period_box)
        self.scheme_label = QLabel()
        self.scheme_label.setObjectName("gst-scheme")
        top.addWidget(self.scheme_label, 1)
        self.json_button = QPushButton(_("Save GSTR-1 &JSON..."))
        self.json_button.setObjectName("gst-save-json")
        self.json_button.clicked.connect(lambda: self._ask_save("json"))
        self.xlsx_button = QPushButton(_("Save for the &accountant (XLSX)..."))
        self.xlsx_button.setObjectName("gst-save-xlsx")
        self.xlsx_button.clicked.connect(lambda: self._ask_save("xlsx"))
        top.addWidget(self.json_button)
        top.addWidget(self.xlsx_button)
        self.debit_button = QPushButton(_("&Debit note..."))
        self.debit_button.setObjectName("gst-debit-note")
        self.debit_button.clicked.connect(self.open_debit_note_form)
        top.addWidget(self.debit_button)
        self.debit_pdf_button = QPushButton(_("Latest debit note as &PDF..."))
        self.debit_pdf_button.setObjectName("gst-debit-note-pdf")
        self.debit_pdf_button.clicked.connect(self._ask_save_debit_note)
        top.addWidget(self.debit_pdf_button)
        self.match_button = QPushButton(_("&Match GSTR-2B..."))
        self.match_button.setObjectName("gst-match-2b")
        self.match_button.setToolTip(_("Compare the GSTR-2B JSON downloaded from the GST portal with your purchase "
                                       "bills of the month"))
        self.match_button.clicked.connect(self._ask_match_2b)
        top.addWidget(self.match_button)
        layout.addLayout(top)

        note = QLabel(_("Prepared from your bills. Nothing is filed for you: upload the JSON in the GST portal's "
                        "offline tool, or give the workbook to your accountant."))
        note.setWordWrap(True)
        note.setProperty("role", "caption")
        layout.addWidget(note)

        self.figures = _table([_("Figure"), _("Taxable"), "IGST", "CGST", "SGST", _("Cess")], "gst-figures")
        layout.addWidget(self.figures, 4)
        self.checks_title = QLabel()
        self.checks_title.setObjectName("gst-checks-title")
        layout.addWidget(self.checks_title)
        self.checks = _table([_("Problem"), _("Bills or items")], "gst-checks")  # a check names either
        # the bills or items a problem names share the width with it, wrapped: sized to their text, thirteen item
        # names were one line wider than the page, out of the table's view
        self.checks.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.checks, 2)
        layout.addWidget(QLabel(_("Due dates")))
        self.due = _table([_("Return"), _("Period"), _("Due on")], "gst-due")
        layout.addWidget(self.due, 2)
        self.status_line = QLabel()
        self.status_line.setObjectName("gst-status")
        self.status_line.setWordWrap(True)
        layout.addWidget(self.status_line)

    @classmethod
    def title(cls) -> str:
        return _("GST returns")

    def focus_target(self) -> QWidget:
        return self.period_box

    def _fill_periods(self) -> None:
        store, today = self.session.store, self.session.ctx.today()
        last = gst_returns.current_period(store, today)
        periods = recent_periods(month_period(last.end.year, last.end.month))
        if last.is_quarter:  # a quarterly filer sees quarters first
            periods.sort(key=lambda p: not p.is_quarter)
        self.period_box.blockSignals(True)
        self.period_box.clear()
        for period in periods:
            self.period_box.addItem(period.label, period)
        self.period_box.blockSignals(False)

    def choose_period(self, period: Period) -> None:
        if self.period_box.count() == 0:
            self._fill_periods()
        index = self.period_box.findText(period.label)
        if index < 0:
            self.period_box.addItem(period.label, period)
            index = self.period_box.count() - 1
        self.period_box.setCurrentIndex(index)
        self.refresh()

    def refresh(self) -> None:
        if self.period_box.count() == 0:
            self._fill_periods()
        period = self.period_box.currentData()
        if period is None:
            return
        self.prepared = None  # nothing is saved or matched for a period whose figures are not on the page
        for button in (self.json_button, self.xlsx_button, self.debit_button, self.match_button):
            button.setEnabled(False)
        self.checks_title.setText(_("Preparing {period}...").format(period=period.label))
        store = self.session.store
        self._reader.run(lambda: self._prepare(store, period), self._show, self._failed)

    @property
    def ready(self) -> bool:
        """Whether the chosen period's figures are on the page (tests wait on it)."""
        return self.prepared is not None and self.prepared.period == self.period_box.currentData()

    def _prepare(self, store: Store, period: Period) -> _Shown:
        """On the worker: the period's returns and every row the page shows, so the window only fills tables."""
        prepared = gst_returns.prepare(store, period)
        return _Shown(
            prepared=prepared,
            figures=self._figure_rows(prepared),
            checks=[[issue.message, ", ".join(self._documents(store, issue))] for issue in prepared.issues],
            due=[[d.form + (" " + _("(optional)") if d.optional else ""), d.period, d.due.strftime("%d-%m-%Y")]
                 for d in prepared.due],
            has_debit_notes=bool(gst_returns.debit_notes(store)))

    def _show(self, shown: _Shown) -> None:
        prepared = self.prepared = shown.prepared
        regular = prepared.scheme == "regular"
        self.json_button.setEnabled(regular)
        self.xlsx_button.setEnabled(regular)
        self.debit_button.setEnabled(regular)  # a debit note adds to a tax invoice: composition shops issue none
        self.match_button.setEnabled(True)
        self.debit_pdf_button.setEnabled(shown.has_debit_notes)
        scheme = {"regular": _("Regular GST"), "composition": _("Composition"),
                  "unregistered": _("Not registered for GST")}.get(prepared.scheme, prepared.scheme)
        self.scheme_label.setText(scheme)
        _fill(self.figures, shown.figures)
        count = len(shown.checks)
        self.checks_title.setText(_("Checks before filing: {count} problem(s)").format(count=count) if count
                                  else _("Checks before filing: no problems found."))
        _fill(self.checks, shown.checks)
        for row in range(self.checks.rowCount()):  # a long list is cut to a few lines: the whole of it here
            if (listed := self.checks.item(row, 1)) is not None:
                listed.setToolTip(listed.text())
        cap_rows(self.checks, self.CHECK_LINES)
        _fill(self.due, shown.due)

    def _failed(self, error: BaseException) -> None:
        reason = str(error) if isinstance(error, AppError) else _("an unexpected error (it is in the log)")
        self.checks_title.setText(_("The returns could not be prepared: {reason}").format(reason=reason))

    @staticmethod
    def _documents(store: Store, issue: gst_checks.Issue) -> tuple[str, ...]:
        """A check's bills, or its items: an item is named as its bills name it (in English), so in the page's
        language it is named by the item's own name in that language, when the shop keeps one."""
        if issue.code != "own_rate" or language() == "en":
            return issue.documents
        found = catalog_store.by_names_en(store.db(), list(issue.documents))
        lang = language()
        return tuple(found[name].name(lang) if name in found else name for name in issue.documents)

    @staticmethod
    def _figure_rows(prepared: gst_returns.Prepared) -> list[list[str]]:
        if prepared.scheme == "composition":
            if not prepared.period.is_quarter:
                return [[_("CMP-08 is filed for a quarter: choose a quarter."), "", "", "", "", ""]]
            cmp = prepared.cmp08()
            return [[_("CMP-08: turnover"), format_inr(cmp.turnover_paise), "", format_inr(cmp.cgst_paise),
                     format_inr(cmp.sgst_paise), ""],
                    [_("To pay"), "", "", "", "", format_inr(cmp.payable_rupees * 100)]]
        if prepared.scheme != "regular":
            return [[_("A shop not registered for GST files no GST returns."), "", "", "", "", ""]]
        summary = prepared.gstr3b()

        def heads(values) -> list[str]:
            return [format_inr(getattr(values, h)) for h in ("igst", "cgst", "sgst", "cess")]

        rows = [[_("Sales at {rate}").format(rate=format_rate(rate)), format_inr(s.taxable_paise),
                 *[format_inr(getattr(s, f"{h}_paise")) for h in ("igst", "cgst", "sgst", "cess")]]
                for rate, s in sorted(summary.by_rate.items())]
        out = summary.outward
        rows.append([_("Output tax (GSTR-3B 3.1a)"), format_inr(out.taxable_paise),
                     *[format_inr(getattr(out, f"{h}_paise")) for h in ("igst", "cgst", "sgst", "cess")]])
        zero = summary.zero_rated
        if zero.taxable_paise or zero.igst_paise:
            rows.append([_("Exports, zero-rated (GSTR-3B 3.1b)"), format_inr(zero.taxable_paise),
                         format_inr(zero.igst_paise), "", "", format_inr(zero.cess_paise)])
        rows.append([_("Nil-rated and exempt sales"), format_inr(summary.nil_exempt_paise), "", "", "", ""])
        rows.append([_("Input tax credit from {count} purchase bill(s)").format(count=summary.itc_bills), "",
                     *heads(summary.itc)])
        rows.append([_("To pay in cash"), "", *heads(summary.cash_rupees)])
        return rows

    # --- a debit note -------------------------------------------------------------------------
    def open_debit_note_form(self) -> QWidget:
        from app.ui.pages.trade_forms import Field, FieldsDialog

        dialog = FieldsDialog(self, _("Debit note"), [
            Field("invoice", _("Tax invoice"), hint="INV/2627/00012"),
            Field("lines", _("Items"), lines=True, hint=_("one a line: CODE:EXTRA RUPEES, tax included")),
            Field("reason", _("Why the price rose"))], self.issue_debit_note,
            note=_("When an invoice's price was found short after the sale, a debit note charges the difference: it "
                   "is taxed at the invoice's rates and adds to this period's GSTR-1 and GSTR-3B."))
        self.dialog = dialog
        dialog.open()
        return dialog

    def issue_debit_note(self, values: dict[str, str]) -> bool:
        try:
            lines = [gst_returns.parse_debit_line(text) for text in values["lines"].replace(",", "\n").splitlines()
                     if text.strip()]
            changes = gst_returns.record_debit_note(self.session.ctx, invoice_no=values["invoice"], lines=lines,
                                                    reason=values["reason"])
        except AppError as exc:
            self.dialog = show_error(self, exc)
            return False
        note = next(n for n in gst_returns.debit_notes(self.session.store) if n["id"] == changes.id)
        done = _("Debit note {no} on invoice {invoice}: {total} more, in the returns of {day}.")
        self.status_line.setText(done.format(
            no=note["note_no"], invoice=note["invoice_no"], total=format_inr(note["total_paise"]),
            day=note["business_date"]))
        self.refresh()
        return True

    def _ask_save_debit_note(self) -> None:
        notes = gst_returns.debit_notes(self.session.store)
        if not notes:
            return
        name = f"{notes[0]['note_no'].replace('/', '-')}.pdf"
        path, _chosen = QFileDialog.getSaveFileName(self, _("Save the debit note"), str(Path.home() / name),
                                                    "PDF (*.pdf)")
        if path:
            self.save_debit_note(int(notes[0]["id"]), Path(path))

    def save_debit_note(self, note_id: int, path: Path) -> Path | None:
        """Print a debit note (CGST Rule 53's particulars) as a PDF."""
        from app.ui.printing.document import debit_note_document
        from app.ui.printing.pdf import write_pdf

        try:
            write_pdf(debit_note_document(self.session, note_id), path)
        except (AppError, OSError) as exc:
            self.dialog = show_error(self, exc)
            return None
        self.status_line.setText(_("Saved: {path}").format(path=str(path)))
        return path

    # --- GSTR-2B -------------------------------------------------------------------------------
    def _ask_match_2b(self) -> None:
        if self.prepared is None:
            return
        path, _chosen = QFileDialog.getOpenFileName(self, _("Open the GSTR-2B JSON"), str(Path.home()),
                                                    "JSON (*.json)")
        if path:
            self.match_2b(Path(path))

    def match_2b(self, path: Path) -> QDialog | None:
        """Match the month's purchase bills with a GSTR-2B file and show what differs, in a window."""
        if self.prepared is None:
            return None
        try:
            result = gstr2b_match.match_gstr2b(self.session.store, self.prepared.period, path)
        except AppError as exc:
            self.dialog = show_error(self, exc)
            return None
        dialog = QDialog(self)
        dialog.setObjectName("gst-match-2b-dialog")
        dialog.setWindowTitle(_("GSTR-2B and your purchase bills"))
        box = QVBoxLayout(dialog)
        summary = QLabel(gstr2b_match.match_summary(result))
        summary.setObjectName("gst-match-2b-summary")
        summary.setWordWrap(True)
        box.addWidget(summary)
        rows = _table(gstr2b_match.match_headers(), "gst-match-2b-rows")
        header = rows.horizontalHeader()  # here the last column holds the words: it takes the room
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(rows.columnCount() - 1, QHeaderView.ResizeMode.Stretch)
        _fill(rows, gstr2b_match.match_rows(result))
        box.addWidget(rows)
        close = QPushButton(_("Close"))
        close.clicked.connect(dialog.accept)
        box.addWidget(close)
        dialog.resize(1000, 420)
        dialog.show()
        rows.resizeRowsToContents()  # again, now that the columns have their width: rows of one line
        self.status_line.setText(gstr2b_match.match_summary(result))
        self.match_dialog = dialog
        return dialog

    # --- saving --------------------------------------------------------------------------------
    def _ask_save(self, kind: str) -> None:
        if self.prepared is None:
            return
        suffix = "json" if kind == "json" else "xlsx"
        name = f"GSTR1_{self.prepared.profile.gstin or 'shop'}_{self.prepared.period.fp}.{suffix}"
        path, _chosen = QFileDialog.getSaveFileName(self, _("Save GSTR-1"), str(Path.home() / name),
                                                    f"{suffix.upper()} (*.{suffix})")
        if path:
            self.save(kind, Path(path))

    def save(self, kind: str, path: Path) -> Path | None:
        """Write the period's GSTR-1 as the portal's JSON or as the accountant's workbook."""
        if self.prepared is None:
            return None
        try:
            if kind == "json":
                document = self.prepared.gstr1()
                errors = gst_returns.schema_errors(document)
                if errors:
                    raise RuntimeError("GSTR-1 JSON does not match its schema: " + "; ".join(errors[:5]))
                path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
            else:
                from app.services.gst_workbook import write_workbook

                write_workbook(self.prepared, path)
        except (AppError, OSError) as exc:
            self.dialog = show_error(self, exc)
            return None
        self.status_line.setText(_("Saved: {path}").format(path=str(path)))
        return path
