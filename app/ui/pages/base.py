"""What every tab of the main window is: a widget over the open shop that refreshes itself.

A page reads the store (``self.session.store``), acts through services, and hears of changes through
``on_event_<snake_name>`` methods that :class:`app.ui.bridge.EventBridge` calls on the GUI thread.
Work on a page that is not on screen is put off: :meth:`mark_stale` refreshes at once (after a short
pause that gathers bursts of events) if the page is visible, or when it is next shown.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from app.events import Event
from app.session import Session

REFRESH_DELAY_MS = 250


class Page(QWidget):
    """Subclasses set :meth:`title` and :meth:`refresh`; the main window adds one tab per page."""

    #: the event types (their class names) after which the page reads the shop again; a page that must do
    #: more than refresh on an event writes its own ``on_event_<snake_name>`` method
    STALE_ON: frozenset[str] = frozenset()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._stale = True
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self._refresh_now)

    @classmethod
    def title(cls) -> str:
        """The tab's label, translated (called when the window is built)."""
        raise NotImplementedError

    def refresh(self) -> None:
        """Read the shop and fill the widgets (GUI thread: keep it quick or use ``run_in_background``)."""
        raise NotImplementedError

    def focus_target(self) -> QWidget:
        """The widget that gets the keyboard when this tab is chosen."""
        return self

    def on_any_event(self, event: Event) -> None:
        if event.type in self.STALE_ON:
            self.mark_stale()

    def mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self._refresh_timer.start()

    def _refresh_now(self) -> None:
        if self.isVisible():
            self._stale = False
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()
