"""Offers posted to the shop's Google Business Profile (v4 local posts, OFFER with the code as coupon)
through the outbox worker, against the simulator on 127.0.0.1: the refresh token is traded for an access
token; the post goes once with its code, title and dates; a revoked sign-in pauses the channel and keeps the
post; a reply lost after the post was made is found by its coupon code; a post lost before is made again."""

from __future__ import annotations

import pytest

from app.services import campaign_posts, campaigns, consent, khata
from app.sim.marketplace.google_business import ACCOUNT, CLIENT, LOCATION, REFRESH, book
from app.store import outbox, sync_state
from app.sync import setup


@pytest.fixture
def google(ctx, sim, credentials):
    def connect(refresh: str = REFRESH) -> None:
        setup.connect(ctx, channel="google", adapter="google_business", base_url=sim.url,
                      account={"account_id": ACCOUNT, "location_id": LOCATION, "oauth_url": f"{sim.url}/token"},
                      secrets={"refresh_token": refresh, "client_id": CLIENT[0], "client_secret": CLIENT[1]},
                      credentials=credentials)

    connect()
    return connect


@pytest.fixture
def offer(ctx, make_product):
    make_product("SALT1", name_en="Tata Salt 1 kg", name_hi="टाटा नमक 1 किलो", price_paise=2700, mrp_paise=3000)
    asha = int(khata.create_customer(ctx, name="Asha", phone="9876543210").id)
    consent.grant(ctx, asha, method="counter")
    return int(campaigns.plan_campaign(ctx, sku="SALT1", segment="all", styles=("plain",), seed=1).id)


def posts(sim) -> list[dict]:
    return book(sim.sim).posts


def post_row(ctx) -> outbox.OutboxRow:
    [found] = [r for r in outbox.rows(ctx.store.db(), channel="google") if r.op == "campaign.post"]
    return found


def test_an_offer_goes_on_the_google_profile_once_with_its_coupon_code(ctx, sim, google, offer, make_worker):
    campaign_posts.post_campaign(ctx, offer, channel="google")
    for _round in range(3):
        make_worker().drain(advance_clock=True)
    [posted] = posts(sim)
    row = post_row(ctx)
    code = row.payload["code"]
    assert posted["topicType"] == "OFFER" and posted["offer"]["couponCode"] == code
    assert posted["summary"] == row.payload["message"] and code in posted["summary"]
    assert posted["event"]["title"] == "Tata Salt 1 kg"
    today = ctx.today()
    assert posted["event"]["schedule"]["startDate"] == {"year": today.year, "month": today.month, "day": today.day}
    assert row.status == "applied" and row.remote_ref == posted["name"]
    # the same offer on Facebook is another post; on Google it is refused while the first stands
    with pytest.raises(Exception, match="already posted or waiting"):
        campaign_posts.post_campaign(ctx, offer, channel="google")


def test_a_revoked_sign_in_pauses_the_channel_and_keeps_the_post(ctx, sim, google, offer, make_worker):
    book(sim.sim).refresh_tokens.clear()  # the owner removed TAVYONIX's access in the Google account
    campaign_posts.post_campaign(ctx, offer, channel="google")
    make_worker().drain(advance_clock=True)
    channel = sync_state.get_channel(ctx.store.db(), "google")
    assert channel.paused_reason == "auth" and "Google refused the shop's sign-in" in channel.last_error
    assert post_row(ctx).status == "pending" and posts(sim) == []
    book(sim.sim).refresh_tokens.add("1//new")
    google(refresh="1//new")
    make_worker().drain(advance_clock=True)
    assert post_row(ctx).status == "applied" and len(posts(sim)) == 1


@pytest.mark.parametrize("fault", ["applied_no_reply", "drop"])
def test_a_lost_reply_or_a_lost_post_ends_with_one_post(ctx, sim, google, offer, make_worker, fault):
    sim.sim.faults.add(fault, "google.post", nth=(1,))
    campaign_posts.post_campaign(ctx, offer, channel="google")
    for _restart in range(4):
        make_worker().drain(advance_clock=True)
    assert len(posts(sim)) == 1
    row = post_row(ctx)
    assert row.status == "applied" and row.remote_ref == posts(sim)[0]["name"]


def test_without_a_connected_profile_nothing_is_queued(ctx, offer):
    with pytest.raises(Exception, match="No Google Business Profile is connected"):
        campaign_posts.post_campaign(ctx, offer, channel="google")
