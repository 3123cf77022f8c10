"""A badge under the Items table: how many units of the selected item open export orders hold.

The Stock column shows what is on the shelf; held units are on the shelf too but cannot be sold at the
counter, by home delivery or on a marketplace until their export order is invoiced or cancelled (see
docs/trade.md), so the seller is told beside the item why a sale of them is refused.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLabel, QTableView, QWidget

from app.services.stock_holds import hold_sentence, item_hold
from app.session import Session

__all__ = ["HeldForExport"]


class HeldForExport(QLabel):
    """Follows the Items table's selected row; hidden when no open export order holds the item."""

    def __init__(self, session: Session, table: QTableView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.table = session, table
        self.setObjectName("item-held-for-export")
        self.setWordWrap(True)
        self.setStyleSheet("QLabel { background: #fff4d6; color: #5c3b00; border-radius: 4px; padding: 4px 8px; }")
        table.selectionModel().selectionChanged.connect(lambda *_args: self.refresh())
        model = table.model()
        model.modelReset.connect(self.refresh)  # a sale, stock received, a search: the figures may have moved
        model.dataChanged.connect(lambda *_args: self.refresh())
        if parent is not None:  # an export order may have been taken on the Trade page since the page was last seen
            parent.installEventFilter(self)
        self.refresh()

    def refresh(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        model: Any = self.table.model()
        product = model.product_at(rows[0].row()) if rows else None
        text = hold_sentence(item_hold(self.session.store.db(), product.sku), product.unit) if product else ""
        self.setText(text)
        self.setVisible(bool(text))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show:
            self.refresh()
        return False
