"""The Items tab's buttons and keys: New item (Ctrl+N), Change (Enter, double-click), Stock (Ctrl+K),
Archive (Del), barcode Labels (Ctrl+L), Import (Ctrl+I from the File menu). Each opens a dialog over the
selected item."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from app.domain.records import Product
from app.errors import AppError
from app.i18n import _
from app.services import catalog as catalog_service
from app.ui.access import when_owner
from app.ui.dialogs import ChoiceDialog, show_error
from app.ui.items.item_dialog import ItemDialog
from app.ui.items.stock_dialog import StockDialog


class ItemActions(QWidget):
    """Lives on the Items page (``page.table``, ``page.model``, ``page.session``)."""

    def __init__(self, page: Any) -> None:
        super().__init__(page)
        self.page = page
        self.dialog: QWidget | None = None  # the dialog opened last (tests drive it)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, QPushButton] = {}
        for key, label, shortcut, slot in (("new", _("&New item"), "Ctrl+N", self.new_item),
                                           ("edit", _("&Change"), "", self.edit_item),
                                           ("stock", _("S&tock..."), "Ctrl+K", self.stock),
                                           ("archive", _("&Archive"), "Del", self.archive),
                                           ("labels", _("La&bels..."), "Ctrl+L", self.labels),
                                           ("excel", _("E&xport to Excel"), "", self.export)):
            button = QPushButton(label)
            button.setObjectName(f"item-{key}")
            button.clicked.connect(slot)
            if shortcut:
                key_press = QShortcut(QKeySequence(shortcut), page)
                key_press.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # not on the counter's tab
                key_press.activated.connect(slot)
                button.setToolTip(shortcut)
            row.addWidget(button)
            self.buttons[key] = button
        row.addStretch(1)
        page.table.doubleClicked.connect(lambda _index: self.edit_item())
        page.table.activated.connect(lambda _index: self.edit_item())  # Enter on a row

    def selected(self) -> Product | None:
        rows = self.page.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.page.model.product_at(rows[0].row())

    def _open(self, dialog: Any) -> None:
        dialog.saved.connect(lambda sku: self.page.model.refresh_skus([sku]))
        self.dialog = dialog
        dialog.open()

    def _owner(self, then: Any) -> None:
        """Items and their prices are the owner's (when the shop has an owner's PIN)."""
        asked = when_owner(self.page.session, self.page, _("change prices"), then)
        if asked is not None:
            self.dialog = asked

    def new_item(self) -> None:
        def go() -> None:
            dialog = ItemDialog(self.page.session, self.page)
            dialog.saved.connect(lambda _sku: self.page.mark_stale())
            self._open(dialog)

        self._owner(go)

    def edit_item(self) -> None:
        product = self.selected()
        if product is not None:
            self._owner(lambda: self._open(ItemDialog(self.page.session, self.page, product)))

    def stock(self) -> None:
        product = self.selected()
        if product is not None:
            self._open(StockDialog(self.page.session, product, self.page))

    def archive(self) -> None:
        product = self.selected()
        if product is not None:
            self._owner(lambda: self._ask_archive(product))

    def _ask_archive(self, product: Product) -> None:
        dialog = ChoiceDialog(self.page, title=_("Archive an item"),
                              message=_("Stop selling {name}?").format(name=product.name_en),
                              hint=_("It is hidden from billing and search; its sales and stock history stay."),
                              choices=[("archive", _("Archive")), ("cancel", _("Cancel"))])

        def chosen(key: str) -> None:
            if key != "archive":
                return
            try:
                catalog_service.archive_product(self.page.session.ctx, product.sku)
            except AppError as exc:
                self.dialog = show_error(self.page, exc)
                return
            self.page.mark_stale()

        dialog.chosen.connect(chosen)
        self.dialog = dialog
        dialog.open()

    def labels(self) -> None:
        """Barcode labels for every selected item (Shift/Ctrl-click chooses several)."""
        from app.ui.items.labels_dialog import LabelsDialog

        rows = sorted(r.row() for r in self.page.table.selectionModel().selectedRows())
        skus = [self.page.model.product_at(r).sku for r in rows]
        if skus:
            self.dialog = LabelsDialog(self.page.session, skus, self.page)
            self.dialog.open()

    def listing_from_photos(self, photos: list[Path]) -> None:
        """Run the onboarding on the dropped photos (seconds: in the background), then show its listing."""
        from app.ui import tasks
        from app.ui.items.photo_listing import ListingDialog

        session, product = self.page.session, self.selected()
        say = self.page.photo_drop.label
        say.setText(_("Reading the photos..."))

        def made(listing: object) -> None:
            say.setText(_("Drop photos of a pack here (or press Enter) to make its listing for the selected "
                          "item or a new one"))
            dialog = ListingDialog(session, listing, product, self.page)
            dialog.saved.connect(lambda sku: self.page.model.refresh_skus([sku]))
            dialog.saved.connect(lambda _sku: self.page.mark_stale())
            self.dialog = dialog
            dialog.open()

        def failed(error: BaseException) -> None:
            from app.ui.dialogs import error_texts

            message, hint = error_texts(error)
            say.setText(f"{message} {hint}".strip())

        price = product.price_paise if product is not None else None
        tasks.run_in_background(lambda: session.listing_from_photos(photos, price_paise=price), made, failed,
                                owner=self)

    def export(self) -> Path | None:
        """Every item as an XLSX workbook that item lists (and Vyapar, Tally, Marg) read back."""
        from app.services import excel_export
        from app.ui.bills import output

        session = self.page.session

        def say(text: str, ok: bool) -> None:
            self.page.summary.setText(text)  # until the list is read again

        return output.save_workbook(session, f"items-{session.ctx.today().isoformat()}",
                                    lambda path: excel_export.export_items(session.ctx, path), say)
