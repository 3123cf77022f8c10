"""The main window's tabs, in order. A new screen is a :class:`~app.ui.pages.base.Page` subclass in its
own module, added to :data:`PAGES`; the billing counter comes first."""

from __future__ import annotations

from app.ui.bills.page import BillsPage
from app.ui.pages.activity import ActivityPage
from app.ui.pages.agents import AgentsPage
from app.ui.pages.approvals import ApprovalsPage
from app.ui.pages.base import Page
from app.ui.pages.compliance import CompliancePage
from app.ui.pages.counter import CounterPage
from app.ui.pages.customers import CustomersPage
from app.ui.pages.items import ItemsPage
from app.ui.pages.marketing import MarketingPage
from app.ui.pages.orders import OrdersPage
from app.ui.pages.settings import SettingsPage
from app.ui.pages.sync import SyncPage
from app.ui.pages.today import TodayPage
from app.ui.pages.trade import TradePage
from app.ui.reports.page import ReportsPage
from app.ui.suppliers.page import SuppliersPage

# One page a line: each capability adds its own line.
PAGES: list[type[Page]] = [
    CounterPage,
    TodayPage,
    BillsPage,  # past bills, returns, day end
    CustomersPage,
    OrdersPage,  # orders from every channel
    ItemsPage,
    SuppliersPage,  # suppliers, purchase orders and bills, what is owed
    ReportsPage,  # sales by day, category, item; margin; GST by rate
    ApprovalsPage,
    AgentsPage,  # the agents: on/off, limits, today, plans, undo
    ActivityPage,
    MarketingPage,
    CompliancePage,  # GST returns
    TradePage,  # exports: LUT, documents, proof of export
    SyncPage,  # marketplace connections
    SettingsPage,
]

__all__ = ["PAGES", "Page", *(page.__name__ for page in PAGES)]
