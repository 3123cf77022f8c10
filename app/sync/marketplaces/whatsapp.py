"""WhatsApp Business Cloud API (Meta's Graph API): purchase orders to suppliers as WhatsApp messages.

The account details hold the business phone number's id (``{"phone_number_id": "1065551234"}``, from
WhatsApp Manager); the access token (a System User token) is in the keyring as ``access_token`` and goes
as ``Authorization: Bearer``. Connect with ``sync connect whatsapp --adapter whatsapp --account ...``.

Operations covered:

- ``purchase_order.send`` (payload ``po_no``, ``to``, ``text``, optionally ``supplier``):
  ``POST {base_url}/{phone_number_id}/messages`` with ``{"messaging_product": "whatsapp", "to": <E.164
  digits>, "type": "text", "text": {"body": <text>}}``. Indian numbers (10-digit mobiles, 0 + STD
  landlines) get 91 in front. The message id WhatsApp answers (``messages[0].id``, a ``wamid.``) is the
  acknowledgement, kept as the row's ``remote_ref``.
- ``customer.message`` (payload ``po_no`` = "#<order>", ``supplier`` = the customer's name, ``to``, ``text``): a
  home-delivery customer's step message, sent and settled exactly as a purchase order is.
- pull: nothing (a messaging channel has no orders); ``pulls_orders`` is False, so the worker skips it.

At most once. WhatsApp takes no idempotency key and has no way to read a sent message back, so a message
whose fate is unknown is never sent again by the worker: a timeout or dropped connection after the request
went out, a reply that is cut or unreadable, a 5xx other than "unavailable", a crash between sending and
recording the answer. The worker turns such a row (``unknown``) into ``failed`` with the message
"Could not confirm that order ... reached ... on WhatsApp; check WhatsApp before sending it again" and an
``unconfirmed_send`` issue (``reads_back`` is False, see ``SyncWorker._settle_unknown``). A duplicate
purchase order can make a distributor deliver twice; a missing one is seen and sent again by the seller.

Answers: 401/403 and Graph codes 0, 10, 190, 200-299 pause the channel (login needed, the queue is kept);
an unknown business phone number id (code 33) pauses it too; 429 and the Graph throttling codes (4,
80007, 130429, 131056, answered as 400) wait: ``Retry-After`` wins, else 1 s (6 s for 131056, one
message to the same number every 6 seconds); 503 and Graph codes 2 and 131016 (service unavailable: not
processed) are retried with backoff; no connection at all (offline, captive portal) waits for the
network, nothing having left; a number WhatsApp refuses (131026, 131030, 131021, or 100/131009 about the
recipient) fails the row with a message naming the number; any other 4xx fails it with WhatsApp's reason.

Outside the 24-hour customer-service window (code 131047: the text was not delivered) the same content
goes as an approved template message (``whatsapp_window``); refused too, the row fails saying so.

Not covered: delivery and read receipts arrive by webhook only, which a desktop app offline most of the day
does not receive; the acknowledgement means WhatsApp accepted the message.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

import httpx

from app.domain.codes import check_phone
from app.errors import InvalidCode, SyncError
from app.i18n import _
from app.sync import transport
from app.sync.errors import Ambiguous, AuthFailed, Rejected, Throttled
from app.sync.marketplaces import graph_calls
from app.sync.marketplaces import whatsapp_campaigns as campaign
from app.sync.marketplaces import whatsapp_window as window
from app.sync.marketplaces.base import Adapter, Change, Limit, OrdersPage, Outcome
from app.sync.transport import Reply

GRAPH_URL = "https://graph.facebook.com/v21.0"
OP = "purchase_order.send"
CUSTOMER_OP = "customer.message"  # a home-delivery customer's step message (app.services.customer_messages)
MAX_TEXT = 4096  # characters in one text message
THROTTLE_CODES = frozenset({4, 80007, 130429, 131056})
THROTTLE_WAIT_S = 1.0  # a Graph throttling answer carries no Retry-After: wait at least this long
PAIR_LIMIT_S = 6.0  # 131056: one message to the same number every 6 seconds
UNAVAILABLE_CODES = frozenset({2, 131016})
AUTH_CODES = frozenset({0, 10, 190})
NUMBER_CODES = frozenset({131021, 131026, 131030})
PARAMETER_CODES = frozenset({100, 131009})


class WhatsAppLoginNeeded(AuthFailed):
    """The token was refused (expired, revoked) or is not in the keyring: the channel pauses."""

    def __init__(self, channel: str = "", detail: str = "") -> None:
        SyncError.__init__(self, _("WhatsApp refused the access token (expired or removed). Connect WhatsApp "
                                   "again with a new token; purchase orders waiting to go out are kept."),
                           hint=_("Run: sync connect whatsapp --adapter whatsapp --secret access_token=..."))
        self.channel, self.detail = channel, detail


def _login_needed(channel: str, detail: str) -> AuthFailed:
    return WhatsAppLoginNeeded(channel, detail=detail)


class WhatsAppNumberUnknown(AuthFailed):
    """WhatsApp does not know the business phone number id: the connection must be set up again."""

    def __init__(self, channel: str, phone_number_id: str) -> None:
        SyncError.__init__(self, _("WhatsApp does not know the business phone number id {id}. Connect WhatsApp "
                                   "again with the id shown in WhatsApp Manager; purchase orders waiting to go "
                                   "out are kept.").format(id=phone_number_id))
        self.channel, self.detail = channel, "code 33"


def e164(number: Any) -> str | None:
    """A phone number as the digits WhatsApp wants (country code first, no '+'), or None if it is not one.

    Indian numbers are checked by ``domain.codes.check_phone`` and get 91; '+' or '00' numbers of another
    country keep their country code."""
    text = re.sub(r"[\s\-().]", "", str(number or ""))
    abroad = text[1:] if text.startswith("+") else text[2:] if text.startswith("00") else None
    if abroad is not None and not abroad.startswith("91"):
        ok = abroad.isdigit() and 8 <= len(abroad) <= 15 and not abroad.startswith("0")
        return abroad if ok else None
    try:
        local = check_phone(abroad if abroad is not None else text)  # 10 digits, or 0 + STD code + number
    except InvalidCode:
        return None
    return "91" + local.removeprefix("0")


def shown(digits: str) -> str:
    """+91 98765 43210 (Indian numbers grouped the way they are read), else +<digits>."""
    if len(digits) == 12 and digits.startswith("91"):
        return f"+91 {digits[2:7]} {digits[7:]}"
    return "+" + digits


def recipient(payload: dict[str, Any]) -> str:
    """Who the order is for, in words: the supplier's name and number, or the number as written."""
    digits = e164(payload.get("to"))
    number = shown(digits) if digits else str(payload.get("to") or "?")
    supplier = str(payload.get("supplier") or "").strip()
    return f"{supplier} ({number})" if supplier else number


