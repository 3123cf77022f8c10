"""WhatsApp purchase orders through the outbox worker, against the simulator's Cloud API on 127.0.0.1:
delivered once when the network returns, a refused token pauses the channel, Retry-After is honoured,
a message that may or may not have gone out is left to the seller (never sent twice), a number WhatsApp
refuses fails with a clear message, and ``sync connect`` sets the channel up."""

from __future__ import annotations

import json

import pytest

from app.errors import InputError
from app.services import purchasing, suppliers
from app.services.purchasing import PoLine
from app.store import open_store, outbox, sync_state
from app.sync import setup, status
from app.sync.marketplaces.whatsapp import GRAPH_URL, e164

PHONE_ID = "1065551234"
TOKEN = "wa-token"
NUMBER = "9876543210"
TO = "919876543210"


class Crash(Exception):
    pass


@pytest.fixture
def whatsapp(ctx, sim, credentials):
    """The 'whatsapp' channel, connected to the simulator (the messaging channel is added by connect)."""

    def make(token: str = TOKEN) -> str:
        setup.connect(ctx, channel="whatsapp", adapter="whatsapp", base_url=sim.url,
                      account={"phone_number_id": PHONE_ID}, secrets={"access_token": token}, credentials=credentials)
        return "whatsapp"

    return make


@pytest.fixture
def send_po(ctx, make_product):
    """Order 10 of an item from a supplier (WhatsApp ``number``) and send the order: returns its outbox row."""
    made = {"n": 0}

    def send(number: str = NUMBER) -> outbox.OutboxRow:
        made["n"] += 1
        sku = f"ATTA{made['n']}"
        make_product(sku, name_en="Aashirvaad Atta 5 kg", price_paise=26_000, mrp_paise=27_500, cost_paise=24_000)
        supplier = suppliers.create_supplier(ctx, name=f"Gupta Traders {made['n']}", whatsapp=number).id
        po = purchasing.create_purchase_order(ctx, supplier_id=supplier, lines=[PoLine(sku=sku, qty_milli=10_000)],
                                              confirmed=True).id
        purchasing.send_purchase_order(ctx, po)
        return outbox.rows(ctx.store.db(), channel="whatsapp")[-1]

    return send


def row(ctx, row_id: str) -> outbox.OutboxRow:
    found = outbox.get(ctx.store.db(), row_id)
    assert found is not None
    return found


def issues(ctx) -> list[tuple[str, str, str]]:
    return [(c, k, r) for c, k, r, _d, _at in sync_state.open_issues(ctx.store.db())]


def test_e164_numbers():
    assert [e164(n) for n in ("98765 43210", "+91 98765-43210", "919876543210", "02024567890", "+44 7911 123456",
                              "0044 7911 123456")] == [TO, TO, TO, "912024567890", "447911123456", "447911123456"]
    assert [e164(n) for n in ("12345", "", None, "+91 98765", "abc", "5876543210")] == [None] * 6


def test_order_sent_offline_is_delivered_once_when_the_network_returns(ctx, sim, whatsapp, send_po, make_worker):
    queued = send_po()  # sent before WhatsApp was even connected: it waits in the outbox
    assert queued.status == "pending" and queued.payload["to"] == NUMBER
    whatsapp()
    sim.go_offline()
    worker = make_worker()
    report = worker.drain(advance_clock=True)
    assert report.offline and row(ctx, queued.id).status == "pending" and row(ctx, queued.id).attempts == 0
    assert sim.sim.delivered() == []
    sim.go_online()
    worker.drain(advance_clock=True)
    worker.drain(advance_clock=True)
    sent = row(ctx, queued.id)
    delivered = sim.sim.delivered()
    assert len(delivered) == 1, delivered
    assert delivered[0].to == TO and delivered[0].phone_number_id == PHONE_ID
    assert delivered[0].body == queued.payload["text"] and queued.payload["po_no"] in delivered[0].body
    assert sent.status == "applied" and sent.remote_ref == delivered[0].id
    assert issues(ctx) == []


