"""The line at the bottom of the window: which shop, changes waiting to sync, the last backup."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from app.domain.clock import shop_zone
from app.events import Event
from app.i18n import _, ngettext
from app.session import Session
from app.store import outbox
from app.ui.formatting import format_count, format_when
from app.ui.tasks import LatestOnly

__all__ = ["EVENT_DELAY_MS", "REFRESH_EVERY_MS", "ShopStatusBar", "StatusFacts", "read_status"]

REFRESH_EVERY_MS = 60_000  # "today, 21:00" must become "yesterday" on a PC left on overnight
EVENT_DELAY_MS = 500


@dataclass(frozen=True)
class StatusFacts:
    waiting_sync: int
    failed_sync: int
    last_backup: datetime | None
    now: datetime


def read_status(session: Session) -> StatusFacts:
    """Runs on a worker thread."""
    backups = session.backups()
    db = session.store.db()
    return StatusFacts(outbox.waiting_count(db), outbox.failed_count(db),
                       backups[0].made_at if backups else None, session.ctx.now())


class ShopStatusBar(QStatusBar):
    """Shop name, what waits to sync, the last backup; with marketplace sync running, its live status
    (online/offline, waiting, last sync, failures with a retry button) replaces the plain count."""

    def __init__(self, session: Session, shop_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._reader = LatestOnly(self)
        self.shop_label = QLabel(shop_name)
        self.sync_label = QLabel("")
        self.sync_label.setObjectName("status-sync")
        self.backup_label = QLabel("")
        self.backup_label.setObjectName("status-backup")
        for label in (self.shop_label, self.sync_label, self.backup_label):
            label.setContentsMargins(8, 0, 8, 0)
            self.addPermanentWidget(label)
        self.sync_widget: QWidget | None = None
        self.attach_sync(session.sync)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh)
        self._timer.start(REFRESH_EVERY_MS)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(EVENT_DELAY_MS)
        self._soon.timeout.connect(self.refresh)

    def refresh(self) -> None:
        session = self.session
        self._reader.run(lambda: read_status(session), self.show_facts)

    def on_any_event(self, _event: Event) -> None:
        self._soon.start()

    def show_facts(self, facts: StatusFacts) -> None:
        text = ngettext("{count} change waiting to sync", "{count} changes waiting to sync",
                        facts.waiting_sync).format(count=format_count(facts.waiting_sync))
        if facts.failed_sync:
            text += " · " + ngettext("{count} failed", "{count} failed", facts.failed_sync).format(
                count=format_count(facts.failed_sync))
        self.sync_label.setText(text)
        if facts.last_backup is None:
            self.backup_label.setText(_("No backup yet"))
        else:
            when = format_when(facts.last_backup, shop_zone(self.session.ctx.timezone), facts.now)
            self.backup_label.setText(_("Last backup: {when}").format(when=when))

    def attach_sync(self, handle: object | None) -> None:
        """Show the sync worker's live status once main has started it (``handle.status``, ``handle.retry``)."""
        if handle is None or self.sync_widget is not None:
            return
        from app.ui.sync_status import SyncStatusWidget

        self.sync_widget = SyncStatusWidget(handle.status, handle.retry)  # type: ignore[attr-defined]
        self.sync_label.setVisible(False)
        self.insertPermanentWidget(1, self.sync_widget)
