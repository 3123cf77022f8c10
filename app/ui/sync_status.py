"""The status-bar widget for marketplace sync: online/offline, changes waiting, last sync, failures
with a retry button. It imports nothing of ``app.sync``: ``main`` passes two callables,
``get_status()`` (returning an object with ``headline``, ``detail``, ``failed``, ``connection``; the
``SyncStatus`` of ``app.sync.status``, whose texts are already in the seller's language) and ``retry()``.
Both run off the GUI thread, through :mod:`app.ui.tasks` (without an ``owner``: a relay tied to this
widget's ``destroyed`` crashed Qt in the sync widget test; the slots check the widget is still alive)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from app.i18n import _
from app.ui import tasks

__all__ = ["COLOURS", "SyncStatusWidget"]

COLOURS = {"online": "#1b7f3b", "offline": "#a15c00", "captive": "#a15c00", "unknown": "#555555"}


class SyncStatusWidget(QWidget):
    """``[●] Online · 3 changes waiting · 1 failed  [Retry]``; the tooltip has each channel and the last sync."""

    def __init__(self, get_status: Callable[[], Any], retry: Callable[[], Any], *, refresh_ms: int = 3000,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.get_status, self.retry_fn = get_status, retry
        self.dot = QLabel("●")
        self.label = QLabel(_("Sync"))
        self.retry_button = QPushButton(_("Retry"))
        self.retry_button.setVisible(False)
        self.retry_button.clicked.connect(self.retry)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        for w in (self.dot, self.label, self.retry_button):
            layout.addWidget(w)
        self._busy = False
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.refresh)
        self.timer.start(refresh_ms)
        self.refresh()

    def refresh(self) -> None:
        if self._busy:
            return
        self._busy = True
        tasks.run_in_background(self.get_status, self._show, self._unavailable)

    def retry(self) -> None:
        self.retry_button.setEnabled(False)
        self._busy = True
        retry_fn, get_status = self.retry_fn, self.get_status
        tasks.run_in_background(lambda: (retry_fn(), get_status())[1], self._show, self._unavailable)

    def _unavailable(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):  # closed while the status was being read
            return
        self._busy = False
        self.retry_button.setEnabled(True)
        self.label.setText(_("Sync status unavailable"))
        self.setToolTip(str(error))

    def _show(self, status: Any) -> None:
        if not shiboken6.isValid(self):
            return
        self._busy = False
        self.retry_button.setEnabled(True)
        self.label.setText(status.headline)
        self.setToolTip(status.detail)
        self.dot.setStyleSheet(f"color: {COLOURS.get(status.connection, '#555555')}")
        self.retry_button.setVisible(bool(status.failed))
