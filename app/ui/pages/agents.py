"""The Agents tab: the seller sees and steers the agents.

Left: each agent on or off and what it may do alone (``limits_box``). Right: what each did today and why
(with undo of a price change), and what they plan next: a dry run of their proposals through the shop's
engine (``session.engine.plan_next()``, on a worker thread; nothing is recorded or done). Until the limits
are chosen the banner says plainly that everything waits for approval.
"""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.clock import shop_zone
from app.domain.money import format_inr
from app.errors import AppError
from app.i18n import _, language, ngettext
from app.services import autonomy
from app.session import Session
from app.store import decisions as decision_store
from app.ui import tasks
from app.ui.agent_words import agent_name, status_text
from app.ui.agents.limits_box import LimitsBox
from app.ui.agents.whatif_box import WhatIfBox
from app.ui.decision_details import details
from app.ui.dialogs import show_error
from app.ui.formatting import format_when
from app.ui.page_scroll import scrolling_body
from app.ui.pages.base import Page
from app.ui.tables import cap_rows, keep_rows_visible

TODAY_LIMIT = 300
ROW_LINES = 5  # a row of today's table shows at most this many lines; the whole text is in its tooltip


class TodayRow(NamedTuple):
    """One of today's decisions as the table shows it, read on a worker thread."""

    id: int
    created_at: str
    agent: str
    what: str
    why: str
    status: str
    undoable: bool  # an executed price change


