"""Campaign messages on the WhatsApp Business Cloud API: an approved marketing template with parameters.

The op ``campaign.send`` (queued by ``services.campaigns.send_campaign`` when messages go by the API) carries
``to``, ``template``, ``language`` (``en`` or ``hi``), ``params`` (customer, item, price, code, shop),
``campaign`` and ``code``. A business may start a conversation outside the customer's 24-hour window only
with an approved template, so a campaign is never sent as free text. The shop registers the template in
WhatsApp Manager once (the wording is in docs/marketing.md); a template not approved (132001) or with the
wrong number of parameters (132000), a number not on WhatsApp (131026) and a customer who stopped the
shop's marketing messages on WhatsApp (131050) fail the message with a sentence the seller can act on
(the worker lists it as a failed send); throttling and login problems are handled as for purchase orders.
At most once: a message whose fate is unknown is never sent again (``WhatsAppAdapter.read_back``).
"""

from __future__ import annotations

from typing import Any

from app.i18n import _
from app.sync.marketplaces.base import Outcome

__all__ = ["OP", "TEMPLATE", "body", "refused", "unconfirmed", "validate"]

OP = "campaign.send"
TEMPLATE = "tavyonix_offer"
PARAMS = 5
OPTED_OUT = 131050
NOT_APPROVED = frozenset({132001, 132000, 132005, 132007, 132012, 132015, 132016})


def _who(payload: dict[str, Any]) -> str:
    from app.sync.marketplaces.whatsapp import recipient

    return recipient(payload)


def validate(payload: dict[str, Any]) -> str | None:
    from app.sync.marketplaces.whatsapp import e164

    if e164(payload.get("to")) is None:
        return _("'{number}' is not a phone number WhatsApp can send to; the offer {code} was not sent.").format(
            number=payload.get("to") or "", code=payload.get("code", "?"))
    params = payload.get("params")
    if not isinstance(params, list) or len(params) != PARAMS or not all(str(p).strip() for p in params):
        return _("The offer {code} is missing some of its words; it was not sent.").format(
            code=payload.get("code", "?"))
    return None


def body(payload: dict[str, Any]) -> dict[str, Any]:
    from app.sync.marketplaces.whatsapp import e164

    return {"messaging_product": "whatsapp", "to": e164(payload["to"]), "type": "template",
            "template": {"name": str(payload.get("template") or TEMPLATE),
                         "language": {"code": str(payload.get("language") or "en")},
                         "components": [{"type": "body", "parameters": [
                             {"type": "text", "text": str(p)} for p in payload["params"]]}]}}


def refused(payload: dict[str, Any], code: int | None, reason: str) -> Outcome:
    """What a refusal of a campaign message means to the seller (the channel-wide ones are handled before)."""
    who, code_said = _who(payload), payload.get("code", "?")
    if code in NOT_APPROVED:
        return Outcome("failed", message=_(
            "WhatsApp has not approved the message template '{template}' in {language}; the offer {code} to {who} "
            "was not sent. Submit the template in WhatsApp Manager, or share the offer as a link.").format(
                template=payload.get("template") or TEMPLATE, language=payload.get("language") or "en",
                code=code_said, who=who))
    if code == OPTED_OUT:
        return Outcome("failed", message=_(
            "{who} has stopped offers from the shop on WhatsApp; the offer {code} was not sent. Record that they "
            "asked to stop.").format(who=who, code=code_said))
    if code in (131026, 131021, 131030):
        return Outcome("failed", message=_(
            "WhatsApp cannot deliver to {who}: it is not a WhatsApp number. The offer {code} was not sent.").format(
                who=who, code=code_said))
    return Outcome("failed", message=_("WhatsApp refused the offer {code} to {who}: {reason}").format(
        code=code_said, who=who, reason=reason))


def unconfirmed(payload: dict[str, Any]) -> str:
    return _("Could not confirm that the offer {code} reached {who} on WhatsApp; it will not be sent again.").format(
        code=payload.get("code", "?"), who=_who(payload))
