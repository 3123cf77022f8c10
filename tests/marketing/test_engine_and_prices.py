"""The marketing agent on the engine's scheduler, its budget granted from the seller's goals, and campaigns
brought in line the moment a price changes or an offer ends (seed property 4)."""

from __future__ import annotations

from datetime import timedelta

from apscheduler.schedulers.background import BackgroundScheduler

from app.agents import marketing, marketing_watch, planner
from app.agents.engine import DecisionEngine
from app.agents.runner import AgentRunner
from app.domain.clock import IST
from app.services import campaigns, catalog, consent, goals, market
from app.services import settings as settings_service
from app.store import agent_runs as run_store
from app.store import campaigns as store
from app.store import decisions as decision_store


def test_the_scheduler_runs_the_agents_week_on_monday_mornings(ctx, shop):
    consent.grant(ctx, shop["Ravi"], method="counter")
    settings_service.set_setting(ctx, "agents.limits_chosen", True)  # the seller let the agents act alone
    runner = AgentRunner(DecisionEngine(ctx), scheduler=BackgroundScheduler(timezone=IST))
    runner.start(now=ctx.now())
    try:
        job = runner.scheduler.get_job("agents.marketing")
        assert "day_of_week='mon'" in str(job.trigger) and "hour='10'" in str(job.trigger)
        runner._job("marketing")()  # what the scheduler calls
    finally:
        runner.shutdown()
    made = store.campaigns(ctx.store.db())
    assert [(c.segment, c.created_by) for c in made] == [("lapsed", "agent:marketing")]
    # no WhatsApp API connected: the seller sends it from the shop's phone; on the list, Ravi, the lapsed one who
    # agreed (the agent itself writes nothing as sent)
    assert store.campaign_totals(ctx.store.db(), made[0].id).messages == 0
    assert campaigns.to_send(ctx, made[0].id) == 1
    assert run_store.last_run_at(ctx.store.db(), "job:marketing") is not None


def test_nothing_goes_out_while_the_agents_are_switched_off(ctx, shop):
    consent.grant(ctx, shop["Ravi"], method="counter")
    settings_service.set_setting(ctx, "agents.enabled", False)
    assert marketing.run_on_engine(DecisionEngine(ctx)) is None
    assert store.campaigns(ctx.store.db()) == []


def test_nothing_goes_out_on_its_own_until_the_seller_has_chosen_the_limits(ctx, shop):
    consent.grant(ctx, shop["Ravi"], method="counter")
    waiting = marketing.run_on_engine(DecisionEngine(ctx))
    assert waiting is not None and waiting.started == [] and len(waiting.waiting) == 1  # in the approvals inbox
    assert store.campaigns(ctx.store.db()) == []
    DecisionEngine(ctx).reject(decision_store.approvals(ctx.store.db())[0].id)  # the seller said no to that one
    settings_service.set_setting(ctx, "agents.limits_chosen", True)
    assert marketing.run_on_engine(DecisionEngine(ctx)) is not None
    assert store.campaigns(ctx.store.db()) != []


def test_the_budget_is_granted_from_the_goals(ctx, shop):
    settings_service.set_setting(ctx, "marketing.weekly_budget_paise", 50_000)
    budget, why = marketing.granted_budget(ctx)
    assert budget == 50_000 and "No goal asks for more profit" in why
    today = ctx.today()
    goals.create_goal(ctx, description="More profit", metrics=[{"metric": "profit", "change_pct": 10}],
                      starts_on=today, ends_on=today + timedelta(days=90))
    pace = planner.baseline(ctx.store.db(), today)
    asked = round(0.25 * 0.10 * pace["profit_per_day"] * 7)
    budget, why = marketing.granted_budget(ctx)
    assert 0 < asked < 50_000 and budget == asked and "A quarter of the extra margin" in why
    settings_service.set_setting(ctx, "marketing.weekly_budget_paise", asked // 2)  # the seller's cap still binds
    assert marketing.granted_budget(ctx)[0] == asked // 2


def test_a_price_change_updates_or_pauses_the_campaign_at_once(ctx, shop):
    unwatch = marketing_watch.watch(ctx)
    try:
        first = campaigns.plan_campaign(ctx, sku="SALT1", segment="regulars", styles=("plain",), seed=1).id
        catalog.change_price(ctx, "SALT1", price_paise=2900)
        now = store.get_campaign(ctx.store.db(), first)
        assert now.quoted_price_paise == 2900 and now.status == "planned"
        assert "29" in store.variants(ctx.store.db(), first)[0].text_en
        catalog.change_price(ctx, "SALT1", price_paise=2450, confirmed=True)  # under the margin floor over cost
        now = store.get_campaign(ctx.store.db(), first)
        assert now.status == "paused" and "margin floor" in now.status_reason
        assert now.quoted_price_paise == 2900  # the paused text keeps what it said; nothing quotes the new price
    finally:
        unwatch()


def test_the_end_of_an_offer_pauses_the_campaign_that_quotes_it(ctx, shop):
    unwatch = marketing_watch.watch(ctx)
    try:
        today = ctx.today()
        promo = market.plan_promotion(ctx, sku="SALT1", price_paise=2700, starts_on=today,
                                      ends_on=today + timedelta(days=7)).id  # starts at once
        quoted = campaigns.plan_campaign(ctx, sku="SALT1", segment="regulars", styles=("plain",), seed=1).id
        assert store.get_campaign(ctx.store.db(), quoted).quoted_price_paise == 2700
        market.end_promotion(ctx, promo)
        now = store.get_campaign(ctx.store.db(), quoted)
        assert now.status == "paused" and "has ended" in now.status_reason
    finally:
        unwatch()
