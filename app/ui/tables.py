"""Read-only tables of text, as the Suppliers and Reports pages show them: rows chosen whole, alternating
colours, no row numbers, figures right-aligned, one column taking the room left."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

__all__ = ["cap_rows", "cell", "fill", "keep_rows_visible", "read_only_table", "row_cap"]


def cell(text: str, *, right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def read_only_table(headings: Sequence[str], *, single: bool = True) -> QTableWidget:
    """``single``: one row chosen at a time."""
    table = QTableWidget(0, len(headings))
    table.setHorizontalHeaderLabels(list(headings))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if single:
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    return table


def fill(table: QTableWidget, rows: Sequence[Sequence[str]], right: Collection[int], stretch: int = 0) -> None:
    """Put ``rows`` in the table (columns in ``right`` right-aligned), sized to their texts, ``stretch`` taking
    the room left."""
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.setItem(r, c, cell(value, right=c in right))
    table.resizeColumnsToContents()
    table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


def row_cap(table: QTableWidget, lines: int) -> int:
    """The height of a row that shows ``lines`` lines of the table's text."""
    return table.fontMetrics().lineSpacing() * lines + 8


def cap_rows(table: QTableWidget, lines: int) -> None:
    """Rows as tall as their wrapped text, up to ``lines`` lines: a row taller than the table's view is cut
    whatever the scroll (a long reason wrapped in Hindi); the whole text belongs in the cell's tooltip."""
    table.resizeRowsToContents()
    most = row_cap(table, lines)
    for row in range(table.rowCount()):
        table.setRowHeight(row, min(table.rowHeight(row), most))


def keep_rows_visible(table: QTableWidget, rows: int, lines: int) -> None:
    """The table never shrinks below ``rows`` whole rows of ``lines`` lines, however short the page."""
    table.setMinimumHeight(table.horizontalHeader().sizeHint().height() + rows * row_cap(table, lines)
                           + 2 * table.frameWidth() + 2)
