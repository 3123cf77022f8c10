"""Offers posted to the shop's Facebook page (Graph API ``/{page_id}/feed``) through the outbox worker,
against the simulator on 127.0.0.1: posted once with the offer's words and code; a refused token pauses the
channel and keeps the post; a reply lost after Facebook made the post is found in the page's feed and not
posted twice; a post lost before it was made is posted again; a page blocked from posting fails with a
sentence; a second post of the same offer is refused."""

from __future__ import annotations

import pytest

from app.errors import InvalidState
from app.services import campaign_posts, campaigns, consent, khata
from app.sim.marketplace.facebook_page import PAGE_ID, TOKEN, book
from app.store import campaigns as campaign_store
from app.store import outbox, sync_state
from app.sync import setup


@pytest.fixture
def page(ctx, sim, credentials):
    def connect(token: str = TOKEN) -> None:
        setup.connect(ctx, channel="facebook", adapter="facebook_page", base_url=sim.url,
                      account={"page_id": PAGE_ID}, secrets={"access_token": token}, credentials=credentials)

    connect()
    return connect


@pytest.fixture
def offer(ctx, make_product):
    make_product("SALT1", name_en="Tata Salt 1 kg", name_hi="टाटा नमक 1 किलो", price_paise=2700, mrp_paise=3000)
    asha = int(khata.create_customer(ctx, name="Asha", phone="9876543210").id)
    consent.grant(ctx, asha, method="counter")
    return int(campaigns.plan_campaign(ctx, sku="SALT1", segment="all", styles=("plain", "festival"), seed=1,
                                       festival="diwali").id)


def posts(sim) -> list[dict]:
    return [p for p in book(sim.sim).posts if p["page"] == PAGE_ID]


def post_row(ctx) -> outbox.OutboxRow:
    [found] = [r for r in outbox.rows(ctx.store.db(), channel="facebook") if r.op == "campaign.post"]
    return found


def test_an_offer_is_posted_once_with_its_words_and_code(ctx, sim, page, offer, make_worker):
    campaign_posts.post_campaign(ctx, offer, language="hi")
    for _round in range(3):
        make_worker().drain(advance_clock=True)
    [posted] = posts(sim)
    code = next(v.code for v in campaign_store.variants(ctx.store.db(), offer) if v.label == "A")
    assert code in posted["message"]
    assert "टाटा नमक 1 किलो" in posted["message"] and "₹27" in posted["message"] and "(MRP ₹30)" in posted["message"]
    assert posted["message"].endswith("बताएँ।") and "STOP" not in posted["message"]
    row = post_row(ctx)
    assert row.status == "applied" and row.remote_ref == posted["id"]
    with pytest.raises(InvalidState, match="already posted or waiting"):
        campaign_posts.post_campaign(ctx, offer)
    campaign_posts.post_campaign(ctx, offer, variant="B")  # the other variant's code is another post
    make_worker().drain(advance_clock=True)
    assert len(posts(sim)) == 2
    assert ctx.store.db().execute("SELECT COUNT(*) FROM event WHERE type = 'CampaignPosted'").fetchone()[0] == 2


def test_a_refused_token_pauses_the_channel_and_keeps_the_post(ctx, sim, page, offer, make_worker):
    book(sim.sim).token = "a-newer-token"  # the seller changed the page's password: the old token is dead
    campaign_posts.post_campaign(ctx, offer)
    make_worker().drain(advance_clock=True)
    channel = sync_state.get_channel(ctx.store.db(), "facebook")
    assert channel.paused_reason == "auth" and "Facebook refused the page's access token" in channel.last_error
    assert post_row(ctx).status == "pending" and posts(sim) == []
    page(token="a-newer-token")
    make_worker().drain(advance_clock=True)
    assert post_row(ctx).status == "applied" and len(posts(sim)) == 1


@pytest.mark.parametrize("fault", ["applied_no_reply", "reset"])
def test_a_reply_lost_after_the_post_was_made_is_found_not_posted_twice(ctx, sim, page, offer, make_worker, fault):
    sim.sim.faults.add(fault, "facebook.post", nth=(1,))
    campaign_posts.post_campaign(ctx, offer)
    for _restart in range(4):
        make_worker().drain(advance_clock=True)
    assert len(posts(sim)) == 1
    row = post_row(ctx)
    assert row.status == "applied" and row.remote_ref == posts(sim)[0]["id"]


def test_a_post_lost_before_it_was_made_is_posted_again_once(ctx, sim, page, offer, make_worker):
    sim.sim.faults.add("drop", "facebook.post", nth=(1,))
    campaign_posts.post_campaign(ctx, offer)
    for _restart in range(4):
        make_worker().drain(advance_clock=True)
    assert len(posts(sim)) == 1 and post_row(ctx).status == "applied"


def test_a_page_blocked_from_posting_fails_with_a_sentence(ctx, sim, page, offer, make_worker):
    book(sim.sim).blocked = True
    campaign_posts.post_campaign(ctx, offer)
    make_worker().drain(advance_clock=True)
    row = post_row(ctx)
    assert row.status == "failed" and row.last_error.startswith("Facebook has blocked the page from posting")
    assert posts(sim) == []
    assert sync_state.get_channel(ctx.store.db(), "facebook").paused_reason is None


def test_without_a_connected_page_nothing_is_queued(ctx, offer):
    with pytest.raises(InvalidState, match="No Facebook page is connected"):
        campaign_posts.post_campaign(ctx, offer)
    assert [r for r in outbox.rows(ctx.store.db(), channel="facebook")] == []
