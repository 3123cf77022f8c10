"""The "Approvals" tab: what the shop's agents want to do but may only do with the shopkeeper's yes.

The requests are read from the store; the answer goes through the shop's decision engine
(``session.engine``, typed Any so that the UI imports no agent code), on a worker thread because the
engine waits for a running cycle to finish. Without an engine the requests are shown but cannot be answered.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.domain.clock import shop_zone
from app.errors import AppError
from app.i18n import _, language
from app.session import Session
from app.store import decisions as decision_store
from app.store import events as event_log
from app.ui import tasks
from app.ui.decision_details import details
from app.ui.dialogs import show_error
from app.ui.formatting import actor_text, format_when
from app.ui.page_scroll import scrolling_body
from app.ui.pages.base import Page
from app.ui.tables import keep_current_in_view, keep_rows_visible

log = logging.getLogger(__name__)

@dataclass(frozen=True)
class Answer:
    """What came of one answer: the decision's status and, when it could not be done, why."""

    approved: bool
    status: str
    kind: str = ""
    why: str = ""


def done_text(answer: Answer) -> str:
    """The status line after an answer, in the shopkeeper's words."""
    if not answer.approved:
        return _("Rejected.")
    if answer.status != "executed":
        if answer.why:
            return _("Approved, but it could not be done: {why}").format(why=answer.why)
        return _("Approved, but it could not be done now ({status}).").format(status=answer.status)
    return {
        "set_price": _("Approved: the new price is set."),
        "purchase_order": _("Approved: the order was placed."),
        "start_promotion": _("Approved: the promotion has started."),
        "end_promotion": _("Approved: the promotion has ended."),
        "book_courier": _("Approved: the operations agent books the courier; the Orders page shows the AWB."),
        "rebook_courier": _("Approved: the operations agent cancels the missed pickup and books the new courier."),
        "hold_stock": _("Approved: the units are held for the export order."),
    }.get(answer.kind, _("Approved and done."))


