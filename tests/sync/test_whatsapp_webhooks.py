"""WhatsApp's webhook into the local API (``POST /v1/webhooks/whatsapp``): delivery and read receipts of
campaign messages sent through the outbox to the simulator are kept once each, however often Meta retries;
a "STOP" reply, WhatsApp's "Stop promotions" button or a 131050 failure withdraws consent at once, and the
next campaign reaches nobody on that number."""

from __future__ import annotations

import http.client
import json

import pytest

from app.api import Api, ApiServer
from app.api.auth import create_token
from app.services import campaigns, consent, khata
from app.sim.marketplace.whatsapp_webhooks import receipts, reply
from app.store import campaigns as campaign_store
from app.store import message_receipts
from app.sync import setup

PHONE_ID = "1065551234"
PEOPLE = (("Asha", "9876543210"), ("Ravi", "9876543211"), ("Meena", "9876543212"))


@pytest.fixture
def sent(ctx, make_product, sim, credentials, make_worker):
    """Three consented customers; a salt campaign sent to them by the API through the simulator."""
    setup.connect(ctx, channel="whatsapp", adapter="whatsapp", base_url=sim.url, account={"phone_number_id": PHONE_ID},
                  secrets={"access_token": "wa-token"}, credentials=credentials)
    sim.sim.credentials["whatsapp"] = "wa-token"
    make_product("SALT1", name_en="Tata Salt 1 kg")
    people = {}
    for name, phone in PEOPLE:
        people[name] = int(khata.create_customer(ctx, name=name, phone=phone).id)
        consent.grant(ctx, people[name], method="counter")
    campaign = int(campaigns.plan_campaign(ctx, sku="SALT1", segment="all", styles=("plain",), seed=1).id)
    campaigns.send_campaign(ctx, campaign, seed=1)
    for _round in range(3):
        make_worker().drain(advance_clock=True)
    assert len(sim.sim.delivered()) == 3
    return campaign, people


@pytest.fixture
def api(ctx):
    token = create_token(ctx, "webhook relay")
    server = ApiServer(Api(ctx=ctx, assistant=None), port=0).start()  # type: ignore[arg-type]
    yield server.port, token
    server.stop()


def post(api, payload) -> tuple[int, dict]:
    port, token = api
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    try:
        conn.request("POST", "/v1/webhooks/whatsapp", body=json.dumps(payload).encode(),
                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        response = conn.getresponse()
        return response.status, json.loads(response.read())
    finally:
        conn.close()


def test_receipts_are_kept_once_however_often_the_webhook_comes(ctx, sent, sim, api):
    campaign, _people = sent
    messages = sim.sim.delivered()
    read_first = receipts(messages[:1], "read")  # out of order: read before delivered
    assert post(api, read_first)[1]["receipts"] == {"read": 1}
    status, body = post(api, receipts(messages, "delivered"))
    assert status == 200 and body["receipts"] == {"delivered": 3} and body["repeated"] == 0
    status, body = post(api, receipts(messages, "delivered"))  # Meta retried the same call
    assert status == 200 and body["receipts"] == {} and body["repeated"] == 3
    assert message_receipts.receipt_counts(ctx.store.db(), campaign) == {"delivered": 3, "read": 1}
    assert campaigns.summaries(ctx)[0].read == 1  # the Marketing page's and `marketing list`'s "Read"
    events = ctx.store.db().execute("SELECT COUNT(*) FROM event WHERE type = 'MessageReceipts'").fetchone()[0]
    assert events == 2  # one per call that brought something new


def test_receipts_of_messages_the_shop_did_not_send_are_counted_not_kept(ctx, sent, sim, api):
    campaign, _people = sent
    stranger = sim.sim.delivered()[0]
    fake = receipts([stranger], "delivered")
    fake["entry"][0]["changes"][0]["value"]["statuses"][0]["id"] = "wamid.NOT-OURS"
    assert post(api, fake)[1]["unknown"] == 1
    assert message_receipts.receipt_counts(ctx.store.db(), campaign) == {}


def test_a_stop_reply_or_button_or_131050_withdraws_consent_at_once(ctx, sent, sim, api):
    _campaign, people = sent
    db = ctx.store.db
    at = sim.sim.delivered()[0].at
    status, body = post(api, reply(PHONE_ID, "919876543210", "STOP", at=at))
    assert status == 200 and body["stopped"] == ["919876543210"]
    assert campaign_store.current_consent(db(), people["Asha"]).granted == 0
    assert post(api, reply(PHONE_ID, "919876543210", "STOP", at=at))[1]["stopped"] == []  # said twice: one record
    assert post(api, reply(PHONE_ID, "919876543211", "Stop promotions", at=at, button=True))[1]["stopped"]
    meena = next(m for m in sim.sim.delivered() if m.to == "919876543212")
    assert post(api, receipts([meena], "failed", error_code=131050))[1]["stopped"] == ["919876543212"]
    assert post(api, reply(PHONE_ID, "919876543210", "Thank you", at=at))[1]["stopped"] == []
    assert campaign_store.reachable(db(), list(people.values())) == []
    logged = [c.method for c in campaign_store.consent_log(db())]
    assert logged.count("stop_reply") == 3
    # the next campaign reaches nobody: consent is honoured everywhere
    later = int(campaigns.plan_campaign(ctx, sku="SALT1", segment="all", styles=("plain",), seed=2).id)
    _changes, out = campaigns.send_campaign(ctx, later, seed=2)
    assert out == []


def test_what_is_not_a_whatsapp_webhook_is_refused(api):
    status, body = post(api, {"object": "page", "entry": []})
    assert status == 422 and "not a WhatsApp Business webhook" in body["error"]["message"]
