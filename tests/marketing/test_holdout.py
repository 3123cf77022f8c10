"""Campaigns measured against the customers they hold back, and "lapsed" by each customer's own rhythm: a
code redeemed is not a sale won, so the agent weighs what the messaged did against what the held back did
unasked, and stops a campaign that brings nobody."""

from __future__ import annotations

from datetime import timedelta

from app.agents import marketing
from app.domain import campaigns as rules
from app.services import campaigns, consent, khata, sales
from app.services import settings as settings_service
from app.services.sales import PaymentIn, SaleLine
from app.store import campaign_uplift, segments
from app.store import campaigns as store
from tests.marketing.conftest import bill


def lapsed_crowd(ctx, make_product, n: int = 30) -> list[int]:
    """``n`` customers who came every 10 days for salt (₹28, cost ₹24) and ghee (₹600, cost ₹400) and stopped
    40 days ago, all agreed to offers."""
    make_product("SALT1", name_en="Tata Salt 1 kg", name_hi="टाटा नमक 1 किलो", opening_stock_milli=1_000_000)
    make_product("GHEE", name_en="Desi Ghee 1 L", price_paise=60_000, mrp_paise=65_000, cost_paise=40_000,
                 opening_stock_milli=1_000_000)
    people = []
    for k in range(n):
        customer = int(khata.create_customer(ctx, name=f"Customer {k}", phone=f"98765{k:05d}").id)
        for d in (40, 50, 60):
            bill(ctx, customer, days_ago=d)
            sales.record_sale(ctx, lines=[SaleLine(sku="GHEE", qty_milli=1000)],
                              payments=[PaymentIn(method="cash", amount_paise=60_000)], customer_id=customer,
                              at=ctx.now() - timedelta(days=d))
        consent.grant(ctx, customer, method="counter")
        people.append(customer)
    return people


def test_lapsed_means_overdue_by_the_customers_own_rhythm(ctx, make_product):
    make_product("SALT1")
    weekly = int(khata.create_customer(ctx, name="Weekly").id)
    slow = int(khata.create_customer(ctx, name="Slow").id)
    for d in (35, 42, 49):  # every week, not seen for five weeks: gone
        bill(ctx, weekly, days_ago=d)
    for d in (35, 55, 75):  # every twenty days, not seen for five weeks: a slow regular, not gone
        bill(ctx, slow, days_ago=d)
    db, today = ctx.store.db(), ctx.today()
    assert segments.members(db, "lapsed", today) == [weekly]
    assert segments.members(db, "lapsed", today, rhythm=0) == [weekly, slow]  # the weeks alone
    assert segments.members(db, "lapsed", today, arg="6") == []  # never before N weeks, whatever the rhythm
    settings_service.set_setting(ctx, "marketing.lapsed_rhythm", 0)
    planned = campaigns.plan_campaign(ctx, sku="SALT1", segment="lapsed", seed=1).id
    assert planned is not None


def test_one_in_ten_is_held_back_and_never_messaged_by_that_campaign(ctx, make_product):
    people = lapsed_crowd(ctx, make_product)
    campaign = int(campaigns.plan_campaign(ctx, sku="SALT1", segment="lapsed", seed=1).id)
    _changes, sent = campaigns.send_campaign(ctx, campaign, seed=1)
    db = ctx.store.db()
    held = campaign_uplift.held_out(db, campaign)
    expected = {c for c in people if rules.held_back(campaign, c, len(people))}
    assert held == expected and 0 < len(held) < len(people) // 4  # a hash, about one in ten
    assert {o.customer_id for o in sent} == set(people) - held  # everyone else, once
    assert not held & store.sent_customers(db, campaign)
    ctx.clock.advance(timedelta(days=8))  # a week later, nothing new: the held back stay held back
    _changes, again = campaigns.send_campaign(ctx, campaign, seed=1)
    assert again == [] and campaign_uplift.held_out(db, campaign) == held


def test_a_small_group_is_messaged_whole(ctx, make_product):
    people = lapsed_crowd(ctx, make_product, n=rules.HOLDOUT_MIN_GROUP - 1)
    campaign = int(campaigns.plan_campaign(ctx, sku="SALT1", segment="lapsed", seed=1).id)
    _changes, sent = campaigns.send_campaign(ctx, campaign, seed=1)
    assert len(sent) == len(people) and campaign_uplift.held_out(ctx.store.db(), campaign) == set()


