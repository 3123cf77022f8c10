"""The main window's pages, in order; the billing counter comes first.

A new screen is a :class:`~app.ui.pages.base.Page` subclass in its own module and ONE line here:
``PageEntry("app.ui.pages.mine", "MinePage", lambda: _("Mine"))``. Do not import the page module at the
top of this file: the window imports a page only when it is first opened, which keeps start-up quick
(issue 16). A page class put in the list directly still works, but is imported at start.
"""

from __future__ import annotations

from app.i18n import _
from app.ui.pages.base import Page
from app.ui.pages.entry import PageEntry, as_entry

# One page a line: each capability adds its own line.
PAGES: list[PageEntry | type[Page]] = [
    PageEntry("app.ui.pages.counter", "CounterPage", lambda: _("Counter")),
    PageEntry("app.ui.pages.today", "TodayPage", lambda: _("Today")),
    PageEntry("app.ui.bills.page", "BillsPage", lambda: _("Bills")),  # past bills, returns, day end
    PageEntry("app.ui.pages.customers", "CustomersPage", lambda: _("Customers")),
    PageEntry("app.ui.pages.orders", "OrdersPage", lambda: _("Orders")),  # orders from every channel
    PageEntry("app.ui.pages.items", "ItemsPage", lambda: _("Items")),
    PageEntry("app.ui.suppliers.page", "SuppliersPage", lambda: _("Suppliers")),  # purchase orders, what is owed
    PageEntry("app.ui.reports.page", "ReportsPage", lambda: _("Reports")),  # sales, margin, GST, khata ageing
    PageEntry("app.ui.pages.approvals", "ApprovalsPage", lambda: _("Approvals")),
    PageEntry("app.ui.pages.agents", "AgentsPage", lambda: _("Agents")),  # on/off, limits, today, plans, undo
    PageEntry("app.ui.pages.activity", "ActivityPage", lambda: _("Activity")),
    PageEntry("app.ui.pages.marketing", "MarketingPage", lambda: _("Marketing")),
    PageEntry("app.ui.pages.compliance", "CompliancePage", lambda: _("GST returns")),
    PageEntry("app.ui.pages.trade", "TradePage", lambda: _("Trade")),  # exports: LUT, documents, proof of export
    PageEntry("app.ui.pages.sync", "SyncPage", lambda: _("Sync")),  # marketplace connections
    PageEntry("app.ui.pages.settings", "SettingsPage", lambda: _("Settings")),
]

__all__ = ["PAGES", "Page", "PageEntry", "as_entry"]
