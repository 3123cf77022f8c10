"""The event log as a table, newest first, read a page at a time as the view scrolls."""

from __future__ import annotations

from datetime import datetime, tzinfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.domain.records import EventRow
from app.i18n import _, language
from app.store import Store
from app.store import events as event_log
from app.ui.activity_text import describe, names_for, reasons_for
from app.ui.formatting import format_when

PAGE_SIZE = 200

Index = QModelIndex | QPersistentModelIndex


class ActivityModel(QAbstractTableModel):
    WHEN, WHAT, WHY = range(3)

    def __init__(self, store: Store, zone: tzinfo, now: datetime) -> None:
        super().__init__()
        self._store = store
        self._zone = zone
        self._now = now
        self._rows: list[tuple[EventRow, str, str]] = []  # the event, what happened, why
        self._more = False
        self.headers = (_("When"), _("What happened"), _("Why"))

    def reload(self, now: datetime) -> None:
        """Back to the newest page."""
        self._now = now
        page = self._page(None)
        self.beginResetModel()
        self._rows = page
        self._more = len(page) == PAGE_SIZE
        self.endResetModel()

    def _page(self, before_id: int | None) -> list[tuple[EventRow, str, str]]:
        rows = event_log.recent(self._store.db(), limit=PAGE_SIZE, before_id=before_id)
        names = names_for(self._store, rows, language())
        whys = reasons_for(self._store, rows)
        return [(row, describe(row, names), whys[row.id]) for row in rows]

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more or not self._rows:
            return
        page = self._page(self._rows[-1][0].id)
        self._more = len(page) == PAGE_SIZE
        if not page:
            return
        start = len(self._rows)
        self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def sentence(self, row: int) -> str:
        return self._rows[row][1]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        event, text, why = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if index.column() == self.WHEN:
                return format_when(event.at, self._zone, self._now)
            if index.column() == self.WHAT:
                return text
            return why or ("" if role == Qt.ItemDataRole.DisplayRole else None)
        if role == Qt.ItemDataRole.UserRole:
            return event
        return None
