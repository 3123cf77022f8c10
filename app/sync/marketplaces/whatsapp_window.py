"""Messages outside WhatsApp's 24-hour customer-service window.

A business may send free-form text to a number only within 24 hours after that number last wrote to it;
outside the window WhatsApp refuses the text (code 131047, "Re-engagement message") and only an approved
template message goes through. The shop cannot know the window ahead (it is reported by webhook, which a
desktop app offline most of the day does not receive), so the adapter sends the text first and, on that
refusal only — nothing was delivered — sends the matching approved template with the same content:

- a purchase order (``purchase_order.send``): ``tavyonix_purchase_order`` — {{1}} the supplier, {{2}} the
  order number, {{3}} the order on one line;
- a customer's order update (``customer.message``): ``tavyonix_order_update`` — {{1}} the customer,
  {{2}} the order number, {{3}} the update on one line.

The templates must be approved in WhatsApp Manager in English and Hindi with these three body
parameters (their wording is the shop's; ``docs/orders.md`` gives ours). If the template is refused too,
the row fails with a message that says so and what to do, and the seller gets a task (never a silent
loss).
"""

from __future__ import annotations

import re
from typing import Any

from app.i18n import _

__all__ = ["TEMPLATES", "WINDOW_CLOSED", "one_line", "refused_message", "template_body"]

WINDOW_CLOSED = 131047
TEMPLATES = {"purchase_order.send": "tavyonix_purchase_order", "customer.message": "tavyonix_order_update"}
MAX_PARAM = 1000  # characters; WhatsApp refuses longer body parameters
_DEVANAGARI = re.compile(r"[\u0900-\u097F]")


def one_line(text: str, limit: int = MAX_PARAM) -> str:
    """A template parameter may hold no new lines, tabs or more than four spaces in a row."""
    flat = " · ".join(part.strip() for part in str(text).splitlines() if part.strip())
    flat = re.sub(r"\s{2,}", " ", flat.replace("\t", " "))
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def template_body(op: str, payload: dict[str, Any], to: str) -> dict[str, Any]:
    """The approved template for ``op`` carrying the payload's content, in the text's language."""
    text = str(payload.get("text") or "")
    lang = str(payload.get("lang") or ("hi" if _DEVANAGARI.search(text) else "en"))
    params = [one_line(str(payload.get("supplier") or "").strip() or "+" + to, 60),
              one_line(str(payload.get("po_no") or "-"), 60), one_line(text)]
    return {"messaging_product": "whatsapp", "to": to, "type": "template",
            "template": {"name": TEMPLATES[op], "language": {"code": lang},
                         "components": [{"type": "body", "parameters": [{"type": "text", "text": p}
                                                                        for p in params]}]}}


def refused_message(payload: dict[str, Any], who: str, reason: str) -> str:
    return _("{po_no} did not reach {who} on WhatsApp: more than 24 hours have passed since they last wrote to the "
             "shop, and WhatsApp refused the approved template message too ({reason}). Send it yourself (call or "
             "message from your phone).").format(po_no=payload.get("po_no", "?"), who=who, reason=reason)