def test_the_uplift_is_what_the_messaged_did_beyond_the_held_back(ctx, make_product):
    people = lapsed_crowd(ctx, make_product)
    campaign = int(campaigns.plan_campaign(ctx, sku="SALT1", segment="lapsed", seed=1).id)
    campaigns.send_campaign(ctx, campaign, seed=1)
    db = ctx.store.db()
    held = campaign_uplift.held_out(db, campaign)
    messaged = sorted(set(people) - held)
    ctx.clock.advance(timedelta(days=3))
    for customer in messaged[:6]:  # six of the messaged came back; one held back came by himself
        bill(ctx, customer)
    bill(ctx, sorted(held)[0])
    assert campaign_uplift.uplift(db, ctx.now_iso(), campaign_id=campaign).messaged == 0  # four weeks not over
    ctx.clock.advance(timedelta(days=26))
    measured = campaign_uplift.uplift(db, ctx.now_iso(), campaign_id=campaign)
    assert (measured.messaged, measured.messaged_came, measured.held, measured.held_came) == \
        (len(messaged), 6, len(held), 1)
    assert measured.messaged_bought == 6  # they bought the campaign's item (salt) too
    assert abs(measured.came_uplift() - (6 / len(messaged) - 1 / len(held))) < 1e-9
    assert campaign_uplift.uplift(db, ctx.now_iso(), segment="lapsed") == measured


def test_a_measured_uplift_below_zero_makes_an_idea_stop_paying():
    common = {"reach": 100, "cost_per_message_paise": 102, "messages": 200, "redemptions": 10, "lapsed": True,
              "unit_margin_paise": 0, "lapsed_value_paise": 20_000}
    assumed = rules.worth(**common)
    assert assumed.pays  # 5 % redeemed of ₹200 a return pays for ₹1.02 a message, even on the low side
    # 500 held back: 60 % of them came by themselves, 50 % of the 2,000 messaged: four standard errors below
    measured = rules.worth(**common, measured=rules.Measured(2000, 1000, 500, 300))
    assert not measured.pays and measured.margin_paise < assumed.margin_paise
    few = rules.worth(**common, measured=rules.Measured(45, 9, 5, 1))  # five held back weigh little
    assert few.pays and few.margin_paise < assumed.margin_paise


def test_an_idea_that_pays_only_on_hope_is_not_proposed():
    """With the prior alone (3 % of messages redeemed, worth 50 messages) the expected margin of ₹50 a customer
    won back covers a ₹1.02 message, but one standard deviation lower it does not: not sent on hope."""
    hope = rules.worth(reach=50, cost_per_message_paise=102, messages=0, redemptions=0, lapsed=True,
                       unit_margin_paise=0, lapsed_value_paise=5_000)
    assert hope.margin_paise >= hope.cost_paise  # what the old rule looked at
    assert not hope.pays and hope.sure_margin_paise < hope.cost_paise
    sure = rules.worth(reach=50, cost_per_message_paise=102, messages=0, redemptions=0, lapsed=True,
                       unit_margin_paise=0, lapsed_value_paise=30_000)
    assert sure.pays  # a customer won back worth ₹300 pays even on the low side


def test_messages_with_no_code_redeemed_stop_an_idea_before_the_hold_out_can_tell():
    """60 messages to the lapsed and not one code said at the counter: the redemption rate is then 1.4 % at
    most likely but could well be far less; ₹250 a customer won back no longer surely pays for ₹1.02."""
    first = rules.worth(reach=20, cost_per_message_paise=102, messages=0, redemptions=0, lapsed=True,
                        unit_margin_paise=0, lapsed_value_paise=25_000)
    assert first.pays
    silent = rules.worth(reach=20, cost_per_message_paise=102, messages=60, redemptions=0, lapsed=True,
                         unit_margin_paise=0, lapsed_value_paise=25_000)
    assert silent.margin_paise >= silent.cost_paise  # the expected margin alone would send it again
    assert not silent.pays
    answered = rules.worth(reach=20, cost_per_message_paise=102, messages=60, redemptions=3, lapsed=True,
                           unit_margin_paise=0, lapsed_value_paise=25_000)
    assert answered.pays  # three codes in 60: it goes on


def test_a_wide_hold_out_is_weighed_by_its_precision():
    """Uplift measured on a few held back is noisy: its variance, not a count, sets how much it moves the
    estimate; the same shares on many customers move it far more."""
    common = {"reach": 10, "cost_per_message_paise": 102, "messages": 100, "redemptions": 3, "lapsed": True,
              "unit_margin_paise": 0, "lapsed_value_paise": 20_000}
    base = rules.worth(**common)
    narrow = rules.worth(**common, measured=rules.Measured(40, 10, 4, 2))
    wide = rules.worth(**common, measured=rules.Measured(4000, 1000, 400, 200))
    assert base.margin_paise - narrow.margin_paise < base.margin_paise - wide.margin_paise
    assert wide.margin_paise < 0 and not wide.pays
    assert rules.Measured(3, 0, 2, 2).variance() > 0  # shares of 0 and 1 out of a few are not certain
    assert rules.Measured(3, 0, 0, 0).variance() == float("inf")  # no one held back: it measures nothing