def _table(columns: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(columns)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(True)
    table.verticalHeader().setVisible(False)
    return table


class AgentsPage(Page):
    WHEN, AGENT, WHAT, WHY, STATUS = range(5)
    STALE_ON = frozenset({"DecisionRecorded", "DecisionStatusChanged", "SettingChanged", "PriceChanged",
                          "AgentRunFinished"})

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.zone = shop_zone(session.ctx.timezone)
        self.dialog: QWidget | None = None  # the last error shown (tests read it)
        self.planning = False
        # the page scrolls when it is shorter than its parts need (1366x768 in Hindi): squeezed, the limits'
        # preview was drawn over the boxes above it and today's table showed a sliver of one row
        self.page_scroll, layout = scrolling_body(self, "agents-scroll")
        self.banner = QLabel()
        self.banner.setObjectName("agents-banner")
        self.banner.setWordWrap(True)
        self.banner.setProperty("role", "warning")
        layout.addWidget(self.banner)

        columns = QHBoxLayout()
        self.limits = LimitsBox(session)
        self.limits.saved.connect(self.refresh)
        columns.addWidget(self.limits, 2)
        right = QVBoxLayout()
        columns.addLayout(right, 3)
        layout.addLayout(columns, 1)

        done = QGroupBox(_("What they did today, and why"))
        done_layout = QVBoxLayout(done)
        self.today = _table([_("When"), _("Agent"), _("What"), _("Why"), _("Status")], "agents-today")
        header = self.today.horizontalHeader()
        header.setSectionResizeMode(self.WHAT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(self.WHY, QHeaderView.ResizeMode.Stretch)
        em = self.fontMetrics().horizontalAdvance("M")
        for column, width in ((self.WHEN, 7), (self.AGENT, 9), (self.STATUS, 9)):
            self.today.setColumnWidth(column, width * em)
        self.today.itemSelectionChanged.connect(self._update_undo)
        keep_rows_visible(self.today, 1, ROW_LINES)
        done_layout.addWidget(self.today, 1)
        self.nothing_today = QLabel(_("The agents have done nothing yet today."))
        self.nothing_today.setObjectName("agents-nothing-today")
        self.nothing_today.hide()  # until today's decisions are read: there may be some
        self._today_reader = tasks.LatestOnly(self)
        done_layout.addWidget(self.nothing_today)
        undo_row = QHBoxLayout()
        self.undo_button = QPushButton(_("&Undo this price change"))
        self.undo_button.setObjectName("agents-undo")
        self.undo_button.setAutoDefault(False)
        self.undo_button.clicked.connect(self.undo)
        self.undo_line = QLabel()
        self.undo_line.setObjectName("agents-undo-status")
        self.undo_line.setWordWrap(True)
        undo_row.addWidget(self.undo_button)
        undo_row.addWidget(self.undo_line, 1)
        done_layout.addLayout(undo_row)
        right.addWidget(done, 3)

        plans = QGroupBox(_("What they plan next"))
        plans_layout = QVBoxLayout(plans)
        plan_row = QHBoxLayout()
        self.plan_button = QPushButton(_("&Show what they would do now"))
        self.plan_button.setObjectName("agents-plan")
        self.plan_button.setAutoDefault(False)
        self.plan_button.clicked.connect(self.show_plans)
        self.plan_line = QLabel(_("A dry run: nothing is ordered or repriced."))
        self.plan_line.setObjectName("agents-plan-status")
        self.plan_line.setWordWrap(True)
        plan_row.addWidget(self.plan_button)
        plan_row.addWidget(self.plan_line, 1)
        plans_layout.addLayout(plan_row)
        self.plans = _table([_("Agent"), _("What"), _("Goes ahead?")], "agents-plans")
        plans_header = self.plans.horizontalHeader()
        plans_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        plans_header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.plans.setColumnWidth(0, 9 * em)
        plans_layout.addWidget(self.plans, 1)
        right.addWidget(plans, 2)
        layout.addWidget(WhatIfBox(session))  # "what would they have done over my last 90 days?"
        if session.engine is None:
            self.plan_button.setEnabled(False)
            self.plan_line.setText(_("The agents are not running in this window, so their plans cannot be shown."))

    @classmethod
    def title(cls) -> str:
        return _("Agents")

    # --- reading -------------------------------------------------------------------------------
    def refresh(self) -> None:
        now = autonomy.controls(self.session.store)
        if not now.enabled:
            self.banner.setText(_("The agents are off: nothing is ordered or repriced, and nothing is suggested."))
        elif not now.chosen:
            self.banner.setText(_("You have not chosen yet what the agents may do on their own, so everything they "
                                  "want to do (every price change and purchase order) waits for your approval in "
                                  "Approvals. Choose the limits below and save them to let them act alone."))
        else:
            self.banner.setText(_("The agents act on their own within the limits below; anything bigger waits for "
                                  "your approval in Approvals."))
        self.limits.load()
        self._fill_today()

    def _fill_today(self) -> None:
        """Read today's decisions and their details on a worker thread (69 on a big shop took 0.3 s of the page's
        first show on the window's thread); the newest read fills the table."""
        ctx, store = self.session.ctx, self.session.store
        start = datetime.combine(ctx.today(), time(0), tzinfo=self.zone).astimezone(UTC)
        since, lang = start.strftime("%Y-%m-%dT%H:%M:%S.000Z"), language()

        def read() -> list[TodayRow]:
            db = store.db()
            found = decision_store.decisions(db, since=since, limit=TODAY_LIMIT)
            found = [d for d in found if not d.decision_type.startswith("alert_")] or found
            rows = []
            for decision in found:
                action = decision.actions[0] if decision.actions else {}
                what = details(db, action, decision_type=decision.decision_type, language=lang).text()
                rows.append(TodayRow(decision.id, decision.created_at, decision.agent, what,
                                     decision.reasoning[0] if decision.reasoning else "", decision.status,
                                     decision.status == "executed" and action.get("kind") == "set_price"))
            return rows

        self._today_reader.run(read, self._show_today)

    def _show_today(self, found: list[TodayRow]) -> None:
        now = self.session.ctx.now()
        self.today.setRowCount(len(found))
        for row, decision in enumerate(found):
            cells = [format_when(decision.created_at, self.zone, now), agent_name(decision.agent), decision.what,
                     decision.why, status_text(decision.status)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, decision.id)
                item.setData(Qt.ItemDataRole.UserRole + 1, decision.undoable)
                if column in (self.WHAT, self.WHY):
                    item.setToolTip(text)
                self.today.setItem(row, column, item)
        cap_rows(self.today, ROW_LINES)  # a long why wrapped taller than the table's view showed a cut sliver
        self.today.setVisible(bool(found))
        self.nothing_today.setVisible(not found)
        self._update_undo()

    def _selected(self) -> tuple[int | None, bool]:
        rows = self.today.selectionModel().selectedRows()
        if not rows:
            return None, False
        item = self.today.item(rows[0].row(), self.WHEN)
        if item is None:
            return None, False
        return int(item.data(Qt.ItemDataRole.UserRole)), bool(item.data(Qt.ItemDataRole.UserRole + 1))

    def _update_undo(self) -> None:
        self.undo_button.setEnabled(self._selected()[1])

    # --- acting --------------------------------------------------------------------------------
    def undo(self) -> None:
        decision_id, undoable = self._selected()
        if decision_id is None or not undoable:
            return
        try:
            autonomy.undo_price_change(self.session.ctx, decision_id)
        except AppError as error:
            self.dialog = show_error(self, error, title=_("Agents"))
            return
        self.undo_line.setText(_("Done: the old price is back."))

    def show_plans(self) -> None:
        engine = self.session.engine
        if engine is None or self.planning:
            return
        store, lang = self.session.store, language()

        def work() -> list[tuple[str, str, str, int]]:
            db = store.db()
            out = []
            for plan in engine.plan_next():
                if plan.kind == "alert":
                    continue
                what = details(db, {"kind": plan.kind, "params": plan.params}, decision_type=plan.decision_type,
                               language=lang).text()
                wait = _("Waits for you: {why}").format(why=plan.waits_for) if plan.waits_for else _("Goes ahead")
                out.append((agent_name(plan.agent), what, wait, int(plan.params.get("total_paise", 0) or 0)
                            if plan.kind == "purchase_order" else 0))
            return out

        def done(rows: list[tuple[str, str, str, int]]) -> None:
            self.planning = False
            self.plan_button.setEnabled(True)
            self._show_plan_rows(rows)

        def failed(error: BaseException) -> None:
            self.planning = False
            self.plan_button.setEnabled(True)
            self.plan_line.clear()
            self.dialog = show_error(self, error, title=_("Agents"))

        self.planning = True
        self.plan_button.setEnabled(False)
        self.plan_line.setText(_("Looking at the shop..."))
        tasks.run_in_background(work, done, failed, owner=self)

    def _show_plan_rows(self, rows: list[tuple[str, str, str, int]]) -> None:
        self.plans.setRowCount(len(rows))
        for row, (agent, what, wait, _spend) in enumerate(rows):
            for column, text in enumerate((agent, what, wait)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.plans.setItem(row, column, item)
        self.plans.resizeRowsToContents()
        spend = sum(r[3] for r in rows)
        if not rows:
            self.plan_line.setText(_("Nothing to do now: stock and prices are where they should be."))
        else:
            text = ngettext("{count} thing to do.", "{count} things to do.", len(rows)).format(count=len(rows))
            if spend:
                text += " " + _("Orders together: {total}.").format(total=format_inr(spend))
            self.plan_line.setText(text + " " + _("Nothing was done."))

    def plan_rows(self) -> list[tuple[str, ...]]:
        """The plans table as text (tests read it)."""
        return _rows(self.plans)

    def today_rows(self) -> list[tuple[str, ...]]:
        return _rows(self.today)


def _rows(table: QTableWidget) -> list[tuple[str, ...]]:
    return [tuple((cell.text() if (cell := table.item(r, c)) is not None else "") for c in range(table.columnCount()))
            for r in range(table.rowCount())]
