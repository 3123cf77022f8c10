"""The counter's "Agrees to offers" button: the customer on the bill says yes to offers on WhatsApp, and the
cashier records it there and then (``consent.grant``, method ``counter``), after reading the question out.

India's DPDP Act asks for consent that is specific and informed; the question names the shop, the number
and how to stop (reply STOP), and nothing is recorded unless the cashier answers "Yes, they agreed". A
customer who already agreed on that number is told so; a bill without a customer, or a customer without a
phone number, says what to do first.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QPushButton, QWidget

from app.errors import AppError
from app.i18n import _
from app.services import consent
from app.services.context import Origin
from app.store import campaigns as campaign_store
from app.store.parties import get_customer
from app.ui.dialogs import ChoiceDialog, show_error

__all__ = ["OfferConsentButton"]


class OfferConsentButton(QPushButton):
    """Belongs to the counter page (``page``), whose bill names the customer."""

    def __init__(self, page: Any, parent: QWidget | None = None) -> None:
        super().__init__(_("Agrees to offers…"), parent)
        self.setObjectName("counter-offer-consent")
        self.setAutoDefault(False)
        self.setToolTip(_("The customer on this bill agrees to get the shop's offers on WhatsApp"))
        self.page = page
        self.dialog: QWidget | None = None
        self.clicked.connect(self.ask)

    def ask(self) -> None:
        page = self.page
        customer_id = page.bill.customer_id
        if customer_id is None:
            page.say(_("Choose the customer first (F6), then record that they agree to offers."), error=True)
            return
        db = page.session.store.db()
        customer = get_customer(db, customer_id)
        if customer is None:
            return
        if not customer.phone:
            page.say(_("{name} has no phone number on record: add it on the Customers page first.").format(
                name=customer.name), error=True)
            return
        found = campaign_store.current_consent(db, customer_id)
        if found is not None and found.granted and found.phone == customer.phone:
            page.say(_("{name} already agreed to offers on {phone}.").format(name=customer.name,
                                                                           phone=customer.phone))
            return
        ctx = page.session.ctx
        self.dialog = dialog = ChoiceDialog(
            self, title=_("Offers on WhatsApp"),
            message=_("Ask {name}: may the shop send you offers on WhatsApp at {phone}? You can stop them any time "
                      "by replying STOP.").format(name=customer.name, phone=customer.phone),
            hint=_("Record it only if the customer says yes."),
            choices=[("yes", _("Yes, they agreed")), ("no", _("No"))], cancel_key="no")
        name = customer.name
        dialog.chosen.connect(lambda key: self._answered(ctx, customer_id, name, key))
        dialog.open()

    def _answered(self, ctx: Any, customer_id: int, name: str, key: str) -> None:
        if key != "yes":
            self.page.say(_("Nothing recorded: {name} gets no offers.").format(name=name))
            return
        try:
            consent.grant(ctx, customer_id, method="counter", note=_("asked at the counter"),
                          origin=Origin(actor="seller", reason=_("the customer agreed at the counter")))
        except AppError as error:
            self.dialog = show_error(self, error, title=_("Offers on WhatsApp"))
            return
        self.page.say(_("{name} agreed to offers on WhatsApp; they can reply STOP any time.").format(name=name))