def test_the_agent_stops_its_running_campaign_when_the_held_back_do_as_well(ctx, make_product):
    people = lapsed_crowd(ctx, make_product, n=60)
    settings_service.set_setting(ctx, "marketing.send_via", "whatsapp_api")
    settings_service.set_setting(ctx, "marketing.message_cost_paise", 88)
    settings_service.set_setting(ctx, "marketing.unproven_risk_paise", 1_000_000)  # the risk limit does not bind
    week = marketing.run_week(ctx, seed=1, chosen=True)
    assert len(week.started) == 1
    campaign = week.started[0]
    db = ctx.store.db()
    held = campaign_uplift.held_out(db, campaign)
    assert held and store.campaign_totals(db, campaign).messages == len(people) - len(held)
    # none of the messaged came back; every held-back customer came by himself within the four weeks
    ctx.clock.advance(timedelta(days=2))
    for customer in held:
        bill(ctx, customer)
    ctx.clock.advance(timedelta(days=29))
    late = int(khata.create_customer(ctx, name="Late", phone="9111111111").id)
    for d in (40, 50, 60):  # a newcomer to the group, whom the campaign would otherwise reach now
        bill(ctx, late, days_ago=d)
    consent.grant(ctx, late, method="counter")
    marketing.run_week(ctx, seed=2, chosen=True)
    finished = store.get_campaign(db, campaign)
    assert finished is not None and finished.status == "done" and "no longer pays" in finished.status_reason
    assert late not in store.sent_customers(db, campaign)


def test_variants_are_credited_with_the_customers_who_came_back_not_only_codes(ctx, make_product):
    people = lapsed_crowd(ctx, make_product)
    campaign = int(campaigns.plan_campaign(ctx, sku="SALT1", segment="lapsed", styles=("missed_you", "plain"),
                                           seed=1).id)
    _changes, sent = campaigns.send_campaign(ctx, campaign, seed=1)
    db = ctx.store.db()
    by_variant: dict[str, list[int]] = {}
    codes = {v.id: v.label for v in store.variants(db, campaign)}
    for variant_id, customer_id in db.execute("SELECT variant_id, customer_id FROM campaign_message"
                                              " WHERE campaign_id = ?", (campaign,)):
        by_variant.setdefault(codes[variant_id], []).append(customer_id)
    ctx.clock.advance(timedelta(days=3))
    for customer in by_variant["B"][:3]:  # three came back without saying the code
        bill(ctx, customer)
    assert campaign_uplift.variant_successes(db, campaign, ctx.now_iso(), lapsed=True) == {}  # not settled yet
    ctx.clock.advance(timedelta(days=26))
    worked = campaign_uplift.variant_successes(db, campaign, ctx.now_iso(), lapsed=True)
    b_id = next(k for k, v in codes.items() if v == "B")
    assert worked == {b_id: 3} and len(people) > len(sent)


def test_the_agent_stops_a_campaign_no_one_answered(ctx, make_product):
    """Nobody messaged or held back came in the four weeks and no code was redeemed: with ₹5 a message the
    first week surely paid for the customers it might win back, but not the next one: the campaign stops
    before reaching the group's newcomer (the rule before this session carried it on)."""
    people = lapsed_crowd(ctx, make_product, n=60)
    settings_service.set_setting(ctx, "marketing.send_via", "whatsapp_api")
    settings_service.set_setting(ctx, "marketing.message_cost_paise", 500)
    settings_service.set_setting(ctx, "marketing.unproven_risk_paise", 1_000_000)  # the risk limit does not bind
    week = marketing.run_week(ctx, seed=1, chosen=True)
    assert len(week.started) == 1
    campaign = week.started[0]
    db = ctx.store.db()
    assert store.campaign_totals(db, campaign).messages == len(people) - len(campaign_uplift.held_out(db, campaign))
    ctx.clock.advance(timedelta(days=31))
    late = int(khata.create_customer(ctx, name="Late", phone="9111111111").id)
    for d in (40, 50, 60):
        bill(ctx, late, days_ago=d)
    consent.grant(ctx, late, method="counter")
    marketing.run_week(ctx, seed=2, chosen=True)
    finished = store.get_campaign(db, campaign)
    assert finished is not None and finished.status == "done" and "no longer pays" in finished.status_reason
    assert late not in store.sent_customers(db, campaign)
