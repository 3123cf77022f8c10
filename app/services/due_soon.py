"""What falls due soon, for the Today page's card and the tray notice: GST and export dates in the next days
(the compliance calendar) and exports under the LUT nearing their 3-month deadline, each with its state."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from app.domain import gst_calendar
from app.services import exports, gst_returns
from app.services.context import ServiceContext
from app.store import gst_returns as returns_store
from app.store.db import Store

__all__ = ["WINDOW_DAYS", "DueItem", "claim_notice", "due_soon"]

WINDOW_DAYS = 15


@dataclass(frozen=True, slots=True, kw_only=True)
class DueItem:
    key: str  # the calendar's FORM:PERIOD, or EXPORT:<invoice>
    form: str
    period: str
    due: date
    days_left: int
    reminded: bool  # its reminder was raised already (chat, Today page)
    optional: bool = False

    @property
    def overdue(self) -> bool:
        return self.days_left < 0


def due_soon(store: Store, today: date, days: int = WINDOW_DAYS) -> list[DueItem]:
    """Dates due from today to ``days`` ahead, and exports whose deadline passed without proof; soonest first."""
    db = store.db()
    sent = returns_store.sent_reminders(db)
    profile = gst_returns.calendar_profile(store)
    items = [DueItem(key=d.key, form=d.form, period=d.period, due=d.due, days_left=(d.due - today).days,
                     reminded=d.key in sent, optional=d.optional)
             for d in gst_calendar.due_dates(profile, today, today + timedelta(days=days))]
    for item in exports.open_exports(store):
        if item.proof_on is None and item.deadline <= today + timedelta(days=days):
            items.append(DueItem(key=f"EXPORT:{item.invoice_no}", form="EXPORT", period=item.invoice_no,
                                 due=item.deadline, days_left=(item.deadline - today).days,
                                 reminded=any(k.startswith(f"EXPORT:{item.invoice_no}:") for k in sent)))
    return sorted(items, key=lambda i: (i.due, i.form, i.period))


def claim_notice(ctx: ServiceContext, item: DueItem) -> bool:
    """True the first time only: the desktop shows its tray notice for ``item`` once, never twice."""
    with ctx.store.write() as db:
        return returns_store.mark_reminder_sent(db, f"NOTICE:{item.key}", item.due.isoformat(), ctx.now_iso())
