"""Answers about the rest of the business: online orders waiting to ship, marketing campaigns, and the
compliance calendar (GST returns and, for an exporting shop, the LUT and IEC).

Each function only reads: orders through the order board of :mod:`app.services.order_flow`, campaigns
through :func:`app.services.campaigns.summaries`, due dates from the domain's GST calendar
(:mod:`app.domain.gst_calendar`, with this shop's scheme, QRMP choice and state). Replies come in the
language of the seller's message.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from app.assistant.phrases import channel_name, rupees, tr
from app.assistant.phrases import day as day_text
from app.assistant.reply import Answer, Table
from app.domain.clock import from_iso, local_date, shop_zone
from app.domain.gst_calendar import CalendarProfile, DueDate, due_dates
from app.services import campaigns as campaign_service
from app.services import gst_returns, order_flow
from app.services.context import ServiceContext
from app.store import shop as shop_store

WAITING = ("pending", "accepted", "packed")  # an order the seller still has to send
AHEAD_DAYS = 45  # how far the calendar answer looks
YEAR_END = "year_end"
STATE = {"pending": tr("new", "naya"), "accepted": tr("accepted", "accept kiya"), "packed": tr("packed", "pack hua")}
CAMPAIGN_STATE = {"planned": tr("planned", "taiyar"), "running": tr("running", "chal raha"),
                  "paused": tr("paused", "ruka hua"), "done": tr("finished", "khatam")}


# --- orders -------------------------------------------------------------------------------------
def orders_waiting(ctx: ServiceContext, lang: str) -> Answer | None:
    """The online orders still to be sent, with those due to ship by the end of today first; None when none wait."""
    zone = shop_zone(ctx.timezone)
    today = ctx.today()
    rows = [r for r in order_flow.board(ctx, limit=500) if r.status in WAITING]
    if not rows:
        return None

    def ship_day(row: order_flow.BoardRow) -> date:
        try:
            return local_date(from_iso(row.ship_by), zone)
        except ValueError:  # a marketplace's own date format: treat it as due now rather than hide it
            return today

    due = [r for r in rows if ship_day(r) <= today]
    late = [r for r in due if ship_day(r) < today]
    rows.sort(key=lambda r: r.ship_by)
    text = tr("{n} online orders wait to be sent; {due} must ship by today.",
              "{n} online order bhejne baki hai; {due} aaj tak bhejne hai.").say(lang, n=len(rows), due=len(due))
    if late:
        text += " " + tr("{late} are past their ship-by date.", "{late} ki ship-by tareekh nikal chuki hai.").say(
            lang, late=len(late))
    table = Table([tr("Order", "Order").text(lang), tr("Channel", "Channel").text(lang),
                   tr("Status", "Status").text(lang), tr("Ship by", "Ship by").text(lang),
                   tr("Amount", "Rakam").text(lang)],
                  [[r.remote_id, r.channel_name or channel_name(r.channel), STATE[r.status].text(lang),
                    day_text(ship_day(r), lang), rupees(r.total_paise)] for r in rows[:12]],
                  ["l", "l", "l", "l", "r"])
    return Answer(text, table=table)


# --- campaigns ----------------------------------------------------------------------------------
def campaigns_answer(ctx: ServiceContext, lang: str, slots: dict[str, Any]) -> tuple[str, Table] | None:
    """A sentence and a table on the marketing campaigns (running first), or None when the shop has none."""
    found = campaign_service.summaries(ctx, ("running", "paused", "planned", "done"))
    if slots.get("product"):
        found = [c for c in found if c.sku == slots["product"]]
    if not found:
        return None
    order = {"running": 0, "paused": 1, "planned": 2, "done": 3}
    found.sort(key=lambda c: (order.get(c.status, 4), -c.id))
    running = sum(c.status == "running" for c in found)
    reach = sum(c.reach for c in found)
    sales = sum(c.sales_paise for c in found)
    spend = sum(c.spend_paise for c in found)
    text = tr("{running} of {n} campaigns are running; they reached {reach} customers, brought {sales} of sales back "
              "to the counter and cost {spend}.",
              "{n} me se {running} campaign chal rahe hai; {reach} grahakon tak pahunche, counter par {sales} ki "
              "bikri laaye, kharcha {spend}.").say(lang, running=running, n=len(found), reach=reach,
                                                  sales=rupees(sales), spend=rupees(spend))
    table = Table([tr("Campaign", "Campaign").text(lang), tr("Status", "Status").text(lang),
                   tr("Reached", "Pahunche").text(lang), tr("Came back", "Wapas aaye").text(lang),
                   tr("Sales", "Bikri").text(lang), tr("Cost", "Kharcha").text(lang)],
                  [[c.name, CAMPAIGN_STATE[c.status].text(lang) if c.status in CAMPAIGN_STATE else c.status,
                    str(c.reach), str(c.redemptions), rupees(c.sales_paise), rupees(c.spend_paise)]
                   for c in found[:10]], ["l", "l", "r", "r", "r", "r"])
    return text, table


# --- compliance ---------------------------------------------------------------------------------
def calendar_profile(ctx: ServiceContext) -> CalendarProfile:
    """The shop's GST calendar: its scheme, QRMP choice, state and exports (unregistered when no profile)."""
    if shop_store.get_profile(ctx.store.db()) is None:
        return CalendarProfile(scheme="unregistered", quarterly=False, state_code="")
    return gst_returns.calendar_profile(ctx.store)


