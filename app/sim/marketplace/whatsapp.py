"""The WhatsApp Business Cloud API in the simulator: text messages to suppliers, Graph API errors."""

from __future__ import annotations

import re
import secrets
from typing import Any

from app.sim.marketplace.core import Simulator
from app.sim.marketplace.http import Handler, Request, Response
from app.sim.marketplace.whatsapp_templates import outside_window, send_template

__all__ = ["WhatsApp", "graph_error"]

def graph_error(status: int, code: int, message: str, details: str = "", subcode: int | None = None) -> Response:
    """A Graph API error body, as Meta answers it."""
    error: dict[str, Any] = {"message": f"(#{code}) {message}", "type": "OAuthException", "code": code,
                             "fbtrace_id": secrets.token_urlsafe(12)}
    if details:
        error["error_data"] = {"messaging_product": "whatsapp", "details": details}
    if subcode is not None:
        error["error_subcode"] = subcode
    return Response(status, {"error": error})


class WhatsApp:
    """``POST /[vNN.N/]{phone_number_id}/messages`` with a bearer token: text messages only. Messages have
    no idempotency key and cannot be read back (as on the real API). Every delivery is kept in
    ``sim.messages`` (also when a fault then loses or spoils the reply), so tests count deliveries.

    A recipient in ``sim.not_on_whatsapp`` is refused at once (code 131026; the real API reports that by
    webhook after accepting); a malformed one gets code 100. Throughput above 80 messages a second gets
    code 130429 with HTTP 400, as Meta answers it. With the 24-hour window enforced
    (``whatsapp_templates``), a text to a number that has not written within it gets code 131047."""

    market = "whatsapp"

    def __init__(self, sim: Simulator) -> None:
        self.sim = sim

    def route(self, req: Request) -> tuple[str, Handler] | None:
        m = re.fullmatch(r"(?:/v[0-9]+\.[0-9]+)?/([0-9]+)/messages", req.path)
        if m and req.method == "POST":
            phone_id = m.group(1)
            return "messages", lambda r: self.send(r, phone_id)
        return None

    def guard(self, req: Request, op: str) -> Response | None:
        if req.headers.get("authorization") != f"Bearer {self.sim.credentials['whatsapp']}":
            return graph_error(401, 190, "Invalid OAuth access token - Cannot parse access token")
        if not self.sim.allow("whatsapp.messages", 80, 80):
            return graph_error(400, 130429, "Rate limit hit", "Cloud API message throughput has been reached.")
        return None

    def fault_body(self, status: int, code: str, message: str) -> Response:
        graph_code = {429: 130429, 500: 131000, 503: 131016}.get(status, 1)
        return graph_error(status, graph_code, message, "Something went wrong" if status >= 500 else "")

    def send(self, req: Request, phone_id: str) -> Response:
        if phone_id not in self.sim.whatsapp_numbers:
            return graph_error(400, 100, f"Unsupported post request. Object with ID '{phone_id}' does not exist, "
                                         "cannot be loaded due to missing permissions, or does not support this "
                                         "operation.", subcode=33)
        body = req.body or {}
        if body.get("messaging_product") != "whatsapp":
            return graph_error(400, 100, "Invalid parameter", "The parameter messaging_product is required.")
        if body.get("type") == "template":  # marketing templates: whatsapp_templates.py
            return send_template(self.sim, phone_id, body)
        if body.get("type", "text") != "text":
            return graph_error(400, 131009, "Parameter value is not valid", "Only text messages are simulated.")
        to = str(body.get("to") or "")
        text = (body.get("text") or {}).get("body")
        if not re.fullmatch(r"[1-9][0-9]{7,14}", to):
            return graph_error(400, 100, "Invalid parameter", f"Invalid phone number in parameter 'to': {to!r}.")
        if not isinstance(text, str) or not text or len(text) > 4096:
            return graph_error(400, 100, "Invalid parameter", "text.body must be 1 to 4096 characters.")
        if to in self.sim.not_on_whatsapp:
            return graph_error(400, 131026, "Message undeliverable",
                               "Unable to deliver message: the recipient is not a WhatsApp user.")
        if outside_window(self.sim, to):
            return graph_error(400, 131047, "Re-engagement message",
                               "Message failed to send because more than 24 hours have passed since the customer "
                               "last replied to this number.")
        message = self.sim.deliver(phone_id, to, text)
        return Response(200, {"messaging_product": "whatsapp", "contacts": [{"input": to, "wa_id": to}],
                              "messages": [{"id": message.id}]})
