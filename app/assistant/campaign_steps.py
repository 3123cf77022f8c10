"""A planned campaign sent, or a running one stopped, from the chat (issue 15, sixth session).

- **send** ("campaign 3 chalu karo", "send the Diwali campaign", "अभियान 3 भेजो"): the campaign is approved as the
  Marketing page's *Approve / resume* does (``campaigns.set_status(..., "planned")``) and its next messages written
  by ``campaigns.send_campaign``, the one sending path the page, the CLI and the marketing agent use: consent in
  force, opt-outs, one message per customer per campaign and one campaign message a week stay the service's;
- **stop** ("stop campaign 3", "campaign 3 band karo"): paused as the page's *Pause* (``set_status(..., "paused")``).

The question shows who would be reached now, what the messages cost and what is left of the week's marketing budget;
a send that costs more than is left is refused (nothing is asked). Nothing is done without the seller's yes (never
alone, whatever ``assistant.autonomy`` says), the campaign is checked again at the yes, and a second yes sends
nothing more (the service never messages a customer twice for one campaign). Not undone from the chat: a message
sent cannot be taken back.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from app import config
from app.assistant.offers import Done, Offer
from app.assistant.operations import CAMPAIGN_STATE
from app.assistant.phrases import rupees, tr
from app.domain.campaigns import FESTIVAL_NAMES
from app.domain.clock import to_iso
from app.errors import InvalidState
from app.services import campaign_api_sends, campaigns
from app.services import settings as shop_settings
from app.services.context import Origin, ServiceContext
from app.store import campaigns as campaign_store
from app.store import segments

__all__ = ["KINDS", "STEPS", "carry_out", "offer"]

KINDS = frozenset({"campaign_send", "campaign_stop"})
STEPS = frozenset({"campaign_send", "campaign_stop"})
OPEN = ("planned", "running", "paused")


def _state(status: str, lang: str) -> str:
    return CAMPAIGN_STATE[status].text(lang) if status in CAMPAIGN_STATE else status


def _names(campaign: campaign_store.Campaign) -> str:
    """What a campaign is called by: its name, and its festival in English and Hindi ("दिवाली वाला अभियान")."""
    festival = FESTIVAL_NAMES.get(campaign.festival, (campaign.festival, "")) if campaign.festival else ("", "")
    return " ".join([campaign.name, campaign.festival, *festival]).lower()


def _find(ctx: ServiceContext, lang: str, said: str) -> campaign_store.Campaign | str:
    """The campaign named by number ("campaign 3") or by a word of its name or festival ("the Diwali campaign")."""
    db = ctx.store.db()
    if said.isdigit():
        found = campaign_store.get_campaign(db, int(said))
        return found if found is not None else tr("There is no campaign {id}.", "Campaign {id} nahi mila.").say(
            lang, id=said)
    words = [w for w in said.lower().split() if len(w) >= 3]
    matches = [c for c in campaign_store.campaigns(db, OPEN) if any(w in _names(c) for w in words)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        return tr("No open campaign is called \"{name}\". Say its number, for example: campaign 3 chalu karo.",
                  "\"{name}\" naam ka koi khula campaign nahi hai. Number batao, jaise: campaign 3 chalu karo.").say(
            lang, name=said)
    return tr("Which one: {ids}? Say its number, for example: campaign {first} chalu karo.",
              "Kaunsa: {ids}? Number batao, jaise: campaign {first} chalu karo.").say(
        lang, ids=", ".join(f"{c.id} ({c.name})" for c in matches), first=matches[0].id)


def _audience(ctx: ServiceContext, campaign: campaign_store.Campaign) -> int:
    """How many customers the next send can reach: the campaign's group with consent in force, less those it has
    messaged and those any campaign messaged this week (as ``send_campaign`` counts them; a few of them are kept
    back there on purpose to measure the campaign, so this is the most it writes)."""
    db = ctx.store.db()
    members = segments.members(db, campaign.segment, ctx.today(), arg=campaign.segment_arg,
                               lapsed_weeks=shop_settings.get(ctx.store, config.MARKETING_LAPSED_WEEKS),
                               rhythm=shop_settings.get(ctx.store, config.MARKETING_LAPSED_RHYTHM))
    skip = campaign_store.sent_customers(db, campaign.id) | campaign_store.messaged_since(
        db, to_iso(ctx.now() - timedelta(days=campaigns.FREQUENCY_DAYS)))
    return sum(1 for r in campaign_store.reachable(db, members) if r.customer_id not in skip)


def offer(ctx: ServiceContext, lang: str, slots: dict[str, Any]) -> Offer | str:
    """The question for sending or stopping a campaign; or a sentence saying why not."""
    found = _find(ctx, lang, str(slots["campaign"]))
    if isinstance(found, str):
        return found
    label = f"{found.id} ({found.name})"
    base = {"campaign_id": found.id, "status": found.status}
    if slots["step"] == "campaign_stop":
        if found.status not in ("planned", "running"):
            return tr("Campaign {campaign} is {status}; there is nothing to stop.",
                      "Campaign {campaign} abhi {status} hai; rokne ko kuch nahi.").say(
                lang, campaign=label, status=_state(found.status, lang))
        return Offer("campaign_stop", base, tr(
            "Stop campaign {campaign}? No more messages go out until you start it again.",
            "Campaign {campaign} rok doon? Jab tak phir chalu na karo, aur message nahi jayenge.").say(
            lang, campaign=label), tr("Stop campaign", "Campaign roko").text(lang))
    if found.status not in OPEN:
        return tr("Campaign {campaign} is {status}; it cannot be sent.",
                  "Campaign {campaign} {status} hai; ise bheja nahi ja sakta.").say(
            lang, campaign=label, status=_state(found.status, lang))
    reach = _audience(ctx, found)
    if not reach:
        return tr("Campaign {campaign} has nobody to message now: its customers with consent have had it, or a "
                  "campaign message this week.",
                  "Campaign {campaign} ke liye abhi koi grahak nahi: manzoori wale sab grahakon ko ye ya is hafte "
                  "koi campaign message mil chuka hai.").say(lang, campaign=label)
    via = campaign_api_sends.channel_for(ctx.store.db(), shop_settings.get(ctx.store, config.MARKETING_SEND_VIA))
    spend = reach * found.message_cost_paise if via == "whatsapp_api" else 0
    left = max(0, shop_settings.get(ctx.store, config.MARKETING_WEEKLY_BUDGET_PAISE) - campaigns.weekly_spend(ctx))
    if spend > left:  # safe by default: the chat never spends past the week's marketing budget
        return tr("Sending campaign {campaign} to {reach} customers would cost about {spend}, more than the {left} "
                  "left of this week's marketing budget, so nothing is sent. Raise the budget in Settings, or send it "
                  "from the Marketing page later.",
                  "Campaign {campaign} {reach} grahakon ko bhejne me lagbhag {spend} lagega, is hafte ke marketing "
                  "budget me bache {left} se zyada, isliye kuch nahi bheja. Settings me budget badhao, ya baad me "
                  "Marketing page se bhejo.").say(lang, campaign=label, reach=reach, spend=rupees(spend),
                                                   left=rupees(left))
    summary = tr("Send campaign {campaign} now? Up to {reach} customers with consent get its message.",
                 "Campaign {campaign} abhi bhejun? Manzoori wale {reach} tak grahakon ko iska message jayega.").say(
        lang, campaign=label, reach=reach)
    summary += " " + (tr("It costs about {spend}; {left} of this week's marketing budget is left.",
                         "Lagbhag {spend} lagega; is hafte ke marketing budget me {left} bache hai.").say(
        lang, spend=rupees(spend), left=rupees(left)) if spend else
        tr("The messages go from your own phone, free; {left} of this week's marketing budget is left.",
           "Message aapke phone se jayenge, muft; is hafte ke marketing budget me {left} bache hai.").say(
            lang, left=rupees(left)))
    if not found.approved or found.status == "paused":
        summary += " " + tr("Saying yes also approves it, as the Marketing page does.",
                            "Haan kehne se ye manzoor bhi ho jayega, jaise Marketing page par.").text(lang)
    return Offer("campaign_send", {**base, "reach": reach, "spend_paise": spend}, summary,
                 tr("Send campaign", "Campaign bhejo").text(lang))


def carry_out(ctx: ServiceContext, kind: str, params: dict[str, Any], lang: str, origin: Origin) -> Done:
    """Send or stop the campaign offered (the caller has the seller's yes)."""
    campaign_id = int(params["campaign_id"])
    current = campaign_store.get_campaign(ctx.store.db(), campaign_id)
    if current is None or current.status != params["status"]:
        raise InvalidState(tr("Campaign {id} changed since I asked; ask me again.",
                              "Campaign {id} tab se badal gaya; phir se kaho.").say(lang, id=campaign_id))
    if kind == "campaign_stop":
        campaigns.set_status(ctx, campaign_id, "paused", origin=origin)
        return Done(tr("Done: campaign {id} is paused; nothing more is sent. To start it again: campaign {id} chalu "
                       "karo.", "Ho gaya: campaign {id} ruk gaya; aur kuch nahi jayega. Phir chalu karne ke liye: "
                       "campaign {id} chalu karo.").say(lang, id=campaign_id), {"campaign_id": campaign_id},
                    undoable=False)
    if not current.approved or current.status == "paused":  # the page's Approve / resume, then its send
        campaigns.set_status(ctx, campaign_id, "planned", origin=origin)
    _changes, out = campaigns.send_campaign(ctx, campaign_id, origin=origin)
    after = campaign_store.get_campaign(ctx.store.db(), campaign_id)
    if after is not None and after.status == "paused":  # its price no longer holds: the service paused it
        return Done(tr("Campaign {id} was paused before sending: {reason}. Nothing was sent.",
                       "Campaign {id} bhejne se pehle ruk gaya: {reason}. Kuch nahi bheja.").say(
            lang, id=campaign_id, reason=after.status_reason), {"campaign_id": campaign_id, "messages": 0},
            undoable=False)
    return Done(tr("Done: campaign {id} is running; {n} messages are written for the shop's WhatsApp (its "
                   "reach shows on the Marketing page).", "Ho gaya: campaign {id} chal raha hai; dukaan ke WhatsApp "
                   "ke liye {n} message likhe gaye (iski pahunch Marketing page par dikhti hai).").say(
        lang, id=campaign_id, n=len(out)), {"campaign_id": campaign_id, "messages": len(out)}, undoable=False)
