"""The main window's tabs, in order. A new screen is a :class:`~app.ui.pages.base.Page` subclass in its
own module, added to :data:`PAGES`; the billing counter comes first."""

from __future__ import annotations

from app.ui.pages.activity import ActivityPage
from app.ui.pages.approvals import ApprovalsPage
from app.ui.pages.base import Page
from app.ui.pages.counter import CounterPage
from app.ui.pages.items import ItemsPage
from app.ui.pages.marketing import MarketingPage
from app.ui.pages.today import TodayPage

PAGES: list[type[Page]] = [CounterPage, TodayPage, ItemsPage, ActivityPage, ApprovalsPage]
PAGES.append(MarketingPage)

__all__ = ["PAGES", "ActivityPage", "ApprovalsPage", "CounterPage", "ItemsPage", "MarketingPage", "Page", "TodayPage"]
