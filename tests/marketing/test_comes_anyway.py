"""A group that comes anyway: once the customers a campaign to the regulars held back have bought its item as often
as the messaged did, a code said there is a visit the customer would have made, and the agent proposes no more
campaigns to that group, not even free ones (docs/marketing.md, "Twenty-fourth session")."""

from __future__ import annotations

from datetime import timedelta

from app.agents import marketing, marketing_decisions
from app.domain import campaigns as rules
from app.services import campaigns, consent, khata
from app.store import campaign_uplift, segments
from app.store import campaigns as store
from tests.marketing.conftest import bill


def regulars_who_buy_anyway(ctx, make_product) -> tuple[int, set[int], list[int]]:
    """30 consented regulars who buy salt every week; a free campaign offering salt went to them (a tenth held
    back), three of the messaged said its code, and four weeks later every one of them, messaged or held back,
    had bought salt again. Returns (campaign, held back, messaged)."""
    make_product("SALT1", name_en="Tata Salt 1 kg", name_hi="टाटा नमक 1 किलो", opening_stock_milli=1_000_000)
    people = []
    for k in range(30):
        customer = int(khata.create_customer(ctx, name=f"Customer {k}", phone=f"98765{k:05d}").id)
        for d in (3, 10, 17, 24, 31):
            bill(ctx, customer, days_ago=d)
        consent.grant(ctx, customer, method="counter")
        people.append(customer)
    campaign = int(campaigns.plan_campaign(ctx, sku="SALT1", segment="regulars", styles=("plain",), seed=1).id)
    campaigns.send_campaign(ctx, campaign, seed=1)
    db = ctx.store.db()
    held = campaign_uplift.held_out(db, campaign)
    messaged = sorted(store.sent_customers(db, campaign))
    assert held and len(messaged) == len(people) - len(held)
    code = store.variants(db, campaign)[0].code
    for week in range(1, 5):
        ctx.clock.advance(timedelta(days=7))
        for customer in people:  # their weekly salt, asked or not
            order = bill(ctx, customer)
            if week == 1 and customer in messaged[:3]:
                campaigns.redeem(ctx, code, int(order))  # three say the code on the visit they made anyway
    ctx.clock.advance(timedelta(days=2))
    return campaign, held, messaged


def test_an_idea_for_a_group_whose_held_back_buy_as_often_is_not_worth_even_free(ctx, make_product):
    _campaign, held, messaged = regulars_who_buy_anyway(ctx, make_product)
    db = ctx.store.db()
    measured = campaign_uplift.measured(db, ctx.now_iso(), "regulars")
    assert (measured.messaged, measured.messaged_hit, measured.held, measured.held_hit) == \
        (len(messaged), len(messaged), len(held), len(held))  # every one bought salt: uplift 0
    assert marketing_decisions.comes_anyway(measured)
    members = segments.members(db, "regulars", ctx.today())
    idea = marketing.CampaignProposal("SALT1", "regulars", "", ("plain",), len(members), "")
    # the three codes alone (on the prior) would make it pay at ₹0 a message, and the few held back weigh little
    alone = rules.worth(reach=idea.reach, cost_per_message_paise=0, messages=len(messaged), redemptions=3,
                        lapsed=False, unit_margin_paise=400, lapsed_value_paise=0, measured=measured)
    assert alone.pays
    worth = marketing_decisions.weigh(ctx, idea, members, 0)
    assert not worth.pays and worth.margin_paise == 0
    assert not marketing_decisions.weigh(ctx, idea, members, 102).pays


def test_the_lapsed_are_weighed_as_before(ctx, make_product):
    """Only a group that still comes: a lapsed customer's code is a visit won back, not one they would have made."""
    assert not marketing_decisions.comes_anyway(None)
    assert not marketing_decisions.comes_anyway(rules.Measured(20, 0, 0, 0))  # no one held back: nothing measured
    assert marketing_decisions.comes_anyway(rules.Measured(20, 10, 4, 2))
    assert not marketing_decisions.comes_anyway(rules.Measured(20, 11, 4, 2))


def test_the_agent_plans_no_more_campaigns_to_a_group_that_comes_anyway(ctx, make_product, monkeypatch):
    campaign, _held, _messaged = regulars_who_buy_anyway(ctx, make_product)
    campaigns.set_status(ctx, campaign, "done")  # the first campaign is over; a festival is near
    monkeypatch.setattr(marketing.rules, "next_festival", lambda today: ("diwali", today + timedelta(days=5)))
    ideas = marketing.propose(ctx)
    assert [(i.segment, i.sku) for i in ideas] == [("regulars", "SALT1")]  # the festival's best seller
    week = marketing.run_week(ctx, seed=3, chosen=True)
    assert week.started == [] and week.not_worth == 1
    assert not ctx.store.db().execute("SELECT 1 FROM campaign WHERE id != ?", (campaign,)).fetchall()
