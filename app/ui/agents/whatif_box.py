"""The Agents page's what-if: "What would the agents have done over my last 90 days?"

The button replays the shop's own last 90 days (its items, sales and suppliers) with the agents and with two
honest routines on the same customers, on a worker thread (``session.what_if``, wired by the composition root
to ``app.sim.shop_scenario.what_if``; the shop's file is only read), and shows profit, how much of what
customers asked for was served, and what was thrown away, side by side, with what the replay assumed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
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

from app.domain.money import format_inr
from app.i18n import _
from app.session import Session
from app.ui import tasks
from app.ui.page_scroll import PageScroll

DAYS = 90


def _rupees(paise: int) -> str:
    return format_inr(round(paise / 100) * 100, decimals=False)


def policy_name(policy: str, *, in_sentence: bool = False) -> str:
    if in_sentence:
        return {"agents": _("the agents"), "ss": _("a textbook reorder routine"),
                "kirana": _("a careful shopkeeper's routine")}.get(policy, policy)
    return {"agents": _("The agents"), "ss": _("A textbook reorder routine"),
            "kirana": _("A careful shopkeeper's routine")}.get(policy, policy)


def verdict(result: Any) -> str:
    """The agents against the better of the two routines, in one sentence."""
    agents = next((f for f in result.figures if f.policy == "agents"), None)
    best = result.best_baseline()
    if agents is None or best is None:
        return ""
    gap = agents.profit_paise - best.profit_paise
    if gap >= 0:
        return _("The agents would have made {amount} more profit than {name} ({served} of what customers asked "
                 "for served, against {other}).").format(
            amount=_rupees(gap), name=policy_name(best.policy, in_sentence=True),
            served=f"{agents.fill_rate_priced * 100:.1f}%", other=f"{best.fill_rate_priced * 100:.1f}%")
    return _("The agents would have made {amount} less profit than {name} ({served} of what customers asked for "
             "served, against {other}).").format(
        amount=_rupees(-gap), name=policy_name(best.policy, in_sentence=True),
        served=f"{agents.fill_rate_priced * 100:.1f}%", other=f"{best.fill_rate_priced * 100:.1f}%")


class WhatIfBox(QGroupBox):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(_("What would the agents have done over my last {days} days?").format(days=DAYS), parent)
        self.session = session
        self.result: Any = None
        self.running = False
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.button = QPushButton(_("&Replay my last {days} days").format(days=DAYS))
        self.button.setObjectName("agents-whatif")
        self.button.setAutoDefault(False)
        self.button.clicked.connect(self.start)
        self.status = QLabel(_("Your own items, sales and suppliers, run by the agents and by two careful routines on "
                               "the same customers. Nothing in the shop changes."))
        self.status.setObjectName("agents-whatif-status")
        self.status.setWordWrap(True)
        row.addWidget(self.button)
        row.addWidget(self.status, 1)
        layout.addLayout(row)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("agents-whatif-table")
        self.table.setHorizontalHeaderLabels([_("Run by"), _("Profit"), _("Served"), _("Served, priced-away counted"),
                                              _("Thrown away"), _("Orders")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # three rows and the header, no more: the page above keeps its room
        self.table.setFixedHeight(header.sizeHint().height() + 3 * self.table.verticalHeader().defaultSectionSize() + 4)
        self.table.hide()
        layout.addWidget(self.table)
        self.notes = QLabel()
        self.notes.setObjectName("agents-whatif-notes")
        self.notes.setWordWrap(True)
        self.notes.setProperty("role", "caption")
        layout.addWidget(self.notes)
        if getattr(session, "what_if", None) is None:
            self.button.setEnabled(False)
            self.status.setText(_("The replay is not available in this window."))

    def start(self) -> None:
        run = getattr(self.session, "what_if", None)
        if run is None or self.running:
            return
        self.running = True
        self.button.setEnabled(False)
        self.status.setText(_("Replaying the last {days} days... this takes a few minutes; the shop keeps working.")
                            .format(days=DAYS))
        tasks.run_in_background(lambda: run(DAYS), self.show_result, self.failed, owner=self)

    def failed(self, error: BaseException) -> None:
        self.running = False
        self.button.setEnabled(True)
        self.status.setText(_("The replay could not run: {error}").format(error=error))

    def show_result(self, result: Any) -> None:
        self.running = False
        self.button.setEnabled(True)
        self.result = result
        figures = list(result.figures)
        self.table.setRowCount(len(figures))
        for r, f in enumerate(figures):
            cells = [policy_name(f.policy), _rupees(f.profit_paise), f"{f.fill_rate * 100:.1f}%",
                     f"{f.fill_rate_priced * 100:.1f}%", _rupees(f.waste_paise), str(f.purchase_orders)]
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.setVisible(bool(figures))
        self.status.setText(verdict(result) or _("Nothing to replay."))
        self.notes.setText(" ".join(result.assumptions))
        self.notes.setToolTip("\n".join(result.assumptions))  # the page may be too short to show them all
        QTimer.singleShot(0, self._bring_into_view)  # once laid out around the table and notes

    def _bring_into_view(self) -> None:
        """On a short screen the page scrolls, and the result would appear below its bottom edge."""
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, PageScroll):
            parent = parent.parentWidget()
        if parent is not None:
            parent.bring_into_view(self)

    def rows(self) -> list[list[str]]:
        return [[(cell.text() if (cell := self.table.item(r, c)) is not None else "")
                 for c in range(self.table.columnCount())] for r in range(self.table.rowCount())]
