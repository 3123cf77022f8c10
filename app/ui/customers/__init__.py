"""Khata customers from the window: the dialogs of the Customers tab (``app.ui.pages.customers``)."""
