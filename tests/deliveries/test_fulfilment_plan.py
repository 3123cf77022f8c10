"""The operations agent's fulfilment plans: weights from the catalog, the box, every method's answer from
the rate cards (cost with GST, days, or why it cannot), the cheapest that arrives in time, the timeline,
and what it may choose alone within the seller's limits."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.agents import operations
from app.domain import fulfilment as rules
from app.services import deliveries, fulfilment_plans, sales, shop
from app.services import settings as settings_service
from app.services.deliveries import NewDelivery
from app.services.sales import RemoteLine, SaleLine

NEIGHBOURS = operations.rate_cards()["zones"]["neighbours"]


def test_zones_from_pin_codes():
    assert rules.zone_between("411038", "411052", NEIGHBOURS) == "local"  # Pune, one sorting district
    assert rules.zone_between("411038", "413001", NEIGHBOURS) == "regional"  # Solapur
    assert rules.zone_between("411038", "440001", NEIGHBOURS) == "zone"  # Nagpur
    assert rules.zone_between("411038", "560001", NEIGHBOURS) == "national"  # Bengaluru, a neighbouring zone
    assert rules.zone_between("411038", "110001", NEIGHBOURS) == "far"  # Delhi
    assert rules.zone_between("411038", "", NEIGHBOURS) == ""


def test_weights_come_from_the_catalog_or_are_said_to_be_assumed():
    assert rules.item_weight_g(unit="kg", qty_milli=1500, pack_size="", name="Sugar loose") == (1500, True)
    assert rules.item_weight_g(unit="pcs", qty_milli=2000, pack_size="", name="Tata Salt 1 kg") == (2000, True)
    assert rules.item_weight_g(unit="pcs", qty_milli=3000, pack_size="500 ml", name="Amul Taaza") == (1500, True)
    assert rules.item_weight_g(unit="pcs", qty_milli=1000, pack_size="", name="Dettol soap") == (500, False)
    spec = rules.pack([rules.PickLine("A", "Dettol soap", 1000, "pcs", 500, False),
                       rules.PickLine("B", "Kissan jam bottle", 1000, "pcs", 700, True)])
    assert spec.box_cm == (30, 20, 15) and spec.weight_g == 1350 and spec.fragile
    assert spec.volumetric_g == 30 * 20 * 15 * 1000 // 5000 == 1800 and spec.chargeable_g == 1800
    assert "weight:A:500" in spec.assumptions


def _card(code):
    return next(c for c in operations.rate_cards()["cards"] if c["code"] == code)


def test_rate_cards_price_a_parcel():
    small = rules.pack([rules.PickLine("A", "Tea 250 g", 1000, "pcs", 250, True)])  # 400 g with packing
    post = rules.quote(_card("indiapost"), zone="local", customer_pin="411052", packing=small, order_paise=50_000,
                       cod=False, gst_bp=1800, self_cost_paise=2000)
    assert post.serviceable and post.cost_paise == 3304 and post.days == 1  # Rs 28 + 18% GST (1 Oct 2025 tariff)
    far = rules.quote(_card("indiapost"), zone="far", customer_pin="110001", packing=small, order_paise=50_000,
                      cod=False, gst_bp=1800, self_cost_paise=2000)
    assert far.cost_paise == 10_974  # Rs 93 + GST
    courier = rules.quote(_card("aggregator"), zone="far", customer_pin="110001", packing=small, order_paise=50_000,
                          cod=True, gst_bp=1800, self_cost_paise=2000)
    # chargeable 600 g (box 20x15x10 = 600 g volumetric): first 500 g Rs 69 + one more 500 g Rs 65 + COD Rs 35
    assert courier.serviceable and courier.cost_paise == (6900 + 6500 + 3500) * 118 // 100
    andaman = rules.quote(_card("aggregator"), zone="far", customer_pin="744101", packing=small, order_paise=1,
                          cod=False, gst_bp=1800, self_cost_paise=0)
    assert not andaman.serviceable and andaman.reason == "pin_not_served"
    assert rules.quote(_card("indiapost"), zone="local", customer_pin="411052", packing=small, order_paise=1,
                       cod=True, gst_bp=1800, self_cost_paise=0).reason == "no_cod"
    assert rules.quote(_card("self"), zone="regional", customer_pin="413001", packing=small, order_paise=1,
                       cod=True, gst_bp=1800, self_cost_paise=0).reason == "too_far"


def test_the_cheapest_in_time_is_chosen_else_the_fastest_marked_late():
    now = datetime(2026, 12, 4, 6, tzinfo=UTC)
    slow_cheap = rules.ShippingOption("post", "Post", True, 3000, 5)
    fast_dear = rules.ShippingOption("courier", "Courier", True, 9000, 2)
    gone = rules.ShippingOption("self", "Own", False, 0, 0, "too_far")
    chosen, timeline, why = rules.choose([slow_cheap, fast_dear, gone], now=now, hand_over_by=now + timedelta(days=1),
                                         deliver_by=now + timedelta(days=6))
    assert chosen == slow_cheap and timeline.on_time and why == ("cheapest_on_time",)
    chosen, timeline, why = rules.choose([slow_cheap, fast_dear], now=now, hand_over_by=now + timedelta(days=1),
                                         deliver_by=now + timedelta(days=3))
    assert chosen == fast_dear and timeline.on_time
    chosen, timeline, why = rules.choose([slow_cheap, fast_dear], now=now, hand_over_by=now + timedelta(days=1),
                                         deliver_by=now + timedelta(days=1))
    assert chosen == fast_dear and not timeline.on_time and why == ("late_fastest",)
    assert rules.choose([gone], now=now, hand_over_by=now, deliver_by=now)[0] is None


@pytest.fixture
def pune(ctx, make_product):
    shop.update_shop(ctx, pincode="411038")
    make_product("ATTA", name_en="Aashirvaad Atta 5 kg", price_paise=26_000, mrp_paise=28_000, cost_paise=23_000,
                 hsn_code="1101")
    make_product("SOAP", name_en="Dettol soap", price_paise=4000, mrp_paise=4500, cost_paise=3500, hsn_code="3401")
    return ctx


def _delivery(ctx, pin):
    return deliveries.create(ctx, NewDelivery(customer_name="Sunita", address="Flat 4", pin=pin, lines=[
        SaleLine(sku="ATTA", qty_milli=1000), SaleLine(sku="SOAP", qty_milli=2000)])).id


def test_a_local_delivery_goes_with_the_shops_own_person_once_the_seller_has_chosen_limits(pune):
    ctx = pune
    view = fulfilment_plans.plan_for(ctx, _delivery(ctx, "411052"))
    plan = view.plan
    assert [(p.sku, p.weight_g, p.weight_known) for p in plan.picking] == [("ATTA", 5000, True),
                                                                            ("SOAP", 1000, False)]
    assert plan.packing.box_cm == (40, 30, 20) and plan.zone == "local"
    assert plan.chosen.code == "self" and plan.chosen.cost_paise == 2000 and plan.timeline.on_time
    answers = {o.code: (o.serviceable, o.reason) for o in plan.options}
    assert answers["indiapost"] == (False, "no_cod")  # paid at the door: Speed Post here takes no cash
    assert not view.verdict.alone and "agents limits" in view.verdict.reason  # limits not chosen: waits
    settings_service.set_setting(ctx, "agents.limits_chosen", True)
    assert fulfilment_plans.plan_for(ctx, plan.order_id).verdict.alone
    settings_service.set_setting(ctx, "operations.auto_ship_limit_paise", 1000)
    verdict = fulfilment_plans.plan_for(ctx, plan.order_id).verdict
    assert not verdict.alone and "₹20.00" in verdict.reason
    lines = fulfilment_plans.plan_lines(fulfilment_plans.plan_for(ctx, plan.order_id), ctx)
    assert any(line.startswith("→ ") and "Own delivery" in line for line in lines)


def test_a_far_delivery_goes_by_courier_with_cash_on_delivery(pune):
    ctx = pune
    plan = fulfilment_plans.plan_for(ctx, _delivery(ctx, "110001")).plan
    assert plan.zone == "far" and plan.chosen.code == "aggregator" and plan.chosen.illustrative
    # 40x30x20 box = 4.8 kg volumetric < 6.15 kg actual: 500 g + 12 x 500 g, plus COD 2% of Rs 340 (min Rs 35)
    assert plan.packing.chargeable_g == 6150
    assert plan.chosen.cost_paise == (6900 + 12 * 6500 + 3500) * 118 // 100


def test_a_marketplace_order_without_a_pin_code_is_priced_as_the_farthest_zone(pune):
    from app.services import catalog

    ctx = pune
    catalog.add_channel(ctx, code="shopify", name="Shopify")
    oid = sales.import_marketplace_order(ctx, channel="shopify", remote_id="1001", lines=[
        RemoteLine(sku="SOAP", qty_milli=1000, unit_price_paise=4000, remote_line_id="1001:1")]).id
    view = fulfilment_plans.plan_for(ctx, oid)
    plan = view.plan
    assert plan.zone == "far" and "pin_assumed_far" in plan.why
    # 500 g assumed + 150 g packing = 650 g: Speed Post above 2000 km Rs 93 + one more 500 g Rs 50, + GST
    assert plan.chosen.code == "indiapost" and plan.chosen.cost_paise == (9300 + 5000) * 118 // 100
    assert plan.timeline.on_time and not view.verdict.alone
    assert {o.code: o.reason for o in plan.options}["self"] == "too_far"
    lines = fulfilment_plans.plan_lines(view, ctx)
    assert "The marketplace did not send the PIN code: priced as the farthest zone." in lines
    shop.update_shop(ctx, pincode="")
    assert fulfilment_plans.plan_for(ctx, oid).plan.chosen is None  # nor the shop's own: nothing to price
