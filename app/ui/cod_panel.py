"""The Orders page's *Courier COD* tab: cash on delivery the courier collected for the shop's own orders,
matched against its remittance report — each delivered COD parcel remitted, short, missing (not paid this
many days after delivery) or waiting, and what the courier still owes. *Fetch from the courier* reads the
report from the aggregator's API (off the GUI thread); *Import file…* takes the CSV downloaded from its
panel. Each remittance becomes a payment on its order once (``app.services.cod_remittances``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.money import format_inr
from app.errors import AppError
from app.i18n import _
from app.services import cod_remittances, couriers
from app.session import Session
from app.ui import tasks
from app.ui.courier.booking import error_text
from app.ui.order_buttons import action_button

STATE_COLOURS = {"short": "#b00020", "missing": "#b00020", "remitted": "#1b5e20", "waiting": "#555555"}


class CodPanel(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.busy = False
        self.rows: list[cod_remittances.CodRow] = []
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Cash the courier collected at the door for your home deliveries, and what it has "
                                  "paid you for it.")))
        top = QHBoxLayout()
        self.fetch_button = action_button(_("&Fetch from the courier"), "cod-fetch", self.fetch)
        self.import_button = action_button(_("&Import file…"), "cod-import", self.choose_file)
        self.days = QSpinBox()
        self.days.setObjectName("cod-days")
        self.days.setRange(1, 60)
        self.days.setValue(cod_remittances.REMIT_DAYS)
        self.days.valueChanged.connect(lambda _v: self.refresh())
        for widget in (self.fetch_button, self.import_button, QLabel(_("Missing after (days):")), self.days):
            top.addWidget(widget)
        top.addStretch(1)
        layout.addLayout(top)
        self.summary = QLabel()
        self.summary.setObjectName("cod-summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("cod-table")
        self.table.setHorizontalHeaderLabels([_("Order"), _("AWB"), _("Customer"), _("Amount"), _("Remitted"),
                                              _("State")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.message = QLabel()
        self.message.setObjectName("cod-message")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)

    def refresh(self) -> None:
        self.rows = cod_remittances.report(self.session.ctx, days=self.days.value())
        self.table.setRowCount(len(self.rows))
        for n, row in enumerate(self.rows):
            cells = (f"#{row.order_id}", row.awb, row.customer, format_inr(row.due_paise),
                     format_inr(row.remitted_paise) if row.state in ("remitted", "short") else "—",
                     cod_remittances.state_label(row.state))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 5:
                    item.setForeground(QColor(STATE_COLOURS[row.state]))
                    item.setToolTip(row.reference)
                    item.setData(Qt.ItemDataRole.UserRole, row.state)
                self.table.setItem(n, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.summary.setText(cod_remittances.summary(self.rows) if self.rows else
                             _("No home delivery sent by courier with cash on delivery has been delivered yet."))
        bad = any(r.state in ("short", "missing") for r in self.rows)
        self.summary.setStyleSheet(f"color: {STATE_COLOURS['short']}" if bad else "")
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.fetch_button.setEnabled(not self.busy)
        self.import_button.setEnabled(not self.busy)

    def _recorded(self, done: cod_remittances.Recorded) -> None:
        self.busy = False
        text = _("{n} remittances recorded, {m} already in the books.").format(n=done.matched, m=done.already)
        if done.unknown:
            text += " " + _("Not parcels of this shop's cash on delivery: {awbs}").format(awbs=", ".join(done.unknown))
        self.message.setText(text)
        self.refresh()

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        self.message.setText(error_text(error))
        self._update_buttons()

    def fetch(self) -> None:
        if self.busy:
            return
        ctx = self.session.ctx
        self.busy = True
        self.message.setText(_("Asking the courier for its remittance report…"))
        self._update_buttons()
        tasks.run_in_background(
            lambda: cod_remittances.record(ctx, couriers.fetch_remittances(ctx), source="courier"),
            self._recorded, self._failed, owner=self)

    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("The courier's remittance file"), "",
                                                    _("CSV files (*.csv)"))
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        try:
            found = cod_remittances.parse_csv(path.read_text(encoding="utf-8"))
            done = cod_remittances.record(self.session.ctx, found, source="file")
        except (AppError, OSError, UnicodeDecodeError) as exc:
            self.message.setText(exc.message if isinstance(exc, AppError) else
                                 _("The file could not be read: {why}").format(why=exc))
            return
        self._recorded(done)