def test_refused_token_pauses_the_channel_and_keeps_the_order(ctx, sim, whatsapp, send_po, make_worker):
    whatsapp(token="expired-token")
    queued = send_po()
    make_worker().drain(advance_clock=True)
    channel = sync_state.get_channel(ctx.store.db(), "whatsapp")
    assert channel.paused_reason == "auth"
    assert "WhatsApp refused the access token" in channel.last_error
    assert row(ctx, queued.id).status == "pending"  # nothing is lost
    assert ("whatsapp", "needs_reauth", "whatsapp") in issues(ctx)
    assert status.snapshot(ctx.store).headline.startswith("WhatsApp login needed")
    assert sim.sim.delivered() == []
    whatsapp(token=TOKEN)  # connected again with a good token: unpaused, the issue is closed
    make_worker().drain(advance_clock=True)
    assert row(ctx, queued.id).status == "applied" and len(sim.sim.delivered()) == 1
    assert issues(ctx) == []


def test_429_retry_after_is_honoured_and_graph_throttling_waits(ctx, sim, whatsapp, send_po, make_worker, clock):
    from app.domain.clock import from_iso
    from app.sim.marketplace.core import Bucket

    whatsapp()
    first = send_po()
    sim.sim.faults.add("http_429", "whatsapp.messages", nth=(1,))
    worker = make_worker()
    worker.run_once()
    waiting = row(ctx, first.id)
    assert waiting.status == "pending" and waiting.attempts == 1 and sim.sim.delivered() == []
    assert round((from_iso(waiting.next_attempt_at) - clock.now()).total_seconds()) == 1  # Retry-After: 1
    worker.drain(advance_clock=True)
    assert row(ctx, first.id).status == "applied" and len(sim.sim.delivered()) == 1
    # Meta's own throttling answer is a 400 with code 130429: waited out too, never a failure
    second = send_po("9876543211")
    with sim.sim.lock:  # WhatsApp's throughput is spent for the next two seconds
        sim.sim.buckets["whatsapp.messages"] = Bucket(0.5, 1)
        sim.sim.buckets["whatsapp.messages"].tokens = 0
    make_worker().drain(advance_clock=True)
    assert sim.sim.throttled["whatsapp.messages"] >= 1
    assert row(ctx, second.id).status == "applied" and len(sim.sim.delivered("919876543211")) == 1


def test_unavailable_503_is_retried_and_delivered_once(ctx, sim, whatsapp, send_po, make_worker):
    whatsapp()
    queued = send_po()
    sim.sim.faults.add("http_503", "whatsapp.messages", nth=(1,))
    make_worker().drain(advance_clock=True)
    assert row(ctx, queued.id).status == "applied" and row(ctx, queued.id).attempts == 2
    assert len(sim.sim.delivered()) == 1 and issues(ctx) == []


@pytest.mark.parametrize("fault", ["applied_no_reply", "error_applied", "crash_after_send"])
def test_unconfirmed_message_is_left_to_the_seller_and_never_sent_twice(fault, ctx, sim, whatsapp, send_po,
                                                                        make_worker):
    whatsapp()
    queued = send_po()
    po_no = queued.payload["po_no"]
    if fault == "crash_after_send":  # the app dies after WhatsApp took the message, before the answer is saved

        def die(step: str) -> None:
            if step == "sent":
                raise Crash(step)

        with pytest.raises(Crash):
            make_worker(crash_hook=die).drain(advance_clock=True)
        assert row(ctx, queued.id).status == "in_flight"
    else:
        sim.sim.faults.add(fault, "whatsapp.messages", nth=(1,))
    for _restart in range(3):  # restarts and retries of the worker never send it again
        make_worker().drain(advance_clock=True)
    assert len(sim.sim.delivered()) == 1  # WhatsApp got it once
    left = row(ctx, queued.id)
    assert left.status == "failed"
    supplier = queued.payload["supplier"]
    assert supplier.startswith("Gupta Traders")  # the message names the supplier the seller knows
    assert left.last_error == (f"Could not confirm that order {po_no} reached {supplier} (+91 98765 43210) on "
                               "WhatsApp; check WhatsApp before sending it again.")
    assert issues(ctx) == [("whatsapp", "unconfirmed_send", po_no)]
    assert "1 failed" in status.snapshot(ctx.store).headline
    # the seller looked on the phone, did not find it, and presses retry: sent again, on purpose, once
    status.retry_failed(ctx)
    make_worker().drain(advance_clock=True)
    assert row(ctx, queued.id).status == "applied" and len(sim.sim.delivered()) == 2
    assert issues(ctx) == []


