"""What WhatsApp tells the shop after a campaign message left (its Cloud API webhook, ``messages`` field):
delivery and read receipts, failures, and the customers' own replies, where a "STOP" (or WhatsApp's "Stop
promotions" button, or a 131050 failure: the customer stopped the shop's marketing messages in WhatsApp
itself) withdraws their consent at once, for every campaign, everywhere (:func:`app.services.consent.stop_reply`),
and a home-delivery customer's plain YES or NO to a substitute the shop asked about on WhatsApp is recorded
(:func:`app.services.substitutions.reply_from`).

A webhook reaches the shop through the local API (``POST /v1/webhooks/whatsapp``); see docs/marketing.md for
how it gets there from Meta. Meta retries a webhook until it is answered, so everything here is idempotent:
a receipt is kept once per message and status, and a second STOP from a stopped number changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from app.domain.clock import to_iso
from app.errors import AppError, InputError
from app.events import MessageReceipts
from app.i18n import _
from app.services import consent, substitutions
from app.services.changes import Changes
from app.services.context import Origin, ServiceContext
from app.store import message_receipts as store

__all__ = ["STATUSES", "Received", "receive"]

STATUSES = ("sent", "delivered", "read", "failed")
OPTED_OUT = 131050  # Graph error: the user stopped marketing messages from this business
CUSTOMER = Origin(actor="customer", reason="WhatsApp webhook")


@dataclass
class Received:
    receipts: dict[str, int] = field(default_factory=dict)  # new receipts kept, by status
    repeated: int = 0  # receipts already kept (a retried webhook)
    unknown: int = 0  # receipts of messages this shop did not send as campaigns
    replies: int = 0
    stopped: list[str] = field(default_factory=list)  # numbers whose consent was withdrawn now
    answered: int = 0  # substitutes a home-delivery customer said yes or no to


def _when(value: Any) -> str:
    try:
        return to_iso(datetime.fromtimestamp(int(value), tz=UTC))
    except (TypeError, ValueError, OverflowError, OSError):
        return ""


def _changes(payload: Any) -> list[dict[str, Any]]:
    if not isinstance(payload, dict) or payload.get("object") != "whatsapp_business_account":
        raise InputError(_("This is not a WhatsApp Business webhook."))
    out = []
    for entry in payload.get("entry") or []:
        for change in (entry or {}).get("changes") or [] if isinstance(entry, dict) else []:
            if isinstance(change, dict) and change.get("field") == "messages" and isinstance(change.get("value"), dict):
                out.append(change["value"])
    return out


def _stop(ctx: ServiceContext, phone: str, text: str, result: Received) -> Changes:
    try:
        changes = consent.stop_reply(ctx, phone, text, origin=CUSTOMER)
    except AppError:  # a number that is not an Indian phone: no customer of this shop to stop
        return Changes()
    if changes.events:
        result.stopped.append(phone)
    return changes


def receive(ctx: ServiceContext, payload: Any) -> tuple[Changes, Received]:
    """Keep the receipts and honour the replies of one webhook call."""
    values = _changes(payload)
    result = Received()
    changes = Changes()
    now = ctx.now_iso()
    with ctx.store.write() as db:
        for value in values:
            for status in value.get("statuses") or []:
                if not isinstance(status, dict) or status.get("status") not in STATUSES:
                    continue
                message_id = store.message_for_wamid(db, str(status.get("id", "")))
                if message_id is None:
                    result.unknown += 1
                    continue
                errors = status.get("errors") or [{}]
                code = errors[0].get("code") if isinstance(errors[0], dict) else None
                code = int(code) if isinstance(code, int | str) and str(code).isdigit() else None
                if store.add_receipt(db, message_id=message_id, status=status["status"], error_code=code,
                                     reported_at=_when(status.get("timestamp")) or now, at=now):
                    result.receipts[status["status"]] = result.receipts.get(status["status"], 0) + 1
                else:
                    result.repeated += 1
                if code == OPTED_OUT:
                    changes = changes | _stop(ctx, str(status.get("recipient_id", "")), "stop", result)
            for message in value.get("messages") or []:
                if not isinstance(message, dict):
                    continue
                result.replies += 1
                text = ""
                if message.get("type") == "text":
                    text = str((message.get("text") or {}).get("body", ""))
                elif message.get("type") == "button":  # a template's quick reply, e.g. "Stop promotions"
                    text = str((message.get("button") or {}).get("text", ""))
                if text and consent.is_stop(text):
                    changes = changes | _stop(ctx, str(message.get("from", "")), text, result)
                elif text and substitutions.reply_from(ctx, str(message.get("from", "")), text,
                                                       origin=CUSTOMER) is not None:
                    result.answered += 1  # a home-delivery customer's yes or no to a substitute
        if result.receipts:
            event = ctx.record(db, MessageReceipts(delivered=result.receipts.get("delivered", 0),
                                                   read=result.receipts.get("read", 0),
                                                   failed=result.receipts.get("failed", 0)), CUSTOMER, at=now)
            changes = changes | Changes(events=(event,))
    return changes, result
