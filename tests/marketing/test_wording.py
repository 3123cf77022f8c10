"""The seller's own greeting for a campaign variant: used in the messages not sent yet, kept through a price
change (the price in the message is always the app's), and never able to drop the code or the STOP line."""

from __future__ import annotations

import pytest

from app.errors import InputError, InvalidState
from app.services import campaigns, catalog, consent
from app.store import campaigns as store


def test_the_greeting_is_the_sellers_and_the_price_code_and_stop_stay_ours(ctx, shop):
    consent.grant(ctx, shop["Asha"], method="counter")
    campaign = int(campaigns.plan_campaign(ctx, sku="SALT1", segment="regulars", styles=("plain",), seed=1).id)
    campaigns.edit_wording(ctx, campaign, "a", opening_en="Fresh stock for you, {name}!",
                           opening_hi="{name} जी, नया माल आया है!")
    [variant] = [v for v in store.variants(ctx.store.db(), campaign) if v.label == "A"]
    assert variant.text_en.startswith("Fresh stock for you, {name}! Tata Salt 1 kg")
    assert "₹28" in variant.text_en and variant.code in variant.text_en and "Reply STOP" in variant.text_en
    assert variant.text_hi.startswith("{name} जी, नया माल आया है!") and "STOP" in variant.text_hi
    catalog.change_price(ctx, "SALT1", price_paise=2_900)  # a new price within [floor, MRP]
    campaigns.reconcile(ctx, campaign_id=campaign)
    [variant] = [v for v in store.variants(ctx.store.db(), campaign) if v.label == "A"]
    assert variant.text_en.startswith("Fresh stock for you, {name}!") and "₹29" in variant.text_en
    _changes, sent = campaigns.send_campaign(ctx, campaign, seed=1)
    assert sent and sent[0].text.startswith("Fresh stock for you, Asha!")
    campaigns.edit_wording(ctx, campaign, "A", opening_en="", opening_hi="")  # back to the style's greeting
    assert store.variants(ctx.store.db(), campaign)[0].text_en.startswith("Namaste {name}!")


@pytest.mark.parametrize("text", ["Now {price} only!", "Code {code}", "x" * 161])
def test_a_greeting_cannot_take_over_the_price_or_the_code(ctx, shop, text):
    campaign = int(campaigns.plan_campaign(ctx, sku="SALT1", segment="regulars", seed=1).id)
    with pytest.raises(InputError):
        campaigns.edit_wording(ctx, campaign, "A", opening_en=text, opening_hi="")


def test_a_finished_campaign_keeps_its_words(ctx, shop):
    campaign = int(campaigns.plan_campaign(ctx, sku="SALT1", segment="regulars", seed=1).id)
    campaigns.set_status(ctx, campaign, "cancelled")
    with pytest.raises(InvalidState):
        campaigns.edit_wording(ctx, campaign, "A", opening_en="Hello {name}", opening_hi="")
