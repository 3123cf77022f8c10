"""The counter screen's pieces: the command line, the lines of the bill, the totals and the shortcut strip."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.gst import format_rate
from app.domain.money import format_inr
from app.domain.qty import qty_words
from app.i18n import _, language
from app.ui.counter.bill import Bill
from app.ui.fonts import BASE_POINT_SIZE, ui_font

__all__ = ["RIGHT", "SHORTCUTS", "CommandLine", "LinesTable", "TotalsPanel", "shortcut_strip"]

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class CommandLine(QLineEdit):
    """The one box everything is typed into; arrows, + and - and Delete act on the bill, and the counter's
    keys (``actions``: "F12", "Ctrl+N" ...) are handled here rather than as window shortcuts, so they never
    fire while a payment or other dialog has the keyboard."""

    moved = Signal(int)  # -1 up, +1 down
    bumped = Signal(int)  # + / - on an empty box: one more / one less of the chosen line
    delete_line = Signal()
    escape = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actions: dict[str, Callable[[], None]] = {}

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        action = self.actions.get(QKeySequence(event.keyCombination()).toString())
        if action is not None:
            action()
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.moved.emit(-1 if key == Qt.Key.Key_Up else 1)
            return
        if key == Qt.Key.Key_Escape:
            self.escape.emit()
            return
        if not self.text():
            if event.text() in ("+", "-"):
                self.bumped.emit(1 if event.text() == "+" else -1)
                return
            if key == Qt.Key.Key_Delete:
                self.delete_line.emit()
                return
        super().keyPressEvent(event)


class LinesTable(QTableWidget):
    NO, ITEM, QTY, RATE, DISCOUNT, GST, AMOUNT = range(7)
    WIDTHS_EM = ((NO, 3), (QTY, 7), (RATE, 7), (DISCOUNT, 7), (GST, 4), (AMOUNT, 8))  # when there is room
    MIN_ITEM_EM = 18  # the item's name keeps at least this much; the number columns give way first

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 7, parent)
        self.setObjectName("bill-lines")
        self.setHorizontalHeaderLabels(["#", _("Item"), _("Qty"), _("Rate"), _("Discount"), _("GST"), _("Amount")])
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the command line keeps the keyboard
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 14)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(self.ITEM, QHeaderView.ResizeMode.Stretch)
        self._texts: list[list[str]] = []
        self.fit_columns()

    def fit_columns(self) -> None:
        """The number columns at their usual widths when there is room; in a narrow window (the chat panel
        open beside the counter on a 1366-pixel screen) they shrink towards what their texts need, so the
        item's name is not squeezed to a few letters."""
        em = self.fontMetrics().horizontalAdvance("M")
        header = self.horizontalHeader().fontMetrics()
        wanted = {column: width * em for column, width in self.WIDTHS_EM}
        needed = {}
        for column in wanted:
            label = self.horizontalHeaderItem(column)
            texts = [row[column] for row in self._texts]
            needed[column] = min(wanted[column], max([header.horizontalAdvance(label.text() if label else "") + 14,
                                                      *(self.fontMetrics().horizontalAdvance(t) + 14 for t in texts)]))
        room = self.viewport().width() - self.MIN_ITEM_EM * em
        excess = sum(wanted.values()) - room
        give = sum(wanted[c] - needed[c] for c in wanted)
        share = 0.0 if excess <= 0 or give <= 0 else min(1.0, excess / give)
        for column in wanted:
            self.setColumnWidth(column, round(wanted[column] - (wanted[column] - needed[column]) * share))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def show_bill(self, bill: Bill, selected: int) -> None:
        quote = bill.quote
        existing = self.rowCount()
        self.setRowCount(len(bill.lines))
        texts: list[list[str]] = []
        lang = language()
        for row, line in enumerate(bill.lines):
            product = bill.products.get(line.sku)
            priced = quote.bill.lines[row] if quote and row < len(quote.bill.lines) else None
            price = quote.inputs[row].unit_price_paise if quote and row < len(quote.inputs) else 0
            rate = quote.inputs[row].rate_bp if quote and row < len(quote.inputs) else 0
            name = product.name(lang) if product else line.sku
            if product and lang != "hi" and product.name_hi:
                name = f"{name}  ·  {product.name_hi}"
            cells = [str(row + 1), name, qty_words(line.qty_milli, product.unit if product else "pcs"),
                     format_inr(price), format_inr(priced.discount_paise) if priced and priced.discount_paise else "",
                     format_rate(rate) if quote and quote.bill.tax_paise else "",
                     format_inr(priced.total_paise) if priced else ""]
            for column, text in enumerate(cells):
                if row < existing:
                    if self._texts[row][column] != text:  # only what changed is repainted
                        self.item(row, column).setText(text)
                    continue
                item = QTableWidgetItem(text)
                if column not in (self.NO, self.ITEM):
                    item.setTextAlignment(RIGHT)
                self.setItem(row, column, item)
            texts.append(cells)
        self._texts = texts
        self.fit_columns()
        if 0 <= selected < len(bill.lines):
            self.selectRow(selected)
            self.scrollToItem(self.item(selected, 0))
        else:
            self.clearSelection()


