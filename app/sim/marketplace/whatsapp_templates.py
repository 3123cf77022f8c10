"""Template messages on the simulated WhatsApp Cloud API (marketing offers, and the order updates and
purchase orders sent when the 24-hour window is closed), with the refusals a shop meets, and the 24-hour
customer-service window itself.

``POST /{phone_number_id}/messages`` with ``"type": "template"`` (the only kind of message a business may
start a conversation with outside the customer's 24-hour window): the template must be approved in the
language asked for and get as many body parameters as it has. Refusals, with Meta's codes:

- 132001: the template (or its language) is not approved;
- 132000: the number of parameters does not match;
- 131026: the recipient is not on WhatsApp (``sim.not_on_whatsapp``);
- 131050: the recipient stopped marketing messages from this business (``TemplateBook.opted_out``);
- 130429: throughput (the channel's guard, shared with text messages) and the ``http_429`` fault.

Each delivery is kept in ``sim.messages`` with the body written out, so tests count what went out.

**The 24-hour window** (``TemplateBook.window_hours``; None, the default, leaves it off so older demos keep
their texts): a free-form text reaches a number only within that many hours after the number last wrote
to the shop (``wrote(sim, digits)``, or ``POST /_sim/whatsapp`` ``{"wrote": digits}``); otherwise Meta's
code 131047 ("Re-engagement message"). Templates go out whatever the window.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field
from typing import Any

from app.sim.marketplace.core import Simulator
from app.sim.marketplace.http import Response

__all__ = ["TemplateBook", "book", "outside_window", "send_template", "wrote"]


@dataclass
class TemplateBook:
    # template name -> (approved languages, body parameters)
    approved: dict[str, tuple[set[str], int]] = field(
        default_factory=lambda: {"tavyonix_offer": ({"en", "hi"}, 5), "tavyonix_order_update": ({"en", "hi"}, 3),
                                 "tavyonix_purchase_order": ({"en", "hi"}, 3)})
    opted_out: set[str] = field(default_factory=set)  # E.164 digits that stopped marketing messages
    window_hours: float | None = None  # the customer-service window, when enforced
    last_wrote: dict[str, float] = field(default_factory=dict)  # digits -> sim time (epoch s) of their last message


_BOOKS: weakref.WeakKeyDictionary[Simulator, TemplateBook] = weakref.WeakKeyDictionary()


def book(sim: Simulator) -> TemplateBook:
    """The templates and opt-outs of one simulator (made on first use)."""
    found = _BOOKS.get(sim)
    if found is None:
        found = _BOOKS[sim] = TemplateBook()
    return found


def wrote(sim: Simulator, digits: str) -> None:
    """The number sent the shop a message now: the 24-hour window opens."""
    book(sim).last_wrote[digits] = sim.now()


def outside_window(sim: Simulator, digits: str) -> bool:
    """True if the window is enforced and the number has not written within it."""
    templates = book(sim)
    if templates.window_hours is None:
        return False
    last = templates.last_wrote.get(digits)
    return last is None or sim.now() - last > templates.window_hours * 3600


def send_template(sim: Simulator, phone_id: str, body: dict[str, Any]) -> Response:
    from app.sim.marketplace.whatsapp import graph_error

    templates = book(sim)
    to = str(body.get("to") or "")
    if not re.fullmatch(r"[1-9][0-9]{7,14}", to):
        return graph_error(400, 100, "Invalid parameter", f"Invalid phone number in parameter 'to': {to!r}.")
    template = body.get("template") or {}
    name = str(template.get("name") or "")
    language = str((template.get("language") or {}).get("code") or "")
    params = [p.get("text", "") for c in template.get("components") or [] if c.get("type") == "body"
              for p in c.get("parameters") or []]
    known = templates.approved.get(name)
    if known is None or language not in known[0]:
        return graph_error(404, 132001, "Template name does not exist in the translation",
                           f"template name ({name}) does not exist in {language}")
    if len(params) != known[1]:
        return graph_error(400, 132000, "Number of parameters does not match the expected number of params",
                           f"body: number of localizable_params ({len(params)}) does not match the expected "
                           f"number of params ({known[1]})")
    if to in sim.not_on_whatsapp:
        return graph_error(400, 131026, "Message undeliverable",
                           "Unable to deliver message: the recipient is not a WhatsApp user.")
    if to in templates.opted_out:
        return graph_error(400, 131050, "Unable to deliver the message. This recipient has chosen to stop "
                                        "receiving marketing messages on WhatsApp from your business.")
    message = sim.deliver(phone_id, to, f"[{name}/{language}] " + " | ".join(str(p) for p in params))
    return Response(200, {"messaging_product": "whatsapp", "contacts": [{"input": to, "wa_id": to}],
                          "messages": [{"id": message.id, "message_status": "accepted"}]})
