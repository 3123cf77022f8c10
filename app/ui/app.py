"""``run_gui(launch)``: the desktop app's event loop, from an application object to a closed shop."""

from __future__ import annotations

import logging
import sys
from types import TracebackType

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app import config
from app.session import Launch
from app.ui.controller import AppController
from app.ui.dialogs import show_error
from app.ui.fonts import apply_app_font
from app.ui.heap import keep_heap_small
from app.ui.icon import app_icon, set_windows_app_id

log = logging.getLogger(__name__)

APP_NAME = "TAVYONIX"


def setup_application(app: QApplication) -> None:
    """Name, icon and fonts; the controller decides when the app ends, not the last window closing
    (between the start-up dialogs and the main window there are moments with no window at all)."""
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("Tavyonix")
    app.setWindowIcon(app_icon())
    apply_app_font(app)
    app.setQuitOnLastWindowClosed(False)
    keep_heap_small(app)  # freed memory back to the system every minute (Linux; app/ui/heap.py)


def _excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    """A bug in a slot: log it in full, tell the shopkeeper in words, keep the counter running."""
    log.critical("unexpected error", exc_info=(kind, value, tb))
    if QApplication.instance() is not None:
        show_error(QApplication.activeWindow(), value)


def run_gui(launch: Launch) -> int:
    set_windows_app_id()  # before any window exists, or the taskbar keeps Python's identity
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    setup_application(app)
    apply_app_font(app, large=launch.machine.get(config.LARGE_FONT))  # this PC's choice in Settings
    sys.excepthook = _excepthook
    controller = AppController(launch, app.exit)
    QTimer.singleShot(0, controller.start)
    try:
        code = app.exec()
    finally:
        controller.close_shop()
    return code
