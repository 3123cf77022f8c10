"""What the simulated WhatsApp Cloud API would post to the shop's webhook: Meta's ``messages`` field
payloads (``statuses`` for sent/delivered/read/failed receipts, ``messages`` for a customer's reply), with
the faults a webhook meets: the same call sent twice (Meta retries until it is answered), receipts out of
order (read before delivered), receipts of messages the shop did not send, and an opted-out failure (131050).

Shapes from Meta's "Webhooks: messages" reference (WhatsApp Cloud API): ``{"object":
"whatsapp_business_account", "entry": [{"id", "changes": [{"field": "messages", "value": {...}}]}]}``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from app.sim.marketplace.core import SimMessage

__all__ = ["receipts", "reply"]


def _envelope(phone_id: str, value: dict[str, Any]) -> dict[str, Any]:
    return {"object": "whatsapp_business_account", "entry": [{"id": "WABA-SIM", "changes": [{
        "field": "messages", "value": {"messaging_product": "whatsapp",
                                       "metadata": {"phone_number_id": phone_id}, **value}}]}]}


def _stamp(at: str) -> str:
    return str(int(datetime.fromisoformat(at.replace("Z", "+00:00")).timestamp()))


def receipts(messages: Sequence[SimMessage], status: str, *, error_code: int | None = None) -> dict[str, Any]:
    """One webhook call with a ``status`` receipt for each delivered message."""
    statuses = []
    for m in messages:
        one: dict[str, Any] = {"id": m.id, "status": status, "timestamp": _stamp(m.at), "recipient_id": m.to}
        if error_code is not None:
            one["errors"] = [{"code": error_code, "title": "simulated"}]
        statuses.append(one)
    return _envelope(messages[0].phone_number_id if messages else "", {"statuses": statuses})


def reply(phone_id: str, from_e164: str, text: str, *, at: str, button: bool = False) -> dict[str, Any]:
    """A customer's reply: typed text, or a template's quick-reply button (``button``)."""
    message: dict[str, Any] = {"from": from_e164, "id": f"wamid.reply.{from_e164}.{_stamp(at)}",
                               "timestamp": _stamp(at)}
    if button:
        message.update(type="button", button={"text": text, "payload": text})
    else:
        message.update(type="text", text={"body": text})
    return _envelope(phone_id, {"contacts": [{"wa_id": from_e164}], "messages": [message]})
