"""A USB barcode scanner is a keyboard that types very fast: tell its bursts from a person's typing.

The filter sits on the whole application. Printable keys are held back for a moment (``gap_ms``); a
burst of digits, each within ``gap_ms`` of the last and ended by Enter (or Tab), is a scan: it is
taken away from whatever widget has the focus and emitted as ``scanned(code)``. Anything else, a
person typing, is handed on to the widget it was meant for, unchanged and in order, a few
milliseconds late. So a scan lands in the bill even when the focus is in a quantity box, and typing
is never eaten.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

__all__ = ["ENDS", "SCAN", "ScanFilter"]

SCAN = re.compile(r"^[0-9]{6,14}$")  # EAN-8/13, UPC-A, GTIN-14 and in-store numeric codes
ENDS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab)
_HELD_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | \
    Qt.KeyboardModifier.MetaModifier


class ScanFilter(QObject):
    """Install with ``QApplication.instance().installEventFilter(filter)``; ``active()`` says when to look
    (the counter is on screen); ``accept(target)`` says whether a scan may be taken from ``target``'s
    window (False while a dialog is open: the scan is dropped and ``refused`` is emitted)."""

    scanned = Signal(str)
    refused = Signal(str)

    def __init__(self, active: Callable[[], bool], accept: Callable[[QWidget], bool], *, gap_ms: int = 35,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._active, self._accept = active, accept
        self.gap_s = gap_ms / 1000
        self._held: list[tuple[QObject, QKeyEvent]] = []
        self._last = 0.0
        self._fast = True  # every gap so far was scanner-fast
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(max(1, gap_ms))
        self._timer.timeout.connect(self.flush)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if self._replaying or event.type() != QEvent.Type.KeyPress or not isinstance(obj, QWidget):
            return False
        focus = QApplication.focusWidget()
        if obj is not (focus or obj.window()) or not self._active():
            return False
        assert isinstance(event, QKeyEvent)
        now = time.monotonic()
        text = event.text()
        if event.key() in ENDS and self._held:
            code = "".join(e.text() for _o, e in self._held)
            if self._fast and now - self._last <= self.gap_s * 2 and SCAN.match(code):
                self._held.clear()
                self._timer.stop()
                if self._accept(obj):
                    self.scanned.emit(code)
                else:
                    self.refused.emit(code)
                return True
            self.flush()
            return False
        if text and text.isprintable() and not (event.modifiers() & _HELD_MODIFIERS):
            if self._held:
                self._fast = self._fast and (now - self._last) <= self.gap_s
            else:
                self._fast = True
            self._last = now
            copy = QKeyEvent(QEvent.Type.KeyPress, event.key(), event.modifiers(), text, event.isAutoRepeat(),
                             event.count())
            self._held.append((obj, copy))
            self._timer.start()
            return True
        if self._held:
            self.flush()
        return False

    def flush(self) -> None:
        """Hand held-back keys to the widgets they were meant for (a person was typing)."""
        self._timer.stop()
        held, self._held = self._held, []
        self._replaying = True
        try:
            for target, event in held:
                if shiboken6.isValid(target):
                    QApplication.sendEvent(target, event)
        finally:
            self._replaying = False
