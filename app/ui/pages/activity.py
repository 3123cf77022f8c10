"""The "Activity" tab: everything that changed in the shop, newest first, in plain words."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from app.domain.clock import shop_zone
from app.events import Event
from app.i18n import _
from app.session import Session
from app.ui.delegates import BaselineTextDelegate
from app.ui.models.activity import ActivityModel
from app.ui.pages.base import Page


class ActivityPage(Page):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.model = ActivityModel(session.store, shop_zone(session.ctx.timezone), session.ctx.now())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(QLabel(_("Who changed what in the shop, and why. Newest first.")))
        self.table = QTableView()
        self.table.setObjectName("activity-table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setItemDelegate(BaselineTextDelegate(self.table))
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ActivityModel.WHAT, QHeaderView.ResizeMode.Stretch)
        em = self.fontMetrics().horizontalAdvance("M")
        self.table.setColumnWidth(ActivityModel.WHEN, 11 * em)
        self.table.setColumnWidth(ActivityModel.WHY, 16 * em)
        layout.addWidget(self.table, 1)

    @classmethod
    def title(cls) -> str:
        return _("Activity")

    def focus_target(self) -> QWidget:
        return self.table

    def refresh(self) -> None:
        self.model.reload(self.session.ctx.now())

    def on_any_event(self, _event: Event) -> None:
        self.mark_stale()
