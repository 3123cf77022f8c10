"""Products as a table: browsed in pages, or the results of a search.

A shop may have 100,000 items; the model holds only what has been scrolled to (pages of
:data:`PAGE_SIZE`, fetched as the view needs them) or the top :data:`SEARCH_LIMIT` matches.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.domain.money import format_inr
from app.domain.qty import qty_words
from app.domain.records import Product
from app.i18n import _, language
from app.store import Store, catalog, stock

PAGE_SIZE = 200
SEARCH_LIMIT = 200
LOW_COLOUR = QColor("#b42318")

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class ProductRows:
    products: list[Product]
    on_hand: dict[str, int]


def browse_page(store: Store, after: tuple[str, int] | None, limit: int = PAGE_SIZE) -> ProductRows:
    """The page of items after ``(name_en, id)`` of the last row shown (keyset: deep pages stay fast)."""
    db = store.db()
    products = catalog.list_products_after(db, after, limit=limit)
    return ProductRows(products, stock.on_hand_many(db, [p.sku for p in products]))


def search_rows(store: Store, text: str, limit: int = SEARCH_LIMIT) -> ProductRows:
    """Search by name (English or Hindi), romanised keyword, brand, code or barcode (any thread)."""
    db = store.db()
    products = catalog.search(db, text, limit=limit)
    return ProductRows(products, stock.on_hand_many(db, [p.sku for p in products]))


class ProductTableModel(QAbstractTableModel):
    """Lives on the GUI thread; browsing pages are read there (one indexed query each), searches are
    run by the page in the background and handed in with :meth:`show_search`."""

    CODE, NAME, PRICE, MRP, STOCK = range(5)

    def __init__(self, store: Store) -> None:
        super().__init__()
        self._store = store
        self._products: list[Product] = []
        self._on_hand: dict[str, int] = {}
        self._row_of: dict[str, int] = {}
        self._more = False
        self.searching = False
        self.headers = (_("Code"), _("Name"), _("Price"), _("MRP"), _("In stock"))

    # --- loading -------------------------------------------------------------------------------
    def browse(self) -> None:
        """Show all items by name, first page only."""
        first = browse_page(self._store, None)
        self._reset(first, searching=False, more=len(first.products) == PAGE_SIZE)

    def show_search(self, rows: ProductRows) -> None:
        self._reset(rows, searching=True, more=False)

    def _reset(self, rows: ProductRows, *, searching: bool, more: bool) -> None:
        self.beginResetModel()
        self._products = list(rows.products)
        self._on_hand = dict(rows.on_hand)
        self._row_of = {p.sku: i for i, p in enumerate(self._products)}
        self.searching, self._more = searching, more
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 (Qt's signature)
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more:
            return
        last = self._products[-1] if self._products else None
        page = browse_page(self._store, (last.name_en, last.id) if last else None)
        self._more = len(page.products) == PAGE_SIZE
        fresh = [p for p in page.products if p.sku not in self._row_of]
        if not fresh:
            return
        start = len(self._products)
        self.beginInsertRows(QModelIndex(), start, start + len(fresh) - 1)
        for offset, product in enumerate(fresh):
            self._row_of[product.sku] = start + offset
        self._products.extend(fresh)
        self._on_hand.update(page.on_hand)
        self.endInsertRows()

    def refresh_skus(self, skus: Iterable[str]) -> None:
        """Re-read the shown rows for ``skus`` (after a price, stock or detail change)."""
        shown = [sku for sku in set(skus) if sku in self._row_of]
        if not shown:
            return
        db = self._store.db()
        fresh = catalog.get_many(db, shown)
        self._on_hand.update(stock.on_hand_many(db, shown))
        for sku in shown:
            row = self._row_of[sku]
            if sku in fresh:
                self._products[row] = fresh[sku]
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.headers) - 1))

    # --- reading -------------------------------------------------------------------------------
    def product_at(self, row: int) -> Product:
        return self._products[row]

    def row_of(self, sku: str) -> int | None:
        return self._row_of.get(sku)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._products)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(section)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        product = self._products[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(product, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(column)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.NAME:
            other = product.name_en if language() == "hi" else product.name_hi
            return other or None
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STOCK and self._is_low(product):
            return QBrush(LOW_COLOUR)
        if role == Qt.ItemDataRole.UserRole:
            return product
        return None

    def text(self, product: Product, column: int) -> str:
        if column == self.CODE:
            return product.sku
        if column == self.NAME:
            return product.name(language())
        if column == self.PRICE:
            return format_inr(product.price_paise)
        if column == self.MRP:
            return format_inr(product.mrp_paise) if product.mrp_paise is not None else "—"
        return qty_words(self._on_hand.get(product.sku, 0), product.unit)  # the unit in the seller's language

    def _is_low(self, product: Product) -> bool:
        return product.reorder_point_milli > 0 and self._on_hand.get(product.sku, 0) <= product.reorder_point_milli

    def _alignment(self, column: int) -> int:
        if column in (self.PRICE, self.MRP, self.STOCK):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
