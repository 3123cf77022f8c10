"""Putting an item on the bill: from the scanner, from the command line, or a new item for an unknown
barcode. Mixed into :class:`app.ui.pages.counter.CounterPage`."""

from __future__ import annotations

import time

from app.domain.qty import qty_words
from app.domain.records import Product
from app.i18n import _, language
from app.store import catalog
from app.store import stock as stock_store
from app.store.shelf_life import next_out_expiry
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
        said = _("{name}: {qty}").format(name=product.name(language()), qty=qty_words(line.qty_milli, product.unit))
        warning = self._stock_warning(product)
        self.say(f"{said}. {warning}" if warning else said, error=bool(warning))
        if is_loose(product) and qty_milli is None:
            self._set_mode("qty")  # loose goods: type the weight next
        return True

    def _stock_warning(self, product: Product) -> str:
        """Said before the sale, not at payment: the shelf's stock has expired, or the bill takes more than
        the shop has."""
        db = self.session.store.db()
        on_bill = sum(line.qty_milli for line in self.bill.lines if line.sku == product.sku)
        have = stock_store.on_hand(db, product.sku)
        if on_bill > have:
            return _("Careful: only {have} in stock, this bill takes it below zero.").format(
                have=qty_words(max(have, 0), product.unit))
        expiry = next_out_expiry(db, product.sku)
        if expiry is not None and expiry < self.ctx.today().isoformat():
            return _("Careful: the stock on the shelf expired on {date}; check the pack.").format(
                date=f"{expiry[8:10]}-{expiry[5:7]}-{expiry[0:4]}")
        return ""

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

