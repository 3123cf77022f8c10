"""The Today page's card of GST and export dates due in the next 15 days, with their state; and the tray
notice (where the desktop has a tray) for each date whose reminder is due, shown once, never twice."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QLabel, QSystemTrayIcon, QVBoxLayout, QWidget

from app.domain.gst_calendar import LEAD_DAYS
from app.domain.trade.lut import EXPORT_LEAD_DAYS
from app.i18n import _
from app.services import due_soon
from app.session import Session
from app.ui.fonts import BASE_POINT_SIZE, ui_font

__all__ = ["ComplianceCard"]


def state_text(item: due_soon.DueItem) -> str:
    if item.overdue:
        return _("overdue by {days} day(s)").format(days=-item.days_left)
    if item.days_left == 0:
        return _("due today")
    text = _("in {days} day(s)").format(days=item.days_left)
    return text + (", " + _("reminded") if item.reminded else "")


def item_text(item: due_soon.DueItem) -> str:
    if item.form == "EXPORT":
        what = _("Export {invoice}: goods to leave India (LUT)").format(invoice=item.period)
    else:
        what = f"{item.form} {item.period}" + (" " + _("(optional)") if item.optional else "")
    return f"{item.due.strftime('%d-%m')}  {what}: {state_text(item)}"


class ComplianceCard(QFrame):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.items: list[due_soon.DueItem] = []
        self.tray: QSystemTrayIcon | None = None
        self.notified: list[str] = []  # the keys whose tray notice this card showed (tests read it)
        self.setObjectName("card-compliance")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setProperty("card", True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        caption = QLabel(_("GST and export dates, next 15 days"))
        caption.setProperty("role", "caption")
        self.value = QLabel("…")
        self.value.setFont(ui_font(BASE_POINT_SIZE + 9, bold=True))
        self.detail = QLabel("")
        self.detail.setWordWrap(True)
        layout.addWidget(caption)
        layout.addWidget(self.value)
        layout.addWidget(self.detail)
        self.setAccessibleName(caption.text())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        today = self.session.ctx.today()
        self.items = due_soon.due_soon(self.session.store, today)
        self.value.setText(str(len(self.items)))
        self.detail.setText("\n".join(item_text(i) for i in self.items) or _("Nothing falls due in the next 15 days."))
        self.notify()

    def _reminder_due(self, item: due_soon.DueItem) -> bool:
        lead = max(EXPORT_LEAD_DAYS) if item.form == "EXPORT" else LEAD_DAYS.get(item.form, 5)
        return item.days_left <= lead

    def notify(self) -> None:
        """A tray notice for each date now within its reminder days, once; nothing where there is no tray."""
        if not QSystemTrayIcon.isSystemTrayAvailable() or not QSystemTrayIcon.supportsMessages():
            return
        for item in self.items:
            if self._reminder_due(item) and due_soon.claim_notice(self.session.ctx, item):
                if self.tray is None:
                    self.tray = QSystemTrayIcon(self.window().windowIcon(), self)
                    self.tray.show()
                self.tray.showMessage(_("TAVYONIX: a date is near"), item_text(item))
                self.notified.append(item.key)
