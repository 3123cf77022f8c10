"""Holding a bill (the customer went to fetch something), recalling it, and throwing one away.
Held bills live in the shop file, so they survive a restart. Mixed into
:class:`app.ui.pages.counter.CounterPage`."""

from __future__ import annotations

from datetime import datetime

from app.domain.clock import from_iso, shop_zone
from app.errors import DiskFull
from app.i18n import _
from app.services import counter
from app.ui.counter.bill import Bill
from app.ui.dialogs import ChoiceDialog

__all__ = ["HoldRecall"]


class HoldRecall:
    def hold(self) -> None:
        """F7: put this bill aside (kept in the shop file) and carry on with an empty one."""
        bill = self.bill
        if not bill.lines:
            self.say(_("An empty bill cannot be held."), error=True)
            return
        self._ensure_saved(bill)
        label = bill.customer_label.split(" · ")[0] if bill.customer_label else self._shop_time(self.ctx.now())
        draft_id = bill.draft_id
        if draft_id is None:  # a full disk refused its first save (already said): it stays on screen
            return

        def op() -> None:
            counter.save_bill(self.ctx, draft_id, lines=bill.lines, customer_id=bill.customer_id,
                              bill_discount_paise=bill.bill_discount_paise, confirmed=bill.confirmed)
            counter.hold_bill(self.ctx, draft_id, label=label)

        try:
            op()
        except DiskFull as error:
            self.say(str(error), error=True)
            return
        del self.bills[self.current]
        if not self.bills:
            self.bills.append(Bill())
        self._rebuild_tabs(self.current)
        self._set_mode("item")
        self.say(_("Bill held ({label}). Press F8 to bring it back.").format(label=label))

    def _shop_time(self, moment: datetime) -> str:
        """Hours and minutes on the shop's clock (times are kept in UTC)."""
        return moment.astimezone(shop_zone(self.ctx.timezone)).strftime("%H:%M")

    def recall(self) -> None:
        """F8: the held bills, to bring one back."""
        held = counter.bills(self.session.store, "held")
        if not held:
            self.say(_("No bill is held."), error=True)
            return
        self._set_mode("recall")
        self._fill_results([(_("{label}: {count} items, held at {time}").format(
            label=d.label or _("bill {id}").format(id=d.id), count=len(d.lines),
            time=self._shop_time(from_iso(d.updated_at))), d)
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

