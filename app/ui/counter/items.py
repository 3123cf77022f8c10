"""Putting an item on the bill: from the scanner, from the command line, or a new item for an unknown
barcode. Mixed into :class:`app.ui.pages.counter.CounterPage`."""

from __future__ import annotations

import time

from app.domain.qty import format_qty
from app.domain.records import Product
from app.i18n import _, language
from app.store import catalog
from app.ui.counter.add_product import AddProductDialog
from app.ui.counter.bill import add, is_loose

__all__ = ["Items"]


class Items:
    def add_product(self, product: Product, qty_milli: int | None = None) -> bool:
        def change(confirm: bool = False):
            bill, index = add(self.bill, product, qty_milli)
            return self._priced(bill, confirm=confirm), index

        if not product.active:
            self.say(_("{name} is no longer sold (archived).").format(name=product.name(language())), error=True)
            return False
        if not self._try(change):
            return False
        line = self.bill.lines[self.selected]
        self.say(_("{name}: {qty}").format(name=product.name(language()), qty=format_qty(line.qty_milli,
                                                                                          product.unit)))
        if is_loose(product) and qty_milli is None:
            self._set_mode("qty")  # loose goods: type the weight next
        return True

    def scan(self, code: str) -> None:
        """A barcode from the scanner (or typed in full): the item goes on the bill, or may be added."""
        started = time.perf_counter()
        if self.busy:
            self.say(_("The last bill is still being saved; scan {code} again.").format(code=code), error=True)
            return
        window = self.window()
        if hasattr(window, "show_page") and not self.isVisible():
            window.show_page(type(self))
        self._set_mode("item")
        product = catalog.by_barcode(self.session.store.db(), code) or catalog.get(self.session.store.db(), code)
        if product is None:
            self.offer_new_product(code)
            return
        if self.add_product(product):
            self.timings.append(time.perf_counter() - started)

    def offer_new_product(self, code: str) -> None:
        dialog = AddProductDialog(self, self.ctx, code)

        def created(sku: str) -> None:
            product = catalog.get(self.session.store.db(), sku)
            if product is not None:
                self.add_product(product)
            self.command.setFocus()

        dialog.created.connect(created)
        dialog.cancelled.connect(self.command.setFocus)
        self.dialog = dialog
        dialog.open()
        dialog.activateWindow()

