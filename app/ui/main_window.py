"""The main window: one tab per page, the menus, the status bar.

It shows one open shop and never opens or closes it: restoring a backup or switching language is
asked of the owner (:class:`app.ui.controller.AppController`) through signals, because both mean
closing this window and building a new one.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QDockWidget, QHBoxLayout, QMainWindow, QTabWidget, QWidget

import app
from app import i18n
from app.domain.clock import shop_zone
from app.errors import InvalidState
from app.events import ShopCheckFailed
from app.i18n import _
from app.services import shop as shop_service
from app.session import Session
from app.store.second_copy import chosen_place, every_backup
from app.ui import tasks
from app.ui.bridge import EventBridge
from app.ui.dialogs import ChoiceDialog, RestoreDialog, show_error
from app.ui.icon import app_icon
from app.ui.navigation import PageList
from app.ui.pages import PAGES, Page, PageEntry, as_entry
from app.ui.status_bar import ShopStatusBar

log = logging.getLogger(__name__)

STYLE = """
QFrame[card="true"] { background: palette(base); border: 1px solid #d0d7de; border-radius: 8px; }
QLabel[role="caption"] { color: #475467; }
QListWidget#pageList { font-size: 11pt; padding-top: 4px; }
QListWidget#pageList::item { padding: 5px 8px; }
"""
DEFAULT_SIZE = (1280, 720)
HELPERS_WAIT_S = 60.0  # a page opened while the engine is still being built waits at most this long


def shop_display_name(session: Session) -> str:
    try:
        return shop_service.profile(session.store).name
    except InvalidState:
        return session.shop


class MainWindow(QMainWindow):
    restore_chosen = Signal(object)  # BackupInfo
    language_chosen = Signal(str)
    large_font_chosen = Signal(bool)  # Settings > Large letters: the controller rebuilds the window
    shop_chosen = Signal(str)  # File > Switch shop / New shop
    closed = Signal()

    def __init__(self, session: Session, bridge: EventBridge, parent: QWidget | None = None, *,
                 helpers_ready: threading.Event | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.bridge = bridge
        # set when the shop's engine and assistant are on the session (the controller attaches them after the
        # window is shown); a page built before then waits for them, as it reads session.engine when built
        self.helpers_ready = helpers_ready
        self.dialog: QWidget | None = None  # the dialog opened last (tests drive it)
        self._quiet_close = False
        self.shop_name = shop_display_name(session)
        self.setWindowTitle(_("TAVYONIX — {shop}").format(shop=self.shop_name))
        self.setWindowIcon(app_icon())
        self.setStyleSheet(STYLE)
        self.resize(*DEFAULT_SIZE)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        # Only the first page is built now; the others are imported and built when first shown or asked for
        # (page()), behind a blank stand-in in the same place: start-up was mostly the other pages' imports.
        self.entries: list[PageEntry] = [as_entry(p) for p in PAGES]
        self._built: dict[int, Page] = {}
        for index, entry in enumerate(self.entries):
            self.tabs.addTab(_NotBuilt(entry) if index else self._make(index, first=True), entry.title())
        self.tabs.currentChanged.connect(self._page_chosen)
        self.tabs.tabBar().hide()  # the list on the left chooses the page: fifteen tabs do not fit a row
        self.page_list = PageList(self.tabs)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.page_list)
        row.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.chat_dock = None
        self.attach_assistant()

        self.status = ShopStatusBar(session, self.shop_name)
        self.setStatusBar(self.status)
        bridge.register(self.status)
        bridge.register(self)
        self._build_menus()
        self._build_shortcuts()
        self.status.refresh()

    def attach_assistant(self) -> None:
        """The shop's assistant, one keystroke (F9) from the counter, once the session has it."""
        if self.chat_dock is not None or self.session.assistant is None:
            return
        from app.ui.chat_panel import install_chat_dock
        from app.ui.pages.counter import CounterPage

        self.chat_dock = install_chat_dock(
            self, self.session.assistant, bridge=self.bridge,
            back=lambda: self.show_page(CounterPage).focus_target().setFocus())

    # --- structure -----------------------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(_("&File"))
        self.backup_action = QAction(_("&Back up now"), self)
        self.backup_action.setShortcut(QKeySequence("Ctrl+B"))
        self.backup_action.triggered.connect(self.back_up_now)
        file_menu.addAction(self.backup_action)
        self.restore_action = QAction(_("&Restore a backup..."), self)
        self.restore_action.triggered.connect(self.choose_backup)
        file_menu.addAction(self.restore_action)
        file_menu.addSeparator()
        self.import_action = QAction(_("&Import items..."), self)  # issue 16: item lists from Excel/CSV
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.triggered.connect(lambda: self.import_items())
        file_menu.addAction(self.import_action)
        for label, new in ((_("&New shop..."), True), (_("S&witch shop..."), False)):
            action = QAction(label, self)
            action.triggered.connect(lambda _checked=False, n=new: self.choose_shop(new=n))
            file_menu.addAction(action)
        file_menu.addSeparator()
        quit_action = QAction(_("&Quit"), self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        language_menu = bar.addMenu(_("&Language"))
        group = QActionGroup(self)
        group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for code, name in i18n.LANGUAGES.items():
            action = QAction(name, self, checkable=True)
            action.setChecked(code == i18n.language())
            action.triggered.connect(lambda _checked=False, c=code: self._choose_language(c))
            group.addAction(action)
            language_menu.addAction(action)
            self.language_actions[code] = action

        help_menu = bar.addMenu(_("&Help"))
        about = QAction(_("&About TAVYONIX"), self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    def _build_shortcuts(self) -> None:
        for index in range(min(len(self.entries), 9)):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{index + 1}"), self)
            shortcut.activated.connect(lambda i=index: self.tabs.setCurrentIndex(i))
        # pages past the ninth, one at a time (Ctrl+PgDown/PgUp belong to the counter's held bills)
        for keys, step in ((QKeySequence.StandardKey.NextChild, 1), (QKeySequence.StandardKey.PreviousChild, -1)):
            shortcut = QShortcut(keys, self)
            shortcut.activated.connect(lambda s=step: self.tabs.setCurrentIndex((self.tabs.currentIndex() + s)
                                                                                % self.tabs.count()))
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.activated.connect(self._find_item)

    def addDockWidget(self, area, dock, *args) -> None:  # type: ignore[no-untyped-def, override]
        super().addDockWidget(area, dock, *args)
        dock.visibilityChanged.connect(self._docks_changed)

    def _docks_changed(self, _visible: bool = False) -> None:
        """A docked panel (the assistant's chat) takes the page list's room, so the bill keeps its columns on a
        1366-pixel screen; the pages stay one key away (Ctrl+1..9, Ctrl+Tab) and the list returns with it closed."""
        docked = any(dock.isVisible() and not dock.isFloating() for dock in self.findChildren(QDockWidget))
        self.page_list.setVisible(not docked)

    def refresh_all(self) -> None:
        self.status.refresh()
        for page in self.pages:  # a page not built yet reads the shop when it is built
            page.mark_stale()

    @property
    def pages(self) -> list[Page]:
        """The pages built so far, in the list's order."""
        return [self._built[i] for i in sorted(self._built)]

    def page_index(self, page: type[Page] | str) -> int:
        """Where a page (its class or class name) is in the list, built or not."""
        return next(i for i, entry in enumerate(self.entries) if entry.matches(page))

    def page(self, page: type[Page] | str) -> Page:
        """The page (its class or class name), built now if it was not yet."""
        return self._make(self.page_index(page))

    def show_page(self, page_class: type[Page] | str) -> Page:
        page = self.page(page_class)
        self.tabs.setCurrentWidget(page)
        return page

    def _make(self, index: int, *, first: bool = False) -> Page:
        """The page at ``index``, importing and building it the first time (and putting it in its place).
        ``first``: the page the window opens on, built before the engine exists (the counter needs none)."""
        if index in self._built:
            return self._built[index]
        if self.helpers_ready is not None and not first:
            self.helpers_ready.wait(HELPERS_WAIT_S)  # under a second after start, and only the first time
        page = self.entries[index].load()(self.session)
        self._built[index] = page
        stand_in = self.tabs.widget(index)
        if isinstance(stand_in, _NotBuilt):
            current = self.tabs.currentIndex()
            self.tabs.blockSignals(True)  # the list and focus follow once, after the swap
            try:
                self.tabs.removeTab(index)
                self.tabs.insertTab(index, page, self.entries[index].title())
                self.tabs.setCurrentIndex(current)
            finally:
                self.tabs.blockSignals(False)
            stand_in.deleteLater()
        self.bridge.register(page)
        return page

    def _page_chosen(self, index: int) -> None:
        if 0 <= index < len(self.entries):
            self._make(index).focus_target().setFocus()

    def _find_item(self) -> None:
        from app.ui.pages.items import ItemsPage

        page = self.show_page(ItemsPage)
        page.focus_target().setFocus()
        assert isinstance(page, ItemsPage)
        page.search.selectAll()

    # --- actions -------------------------------------------------------------------------------
    def back_up_now(self) -> None:
        self.backup_action.setEnabled(False)
        self.status.showMessage(_("Making a backup..."))
        session = self.session

        def done(path: Path) -> None:
            self.backup_action.setEnabled(True)
            self.status.showMessage(_("Backup saved: {file}").format(file=path.name), 10_000)
            self.refresh_all()

        def failed(error: BaseException) -> None:
            self.backup_action.setEnabled(True)
            self.status.clearMessage()
            self.dialog = show_error(self, error, title=_("Backup"))

        tasks.run_in_background(lambda: session.backup("manual"), done, failed, owner=self)

    def import_items(self, path: str | None = None) -> None:
        """The item-list import, on ``path`` if given (the first-run wizard chose it)."""
        from app.ui.items import ItemImportDialog

        dialog = ItemImportDialog(self.session, self, path)
        dialog.imported.connect(lambda _added: self.refresh_all())
        self.dialog = dialog
        dialog.open()

    def choose_shop(self, *, new: bool) -> None:
        from app.ui.setup.switch import SwitchShopDialog

        dialog = SwitchShopDialog(self, self.session.data, self.session.shop, new=new)
        dialog.shop_chosen.connect(self.shop_chosen.emit)
        self.dialog = dialog
        dialog.open()

    def choose_backup(self) -> None:
        backups = every_backup(self.session.backup_dir, chosen_place(self.session.machine), self.session.shop)
        if not backups:
            dialog = ChoiceDialog(self, title=_("Restore a backup"),
                                  message=_("There are no backups of this shop yet."),
                                  hint=_("Use File → Back up now to make one."), choices=[("ok", _("OK"))])
            self.dialog = dialog
            dialog.open()
            return
        dialog = RestoreDialog(
            self, title=_("Restore a backup"), message=_("Put the shop back to how it was in a backup?"),
            hint=_("Everything entered after the backup was made will no longer be in the shop. The current file "
                   "is kept aside, not deleted."),
            backups=backups, zone=shop_zone(self.session.ctx.timezone), restore_label=_("Restore"))
        dialog.restore_chosen.connect(self.restore_chosen.emit)
        self.dialog = dialog
        dialog.open()

    def on_event_shop_check_failed(self, _event: ShopCheckFailed) -> None:
        """The background check found damage after the shop opened: offer the last good backups."""
        if isinstance(self.dialog, RestoreDialog) and self.dialog.isVisible():
            return
        message = _("A check found damage in the shop's data file.")
        backups = every_backup(self.session.backup_dir, chosen_place(self.session.machine), self.session.shop)
        if not backups:
            dialog: QWidget = ChoiceDialog(
                self, title=_("The shop's file is damaged"), message=message,
                hint=_("There is no backup on this PC to go back to. Keep the PC on, do not delete anything, "
                       "and ask for help."), choices=[("ok", _("OK"))])
        else:
            restore = RestoreDialog(
                self, title=_("The shop's file is damaged"), message=message,
                hint=_("Restore the last good backup now? Nothing is deleted: the damaged file is kept aside. "
                       "Anything entered after the backup was made will have to be entered again."),
                backups=backups, zone=shop_zone(self.session.ctx.timezone), restore_label=_("Restore"),
                cancel_label=_("Not now"))
            restore.restore_chosen.connect(self.restore_chosen.emit)
            dialog = restore
        self.dialog = dialog
        dialog.open()

    def _choose_language(self, code: str) -> None:
        if code != i18n.language():
            self.language_chosen.emit(code)

    def show_about(self) -> None:
        dialog = ChoiceDialog(
            self, title=_("About TAVYONIX"), message=_("TAVYONIX {version}").format(version=app.__version__),
            hint=_("The operating system for your shop: billing, stock, khata and marketplaces, working even "
                   "without the internet. Your shop's data stays on this PC.") + "\n\n"
            + _("Fonts: Noto Sans and Noto Sans Devanagari, under the SIL Open Font License."),
            choices=[("ok", _("OK"))])
        self.dialog = dialog
        dialog.open()

    # --- life cycle ----------------------------------------------------------------------------
    def close_quietly(self) -> None:
        """Close without telling the owner (it is replacing this window)."""
        self._quiet_close = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        for page in self.pages:
            self.bridge.unregister(page)
        self.bridge.unregister(self.status)
        self.bridge.unregister(self)
        super().closeEvent(event)
        if not self._quiet_close:
            self.closed.emit()


class _NotBuilt(QWidget):
    """Holds a page's place in the stack until the page is first shown."""

    def __init__(self, entry: PageEntry) -> None:
        super().__init__()
        self.entry = entry