class ApprovalsPage(Page):
    WHAT, AGENT, ASKED, EXPIRES = range(4)
    ROWS_SHOWN = 5  # the requests table keeps room for this many however long the chosen one's details
    STALE_ON = frozenset({"ApprovalRequested", "ApprovalDecided", "DecisionRecorded", "DecisionStatusChanged",
                          "PriceChanged", "PurchaseOrderCreated"})

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.zone = shop_zone(session.ctx.timezone)
        self.busy = False
        self.dialog: QWidget | None = None  # the last error shown (tests read it)
        # the page scrolls when it is shorter than its parts need: a thirty-line order's details made the window
        # taller than a 1366x768 screen, its Approve button below the screen's edge
        self.page_scroll, layout = scrolling_body(self, "approvals-scroll")
        intro = QLabel(_("What the shop's agents want to do but wait for your yes. Select a request, then approve "
                         "or reject it."))
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.table = QTableWidget(0, 4)
        self.table.setObjectName("approvals-table")
        self.table.setHorizontalHeaderLabels([_("What"), _("Agent"), _("Asked"), _("Expires")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        # one line per request, its whole text in the details below: a wrapped cell is sized by the Latin font's
        # line height, so a Hindi request lost its last lines (the price and the expected result) to an ellipsis
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(self.WHAT, QHeaderView.ResizeMode.Stretch)
        em = self.fontMetrics().horizontalAdvance("M")
        self.table.setColumnWidth(self.AGENT, 10 * em)
        self.table.setColumnWidth(self.ASKED, 11 * em)
        self.table.setColumnWidth(self.EXPIRES, 11 * em)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemSelectionChanged.connect(self._show_details)
        # with many requests and a long order chosen the page scrolls, and the table was squeezed to one or two
        # rows with the chosen one out of sight: it keeps room for a few, and keeps the chosen one in view
        keep_rows_visible(self.table, self.ROWS_SHOWN, 1)
        keep_current_in_view(self.table)
        layout.addWidget(self.table, 1)

        # the selected request in full: its whole text, then its items, quantities, prices and money
        self.details = QLabel()
        self.details.setObjectName("approvals-details")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.details)

        self.empty = QLabel(_("Nothing is waiting for your approval."))
        self.empty.setObjectName("approvals-empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.empty, 1)

        buttons = QHBoxLayout()
        self.approve_button = QPushButton(_("&Approve"))
        self.approve_button.setObjectName("approve")
        self.approve_button.setAutoDefault(False)
        self.approve_button.clicked.connect(lambda: self.answer(approve=True))
        self.reject_button = QPushButton(_("&Reject"))
        self.reject_button.setObjectName("reject")
        self.reject_button.setAutoDefault(False)
        self.reject_button.clicked.connect(lambda: self.answer(approve=False))
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.reject_button)
        self.status_line = QLabel()
        self.status_line.setObjectName("approvals-status")
        self.status_line.setWordWrap(True)
        buttons.addWidget(self.status_line, 1)
        layout.addLayout(buttons)

        self.no_engine = QLabel(_("Requests cannot be answered in this window: the shop's agents are not running "
                                  "here."))
        self.no_engine.setProperty("role", "caption")
        self.no_engine.setWordWrap(True)
        layout.addWidget(self.no_engine)  # first: a label shown before it has a parent is a window of its own
        self.no_engine.setVisible(session.engine is None)
        self._update_buttons()

    @classmethod
    def title(cls) -> str:
        return _("Approvals")

    def focus_target(self) -> QWidget:
        return self.table

    # --- reading -------------------------------------------------------------------------------
    def refresh(self) -> None:
        chosen = self.selected_id()
        now = self.session.ctx.now()
        pending = decision_store.approvals(self.session.store.db(), status="pending")
        self.table.setRowCount(len(pending))
        for row, approval in enumerate(pending):
            cells = [approval.text, actor_text(f"agent:{approval.agent}"),
                     format_when(approval.created_at, self.zone, now),
                     format_when(approval.expires_at, self.zone, now) if approval.expires_at else "-"]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, approval.id)
                if column == self.WHAT:
                    item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        self.table.setVisible(bool(pending))
        self.empty.setVisible(not pending)
        ids = [a.id for a in pending]
        if pending:
            self.table.selectRow(ids.index(chosen) if chosen in ids else 0)
        self._update_buttons()
        self._show_details()

    def _show_details(self) -> None:
        approval_id = self.selected_id()
        db = self.session.store.db()
        found = decision_store.approval(db, approval_id) if approval_id is not None else None
        if found is None:
            self.details.clear()
            self.details.setVisible(False)
            return
        decision = decision_store.decision(db, found.decision_id)
        parts = [found.text]
        if decision is not None and decision.actions:
            parts.append(details(db, decision.actions[0], decision_type=decision.decision_type,
                                 language=language()).text())
        self.details.setText("\n\n".join(part for part in parts if part))
        self.details.setVisible(True)

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), self.WHAT)
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def _update_buttons(self) -> None:
        can = self.session.engine is not None and not self.busy and self.selected_id() is not None
        self.approve_button.setEnabled(can)
        self.reject_button.setEnabled(can)

    # --- answering -----------------------------------------------------------------------------
    def answer(self, *, approve: bool) -> None:
        """Approve or reject the selected request (on a worker thread), then say what came of it."""
        approval_id = self.selected_id()
        engine = self.session.engine
        if approval_id is None or engine is None or self.busy:
            return
        from app.ui.access import is_owner, when_owner  # the owner's PIN (issue 16): staff cannot answer

        if not is_owner(self.session):
            self.pin_dialog = when_owner(self.session, self, _("answer approvals"),
                                         lambda: self.answer(approve=approve))
            return
        store = self.session.store

        def work() -> Answer:
            if not approve:
                engine.reject(approval_id, note=_("Rejected on the Approvals page."))
                return Answer(approved=False, status="rejected")
            status = engine.approve(approval_id, note=_("Approved on the Approvals page."))
            db = store.db()
            found = decision_store.approval(db, approval_id)
            decision = decision_store.decision(db, found.decision_id) if found is not None else None
            kind = str(decision.actions[0].get("kind", "")) if decision is not None and decision.actions else ""
            why = ""
            if status != "executed" and found is not None:
                last = event_log.recent(db, limit=1, subject_type="decision", subject_id=str(found.decision_id))
                why = last[0].reason if last else ""
            return Answer(approved=True, status=status, kind=kind, why=why)

        def done(result: Answer) -> None:
            self.busy = False
            self.status_line.setText(done_text(result))
            if result.kind == "book_courier" and result.status == "executed" and self.session.agents is not None:
                self.session.agents.run_now("operations")  # the approved courier is booked now, not in 15 min
            self.refresh()

        def failed(error: BaseException) -> None:
            self.busy = False
            self.status_line.clear()
            self.refresh()
            if not isinstance(error, AppError):
                log.error("answering approval %s failed", approval_id, exc_info=error)
            self.dialog = show_error(self, error, title=_("Approvals"))

        self.busy = True
        self.status_line.setText(_("Approving...") if approve else _("Rejecting..."))
        self._update_buttons()
        tasks.run_in_background(work, done, failed, owner=self)
