"""Taking back a khata payment or a new customer entered by mistake, keeping the books append-only.

A payment is never deleted: its reversal is a second payment row of the opposite amount (reference
``reversal:<id>``) with its khata entry, so the cash book, the day's close and the khata all net to what
really happened, and both rows stay in the record. A customer is taken back by deactivating them, and only
while nothing else was written for them (no bill, payment or khata entry): a customer with history is
the seller's to close from the Customers page.
"""

from __future__ import annotations

from app.errors import InvalidState, NotFound
from app.events import PaymentRecorded
from app.i18n import _
from app.services.changes import Changes
from app.services.context import SELLER, Origin, ServiceContext
from app.services.khata import add_entry, get_customer, update_customer
from app.store import orders as order_store
from app.store import parties


def reversal_reference(payment_id: int) -> str:
    return f"reversal:{payment_id}"


def reverse_payment(ctx: ServiceContext, payment_id: int, *, origin: Origin = SELLER) -> Changes:
    """Reverse a khata payment (one received from a customer, not a bill's): the customer owes it again."""
    now = ctx.now_iso()
    with ctx.store.write() as db:
        row = order_store.payment_facts(db, payment_id)
        if row is None:
            raise NotFound(_("Payment {id} does not exist.").format(id=payment_id))
        customer_id, method, amount, order_id = row
        if customer_id is None or order_id is not None or amount <= 0:
            raise InvalidState(_("Only a payment received on a khata can be taken back here."))
        if order_store.has_payment_reference(db, reversal_reference(payment_id)):
            raise InvalidState(_("That payment was already taken back."))
        get_customer(db, customer_id)
        reversal_id = order_store.insert_khata_payment(db, customer_id=customer_id, method=method, amount_paise=-amount,
                                                       reference=reversal_reference(payment_id), at=now,
                                                       actor=origin.actor)
        assert reversal_id is not None
        paid = ctx.record(db, PaymentRecorded(payment_id=reversal_id, method=method, amount_paise=-amount,
                                              customer_id=customer_id), origin, at=now)
        entry = add_entry(ctx, db, customer_id, amount, kind="payment", payment_id=reversal_id, at=now, origin=origin,
                          note=_("payment {id} taken back").format(id=payment_id))
    return Changes(customers=frozenset({customer_id}), events=(paid, entry), id=reversal_id)


def withdraw_customer(ctx: ServiceContext, customer_id: int, *, origin: Origin = SELLER) -> Changes:
    """Deactivate a customer added by mistake, only while nothing was recorded for them."""
    db = ctx.store.db()
    customer = get_customer(db, customer_id)
    if not customer.active:
        raise InvalidState(_("{name} was already removed.").format(name=customer.name))
    used = parties.customer_use_count(db, customer_id)
    if used:
        raise InvalidState(_("{name} already has bills or khata entries; nothing was undone.").format(
            name=customer.name))
    return update_customer(ctx, customer_id, active=False, origin=origin)
