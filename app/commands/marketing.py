"""``marketing``: consent, customer groups, campaigns, counter codes and the marketing agent's week."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from app.commands.common import common_options, emit, rupees, session, table
from app.i18n import _, ngettext
from app.paths import DataDir

if TYPE_CHECKING:
    from app.agents.marketing import MarketingRun

__all__ = ["register"]


def register(sub: argparse._SubParsersAction) -> None:
    common = common_options()
    top = sub.add_parser("marketing", help="consent, customer groups and campaigns measured at the counter")
    msub = top.add_subparsers(dest="marketing_command", metavar="ACTION", required=True)

    p = msub.add_parser("consent", parents=[common], help="record that a customer agreed to offers on WhatsApp")
    p.add_argument("customer_id", type=int)
    p.add_argument("--phone", help="the number they agreed on (default: the customer's number)")
    p.add_argument("--how", choices=("counter", "written", "cli"), default="counter")
    p.add_argument("--note", default="")
    p.set_defaults(handler=cmd_consent)
    p = msub.add_parser("revoke", parents=[common], help="the customer wants no more offers")
    p.add_argument("customer_id", type=int)
    p.add_argument("--note", default="")
    p.set_defaults(handler=cmd_revoke)
    p = msub.add_parser("reply", parents=[common], help="a customer's reply: STOP (or बंद करो) opts them out")
    p.add_argument("phone")
    p.add_argument("text", nargs="?", default="STOP")
    p.set_defaults(handler=cmd_reply)
    p = msub.add_parser("consents", parents=[common], help="the consent log (who agreed, when, how, by whom)")
    p.add_argument("customer_id", type=int, nargs="?")
    p.set_defaults(handler=cmd_consents)
    p = msub.add_parser("segments", parents=[common], help="customer groups: how many, how many may be messaged")
    p.add_argument("--category", default="", help="for category_fans")
    p.set_defaults(handler=cmd_segments)
    p = msub.add_parser("plan", parents=[common], help="plan a campaign: plan SKU --segment lapsed")
    p.add_argument("sku")
    p.add_argument("--segment", required=True)
    p.add_argument("--arg", default="", help="the category (category_fans) or weeks (lapsed)")
    p.add_argument("--styles", default="plain,missed_you", help="variants: plain, festival, missed_you")
    p.add_argument("--name", default="")
    p.set_defaults(handler=cmd_plan)
    p = msub.add_parser("list", parents=[common], help="campaigns: reach, redemptions, spend, return")
    p.set_defaults(handler=cmd_list)
    for name, what in (("image", _("a square picture of the offer to share (PNG)")),
                       ("poster", _("the offer as an A4 poster for the shop (PDF)")),
                       ("talkers", _("eight shelf-talkers of the offer on an A4 sheet to cut out (PDF)"))):
        p = msub.add_parser(name, parents=[common], help=what)
        p.add_argument("campaign_id", type=int)
        p.add_argument("--out", required=True, help="the file to write")
        p.add_argument("--lang", choices=("en", "hi"), default="en", help="the language of the offer")
        p.add_argument("--photo", help="a photo of the item (PNG or JPEG)")
        p.add_argument("--variant", default="A", help="whose code it shows (A, B, ...)")
        p.set_defaults(handler=cmd_art, art=name)
    p = msub.add_parser("send", parents=[common], help="write a campaign's next messages as WhatsApp links")
    p.add_argument("campaign_id", type=int)
    p.add_argument("--limit", type=int, default=None)
    p.add_argument("--out", help="also write the messages and links to this text file")
    p.set_defaults(handler=cmd_send)
    for name, status, text in (("pause", "paused", "pause a campaign"), ("approve", "planned", "approve or resume"),
                               ("finish", "done", "mark a campaign done"), ("cancel", "cancelled", "cancel")):
        p = msub.add_parser(name, parents=[common], help=text)
        p.add_argument("campaign_id", type=int)
        p.set_defaults(handler=cmd_status, status=status)
    p = msub.add_parser("redeem", parents=[common], help="a customer said a campaign code on bill ORDER_ID")
    p.add_argument("code")
    p.add_argument("order_id", type=int)
    p.set_defaults(handler=cmd_redeem)
    p = msub.add_parser("post", parents=[common],
                        help="post a campaign's offer on the shop's Facebook page, Google profile or Instagram")
    p.add_argument("campaign_id", type=int)
    p.add_argument("--on", choices=("facebook", "google", "instagram"), default="facebook")
    p.add_argument("--picture", default=None, help="the offer's picture (marketing image); Instagram needs one")
    p.add_argument("--variant", default="A")
    p.add_argument("--lang", choices=("en", "hi"), default="en")
    p.set_defaults(handler=cmd_post)
    p = msub.add_parser("ads", parents=[common],
                        help="an item's daily budget for Amazon sponsored-products ads (no item: the budgets)")
    p.add_argument("sku", nargs="?")
    p.add_argument("--daily", default=None, help="rupees a day (0 or --stop: stop the ads)")
    p.add_argument("--stop", action="store_true")
    p.set_defaults(handler=cmd_ads)
    p = msub.add_parser("check", parents=[common], help="check every campaign against today's prices and offers")
    p.set_defaults(handler=cmd_check)
    p = msub.add_parser("todo", parents=[common],
                        help="the free campaigns whose messages you send yourself from the shop's WhatsApp")
    p.set_defaults(handler=cmd_todo)
    p = msub.add_parser("run", parents=[common], help="the marketing agent plans and sends this week's campaigns")
    p.set_defaults(handler=cmd_run)


def cmd_consent(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import consent

    with session(args, data) as s:
        consent.grant(s.ctx, args.customer_id, phone=args.phone, method=args.how, note=args.note)
    emit(args, {"customer_id": args.customer_id, "granted": True}, _("Consent recorded."))
    return 0


def cmd_revoke(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import consent

    with session(args, data) as s:
        consent.revoke(s.ctx, args.customer_id, method="cli", note=args.note)
    emit(args, {"customer_id": args.customer_id, "granted": False}, _("No more offers will go to this customer."))
    return 0


def cmd_reply(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import consent

    with session(args, data) as s:
        changes = consent.stop_reply(s.ctx, args.phone, args.text)
    stopped = len(changes.events)
    emit(args, {"opted_out": stopped}, _("Opted out: {count} customer(s).").format(count=stopped) if stopped
         else _("Not a request to stop; nothing changed."))
    return 0


def cmd_consents(args: argparse.Namespace, data: DataDir) -> int:
    from app.store import campaigns as store

    with session(args, data) as s:
        log = store.consent_log(s.store.db(), args.customer_id)
    rows = [[str(c.customer_id), c.phone, _("yes") if c.granted else _("no"), c.method, c.recorded_by, c.at]
            for c in log]
    emit(args, log, table(rows, [_("Customer"), _("Phone"), _("Agreed"), _("How"), _("By"), _("When")]))
    return 0


def cmd_segments(args: argparse.Namespace, data: DataDir) -> int:
    from app import config
    from app.services import settings as settings_service
    from app.store import campaigns as store
    from app.store import segments

    with session(args, data) as s:
        db, weeks = s.store.db(), settings_service.get(s.store, config.MARKETING_LAPSED_WEEKS)
        found = {}
        for name in segments.SEGMENTS:
            if name == "category_fans" and not args.category:
                continue
            members = segments.members(db, name, s.ctx.today(), arg=args.category, lapsed_weeks=weeks)
            found[name] = {"customers": len(members), "reachable": len(store.reachable(db, members))}
    rows = [[k, str(v["customers"]), str(v["reachable"])] for k, v in found.items()]
    emit(args, found, table(rows, [_("Group"), _("Customers"), _("May be messaged")]))
    return 0


def cmd_plan(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import campaigns

    styles = tuple(x.strip() for x in args.styles.split(",") if x.strip())
    with session(args, data) as s:
        changes = campaigns.plan_campaign(s.ctx, sku=args.sku, segment=args.segment, segment_arg=args.arg,
                                          styles=styles, name=args.name)
    emit(args, {"campaign_id": changes.id}, _("Campaign {id} planned.").format(id=changes.id))
    return 0


def cmd_list(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import campaigns

    with session(args, data) as s:
        found = campaigns.summaries(s.ctx)
    rows = [[str(c.id), c.name, c.segment, c.status, rupees(c.quoted_price_paise), str(c.reach), str(c.redemptions),
             rupees(c.sales_paise), rupees(c.spend_paise),
             "-" if c.return_per_rupee is None else f"{c.return_per_rupee:.1f}"] for c in found]
    emit(args, found, table(rows, ["#", _("Campaign"), _("Group"), _("Status"), _("Price"), _("Reach"),
                                   _("Redeemed"), _("Sales"), _("Spend"), _("Return per ₹")]))
    return 0


def cmd_send(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import campaigns
    from app.store import campaigns as store

    with session(args, data) as s:
        _changes, out = campaigns.send_campaign(s.ctx, args.campaign_id, limit=args.limit)
        campaign = store.get_campaign(s.store.db(), args.campaign_id)
    if campaign is not None and campaign.status == "paused":
        emit(args, {"campaign_id": args.campaign_id, "paused": campaign.status_reason, "messages": []},
             _("Campaign {id} is paused: {reason}").format(id=args.campaign_id, reason=campaign.status_reason))
        return 0
    lines = [f"{o.name} ({o.phone}): {o.text}\n{o.link}\n" for o in out]
    if args.out:
        Path(args.out).write_text("\n".join(lines), encoding="utf-8")
    emit(args, {"campaign_id": args.campaign_id, "messages": out},
         "\n".join(lines) + _("{count} messages ready to send from the shop's WhatsApp.").format(count=len(out)))
    return 0


def cmd_status(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import campaigns
    from app.store import campaigns as store

    with session(args, data) as s:
        campaigns.set_status(s.ctx, args.campaign_id, args.status)
        campaign = store.get_campaign(s.store.db(), args.campaign_id)
    status = campaign.status if campaign else args.status
    emit(args, {"campaign_id": args.campaign_id, "status": status},
         _("Campaign {id} is now {status}.").format(id=args.campaign_id, status=status))
    return 0


def cmd_post(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import campaign_posts

    with session(args, data) as s:
        campaign_posts.post_campaign(s.ctx, args.campaign_id, variant=args.variant, language=args.lang,
                                     channel=args.on, picture=args.picture)
    emit(args, {"campaign_id": args.campaign_id, "channel": args.on},
         _("The offer of campaign {id} will be posted on the Facebook page when the shop is online "
           "(sync status shows it).").format(id=args.campaign_id) if args.on == "facebook" else
         _("The offer of campaign {id} will be posted on the Facebook page with its picture, then on Instagram, "
           "when the shop is online (sync status shows it).").format(id=args.campaign_id)
         if args.on == "instagram" else
         _("The offer of campaign {id} will be posted on the shop's Google profile when the shop is online "
           "(sync status shows it).").format(id=args.campaign_id))
    return 0


def cmd_redeem(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import campaigns

    with session(args, data) as s:
        changes = campaigns.redeem(s.ctx, args.code, args.order_id)
    emit(args, {"campaign_id": changes.id, "order_id": args.order_id},
         _("Bill {order} counted for campaign {id}.").format(order=args.order_id, id=changes.id))
    return 0


def cmd_check(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import campaigns

    with session(args, data) as s:
        changes = campaigns.reconcile(s.ctx)
    reasons = [e.reason for e in changes.events]
    emit(args, {"changed": reasons}, "\n".join(reasons) or _("Every campaign quotes today's price."))
    return 0


def cmd_run(args: argparse.Namespace, data: DataDir) -> int:
    from app.agents import marketing

    with session(args, data) as s:
        _budget, why = marketing.granted_budget(s.ctx)
        result = marketing.run_week(s.ctx)
    emit(args, result, why + "\n" + _("{started} campaigns started, {messages} messages ready, {waiting} waiting "
                                      "for your approval (approvals list), {not_worth} ideas left out because "
                                      "their expected margin would not pay for the messages; {left} of the week's "
                                      "budget left.").format(
        started=len(result.started), messages=result.messages, waiting=len(result.waiting),
        not_worth=result.not_worth, left=rupees(result.budget_left_paise)) + _risk_line(result)
        + _hand_line(result) + _channel_lines(result))
    return 0


def _hand_line(result: MarketingRun) -> str:
    """The free campaigns the week planned for the seller to send from the shop's phone, when any."""
    if not result.by_hand:
        return ""
    ids = ", ".join(str(i) for i in result.by_hand)
    return "\n" + ngettext(
        "{n} free campaign ({ids}) for you to send yourself from the shop's WhatsApp: an idea its codes have not "
        "shown to pay yet goes out free first (marketing todo; marketing send ID --out FILE).",
        "{n} free campaigns ({ids}) for you to send yourself from the shop's WhatsApp: ideas its codes have not "
        "shown to pay yet go out free first (marketing todo; marketing send ID --out FILE).",
        len(result.by_hand)).format(n=len(result.by_hand), ids=ids)


