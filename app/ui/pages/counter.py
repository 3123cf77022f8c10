"""The "Counter" tab, the app's first screen: ring up bills with the scanner and the keyboard, take the
money, print the receipt.

Everything is typed into one command line. Its mode says what the typing means: an item (name in
English, Hindi or romanised Hindi, code or barcode, ``3*atta`` for three), the quantity, rate or
discount of the chosen line, the bill discount, the customer, or a held bill to recall. A scan lands
in the bill whatever has the focus (:class:`~app.ui.counter.scanner.ScanFilter`). The bills on the
counter are saved as they change, and paying commits the sale before the receipt is printed.
"""

from __future__ import annotations

import logging
import re
import time
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from app import config
from app.domain.money import format_inr, parse_inr
from app.domain.pricing import line_amount
from app.domain.qty import format_qty, to_milli
from app.domain.records import Product
from app.errors import AppError, InputError, NeedsConfirmation
from app.events import ReturnRecorded
from app.i18n import _, language
from app.services import counter
from app.services import settings as settings_service
from app.services.shop import profile as shop_profile
from app.session import Session
from app.store import catalog, parties
from app.ui import tasks
from app.ui.counter.add_product import AddProductDialog
from app.ui.counter.bill import Bill, BillSaver, add, change_line, check_cost, is_loose, price, remove_line
from app.ui.counter.payment import PaymentChoice, PaymentDialog
from app.ui.counter.scanner import ScanFilter
from app.ui.counter.widgets import CommandLine, LinesTable, TotalsPanel, shortcut_strip
from app.ui.dialogs import ChoiceDialog, error_texts
from app.ui.fonts import BASE_POINT_SIZE, ui_font
from app.ui.pages.base import Page

log = logging.getLogger(__name__)

SEARCH_LIMIT = 12
TYPE_AHEAD_MS = 120
_TIMES = re.compile(r"^\s*(?P<qty>[0-9.]+\s*[a-zA-Z]*)\s*\*\s*(?P<rest>.+)$")  # "3*atta", "250g*chini"


