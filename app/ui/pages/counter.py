"""The "Counter" tab, the app's first screen: ring up bills with the scanner and the keyboard, take the
money, print the receipt.

This module lays the screen out and wires its keys; the jobs live in :mod:`app.ui.counter`: the bill
tabs (:mod:`~app.ui.counter.tabs`), the command line (:mod:`~app.ui.counter.command`, Qt-free, and its
slots in :mod:`~app.ui.counter.entry`), items (:mod:`~app.ui.counter.items`), hold and recall
(:mod:`~app.ui.counter.hold`), paying and printing (:mod:`~app.ui.counter.paying`). A scan lands in the
bill whatever has the focus (:class:`~app.ui.counter.scanner.ScanFilter`). The bills on the counter are
saved as they change, and paying commits the sale before the receipt is printed.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QListWidget, QTabBar, QVBoxLayout, QWidget

from app import config
from app.events import ReturnRecorded
from app.i18n import _
from app.session import Session
from app.ui.counter.bill import Bill, BillSaver
from app.ui.counter.command import MODES, Command
from app.ui.counter.entry import CommandSlots
from app.ui.counter.hold import HoldRecall
from app.ui.counter.home_delivery import HomeDeliveryButton
from app.ui.counter.items import Items
from app.ui.counter.offer_code import OfferCodeField
from app.ui.counter.offer_consent import OfferConsentButton
from app.ui.counter.paying import Paying
from app.ui.counter.scanner import ScanFilter
from app.ui.counter.tabs import BillTabs
from app.ui.counter.widgets import CommandLine, LinesTable, TotalsPanel, shortcut_strip
from app.ui.fonts import BASE_POINT_SIZE, ui_font
from app.ui.pages.base import Page

__all__ = ["CounterPage"]


class CounterPage(Page, BillTabs, CommandSlots, Items, HoldRecall, Paying):
    sale_saved = Signal(int)  # order id, once committed
    printed = Signal(int)  # order id, once its receipt went to the printer (or failed: see status)

    MODES = MODES

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.ctx = session.ctx
        self.saver = BillSaver(self.ctx, self)
        self.bills: list[Bill] = []
        self.current = 0
        self.selected = -1
        self.commands = Command()
        self._dialog: QWidget | None = None
        self.last_order_id: int | None = None
        self.busy = False  # a payment is being saved
        self.timings: list[float] = []  # seconds from a scan to its line on screen (benchmarks read it)
        self._search_gen = 0  # only the newest search's results are shown
        self._build()
        self._load_bills()
        gap = session.machine.get(config.SCAN_GAP_MS)
        self.scanner = ScanFilter(self._scanning, self._scan_allowed, gap_ms=gap, parent=self)
        self.scanner.scanned.connect(self.scan)
        self.scanner.refused.connect(lambda code: self.say(_("Finish the open window first; scan {code} again.")
                                                           .format(code=code), error=True))
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.scanner)

    @property
    def mode(self) -> str:
        """The command line's mode (one of :data:`MODES`)."""
        return self.commands.mode

    # --- structure -----------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QHBoxLayout(self)
        outer.setContentsMargins(12, 8, 12, 8)
        left = QVBoxLayout()
        self.tab_bar = QTabBar()
        self.tab_bar.setObjectName("bill-tabs")
        self.tab_bar.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tab_bar.currentChanged.connect(self._switch_bill)
        left.addWidget(self.tab_bar)
        self.prompt = QLabel("")
        self.prompt.setObjectName("command-prompt")
        self.prompt.setFont(ui_font(BASE_POINT_SIZE, bold=True))
        left.addWidget(self.prompt)
        self.command = CommandLine()
        self.command.setObjectName("command-line")
        self.command.setFont(ui_font(BASE_POINT_SIZE + 4))
        self.command.setClearButtonEnabled(True)
        self.command.returnPressed.connect(self.enter)
        self.command.textEdited.connect(self._typed)
        self.command.moved.connect(self._move)
        self.command.bumped.connect(self.bump)
        self.command.delete_line.connect(self.remove_selected)
        self.command.escape.connect(self.escape)
        left.addWidget(self.command)
        self.results = QListWidget()
        self.results.setObjectName("command-results")
        self.results.setMaximumHeight(self.fontMetrics().height() * 9)
        self.results.setVisible(False)
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results.itemActivated.connect(lambda _item: self.enter())
        left.addWidget(self.results)
        self.message = QLabel("")
        self.message.setObjectName("command-message")
        self.message.setWordWrap(True)
        left.addWidget(self.message)
        self.offer_code = OfferCodeField(self)  # a code from a customer's offer message (issue 18)
        self.tab_bar.currentChanged.connect(lambda _i: self.offer_code.forget_gone_bill())
        left.addWidget(self.offer_code)
        self.table = LinesTable()
        self.table.itemSelectionChanged.connect(self._table_selected)
        left.addWidget(self.table, 1)
        left.addWidget(shortcut_strip())
        self.home_delivery = HomeDeliveryButton(self)  # the bill becomes a home-delivery order (issue 17)
        left.addWidget(self.home_delivery, 0, Qt.AlignmentFlag.AlignLeft)
        self.offer_consent = OfferConsentButton(self)  # the customer agrees to offers on WhatsApp (issue 18)
        left.addWidget(self.offer_consent, 0, Qt.AlignmentFlag.AlignLeft)
        outer.addLayout(left, 3)
        self.totals = TotalsPanel()
        outer.addWidget(self.totals, 1)
        self._set_mode("item")

        keys = {
            "F2": lambda: self._line_mode("qty"), "F3": lambda: self._owner_only(lambda: self._line_mode("rate")),
            "F4": lambda: self._owner_only(lambda: self._line_mode("discount")),
            "F5": lambda: self._owner_only(lambda: self._set_mode("bill_discount")),
            "F6": lambda: self._set_mode("customer"), "F7": self.hold, "F8": self.recall,
            "F12": self.pay, "Ctrl+N": self.new_bill, "Ctrl+P": self.reprint,
            "Ctrl+Del": lambda: self._owner_only(self.discard, _("throw a bill away")),
            "Ctrl+PgDown": lambda: self._cycle(1), "Ctrl+PgUp": lambda: self._cycle(-1),
            "Ctrl+D": lambda: self.home_delivery.start(),
        }
        self.command.actions = {QKeySequence(key).toString(): action for key, action in keys.items()}

    def _owner_only(self, then, what: str = "") -> None:
        """Prices and throwing bills away are the owner's (when the shop has an owner's PIN)."""
        from app.ui.access import when_owner

        asked = when_owner(self.session, self, what or _("change prices"), then)
        if asked is not None:
            self.dialog = asked
            asked.finished.connect(lambda _r: self.command.setFocus())

    @property
    def dialog(self) -> QWidget | None:
        """The counter's latest dialog (payment, a question), kept for a look after it closed."""
        return self._dialog

    @dialog.setter
    def dialog(self, dialog: QWidget | None) -> None:
        # a dialog is a child of the page, so a closed one lived as long as the window: a payment dialog
        # (19 widgets and its QR pixmap) every bill, the most of the 0.45 MB a bill the RSS run showed (issue 16)
        old = self._dialog
        if old is not None and old is not dialog and shiboken6.isValid(old) and not old.isVisible():
            old.deleteLater()
        self._dialog = dialog

    @classmethod
    def title(cls) -> str:
        return _("Counter")

    def focus_target(self) -> QWidget:
        return self.command

    def refresh(self) -> None:
        """Prices may have changed while the tab was away: price the bill again."""
        self._reprice()

    # --- scanner -------------------------------------------------------------------------------
    def _scanning(self) -> bool:
        return self.isVisible()

    def _scan_allowed(self, target: QWidget) -> bool:
        return target.window() is self.window()

    # --- events --------------------------------------------------------------------------------
    def on_event_price_changed(self, _event) -> None:
        self.mark_stale()

    def on_event_return_recorded(self, _event: ReturnRecorded) -> None:
        self.mark_stale()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.command.setFocus()  # the counter is the first screen: the keyboard is ready for the first item

    def hideEvent(self, event) -> None:
        # the window is closing or another tab is shown: write what is waiting now, while the shop is open
        # (the controller waits for background tasks before it closes the shop)
        self.saver.flush()
        super().hideEvent(event)

    def closeEvent(self, event) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.scanner)
        super().closeEvent(event)


