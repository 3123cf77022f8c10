"""Each message must pay for itself: a "we missed you" goes to the lapsed customers whose own visits, if won
back, pay for their message on the low side of what the shop knows, not to everyone because the group's
average pays (session 7; docs/marketing.md, "Seventh session")."""

from __future__ import annotations

import json
from datetime import timedelta

from app.agents import marketing
from app.domain import campaigns as rules
from app.services import consent, khata, sales
from app.services import settings as settings_service
from app.services.sales import PaymentIn, SaleLine
from app.store import campaign_uplift
from app.store import campaigns as store
from tests.marketing.conftest import bill
from tests.marketing.test_holdout import lapsed_crowd


def seldom_crowd(ctx, n: int, start: int = 0) -> list[int]:
    """``n`` customers who came twice, ten days apart, for one packet of salt (about ₹2.67 of margin a visit)
    and stopped 70 days ago, all agreed to offers: won back, they bring about ₹15 in eight weeks."""
    people = []
    for k in range(start, start + n):
        customer = int(khata.create_customer(ctx, name=f"Seldom {k}", phone=f"97654{k:05d}").id)
        for d in (70, 80):
            bill(ctx, customer, days_ago=d)
        consent.grant(ctx, customer, method="counter")
        people.append(customer)
    return people


def paid_channel(ctx) -> None:
    settings_service.set_setting(ctx, "marketing.send_via", "whatsapp_api")
    settings_service.set_setting(ctx, "marketing.message_cost_paise", 102)


def test_a_customer_pays_for_their_message_by_their_own_value():
    """The group's low-side share of messages that bring someone back, times the customer's own value."""
    worth = rules.worth(reach=40, cost_per_message_paise=102, messages=0, redemptions=0, lapsed=True,
                        unit_margin_paise=0, lapsed_value_paise=30_000)
    assert worth.pays  # on the group's average
    assert worth.pays_for(60_000) and not worth.pays_for(5_000)
    threshold = worth.cost_paise / worth.reach / (worth.sure_margin_paise / worth.reach / 30_000)
    assert worth.pays_for(threshold * 1.01) and not worth.pays_for(threshold * 0.99)
    free = rules.worth(reach=40, cost_per_message_paise=0, messages=0, redemptions=0, lapsed=True,
                       unit_margin_paise=0, lapsed_value_paise=30_000)
    assert free.pays_for(100)  # a link from the shop's phone costs nothing
    silent = rules.worth(reach=40, cost_per_message_paise=102, messages=2_000, redemptions=0, lapsed=True,
                         unit_margin_paise=0, lapsed_value_paise=30_000)
    assert not silent.pays_for(300_000)  # 2,000 messages and no code: even ₹3,000 won back no longer pays
    assert rules.customer_value(6, 20, 6_000) == 1_000 * 14  # every 4 days: 14 visits in eight weeks
    assert rules.visit_value([(6, 20, 6_000), (2, 10, 500)]) == round((14_000 + 250 * 5.6) / 2)


def test_the_group_average_no_longer_carries_the_customers_who_cannot_pay(ctx, make_product):
    """30 lapsed customers who bought ghee every few days and 20 who came twice for salt: the group's
    average pays, and the old rule wrote to all 50; the salt customers' own return (₹15) cannot pay ₹1.02 a
    message at the low side, so they are left out and the ghee customers are written to."""
    rich = lapsed_crowd(ctx, make_product, n=30)
    seldom = seldom_crowd(ctx, 20)
    paid_channel(ctx)
    week = marketing.run_week(ctx, seed=1, chosen=True)
    assert len(week.started) == 1
    campaign = week.started[0]
    db = ctx.store.db()
    sent = store.sent_customers(db, campaign)
    held = campaign_uplift.held_out(db, campaign)
    assert sent and not sent & set(seldom) and not held & set(seldom)
    assert sent | held == set(rich)
    # the decision names who it writes to, so that approving it later writes to the same customers
    actions = json.loads(db.execute("SELECT actions_json FROM agent_decision WHERE decision_type = 'campaign'")
                         .fetchone()[0])
    assert sorted(actions[0]["params"]["customers"]) == sorted(rich)


def test_a_few_customers_worth_writing_to_are_not_lost_in_a_group_that_cannot_pay(ctx, make_product):
    """Three ghee customers among 40 who came twice for salt: the group's average (about ₹80 won back) cannot
    pay, and the old rule proposed nothing; the three pay for their own messages and are written to."""
    rich = lapsed_crowd(ctx, make_product, n=3)
    seldom_crowd(ctx, 40)
    paid_channel(ctx)
    week = marketing.run_week(ctx, seed=1, chosen=True)
    assert len(week.started) == 1
    db = ctx.store.db()
    reached = store.sent_customers(db, week.started[0]) | campaign_uplift.held_out(db, week.started[0])
    assert reached == set(rich) and store.sent_customers(db, week.started[0])


def test_a_running_campaign_reaches_only_the_newcomers_who_pay_for_their_message(ctx, make_product):
    lapsed_crowd(ctx, make_product, n=12)
    paid_channel(ctx)
    campaign = marketing.run_week(ctx, seed=1, chosen=True).started[0]
    ctx.clock.advance(timedelta(days=7))
    rich = int(khata.create_customer(ctx, name="Rich newcomer", phone="9111111111").id)
    for d in (40, 44, 48):
        sales.record_sale(ctx, lines=[SaleLine(sku="GHEE", qty_milli=1000)], customer_id=rich,
                          payments=[PaymentIn(method="cash", amount_paise=60_000)], at=ctx.now() - timedelta(days=d))
    consent.grant(ctx, rich, method="counter")
    poor = seldom_crowd(ctx, 1, start=90)[0]
    marketing.run_week(ctx, seed=2, chosen=True)
    db = ctx.store.db()
    reached = store.sent_customers(db, campaign) | campaign_uplift.held_out(db, campaign)
    assert rich in reached and poor not in reached
    running = store.get_campaign(db, campaign)
    assert running is not None and running.status == "running"
