"""A customer's consent to marketing messages: recorded with when, how and by whom; revocable; honoured.

India's DPDP Act 2023 asks for consent that is free, specific, informed and as easy to withdraw as to
give; WhatsApp's Business policy asks for an opt-in before any marketing template and honours opt-outs.
So: the log is append-only (``customer_consent``), the newest entry per customer decides, a consent
covers the phone number it was given for (a new number needs a new yes), and a "stop" reply from that
number withdraws it at once. Campaign sends read only :func:`app.store.campaigns.reachable`.
"""

from __future__ import annotations

import re

from app.domain.codes import check_phone
from app.errors import InputError, InvalidState
from app.events import ConsentRecorded
from app.i18n import _
from app.services.changes import Changes
from app.services.context import SELLER, Origin, ServiceContext
from app.services.khata import get_customer
from app.store import campaigns as store

__all__ = ["METHODS", "STOP_WORDS", "grant", "is_stop", "revoke", "stop_reply"]

METHODS = ("counter", "cli", "window", "stop_reply", "written")
# What customers type to opt out, English and Hindi, as WhatsApp's own opt-out button and common replies.
STOP_WORDS = frozenset({"stop", "unsubscribe", "stop promotions", "band", "band karo", "बंद", "बंद करो", "रोको",
                        "no more", "opt out", "optout"})


def grant(ctx: ServiceContext, customer_id: int, *, phone: str | None = None, method: str = "cli", note: str = "",
          origin: Origin = SELLER) -> Changes:
    """Record that the customer agreed to offers on WhatsApp, on ``phone`` (the customer's number when
    not given; a new number is saved on the customer)."""
    if method not in METHODS or method == "stop_reply":
        raise InputError(_("Say how the customer agreed: at the counter, in writing, or on this screen."))
    now = ctx.now_iso()
    with ctx.store.write() as db:
        customer = get_customer(db, customer_id)
        number = check_phone(phone) if phone else customer.phone
        if not number:
            raise InputError(_("{name} has no phone number; type the number they agreed on.").format(
                name=customer.name))
        if number != customer.phone:
            taken = store.phone_owner(db, number, customer_id)
            if taken:
                raise InvalidState(_("The number {phone} belongs to {name}.").format(phone=number, name=taken))
            store.set_customer_phone(db, customer_id, number, now)
        store.add_consent(db, customer_id=customer_id, channel="whatsapp", phone=number, granted=1, method=method,
                          recorded_by=origin.actor, note=note, at=now)
        event = ctx.record(db, ConsentRecorded(customer_id=customer_id, channel="whatsapp", granted=True,
                                               method=method), origin, at=now)
    return Changes(events=(event,), id=customer_id)


def revoke(ctx: ServiceContext, customer_id: int, *, method: str = "cli", note: str = "",
           origin: Origin = SELLER) -> Changes:
    """Record that the customer wants no more offers. Takes effect for every campaign not yet sent."""
    if method not in METHODS:
        raise InputError(_("Say how the customer asked to stop."))
    now = ctx.now_iso()
    with ctx.store.write() as db:
        customer = get_customer(db, customer_id)
        current = store.current_consent(db, customer_id)
        store.add_consent(db, customer_id=customer_id, channel="whatsapp",
                          phone=customer.phone or (current.phone if current else ""), granted=0, method=method,
                          recorded_by=origin.actor, note=note, at=now)
        event = ctx.record(db, ConsentRecorded(customer_id=customer_id, channel="whatsapp", granted=False,
                                               method=method), origin, at=now)
    return Changes(events=(event,), id=customer_id)


def is_stop(text: str) -> bool:
    """Whether a reply asks for no more messages ("STOP", "band karo", "बंद करो", ...)."""
    words = re.sub(r"[^\w\s\u0900-\u097f]", " ", text.strip().lower())
    words = " ".join(words.split())
    return words in STOP_WORDS or words.split(" ")[:1] == ["stop"]


def stop_reply(ctx: ServiceContext, phone: str, text: str = "STOP", *, origin: Origin = SELLER) -> Changes:
    """A reply from ``phone``: when it asks to stop, every customer on that number is opted out."""
    if not is_stop(text):
        return Changes()
    number = check_phone(phone)
    with ctx.store.write() as db:
        ids = store.customers_on_phone(db, number)
        changes = Changes()
        for customer_id in ids:
            current = store.current_consent(db, customer_id)
            if current is not None and not current.granted:
                continue  # already stopped: the same STOP told twice (a webhook retried) is one record
            changes = changes | revoke(ctx, customer_id, method="stop_reply", note=text.strip()[:80], origin=origin)
    return changes
