"""``POST /v1/webhooks/whatsapp``: WhatsApp's webhook for the shop's campaign messages, forwarded to the local
API (with the shop's API token) by whatever receives it from Meta; see docs/marketing.md. Receipts are kept
and STOP replies withdraw consent at once (:mod:`app.services.whatsapp_webhooks`)."""

from __future__ import annotations

from typing import Any

from app.services import whatsapp_webhooks

__all__ = ["whatsapp_webhook"]


def whatsapp_webhook(api: Any, request: Any) -> tuple[int, Any]:
    _changes, got = whatsapp_webhooks.receive(api.ctx, request.body)
    return 200, {"receipts": got.receipts, "repeated": got.repeated, "unknown": got.unknown,
                 "replies": got.replies, "stopped": got.stopped}
