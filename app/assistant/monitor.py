"""The assistant speaking first: a closing-time summary of the day, and alerts when something deviates.

:func:`alerts` looks for what a shopkeeper would want to hear about without asking: items that sell but
are out of stock, a day's sales well below what that weekday usually brings, updates that failed to reach
a marketplace, a GST return or the year-end close due within three days, requests waiting for approval, and
the agents' own warnings. :func:`tick` (run every few minutes by the scheduler) posts the day's summary once
after the shop's closing hour and each alert once, into the chat panel's conversation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from app import config, i18n
from app.assistant.operations import YEAR_END, calendar_profile, coming_due
from app.assistant.phrases import day as day_text
from app.assistant.phrases import percent, rupees, tr
from app.assistant.reply import Answer, Button, Table
from app.assistant.reports import col, item_name, qty
from app.domain.clock import local_date, shop_zone
from app.domain.gst_calendar import CalendarProfile
from app.services import settings as shop_settings
from app.services.context import ServiceContext
from app.store import alerts as alert_store
from app.store import catalog as catalog_store
from app.store import chat as history
from app.store import decisions as decision_store
from app.store import outbox, parties
from app.store import reports as reads
from app.store import stock as stock_store

WEEKDAYS = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "hinglish": ("Somvaar", "Mangalvaar", "Budhvaar", "Guruvaar", "Shukravaar", "Shanivaar", "Ravivaar"),
    "hi": ("सोमवार", "मंगलवार", "बुधवार", "गुरुवार", "शुक्रवार", "शनिवार", "रविवार"),
}
MAX_SEPARATE = 3  # more empty shelves than this make one alert, not a flood
LOW_SALES = 0.6  # a closing day below 60% of its weekday's average is worth a word
LATE_HOUR = 18  # ... judged from 6 pm on
DUE_SOON_DAYS = 3


@dataclass
class Alert:
    key: str
    severity: str  # info | warning | critical
    text: str
    buttons: list[Button] = field(default_factory=list)
    subjects: tuple[str, ...] = ()  # the items (or other things) it is about


def weekday_average(ctx: ServiceContext, day: date, weeks: int = 4) -> int:
    db = ctx.store.db()
    totals = [reads.sales_between(db, (day - timedelta(days=7 * k)).isoformat(),
                                  (day - timedelta(days=7 * k)).isoformat())[1] for k in range(1, weeks + 1)]
    seen = [t for t in totals if t > 0]
    return sum(seen) // len(seen) if seen else 0


def gst_due_dates(profile: CalendarProfile, today: date) -> list[tuple[str, date]]:
    """(return, due date) of what falls due soon for this shop, from the domain's GST calendar (its scheme, QRMP
    choice and state), and the financial year's end."""
    return [(d.form, d.due) for d in coming_due(profile, today, DUE_SOON_DAYS)]


def alerts(ctx: ServiceContext, lang: str, now: datetime | None = None) -> list[Alert]:
    now = now or ctx.now()
    zone = shop_zone(ctx.timezone)
    today = local_date(now, zone)
    db = ctx.store.db()
    found: list[Alert] = []
    empty = reads.sold_recently_out_of_stock(db, (today - timedelta(days=14)).isoformat(), limit=500)
    products = catalog_store.get_many(db, [sku for sku, _name in empty])
    # one alert per item and stockout (keyed by the item alone: it is said again only after the item was back
    # in stock, see tick); many at once make one alert naming the first few
    new = [sku for sku, _name in empty if not history.noticed(db, f"stockout:{sku}")]
    if len(new) <= MAX_SEPARATE:
        for sku in new:
            found.append(Alert(f"stockout:{sku}", "warning", tr(
                "{item} is out of stock, and it sold in the last two weeks.",
                "{item} khatam ho gaya hai, aur pichhle do hafte me bika tha.").say(
                lang, item=item_name(products[sku], lang)),
                [Button(id=f"ask:reorder {sku}", label=tr("Reorder", "Order karo").text(lang), kind="ask")],
                subjects=(sku,)))
    else:
        names = ", ".join(item_name(products[sku], lang) for sku in new[:MAX_SEPARATE])
        found.append(Alert(f"stockouts:{today}:{','.join(sorted(new))}"[:400], "warning", tr(
            "{n} items that sold in the last two weeks are out of stock: {items} and more.",
            "Pichhle do hafte me bike {n} item khatam hai: {items} aur baki.").say(lang, n=len(new), items=names),
            [Button(id="ask:reorder-low", label=tr("Reorder these", "Ye sab order karo").text(lang), kind="ask")],
            subjects=tuple(new)))
    if now.astimezone(zone).hour >= LATE_HOUR:
        average = weekday_average(ctx, today)
        _bills, total = reads.sales_between(db, today.isoformat(), today.isoformat())
        if average and total < LOW_SALES * average:
            found.append(Alert(f"sales_low:{today}", "warning", tr(
                "Sales today are {amount}, well below the {usual} this weekday usually brings.",
                "Aaj ki bikri {amount} hai, is din ki aam bikri {usual} se kaafi kam.").say(
                lang, amount=rupees(total), usual=rupees(average))))
    failed = outbox.failed_count(db)
    if failed:
        found.append(Alert(f"sync_failed:{today}", "critical", tr(
            "{n} updates could not reach the marketplaces.",
            "{n} update marketplace tak nahi pahunche.").say(lang, n=failed),
            [Button(id="ask:sync status", label=tr("See which", "Dekho kaunse").text(lang), kind="ask")]))
    for form, due in gst_due_dates(calendar_profile(ctx), today):
        if 0 <= (due - today).days <= DUE_SOON_DAYS:
            text = (tr("The financial year ends on {day}: count the stock and close the books.",
                       "Financial year {day} ko khatam hota hai: stock gino aur hisaab band karo.")
                    if form == YEAR_END else tr("{form} is due on {day}.", "{form} {day} tak bharna hai.")).say(
                lang, form=form, day=day_text(due, lang))
            found.append(Alert(f"due:{form}:{due}", "warning", text))
    pending = decision_store.approvals(db, status="pending", limit=50)
    if pending:
        found.append(Alert(f"approvals:{today}", "info", tr(
            "{n} requests from the agents wait for your answer.",
            "Agents ke {n} request aapke jawab ka intezaar kar rahe hai.").say(lang, n=len(pending)),
            [Button(id="ask:approvals", label=tr("Show", "Dikhao").text(lang), kind="ask")]))
    for alert in alert_store.open_alerts(db, limit=20):
        recent = alert.created_at[:10] >= (today - timedelta(days=1)).isoformat()
        if alert.severity in ("warning", "critical") and recent:
            found.append(Alert(f"agent_alert:{alert.id}", alert.severity, alert.text))
    return found