class CounterPage(Page):
    sale_saved = Signal(int)  # order id, once committed
    printed = Signal(int)  # order id, once its receipt went to the printer (or failed: see status)

    MODES = ("item", "qty", "rate", "discount", "bill_discount", "customer", "recall")

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.ctx = session.ctx
        self.saver = BillSaver(self.ctx, self)
        self.bills: list[Bill] = []
        self.current = 0
        self.selected = -1
        self.mode = "item"
        self.dialog: QWidget | None = None
        self.last_order_id: int | None = None
        self.busy = False  # a payment is being saved
        self.timings: list[float] = []  # seconds from a scan to its line on screen (benchmarks read it)
        self._search_gen = 0  # only the newest search's results are shown
        self._build()
        self._load_bills()
        gap = session.machine.get(config.SCAN_GAP_MS)
        self.scanner = ScanFilter(self._scanning, self._scan_allowed, gap_ms=gap, parent=self)
        self.scanner.scanned.connect(self.scan)
        self.scanner.refused.connect(lambda code: self.say(_("Finish the open window first; scan {code} again.")
                                                           .format(code=code), error=True))
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.scanner)

    # --- structure -----------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QHBoxLayout(self)
        outer.setContentsMargins(12, 8, 12, 8)
        left = QVBoxLayout()
        self.tab_bar = QTabBar()
        self.tab_bar.setObjectName("bill-tabs")
        self.tab_bar.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tab_bar.currentChanged.connect(self._switch_bill)
        left.addWidget(self.tab_bar)
        self.prompt = QLabel("")
        self.prompt.setObjectName("command-prompt")
        self.prompt.setFont(ui_font(BASE_POINT_SIZE, bold=True))
        left.addWidget(self.prompt)
        self.command = CommandLine()
        self.command.setObjectName("command-line")
        self.command.setFont(ui_font(BASE_POINT_SIZE + 4))
        self.command.setClearButtonEnabled(True)
        self.command.returnPressed.connect(self.enter)
        self.command.textEdited.connect(self._typed)
        self.command.moved.connect(self._move)
        self.command.bumped.connect(self.bump)
        self.command.delete_line.connect(self.remove_selected)
        self.command.escape.connect(self.escape)
        left.addWidget(self.command)
        self.results = QListWidget()
        self.results.setObjectName("command-results")
        self.results.setMaximumHeight(self.fontMetrics().height() * 9)
        self.results.setVisible(False)
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results.itemActivated.connect(lambda _item: self.enter())
        left.addWidget(self.results)
        self.message = QLabel("")
        self.message.setObjectName("command-message")
        self.message.setWordWrap(True)
        left.addWidget(self.message)
        self.table = LinesTable()
        self.table.itemSelectionChanged.connect(self._table_selected)
        left.addWidget(self.table, 1)
        left.addWidget(shortcut_strip())
        outer.addLayout(left, 3)
        self.totals = TotalsPanel()
        outer.addWidget(self.totals, 1)
        self._set_mode("item")

        keys = {
            "F2": lambda: self._line_mode("qty"), "F3": lambda: self._line_mode("rate"),
            "F4": lambda: self._line_mode("discount"), "F5": lambda: self._set_mode("bill_discount"),
            "F6": lambda: self._set_mode("customer"), "F7": self.hold, "F8": self.recall,
            "F12": self.pay, "Ctrl+N": self.new_bill, "Ctrl+P": self.reprint, "Ctrl+Del": self.discard,
            "Ctrl+PgDown": lambda: self._cycle(1), "Ctrl+PgUp": lambda: self._cycle(-1),
        }
        self.command.actions = {QKeySequence(key).toString(): action for key, action in keys.items()}

    @classmethod
    def title(cls) -> str:
        return _("Counter")

    def focus_target(self) -> QWidget:
        return self.command

    def refresh(self) -> None:
        """Prices may have changed while the tab was away: price the bill again."""
        self._reprice()

    @property
    def bill(self) -> Bill:
        return self.bills[self.current]

    # --- bills on the counter ------------------------------------------------------------------
    def _load_bills(self) -> None:
        for draft in counter.bills(self.session.store, "open"):
            self.bills.append(self._from_draft(draft))
        if not self.bills:
            self.bills.append(Bill())
        self._rebuild_tabs(0)

    def _from_draft(self, draft: counter.Draft) -> Bill:
        bill = Bill(draft_id=draft.id, lines=list(draft.lines), customer_id=draft.customer_id,
                    bill_discount_paise=draft.bill_discount_paise, confirmed=draft.confirmed)
        bill.customer_label = self._customer_label(draft.customer_id)
        try:
            price(self.ctx, bill)
        except AppError as error:  # an item archived or repriced while the bill waited: show it, keep it
            log.warning("saved bill %s no longer prices: %s", draft.id, error)
        return bill

    def _rebuild_tabs(self, index: int) -> None:
        self.tab_bar.blockSignals(True)
        while self.tab_bar.count():
            self.tab_bar.removeTab(0)
        for number, _bill in enumerate(self.bills, start=1):
            self.tab_bar.addTab(_("Bill {n}").format(n=number))
        self.tab_bar.blockSignals(False)
        self.current = max(0, min(index, len(self.bills) - 1))
        self.tab_bar.setCurrentIndex(self.current)
        self.selected = len(self.bill.lines) - 1
        self._show()

    def _switch_bill(self, index: int) -> None:
        if 0 <= index < len(self.bills):
            self.current = index
            self.selected = len(self.bill.lines) - 1
            self._set_mode("item")
            self._show()

    def _cycle(self, step: int) -> None:
        if len(self.bills) > 1:
            self.tab_bar.setCurrentIndex((self.current + step) % len(self.bills))

    def new_bill(self) -> None:
        """Ctrl+N: another customer at the same time; the bill on screen stays open in its own tab."""
        if not self.bill.lines:
            self.command.setFocus()
            return
        self.bills.append(Bill())
        self._rebuild_tabs(len(self.bills) - 1)
        self.say(_("New bill. The other bills stay open in their tabs."))

    def _ensure_saved(self, bill: Bill) -> None:
        """A bill gets its saved row when its first item goes on it (later saves run in the background)."""
        if bill.draft_id is None:
            bill.draft_id = counter.new_bill(self.ctx)

    def _commit(self, bill: Bill, *, selected: int | None = None) -> None:
        """Put a priced bill in place of the current one, show it and save it."""
        self.bills[self.current] = bill
        if selected is not None:
            self.selected = selected
        self.selected = min(self.selected, len(bill.lines) - 1)
        if bill.lines:
            self._ensure_saved(bill)
            self.saver.save(bill)
        elif bill.draft_id is not None:
            self.saver.save(bill)
        self._show()

    def _show(self) -> None:
        self.table.show_bill(self.bill, self.selected)
        self.totals.show_bill(self.bill)

    def _try(self, change) -> bool:
        """Apply ``change()`` (a priced copy of the bill, or an exception); say why not if refused."""
        try:
            bill, selected = change()
        except NeedsConfirmation as error:
            self._confirm_below_cost(error, change)
            return False
        except AppError as error:
            self.say(str(error), error=True)
            return False
        self._commit(bill, selected=selected)
        return True

    def _confirm_below_cost(self, error: NeedsConfirmation, change) -> None:
        dialog = ChoiceDialog(self, title=_("Below cost"), message=error.message, hint=error.hint,
                              choices=[("sell", _("Sell at a loss")), ("cancel", _("Cancel"))], cancel_key="cancel")

        def chosen(key: str) -> None:
            if key == "sell":
                bill, selected = change(confirm=True)
                self._commit(bill, selected=selected)
            self.command.setFocus()

        dialog.chosen.connect(chosen)
        self.dialog = dialog
        dialog.open()
        dialog.activateWindow()

    def _priced(self, bill: Bill, *, confirm: bool = False) -> Bill:
        """Price a changed bill once; below cost raises ``NeedsConfirmation`` unless confirmed."""
        if confirm:
            bill.confirmed = True
        return price(self.ctx, bill, check_cost=not bill.confirmed)

    def _reprice(self) -> None:
        if self.bill.lines:
            try:
                self.bills[self.current] = price(self.ctx, self.bill.copy())
            except AppError as error:
                self.say(str(error), error=True)
        self._show()

    # --- items ---------------------------------------------------------------------------------
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

    def _typed(self, text: str) -> None:
        if self.mode == "item":
            query = _TIMES.match(text)
            query_text = query["rest"] if query else text
            if query_text.strip():
                store = self.session.store
                self._search(lambda: catalog.search(store.db(), query_text, limit=SEARCH_LIMIT),
                             self._show_products)
            else:
                self._clear_results()
        elif self.mode == "customer":
            store = self.session.store
            self._search(lambda: parties.find_customers(store.db(), text.strip(), limit=SEARCH_LIMIT),
                         self._show_customers)

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
        self.mode = mode
        line = self.bill.lines[self.selected] if 0 <= self.selected < len(self.bill.lines) else None
        product = self.bill.products.get(line.sku) if line else None
        name = product.name(language()) if product else ""
        prompts = {
            "item": _("Scan, or type an item's name, code or barcode (3*atta for three):"),
            "qty": _("Quantity of {name} (like 2, 0.5 kg or 250 g):").format(name=name),
            "rate": _("Rate of {name} in ₹ (up to the MRP):").format(name=name),
            "discount": _("Discount on {name}, in ₹ or % (like 5 or 10%):").format(name=name),
            "bill_discount": _("Discount on the whole bill, in ₹ or % (like 20 or 5%):"),
            "customer": _("Customer: type a name or phone number; Enter on an empty box for a walk-in:"),
            "recall": _("Held bills: choose one and press Enter:"),
        }
        self.prompt.setText(prompts[mode])
        self.command.clear()
        self._clear_results()
        if mode == "customer":
            self._typed("")
        self.command.setFocus()

    def _line_mode(self, mode: str) -> None:
        if not 0 <= self.selected < len(self.bill.lines):
            self.say(_("Choose a line first (arrow keys)."), error=True)
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
        qty_milli = None
        times = _TIMES.match(text)
        if times:
            text = times["rest"].strip()
        db = self.session.store.db()
        product = catalog.by_barcode(db, text) or catalog.get(db, text) or self._chosen_result()
        if product is None:
            found = catalog.search(db, text, limit=1)
            product = found[0] if found else None
        if product is None:
            if text.isdigit() and len(text) >= 8:
                self.offer_new_product(text)
                self.command.clear()
                return
            raise InputError(_("No item matches '{text}'.").format(text=text),
                             hint=_("Try fewer letters, the Hindi name, or the item's code."))
        if times:
            qty_milli = to_milli(times["qty"].replace(" ", ""), product.unit)
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
        qty = to_milli(text.replace(" ", ""), product.unit)
        index = self.selected
        if self._try(lambda confirm=False: (self._priced(change_line(self.bill, index, qty_milli=qty),
                                                         confirm=confirm), index)):
            self._set_mode("item")
            self.say(_("{name}: {qty}").format(name=product.name(language()), qty=format_qty(qty, product.unit)))

    def _enter_rate(self, text: str) -> None:
        _line, _product = self._selected_line()
        rate = parse_inr(text)
        index = self.selected
        if self._try(lambda confirm=False: (self._priced(change_line(self.bill, index, unit_price_paise=rate),
                                                         confirm=confirm), index)):
            self._set_mode("item")

    def _discount(self, text: str, amount: int) -> int:
        if text.endswith("%"):
            percent = float(text[:-1].strip() or 0)
            if not 0 <= percent <= 100:
                raise InputError(_("A discount is between 0% and 100%."))
            return round(amount * percent / 100)
        return parse_inr(text) if text else 0

    def _enter_discount(self, text: str) -> None:
        line, _product = self._selected_line()
        index = self.selected
        price_paise = self.bill.quote.inputs[index].unit_price_paise if self.bill.quote else 0
        discount = self._discount(text, line_amount(price_paise, line.qty_milli))
        if self._try(lambda confirm=False: (self._priced(change_line(self.bill, index, discount_paise=discount),
                                                         confirm=confirm), index)):
            self._set_mode("item")

    def _enter_bill_discount(self, text: str) -> None:
        quote = self.bill.quote
        after_lines = (quote.bill.gross_paise - sum(line.discount_paise for line in self.bill.lines)) if quote else 0
        discount = self._discount(text, after_lines)

        def change(confirm: bool = False):
            bill = self.bill.copy()
            bill.bill_discount_paise = discount
            return self._priced(bill, confirm=confirm), self.selected

        if self._try(change):
            self._set_mode("item")

    def _enter_customer(self, text: str) -> None:
        chosen = self._chosen_result() if text else None
        if text and chosen is None:
            raise InputError(_("No customer matches '{text}'.").format(text=text),
                             hint=_("Add new customers with the command line: customer add."))
        bill = self.bill.copy()
        bill.customer_id = chosen.id if chosen else None
        bill.customer_label = self._customer_label(bill.customer_id)
        self._commit(bill)
        self._set_mode("item")

    def _customer_label(self, customer_id: int | None) -> str:
        if customer_id is None:
            return ""
        customer = parties.get_customer(self.session.store.db(), customer_id)
        if customer is None:
            return ""
        name = customer.name_hi if language() == "hi" and customer.name_hi else customer.name
        return _("{name} · owes {owed} · limit {limit}").format(
            name=name, owed=format_inr(customer.khata_balance_paise), limit=format_inr(customer.credit_limit_paise))

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

    def say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        if self.message.property("error") != error:  # a new style sheet costs a re-polish: only on change
            self.message.setProperty("error", error)
            self.message.setStyleSheet("color: #b42318; font-weight: bold;" if error else "color: #067647;")

    # --- hold and recall -----------------------------------------------------------------------
    def hold(self) -> None:
        """F7: put this bill aside (kept in the shop file) and carry on with an empty one."""
        bill = self.bill
        if not bill.lines:
            self.say(_("An empty bill cannot be held."), error=True)
            return
        self._ensure_saved(bill)
        label = bill.customer_label.split(" · ")[0] if bill.customer_label else datetime.now().strftime("%H:%M")
        draft_id = bill.draft_id
        assert draft_id is not None

        def op() -> None:
            counter.save_bill(self.ctx, draft_id, lines=bill.lines, customer_id=bill.customer_id,
                              bill_discount_paise=bill.bill_discount_paise, confirmed=bill.confirmed)
            counter.hold_bill(self.ctx, draft_id, label=label)

        op()
        del self.bills[self.current]
        if not self.bills:
            self.bills.append(Bill())
        self._rebuild_tabs(self.current)
        self._set_mode("item")
        self.say(_("Bill held ({label}). Press F8 to bring it back.").format(label=label))

    def recall(self) -> None:
        """F8: the held bills, to bring one back."""
        held = counter.bills(self.session.store, "held")
        if not held:
            self.say(_("No bill is held."), error=True)
            return
        self._set_mode("recall")
        self._fill_results([(_("{label}: {count} items, held at {time}").format(
            label=d.label or _("bill {id}").format(id=d.id), count=len(d.lines), time=d.updated_at[11:16]), d)
            for d in held])

    def _enter_recall(self, _text: str) -> None:
        draft = self._chosen_result()
        if draft is None:
            return
        recalled = counter.recall_bill(self.ctx, draft.id)
        bill = self._from_draft(recalled)
        if not self.bill.lines and self.bill.draft_id is None:
            self.bills[self.current] = bill
        else:
            self.bills.append(bill)
        self._rebuild_tabs(self.bills.index(bill))
        self._set_mode("item")
        self.say(_("Bill brought back."))

    def discard(self) -> None:
        """Ctrl+Delete: throw the bill on screen away (asks first)."""
        if not self.bill.lines:
            return
        dialog = ChoiceDialog(self, title=_("Throw this bill away?"),
                              message=_("Bill {n} has {count} items. Throw it away?").format(
                                  n=self.current + 1, count=len(self.bill.lines)),
                              choices=[("keep", _("Keep it")), ("discard", _("Throw it away"))], cancel_key="keep")

        def chosen(key: str) -> None:
            if key == "discard":
                bill = self.bill
                if bill.draft_id is not None:
                    counter.discard_bill(self.ctx, bill.draft_id)
                self._drop_current()
            self.command.setFocus()

        dialog.chosen.connect(chosen)
        self.dialog = dialog
        dialog.open()
        dialog.activateWindow()

    def _drop_current(self) -> None:
        del self.bills[self.current]
        if not self.bills:
            self.bills.append(Bill())
        self._rebuild_tabs(self.current)
        self._set_mode("item")

    # --- paying --------------------------------------------------------------------------------
    def pay(self) -> None:
        """F12 (or Enter on an empty command line): take the money."""
        bill = self.bill
        if not bill.lines or bill.quote is None or self.busy:
            return
        try:
            check_cost(self.ctx, bill)
        except NeedsConfirmation as error:
            self._confirm_below_cost(error, lambda confirm=False: (self._priced(self.bill.copy(), confirm=confirm),
                                                                   self.selected))
            return
        except AppError as error:
            self.say(str(error), error=True)
            return
        profile = shop_profile(self.session.store)
        self._ensure_saved(bill)
        reference = counter.upi_reference(bill.draft_id or 0, self.ctx.now())
        limit = settings_service.get(self.session.store, config.CONSOLIDATE_BELOW)
        dialog = PaymentDialog(self, total_paise=bill.total_paise, upi_id=profile.upi_id, payee=profile.name,
                               reference=reference, customer_label=bill.customer_label,
                               khata_allowed=bill.customer_id is not None,
                               offer_invoice=bool(limit) and bill.total_paise < limit)
        dialog.paid.connect(self._paid)
        dialog.cancelled.connect(self.command.setFocus)
        self.dialog = dialog
        dialog.open()
        dialog.activateWindow()

    def _paid(self, choice: PaymentChoice, confirmed: bool = False) -> None:
        bill = self.bill
        index = self.current
        self.busy = True
        self.say(_("Saving the bill..."))
        ctx = self.ctx
        lines = bill.sale_lines()

        def op() -> int:
            return counter.complete_bill(ctx, bill.draft_id, lines=lines, payments=choice.tender.payments,
                                         customer_id=bill.customer_id, bill_discount_paise=bill.bill_discount_paise,
                                         confirmed=confirmed or bill.confirmed, want_invoice=choice.want_invoice).id

        def done(order_id: int) -> None:
            self.busy = False
            self.last_order_id = order_id
            if 0 <= index < len(self.bills) and self.bills[index] is bill:
                del self.bills[index]
            if not self.bills:
                self.bills.append(Bill())
            self._rebuild_tabs(min(index, len(self.bills) - 1))
            self._set_mode("item")
            self._announce(order_id, choice.tender.change_paise)
            self.sale_saved.emit(order_id)
            if self.session.machine.get(config.PRINT_AFTER_SALE):
                self.print_receipt(order_id)

        def failed(error: BaseException) -> None:
            self.busy = False
            if isinstance(error, NeedsConfirmation) and not confirmed:
                dialog = ChoiceDialog(self, title=_("Please confirm"), message=error.message, hint=error.hint,
                                      choices=[("yes", _("Allow it this once")), ("no", _("Cancel"))],
                                      cancel_key="no")
                dialog.chosen.connect(lambda key: self._paid(choice, True) if key == "yes"
                                      else self.command.setFocus())
                self.dialog = dialog
                dialog.open()
                dialog.activateWindow()
                return
            message, hint = error_texts(error)
            self.say(f"{message} {hint}".strip(), error=True)

        tasks.run_in_background(op, done, failed, owner=self)

    def _announce(self, order_id: int, change_paise: int) -> None:
        order = _order(self.session, order_id)
        text = _("Saved {number}: {total}").format(number=order.invoice_no, total=format_inr(order.total_paise))
        if change_paise:
            text += "  ·  " + _("give back {change}").format(change=format_inr(change_paise))
        self.say(text)
        self.totals.last.setText(_("Last bill: {text}").format(text=text))

    def print_receipt(self, order_id: int) -> None:
        """Print in the background: the sale is already saved whatever the printer does."""
        from app.ui.printing import print_receipt

        session = self.session
        if not session.machine.get(config.PRINTER):
            self.printed.emit(order_id)
            return

        def failed(error: BaseException) -> None:
            message, hint = error_texts(error)
            self.say(f"{message} {hint}".strip(), error=True)
            self.printed.emit(order_id)

        tasks.run_in_background(lambda: print_receipt(session, order_id), lambda _r: self.printed.emit(order_id),
                                failed, owner=self)

    def reprint(self) -> None:
        """Ctrl+P: the last bill's receipt again (without opening the drawer)."""
        if self.last_order_id is None:
            self.say(_("No bill has been paid on this screen yet."), error=True)
            return
        from app.ui.printing import print_receipt

        session, order_id = self.session, self.last_order_id
        tasks.run_in_background(lambda: print_receipt(session, order_id, open_drawer=False),
                                lambda _r: self.say(_("Printed again.")),
                                lambda e: self.say(" ".join(error_texts(e)).strip(), error=True), owner=self)

    # --- scanner -------------------------------------------------------------------------------
    def _scanning(self) -> bool:
        return self.isVisible()

    def _scan_allowed(self, target: QWidget) -> bool:
        return target.window() is self.window()

    # --- events --------------------------------------------------------------------------------
    def on_event_price_changed(self, _event) -> None:
        self.mark_stale()

    def on_event_return_recorded(self, _event: ReturnRecorded) -> None:
        self.mark_stale()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.command.setFocus()  # the counter is the first screen: the keyboard is ready for the first item

    def hideEvent(self, event) -> None:
        # the window is closing or another tab is shown: write what is waiting now, while the shop is open
        # (the controller waits for background tasks before it closes the shop)
        self.saver.flush()
        super().hideEvent(event)

    def closeEvent(self, event) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.scanner)
        super().closeEvent(event)


def _order(session: Session, order_id: int):
    from app.store import orders

    order = orders.get(session.store.db(), order_id, with_lines=False)
    assert order is not None
    return order
