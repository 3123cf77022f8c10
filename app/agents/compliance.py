"""The compliance side of the trade and compliance agent: each morning, the GST and export due dates
coming up are raised as alerts (the chat and the Today page show them), once per date.

It proposes nothing to the decision engine: preparing and checking returns changes nothing in the
shop, and filing is the seller's own act on the GST portal. The returns themselves are prepared by
``app.services.gst_returns`` (the GST returns page and ``python -m app gst gstr1|gstr3b|cmp08``).
"""

from __future__ import annotations

from app.domain.gst_calendar import DueDate
from app.services import exports, gst_returns
from app.services.context import Origin, ServiceContext

AGENT = "agent:compliance"
TRIGGER = {"trigger": "cron", "hour": 9, "minute": 0}


def remind(ctx: ServiceContext) -> list[DueDate]:
    """Raise today's due-date reminders (none twice, however often this runs)."""
    origin = Origin(actor=AGENT, reason="a GST or export date is near")
    exports.send_export_reminders(ctx, origin=origin)  # the 3-month deadline of each export under the LUT
    return gst_returns.send_due_reminders(ctx, origin=origin)