def daily_summary(ctx: ServiceContext, lang: str, day: date | None = None) -> Answer:
    db = ctx.store.db()
    day = day or ctx.today()
    bills, total = reads.sales_between(db, day.isoformat(), day.isoformat())
    week_ago = (day - timedelta(days=7)).isoformat()
    _b, last_week = reads.sales_between(db, week_ago, week_ago)
    parts = [tr("Today's close: {amount} from {bills} bills.", "Aaj ka hisaab: {amount}, {bills} bill.").say(
        lang, amount=rupees(total), bills=bills)]
    if last_week:
        change = (total - last_week) * 100 / last_week
        parts.append((tr("{pct} more than last {weekday}.", "Pichle {weekday} se {pct} zyada.") if change >= 0 else
                      tr("{pct} less than last {weekday}.", "Pichle {weekday} se {pct} kam.")).say(
            lang, pct=percent(abs(change)), weekday=WEEKDAYS.get(lang, WEEKDAYS["en"])[day.weekday()]))
    low = stock_store.low_stock_count(db)
    if low:
        parts.append(tr("{n} items are at their reorder level.", "{n} item reorder level par hai.").say(lang, n=low))
    owed = parties.khata_total(db)
    if owed:
        parts.append(tr("Customers owe {amount}.", "Grahakon par {amount} udhaar.").say(lang, amount=rupees(owed)))
    pending = decision_store.approvals(db, status="pending", limit=50)
    if pending:
        parts.append(tr("{n} requests wait for your approval.",
                        "{n} request manzoori ke liye baki.").say(lang, n=len(pending)))
    waiting, failed = outbox.waiting_count(db), outbox.failed_count(db)
    if failed:
        parts.append(tr("{n} updates failed to sync.", "{n} update sync nahi hue.").say(lang, n=failed))
    elif waiting:
        parts.append(tr("{n} updates wait to be sent.", "{n} update bhejne baki.").say(lang, n=waiting))
    top = reads.top_items(db, day.isoformat(), day.isoformat(), limit=3)
    table = None
    if top:
        products = catalog_store.get_many(db, [row[0] for row in top])
        table = Table(col(lang, "item", "sold", "amount"),
                      [[item_name(products[s], lang) if s in products else n,
                        qty(q, products[s].unit if s in products else "pcs", lang), rupees(a)] for s, n, q, a in top],
                      ["l", "r", "r"])
    buttons = [Button(id="ask:which items are running out", label=tr("What is running out", "Kya khatam ho raha"
                                                                    ).text(lang), kind="ask")]
    return Answer(" ".join(parts), buttons=buttons, table=table)


def chosen_language() -> str:
    """The language the seller chose for the app's screens ('en' or 'hi'): what the assistant speaks unasked."""
    return i18n.language() if i18n.language() in ("en", "hi") else "en"


def tick(assistant, now: datetime | None = None, *, conversation: str = "main", lang: str | None = None) -> list:
    """Post the closing summary (once a day, after the summary hour) and new alerts, each once, in the seller's
    chosen language (``lang``, else the screens' language); returns the replies."""
    ctx = assistant.ctx
    now = now or ctx.now()
    zone = shop_zone(ctx.timezone)
    today = local_date(now, zone)
    lang = lang or chosen_language()
    posted = []
    summary_hour = shop_settings.get(ctx.store, config.ASSISTANT_SUMMARY_HOUR)
    candidates: list[tuple[str, Answer, str, tuple[str, ...]]] = []
    if now.astimezone(zone).hour >= summary_hour:
        candidates.append((f"summary:{today}", daily_summary(ctx, lang, today), "daily_summary", ()))
    found = alerts(ctx, lang, now)
    for alert in found:
        candidates.append((alert.key, Answer(alert.text, buttons=alert.buttons), "alert", alert.subjects))
    out_now = {sku for alert in found for sku in alert.subjects}
    with ctx.store.write() as db:  # an item back on the shelf may be alerted again when it runs out next time
        history.forget_notices(db, "stockout:", keep={f"stockout:{sku}" for sku in out_now}
                               | {f"stockout:{sku}" for sku, _n in reads.sold_recently_out_of_stock(
                                   db, (today - timedelta(days=14)).isoformat(), limit=500)})
    for key, answer, intent, subjects in candidates:
        with ctx.store.write() as db:
            fresh = history.note(db, key, ctx.now_iso())
            for sku in subjects if key.startswith("stockouts:") else ():
                history.note(db, f"stockout:{sku}", ctx.now_iso())
        if fresh:
            posted.append(assistant.post(answer, conversation=conversation, lang=lang, intent=intent))
    return posted
