"""The free channel first (``marketing.free_first``, on by default): the first campaign of an idea the agent's
codes have not shown to pay goes out as click-to-chat messages the seller sends from the shop's own WhatsApp
(free); paid WhatsApp API messages only once codes said at the counter have brought back more margin than the
agent's paid messages cost, within the seller's risk limit (docs/marketing.md, "Ninth session"). Each agent
test here fails on the session-8 agent, which left such an idea out (``over_risk``) at the default ₹0 risk."""

from __future__ import annotations

from datetime import timedelta

from app.agents import marketing
from app.services import campaigns, consent, khata, sales
from app.services import settings as settings_service
from app.services.sales import PaymentIn, SaleLine
from app.store import campaigns as store
from app.store import marketing_reads as reads
from tests.marketing.test_holdout import lapsed_crowd
from tests.marketing.test_risk_limit import ghee_bill


def by_api(ctx) -> None:
    """A shop with the WhatsApp Business API connected and the defaults otherwise: risk ₹0, free first."""
    settings_service.set_setting(ctx, "marketing.send_via", "whatsapp_api")
    settings_service.set_setting(ctx, "marketing.message_cost_paise", 88)


def test_an_unproven_idea_goes_to_the_sellers_phone_not_the_paid_api(ctx, make_product):
    people = lapsed_crowd(ctx, make_product, n=60)
    by_api(ctx)
    week = marketing.run_week(ctx, seed=1, chosen=True)
    assert week.over_risk == 0 and week.messages == 0 and len(week.by_hand) == 1 and week.started == week.by_hand
    campaign = store.get_campaign(ctx.store.db(), week.by_hand[0])
    assert campaign is not None and campaign.channel == campaigns.HAND and campaign.status == "planned"
    # nothing paid, nothing written as sent
    assert reads.creator_record(ctx.store.db(), marketing.ACTOR, ctx.now_iso()) == (0, 0)
    todo = campaigns.hand_todo(ctx)
    assert [(c.id, n) for c, n in todo] == [(campaign.id, campaigns.to_send(ctx, campaign.id))]
    assert len(people) * 3 // 4 <= todo[0][1] < len(people)  # one in ten held back
    (reasoning,) = ctx.store.db().execute("SELECT reasoning_json FROM agent_decision WHERE decision_type = 'campaign'"
                                          ).fetchone()
    assert "send these" in reasoning and "Paid messages only once codes" in reasoning


def test_the_seller_sends_them_from_the_shops_phone_for_nothing(ctx, make_product):
    lapsed_crowd(ctx, make_product, n=60)
    by_api(ctx)
    campaign_id = marketing.run_week(ctx, seed=1, chosen=True).by_hand[0]
    waiting = campaigns.to_send(ctx, campaign_id)
    _changes, first = campaigns.send_campaign(ctx, campaign_id, limit=20)
    assert len(first) == 20 and campaigns.to_send(ctx, campaign_id) == waiting - 20
    _changes, rest = campaigns.send_campaign(ctx, campaign_id)
    assert len(rest) == waiting - 20 and campaigns.to_send(ctx, campaign_id) == 0 and campaigns.hand_todo(ctx) == []
    assert all(o.link.startswith("https://wa.me/") for o in first + rest)
    db = ctx.store.db()
    assert db.execute("SELECT DISTINCT via, cost_paise FROM campaign_message").fetchall() == [("click_to_chat", 0)]
    assert db.execute("SELECT COUNT(*) FROM outbox").fetchone()[0] == 0  # nothing queued for the paid API


def test_codes_from_the_free_messages_open_the_paid_channel(ctx, make_product):
    """Two customers said their code on a ghee bill (₹171 of margin each): once the free campaign is over, the
    same idea goes out by the API (₹0.88 a message), paid for by the margin the codes brought back."""
    lapsed_crowd(ctx, make_product, n=60)
    by_api(ctx)
    campaign_id = marketing.run_week(ctx, seed=1, chosen=True).by_hand[0]
    _changes, sent = campaigns.send_campaign(ctx, campaign_id)
    ctx.clock.advance(timedelta(days=2))
    for out in sent[:2]:
        code = ctx.store.db().execute("SELECT v.code FROM campaign_message m JOIN campaign_variant v"
                                      " ON v.id = m.variant_id WHERE m.customer_id = ?", (out.customer_id,)
                                      ).fetchone()[0]
        campaigns.redeem(ctx, code, ghee_bill(ctx, out.customer_id))
    campaigns.set_status(ctx, campaign_id, "done")
    ctx.clock.advance(timedelta(days=6))
    week = marketing.run_week(ctx, seed=2, chosen=True)
    assert week.by_hand == [] and len(week.started) == 1 and week.messages > 0
    spent, back = reads.creator_record(ctx.store.db(), marketing.ACTOR, ctx.now_iso())
    assert 0 < spent == week.messages * 88 <= back
    paid = store.get_campaign(ctx.store.db(), week.started[0])
    assert paid is not None and paid.channel == "whatsapp_api"


