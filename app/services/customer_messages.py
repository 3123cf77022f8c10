"""Messages to the customer of a home-delivery order at each step — confirmed, packed, on its way (with the
delivery person, or the courier and tracking number), delivered — in the customer's language, sent on
WhatsApp through the outbox like every other message (``customer.message`` on the shop's WhatsApp
channel, once per order and step, sent when online).

A message that cannot be sent becomes a visible task, never a silent loss: without a phone number or a
connected WhatsApp channel an alert ("tell the customer yourself") is raised in the same transaction; a
message WhatsApp refuses or cannot confirm fails in the outbox with its reason, shown with the other failed
sends. Marketplace customers hear from their marketplace (Amazon forbids contacting them directly), so
only the shop's own orders are messaged here.
"""

from __future__ import annotations

import gettext
from functools import cache

from sqlite_utils import Database

from app.domain.money import format_inr
from app.i18n import DOMAIN, _, language, locale_dir
from app.services import alerts
from app.services.context import SYSTEM, ServiceContext
from app.store import deliveries as deliveries_store
from app.store import outbox, sync_state

__all__ = ["OP", "STEPS", "language_of", "queue_step", "render", "say", "tr"]

OP = "customer.message"


def tr(english: str) -> str:
    """Marks a message for the catalog (``tools/i18n.py`` collects ``tr``); it is rendered in the customer's
    language by :func:`render`, whatever language the screens are in."""
    return english


STEPS = {
    "accepted": tr("{shop}: your order #{order} of {total} is confirmed. We will bring it on {day}."),
    "packed": tr("{shop}: your order #{order} is packed and will leave soon."),
    "shipped": tr("{shop}: your order #{order} is out for delivery with {rider}. Please keep {total} ready ({pay})."),
    "shipped_courier": tr("{shop}: your order #{order} is on its way with {courier}, tracking number {awb}."),
    "out_for_delivery": tr("{shop}: your order #{order} is out for delivery with {courier} today (tracking number "
                           "{awb})."),
    "delivered": tr("{shop}: your order #{order} has been delivered. Thank you!"),
    # a substitute for an item the shop cannot send (app.services.substitutions)
    "substitute": tr("{shop}: for your order #{order} we have no {item}. May we send {substitute} ({qty}) at "
                     "{price} each instead ({difference})? Please reply YES or NO."),
    "substitute_yes": tr("{shop}: we will send {substitute} in place of {item}. Your order #{order} now comes to "
                         "{total}."),
    "substitute_drop": tr("{shop}: we will bring your order #{order} without {item}. It now comes to {total}."),
    "substitute_drop_part": tr("{shop}: we will bring your order #{order} with only {qty} of {item}. It now comes to "
                               "{total}."),
    "substitute_cancel": tr("{shop}: your order #{order} is cancelled as you asked. Nothing is due."),
}


@cache
def _hindi() -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, localedir=locale_dir(), languages=["hi"], fallback=True)


def render(step: str, lang: str, **values: object) -> str:
    english = STEPS[step]
    return (_hindi().gettext(english) if lang == "hi" else english).format(**values)


def _whatsapp_channel(db: Database) -> str | None:
    return sync_state.whatsapp_channel(db)


def queue_step(ctx: ServiceContext, db: Database, order_id: int, step: str, *, at: str,
               event_id: int | None = None, values: dict[str, object] | None = None, key: str = "") -> int:
    """Queue the customer's message for this step of a home-delivery order (inside the step's transaction);
    1 if queued, 0 when already queued or when it cannot be sent (then an alert says so).

    ``values`` fill a message's own fields (a substitute's name and price), rendered in the customer's
    language by the caller; ``key`` tells apart messages of one step sent more than once for an order (one per
    substitution)."""
    from app.services.shop import profile

    row = deliveries_store.message_facts(db, order_id)
    if row is None or step not in STEPS:
        return 0
    name, due, phone, lang, day, rider, pay_by, courier, awb = row
    key = f"customer-message:{order_id}:{step}" + (f":{key}" if key else "")
    if outbox.has_key(db, key):
        return 0
    lang = lang or language()  # not said when the order was taken: the language the shop works in
    text = render("shipped_courier" if step == "shipped" and awb else step, lang, shop=profile(ctx.store).name,
                  order=order_id, total=format_inr(due), day=day, rider=rider or render_rider(lang),
                  pay=say(lang, tr("UPI") if pay_by == "upi" else tr("cash")), courier=courier or "",
                  awb=awb or "", **(values or {}))
    channel = _whatsapp_channel(db)
    if not phone or channel is None:
        why = _("no phone number for {name}").format(name=name) if not phone else _("WhatsApp is not connected")
        alerts.raise_alert(ctx, kind="customer_message", subject=f"order:{order_id}", severity="warning",
                           message=_("Tell {name} yourself (order {id}): {why}. The message: {text}").format(
                               name=name, id=order_id, why=why, text=text), origin=SYSTEM)
        return 0
    outbox.enqueue(db, channel=channel, kind="command", op=OP, entity_id=f"#{order_id}",
                   payload={"po_no": f"#{order_id}", "supplier": name, "to": phone, "text": text,
                            "order_id": order_id, "step": step},
                   at=at, order_key=f"customer:{order_id}", idem_key=key, event_id=event_id)
    return 1


def language_of(db: Database, order_id: int) -> str:
    """The language a home-delivery customer is written to: theirs if said, otherwise the shop's."""
    return deliveries_store.customer_language(db, order_id) or language()


def say(lang: str, english: str) -> str:
    return _hindi().gettext(english) if lang == "hi" else english


def render_rider(lang: str) -> str:
    return say(lang, tr("our delivery person"))
