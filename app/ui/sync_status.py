"""The status-bar widget for marketplace sync: online/offline, changes waiting, last sync, failures
with a retry button. It imports nothing of ``app.sync``: ``main`` passes two callables,
``get_status()`` (returning an object with ``headline``, ``detail``, ``failed``, ``connection``; the
``SyncStatus`` of ``app.sync.status``) and ``retry()``. Both are called off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

COLOURS = {"online": "#1b7f3b", "offline": "#a15c00", "captive": "#a15c00", "unknown": "#555555"}


class _Done(QObject):
    finished = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], done: _Done) -> None:
        super().__init__()
        self.fn, self.done = fn, done

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # shown, never raised on a pool thread
            result = exc
        self.done.finished.emit(result)


class SyncStatusWidget(QWidget):
    """``[●] Online · 3 changes waiting · 1 failed  [Retry]``; the tooltip has each channel and the last sync."""

    def __init__(self, get_status: Callable[[], Any], retry: Callable[[], Any], *, refresh_ms: int = 3000,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.get_status, self.retry_fn = get_status, retry
        self.dot = QLabel("●")
        self.label = QLabel(self.tr("Sync"))
        self.retry_button = QPushButton(self.tr("Retry"))
        self.retry_button.setVisible(False)
        self.retry_button.clicked.connect(self.retry)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        for w in (self.dot, self.label, self.retry_button):
            layout.addWidget(w)
        self._done = _Done()
        self._done.finished.connect(self._show)
        self._busy = False
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.refresh)
        self.timer.start(refresh_ms)
        self.refresh()

    def refresh(self) -> None:
        if self._busy:
            return
        self._busy = True
        QThreadPool.globalInstance().start(_Job(self.get_status, self._done))

    def retry(self) -> None:
        self.retry_button.setEnabled(False)
        QThreadPool.globalInstance().start(_Job(lambda: (self.retry_fn(), self.get_status())[1], self._done))

    def _show(self, status: Any) -> None:
        self._busy = False
        self.retry_button.setEnabled(True)
        if isinstance(status, Exception):
            self.label.setText(self.tr("Sync status unavailable"))
            self.setToolTip(str(status))
            return
        self.label.setText(status.headline)
        self.setToolTip(status.detail)
        self.dot.setStyleSheet(f"color: {COLOURS.get(status.connection, '#555555')}")
        self.retry_button.setVisible(bool(status.failed))
