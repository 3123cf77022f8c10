"""The list of pages down the window's left side.

Fifteen pages do not fit in one row of tabs on the counter PC's 1366-pixel screen, and a tab hidden behind
scroll arrows is a page the shopkeeper never finds. A vertical list shows every page at once, in English or
Hindi, and stays in step with the page stack (``QTabWidget``, its own tab bar hidden), so the window's
``show_page`` and Ctrl+1..9 keep working through the stack."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QTabWidget

__all__ = ["PageList"]

SIDE_PADDING = 20  # pixels beside the longest title (its item padding is in the style sheet), so none is cut off


class PageList(QListWidget):
    """One row a page, in the stack's order; choosing a row shows its page and the other way round."""

    def __init__(self, stack: QTabWidget) -> None:
        super().__init__()
        self.stack = stack
        self.setObjectName("pageList")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setUniformItemSizes(True)
        for index in range(stack.count()):
            item = QListWidgetItem(stack.tabText(index))
            item.setToolTip(f"{stack.tabText(index)} (Ctrl+{index + 1})" if index < 9 else stack.tabText(index))
            self.addItem(item)
        self.setCurrentRow(stack.currentIndex())
        self.currentRowChanged.connect(self._row_chosen)
        stack.currentChanged.connect(self._page_shown)
        self.setFixedWidth(self.sizeHintForColumn(0) + SIDE_PADDING)

    def _row_chosen(self, row: int) -> None:
        if row >= 0 and row != self.stack.currentIndex():
            self.stack.setCurrentIndex(row)

    def _page_shown(self, index: int) -> None:
        if index != self.currentRow():
            self.setCurrentRow(index)
