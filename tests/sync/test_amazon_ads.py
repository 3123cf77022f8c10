"""An item's Amazon sponsored-products budget through the outbox, against the simulated Advertising API on
127.0.0.1: the campaign, its ad group and the item's product ad are made once (listed first, so a lost reply
makes nothing twice); a new budget updates the same campaign; stopping pauses it; the budget must fit in the
week's marketing budget, the item must be listed on Amazon, and an agent may set one only after the seller
has chosen the limits."""

from __future__ import annotations

import pytest

from app.agents import marketing
from app.errors import InvalidState
from app.services import ad_budgets
from app.services import settings as settings_service
from app.services.context import Origin
from app.sim.marketplace.amazon_ads import CLIENT_ID, PROFILE_ID, book
from app.store import ad_budgets as ad_store
from app.store import outbox
from app.sync import setup

AGENT = Origin(actor="agent:marketing", reason="a test")


@pytest.fixture
def ads(ctx, sim, credentials, connect, list_item):
    connect("amazon")
    list_item("ATTA5", "amazon_in", "amazon", name_en="Aashirvaad Atta 5 kg")
    setup.connect(ctx, channel="amazon_ads", adapter="amazon_ads", base_url=sim.url,
                  account={"profile_id": PROFILE_ID, "client_id": CLIENT_ID},
                  secrets={"refresh_token": "good-refresh", "client_secret": "cs"}, credentials=credentials)
    return book(sim.sim)


def drain(make_worker, rounds: int = 3) -> None:
    for _round in range(rounds):
        make_worker().drain(advance_clock=True)


def test_a_budget_makes_the_campaign_its_ad_group_and_product_ad_once(ctx, ads, make_worker):
    ad_budgets.set_budget(ctx, "ATTA5", 5_000)
    drain(make_worker)
    [campaign] = ads.campaigns
    assert campaign["budget"] == {"budgetType": "DAILY", "budget": 50.0} and campaign["targetingType"] == "AUTO"
    [group] = ads.ad_groups
    [product_ad] = ads.product_ads
    assert group["campaignId"] == product_ad["campaignId"] == campaign["campaignId"]
    assert product_ad["sku"] == "ATTA5"
    [budget] = ad_store.budgets(ctx.store.db())
    assert budget.remote_campaign_id == campaign["campaignId"] and budget.state == "running"
    ad_budgets.set_budget(ctx, "ATTA5", 7_000)  # a new budget (₹490 a week): the same campaign, changed
    ad_budgets.set_budget(ctx, "ATTA5", 0)  # then stopped: paused there
    drain(make_worker)
    assert len(ads.campaigns) == len(ads.ad_groups) == len(ads.product_ads) == 1
    assert ads.campaigns[0]["state"] == "PAUSED" and ads.campaigns[0]["budget"]["budget"] == 70.0
    assert ad_budgets.week_left(ctx) == 50_000  # a stopped budget holds nothing of the week


@pytest.mark.slow  # about 15 s each: the worker waits out the lost reply and the unknown row
@pytest.mark.parametrize("fault", ["applied_no_reply", "reset"])
def test_a_lost_reply_makes_nothing_twice(ctx, sim, ads, make_worker, fault):
    sim.sim.faults.add(fault, "amazon_ads.campaigns.create", nth=(1,))
    ad_budgets.set_budget(ctx, "ATTA5", 5_000)
    drain(make_worker, rounds=5)
    rows = [r for r in outbox.rows(ctx.store.db(), channel="amazon_ads")]
    assert [r.status for r in rows] in (["applied"], ["unknown"])
    if rows[0].status == "unknown":  # a command whose fate is unknown goes back to the seller: sent again once
        with ctx.store.write() as db:
            outbox.settle(db, rows[0].id, "pending", at=ctx.now_iso(), expect=("unknown",))
        drain(make_worker)
    assert len(ads.campaigns) == 1 and len(ads.ad_groups) == 1 and len(ads.product_ads) == 1


def test_the_budget_must_fit_the_week_and_is_held_against_the_messages(ctx, ads):
    settings_service.set_setting(ctx, "marketing.weekly_budget_paise", 50_000)
    with pytest.raises(InvalidState, match="more than is left of this week's marketing budget"):
        ad_budgets.set_budget(ctx, "ATTA5", 8_000)  # ₹560 a week against ₹500
    ad_budgets.set_budget(ctx, "ATTA5", 6_000)  # ₹420 a week
    assert ad_budgets.week_left(ctx) == 8_000
    run = marketing.run_week(ctx, chosen=True)
    assert run.budget_left_paise <= 8_000  # the messages get only what the ads leave


def test_only_a_listed_item_and_an_agent_only_after_the_limits(ctx, ads, make_product):
    make_product("LOOSE1")
    with pytest.raises(InvalidState, match="not listed on Amazon"):
        ad_budgets.set_budget(ctx, "LOOSE1", 1_000)
    with pytest.raises(InvalidState, match="only after you have chosen"):
        ad_budgets.set_budget(ctx, "ATTA5", 1_000, origin=AGENT)
    settings_service.set_setting(ctx, "agents.limits_chosen", True)
    ad_budgets.set_budget(ctx, "ATTA5", 1_000, origin=AGENT)
    assert [b.actor for b in ad_store.budgets(ctx.store.db())] == ["agent:marketing"]


def test_a_budget_below_the_marketplaces_minimum_fails_with_its_reason(ctx, ads, make_worker):
    ads.min_daily_rupees = 100.0
    ad_budgets.set_budget(ctx, "ATTA5", 5_000)
    drain(make_worker)
    [row] = outbox.rows(ctx.store.db(), channel="amazon_ads")
    assert row.status == "failed" and "Budget must be at least 100.00" in row.last_error and ads.campaigns == []


def test_without_amazon_ads_connected_nothing_is_queued(ctx, connect, list_item):
    connect("amazon")
    list_item("ATTA5", "amazon_in", "amazon")
    with pytest.raises(InvalidState, match="Amazon Ads is not connected"):
        ad_budgets.set_budget(ctx, "ATTA5", 1_000)
    assert outbox.rows(ctx.store.db(), channel="amazon_ads") == []
