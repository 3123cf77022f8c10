"""Customers and their khata (credit): who owes what, payments against it, corrections."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from app import config
from app.domain import bounds
from app.domain.codes import check_gstin, check_phone
from app.domain.gst import check_state
from app.domain.money import format_inr
from app.domain.records import Customer
from app.errors import Duplicate, InputError, InvalidAmount, NeedsConfirmation, NotFound
from app.events import CustomerSaved, KhataEntryAdded, PaymentRecorded
from app.i18n import _
from app.services import settings as settings_service
from app.services.changes import Changes
from app.services.context import SELLER, Origin, ServiceContext
from app.store import orders as order_store
from app.store import parties
from app.store.rows import insert, update

EDITABLE = ("name", "name_hi", "phone", "address", "gstin", "state_code", "credit_limit_paise", "notes", "active")
KHATA_PAYMENT_METHODS = ("cash", "upi", "card", "bank", "other")


def get_customer(db: Database, customer_id: int) -> Customer:
    customer = parties.get_customer(db, customer_id)
    if customer is None:
        raise NotFound(_("There is no customer number {id}.").format(id=customer_id))
    return customer


def _clean(db: Database, values: dict[str, Any], customer_id: int | None) -> dict[str, Any]:
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise InputError(_("Unknown customer details: {names}.").format(names=", ".join(sorted(unknown))))
    out = dict(values)
    if "name" in out:
        out["name"] = str(out["name"]).strip()
        if not out["name"]:
            raise InputError(_("The customer needs a name."))
        out["name"] = bounds.check_text(out["name"], what=_("The customer's name"))
    if out.get("phone"):
        out["phone"] = check_phone(out["phone"])
        other = parties.customer_by_phone(db, out["phone"])
        if other is not None and other.id != customer_id:
            raise Duplicate(_("The number {phone} already belongs to {name}.").format(phone=out["phone"],
                                                                                     name=other.name))
    elif "phone" in out:
        out["phone"] = None
    if out.get("gstin"):
        out["gstin"] = check_gstin(out["gstin"])
        out.setdefault("state_code", out["gstin"][:2])
    if out.get("state_code"):
        out["state_code"] = check_state(out["state_code"])
    if "credit_limit_paise" in out and (not isinstance(out["credit_limit_paise"], int)
                                        or out["credit_limit_paise"] < 0):
        raise InvalidAmount(_("A credit limit cannot be negative."))
    if "credit_limit_paise" in out:
        bounds.check_money(out["credit_limit_paise"], limit=bounds.MAX_BILL_PAISE, what=_("Credit limit"))
    if "active" in out:
        out["active"] = int(bool(out["active"]))
    return out


def create_customer(ctx: ServiceContext, *, name: str, opening_balance_paise: int = 0, origin: Origin = SELLER,
                    **details: Any) -> Changes:
    """Add a customer; ``opening_balance_paise`` is what they already owe from the paper khata."""
    now = ctx.now_iso()
    with ctx.store.write() as db:
        values = _clean(db, {"name": name, **details}, None)
        values.setdefault("credit_limit_paise", settings_service.get(ctx.store, config.DEFAULT_CREDIT_LIMIT))
        customer_id = insert(db, "customer", {**values, "created_at": now, "updated_at": now})
        events = [ctx.record(db, CustomerSaved(customer_id=customer_id, name=values["name"], created=True), origin,
                             at=now)]
        if opening_balance_paise:
            events.append(add_entry(ctx, db, customer_id, opening_balance_paise, kind="opening",
                                    note=_("opening balance"), at=now, origin=origin))
    return Changes(customers=frozenset({customer_id}), events=tuple(events), id=customer_id)


def update_customer(ctx: ServiceContext, customer_id: int, *, origin: Origin = SELLER, **changes: Any) -> Changes:
    with ctx.store.write() as db:
        current = get_customer(db, customer_id)
        values = _clean(db, changes, customer_id)
        if not values:
            return Changes()
        update(db, "customer", "id", customer_id, {**values, "updated_at": ctx.now_iso()})
        event = ctx.record(db, CustomerSaved(customer_id=customer_id, name=values.get("name", current.name)), origin)
    return Changes(customers=frozenset({customer_id}), events=(event,))


def add_entry(ctx: ServiceContext, db: Database, customer_id: int, amount_paise: int, *, kind: str, at: str,
              origin: Origin, order_id: int | None = None, payment_id: int | None = None,
              note: str = "") -> KhataEntryAdded:
    """Append a khata entry inside the caller's transaction (+ the customer owes more, - less)."""
    bounds.check_money(amount_paise, limit=bounds.MAX_BILL_PAISE, what=_("Khata"), negative_ok=True)
    entry_id = parties.insert_khata_entry(db, customer_id=customer_id, amount_paise=amount_paise, kind=kind,
                                          order_id=order_id, payment_id=payment_id, note=note, at=at,
                                          actor=origin.actor)
    balance = parties.khata_balance(db, customer_id)
    return ctx.record(db, KhataEntryAdded(customer_id=customer_id, entry_id=entry_id, kind=kind,
                                          amount_paise=amount_paise, balance_paise=balance), origin, at=at)


