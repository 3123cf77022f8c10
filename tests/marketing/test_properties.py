"""Seed properties 3 and 4 for the marketing agent and its campaigns, on one real shop file.

Each example onboards a new item into the same shop (a fresh code), moves the shop's clock a week and a
day on (past the one-message-a-week cap), and checks what the shop's books say afterwards.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app import config
from app.agents import marketing
from app.domain.campaigns import floor_price
from app.domain.clock import ManualClock
from app.domain.money import format_inr
from app.paths import DataDir
from app.services import campaigns, catalog, consent, khata, market, sales
from app.services import settings as settings_service
from app.services import shop as shop_service
from app.services.sales import PaymentIn, SaleLine
from app.session import open_session
from app.store import campaigns as store
from tests.conftest import GSTIN, NOON_ISH

CATEGORIES = ("biscuits", "snacks", "spices")


class Shop:
    """One shop for all the examples of a test: base items, fans who agreed, fans who did not."""

    def __init__(self, folder) -> None:
        self.clock = ManualClock(NOON_ISH)
        self.session = open_session(DataDir(folder).ensure(), "m", create=True, clock=self.clock)
        self.ctx = ctx = self.session.ctx
        shop_service.create_shop(ctx, name="Test Kirana", state_code="27", gstin=GSTIN, upi_id="test@okaxis",
                                 address="1 Road", city="Pune")
        settings_service.set_setting(ctx, config.MARKETING_WEEKLY_BUDGET_PAISE.key, 10**9)
        settings_service.set_setting(ctx, config.AGENT_LIMITS_CHOSEN.key, True)  # the agent may act alone
        self.n = 0
        self.fans: dict[str, tuple[int, int, int]] = {}
        for i, category in enumerate(CATEGORIES):
            catalog.create_product(ctx, sku=f"BASE{i}", name_en=f"Base {category}", category=category,
                                   price_paise=1000, mrp_paise=1200, cost_paise=800, hsn_code="1905",
                                   opening_stock_milli=10**7)
            agreed = khata.create_customer(ctx, name=f"Yes {category}", phone=f"98{i}0000001").id
            silent = khata.create_customer(ctx, name=f"Silent {category}", phone=f"98{i}0000002").id
            revoked = khata.create_customer(ctx, name=f"Gone {category}", phone=f"98{i}0000003").id
            consent.grant(ctx, agreed, method="counter")
            consent.grant(ctx, revoked, method="counter")
            consent.revoke(ctx, revoked, method="stop_reply")
            self.fans[category] = (agreed, silent, revoked)

    def next_week(self) -> None:
        self.clock.set(self.clock.now() + timedelta(days=8))
        for i, category in enumerate(CATEGORIES):
            for customer in self.fans[category]:
                sales.record_sale(self.ctx, lines=[SaleLine(sku=f"BASE{i}", qty_milli=1000)],
                                  payments=[PaymentIn(method="cash", amount_paise=1000)], customer_id=customer)

    def new_sku(self) -> str:
        self.n += 1
        return f"NEW{self.n}"


@pytest.fixture(scope="module")
def one_shop(tmp_path_factory):
    made = Shop(tmp_path_factory.mktemp("marketing"))
    yield made
    made.session.close()


def sent_to(ctx, campaign_id: int) -> list[int]:
    return sorted(r[0] for r in ctx.store.db().execute(
        "SELECT customer_id FROM campaign_message WHERE campaign_id = ?", (campaign_id,)))


items = st.builds(lambda cost, markup, spread, floor_bp, category: (cost, markup, spread, floor_bp, category),
                  st.integers(100, 200_000), st.integers(0, 6000), st.integers(0, 3000), st.integers(0, 2500),
                  st.sampled_from(CATEGORIES))


def onboard(shop: Shop, item) -> tuple[str, int, int, int]:
    """A new item priced between its margin floor and its MRP; returns (sku, price, mrp, floor)."""
    cost, markup, spread, floor_bp, category = item
    settings_service.set_setting(shop.ctx, config.MARGIN_FLOOR_BP.key, floor_bp)
    floor = floor_price(cost, floor_bp)
    price = floor + floor * markup // 10_000
    mrp = price + price * spread // 10_000
    sku = shop.new_sku()
    catalog.create_product(shop.ctx, sku=sku, name_en=f"Item {sku}", category=category, price_paise=price,
                           mrp_paise=mrp, cost_paise=cost, hsn_code="1905", opening_stock_milli=5000)
    return sku, price, mrp, floor


@pytest.mark.slow
@given(item=items)
def test_every_onboarded_item_gets_a_campaign_the_agent_runs_by_itself(one_shop, item):
    """Feature: tavyonix-seller-os, Property 3: Autonomous Marketing Execution.
    For any item onboarded with its price between the margin floor and the MRP, the marketing agent's run
    plans a campaign for it and sends it, approved by nobody but itself, to every fan of its category who
    agreed to offers, and to no one who did not or who withdrew; its spend stays within the week's budget."""
    shop = one_shop
    shop.next_week()
    sku, price, _mrp, _floor = onboard(shop, item)
    spent_before = campaigns.weekly_spend(shop.ctx)
    result = marketing.run_week(shop.ctx, seed=shop.n)
    found = [c for c in store.campaigns(shop.ctx.store.db()) if c.sku == sku]
    assert len(found) == 1
    campaign = found[0]
    assert campaign.created_by == "agent:marketing" and campaign.approved == 1
    assert campaign.id in result.started
    if campaign.id in result.by_hand:
        # no WhatsApp API: the agent's campaign is the seller's to send from the shop's phone; it wrote nothing as
        # sent, and what the seller sends goes to the same consented fans
        assert campaign.status == "planned" and sent_to(shop.ctx, campaign.id) == []
        campaigns.send_campaign(shop.ctx, campaign.id)
        campaign = store.get_campaign(shop.ctx.store.db(), campaign.id)
    assert campaign.status == "running"
    agreed, silent, revoked = shop.fans[item[4]]
    assert sent_to(shop.ctx, campaign.id) == [agreed]
    assert campaign.quoted_price_paise == price
    budget = settings_service.get(shop.ctx.store, config.MARKETING_WEEKLY_BUDGET_PAISE)
    assert campaigns.weekly_spend(shop.ctx) - spent_before <= budget
    for other in store.campaigns(shop.ctx.store.db()):
        assert silent not in sent_to(shop.ctx, other.id) and revoked not in sent_to(shop.ctx, other.id)


