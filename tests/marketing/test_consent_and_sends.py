"""Consent decides who hears of a campaign; sends happen at most once; codes tie bills to variants."""

from __future__ import annotations

import pytest

from app.errors import InputError, InvalidState, NotFound
from app.services import campaigns, consent, khata
from app.store import campaigns as store
from app.store import segments
from tests.marketing.conftest import bill


def test_segments_from_the_shops_bills(ctx, shop):
    db, today = ctx.store.db(), ctx.today()
    assert segments.members(db, "regulars", today) == sorted([shop["Asha"], shop["Meena"]])
    assert segments.members(db, "lapsed", today) == [shop["Ravi"]]
    assert segments.members(db, "lapsed", today, arg="12") == []  # last visit 60 days ago: not 12 weeks
    assert segments.members(db, "khata_dues", today) == []


def test_nobody_is_messaged_without_consent(ctx, shop):
    campaign = campaigns.plan_campaign(ctx, sku="SALT1", segment="regulars", seed=1).id
    _, out = campaigns.send_campaign(ctx, campaign, seed=1)
    assert out == []  # Asha and Meena are regulars, neither agreed
    consent.grant(ctx, shop["Asha"], method="counter")
    _, out = campaigns.send_campaign(ctx, campaign, seed=1)
    assert [o.customer_id for o in out] == [shop["Asha"]]
    assert out[0].link.startswith("https://wa.me/919876543210?text=")
    # at most once: sending again reaches nobody new
    _, again = campaigns.send_campaign(ctx, campaign, seed=1)
    assert again == []
    assert store.campaign_totals(ctx.store.db(), campaign).messages == 1


def test_stop_reply_withdraws_consent_before_the_next_campaign(ctx, shop, clock):
    from datetime import timedelta

    consent.grant(ctx, shop["Ravi"], method="written", note="form at the counter")
    assert consent.stop_reply(ctx, "+91 98765 43211", "hi, what time do you open?").events == ()
    changes = consent.stop_reply(ctx, "+91 98765 43211", "बंद करो")
    assert len(changes.events) == 1
    log = store.consent_log(ctx.store.db(), shop["Ravi"])
    assert [(c.granted, c.method) for c in log] == [(1, "written"), (0, "stop_reply")]
    clock.set(clock.now() + timedelta(days=8))
    campaign = campaigns.plan_campaign(ctx, sku="SALT1", segment="lapsed", seed=2).id
    _, out = campaigns.send_campaign(ctx, campaign)
    assert out == []


def test_consent_is_for_the_number_it_was_given_on(ctx, shop):
    consent.grant(ctx, shop["Asha"], method="counter")
    khata.update_customer(ctx, shop["Asha"], phone="9123456780")  # a new number was never agreed for
    assert store.reachable(ctx.store.db()) == []
    consent.grant(ctx, shop["Asha"], method="counter")
    assert [r.phone for r in store.reachable(ctx.store.db())] == ["9123456780"]


def test_the_consent_log_cannot_be_rewritten(ctx, shop):
    consent.grant(ctx, shop["Asha"], method="counter")
    with pytest.raises(Exception, match="append-only"), ctx.store.write() as db:
        db.execute("UPDATE customer_consent SET granted = 0")


def test_hindi_customers_get_hindi_messages(ctx, shop):
    consent.grant(ctx, shop["Ravi"], method="counter")
    campaign = campaigns.plan_campaign(ctx, sku="SALT1", segment="lapsed", styles=("missed_you",), seed=3).id
    _, out = campaigns.send_campaign(ctx, campaign)
    assert out[0].language == "hi"
    assert out[0].text.startswith("रवि जी, Test Kirana में आपकी कमी खली!")
    assert "टाटा नमक 1 किलो अब सिर्फ़ ₹28 में (MRP ₹30)" in out[0].text
    assert "STOP" in out[0].text


def test_a_code_said_at_the_counter_ties_the_bill_to_its_variant(ctx, shop):
    consent.grant(ctx, shop["Asha"], method="counter")
    campaign = campaigns.plan_campaign(ctx, sku="SALT1", segment="regulars", seed=4).id
    _, out = campaigns.send_campaign(ctx, campaign, seed=4)
    code = next(v.code for v in store.variants(ctx.store.db(), campaign) if v.code in out[0].text)
    order = bill(ctx, shop["Asha"], qty=2)
    campaigns.redeem(ctx, code.lower(), order)
    totals = store.campaign_totals(ctx.store.db(), campaign)
    assert (totals.redemptions, totals.sales_paise) == (1, 5600)
    with pytest.raises(InvalidState):
        campaigns.redeem(ctx, code, order)
    with pytest.raises(NotFound):
        campaigns.redeem(ctx, "NOPE-9Z", order)
    summary = campaigns.summaries(ctx)[0]
    assert (summary.reach, summary.redemptions, summary.status) == (1, 1, "running")


def test_pause_stops_sending_and_approval_resumes(ctx, shop):
    consent.grant(ctx, shop["Asha"], method="counter")
    campaign = campaigns.plan_campaign(ctx, sku="SALT1", segment="regulars", seed=5).id
    campaigns.set_status(ctx, campaign, "paused")
    with pytest.raises(InvalidState):
        campaigns.send_campaign(ctx, campaign)
    campaigns.set_status(ctx, campaign, "planned")
    _, out = campaigns.send_campaign(ctx, campaign)
    assert len(out) == 1


def test_unknown_segment_is_refused(ctx, shop):
    with pytest.raises(InputError):
        campaigns.plan_campaign(ctx, sku="SALT1", segment="everyone_ever")


def test_khata_dues_high_value_new_and_category_fans(ctx, shop, make_product):
    from app.services import sales
    from app.services.sales import PaymentIn, SaleLine

    db, today = ctx.store.db(), ctx.today()
    sales.record_sale(ctx, lines=[SaleLine(sku="SALT1", qty_milli=10_000)],
                      payments=[PaymentIn(method="khata", amount_paise=28_000)], customer_id=shop["Ravi"])
    assert segments.members(db, "khata_dues", today) == [shop["Ravi"]]
    # Ravi's ₹280 today tops the last 90 days' spend (Asha and Meena spent ₹112 each); the top fifth is one
    assert segments.members(db, "high_value", today) == [shop["Ravi"]]
    assert segments.members(db, "new", today) == []  # everyone first came weeks ago
    newcomer = khata.create_customer(ctx, name="Nita", phone="9876543219").id
    bill(ctx, newcomer)
    assert segments.members(db, "new", today) == [newcomer]
    make_product("BISC1", name_en="Parle-G", category="biscuits")
    bill(ctx, shop["Meena"], sku="BISC1")
    assert segments.members(db, "category_fans", today, arg="biscuits") == [shop["Meena"]]