def receive_payment(ctx: ServiceContext, customer_id: int, amount_paise: int, *, method: str = "cash",
                    reference: str = "", confirmed: bool = False, origin: Origin = SELLER) -> Changes:
    """The customer pays off (part of) their khata. Paying more than is owed (an advance) needs
    ``confirmed=True``."""
    if not isinstance(amount_paise, int) or amount_paise <= 0:
        raise InvalidAmount(_("A payment must be more than zero."))
    if method not in KHATA_PAYMENT_METHODS:
        raise InputError(_("'{method}' is not a way of paying we know.").format(method=method))
    reference = bounds.check_text(reference, what=_("Reference"), empty_ok=True)
    now = ctx.now_iso()
    with ctx.store.write() as db:
        customer = get_customer(db, customer_id)
        if amount_paise > max(customer.khata_balance_paise, 0) and not confirmed:
            raise NeedsConfirmation(
                _("{name} owes only {owed}; {paid} would leave an advance.").format(
                    name=customer.name, owed=format_inr(max(customer.khata_balance_paise, 0)),
                    paid=format_inr(amount_paise)),
                hint=_("Confirm to keep the extra as an advance."))
        payment_id = order_store.insert_khata_payment(db, customer_id=customer_id, method=method,
                                                      amount_paise=amount_paise, reference=reference, at=now,
                                                      actor=origin.actor)
        paid = ctx.record(db, PaymentRecorded(payment_id=payment_id, method=method, amount_paise=amount_paise,
                                              customer_id=customer_id), origin, at=now)
        entry = add_entry(ctx, db, customer_id, -amount_paise, kind="payment", payment_id=payment_id, at=now,
                          origin=origin)
    return Changes(customers=frozenset({customer_id}), events=(paid, entry), id=payment_id)


def adjust_khata(ctx: ServiceContext, customer_id: int, amount_paise: int, *, note: str,
                 origin: Origin = SELLER) -> Changes:
    """Correct a khata by hand (+ owes more, - owes less), always with a note saying why."""
    if not isinstance(amount_paise, int) or amount_paise == 0:
        raise InvalidAmount(_("Say how much to add or take off; zero changes nothing."))
    if not note.strip():
        raise InputError(_("Write why the khata is being corrected."))
    note = bounds.check_text(note, what=_("Note"), limit=bounds.NOTE_MAX)
    with ctx.store.write() as db:
        get_customer(db, customer_id)
        entry = add_entry(ctx, db, customer_id, amount_paise, kind="adjustment", note=note.strip(),
                          at=ctx.now_iso(), origin=origin)
    return Changes(customers=frozenset({customer_id}), events=(entry,))