def test_the_agent_never_sends_its_free_campaign_itself_and_drops_it_unsent(ctx, make_product):
    """The week after, the agent does not write the free campaign's messages as sent (the seller has not taken
    them); after two weeks unsent it is cancelled, so that the idea can come back."""
    lapsed_crowd(ctx, make_product, n=60)
    by_api(ctx)
    campaign_id = marketing.run_week(ctx, seed=1, chosen=True).by_hand[0]
    ctx.clock.advance(timedelta(days=7))
    week = marketing.run_week(ctx, seed=2, chosen=True)
    assert week.messages == 0 and week.by_hand == []  # the idea is busy: its free campaign waits for the seller
    assert store.campaign_totals(ctx.store.db(), campaign_id).messages == 0
    ctx.clock.advance(timedelta(days=8))
    marketing.run_week(ctx, seed=3, chosen=True)
    dropped = store.get_campaign(ctx.store.db(), campaign_id)
    assert dropped is not None and dropped.status == "cancelled"


def test_switched_off_the_idea_is_left_out_as_before(ctx, make_product):
    lapsed_crowd(ctx, make_product, n=60)
    by_api(ctx)
    settings_service.set_setting(ctx, "marketing.free_first", False)
    week = marketing.run_week(ctx, seed=1, chosen=True)
    assert week.over_risk == 1 and week.by_hand == [] and store.campaigns(ctx.store.db()) == []


def test_the_sellers_click_to_chat_override_keeps_every_campaign_free(ctx, make_product):
    """``marketing.send_via`` stays the seller's word: ``click_to_chat`` sends nothing by the paid API, even a
    campaign the agent planned for the API."""
    lapsed_crowd(ctx, make_product, n=60)
    by_api(ctx)
    planned = int(campaigns.plan_campaign(ctx, sku="GHEE", segment="lapsed", channel="whatsapp_api").id)
    settings_service.set_setting(ctx, "marketing.send_via", "click_to_chat")
    _changes, sent = campaigns.send_campaign(ctx, planned)
    assert sent and ctx.store.db().execute("SELECT DISTINCT via, cost_paise FROM campaign_message").fetchall() == [
        ("click_to_chat", 0)]


def test_a_free_idea_is_weighed_at_what_it_costs_not_the_paid_price(ctx, make_product):
    """A new salt (₹4 of margin) to the 30 customers who buy from its category: half a salt's margin at 3 % of
    messages cannot pay for API messages at ₹0.88, but sent free from the shop's phone it costs nothing and is
    expected to bring a little: planned for the seller to send. The session-11 agent weighed the free campaign
    at the paid price and left the idea out (``not_worth``), so this fails on it (docs/marketing.md, "Twelfth
    session")."""
    salt_fans(ctx, make_product)
    by_api(ctx)
    week = marketing.run_week(ctx, seed=1, chosen=True)
    assert week.not_worth == 0 and len(week.by_hand) == 1 and week.messages == 0
    campaign = store.get_campaign(ctx.store.db(), week.by_hand[0])
    assert campaign is not None and campaign.channel == campaigns.HAND and campaign.segment == "category_fans"
    expected = ctx.store.db().execute("SELECT expected_json FROM agent_decision WHERE decision_type = 'campaign'"
                                      ).fetchone()[0]
    assert '"cost_paise": 0' in expected
    # the paid price is still what a paid campaign of the same idea is weighed at: it would not pay
    settings_service.set_setting(ctx, "marketing.free_first", False)
    settings_service.set_setting(ctx, "marketing.unproven_risk_paise", 100_000)
    campaigns.set_status(ctx, campaign.id, "cancelled")
    assert marketing.run_week(ctx, seed=2, chosen=True).not_worth == 1


def salt_fans(ctx, make_product) -> None:
    """A new salt (₹4 of margin) and 30 consenting customers who buy from its category."""
    make_product("SALT1", category="staples", opening_stock_milli=1_000_000)
    make_product("SALT2", name_en="Rock Salt 1 kg", category="staples", opening_stock_milli=1_000_000)
    for k in range(30):
        customer = int(khata.create_customer(ctx, name=f"Fan {k}", phone=f"98711{k:05d}").id)
        for d in (5, 20):
            sales.record_sale(ctx, lines=[SaleLine(sku="SALT1", qty_milli=1000)],
                              payments=[PaymentIn(method="cash", amount_paise=2_800)], customer_id=customer,
                              at=ctx.now() - timedelta(days=d))
        consent.grant(ctx, customer, method="counter")


def test_an_idea_the_allowance_could_pay_for_but_that_does_not_pay_goes_free(ctx, make_product):
    """The same salt with the seller's risk allowance large enough for its 30 API messages: weighed at the paid
    price it does not pay, and at ₹0 it does, so it goes out free from the shop's phone. The session-20 agent
    weighed it for the API only and left it out (``not_worth``): the few customers newly lapsed each week, whom
    the allowance always covers, were never written to again once their first messages brought no code
    (docs/marketing.md, "Twenty-first session")."""
    salt_fans(ctx, make_product)
    by_api(ctx)
    settings_service.set_setting(ctx, "marketing.unproven_risk_paise", 100_000)
    week = marketing.run_week(ctx, seed=1, chosen=True)
    assert week.not_worth == 0 and len(week.by_hand) == 1 and week.messages == 0
    campaign = store.get_campaign(ctx.store.db(), week.by_hand[0])
    assert campaign is not None and campaign.channel == campaigns.HAND and campaign.segment == "category_fans"
    assert reads.creator_record(ctx.store.db(), marketing.ACTOR, ctx.now_iso()) == (0, 0)  # nothing paid
