"""On the Items tab: list the selected item, or every item shown, on a connected marketplace (its title,
description, price and quantity are queued for the next sync; an item without HSN code or GST rate is
refused by name before anything is queued)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from app.errors import AppError
from app.i18n import _
from app.services import order_flow
from app.ui.dialogs import show_error


class ListOnChannel(QWidget):
    """Lives on the Items page (``page.table``, ``page.model``, ``page.session``); hidden with no marketplace."""

    def __init__(self, page: Any) -> None:
        super().__init__(page)
        self.page = page
        self.dialog: QWidget | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.channel = QComboBox()
        self.channel.setObjectName("list-channel")
        self.one = QPushButton(_("&List on"))
        self.one.setObjectName("list-one")
        self.one.clicked.connect(self.list_selected)
        self.all = QPushButton(_("List all shown"))
        self.all.setObjectName("list-all")
        self.all.clicked.connect(self.list_shown)
        self.status = QLabel()
        self.status.setObjectName("list-status")
        for widget in (self.one, self.channel, self.all, self.status):
            row.addWidget(widget)
        row.addStretch(1)
        self.reload()
        page.installEventFilter(self)

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if watched is self.page and event.type() == QEvent.Type.Show:
            self.reload()  # each time the tab is shown: a marketplace connected since is offered
        return False

    def reload(self) -> None:
        channels = order_flow.listing_channels(self.page.session.ctx)
        self.channel.clear()
        for code, name in channels:
            self.channel.addItem(name, code)
        self.setVisible(bool(channels))

    def _list(self, skus: list[str]) -> None:
        if not skus or self.channel.currentData() is None:
            return
        name = self.channel.currentText()
        try:
            queued = order_flow.list_items(self.page.session.ctx, str(self.channel.currentData()), skus)
        except AppError as exc:
            self.dialog = show_error(self, exc, title=_("List on a marketplace"))
            return
        self.status.setText(_("{n} items listed on {channel}; {q} changes wait for the next sync.").format(
            n=len(skus), channel=name, q=queued))
        if queued and self.page.session.sync is not None:
            self.page.session.sync.wake()

    def list_selected(self) -> None:
        rows = self.page.table.selectionModel().selectedRows()
        self._list([self.page.model.product_at(r.row()).sku for r in rows])

    def list_shown(self) -> None:
        model = self.page.model
        self._list([model.product_at(n).sku for n in range(model.rowCount())])
