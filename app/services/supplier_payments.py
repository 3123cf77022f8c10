"""Paying suppliers: what the shop owes each one (purchase bills less payments) goes down by a payment in
cash, UPI, bank transfer or cheque. Paying more than is owed is kept as an advance, after asking."""

from __future__ import annotations

from datetime import date

from app.domain.money import format_inr
from app.errors import InputError, InvalidAmount, NeedsConfirmation
from app.events import SupplierPaid
from app.i18n import _
from app.services.changes import Changes
from app.services.context import SELLER, Origin, ServiceContext
from app.services.suppliers import get_supplier
from app.store import supplier_ledger

METHODS = ("cash", "upi", "bank", "cheque", "other")


def pay_supplier(ctx: ServiceContext, supplier_id: int, amount_paise: int, *, method: str = "cash",
                 reference: str = "", note: str = "", paid_on: date | None = None, confirmed: bool = False,
                 origin: Origin = SELLER) -> Changes:
    """Record money paid to a supplier; ``Changes.id`` is the payment. More than is owed needs ``confirmed``."""
    if method not in METHODS:
        raise InputError(_("'{method}' is not a way of paying we know.").format(method=method))
    if not isinstance(amount_paise, int) or amount_paise <= 0:
        raise InvalidAmount(_("A payment must be more than zero."))
    day = paid_on or ctx.today()
    if day > ctx.today():
        raise InputError(_("A payment cannot be dated in the future."))
    now = ctx.now_iso()
    with ctx.store.write() as db:
        supplier = get_supplier(db, supplier_id)
        owed = supplier_ledger.owed(db, supplier_id)
        if amount_paise > owed and not confirmed:
            raise NeedsConfirmation(
                _("The shop owes {supplier} {owed}; paying {amount} leaves an advance of {extra}.").format(
                    supplier=supplier.name, owed=format_inr(max(owed, 0)), amount=format_inr(amount_paise),
                    extra=format_inr(amount_paise - max(owed, 0))),
                hint=_("Confirm to pay in advance."))
        payment_id = supplier_ledger.insert_payment(
            db, supplier_id=supplier_id, amount_paise=amount_paise, method=method, reference=reference.strip(),
            note=note.strip(), paid_on=day.isoformat(), at=now, actor=origin.actor)
        event = ctx.record(db, SupplierPaid(supplier_id=supplier_id, payment_id=payment_id, amount_paise=amount_paise,
                                            method=method, owed_after_paise=owed - amount_paise), origin, at=now)
    return Changes(suppliers=frozenset({supplier_id}), events=(event,), id=payment_id)
