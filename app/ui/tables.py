"""Read-only tables of text, as the Suppliers and Reports pages show them: rows chosen whole, alternating
colours, no row numbers, figures right-aligned, one column taking the room left."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

__all__ = ["cap_rows", "cap_rows_in_steps", "cell", "fill", "filling", "fit_columns", "keep_current_in_view",
           "keep_rows_visible", "read_only_table", "row_cap"]


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


@contextmanager
def filling(table: QTableWidget) -> Iterator[None]:
    """Fill a shown table's cells inside this: its columns sized to their contents are measured once, at the end.

    Left sized to their contents while a shown table is filled, every cell put in measures its column again over
    all the rows: refreshing the Trade page's 240 export routes on the big shop took 15 s of the window's thread
    (the Marketing page's 40 campaigns 0.8 s), where the same rows took 0.1 s."""
    header = table.horizontalHeader()
    sized = [c for c in range(header.count())
             if header.sectionResizeMode(c) == QHeaderView.ResizeMode.ResizeToContents]
    for column in sized:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
    try:
        yield
    finally:
        for column in sized:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)


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


class _RowCapper(QObject):
    """Sizes a table's rows ``step`` at a time, each step when the window is idle."""

    def __init__(self, table: QTableWidget) -> None:
        super().__init__(table)
        self.table, self.lines, self.step, self.next = table, 1, 1, 0
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(0)
        self.timer.timeout.connect(self.more)

    def start(self, lines: int, step: int) -> None:
        self.lines, self.step, self.next = lines, step, 0
        self.more()

    def more(self) -> None:
        most, end = row_cap(self.table, self.lines), min(self.next + self.step, self.table.rowCount())
        for row in range(self.next, end):
            self.table.resizeRowToContents(row)
            if self.table.rowHeight(row) > most:
                self.table.setRowHeight(row, most)
        self.next = end
        if end < self.table.rowCount():
            self.timer.start()


def cap_rows_in_steps(table: QTableWidget, lines: int, step: int = 20) -> None:
    """``cap_rows`` for a long table of wrapped text: the first ``step`` rows now, the rest ``step`` at a time when
    the window is idle (laying out the Trade page's 240 routes in Hindi took 0.3-0.5 s of its first show on the big
    shop, and as long again each time its columns were resized). Called again, it starts over."""
    capper = table.findChild(_RowCapper)
    if capper is None:
        capper = _RowCapper(table)
    capper.start(lines, step)


def keep_rows_visible(table: QTableWidget, rows: int, lines: int) -> None:
    """The table never shrinks below ``rows`` whole rows of ``lines`` lines, however short the page (a one-line
    row is the table's default row height, taller than one line of text)."""
    row = max(row_cap(table, lines), table.verticalHeader().defaultSectionSize())
    table.setMinimumHeight(table.horizontalHeader().sizeHint().height() + rows * row + 2 * table.frameWidth() + 2)


class _ViewWatcher(QObject):
    """Calls ``on_resize`` when a table's view changes size (the page laid out again around it)."""

    def __init__(self, table: QTableWidget, on_resize: Callable[[], None]) -> None:
        super().__init__(table)
        self.view, self.on_resize = table.viewport(), on_resize
        self.view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # the event's type first: while the table is being destroyed its view still has events, and no table
        if event.type() == QEvent.Type.Resize and watched is self.view:
            self.on_resize()
        return super().eventFilter(watched, event)


def keep_current_in_view(table: QTableWidget) -> None:
    """Scroll the table to its current row whenever its view is made shorter or taller (a page that scrolls lays
    the table out again at its least height when a long text is shown below it: the chosen row went out of
    sight)."""
    _ViewWatcher(table, lambda: table.scrollTo(table.currentIndex()))


class _ColumnFitter(QObject):
    """Keeps a table's one elastic column the room its view has left, as the view is resized; where the other columns
    at their texts' widths leave it less than its least, the ``squeeze`` columns give up their widest texts' width
    (elided) first, down to the least each."""

    def __init__(self, table: QTableWidget, column: int, least: int, squeeze: tuple[int, ...] = ()) -> None:
        super().__init__(table)
        self.table, self.column, self.least, self.squeeze = table, column, least, squeeze
        self.natural: dict[int, int] = {}  # the squeeze columns' widths at their texts, set by ``fit_columns``
        _ViewWatcher(table, self.fit)

    def fit(self) -> None:
        header = self.table.horizontalHeader()
        shown = [c for c in range(self.table.columnCount()) if c != self.column and not header.isSectionHidden(c)]
        widths = {c: self.natural.get(c, header.sectionSize(c)) for c in shown}
        over = sum(widths.values()) + self.least - self.table.viewport().width()
        squeezable = [c for c in self.squeeze if c in widths and widths[c] > self.least]
        if over > 0 and squeezable:
            # the widest squeezable columns are cut to one width, lowered until the elastic column has its least
            cap = max(widths[c] for c in squeezable)
            while cap > self.least and sum(max(widths[c] - cap, 0) for c in squeezable) < over:
                cap -= 1
            for c in squeezable:
                widths[c] = min(widths[c], cap)
        for c in self.squeeze:
            if c in widths:
                header.resizeSection(c, widths[c])
        others = sum(widths.values())
        header.setSectionResizeMode(self.column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(self.column, max(self.table.viewport().width() - others, self.least))


def fit_columns(table: QTableWidget, column: int, least_chars: int = 12, squeeze: tuple[int, ...] = ()) -> None:
    """Every column as wide as its texts but ``column``, which gets the room left in the table's view (at least
    ``least_chars`` characters), its long texts elided with the whole text in the cell's tooltip. Where that room
    is less, the ``squeeze`` columns (names, places: their whole text in their cells' tooltips) are narrowed, widest
    first, to at least ``least_chars`` characters, so that no column is left out of the view.

    A column that stretches after the others are sized to their texts takes all of a long text's width (the
    figures right of it pushed out of the view) or, where the others fill the view (Hindi headings), a few
    pixels; either way what matters most of an order, its state and the time to ship it, was out of sight."""
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.resizeColumnsToContents()
    for row in range(table.rowCount()):
        item = table.item(row, column)
        if item is not None and not item.toolTip():
            item.setToolTip(item.text())
    fitter = table.findChild(_ColumnFitter)
    if fitter is None:
        fitter = _ColumnFitter(table, column, table.fontMetrics().horizontalAdvance("x") * least_chars, squeeze)
    fitter.natural = {c: table.horizontalHeader().sectionSize(c) for c in squeeze}
    fitter.fit()
