"""Campaign offers by the WhatsApp Business Cloud API, through the outbox worker, against the simulator on
127.0.0.1: an approved template with its parameters goes once per customer; a template not approved, a
number not on WhatsApp, a customer who stopped marketing messages fail with a sentence the seller can act on
(never silently); a rate limit waits and sends later; with no WhatsApp connected the offer stays a
click-to-chat link at no cost."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.services import campaigns, consent, khata
from app.services import settings as settings_service
from app.sim.marketplace.whatsapp_templates import book
from app.store import campaigns as campaign_store
from app.store import outbox
from app.sync import setup

PHONE_ID = "1065551234"
PEOPLE = (("Asha", "", "9876543210"), ("Ravi", "रवि", "9876543211"), ("Meena", "", "9876543212"))


@pytest.fixture
def offer(ctx, make_product):
    """Three consented customers and a planned campaign on salt to all of them."""
    make_product("SALT1", name_en="Tata Salt 1 kg", name_hi="टाटा नमक 1 किलो")
    for name, name_hi, phone in PEOPLE:
        customer = khata.create_customer(ctx, name=name, name_hi=name_hi, phone=phone).id
        consent.grant(ctx, customer, method="counter")
    return campaigns.plan_campaign(ctx, sku="SALT1", segment="all", styles=("plain",), seed=1).id


@pytest.fixture
def connected(ctx, sim, credentials):
    setup.connect(ctx, channel="whatsapp", adapter="whatsapp", base_url=sim.url, account={"phone_number_id": PHONE_ID},
                  secrets={"access_token": "wa-token"}, credentials=credentials)
    sim.sim.credentials["whatsapp"] = "wa-token"
    return sim


def rows(ctx):
    found = outbox.rows(ctx.store.db(), channel="whatsapp")
    return {r.payload["customer"]: r for r in found if r.op == "campaign.send"}


def test_offers_go_once_as_an_approved_template_with_their_cost(ctx, connected, offer, make_worker):
    _changes, sent = campaigns.send_campaign(ctx, offer, seed=1)
    assert len(sent) == 3
    messages = campaign_store.campaign_totals(ctx.store.db(), offer)
    assert messages.messages == 3 and messages.spend_paise == 3 * 88  # the API costs Meta's rate a message
    for _round in range(3):
        make_worker().drain(advance_clock=True)
    delivered = connected.sim.delivered()
    assert len(delivered) == 3 and sorted(m.to for m in delivered) == ["919876543210", "919876543211", "919876543212"]
    ravi = next(m for m in delivered if m.to == "919876543211")
    code = campaign_store.variants(ctx.store.db(), offer)[0].code
    assert ravi.body.startswith("[tavyonix_offer/hi] रवि | टाटा नमक 1 किलो | ₹28 | " + code)
    assert all(r.status == "applied" and r.remote_ref for r in rows(ctx).values())
    # sending the campaign again reaches nobody new, and the worker sends nothing twice
    _changes, again = campaigns.send_campaign(ctx, offer, seed=1)
    make_worker().drain(advance_clock=True)
    assert again == [] and len(connected.sim.delivered()) == 3


def test_refusals_fail_with_a_sentence_the_seller_can_act_on(ctx, connected, offer, make_worker):
    connected.sim.not_on_whatsapp.add("919876543210")
    book(connected.sim).opted_out.add("919876543211")
    book(connected.sim).approved["tavyonix_offer"] = ({"en"}, 5)  # the Hindi translation is not approved
    campaigns.send_campaign(ctx, offer, seed=1)
    make_worker().drain(advance_clock=True)
    found = {r.payload["to"]: r for r in rows(ctx).values()}
    assert [found[n].status for n in ("9876543210", "9876543211", "9876543212")] == ["failed", "failed", "applied"]
    assert "not a WhatsApp number" in found["9876543210"].last_error
    assert "has not approved the message template 'tavyonix_offer' in hi" in found["9876543211"].last_error
    assert [m.to for m in connected.sim.delivered()] == ["919876543212"]
    # Ravi's Hindi template approved, he then stops marketing messages on WhatsApp itself
    book(connected.sim).approved["tavyonix_offer"] = ({"en", "hi"}, 5)
    later = campaigns.plan_campaign(ctx, sku="SALT1", segment="all", styles=("plain",), seed=2).id
    ctx.clock.advance(timedelta(days=8))  # past the one-message-a-week rule
    campaigns.send_campaign(ctx, later, seed=1)
    make_worker().drain(advance_clock=True)
    last = [r for r in outbox.rows(ctx.store.db(), channel="whatsapp") if r.payload.get("campaign") == later]
    ravi = next(r for r in last if r.payload["to"] == "9876543211")
    assert ravi.status == "failed" and "has stopped offers from the shop on WhatsApp" in ravi.last_error


def test_a_rate_limit_waits_and_sends_later(ctx, connected, offer, make_worker):
    connected.sim.faults.add("http_429", "whatsapp.messages", nth=(1,))
    campaigns.send_campaign(ctx, offer, seed=1)
    for _round in range(4):
        make_worker().drain(advance_clock=True)
    assert sorted(r.status for r in rows(ctx).values()) == ["applied"] * 3
    assert len(connected.sim.delivered()) == 3


def test_without_whatsapp_connected_the_offer_is_a_free_link(ctx, offer):
    _changes, sent = campaigns.send_campaign(ctx, offer, seed=1)
    assert len(sent) == 3 and all(o.link.startswith("https://wa.me/91") for o in sent)
    assert campaign_store.campaign_totals(ctx.store.db(), offer).spend_paise == 0
    assert rows(ctx) == {}
    settings_service.set_setting(ctx, "marketing.send_via", "whatsapp_api")  # chosen: queued until connected
    later = campaigns.plan_campaign(ctx, sku="SALT1", segment="all", styles=("plain",), seed=2).id
    ctx.clock.advance(timedelta(days=8))
    campaigns.send_campaign(ctx, later, seed=1)
    assert len(rows(ctx)) == 3 and all(r.status == "pending" for r in rows(ctx).values())