def coming_due(profile: CalendarProfile, today: date, days: int = AHEAD_DAYS) -> list[DueDate]:
    """The returns and renewals due from today to ``days`` ahead, and the financial year's end (31 March)."""
    out = list(due_dates(profile, today, today + timedelta(days=days)))
    year_end = date(today.year if today.month <= 3 else today.year + 1, 3, 31)
    if year_end <= today + timedelta(days=days):
        out.append(DueDate(YEAR_END, f"{year_end.year - 1}-{year_end.year % 100:02d}", year_end))
    return sorted(out, key=lambda d: d.due)


def compliance_due(ctx: ServiceContext, lang: str, slots: dict[str, Any]) -> Answer:
    today = ctx.today()
    profile = calendar_profile(ctx)
    dates = coming_due(profile, today)
    forms = [d for d in dates if d.form != YEAR_END]
    if profile.scheme == "unregistered" and not forms:
        text = tr("This shop is not registered for GST, so no GST returns are due.",
                  "Dukaan GST me registered nahi hai, isliye koi GST return nahi bharna.").text(lang)
        return Answer(text + _year_end_line(dates, today, lang))
    if not forms:
        return Answer(tr("No return falls due in the next {days} days.",
                         "Agle {days} din me koi return nahi bharna.").say(lang, days=AHEAD_DAYS)
                      + _year_end_line(dates, today, lang))
    first = forms[0]
    text = tr("Next: {form} for {period}, due on {day} ({n} days from today).",
              "Agla: {form} ({period}), {day} tak ({n} din baki).").say(
        lang, form=first.form, period=first.period, day=day_text(first.due, lang), n=(first.due - today).days)
    if profile.quarterly and profile.scheme == "regular":
        text += " " + tr("You file quarterly (QRMP): tax is paid monthly with PMT-06.",
                         "Aap quarterly (QRMP) bharte hai: tax har mahine PMT-06 se jama hota hai.").text(lang)
    optional = tr("optional", "zaroori nahi").text(lang)
    table = Table([tr("Return", "Return").text(lang), tr("Period", "Period").text(lang),
                   tr("Due on", "Kab tak").text(lang), tr("Days left", "Din baki").text(lang)],
                  [[d.form + (f" ({optional})" if d.optional else ""), d.period, day_text(d.due, lang),
                    str((d.due - today).days)] for d in forms[:8]], ["l", "l", "l", "r"])
    return Answer(text + _year_end_line(dates, today, lang), table=table)


def _year_end_line(dates: list[DueDate], today: date, lang: str) -> str:
    ends = [d for d in dates if d.form == YEAR_END]
    if not ends:
        return ""
    return " " + tr("The financial year ends on {day}: count the stock and close the books.",
                    "Financial year {day} ko khatam hota hai: stock gino aur hisaab band karo.").say(
        lang, day=day_text(ends[0].due, lang))