class TotalsPanel(QFrame):
    """The bill's sums, the big total, the customer and the last bill paid."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bill-totals")
        self.setProperty("card", True)
        self.setMinimumWidth(300)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        self.customer = QLabel(_("Walk-in customer"))
        self.customer.setObjectName("bill-customer")
        self.customer.setWordWrap(True)
        layout.addWidget(self.customer)
        grid = QGridLayout()
        self.rows: dict[str, tuple[QLabel, QLabel]] = {}
        for index, (key, label) in enumerate((("items", _("Items")), ("gross", _("Before discount")),
                                              ("discount", _("Discount")), ("taxable", _("Taxable value")),
                                              ("cgst", "CGST"), ("sgst", "SGST"), ("igst", "IGST"),
                                              ("round", _("Round-off")))):
            name, value = QLabel(label), QLabel("")
            value.setObjectName(f"total-{key}")
            value.setAlignment(RIGHT)
            grid.addWidget(name, index, 0)
            grid.addWidget(value, index, 1)
            self.rows[key] = (name, value)
        layout.addLayout(grid)
        caption = QLabel(_("TOTAL"))
        caption.setProperty("role", "caption")
        layout.addWidget(caption)
        self.total = QLabel(format_inr(0))
        self.total.setObjectName("bill-total")
        self.total.setFont(ui_font(BASE_POINT_SIZE + 18, bold=True))
        self.total.setAlignment(RIGHT)
        layout.addWidget(self.total)
        layout.addStretch(1)
        self.last = QLabel("")
        self.last.setObjectName("last-bill")
        self.last.setWordWrap(True)
        layout.addWidget(self.last)

    def show_bill(self, bill: Bill) -> None:
        quote = bill.quote
        priced = quote.bill if quote else None
        count = len(bill.lines)
        values = {
            "items": str(count),
            "gross": format_inr(priced.gross_paise) if priced else "",
            "discount": format_inr(priced.discount_paise) if priced and priced.discount_paise else "",
            "taxable": format_inr(priced.split.taxable_paise) if priced and priced.tax_paise else "",
            "cgst": format_inr(priced.split.cgst_paise) if priced and priced.split.cgst_paise else "",
            "sgst": format_inr(priced.split.sgst_paise) if priced and priced.split.sgst_paise else "",
            "igst": format_inr(priced.split.igst_paise) if priced and priced.split.igst_paise else "",
            "round": format_inr(priced.round_off_paise) if priced and priced.round_off_paise else "",
        }
        for key, (name, value) in self.rows.items():
            value.setText(values[key])
            visible = key == "items" or bool(values[key])
            name.setVisible(visible)
            value.setVisible(visible)
        self.total.setText(format_inr(bill.total_paise))
        self.customer.setText(bill.customer_label or _("Walk-in customer"))


SHORTCUTS = (
    ("F2", "Quantity"), ("F3", "Rate"), ("F4", "Line discount"), ("F5", "Bill discount"), ("F6", "Customer"),
    ("F7", "Hold"), ("F8", "Recall"), ("Del", "Remove line"), ("Ctrl+N", "New bill"), ("F12", "Pay"),
    ("Ctrl+P", "Reprint"),
)


def shortcut_strip() -> QLabel:
    """The keys, always on screen: a shopkeeper learns them by looking."""
    names = {"Quantity": _("Quantity"), "Rate": _("Rate"), "Line discount": _("Line discount"),
             "Bill discount": _("Bill discount"), "Customer": _("Customer"), "Hold": _("Hold"),
             "Recall": _("Recall"), "Remove line": _("Remove line"), "New bill": _("New bill"), "Pay": _("Pay"),
             "Reprint": _("Reprint")}
    text = "   ".join(f"<b>{key}</b> {names[name]}" for key, name in SHORTCUTS)
    label = QLabel(text)
    label.setObjectName("shortcut-strip")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    return label
