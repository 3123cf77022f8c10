"""The counter's command line at work: what typing shows (type-ahead results), what Enter does in each
mode, and the line keys (quantity up/down, remove). The meaning of the text is
:class:`app.ui.counter.command.Command` (no Qt); this mixin shows it and changes the bill.
Mixed into :class:`app.ui.pages.counter.CounterPage`.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidgetItem

from app.domain.money import format_inr
from app.domain.pricing import line_amount
from app.domain.qty import qty_words
from app.domain.records import Product
from app.errors import AppError, InputError
from app.i18n import _, language
from app.store import catalog, parties
from app.store.best_sellers import counter_search
from app.ui import tasks
from app.ui.counter.bill import change_line, is_loose, remove_line
from app.ui.counter.command import Search, split_times

SEARCH_LIMIT = 12
SALES_DAYS = 90  # the item search puts what sold most in these last days first

__all__ = ["SEARCH_LIMIT", "CommandSlots"]


class CommandSlots:
    """Slots of the command line: ``enter``, ``escape``, arrow keys, type-ahead, ``bump`` and removal."""

    def _typed(self, text: str) -> None:
        search: Search | None = self.commands.search(text)
        store = self.session.store
        if search is None:
            if self.mode == "item":
                self._clear_results()
        elif search.kind == "products":
            since = self._sales_since()
            self._search(lambda: counter_search(store.db(), search.text, since_on=since, limit=SEARCH_LIMIT),
                         self._show_products)
        else:
            self._search(lambda: parties.find_customers(store.db(), search.text, limit=SEARCH_LIMIT),
                         self._show_customers)

    def _sales_since(self) -> str:
        """Searches rank by the last quarter's sales."""
        return (self.ctx.today() - timedelta(days=SALES_DAYS)).isoformat()

    def _search(self, op, show) -> None:
        self._search_gen += 1
        gen = self._search_gen

        def done(found: list) -> None:
            if gen == self._search_gen:
                show(found)

        tasks.run_in_background(op, done, owner=self)

    def _show_products(self, products: list[Product]) -> None:
        if self.mode != "item":
            return
        self._fill_results([(self._product_text(p), p) for p in products])

    def _product_text(self, product: Product) -> str:
        lang = language()
        name = product.name(lang)
        if lang != "hi" and product.name_hi:
            name = f"{name} · {product.name_hi}"
        per = _("per {unit}").format(unit=product.unit) if is_loose(product) else ""
        return f"{name}   {format_inr(product.price_paise)} {per}   [{product.sku}]".rstrip()

    def _show_customers(self, customers) -> None:
        if self.mode != "customer":
            return
        lang = language()
        self._fill_results([(
            f"{c.name_hi if lang == 'hi' and c.name_hi else c.name}   {c.phone or ''}   "
            + _("owes {owed}").format(owed=format_inr(c.khata_balance_paise)), c) for c in customers])

    def _fill_results(self, rows) -> None:
        self.results.clear()
        for text, value in rows:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, value)
            self.results.addItem(item)
        self.results.setVisible(bool(rows))
        if rows:
            self.results.setCurrentRow(0)

    def _clear_results(self) -> None:
        self._search_gen += 1  # drops a search still on its way
        self.results.clear()
        self.results.setVisible(False)

    def _chosen_result(self):
        row = self.results.currentRow()
        if not self.results.isVisible() or not 0 <= row < self.results.count():
            return None
        return self.results.item(row).data(Qt.ItemDataRole.UserRole)

    # --- the command line ----------------------------------------------------------------------
    def _set_mode(self, mode: str) -> None:
        self.commands.set_mode(mode)
        line = self.bill.lines[self.selected] if 0 <= self.selected < len(self.bill.lines) else None
        product = self.bill.products.get(line.sku) if line else None
        self.prompt.setText(self.commands.prompt(product.name(language()) if product else ""))
        self.command.clear()
        self._clear_results()
        if mode == "customer":
            self._typed("")
        self.command.setFocus()

    def _line_mode(self, mode: str) -> None:
        try:
            self.commands.line_mode(mode, has_line=0 <= self.selected < len(self.bill.lines))
        except InputError as error:
            self.say(str(error), error=True)
            return
        self._set_mode(mode)

    def escape(self) -> None:
        if self.mode != "item" or self.command.text():
            self._set_mode("item")
            self.say("")

    def _move(self, step: int) -> None:
        if self.results.isVisible() and self.results.count():
            row = max(0, min(self.results.count() - 1, self.results.currentRow() + step))
            self.results.setCurrentRow(row)
            return
        if self.bill.lines:
            self.selected = max(0, min(len(self.bill.lines) - 1, self.selected + step))
            self.table.selectRow(self.selected)

    def _table_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.selected = rows[0].row()
    def enter(self) -> None:
        text = self.command.text().strip()
        try:
            handler = getattr(self, f"_enter_{self.mode}")
            handler(text)
        except AppError as error:
            self.say(str(error), error=True)

    def _enter_item(self, text: str) -> None:
        if not text:
            if self.bill.lines:
                self.pay()
            return
        times = split_times(text)
        text = times.rest
        db = self.session.store.db()
        product = catalog.by_barcode(db, text) or catalog.get(db, text) or self._chosen_result()
        if product is None:
            found = counter_search(db, text, since_on=self._sales_since(), limit=SEARCH_LIMIT)
            product = found[0] if found else None
        if product is None and self.offer_code.scanned(text):  # a customer's offer code (app.ui.counter.offer_code)
            self.command.clear()
            return
        if product is None:
            if text.isdigit() and len(text) >= 8:
                self.offer_new_product(text)
                self.command.clear()
                return
            raise InputError(_("No item matches '{text}'.").format(text=text),
                             hint=_("Try fewer letters, the Hindi name, or the item's code."))
        qty_milli = times.qty_milli(product.unit)
        if self.add_product(product, qty_milli) and self.mode == "item":
            self.command.clear()
            self._clear_results()

    def _selected_line(self):
        if not 0 <= self.selected < len(self.bill.lines):
            raise InputError(_("Choose a line first (arrow keys)."))
        line = self.bill.lines[self.selected]
        return line, self.bill.products[line.sku]

    def _enter_qty(self, text: str) -> None:
        _line, product = self._selected_line()
        qty = self.commands.quantity(text, product.unit)
        index = self.selected
        if self._try(lambda confirm=False: (self._priced(change_line(self.bill, index, qty_milli=qty),
                                                         confirm=confirm), index)):
            self._set_mode("item")
            self.say(_("{name}: {qty}").format(name=product.name(language()), qty=qty_words(qty, product.unit)))

    def _enter_rate(self, text: str) -> None:
        _line, _product = self._selected_line()
        rate = self.commands.rate(text)
        index = self.selected
        if self._try(lambda confirm=False: (self._priced(change_line(self.bill, index, unit_price_paise=rate),
                                                         confirm=confirm), index)):
            self._set_mode("item")

    def _enter_discount(self, text: str) -> None:
        line, _product = self._selected_line()
        index = self.selected
        price_paise = self.bill.quote.inputs[index].unit_price_paise if self.bill.quote else 0
        discount = self.commands.discount(text, line_amount(price_paise, line.qty_milli))
        if self._try(lambda confirm=False: (self._priced(change_line(self.bill, index, discount_paise=discount),
                                                         confirm=confirm), index)):
            self._set_mode("item")

    def _enter_bill_discount(self, text: str) -> None:
        quote = self.bill.quote
        after_lines = (quote.bill.gross_paise - sum(line.discount_paise for line in self.bill.lines)) if quote else 0
        discount = self.commands.discount(text, after_lines)

        def change(confirm: bool = False):
            bill = self.bill.copy()
            bill.bill_discount_paise = discount
            return self._priced(bill, confirm=confirm), self.selected

        if self._try(change):
            self._set_mode("item")

    def _enter_customer(self, text: str) -> None:
        chosen = self._chosen_result() if text else None
        if text and chosen is None:  # Enter before the type-ahead came back (a busy PC): look now
            found = parties.find_customers(self.session.store.db(), text, limit=1)
            chosen = found[0] if found else None
        if text and chosen is None:
            raise InputError(_("No customer matches '{text}'.").format(text=text),
                             hint=_("Add new customers on the Customers page."))
        bill = self.bill.copy()
        bill.customer_id = chosen.id if chosen else None
        bill.customer_label = self._customer_label(bill.customer_id)
        self._commit(bill)
        self._set_mode("item")

    def bump(self, step: int) -> None:
        if not 0 <= self.selected < len(self.bill.lines):
            return
        line = self.bill.lines[self.selected]
        product = self.bill.products[line.sku]
        unit = 100 if is_loose(product) else 1000
        qty = line.qty_milli + step * unit
        index = self.selected
        if qty <= 0:
            self.remove_selected()
            return
        self._try(lambda confirm=False: (self._priced(change_line(self.bill, index, qty_milli=qty),
                                                      confirm=confirm), index))

    def remove_selected(self) -> None:
        if not 0 <= self.selected < len(self.bill.lines):
            return
        index = self.selected

        def change(confirm: bool = False):
            bill = remove_line(self.bill, index)
            return (self._priced(bill, confirm=confirm) if bill.lines else bill), min(index, len(bill.lines) - 1)

        self._try(change)

