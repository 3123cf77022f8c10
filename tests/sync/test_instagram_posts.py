"""An offer's picture posted on the shop's Facebook page, and from there on its Instagram business account in
two outbox steps (a media container, then its publication), against the simulator on 127.0.0.1: each step
once; a publish whose reply was lost is read back from the container's status and never published twice; a
container still being processed waits; a picture Instagram cannot fetch fails with a sentence."""

from __future__ import annotations

import pytest

from app.errors import InvalidState
from app.services import campaign_posts, campaigns, consent, khata
from app.sim.marketplace.facebook_page import PAGE_ID, TOKEN
from app.sim.marketplace.facebook_page import book as facebook_book
from app.sim.marketplace.instagram import IG_USER_ID
from app.sim.marketplace.instagram import book as instagram_book
from app.store import campaigns as campaign_store
from app.store import outbox
from app.sync import setup

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64  # enough of a picture for the simulator to take it as one


@pytest.fixture
def accounts(ctx, sim, credentials):
    setup.connect(ctx, channel="facebook", adapter="facebook_page", base_url=sim.url,
                  account={"page_id": PAGE_ID}, secrets={"access_token": TOKEN}, credentials=credentials)
    setup.connect(ctx, channel="instagram", adapter="instagram_business", base_url=sim.url,
                  account={"ig_user_id": IG_USER_ID}, secrets={"access_token": TOKEN}, credentials=credentials)


@pytest.fixture
def offer(ctx, make_product, tmp_path):
    make_product("SALT1", name_en="Tata Salt 1 kg", name_hi="टाटा नमक 1 किलो", price_paise=2700, mrp_paise=3000)
    asha = int(khata.create_customer(ctx, name="Asha", phone="9876543210").id)
    consent.grant(ctx, asha, method="counter")
    campaign = int(campaigns.plan_campaign(ctx, sku="SALT1", segment="all", seed=1).id)
    picture = tmp_path / "offer.png"
    picture.write_bytes(PNG)
    return campaign, str(picture)


def rows(ctx, op: str) -> list[outbox.OutboxRow]:
    return [r for r in outbox.rows(ctx.store.db()) if r.op == op]


def drain(make_worker, rounds: int = 4) -> None:
    for _round in range(rounds):
        make_worker().drain(advance_clock=True)


def test_the_picture_goes_on_the_page_then_on_instagram_each_step_once(ctx, sim, accounts, offer, make_worker):
    campaign, picture = offer
    campaign_posts.post_campaign(ctx, campaign, picture=picture, channel="instagram")
    drain(make_worker)
    fb, ig = facebook_book(sim.sim), instagram_book(sim.sim)
    [photo] = fb.photos.values()
    assert photo["data"] == PNG  # the file itself was uploaded
    code = campaign_store.variants(ctx.store.db(), campaign)[0].code
    assert code in photo["name"] and "₹27" in photo["name"]
    [media] = ig.media
    assert media["caption"] == photo["name"] and len(ig.containers) == 1
    [container] = rows(ctx, "instagram.container")
    [publish] = rows(ctx, "instagram.publish")
    assert container.status == publish.status == "applied"
    assert publish.payload["container"] == container.remote_ref and publish.remote_ref == media["id"]
    assert container.payload["image_url"].endswith(".png")  # the address Facebook serves the picture at
    with pytest.raises(InvalidState, match="already posted or waiting"):
        campaign_posts.post_campaign(ctx, campaign, picture=picture, channel="instagram")


@pytest.mark.parametrize("fault", ["applied_no_reply", "reset"])
def test_a_publish_whose_reply_was_lost_is_read_back_not_published_twice(ctx, sim, accounts, offer, make_worker,
                                                                           fault):
    campaign, picture = offer
    sim.sim.faults.add(fault, "instagram.publish", nth=(1,))
    campaign_posts.post_campaign(ctx, campaign, picture=picture, channel="instagram")
    drain(make_worker, rounds=6)
    ig = instagram_book(sim.sim)
    assert len(ig.media) == 1  # the simulator would publish the container again: the status read stopped it
    assert [r.status for r in rows(ctx, "instagram.publish")] == ["applied"]


