"""Paying a bill and printing its receipt. The sale commits (in the background) before anything prints;
the payment choices (khata, a tax invoice instead of a cash memo) come from
:func:`app.services.counter.payment_options`. Mixed into :class:`app.ui.pages.counter.CounterPage`.
"""

from __future__ import annotations

from app import config
from app.domain.money import format_inr
from app.errors import NeedsConfirmation
from app.i18n import _
from app.services import counter
from app.services.shop import profile as shop_profile
from app.session import Session
from app.ui import tasks
from app.ui.counter.bill import Bill
from app.ui.counter.payment import PaymentChoice, PaymentDialog
from app.ui.dialogs import ChoiceDialog, error_texts

__all__ = ["Paying"]


class Paying:
    def pay(self) -> None:
        """F12 (or Enter on an empty command line): take the money."""
        bill = self.bill
        if not bill.lines or bill.quote is None or self.busy:
            return
        if not (bill.confirmed or bill.cost_checked):
            # the quote on screen was made without the below-cost check (a bill loaded back after a restart,
            # or repriced): price it once now, with the check; the bill on screen takes that price
            if not self._try(lambda confirm=False: (self._priced(self.bill.copy(), confirm=confirm), self.selected)):
                return
            bill = self.bill
        profile = shop_profile(self.session.store)
        self._ensure_saved(bill)
        reference = counter.upi_reference(bill.draft_id or 0, self.ctx.now())
        options = counter.payment_options(self.ctx, total_paise=bill.total_paise, customer_id=bill.customer_id)
        dialog = PaymentDialog(self, total_paise=bill.total_paise, upi_id=profile.upi_id, payee=profile.name,
                               reference=reference, customer_label=bill.customer_label,
                               khata_allowed=options.khata, offer_invoice=options.invoice_offer)
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
        quote = bill.quote  # the price on screen goes along: the service does not price the bill again for it

        def op() -> int:
            return counter.complete_bill(ctx, bill.draft_id, lines=lines, payments=choice.tender.payments,
                                         customer_id=bill.customer_id, bill_discount_paise=bill.bill_discount_paise,
                                         confirmed=confirmed or bill.confirmed, want_invoice=choice.want_invoice,
                                         quote=quote).id

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
                dialog.chosen.connect(lambda key: self._paid(choice, True) if key == "yes" else self._not_paid())
                self.dialog = dialog
                dialog.open()
                dialog.activateWindow()
                return
            message, hint = error_texts(error)
            self.say(f"{message} {hint}".strip(), error=True)

        tasks.run_in_background(op, done, failed, owner=self)

    def _not_paid(self) -> None:
        """The seller said no to the question: nothing was saved, and "Saving the bill..." must not stay."""
        self.say(_("Not paid: the bill is still open."))
        self.command.setFocus()

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
        if not session.machine.get(config.PRINTER):  # say so: "Pay and print" must not print nothing silently
            self.say(f"{self.message.text()}  ·  " + _("No receipt printer is set up: choose one in Settings."))
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


def _order(session: Session, order_id: int):
    from app.store import orders

    order = orders.get(session.store.db(), order_id, with_lines=False)
    assert order is not None
    return order
