"""From launch to an open shop: build the demo if asked, open the shop, and deal with every way that
can fail in the shopkeeper's words. A damaged file is never replaced by an empty shop: the only
ways forward are restoring a backup (the damaged file is kept aside) or quitting.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import tzinfo

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QDialog, QWidget

from app.domain.clock import IST
from app.errors import AppError, DatabaseDamaged, SchemaTooNew, ShopInUse, ShopNotFound
from app.i18n import _
from app.session import Launch, Session
from app.store.backup import BackupInfo
from app.ui import tasks
from app.ui.dialogs import ChoiceDialog, ProgressDialog, RestoreDialog, error_texts

log = logging.getLogger(__name__)

EXIT_COULD_NOT_OPEN = 2


class StartupFlow(QObject):
    """Emits ``opened(Session)`` once the shop is open, or ``gave_up(exit_code)``.

    ``dialog`` is whatever the flow is showing now (tests drive it through that attribute).
    """

    opened = Signal(object)
    gave_up = Signal(int)

    def __init__(self, launch: Launch, parent_widget: QWidget | None = None, *, zone: tzinfo = IST) -> None:
        super().__init__()
        self.launch = launch
        self._parent_widget = parent_widget
        self._zone = zone  # backups are listed before any shop setting can be read
        self.dialog: QDialog | None = None
        self.finished = False
        self.pending_import: str | None = None  # an item list chosen in the first-run wizard

    # --- steps ---------------------------------------------------------------------------------
    def start(self) -> None:
        if self.launch.build_demo is not None:
            self._build_demo()
        else:
            self._open()

    def restore(self, backup: BackupInfo, reason: str = "damaged") -> None:
        """Put ``backup`` in the shop's place (the shop must be closed), then open it. ``reason`` names the
        file set aside: "damaged", or "replaced" when the seller chose to go back."""
        progress = ProgressDialog(self._parent_widget, title=_("Restoring the backup"),
                                  text=_("Restoring the shop from the backup. Please wait..."))
        progress.bar.setRange(0, 0)
        self._show(progress)

        def done(_result: object) -> None:
            progress.finish()
            self._open()

        def failed(error: BaseException) -> None:
            progress.finish()
            self._explain_then(error, self._offer_restore_again)

        tasks.run_in_background(lambda: self.launch.restore(backup, reason), done, failed)

    def _build_demo(self) -> None:
        build = self.launch.build_demo
        assert build is not None
        progress = ProgressDialog(self._parent_widget, title=_("Preparing the demo shop"),
                                  text=_("Making a demo shop with items, customers and sales. This takes a minute "
                                         "the first time."))
        relay = tasks.ProgressRelay(progress)
        relay.changed.connect(progress.report)
        self._show(progress)

        def done(_result: object) -> None:
            progress.finish()
            self._open()

        def failed(error: BaseException) -> None:
            progress.finish()
            self._explain_then(error, self._give_up, title=_("The demo shop could not be made"))

        tasks.run_in_background(lambda: build(relay), done, failed)

    def _open(self) -> None:
        tasks.run_in_background(self.launch.open_shop, self._opened, self._open_failed)

    @Slot(object)
    def _opened(self, session: Session) -> None:
        self.dialog = None
        self.finished = True
        self.opened.emit(session)

    def _open_failed(self, error: BaseException) -> None:
        if isinstance(error, ShopInUse):
            self._explain_then(error, self._give_up, title=_("The shop is already open"), button=_("Close"))
            return
        if isinstance(error, ShopNotFound) and self.launch.create_shop is not None and not self._backups():
            self._offer_new_shop()  # a new install on the shop's own name (never over a file or a kept-aside one)
            return
        if isinstance(error, (DatabaseDamaged, ShopNotFound, SchemaTooNew)):
            backups = self._backups()
            if backups:
                self._offer_restore(error, backups)
            else:
                message, hint = error_texts(error)
                no_backup = _("There is no backup of this shop on this PC, so it cannot be restored here.")
                if isinstance(error, DatabaseDamaged):
                    hint = _("{no_backup} The damaged file is at {path}; keep it and ask for help.").format(
                        no_backup=no_backup, path=error.path)
                elif not hint:
                    hint = no_backup
                self._choose(title=_("The shop cannot be opened"), message=message, hint=hint,
                             then=lambda _key: self._give_up())
            return
        self._explain_then(error, self._give_up, title=_("The shop cannot be opened"))

    # --- first run: a new shop ----------------------------------------------------------------
    def _offer_new_shop(self) -> None:
        from app.ui.setup import SetupWizard

        wizard = SetupWizard(self._parent_widget)
        wizard.answered.connect(lambda answers: self._create_shop(wizard, answers))
        wizard.cancelled.connect(self._give_up)
        self._show(wizard)

    def _create_shop(self, wizard: QDialog, answers: dict) -> None:
        from app import config, i18n

        self.launch.machine.set(config.LANGUAGE, answers["language"])
        i18n.set_language(answers["language"])
        if hasattr(wizard, "save_machine"):
            wizard.save_machine(self.launch.machine)  # the printer chosen in the wizard
        if answers["start"] == "demo" and self.launch.other_shop is not None:
            self.launch = self.launch.other_shop("demo")
            self.start()
            return
        create = self.launch.create_shop
        assert create is not None
        progress = ProgressDialog(self._parent_widget, title=_("Setting up the shop"),
                                  text=_("Making the shop's file..."))
        progress.bar.setRange(0, 0)
        self._show(progress)

        def done(_result: object) -> None:
            progress.finish()
            self.pending_import = answers["file"] or None
            self._open()

        def failed(error: BaseException) -> None:
            progress.finish()
            self._explain_then(error, lambda: self._show_again(wizard), title=_("Set up your shop"))

        tasks.run_in_background(lambda: create(answers), done, failed)

    def _show_again(self, wizard: QDialog) -> None:
        self.dialog = wizard
        wizard.ask_again()  # type: ignore[attr-defined]

    def _offer_restore(self, error: BaseException, backups: list[BackupInfo]) -> None:
        message, hint = error_texts(error)
        if isinstance(error, DatabaseDamaged):
            hint = _("Choose a backup to restore. The damaged file is not deleted: it is kept beside the shop "
                     "in case it is needed. Sales made after the backup was taken will have to be entered again.")
        dialog = RestoreDialog(self._parent_widget, title=_("The shop cannot be opened"), message=message, hint=hint,
                               backups=backups, zone=self._zone, cancel_label=_("Quit"))
        dialog.restore_chosen.connect(self.restore)
        dialog.cancelled.connect(self._give_up)
        self._show(dialog)

    def _offer_restore_again(self) -> None:
        backups = self._backups()
        if not backups:
            self._give_up()
            return
        dialog = RestoreDialog(self._parent_widget, title=_("Restore a backup"),
                               message=_("That backup could not be restored. You can choose another one."), hint="",
                               backups=backups, zone=self._zone, cancel_label=_("Quit"))
        dialog.restore_chosen.connect(self.restore)
        dialog.cancelled.connect(self._give_up)
        self._show(dialog)

    # --- helpers -------------------------------------------------------------------------------
    def _backups(self) -> list[BackupInfo]:
        try:
            return self.launch.backups()
        except OSError:
            log.exception("could not list backups")
            return []

    def _show(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.open()

    def _choose(self, *, title: str, message: str, hint: str, then: Callable[[str], None],
                button: str = "") -> None:
        dialog = ChoiceDialog(self._parent_widget, title=title, message=message, hint=hint,
                              choices=[("quit", button or _("Quit"))])
        dialog.chosen.connect(then)
        self._show(dialog)

    def _explain_then(self, error: BaseException, then: Callable[[], None], *, title: str = "",
                      button: str = "") -> None:
        if not isinstance(error, AppError):
            log.error("could not open the shop", exc_info=error)
        message, hint = error_texts(error)
        self._choose(title=title or _("TAVYONIX"), message=message, hint=hint, then=lambda _key: then(),
                     button=button or _("OK"))

    def _give_up(self) -> None:
        self.dialog = None
        self.finished = True
        self.gave_up.emit(EXIT_COULD_NOT_OPEN)