def test_a_lost_container_is_made_again_and_only_one_goes_out(ctx, sim, accounts, offer, make_worker):
    campaign, picture = offer
    sim.sim.faults.add("applied_no_reply", "instagram.container", nth=(1,))
    campaign_posts.post_campaign(ctx, campaign, picture=picture, channel="instagram")
    drain(make_worker, rounds=6)
    ig = instagram_book(sim.sim)
    assert len(ig.containers) == 2 and len(ig.media) == 1  # the first container, never published, just expires


def test_a_container_still_processing_waits_and_then_publishes(ctx, sim, accounts, offer, make_worker):
    campaign, picture = offer
    instagram_book(sim.sim).processing = 2
    campaign_posts.post_campaign(ctx, campaign, picture=picture, channel="instagram")
    drain(make_worker, rounds=8)
    assert len(instagram_book(sim.sim).media) == 1
    assert rows(ctx, "instagram.publish")[0].status == "applied"


def test_a_picture_instagram_cannot_fetch_fails_with_a_sentence(ctx, sim, accounts, offer, make_worker):
    campaign, picture = offer
    sim.sim.faults.add("drop", "facebook.photo", nth=(1, 2, 3, 4, 5, 6, 7, 8))  # the address cannot be read
    campaign_posts.post_campaign(ctx, campaign, picture=picture, channel="instagram")
    drain(make_worker)
    [container] = rows(ctx, "instagram.container")
    assert container.status == "failed" and container.last_error.startswith("The offer")
    assert "public address" in container.last_error and instagram_book(sim.sim).media == []


def test_a_text_post_and_a_picture_post_are_two_posts(ctx, sim, accounts, offer, make_worker):
    campaign, picture = offer
    campaign_posts.post_campaign(ctx, campaign)
    campaign_posts.post_campaign(ctx, campaign, picture=picture)
    drain(make_worker)
    fb = facebook_book(sim.sim)
    assert len(fb.posts) == 2 and len(fb.photos) == 1 and instagram_book(sim.sim).media == []


def test_instagram_needs_a_picture_and_a_connected_account(ctx, sim, credentials, offer):
    campaign, picture = offer
    with pytest.raises(InvalidState, match="No Instagram business account is connected"):
        campaign_posts.post_campaign(ctx, campaign, picture=picture, channel="instagram")
    setup.connect(ctx, channel="instagram", adapter="instagram_business", base_url=sim.url,
                  account={"ig_user_id": IG_USER_ID}, secrets={"access_token": TOKEN}, credentials=credentials)
    with pytest.raises(InvalidState, match="needs the offer's picture"):
        campaign_posts.post_campaign(ctx, campaign, channel="instagram")
    assert outbox.rows(ctx.store.db()) == []


def test_a_google_offer_post_carries_the_picture_from_the_pages_photo(ctx, sim, accounts, offer, make_worker,
                                                                      credentials):
    from app.sim.marketplace.google_business import ACCOUNT, CLIENT, LOCATION, REFRESH
    from app.sim.marketplace.google_business import book as google_book

    setup.connect(ctx, channel="google", adapter="google_business", base_url=sim.url,
                  account={"account_id": ACCOUNT, "location_id": LOCATION, "oauth_url": f"{sim.url}/token"},
                  secrets={"refresh_token": REFRESH, "client_id": CLIENT[0], "client_secret": CLIENT[1]},
                  credentials=credentials)
    campaign, picture = offer
    campaign_posts.post_campaign(ctx, campaign, picture=picture, channel="google", language="hi")
    drain(make_worker)
    [photo_id] = facebook_book(sim.sim).photos
    [posted] = google_book(sim.sim).posts
    assert posted["media"] == [{"mediaFormat": "PHOTO", "sourceUrl": f"{sim.url}/fbcdn/{photo_id}.png"}]
    code = campaign_store.variants(ctx.store.db(), campaign)[0].code
    assert posted["offer"]["couponCode"] == code and posted["languageCode"] == "hi"
    [google_row] = [r for r in outbox.rows(ctx.store.db(), channel="google") if r.op == "campaign.post"]
    assert google_row.status == "applied" and instagram_book(sim.sim).media == []
