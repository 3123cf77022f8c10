"""The bills on the counter, one tab each: loading them back after a restart, switching, a new bill,
and putting a changed bill in place (priced, shown, saved in the background).

A change is applied to a copy of the bill and priced once (:func:`app.ui.counter.bill.price`); only a
copy that prices is kept, so the screen never shows a bill that cannot be sold. A sale below cost asks
first. Mixed into :class:`app.ui.pages.counter.CounterPage`.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QTimer

from app.domain.money import format_inr
from app.errors import AppError, DiskFull, NeedsConfirmation
from app.i18n import _, language
from app.services import counter
from app.store import parties
from app.ui.counter.bill import Bill, price
from app.ui.dialogs import ChoiceDialog

log = logging.getLogger(__name__)

__all__ = ["BillTabs"]


class BillTabs:
    """The page's bills (``self.bills``, ``self.current``) and the one way a bill changes (``_try``)."""

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
        """A bill gets its saved row when its first item goes on it (later saves run in the background).

        On a full disk the bill stays on screen, unsaved, and the seller is told; the next change (or
        paying, which saves the sale in one write) tries again, so it recovers once there is room."""
        if bill.draft_id is None:
            try:
                bill.draft_id = counter.new_bill(self.ctx)
            except DiskFull as error:
                log.warning("the first save of a new bill was refused: %s", error)
                # said after the change's own message ("Salt: 2 pcs"), so that this one stays on screen
                text = str(error)
                QTimer.singleShot(0, lambda: self.say(text, error=True))
                return

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

    def _drop_current(self) -> None:
        del self.bills[self.current]
        if not self.bills:
            self.bills.append(Bill())
        self._rebuild_tabs(self.current)
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

    def say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        if self.message.property("error") != error:  # a new style sheet costs a re-polish: only on change
            self.message.setProperty("error", error)
            self.message.setStyleSheet("color: #b42318; font-weight: bold;" if error else "color: #067647;")

