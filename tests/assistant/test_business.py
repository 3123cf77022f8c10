"""The chat on the rest of the business: online orders waiting to ship, campaigns, and compliance due dates
from the domain's GST calendar (QRMP included). Read-only, in the language of the message."""

from __future__ import annotations

import re
from datetime import timedelta

from app import config
from app.assistant import monitor
from app.assistant.operations import calendar_profile
from app.domain.gst_calendar import due_dates
from app.services import campaigns
from app.services import settings as shop_settings

from .shop import TODAY, at

DEVANAGARI = re.compile(r"[\u0900-\u097F]")


def _digest(shop) -> tuple:
    db = shop.store.db()
    return tuple(db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                 for t in ("orders", "payment", "khata_entry", "campaign", "purchase_order", "event"))


def test_orders_waiting_and_those_due_to_ship_today(shop):
    before = _digest(shop)
    reply = shop.assistant.ask("how many online orders are pending?")
    assert reply.intent == "order_status" and reply.slots == {}
    assert "1 online orders wait to be sent; 0 must ship by today." in reply.text
    assert reply.table.rows[0][0] == "AMZ-40211"
    assert "purchase orders are on their way" in reply.text  # the PO to Gupta Traders
    shop.clock.set(at(TODAY + timedelta(days=2), 10))  # Amazon's 48 hours run out today
    due = shop.assistant.ask("which orders must ship today")
    assert "1 must ship by today" in due.text and "past their ship-by date" not in due.text
    shop.clock.set(at(TODAY + timedelta(days=3), 10))
    late = shop.assistant.ask("आज कौन से ऑर्डर भेजने हैं")
    assert late.intent == "order_status" and late.lang == "hi" and DEVANAGARI.search(late.text)
    assert "AMZ-40211" in late.table.rows[0][0]
    assert _digest(shop) == before  # a question writes nothing (but the chat's own history)


def test_compliance_dates_come_from_the_gst_calendar_with_qrmp(shop):
    monthly = shop.assistant.ask("when is my next gst return due?")
    assert monthly.intent == "compliance_due"
    first = due_dates(calendar_profile(shop.ctx), TODAY, TODAY + timedelta(days=45))[0]
    assert (first.form, first.due.isoformat()) == ("GSTR-3B", "2026-10-20")
    assert "GSTR-3B" in monthly.text and "20 Oct" in monthly.text and "5 days" in monthly.text
    shop_settings.set_setting(shop.ctx, config.GST_QUARTERLY.key, True)
    quarterly = shop.assistant.ask("gst return kab tak bharna hai")
    assert quarterly.intent == "compliance_due" and quarterly.lang == "hinglish"
    # Maharashtra files its quarterly GSTR-3B by the 22nd; tax is paid monthly with PMT-06 in between
    assert "GSTR-3B" in quarterly.text and "22 Oct" in quarterly.text and "QRMP" in quarterly.text
    assert [row[0] for row in quarterly.table.rows][:3] == ["GSTR-3B", "IFF (zaroori nahi)", "PMT-06"]
    hindi = shop.assistant.ask("अगला रिटर्न कब भरना है")
    assert hindi.intent == "compliance_due" and DEVANAGARI.search(hindi.text) and "22 अक्टूबर" in hindi.text


def test_the_due_date_alert_follows_the_shops_scheme(shop):
    when = at(TODAY + timedelta(days=4), 10)  # 19 October
    keys = {a.key for a in monitor.alerts(shop.ctx, "en", when)}
    assert "due:GSTR-3B:2026-10-20" in keys
    shop_settings.set_setting(shop.ctx, config.GST_QUARTERLY.key, True)
    keys = {a.key for a in monitor.alerts(shop.ctx, "en", when)}
    assert "due:GSTR-3B:2026-10-22" in keys and "due:GSTR-3B:2026-10-20" not in keys


def test_campaigns_are_reported_beside_offers(shop):
    campaigns.plan_campaign(shop.ctx, sku="MAGGI70", segment="all", seed=1)
    before = _digest(shop)
    reply = shop.assistant.ask("how are my campaigns doing?")
    assert reply.intent == "campaign_report"
    assert "0 of 1 campaigns are running" in reply.text and "cost ₹0" in reply.text
    assert reply.table.rows[0][:2] == ["Maggi 2-Minute Noodles 70 g", "planned"]
    hinglish = shop.assistant.ask("campaign kaisa chal raha hai")
    assert hinglish.intent == "campaign_report" and "1 me se 0 campaign chal rahe hai" in hinglish.text
    assert _digest(shop) == before
