"""Keeping the catalog from the window: importing an item list (``import_dialog``)."""

from app.ui.items.import_dialog import ItemImportDialog

__all__ = ["ItemImportDialog"]
