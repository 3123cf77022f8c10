"""Owns the open shop for the desktop app: the session, the event bridge and the main window.

The window asks; the controller does what needs the shop closed and reopened (restoring a backup)
or the window rebuilt (switching language).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import tzinfo

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication

from app import config, i18n
from app.domain.clock import IST, shop_zone
from app.session import Launch, Session
from app.store.backup import BackupInfo
from app.ui import tasks
from app.ui.bridge import EventBridge
from app.ui.dialogs import show_error
from app.ui.main_window import DEFAULT_SIZE, MainWindow
from app.ui.startup import StartupFlow

log = logging.getLogger(__name__)

SMALL_SCREEN = (1400, 820)  # at or under this (a 1366x768 counter monitor) the window fills the screen


class AppController(QObject):
    """Lives on the GUI thread for the life of the app. ``exit(code)`` is how it ends the event loop."""

    def __init__(self, launch: Launch, exit: Callable[[int], None]) -> None:
        super().__init__()
        self.launch = launch
        self._exit = exit
        self.session: Session | None = None
        self.bridge: EventBridge | None = None
        self.window: MainWindow | None = None
        self.flow: StartupFlow | None = None
        self.exit_code = 0
        self.helpers_ready = threading.Event()  # set once the open shop's engine and assistant are attached

    def start(self) -> None:
        self._new_flow().start()

    def _new_flow(self, zone: tzinfo = IST, *, back_to: Launch | None = None) -> StartupFlow:
        """``back_to``: the shop to open again if this one is given up (a switch the seller cancelled)."""
        self.flow = StartupFlow(self.launch, zone=zone)
        self.flow.opened.connect(self._opened)
        if back_to is None:
            self.flow.gave_up.connect(self.quit)
        else:
            self.flow.gave_up.connect(lambda _code: self._go_back(back_to))
        return self.flow

    def _go_back(self, launch: Launch) -> None:
        self.launch = launch
        self._new_flow().start()

    def _opened(self, session: Session) -> None:
        self.session = session
        self.bridge = EventBridge(session.bus)
        self.helpers_ready = threading.Event()
        self._show_window()
        self.launch.machine.set(config.LAST_SHOP, session.shop)
        if self.flow is not None and self.flow.pending_import and self.window is not None:
            self.window.import_items(self.flow.pending_import)  # chosen in the first-run wizard
            self.flow.pending_import = None

        def started(_result: object) -> None:
            if self.window is not None:  # the start-up backup may have just been made; sync may be running
                self.window.attach_assistant()
                self.window.status.attach_sync(session.sync)
                self.window.refresh_all()

        def failed(error: BaseException) -> None:
            self.helpers_ready.set()  # pages waiting for the engine open without it
            log.error("background jobs did not start", exc_info=error)
            if self.window is not None:
                show_error(self.window, error)

        launch, ready = self.launch, self.helpers_ready

        def attach() -> None:
            try:
                if launch.attach_helpers is not None:
                    launch.attach_helpers(session)
            finally:
                ready.set()

        def attached(_result: object) -> None:
            if self.window is not None:
                self.window.attach_assistant()
            tasks.run_in_background(lambda: launch.start_background(session), started, failed)

        # after the window is shown: the engine and assistant first (a page opened meanwhile waits for them),
        # then backups, the scheduler, sync, the agents, the local API
        tasks.run_in_background(attach, attached, failed)

    def _show_window(self) -> None:
        assert self.session is not None and self.bridge is not None
        old = self.window
        window = MainWindow(self.session, self.bridge, helpers_ready=self.helpers_ready)
        window.restore_chosen.connect(self._restore)
        window.language_chosen.connect(self.set_language)
        window.large_font_chosen.connect(self.set_large_font)
        window.shop_chosen.connect(self.switch_shop)
        window.closed.connect(lambda: self.quit(0))
        self.window = window
        if old is not None:
            window.tabs.setCurrentIndex(old.tabs.currentIndex())
            if old.isMaximized():
                window.showMaximized()
            else:
                window.setGeometry(old.geometry())
                window.show()
            old.close_quietly()
            old.deleteLater()
        else:
            _place(window)
        window.activateWindow()

    def set_language(self, code: str) -> None:
        """Remember the choice on this PC and rebuild the window in that language."""
        self.launch.machine.set(config.LANGUAGE, code)
        i18n.set_language(code)
        if self.session is not None:
            self._show_window()

    def set_large_font(self, large: bool) -> None:
        """Remember the choice on this PC and rebuild the window with the letters that size."""
        from app.ui.fonts import apply_app_font

        self.launch.machine.set(config.LARGE_FONT, large)
        if self.session is not None:
            self.session.machine.set(config.LARGE_FONT, large)  # the open shop's copy, which Settings reads
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_app_font(app, large=large)
        if self.session is not None:
            self._show_window()

    def switch_shop(self, name: str) -> None:
        """Close this shop and open ``name`` (a name without a file goes to the set-up wizard)."""
        if self.launch.other_shop is None:
            return
        previous = self.launch
        self.close_shop()
        self.launch = previous.other_shop(name)
        self._new_flow(back_to=previous).start()

    def _restore(self, backup: BackupInfo) -> None:
        zone = shop_zone(self.session.ctx.timezone) if self.session else IST
        self.close_shop()
        self._new_flow(zone).restore(backup, "replaced")

    def close_shop(self) -> None:
        """Close the window and the shop (waiting for background reads that use it)."""
        if self.window is not None:
            self.window.close_quietly()
            self.window.deleteLater()
            self.window = None
        if self.bridge is not None:
            self.bridge.close()
            self.bridge.deleteLater()
            self.bridge = None
        tasks.wait_for_tasks()
        if self.session is not None:
            self.session.close()
            self.session = None

    def quit(self, code: int = 0) -> None:
        self.exit_code = code
        self._exit(code)


def _place(window: MainWindow) -> None:
    screen = window.screen() or QApplication.primaryScreen()
    available = screen.availableGeometry() if screen else None
    if available is None or (available.width() <= SMALL_SCREEN[0] or available.height() <= SMALL_SCREEN[1]):
        if available is not None:
            window.setGeometry(available)  # also right where no window manager maximizes
        window.showMaximized()
        return
    window.resize(*DEFAULT_SIZE)
    frame = window.frameGeometry()
    frame.moveCenter(available.center())
    window.move(frame.topLeft())
    window.show()
    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