def unconfirmed_message(payload: dict[str, Any]) -> str:
    return _("Could not confirm that order {po_no} reached {supplier} on WhatsApp; check WhatsApp before sending "
             "it again.").format(po_no=payload.get("po_no", "?"), supplier=recipient(payload))


_Keep = graph_calls.Kept
graph_error = graph_calls.graph_error  # kept here: the simulator and older callers import it from this module


class WhatsAppAdapter(Adapter):
    name = "whatsapp"
    covers: ClassVar[dict[str, str]] = {OP: "POST {phone_number_id}/messages",
                                        CUSTOMER_OP: "POST {phone_number_id}/messages",
                                        campaign.OP: "POST {phone_number_id}/messages (template)"}
    # Cloud API throughput is 80 messages a second per business number; a shop sends a few a day
    limits: ClassVar[dict[str, Limit]] = {"messages": Limit(20, 20)}
    dedupes_commands = False
    reads_back = False
    pulls_orders = False
    batch_size = 1

    @property
    def phone_number_id(self) -> str:
        return str(self.account.get("phone_number_id", ""))

    def auth_headers(self) -> dict[str, str]:
        return graph_calls.bearer(self, _login_needed)

    def validate(self, op: str, payload: dict[str, Any]) -> str | None:
        if op == campaign.OP:
            return campaign.validate(payload)
        if op not in (OP, CUSTOMER_OP):
            return None
        if op == CUSTOMER_OP and e164(payload.get("to")) is None:
            return _("'{number}' is not a phone number WhatsApp can send to; the message for order {order} was not "
                     "sent. Tell {name} yourself.").format(number=payload.get("to") or "", order=payload.get(
                         "po_no", "?"), name=recipient(payload))
        if e164(payload.get("to")) is None:
            return _("'{number}' is not a phone number WhatsApp can send to; order {po_no} was not sent. Correct "
                     "the supplier's WhatsApp number.").format(number=payload.get("to") or "", po_no=payload.get(
                         "po_no", "?"))
        text = str(payload.get("text") or "")
        if not text.strip():
            return _("Order {po_no} has no text to send.").format(po_no=payload.get("po_no", "?"))
        if len(text) > MAX_TEXT:
            return _("Order {po_no} is too long for one WhatsApp message ({n} characters, at most {most}); print "
                     "it or split the order.").format(po_no=payload.get("po_no", "?"), n=len(text), most=MAX_TEXT)
        return None

    def _post(self, body: dict[str, Any], keep: _Keep) -> Reply:
        return graph_calls.request(self, keep, "POST", f"{self.base_url}/{self.phone_number_id}/messages",
                                   bucket="messages", login_needed=_login_needed,
                                   keep_errors=(WhatsAppLoginNeeded, WhatsAppNumberUnknown), json_body=body)

    def send_one(self, change: Change) -> Outcome:
        payload = change.payload
        problem = self.validate(change.op, payload)
        if problem is not None:
            return Outcome("failed", message=problem)
        to = e164(payload["to"])
        body = campaign.body(payload) if change.op == campaign.OP else {
            "messaging_product": "whatsapp", "to": to, "type": "text", "text": {"body": str(payload["text"])}}
        keep = _Keep(self.client)
        try:
            reply = self._post(body, keep)
        except Ambiguous as exc:
            code = graph_error(keep.response)[0] if exc.status else None
            if exc.status == 503 or code in UNAVAILABLE_CODES:  # WhatsApp says it did not take it: send later
                return Outcome("retry", message=_("WhatsApp was unavailable; the order will be sent again shortly."))
            raise  # it may have gone out: the worker marks it unknown, and the seller checks
        except Rejected as exc:
            if change.op in window.TEMPLATES and graph_error(keep.response)[0] == window.WINDOW_CLOSED:
                return self._send_template(change, str(to))  # the text was not delivered: nothing goes twice
            return self._refused(payload, exc, keep.response, change.op)
        return self._acknowledged(reply)

    def _acknowledged(self, reply: Reply) -> Outcome:
        messages = (reply.data or {}).get("messages") if isinstance(reply.data, dict) else None
        first = messages[0] if isinstance(messages, list) and messages else None
        wamid = first.get("id") if isinstance(first, dict) else None
        if not wamid:  # a 2xx without a message id: it may or may not have gone out
            raise Ambiguous("no message id in the reply", status=reply.status)
        return Outcome("applied", remote_ref=str(wamid))

    def _send_template(self, change: Change, to: str) -> Outcome:
        """Outside the 24-hour window: the approved template with the same content (``whatsapp_window``)."""
        keep = _Keep(self.client)
        try:
            reply = self._post(window.template_body(change.op, change.payload, to), keep)
        except AuthFailed as exc:
            if isinstance(exc, (WhatsAppLoginNeeded, WhatsAppNumberUnknown)):
                raise
            raise WhatsAppLoginNeeded(self.channel, detail=exc.detail) from None
        except Rejected as exc:
            code, _subcode, message, details = graph_error(keep.response)
            if code in THROTTLE_CODES or code in AUTH_CODES or code in NUMBER_CODES:
                return self._refused(change.payload, exc, keep.response, change.op)
            return Outcome("failed", message=window.refused_message(change.payload, recipient(change.payload),
                                                                    details or message or exc.reason))
        return self._acknowledged(reply)

    def _refused(self, payload: dict[str, Any], exc: Rejected, response: httpx.Response | None,
                 op: str = OP) -> Outcome:
        code, subcode, message, details = graph_error(response)
        if code in THROTTLE_CODES:
            wait = transport.retry_after_seconds(response.headers.get("retry-after") if response is not None else None)
            if wait is None:
                wait = PAIR_LIMIT_S if code == 131056 else THROTTLE_WAIT_S
            raise Throttled(wait, detail=f"graph code {code}") from None
        if code is not None and (code in AUTH_CODES or 200 <= code <= 299):
            raise WhatsAppLoginNeeded(self.channel, detail=f"graph code {code}") from None
        if code == 33 or subcode == 33:
            raise WhatsAppNumberUnknown(self.channel, self.phone_number_id) from None
        if op == campaign.OP:
            return campaign.refused(payload, code, details or message or exc.reason)
        about_number = code in NUMBER_CODES or (code in PARAMETER_CODES and re.search(
            r"\b(to|phone|recipient|number)\b", f"{message} {details}", re.IGNORECASE) is not None)
        if about_number:
            return Outcome("failed", message=_(
                "WhatsApp cannot deliver to {number}: it is not a WhatsApp number. Order {po_no} was not sent; "
                "check the supplier's WhatsApp number and send the order yourself.").format(
                    number=recipient(payload), po_no=payload.get("po_no", "?")))
        reason = details or message or exc.reason
        return Outcome("failed", message=_("WhatsApp refused order {po_no} for {supplier}: {reason}").format(
            po_no=payload.get("po_no", "?"), supplier=recipient(payload), reason=reason))

    def read_back(self, change: Change) -> Outcome:
        """Asked only about a row whose fate is unknown (``reads_back`` is False): WhatsApp cannot say
        whether the message went out, so the seller must look; never ``not_applied``, which would resend."""
        if change.op == campaign.OP:
            return Outcome("failed", message=campaign.unconfirmed(change.payload))
        return Outcome("failed", message=unconfirmed_message(change.payload))

    def pull_orders(self, since: str, page_token: str | None) -> OrdersPage:
        return OrdersPage((), None)