changes = st.one_of(
    st.tuples(st.just("price"), st.integers(1, 20_000)),   # new shelf price, in hundredths of the old one
    st.tuples(st.just("cost"), st.integers(5_000, 30_000)),  # new cost, in hundredths of the old one
    st.tuples(st.just("floor"), st.integers(0, 20_000)),     # a new margin floor
    st.tuples(st.just("promotion_end"), st.just(0)),
)


@pytest.mark.slow
@given(item=items, change=changes)
def test_a_campaign_never_goes_out_with_a_stale_or_forbidden_price(one_shop, item, change):
    """Feature: tavyonix-seller-os, Property 4: Marketing Optimization and Coordination.
    Whatever happens to an item's price after its campaign was planned (a new shelf price, a new cost, a new
    margin floor, the end of the promotion it advertised), the next send either quotes the item's price as it
    is now, at most its MRP and at least its margin floor, or sends nothing and leaves the campaign paused."""
    shop = one_shop
    shop.next_week()
    sku, price, mrp, _floor = onboard(shop, item)
    ctx = shop.ctx
    kind, amount = change
    if kind == "promotion_end":
        market.plan_promotion(ctx, sku=sku, price_paise=price, starts_on=ctx.today(),
                              ends_on=ctx.today() + timedelta(days=3), confirmed=True)
    campaign_id = campaigns.plan_campaign(ctx, sku=sku, segment="category_fans", segment_arg=item[4],
                                          seed=shop.n).id
    product = catalog.get_product(ctx.store.db(), sku)
    if kind == "price":
        catalog.change_price(ctx, sku, price_paise=max(1, min(mrp, price * amount // 10_000)), confirmed=True)
    elif kind == "cost":
        catalog.update_product(ctx, sku, cost_paise=product.cost_paise * amount // 10_000, confirmed=True)
    elif kind == "floor":
        settings_service.set_setting(ctx, config.MARGIN_FLOOR_BP.key, amount)
    else:
        promo = next(p for p in market.market_store.open_promotions(ctx.store.db()) if p.sku == sku)
        market.end_promotion(ctx, promo.id, confirmed=True)
    _changes, out = campaigns.send_campaign(ctx, campaign_id, seed=shop.n)
    now = catalog.get_product(ctx.store.db(), sku)
    campaign = store.get_campaign(ctx.store.db(), campaign_id)
    floor_bp = settings_service.get(ctx.store, config.MARGIN_FLOOR_BP)
    allowed = now.price_paise <= now.mrp_paise and now.price_paise >= floor_price(now.cost_paise, floor_bp)
    if kind == "promotion_end" or not allowed:
        assert out == [] and campaign.status == "paused"
    else:
        assert campaign.status == "running" and len(out) == 1
        shown = format_inr(now.price_paise, decimals=now.price_paise % 100 != 0)
        assert campaign.quoted_price_paise == now.price_paise
        assert all(shown in o.text for o in out)
        for variant in store.variants(ctx.store.db(), campaign_id):
            assert shown in variant.text_en and shown in variant.text_hi
