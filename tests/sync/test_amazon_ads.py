"""An item's Amazon sponsored-products budget through the outbox, against the simulated Advertising API on
127.0.0.1: the campaign, its ad group and the item's product ad are made once (listed first, so a lost reply
makes nothing twice); a new budget updates the same campaign; stopping pauses it; the budget must fit in the
week's marketing budget, the item must be listed on Amazon, and an agent may set one only after the seller
has chosen the limits."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.agents import ad_proposals, marketing
from app.agents.engine import DecisionEngine
from app.commands import marketing as marketing_command
from app.domain.clock import from_iso
from app.errors import InvalidState
from app.services import ad_budgets
from app.services import settings as settings_service
from app.services.context import Origin
from app.sim.marketplace.amazon_ads import CLIENT_ID, PROFILE_ID, book
from app.store import ad_budgets as ad_store
from app.store import channel_record, outbox
from app.store import decisions as decision_store
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


# --- the marketing agent's proposal (issue 18) --------------------------------------------------------------
def ads_approvals(ctx):
    return [a for a in decision_store.approvals(ctx.store.db()) if a.kind == "ad_budget"]


def test_before_the_limits_are_chosen_the_agents_ads_budget_waits_explained_and_approving_sets_it(ctx, ads):
    run = marketing.run_week(ctx, chosen=False)
    # messages by click-to-chat cost nothing: the ads are the only paid channel and get the week's ₹500
    assert run.channel_shares == {"amazon_ads": 50_000}
    assert run.ads is not None and run.ads.fate == "awaiting_approval"
    assert ad_store.budgets(ctx.store.db()) == []  # nothing set before the seller says so
    [approval] = ads_approvals(ctx)
    for fact in ("Sponsored ads for ATTA5 on Amazon: ₹71.00 a day", "Amazon sponsored ads: ₹0.00 spent in 12 weeks",
                 "not chosen yet"):
        assert fact in approval.summary, fact
    said = marketing_command._channel_lines(run)  # what `marketing run` prints after the week's figures
    assert "Amazon sponsored ads: Sponsored ads for ATTA5 on Amazon: ₹71.00 a day (waiting for your approval" in said
    assert marketing.run_week(ctx, chosen=False).ads is None  # not proposed again while it waits
    assert DecisionEngine(ctx).approve(approval.id) == "executed"
    [budget] = ad_store.budgets(ctx.store.db())
    assert (budget.sku, budget.daily_paise, budget.state, budget.actor) == ("ATTA5", 7_100, "running",
                                                                           "agent:marketing")


def test_within_the_chosen_limits_the_agent_sets_the_ads_budget_alone_and_leaves_it_while_it_holds(ctx, ads, clock):
    settings_service.set_setting(ctx, "agents.limits_chosen", True)
    run = marketing.run_week(ctx, chosen=True)
    assert run.ads is not None and run.ads.fate == "executed" and ads_approvals(ctx) == []
    [budget] = ad_store.budgets(ctx.store.db())
    assert budget.daily_paise == 7_100 and budget.actor == "agent:marketing"
    assert ad_budgets.week_left(ctx) == 50_000 - 7 * 7_100
    clock.advance(timedelta(days=7))
    assert marketing.run_week(ctx, chosen=True).ads is None  # the same share: nothing to change
    spent, _won = channel_record.ads_record(ctx.store.db(), "2000-01-01T00:00:00Z", ctx.now_iso())
    assert spent == 7 * 7_100  # a week of the daily budget, the most it can have spent


def test_an_ads_budget_over_the_ads_share_waits_for_the_seller(ctx, ads):
    settings_service.set_setting(ctx, "agents.limits_chosen", True)
    week = ad_proposals.ChannelWeek({"amazon_ads": 7_000}, (), ())
    with ctx.store.write() as db:  # a running budget of ₹50 a day; the share now asks for ₹10: a change
        ad_store.save(db, channel="amazon_ads", sku="ATTA5", remote_sku="ATTA5", daily_paise=5_000, state="running",
                      actor="seller", at=ctx.now_iso())
    proposal = ad_proposals.propose_ads(ctx, week, alone=None)
    assert proposal is not None and proposal.fate == "executed"
    assert ad_store.budgets(ctx.store.db())[0].daily_paise == 1_000
    stopped = ad_proposals.ChannelWeek({"amazon_ads": 0, "whatsapp_api": 50_000}, (), ("amazon_ads",))
    proposal = ad_proposals.propose_ads(ctx, stopped, alone=None)  # the ads lost: stopped, explained
    assert proposal is not None and proposal.fate == "executed" and "Stop the sponsored ads" in proposal.text
    assert ad_store.budgets(ctx.store.db())[0].state == "stopped"


def _pull_orders(ctx, make_worker, count: int) -> None:
    """Drain until ``count`` Amazon orders are in the shop (the worker may move the test clock over its waits;
    it is never put back, so the orders' pull cursor stays behind the clock)."""
    for _round in range(10):
        make_worker().drain(advance_clock=True)
        if ctx.store.db().execute("SELECT COUNT(*) FROM orders WHERE channel = 'amazon_in'").fetchone()[0] >= count:
            return


def test_the_ads_record_counts_the_items_amazon_orders_above_its_rate_before_the_ads(ctx, ads, sim, make_worker,
                                                                                     clock):
    drain(make_worker)  # the stock reaches Amazon first
    for _n in range(4):  # 4 orders before the ads
        assert sim.sim.place_order("amazon", "ATTA5", 1)
    _pull_orders(ctx, make_worker, 4)
    clock.advance(timedelta(days=20))
    ad_budgets.set_budget(ctx, "ATTA5", 5_000)
    start = ctx.now()
    for _n in range(3):  # 3 while the ads run
        assert sim.sim.place_order("amazon", "ATTA5", 1)
    _pull_orders(ctx, make_worker, 7)
    db = ctx.store.db()
    stamps = sorted(from_iso(r[0]) for r in db.execute("SELECT created_at FROM orders WHERE channel = 'amazon_in'"))
    assert len(stamps) == 7 and all(t < start for t in stamps[:4]) and all(t >= start for t in stamps[4:])
    # a week of ads, or up to the last order if the worker's clock ran past it
    clock.set(max(start + timedelta(days=7), stamps[-1] + timedelta(minutes=1)))
    days = (ctx.now() - start) / timedelta(days=1)
    before = sum(1 for t in stamps[:4] if t >= start - timedelta(days=channel_record.BEFORE_DAYS))
    spent, won = channel_record.ads_record(db, "2000-01-01T00:00:00Z", ctx.now_iso())
    assert before == 4 and spent == round(days * 5_000)
    assert won == pytest.approx(3 - 4 / 28 * days, abs=0.01)  # 3 orders against the rate of 4 in 28 days