def test_a_number_whatsapp_refuses_fails_with_a_clear_message(ctx, sim, whatsapp, send_po, make_worker):
    whatsapp()
    sim.sim.not_on_whatsapp.add("919876500000")
    queued = send_po("98765 00000")
    make_worker().drain(advance_clock=True)
    refused = row(ctx, queued.id)
    assert refused.status == "failed" and refused.attempts == 1
    assert refused.last_error.startswith(
        f"WhatsApp cannot deliver to {refused.payload['supplier']} (+91 98765 00000): it is not a WhatsApp number.")
    assert refused.payload["po_no"] in refused.last_error
    assert sim.sim.delivered() == [] and issues(ctx) == []
    assert sync_state.get_channel(ctx.store.db(), "whatsapp").paused_reason is None
    # a number that is no phone number at all is refused when the order is queued, and never sent
    with ctx.store.write() as db:
        bad = outbox.enqueue(db, channel="whatsapp", kind="command", op="purchase_order.send", entity_id="PO-X",
                             payload={"po_no": "PO-X", "to": "12345", "text": "Order PO-X"}, at=ctx.now_iso())
    assert row(ctx, bad).status == "failed" and "'12345' is not a phone number WhatsApp" in row(ctx, bad).last_error
    make_worker().drain(advance_clock=True)
    assert sim.sim.delivered() == [] and row(ctx, bad).attempts == 0


def test_sync_connect_sets_up_whatsapp_and_sync_run_sends(session, data, sim, send_po, capsys, memory_keyring):
    from tests.sync.test_cli_and_widget import parser

    queued = send_po()
    session.close()
    account = json.dumps({"phone_number_id": PHONE_ID})
    args = parser().parse_args(["sync", "connect", "wa", "--adapter", "whatsapp", "--account", account])
    with pytest.raises(InputError, match="connect WhatsApp as 'whatsapp'"):
        args.handler(args, data)
    args = parser().parse_args(["sync", "connect", "whatsapp", "--adapter", "whatsapp", "--account", "{}"])
    with pytest.raises(InputError, match="phone number id"):
        args.handler(args, data)
    args = parser().parse_args(["sync", "connect", "whatsapp", "--adapter", "whatsapp", "--account", account,
                                "--secret", "access_token=first-token"])
    assert args.handler(args, data) == 0  # no --url: Meta's Graph API
    assert "whatsapp is connected to whatsapp" in capsys.readouterr().out
    store = open_store(session.store.path, exclusive=False)
    channel = sync_state.get_channel(store.db(), "whatsapp")
    kind = store.db().execute("SELECT kind FROM channel WHERE code = 'whatsapp'").fetchone()[0]
    store.close()
    assert (channel.adapter, channel.base_url, channel.account, kind) == (
        "whatsapp", GRAPH_URL, {"phone_number_id": PHONE_ID}, "messaging")
    args = parser().parse_args(["sync", "connect", "whatsapp", "--adapter", "whatsapp", "--url", sim.url,
                                "--account", account, "--secret", f"access_token={TOKEN}"])
    assert args.handler(args, data) == 0
    capsys.readouterr()
    args = parser().parse_args(["sync", "run"])
    assert args.handler(args, data) == 0
    assert "applied 1" in capsys.readouterr().out
    assert [m.body for m in sim.sim.delivered(TO)] == [queued.payload["text"]]
