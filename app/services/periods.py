"""Financial years: once closed, nothing dated in them can be billed, received or changed."""

from __future__ import annotations

from datetime import date

from sqlite_utils import Database

from app.domain.fy import check_fy, financial_year
from app.errors import ClosedPeriod, InvalidState
from app.events import FinancialYearClosed
from app.i18n import _
from app.services.changes import Changes
from app.services.context import SELLER, Origin, ServiceContext
from app.store import shop as shop_store


def check_open(db: Database, day: date) -> str:
    """The financial year of ``day``, refused if it has been closed."""
    fy = financial_year(day)
    if shop_store.fy_closed(db, fy):
        raise ClosedPeriod(
            _("The financial year {fy} is closed; nothing dated {day} can be added.").format(
                fy=fy, day=day.strftime("%d-%m-%Y")),
            hint=_("Use today's date, or record it as an adjustment in the current year."),
        )
    return fy


def close_financial_year(ctx: ServiceContext, fy: str, *, origin: Origin = SELLER) -> Changes:
    fy = check_fy(fy)
    if fy >= financial_year(ctx.today()):
        raise InvalidState(_("The financial year {fy} has not ended yet.").format(fy=fy))
    with ctx.store.write() as db:
        if shop_store.fy_closed(db, fy):
            raise InvalidState(_("The financial year {fy} is already closed.").format(fy=fy))
        shop_store.close_fy(db, fy, at=ctx.now_iso(), actor=origin.actor)
        event = ctx.record(db, FinancialYearClosed(fy=fy), origin)
    return Changes(events=(event,))
