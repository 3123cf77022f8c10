"""Taking back, from the chat, a khata payment or a new customer that the chat recorded.

The seller presses *Undo* under the reply that said it was done. Money in the khata is not taken back on a
single press: the undo is itself an offer ("Take back the ₹200 received from Dinesh? His khata goes back to
₹900.") that the seller confirms like any other change, kept in ``assistant_action`` with its basis, and
carried out through :mod:`app.services.reversals` (a reversing payment row, or the customer deactivated while
nothing was recorded for them), each write with its event naming the assistant and the seller.
"""

from __future__ import annotations

from typing import Any

from app.assistant.offers import Done, Offer
from app.assistant.phrases import rupees, tr
from app.assistant.text import HI
from app.errors import InvalidState
from app.i18n import _
from app.services import khata, reversals
from app.services.context import Origin, ServiceContext
from app.store import actions as action_store

# the offer to take back an action of the kind on the left
UNDO_KINDS = {"khata_payment": "undo_khata_payment", "add_customer": "undo_add_customer"}
KINDS = frozenset(UNDO_KINDS.values())


def offer_undo(ctx: ServiceContext, lang: str, action: action_store.AssistantAction) -> Offer:
    """The question to ask before taking back ``action`` (a done khata payment or new customer)."""
    db = ctx.store.db()
    if action.kind == "khata_payment":
        customer = khata.get_customer(db, int(action.params["customer_id"]))
        amount = int(action.params["amount_paise"])
        name = customer.name_hi if lang == HI and customer.name_hi else customer.name
        summary = tr("Take back the {amount} received from {name}? Their khata goes from {before} to {after}.",
                     "{name} se mile {amount} wapas lun? Khata {before} se {after} ho jayega.").say(
            lang, amount=rupees(amount), name=name, before=rupees(customer.khata_balance_paise),
            after=rupees(customer.khata_balance_paise + amount))
        return Offer(UNDO_KINDS[action.kind], {"action_id": action.id, "payment_id": int(action.result["payment_id"]),
                                               "customer_id": customer.id,
                                               "balance_paise": customer.khata_balance_paise},
                     summary, tr("Take back payment", "Payment wapas lo").text(lang))
    customer = khata.get_customer(db, int(action.result["customer_id"]))
    return Offer(UNDO_KINDS[action.kind], {"action_id": action.id, "customer_id": customer.id},
                 tr("Remove the customer {name} that I added?", "Jo grahak {name} joda tha, use hata dun?").say(
                     lang, name=customer.name), tr("Remove customer", "Grahak hatao").text(lang))


def carry_out(ctx: ServiceContext, kind: str, params: dict[str, Any], lang: str, origin: Origin) -> Done:
    """Take back what ``params["action_id"]`` did, and mark that action undone, in the caller's transaction."""
    db = ctx.store.db()
    original = action_store.get(db, int(params["action_id"]))
    if original is None or original.status != "done":
        raise InvalidState(_("There is nothing to take back there."))
    if kind == "undo_khata_payment":
        customer = khata.get_customer(db, int(params["customer_id"]))
        if customer.khata_balance_paise != params["balance_paise"]:
            raise InvalidState(_("The khata changed since I asked; ask me again."))
        changes = reversals.reverse_payment(ctx, int(params["payment_id"]), origin=origin)
        after = khata.get_customer(db, customer.id).khata_balance_paise
        text = tr("Taken back: {name}'s khata shows {after} again.", "Wapas: {name} ka khata phir se {after}.").say(
            lang, name=customer.name, after=rupees(after))
        result = {"reversal_id": changes.id}
    elif kind == "undo_add_customer":
        customer = khata.get_customer(db, int(params["customer_id"]))
        reversals.withdraw_customer(ctx, customer.id, origin=origin)
        text = tr("Removed: {name} is no longer a customer.", "Hata diya: {name} ab grahak nahi hai.").say(
            lang, name=customer.name)
        result = {"customer_id": customer.id}
    else:
        raise ValueError(f"unknown action {kind}")
    action_store.mark_undone(db, original.id, ctx.now_iso())
    return Done(text, result, undoable=False)