def cmd_todo(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import campaigns

    with session(args, data) as s:
        found = campaigns.hand_todo(s.ctx)
    rows = [[str(c.id), c.name, c.segment, str(n)] for c, n in found]
    emit(args, [{"campaign_id": c.id, "name": c.name, "to_send": n} for c, n in found],
         (table(rows, ["#", _("Campaign"), _("Group"), _("To send")]) + "\n" + _(
             "Send them yourself from the shop's WhatsApp (free): marketing send ID --out FILE gives the links."))
         if rows else _("No messages wait for you to send."))
    return 0


def _risk_line(result: MarketingRun) -> str:
    """Why ideas were held back by the seller's risk limit, when any were."""
    if not result.over_risk:
        return ""
    return "\n" + ngettext(
        "{n} idea not sent: the agent has spent what you let it risk beyond the margin its codes brought back "
        "(marketing.unproven_risk_paise); it sends again when codes are said at the counter, or you plan the "
        "campaign yourself.",
        "{n} ideas not sent: the agent has spent what you let it risk beyond the margin its codes brought back "
        "(marketing.unproven_risk_paise); it sends again when codes are said at the counter, or you plan the "
        "campaign yourself.",
        result.over_risk).format(n=result.over_risk)


def _channel_lines(result: MarketingRun) -> str:
    """The week's budget between the paid channels and the agent's ads proposal, when the shop has any."""
    from app.agents.ad_proposals import channel_text

    lines = ""
    if len(result.channel_shares) > 1:
        lines += "\n" + _("This week's budget between the channels, by what each brought per rupee: {split}.").format(
            split=", ".join(f"{channel_text(c)} {rupees(p)}" for c, p in result.channel_shares.items()))
    if result.ads is not None:
        lines += "\n" + result.ads.explain()
    return lines


def cmd_art(args: argparse.Namespace, data: DataDir) -> int:
    from app.commands.marketing_art import write_art

    with session(args, data) as s:
        path = write_art(s, args.campaign_id, Path(args.out), kind=args.art, language=args.lang,
                         photo=Path(args.photo) if args.photo else None, variant=args.variant)
    emit(args, {"written": str(path)}, _("Written: {path}").format(path=path))
    return 0


def cmd_ads(args: argparse.Namespace, data: DataDir) -> int:
    from app.domain.money import parse_inr
    from app.errors import InputError
    from app.services import ad_budgets
    from app.store import ad_budgets as ad_store

    with session(args, data) as s:
        if args.sku:
            if args.daily is None and not args.stop:
                raise InputError(_("Say the daily budget (--daily RUPEES) or --stop."))
            daily = 0 if args.stop else parse_inr(args.daily)
            ad_budgets.set_budget(s.ctx, args.sku, daily)
        found = ad_store.budgets(s.store.db())
        left = ad_budgets.week_left(s.ctx)
    rows = [[b.sku, b.remote_sku, rupees(b.daily_paise), rupees(b.daily_paise * 7), b.state,
             b.remote_campaign_id or "-"] for b in found]
    emit(args, {"budgets": [b.__dict__ for b in found], "week_left_paise": left},
         table(rows, [_("Item"), _("Amazon SKU"), _("A day"), _("A week"), _("State"), _("Ads campaign")]) + "\n"
         + _("Left of this week's marketing budget: {left}").format(left=rupees(left)))
    return 0
