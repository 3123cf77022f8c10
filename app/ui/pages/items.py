"""The "Items" tab: every item with its price and stock, and a search that answers as you type."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.events import (
    Event,
    OrderCancelled,
    OrderImported,
    PriceChanged,
    ProductUpdated,
    SaleRecorded,
    StockAdjusted,
    StockReceived,
)
from app.i18n import _, ngettext
from app.session import Session
from app.store import catalog
from app.ui.delegates import BaselineTextDelegate
from app.ui.formatting import format_count
from app.ui.models.products import SEARCH_LIMIT, ProductRows, ProductTableModel, search_rows
from app.ui.pages.base import Page
from app.ui.tasks import LatestOnly

TYPE_AHEAD_MS = 180  # long enough to gather a word typed quickly, short enough to feel immediate


class SearchBox(QLineEdit):
    """Down arrow moves into the results, so the keyboard never has to leave the counter."""

    down_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.down_pressed.emit()
            return
        super().keyPressEvent(event)


class ItemsPage(Page):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.model = ProductTableModel(session.store)
        self._searcher = LatestOnly(self)
        self._total = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        row = QHBoxLayout()
        label = QLabel(_("&Search:"))
        self.search = SearchBox()
        self.search.setObjectName("item-search")
        self.search.setPlaceholderText(_("Name in English or Hindi, code or barcode"))
        self.search.setClearButtonEnabled(True)
        label.setBuddy(self.search)
        row.addWidget(label)
        row.addWidget(self.search, 1)
        layout.addLayout(row)
        self.table = QTableView()
        self.table.setObjectName("item-table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)  # labels for several
        self.table.setAlternatingRowColors(True)
        self.table.setItemDelegate(BaselineTextDelegate(self.table))
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(ProductTableModel.NAME, QHeaderView.ResizeMode.Stretch)
        em = self.fontMetrics().horizontalAdvance("M")
        for column, width in ((ProductTableModel.CODE, 12), (ProductTableModel.PRICE, 8),
                              (ProductTableModel.MRP, 8), (ProductTableModel.STOCK, 8)):
            self.table.setColumnWidth(column, width * em)
        layout.addWidget(self.table, 1)
        from app.ui.items.actions import ItemActions  # add, change, stock, archive (issue 16)

        self.item_actions = ItemActions(self)  # not "actions": that would hide QWidget.actions()
        layout.insertWidget(1, self.item_actions)
        from app.ui.items.listing import ListOnChannel  # list on a marketplace (issue 17)

        self.listing = ListOnChannel(self)
        layout.insertWidget(2, self.listing)
        from app.ui.items.export_holds import HeldForExport  # units export orders hold (issue 19)

        self.held_for_export = HeldForExport(session, self.table, self)
        layout.addWidget(self.held_for_export)
        self.summary = QLabel("")
        self.summary.setObjectName("item-summary")
        layout.addWidget(self.summary)
        from app.ui.items.forecast_chart import ItemForecastPanel  # the selected item's sales and forecast

        self.forecast_panel = ItemForecastPanel(session, self.table, self)
        layout.addWidget(self.forecast_panel)
        from app.ui.items.photo_listing import PhotoDropZone  # photos -> onboarding -> the item's listing

        self.photo_drop = PhotoDropZone(self)
        self.photo_drop.photos_chosen.connect(self.item_actions.listing_from_photos)
        layout.addWidget(self.photo_drop)

        self._type_ahead = QTimer(self)
        self._type_ahead.setSingleShot(True)
        self._type_ahead.setInterval(TYPE_AHEAD_MS)
        self._type_ahead.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _text: self._type_ahead.start())
        self.search.returnPressed.connect(self.run_search)  # a barcode scanner ends with Enter: no waiting
        self.search.down_pressed.connect(self._into_table)
        self.model.modelReset.connect(self._update_summary)
        self.model.rowsInserted.connect(self._update_summary)

    @classmethod
    def title(cls) -> str:
        return _("Items")

    def focus_target(self) -> QWidget:
        return self.search

    def refresh(self) -> None:
        self._total = catalog.count(self.session.store.db())
        self.run_search()

    def run_search(self) -> None:
        self._type_ahead.stop()
        text = self.search.text().strip()
        if not text:
            self._searcher.run(lambda: None, lambda _none: self.model.browse())  # also drops older searches
            return
        store = self.session.store
        self._searcher.run(lambda: search_rows(store, text), self._show_results)

    def _show_results(self, rows: ProductRows) -> None:
        self.model.show_search(rows)
        if rows.products:
            self.table.selectRow(0)

    def _into_table(self) -> None:
        if self.model.rowCount():
            self.table.setFocus()
            if not self.table.selectionModel().hasSelection():
                self.table.selectRow(0)

    def _update_summary(self) -> None:
        shown = self.model.rowCount()
        if not self.model.searching:
            self.summary.setText(ngettext("{count} item", "{count} items", self._total).format(
                count=format_count(self._total)))
        elif shown >= SEARCH_LIMIT:
            self.summary.setText(_("Showing the best {count} matches; type more to narrow it down.").format(
                count=format_count(shown)))
        else:
            self.summary.setText(ngettext("{count} item found", "{count} items found", shown).format(
                count=format_count(shown)))

    # --- events --------------------------------------------------------------------------------
    def on_event_price_changed(self, event: PriceChanged) -> None:
        self.model.refresh_skus([event.sku])

    def on_event_product_updated(self, event: ProductUpdated) -> None:
        self.model.refresh_skus([event.sku])

    def on_event_product_created(self, _event: Event) -> None:
        self.mark_stale()  # where the new item sorts is the query's business: run it again

    def on_event_items_imported(self, _event: Event) -> None:
        self.mark_stale()

    def on_event_stock_received(self, event: StockReceived) -> None:
        self.model.refresh_skus([event.sku])

    def on_event_stock_adjusted(self, event: StockAdjusted) -> None:
        self.model.refresh_skus([event.sku])

    def on_event_sale_recorded(self, event: SaleRecorded) -> None:
        self.model.refresh_skus(event.skus)

    def on_event_order_imported(self, event: OrderImported) -> None:
        self.model.refresh_skus(event.skus)

    def on_event_order_cancelled(self, event: OrderCancelled) -> None:
        self.model.refresh_skus(event.skus)
